import Foundation
public import SkyModel
import SkyIO
public import SkyTracking

/// `skywatch track` with any input and output: radar plots from a scenario or an ASTERIX recording, optionally
/// fused with ADS-B; the picture out as tracks.csv, CAT062/CAT065 in a file, or CAT062/CAT065 by UDP.
public enum FusionPipeline {
    /// Tracker and output choices.
    public struct Options: Sendable {
        /// Associator and filter.
        public var associator: AssociatorKind = .gnn
        public var filter: FilterKind = .imm
        /// Tracker parameters.
        public var configuration = TrackerConfiguration()
        /// ADS-B fusion parameters.
        public var adsbConfiguration = ADSBFusionConfiguration()
        /// SDPS identity of CAT062/CAT065 output.
        public var sdps = SensorID(sac: 0, sic: 200)
        /// UDP output pacing, × real time (`nil`: as fast as possible).
        public var speed: Double?

        public init() {}
    }

    /// What a run did and how fast.
    public struct Summary: Sendable {
        /// Input name, plots and ADS-B reports.
        public var name: String
        public var plots: Int
        public var reports: Int
        /// Tracker and fusion counters.
        public var statistics: TrackingSession.FusedStatistics
        /// Track rows (displayed tracks × cycles), cycles, and ASTERIX data blocks (file or datagrams) written.
        public var rows: Int
        public var cycles: Int
        public var blocks: Int
        /// Wall time of the tracking loop (including the per-second reports), s; of loading and writing, s.
        public var trackingSeconds: Double
        public var ioSeconds: Double
        /// Data duration, s.
        public var durationSeconds: Double
        /// Input notes (decoding counts and errors).
        public var notes: [String]

        /// Plots and ADS-B reports per second of wall time in the tracking loop.
        public var measurementsPerSecond: Double { Double(plots + reports) / Swift.max(trackingSeconds, 1e-9) }

        /// Human-readable lines.
        public var lines: [String] {
            let t = statistics.tracker, a = statistics.adsb
            var l = notes
            l.append("input \(name): \(plots) plots, \(reports) ADS-B reports, \(Int(durationSeconds)) s")
            l.append(
                "tracks initiated \(t.tracksInitiated) (\(a.tracksInitiated) by ADS-B), confirmed \(t.tracksConfirmed), "
                    + "merged \(t.tracksMerged), deleted \(t.tracksDeleted)")
            l.append(
                "plots associated \(t.plotsAssociated), rejected \(t.plotsRejected), "
                    + "numerical failures \(t.numericalFailures)")
            if reports > 0 {
                l.append(
                    "ADS-B applied \(a.applied) (by address \(a.appliedByAddress), late \(a.appliedLate), adopted by "
                        + "unaddressed tracks \(a.adoptedByUnaddressedTrack)); rejected by position gate "
                        + "\(a.rejectedByPositionGate), altitude gate \(a.rejectedByAltitudeGate); late dropped "
                        + "\(a.late), unusable \(a.unusable), ambiguous \(a.ambiguous); identity splits \(a.identitySplits)")
            }
            l.append("cycles \(cycles), track rows \(rows)" + (blocks > 0 ? ", ASTERIX blocks \(blocks)" : ""))
            l.append(
                String(
                    format: "wall time tracking %.3f s (load+write %.3f s): %.0f plots+reports/s, %.0f× real time",
                    trackingSeconds, ioSeconds, measurementsPerSecond,
                    durationSeconds / Swift.max(trackingSeconds, 1e-9)))
            return l
        }
    }

    /// Runs the tracker over `input` and writes the picture to `output` (nothing when `nil`).
    /// - Parameters:
    ///   - loadSeconds: wall time already spent loading `input`, for the summary.
    /// - Throws: output errors (file creation, socket).
    public static func run(
        input: TrackInput, output: TrackOutputTarget?, options: Options = Options(), loadSeconds: Double = 0
    ) async throws -> Summary {
        var picture = TrackPictureRecording()
        picture.rows.reserveCapacity(Int(input.durationSeconds) * 64)
        let t1 = ContinuousClock.now
        let statistics = TrackingSession.run(
            plots: input.plots, reports: input.reports, sensors: input.sensors, reference: input.reference,
            configuration: options.configuration, adsbConfiguration: options.adsbConfiguration,
            associator: options.associator, filter: options.filter,
            reportTimes: output == nil ? nil : input.reportTimes,
            report: { time, report, position in picture.add(time: time, report: report, position: position) },
            endOfCycle: { time in picture.endCycle(time: time) })
        let t2 = ContinuousClock.now
        var blocks = 0
        switch output {
        case nil: break
        case .csv(let path):
            try picture.writeCSV(path: path, epochUnixSeconds: input.epochUnixSeconds)
        case .asterix(let path):
            let encoded = TrackOutputASTERIX(reference: input.reference, sdps: options.sdps).blocks(of: picture)
            var bytes: [UInt8] = []
            for b in encoded { bytes += b.block }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            blocks = encoded.count
        case .udp(let host, let port):
            let encoded = TrackOutputASTERIX(reference: input.reference, sdps: options.sdps).blocks(of: picture)
            let sender = try await SimUDPSender.open(host: host, port: port)
            let start = ContinuousClock.now
            let first = encoded.first?.time ?? 0
            for b in encoded {
                if let speed = options.speed {
                    let due = start.advanced(by: .nanoseconds(Int64(Double(b.time - first) / speed * 1e9)))
                    if due > ContinuousClock.now { try await Task.sleep(until: due, clock: .continuous) }
                }
                try await sender.send(b.block)
            }
            try await sender.close()
            blocks = encoded.count
        }
        let t3 = ContinuousClock.now
        return Summary(
            name: input.name, plots: input.plots.count, reports: input.reports.count, statistics: statistics,
            rows: picture.rows.count, cycles: picture.cycles.count, blocks: blocks,
            trackingSeconds: seconds(t2 - t1), ioSeconds: loadSeconds + seconds(t3 - t2),
            durationSeconds: input.durationSeconds, notes: input.notes)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

extension FusionPipeline {
    /// Reads the ADS-B fusion parameters from the `"adsb"` object of a tracker configuration JSON file (any subset
    /// of ``ADSBFusionConfiguration``'s keys; absent: the defaults).
    /// - Throws: a readable error naming the file.
    public static func loadADSBConfiguration(path: String) throws -> ADSBFusionConfiguration {
        struct File: Decodable { var adsb: ADSBFusionConfiguration? }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            return try JSONDecoder().decode(File.self, from: data).adsb ?? ADSBFusionConfiguration()
        } catch {
            throw ConfigError("\(path): invalid \"adsb\" configuration: \(error)")
        }
    }
}
