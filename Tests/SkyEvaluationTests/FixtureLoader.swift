import Foundation
import SkyEvaluation

/// Reads the fixture CSVs with the reference scorer's rules (`load_truth`, `load_tracks` in evaluate.py).
///
/// Kept deliberately small and local to the tests: the production reader is SkyScenario's; this one only
/// needs the fixture files written by `Fixtures/make_fixtures.py`.
enum FixtureLoader {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func url(_ name: String) throws -> URL {
        guard let base = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw Failure(description: "Fixtures folder missing from the test bundle")
        }
        return base.appendingPathComponent(name)
    }

    static func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, f))
        }
    }

    static func truth() throws -> [TruthSample] {
        var ids: [String: Int] = [:]
        return try rows("tiny/truth.csv").map { r in
            let id = r["truth_id"]!
            let dense = ids[id] ?? ids.count
            ids[id] = dense
            return TruthSample(
                time: Int(Double(r["time"]!)!.rounded(.toNearestOrEven)), truthID: dense,
                latitudeDegrees: Double(r["lat"]!)!, longitudeDegrees: Double(r["lon"]!)!,
                altitudeMetres: Double(r["alt_m"] ?? ""), coverageCount: Int(r["n_cov"] ?? "") ?? 1)
        }
    }

    static func tracks(_ name: String) throws -> (samples: [TrackSample], offEpoch: Int) {
        var ids: [String: Int] = [:]
        var off = 0
        var out: [TrackSample] = []
        for r in try rows(name) {
            let t = Double(r["time"]!)!
            let whole = t.rounded(.toNearestOrEven)
            guard abs(t - whole) <= 0.01 else {
                off += 1
                continue
            }
            let id = r["track_id"]!
            let dense = ids[id] ?? ids.count
            ids[id] = dense
            out.append(TrackSample(
                time: Int(whole), trackID: dense, latitudeDegrees: Double(r["lat"]!)!,
                longitudeDegrees: Double(r["lon"]!)!, altitudeMetres: Double(r["alt_m"] ?? "")))
        }
        return (out, off)
    }

    static func evaluate(case name: String) throws -> EvaluationReport {
        let (tracks, off) = try tracks("tracks_\(name).csv")
        return TrackEvaluator().evaluate(truth: try truth(), tracks: tracks, rowsOffEpoch: off)
    }
}
