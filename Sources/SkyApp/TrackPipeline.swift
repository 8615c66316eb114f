import Foundation
import SkyGeodesy
import SkyModel
public import SkyScenario
public import SkyTracking

/// The `skywatch track` pipeline: load a scenario, run the tracker over its plots, write `tracks.csv`.
public enum TrackPipeline {
    /// What a run did and how fast.
    public struct Summary: Sendable {
        /// Scenario name.
        public var scenario: String
        /// Plots processed.
        public var plots: Int
        /// Tracker counters.
        public var statistics: TrackerStatistics
        /// Rows written to tracks.csv.
        public var rowsWritten: Int
        /// Wall time of the tracking loop (including the per-second reports), s.
        public var trackingSeconds: Double
        /// Wall time of loading and writing, s.
        public var ioSeconds: Double
        /// Scenario duration, s.
        public var scenarioSeconds: Double

        /// Plots per second of wall time in the tracking loop.
        public var plotsPerSecond: Double { Double(plots) / Swift.max(trackingSeconds, 1e-9) }

        /// Human-readable lines.
        public var lines: [String] {
            [
                "scenario \(scenario): \(plots) plots, \(Int(scenarioSeconds)) s",
                "tracks initiated \(statistics.tracksInitiated), confirmed \(statistics.tracksConfirmed), "
                    + "merged \(statistics.tracksMerged), deleted \(statistics.tracksDeleted)",
                "plots associated \(statistics.plotsAssociated), rejected \(statistics.plotsRejected), "
                    + "numerical failures \(statistics.numericalFailures)",
                "rows written \(rowsWritten)",
                String(
                    format: "mean normalised innovation squared %.2f (2 if consistent)",
                    statistics.innovationChiSquareSum / Double(Swift.max(1, statistics.innovationCount))),
                String(
                    format: "wall time tracking %.3f s (load+write %.3f s): %.0f plots/s, %.0f× real time",
                    trackingSeconds, ioSeconds, plotsPerSecond, scenarioSeconds / Swift.max(trackingSeconds, 1e-9)),
            ]
        }
    }

    /// Reads a tracker configuration JSON file (any subset of keys; the rest keep their defaults).
    /// - Throws: a readable error naming the file.
    public static func loadConfiguration(path: String) throws -> TrackerConfiguration {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            return try JSONDecoder().decode(TrackerConfiguration.self, from: data)
        } catch {
            throw ScenarioError(file: path, line: 0, column: 0, message: "invalid tracker configuration: \(error)")
        }
    }

    /// Runs the tracker on a scenario folder (or `builtin`) and writes tracks.csv to `output` (if not `nil`).
    public static func run(
        scenario directory: String, output: String?, associator: AssociatorKind = .gnn, filter: FilterKind = .imm,
        configuration: TrackerConfiguration = TrackerConfiguration()
    ) throws -> Summary {
        let t0 = Date()
        let scenario = try Scenario.load(directory: directory)
        let epoch = Int(scenario.epochUnixSeconds)
        let times = epoch...(epoch + Int(scenario.durationSeconds))
        // Stream rows to the writer in chunks: memory stays bounded by one chunk (a 20,000-target run held every
        // row, ~750 MB), and the time spent formatting and writing is measured per flush and kept out of the
        // tracking time.
        let chunkRows = 65_536
        var rows: [(time: Int, report: TrackReport, lat: Double, lon: Double)] = []
        rows.reserveCapacity(chunkRows)
        var writer = try output.map { try TracksCSV.Writer(path: $0) }
        var rowsWritten = 0
        var writeSeconds = 0.0
        var writeError: (any Error)?
        func flush() {
            guard writer != nil, writeError == nil, !rows.isEmpty else { return }
            let start = Date()
            do {
                for r in rows {
                    try writer!.write(
                        time: r.time, trackID: r.report.number, latitudeDegrees: r.lat, longitudeDegrees: r.lon,
                        altitudeMetres: r.report.height, vx: r.report.velocity.x, vy: r.report.velocity.y,
                        modeA: r.report.modeA, icao24: r.report.address)
                }
            } catch {
                writeError = error
            }
            rowsWritten += rows.count
            rows.removeAll(keepingCapacity: true)
            writeSeconds += Date().timeIntervalSince(start)
        }
        let t1 = Date()
        let statistics = TrackingSession.run(
            plots: scenario.plots, sensors: scenario.radars.map(\.description), reference: scenario.reference,
            configuration: configuration, associator: associator, filter: filter,
            reportTimes: output == nil ? nil : times
        ) { time, report, position in
            rows.append((Int(time) - epoch, report, position.latitudeDegrees, position.longitudeDegrees))
            if rows.count >= chunkRows { flush() }
        }
        let t2 = Date()
        flush()
        if let writeError { throw writeError }
        if let w = writer.take() { try w.close() }
        let t3 = Date()
        return Summary(
            scenario: scenario.name, plots: scenario.plots.count, statistics: statistics, rowsWritten: rowsWritten,
            trackingSeconds: t2.timeIntervalSince(t1) - writeSeconds,
            ioSeconds: t1.timeIntervalSince(t0) + t3.timeIntervalSince(t2) + writeSeconds,
            scenarioSeconds: scenario.durationSeconds)
    }
}
