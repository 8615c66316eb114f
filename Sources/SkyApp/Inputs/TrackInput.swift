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
    /// ADS-B reports held in memory (CAT021 of an ASTERIX recording), sorted by time (UNIX seconds).
    public var reports: [ADSBReport] = []
    /// Mode S recordings whose ADS-B reports are decoded while the run reads them (``addADSB(path:format:timeBase:)``).
    public var adsbFiles: [ADSBFileSpec] = []
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

    /// The plots, the reports and the ADS-B recordings' reports merged in time order (a plot before a report of the
    /// same time, the in-memory reports before the recordings'), one at a time. Each call opens the recordings
    /// anew.
    public var inputs: MergedInputs { MergedInputs(plots: plots, reports: reports, files: adsbFiles) }

    /// Every ADS-B report in delivery order: the in-memory ones and the recordings' decoded whole (what the run
    /// will fuse; for tests and small files — a run itself streams the recordings).
    public func allADSBReports() -> [ADSBReport] {
        var merged = MergedInputs(plots: [], reports: reports, files: adsbFiles)
        var out: [ADSBReport] = []
        while let item = merged.next() {
            if case .adsb(let r) = item { out.append(r) }
        }
        return out
    }

    /// The whole UNIX seconds at which tracks are reported.
    public var reportTimes: ClosedRange<Int> {
        let start = Int(epochUnixSeconds.rounded(.down))
        return start...(start + Int(durationSeconds.rounded(.up)))
    }
}

/// Time-sorted plots and reports, and ADS-B recordings decoded as they are read, merged lazily into one sequence
/// of surveillance inputs (no copy of the inputs).
public struct MergedInputs: Sequence, IteratorProtocol {
    let plots: [RadarPlot]
    let reports: [ADSBReport]
    let streams: [ADSBReportStream]
    var i = 0
    var j = 0
    /// ADS-B reports delivered (in memory and from the recordings).
    public private(set) var reportsDelivered = 0

    init(plots: [RadarPlot], reports: [ADSBReport], files: [ADSBFileSpec] = []) {
        self.plots = plots
        self.reports = reports
        streams = files.map { ADSBReportStream($0) }
    }

    public mutating func next() -> SurveillanceInput? {
        // The earliest head; ties: plot, then in-memory report, then the recordings in order.
        var time = i < plots.count ? plots[i].time : Double.infinity
        var source = i < plots.count ? 0 : -1
        if j < reports.count && reports[j].time < time {
            time = reports[j].time
            source = 1
        }
        for (k, s) in streams.enumerated() {
            if let t = s.peekTime(), t < time || source < 0 {
                time = t
                source = 2 + k
            }
        }
        switch source {
        case 0:
            defer { i += 1 }
            return .radar(plots[i])
        case 1:
            defer { j += 1 }
            reportsDelivered += 1
            return .adsb(reports[j])
        case let k where k >= 2:
            guard let r = streams[k - 2].next() else { return nil }
            reportsDelivered += 1
            return .adsb(r)
        default:
            return nil
        }
    }

    /// The recordings' summary lines (counts, errors, time-base warnings); complete once the inputs are exhausted.
    public var notes: [String] { streams.flatMap(\.lines) }
}
