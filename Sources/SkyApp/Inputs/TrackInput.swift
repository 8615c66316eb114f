import Foundation
public import SkyGeodesy
public import SkyModel
import SkyScenario

/// What `skywatch track` tracks: radar plots (a scenario folder or an ASTERIX recording), optionally ADS-B
/// reports, and the time frame of the output.
public struct TrackInput: Sendable {
    /// Name for the summary (scenario name or file name).
    public var name: String
    /// The radars.
    public var sensors: [SensorDescription]
    /// The system reference point (tangent point of the tracker's plane).
    public var reference: GeodeticPosition
    /// Radar plots, sorted by time (UNIX seconds).
    public var plots: [RadarPlot]
    /// ADS-B reports, sorted by time (UNIX seconds).
    public var reports: [ADSBReport] = []
    /// Time zero of tracks.csv (relative whole seconds), UNIX seconds: the scenario epoch when known.
    public var epochUnixSeconds: Double
    /// Output covers `epoch … epoch + duration`, seconds.
    public var durationSeconds: Double
    /// Lines for the summary: decoding counts and errors of the inputs.
    public var notes: [String] = []

    /// The radar plots of a scenario folder (`sensors.json`, `plots.csv`) or of `builtin`.
    /// - Throws: `ScenarioError` naming file, line and column.
    public static func scenario(directory: String) throws -> TrackInput {
        let s = try Scenario.load(directory: directory)
        return TrackInput(
            name: s.name,
            sensors: s.radars.map(\.description),
            reference: s.reference,
            plots: s.plots,
            epochUnixSeconds: s.epochUnixSeconds,
            durationSeconds: s.durationSeconds
        )
    }

    /// The radar plots of an ASTERIX recording (CAT048 plots, CAT034 scan timing; raw blocks or pcap/pcapng).
    ///
    /// `sensors` is either an ASTERIX sensors configuration (`ASTERIXSensorsConfig`: SAC/SIC → site and
    /// accuracy) or a scenario's `sensors.json` (radar `radar_id` ↔ SAC 0 / SIC `radar_id`, as the simulator
    /// encodes it). With a scenario file the reference point, epoch and duration come from it (so tracks.csv lines
    /// up with that scenario's truth) and raw ASTERIX times of day are resolved on the epoch's day; with an ASTERIX
    /// configuration the reference point is the mean of the sites and the output spans the plots.
    /// - Throws: unreadable files, malformed configuration; data errors are counted in `notes`.
    public static func asterix(path: String, sensors sensorsPath: String) throws -> TrackInput {
        guard let data = FileManager.default.contents(atPath: sensorsPath) else {
            throw ConfigError("\(sensorsPath): cannot read file")
        }
        let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        let scenario: Scenario?
        var config: ASTERIXSensorsConfig
        if root?["radars"] != nil {
            let s = try Scenario.loadSensorsFile(path: sensorsPath)
            config = try ASTERIXSensorsConfig.parse(Data(#"{"sensors": []}"#.utf8), name: sensorsPath)
            config.sensors = s.radars.map(\.description)
            // Times of day resolve near the start: CAT001's time wraps every 512 s, so a mid-run reference would put
            // the plots before the first CAT002 message a wrap late; CAT048's full time of day is unaffected.
            config.referenceUnixSeconds = s.epochUnixSeconds
            scenario = s
        } else {
            config = try ASTERIXSensorsConfig.load(path: sensorsPath)
            scenario = nil
        }
        guard !config.sensors.isEmpty else { throw ConfigError("\(sensorsPath): no sensors") }
        let loaded = try ASTERIXRecording.load(path: path, config: config)
        var notes = ["asterix \(path): \(loaded.plots.count) plots of \(loaded.sensors.count) configured sensors"]
        if !loaded.errors.isEmpty {
            notes.append("asterix \(path): \(loaded.errors.count) decoding errors, first: \(loaded.errors[0])")
        }
        for (id, n) in loaded.unconfiguredPlots.sorted(by: { $0.key < $1.key }) {
            notes.append("asterix \(path): \(n) plots of unconfigured sensor \(id) skipped")
        }
        let sites = loaded.sensors.map(\.site)
        let reference =
            scenario?.reference
            ?? GeodeticPosition(
                latitude: sites.map(\.latitude).reduce(0, +) / Double(sites.count),
                longitude: sites.map(\.longitude).reduce(0, +) / Double(sites.count)
            )
        if !loaded.adsbReports.isEmpty {
            notes.append("asterix \(path): \(loaded.adsbReports.count) ADS-B reports (CAT021)")
        }
        let first = loaded.plots.first?.time ?? 0
        let last = loaded.plots.last?.time ?? first
        let epoch = scenario?.epochUnixSeconds ?? first.rounded(.down)
        return TrackInput(
            name: scenario?.name ?? (path as NSString).lastPathComponent,
            sensors: loaded.sensors,
            reference: reference,
            plots: loaded.plots,
            reports: loaded.adsbReports,
            epochUnixSeconds: epoch,
            durationSeconds: scenario?.durationSeconds ?? (last - epoch).rounded(.up),
            notes: notes
        )
    }

    /// The plots and reports merged in time order (a plot before a report of the same time), one at a time.
    public var inputs: MergedInputs { MergedInputs(plots: plots, reports: reports) }

    /// The whole UNIX seconds at which tracks are reported.
    public var reportTimes: ClosedRange<Int> {
        let start = Int(epochUnixSeconds.rounded(.down))
        return start...(start + Int(durationSeconds.rounded(.up)))
    }
}

/// Two time-sorted arrays merged lazily into one sequence of surveillance inputs (no copy of the inputs).
public struct MergedInputs: Sequence, IteratorProtocol, Sendable {
    let plots: [RadarPlot]
    let reports: [ADSBReport]
    var i = 0
    var j = 0

    init(plots: [RadarPlot], reports: [ADSBReport]) {
        self.plots = plots
        self.reports = reports
    }

    public mutating func next() -> SurveillanceInput? {
        if i < plots.count && (j == reports.count || plots[i].time <= reports[j].time) {
            defer { i += 1 }
            return .radar(plots[i])
        }
        guard j < reports.count else { return nil }
        defer { j += 1 }
        return .adsb(reports[j])
    }
}
