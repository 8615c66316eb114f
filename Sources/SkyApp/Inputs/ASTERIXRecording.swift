import Foundation
public import SkyASTERIX
public import SkyModel

/// Radar input from ASTERIX recordings: CAT048 plots with CAT034 scan timing, for the tracker.
public enum ASTERIXRecording {
    /// What a recording yielded.
    public struct Loaded: Sendable {
        /// The configured sensors; a rotation period missing from the configuration is filled from CAT034.
        public var sensors: [SensorDescription]
        /// Plots of configured sensors, sorted by time (stable).
        public var plots: [RadarPlot]
        /// Per-sensor scan state learnt from CAT034.
        public var scanState: [SensorID: RadarPlotAssembler.SensorScanState]
        /// Plots dropped because their SAC/SIC is not in the configuration, by sensor.
        public var unconfiguredPlots: [SensorID: Int]
        /// Decoding errors (each skipped the rest of its data block).
        public var errors: [DecodeError]
        /// ADS-B reports from CAT021 records (all ground stations; not filtered by the configuration), by time.
        public var adsbReports: [ADSBReport]
        /// Records of categories other than 021/034/048 (ignored).
        public var otherRecords: Int
    }

    /// Loads the radar plots (CAT048 + CAT034) and ADS-B reports (CAT021) of a recording (raw blocks or
    /// pcap/pcapng) for the sensors of `sensorsConfig`.
    /// - Returns: the sensors and their plots, sorted by time.
    /// - Throws: when a file cannot be read or parsed (decoding errors in the data are skipped; see `load`).
    public static func loadPlots(path: String, sensorsConfig: String) throws -> (
        sensors: [SensorDescription], plots: [RadarPlot]
    ) {
        let l = try load(path: path, config: ASTERIXSensorsConfig.load(path: sensorsConfig))
        return (l.sensors, l.plots)
    }

    /// Loads a recording with a parsed configuration; see `Loaded`.
    public static func load(path: String, config: ASTERIXSensorsConfig, format: ASTERIXInputFormat? = nil) throws
        -> Loaded
    {
        let bytes = try ASTERIXFile.read(path: path)
        return try load(bytes: bytes, config: config, format: format ?? ASTERIXFile.detectFormat(bytes))
    }

    /// Loads a recording held in memory.
    /// - Throws: `DecodeError` when a capture file is malformed.
    public static func load(bytes: [UInt8], config: ASTERIXSensorsConfig, format: ASTERIXInputFormat) throws -> Loaded {
        // Raw files carry no date: resolve times of day near the configured date (or the UNIX epoch's day).
        var assembler = RadarPlotAssembler(reference: config.referenceUnixSeconds ?? 43_200)
        let known = Set(config.sensors.map(\.id))
        var plots: [RadarPlot] = []
        var unconfigured: [SensorID: Int] = [:]
        var errors: [DecodeError] = []
        var other = 0
        var adsb: [ADSBReport] = []
        var report = CAT048Report()
        var message = CAT034Message()

        func decodePayload(start: Int, end: Int, captureTime: Double?) {
            var sink = RecordRangeSink()
            _ = bytes.withUnsafeBytes { BlockDecoder.decode($0, start: start, end: end, into: &sink) }
            errors += sink.errors
            for r in sink.ranges {
                do {
                    switch r.category {
                    case 48:
                        _ = try ItemSlots.decode(.cat048, bytes: bytes, start: r.start, end: r.end, into: &report.slots)
                        guard let p = assembler.plot(report, captureTime: captureTime) else { continue }
                        if known.contains(p.sensor) { plots.append(p) } else { unconfigured[p.sensor, default: 0] += 1 }
                    case 21:
                        let (record, _) = try ASTERIXRecord.decode(
                            category: 21,
                            bytes: bytes,
                            start: r.start,
                            end: r.end
                        )
                        let reference = captureTime ?? assembler.lastTime ?? assembler.reference
                        if let a = CAT021Converter.report(record, nearReference: reference) { adsb.append(a) }
                    case 34:
                        _ = try ItemSlots.decode(
                            .cat034,
                            bytes: bytes,
                            start: r.start,
                            end: r.end,
                            into: &message.slots
                        )
                        assembler.add(message, captureTime: captureTime)
                    default:
                        other += 1
                    }
                } catch {
                    errors.append(error)
                }
            }
        }

        switch format {
        case .raw:
            decodePayload(start: 0, end: bytes.count, captureTime: nil)
        case .pcap:
            let datagrams = try bytes.withUnsafeBytes { base in try PacketCapture.udpDatagrams(base) }
            for d in datagrams { decodePayload(start: d.payloadStart, end: d.payloadEnd, captureTime: d.time) }
        }
        let sensors = config.sensors.map { s in
            var s = s
            if s.rotationPeriodSeconds == nil {
                s.rotationPeriodSeconds = assembler.sensors[s.id]?.rotationPeriodSeconds
            }
            return s
        }
        let sorted = plots.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(
            \.element
        )
        return Loaded(
            sensors: sensors,
            plots: sorted,
            scanState: assembler.sensors,
            unconfiguredPlots: unconfigured,
            errors: errors,
            adsbReports: adsb.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(
                \.element
            ),
            otherRecords: other
        )
    }
}
