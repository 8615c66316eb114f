import Foundation
public import SkyGeodesy
public import SkyModel

/// One radar of a scenario (`sensors.json` → `radars[]`).
public struct ScenarioRadar: Sendable, Hashable {
    /// `radar_id` as referenced by `plots.csv`.
    public var radarID: Int
    /// The sensor description (SI units, radians); `id` is `SensorID(sac: 0, sic: radarID)`.
    public var description: SensorDescription
    /// Whether the radar reports Mode S addresses.
    public var reportsModeS: Bool
}

/// A tracking scenario in the benchmark format (docs/scenario-format.md): radars and their plots.
///
/// Truth is loaded separately (`loadTruth`) because a tracker must never read it.
public struct Scenario: Sendable {
    /// Scenario name.
    public var name: String
    /// Time zero, UNIX seconds (UTC).
    public var epochUnixSeconds: Double
    /// Plots and truth cover `0 ≤ t ≤ durationSeconds` relative to the epoch.
    public var durationSeconds: Double
    /// Suggested origin of a local plane (the system reference point).
    public var reference: GeodeticPosition
    /// The radars.
    public var radars: [ScenarioRadar]
    /// All plots in time order; `time` is UNIX seconds (epoch + file time), `plotID` is `plot_id`.
    public var plots: [RadarPlot]
    /// The folder it was read from (`builtin` for the embedded one).
    public var directory: String

    /// The sensor id used for a scenario `radar_id`.
    public static func sensorID(radarID: Int) -> SensorID { SensorID(sac: 0, sic: UInt8(truncatingIfNeeded: radarID)) }

    /// Reads `sensors.json` and `plots.csv` from `directory` (or the embedded scenario for `"builtin"`).
    ///
    /// - Throws: `ScenarioError` naming the file, line and column of the first malformed value.
    /// - Complexity: O(number of plots); about 10 M plot lines per second in release.
    public static func load(directory: String) throws(ScenarioError) -> Scenario {
        if directory == "builtin" { return try builtin() }
        var scenario = try loadSensors(path: directory + "/sensors.json")
        scenario.directory = directory
        scenario.plots = try loadPlots(
            path: directory + "/plots.csv",
            epochUnixSeconds: scenario.epochUnixSeconds,
            radars: scenario.radars
        )
        return scenario
    }

    /// The embedded real-flight scenario: the first 10 minutes of the `dev` benchmark (see `Builtin/PROVENANCE.md`).
    public static func builtin() throws(ScenarioError) -> Scenario {
        guard let dir = builtinDirectory else {
            throw ScenarioError(file: "builtin", line: 0, column: 0, message: "embedded scenario resource not found")
        }
        var s = try load(directory: dir)
        s.directory = dir
        return s
    }

    /// The folder of the embedded scenario inside the resource bundle, if present.
    public static var builtinDirectory: String? {
        Bundle.module.url(forResource: "paris-10min", withExtension: nil, subdirectory: "Builtin")?.path
    }

    /// Reads truth.csv from `directory` (`builtin` allowed). For scoring only.
    public static func loadTruth(directory: String) throws(ScenarioError) -> [TruthRow] {
        let dir = directory == "builtin" ? (builtinDirectory ?? directory) : directory
        return try TruthRow.load(path: dir + "/truth.csv")
    }
}
