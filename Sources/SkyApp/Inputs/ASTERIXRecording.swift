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
    public static func loadPlots(
        path: String,
        sensorsConfig: String
    ) throws -> (
        sensors: [SensorDescription], plots: [RadarPlot]
    ) {
        let l = try load(path: path, config: ASTERIXSensorsConfig.load(path: sensorsConfig))
        return (l.sensors, l.plots)
    }

    /// Loads a recording with a parsed configuration; see `Loaded`.
    public static func load(
        path: String,
        config: ASTERIXSensorsConfig,
        format: ASTERIXInputFormat? = nil
    ) throws
        -> Loaded
    {
        let bytes = try ASTERIXFile.read(path: path)
        return try load(bytes: bytes, config: config, format: format ?? ASTERIXFile.detectFormat(bytes))
    }

    /// Loads a recording held in memory.
    /// - Throws: `DecodeError` when a capture file is malformed.
    public static func load(bytes: [UInt8], config: ASTERIXSensorsConfig, format: ASTERIXInputFormat) throws -> Loaded {
        // Raw files carry no date: resolve times of day near the configured date (or the UNIX epoch's day).
        var ingest = ASTERIXIngest(reference: config.referenceUnixSeconds ?? 43_200)
        ingest.keptErrors = .max
        let known = Set(config.sensors.map(\.id))
        var plots: [RadarPlot] = []
        var unconfigured: [SensorID: Int] = [:]
        var adsb: [ADSBReport] = []
        func take(_ input: SurveillanceInput) {
            switch input {
            case .radar(let p):
                if known.contains(p.sensor) { plots.append(p) } else { unconfigured[p.sensor, default: 0] += 1 }
            case .adsb(let a): adsb.append(a)
            case .scan: break
            }
        }
        switch format {
        case .raw:
            ingest.decode(bytes, captureTime: nil, take)
        case .pcap:
            let datagrams = try bytes.withUnsafeBytes { base in try PacketCapture.udpDatagrams(base) }
            for d in datagrams {
                ingest.decode(bytes, start: d.payloadStart, end: d.payloadEnd, captureTime: d.time, take)
            }
        }
        let assembler = ingest.assembler
        let errors = ingest.errors
        let other = ingest.otherRecords
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
