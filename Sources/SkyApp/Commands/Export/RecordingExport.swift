import Foundation
import SkyASTERIX
import SkyGeodesy
public import SkyModel
import SkyScenario
import SkyStorage
import SkyTracking

/// `skywatch export`: a recording's picture as the benchmark's `tracks.csv`, GeoJSON, KML or CAT062 + CAT065.
public enum RecordingExport {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// `tracks.csv` (the benchmark schema, SkyScenario's writer): one row per displayed track per whole second.
        case csv
        /// RFC 7946 FeatureCollection, one LineString per track.
        case geojson
        /// KML for Google Earth, one track per placemark.
        case kml
        /// ASTERIX CAT062 + CAT065 data blocks per cycle (SkyASTERIX's cycle encoder).
        case ast

        /// The file extension of the format.
        public var fileExtension: String { rawValue }
    }

    /// `path` with its extension replaced by the format's (`run.sqlite` → `run.csv`).
    public static func defaultOutput(for path: String, format: Format) -> String {
        ((path as NSString).deletingPathExtension as NSString).appendingPathExtension(format.fileExtension)
            ?? path + "." + format.fileExtension
    }

    /// Exports the cycles of data time `from…to` (UNIX seconds) of the recording at `path` to `out`.
    /// - Parameters:
    ///   - epochUnixSeconds: time zero of `tracks.csv` (default: the recording's first whole second).
    ///   - sdps: SDPS identity of CAT062/CAT065.
    ///   - progress: called every 1,000 cycles with (cycles done, cycles in the recording) for CSV and ASTERIX.
    /// - Returns: one summary line (what was written).
    /// - Throws: ``SkyStorage/RecordingError`` naming the file for a bad recording or an output that cannot be
    ///   created; database errors.
    public static func run(
        path: String,
        format: Format,
        out: String,
        from: Double = -.infinity,
        to: Double = .infinity,
        epochUnixSeconds: Double? = nil,
        sdps: SensorID = SensorID(sac: 0, sic: 200),
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> String {
        let recording = try Recording.open(path: path)
        let total = try recording.counts().cycles
        var done = 0
        func tick() {
            done += 1
            if done % 1_000 == 0 { progress?(done, total) }
        }
        switch format {
        case .csv:
            let epoch = try epochUnixSeconds ?? (recording.timeRange()?.lowerBound ?? 0).rounded(.down)
            var writer: TracksCSV.Writer
            do { writer = try TracksCSV.Writer(path: out) } catch {
                throw RecordingError(code: .io, path: out, message: "cannot create the export file: \(error)")
            }
            let base = Int(epoch)
            var rows = 0
            var lastSecond = Int.min
            // As the live tracks.csv: the first cycle of each whole second of data time.
            try recording.forEachCycle(from: from, to: to) { picture in
                tick()
                let second = Int(picture.time.rounded(.down))
                guard second != lastSecond else { return }
                lastSecond = second
                for t in picture.tracks {
                    try writer.write(
                        time: second - base,
                        trackID: t.number,
                        latitudeDegrees: t.position.latitudeDegrees,
                        longitudeDegrees: t.position.longitudeDegrees,
                        altitudeMetres: t.barometricAltitudeFeet == nil ? nil : t.position.heightMetres,
                        vx: t.velocity.east,
                        vy: t.velocity.north,
                        modeA: t.modeA,
                        icao24: t.address
                    )
                    rows += 1
                }
            }
            try writer.close()
            return "wrote \(out): \(rows) track rows (epoch \(base))"
        case .geojson:
            let n = try recording.exportGeoJSON(to: out, from: from, to: to)
            return "wrote \(out): \(n) tracks"
        case .kml:
            let n = try recording.exportKML(to: out, from: from, to: to)
            return "wrote \(out): \(n) tracks"
        case .ast:
            guard FileManager.default.createFile(atPath: out, contents: nil),
                let handle = FileHandle(forWritingAtPath: out)
            else { throw RecordingError(code: .io, path: out, message: "cannot create the export file") }
            defer { try? handle.close() }
            var encoder = CAT062CycleEncoder(sdps: sdps)
            var buffer: [UInt8] = []
            var blocks = 0
            // Sensor registration recorded: CAT063 in the stream as the live CAT062 sinks sent it (every 10 s of
            // data time and at the end), from the estimates recorded up to each cycle.
            var registration: [SensorID: RadarRegistrationEstimate] = [:]
            var cat063 = 0
            let settings = RecordedSettings(json: try recording.runs().last?.configurationJSON ?? "{}")
            let kinds = Dictionary(settings.sensors.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
            func registrationBlocks(time: Double, final: Bool) {
                guard !registration.isEmpty else { return }
                let estimates = registration.values.sorted { $0.sensor < $1.sensor }
                for b in encoder.registrationBlocks(
                    RegistrationOutput.cat063(estimates, sensors: kinds),
                    time: time,
                    final: final
                ) {
                    buffer += b
                    blocks += 1
                    cat063 += 1
                }
            }
            var lastTime: Double?
            try recording.forEachCycleWithEvents(from: from, to: to) { picture, events in
                tick()
                for b in encoder.blocks(for: picture) {
                    buffer += b
                    blocks += 1
                }
                for case let (estimate, _)? in events.registration.map(RegistrationRecord.estimate) {
                    registration[estimate.sensor] = estimate
                }
                registrationBlocks(time: picture.time, final: false)
                lastTime = picture.time
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if let lastTime { registrationBlocks(time: lastTime, final: true) }
            try handle.write(contentsOf: buffer)
            return "wrote \(out): \(blocks) ASTERIX data blocks (CAT062 + CAT065"
                + (cat063 > 0 ? ", \(cat063) of them CAT063 sensor registration)" : ")")
        }
    }
}
