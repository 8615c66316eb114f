import Foundation
import SkyEvaluation
import SkyScenario

/// Reads the fixtures with the production readers (SkyScenario's `Scenario.loadTruth`, `TracksCSV.read`) and
/// the reference's reading rules (`EvaluationInput`), as `skywatch evaluate` does.
enum FixtureLoader {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func path(_ name: String) throws -> String {
        guard let base = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw Failure(description: "Fixtures folder missing from the test bundle")
        }
        return base.appendingPathComponent(name).path
    }

    static func input(case name: String) throws -> EvaluationInput {
        var input = EvaluationInput()
        for r in try Scenario.loadTruth(directory: try path("tiny")) {
            input.appendTruth(
                time: r.time,
                truthID: r.truthID,
                latitudeDegrees: r.latitudeDegrees,
                longitudeDegrees: r.longitudeDegrees,
                altitudeMetres: r.altitudeMetres,
                coverageCount: r.coverageCount
            )
        }
        for r in try TracksCSV.read(path: try path("tracks_\(name).csv")) {
            input.appendTrack(
                time: r.time,
                trackID: r.trackID,
                latitudeDegrees: r.latitudeDegrees,
                longitudeDegrees: r.longitudeDegrees,
                altitudeMetres: r.altitudeMetres
            )
        }
        return input
    }

    static func evaluate(case name: String) throws -> EvaluationReport {
        let input = try input(case: name)
        return TrackEvaluator().evaluate(truth: input.truth, tracks: input.tracks, rowsOffEpoch: input.rowsOffEpoch)
    }
}
