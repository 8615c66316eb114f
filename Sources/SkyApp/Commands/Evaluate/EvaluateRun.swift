import Foundation
public import SkyEvaluation
public import SkyScenario

/// `skywatch evaluate`: reads a scenario's truth and a tracker's `tracks.csv`, and scores them exactly as
/// `../shared/bench/evaluate.py` does (see `TrackEvaluator`).
public struct EvaluationRun: Sendable {
    /// The metrics.
    public var report: EvaluationReport
    /// Truth rows as scored (dense identifiers), in file order.
    public var truth: [TruthSample]
    /// Track rows on whole seconds (dense identifiers), in file order.
    public var tracks: [TrackSample]
    /// `truth_id` of each dense truth identifier.
    public var truthNames: [Int]
    /// `track_id` text of each dense track identifier.
    public var trackNames: [String]
    /// Class of each dense truth identifier (truth.csv `class` column), `nil` where the file has none.
    public var truthClasses: [String?]
    /// Scores per target class, sorted by class name; empty when the truth has no `class` column.
    public var classScores: [ClassScore]
    /// Scan period used for the delays in scans: the shortest `rotation_period_s` of the scenario's radars,
    /// `nil` when `sensors.json` is absent or declares none.
    public var scanPeriodSeconds: Double?
    /// The tracks file's name (last path component), for titles.
    public var tracksFileName: String
    /// Wall time spent reading the files, seconds.
    public var loadSeconds: Double
    /// Wall time spent scoring, seconds.
    public var evaluateSeconds: Double

    /// Reads `DIR/truth.csv` and the tracks file and scores them.
    ///
    /// Reading follows the reference: a track row counts at epoch round(time) (half to even) when
    /// |time − round(time)| ≤ 0.01 s, and is otherwise dropped and counted in `rows_off_epoch`; track identifiers
    /// are compared as text (`"7"` and `"07"` are different tracks).
    /// - Parameters:
    ///   - scenarioDirectory: scenario folder (or `builtin`); only its `truth.csv` is read.
    ///   - tracksPath: the tracker's `tracks.csv`.
    ///   - cutoffMetres: OSPA/GOSPA cut-off c and association gate, metres (> 0; benchmark 1000).
    ///   - order: OSPA/GOSPA order p (≥ 1; benchmark 2).
    /// - Throws: `ScenarioError` naming file, line and column of the first malformed value.
    public static func run(
        scenarioDirectory: String,
        tracksPath: String,
        cutoffMetres: Double = 1000,
        order: Double = 2
    ) throws(ScenarioError) -> EvaluationRun {
        let configuration = EvaluationConfiguration(cutoffMetres: cutoffMetres, order: order)
        let start = ContinuousClock.now
        let truthRows = try Scenario.loadTruth(directory: scenarioDirectory)
        let trackRows = try TracksCSV.read(path: tracksPath)
        let loaded = ContinuousClock.now
        let (input, classOfTruth) = adapt(truthRows: truthRows, trackRows: trackRows)
        let report = TrackEvaluator(configuration: configuration).evaluate(
            truth: input.truth,
            tracks: input.tracks,
            rowsOffEpoch: input.rowsOffEpoch
        )
        let done = ContinuousClock.now
        let period = scanPeriod(scenarioDirectory: scenarioDirectory)
        let classes = input.truthNames.map { classOfTruth[$0] }
        return EvaluationRun(
            report: report,
            truth: input.truth,
            tracks: input.tracks,
            truthNames: input.truthNames,
            trackNames: input.trackNames,
            truthClasses: classes,
            classScores: report.classScores(classOfTruth: classes, scanPeriodSeconds: period),
            scanPeriodSeconds: period,
            tracksFileName: (tracksPath as NSString).lastPathComponent,
            loadSeconds: seconds(loaded - start),
            evaluateSeconds: seconds(done - loaded)
        )
    }

    /// Converts the file rows to the evaluator's samples (dense identifiers, off-epoch rows counted).
    /// Also returns the class of each file `truth_id` (its first row with a class).
    static func adapt(
        truthRows: [TruthRow],
        trackRows: [TrackRow]
    ) -> (input: EvaluationInput, classOfTruth: [Int: String]) {
        var input = EvaluationInput()
        var classOfTruth: [Int: String] = [:]
        for r in truthRows {
            if let c = r.targetClass, classOfTruth[r.truthID] == nil { classOfTruth[r.truthID] = c }
            input.appendTruth(
                time: r.time,
                truthID: r.truthID,
                latitudeDegrees: r.latitudeDegrees,
                longitudeDegrees: r.longitudeDegrees,
                altitudeMetres: r.altitudeMetres,
                coverageCount: r.coverageCount
            )
        }
        for r in trackRows {
            input.appendTrack(
                time: r.time,
                trackID: r.trackID,
                latitudeDegrees: r.latitudeDegrees,
                longitudeDegrees: r.longitudeDegrees,
                altitudeMetres: r.altitudeMetres
            )
        }
        return (input, classOfTruth)
    }

    /// The shortest declared rotation period of the scenario's radars, seconds, or `nil`.
    static func scanPeriod(scenarioDirectory: String) -> Double? {
        let path = scenarioDirectory == "builtin" ? nil : scenarioDirectory + "/sensors.json"
        guard let path, FileManager.default.fileExists(atPath: path),
            let scenario = try? Scenario.loadSensorsFile(path: path)
        else { return nil }
        return scenario.radars.compactMap(\.description.rotationPeriodSeconds).filter { $0 > 0 }.min()
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
