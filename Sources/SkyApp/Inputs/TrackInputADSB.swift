import Foundation
public import SkyGeodesy
import SkyModeS
public import SkyModel

/// How receiver time stamps become UNIX seconds for fusion with radar data.
///
/// Beast and AVR-MLAT frames carry a 12 MHz counter; JSON lines a `timestamp` in seconds. Their origin depends on
/// the receiver: GPS-disciplined receivers and the Skywatch simulator (`adsb.beast`) count from UTC midnight, a
/// free-running dump1090/readsb counter from the receiver's start.
public enum ADSBTimeBase: Sendable, Equatable {
    /// Seconds since UTC midnight, on the day nearest the radar data's reference time; a stamp of 10⁹ s or more
    /// is taken as UNIX seconds already. The default, and what `skywatch simulate` writes.
    case utcMidnight
    /// UNIX seconds = receiver seconds + offset (for free-running counters: the offset is the UNIX time of
    /// counter zero).
    case offset(Double)

    /// The UNIX time of a receiver time stamp.
    /// - Parameters:
    ///   - seconds: the stamp, seconds (12 MHz ticks / 12·10⁶, or the JSON `timestamp`).
    ///   - reference: a UNIX time on the day of the data (the radar recording's middle).
    public func unixSeconds(receiverSeconds seconds: Double, reference: Double) -> Double {
        switch self {
        case .offset(let o): return seconds + o
        case .utcMidnight:
            if seconds >= 1e9 { return seconds }
            return ASTERIXTime.unixSeconds(timeOfDaySeconds: seconds, nearReference: reference)
        }
    }
}

/// Decodes a Mode S recording into the ADS-B position reports the tracker fuses.
///
/// Frames → `ModeSDecoder` → `AircraftTable` (CPR pairing, readsb-style plausibility); every accepted airborne or
/// surface position becomes one `ADSBReport` with the entry's altitude, velocity, identity and NACp.
public struct ADSBFileDecoding: Sendable {
    /// Reports, sorted by time.
    public var reports: [ADSBReport] = []
    /// Mode S frames read, frames without a usable time stamp (AVR `*…;` lines), input errors.
    public var frames = 0, untimedFrames = 0, inputErrors = 0
    /// Positions the aircraft table rejected as implausible.
    public var rejectedPositions = 0
    /// Aircraft seen.
    public var aircraft = 0
    /// The first input errors, with byte offsets.
    public var firstErrors: [String] = []

    /// Decodes a file.
    /// - Parameters:
    ///   - path: the recording.
    ///   - format: Beast, AVR or JSON lines.
    ///   - timeBase: how its time stamps map to UNIX time.
    ///   - reference: the radar data's reference time (UNIX s), for ``ADSBTimeBase/utcMidnight``.
    ///   - receiver: the receiver (or system reference) position, for local and surface CPR decoding.
    /// - Throws: when the file cannot be read.
    public static func decode(
        path: String,
        format: ModeSInputFormat,
        timeBase: ADSBTimeBase,
        reference: Double,
        receiver: GeodeticPosition
    ) throws -> ADSBFileDecoding {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("\(path): cannot read file")
        }
        var config = AircraftTable.Configuration(
            referenceLatitude: receiver.latitudeDegrees,
            referenceLongitude: receiver.longitudeDegrees
        )
        config.checksPairTime = true
        var ingest = ModeSIngest(configuration: config, expiryCheckSeconds: 60)
        var out = ADSBFileDecoding()
        func onError(_ e: ModeSInputError) {
            out.inputErrors += 1
            if out.firstErrors.count < 5 { out.firstErrors.append("\(path): \(e)") }
        }
        func handle(_ frame: ModeSFrame, seconds: Double?) {
            out.frames += 1
            guard let seconds else {
                out.untimedFrames += 1
                return
            }
            let time = timeBase.unixSeconds(receiverSeconds: seconds, reference: reference)
            if let r = ingest.ingest(frame, time: time) { out.reports.append(r) }
            out.aircraft = Swift.max(out.aircraft, ingest.table.count)
        }
        ModeSRecording.forEachFrame(
            in: data,
            format: format,
            onFrame: { r, seconds in
                if case .modeS(let f) = r.content { handle(f, seconds: seconds) }
            },
            onError: onError
        )
        out.rejectedPositions = ingest.rejectedPositions
        // Receivers stamp frames in arrival order; keep the sort stable for equal times.
        out.reports = out.reports.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        return out
    }

    /// Summary lines.
    public func lines(path: String) -> [String] {
        var l = [
            "adsb \(path): \(frames) Mode S frames, \(reports.count) position reports of \(aircraft) aircraft, "
                + "\(rejectedPositions) implausible positions, \(inputErrors) input errors"
        ]
        if untimedFrames > 0 {
            l.append("adsb \(path): \(untimedFrames) frames without time stamp skipped (AVR '*…;' lines carry none)")
        }
        l += firstErrors
        return l
    }
}

extension TrackInput {
    /// Adds the ADS-B reports of a Mode S recording, on the time base `timeBase`, decoded with the system
    /// reference point as the receiver position.
    /// - Throws: when the file cannot be read.
    public mutating func addADSB(
        path: String,
        format: ModeSInputFormat,
        timeBase: ADSBTimeBase = .utcMidnight
    )
        throws
    {
        let d = try ADSBFileDecoding.decode(
            path: path,
            format: format,
            timeBase: timeBase,
            reference: epochUnixSeconds + durationSeconds / 2,
            receiver: reference
        )
        reports = (reports + d.reports).enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        notes += d.lines(path: path)
        // A wrong time base shows as reports outside the radar data's span: say so rather than fuse nonsense.
        if let first = d.reports.first?.time, let last = d.reports.last?.time {
            let start = epochUnixSeconds
            let end = epochUnixSeconds + durationSeconds
            let inside = d.reports.lazy.filter { $0.time >= start - 60 && $0.time <= end + 60 }.count
            if inside < d.reports.count / 2 {
                notes.append(
                    "warning: adsb \(path): only \(inside) of \(d.reports.count) reports fall within the radar data's "
                        + "time span (reports \(Int(first))…\(Int(last)), radar \(Int(start))…\(Int(end)) UNIX s): check "
                        + "the receiver time base (--adsb-time-offset)"
                )
            }
        }
    }
}
