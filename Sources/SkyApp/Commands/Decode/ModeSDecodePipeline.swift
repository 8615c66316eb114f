import Foundation
import SkyModeS
public import SkyModel

/// Input formats of `skywatch decode modes`.
public enum ModeSInputFormat: String, Sendable, CaseIterable {
    /// Mode-S Beast binary.
    case beast
    /// AVR text (`*…;`, `@…;`).
    case avr
    /// JSON lines `{"timestamp": s, "frame": "hex"}` (as in `../shared/data/modes/*.frames.jsonl`).
    case jsonl

    /// The format implied by a file name, if any.
    public static func guess(path: String) -> ModeSInputFormat? {
        if path.hasSuffix(".beast") || path.hasSuffix(".bin") { return .beast }
        if path.hasSuffix(".avr") || path.hasSuffix(".txt") { return .avr }
        if path.hasSuffix(".jsonl") || path.hasSuffix(".json") { return .jsonl }
        return nil
    }
}

/// Counters printed by `--summary`.
public struct ModeSDecodeSummary: Sendable {
    /// Frames decoded (Mode A/C replies excluded), and Mode A/C replies seen.
    public var frames = 0, modeACFrames = 0
    /// Frames by downlink format and DF17/18 frames by type code.
    public var byDF: [Int: Int] = [:], byTC: [Int: Int] = [:]
    /// DF11/17/18 CRC failures and 1-bit corrections.
    public var crcFailures = 0, corrected = 0
    /// Positions decoded globally (pairs) and locally (against the reference) in the output, and positions
    /// accepted / rejected by the aircraft table.
    public var globalPositions = 0, localPositions = 0, acceptedPositions = 0, rejectedPositions = 0
    /// Aircraft in the table at the end.
    public var aircraft = 0
    /// Input errors by code, and the first few errors.
    public var inputErrors: [String: Int] = [:], firstErrors: [String] = []

    /// The summary as one JSON object.
    public var json: String {
        func obj(_ d: [Int: Int]) -> String {
            "{" + d.keys.sorted().map { "\"\($0)\": \(d[$0]!)" }.joined(separator: ", ") + "}"
        }
        let errs =
            "{" + inputErrors.keys.sorted().map { "\"\($0)\": \(inputErrors[$0]!)" }.joined(separator: ", ") + "}"
        let first =
            "[" + firstErrors.map { "\"\($0.replacingOccurrences(of: "\"", with: "'"))\"" }.joined(separator: ", ")
            + "]"
        return """
            {"frames": \(frames), "mode_ac_frames": \(modeACFrames), "by_df": \(obj(byDF)), "by_tc": \(obj(byTC)), \
            "crc_failures": \(crcFailures), "crc_corrected": \(corrected), "global_positions": \(globalPositions), \
            "local_positions": \(localPositions), "accepted_positions": \(acceptedPositions), \
            "rejected_positions": \(rejectedPositions), "aircraft": \(aircraft), "input_errors": \(errs), \
            "first_errors": \(first)}
            """
    }
}

/// Decodes a Mode S recording: parse → decode → aircraft table → one JSON line per frame (FORMAT.md).
public struct ModeSDecodePipeline {
    /// Input format.
    public var format: ModeSInputFormat
    /// Reference point (receiver), degrees: enables local CPR output and surface decoding.
    public var referenceLatitude: Double?, referenceLongitude: Double?
    /// Enables DF17/18 1-bit error correction.
    public var correctsErrors = false
    /// Added to every frame time for the reports (e.g. the UNIX time of a Beast file's 12 MHz counter zero).
    public var timeOffset = 0.0
    /// Receiving station identity put in the reports.
    public var sensor: SensorID?

    /// A pipeline.
    public init(format: ModeSInputFormat, referenceLatitude: Double? = nil, referenceLongitude: Double? = nil) {
        self.format = format
        self.referenceLatitude = referenceLatitude
        self.referenceLongitude = referenceLongitude
    }

    /// Runs over a whole file.
    /// - Parameters:
    ///   - path: input file.
    ///   - emit: receives each JSON line (without newline); `nil` to skip formatting (summary only).
    ///   - report: receives an `ADSBReport` for each position the aircraft table accepts (for the tracker);
    ///     report time = frame time + `timeOffset`.
    /// - Returns: the counters.
    /// - Throws: when the file cannot be read.
    public func run(
        path: String,
        emit: ((String) -> Void)?,
        report: ((ADSBReport) -> Void)? = nil
    ) throws
        -> ModeSDecodeSummary
    {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var config = AircraftTable.Configuration(
            referenceLatitude: referenceLatitude,
            referenceLongitude: referenceLongitude
        )
        config.checksPairTime = format != .avr
        var table = AircraftTable(configuration: config)
        var decoder = ModeSDecoder(correctsSingleBitErrors: correctsErrors)
        var summary = ModeSDecodeSummary()
        func onError(_ e: ModeSInputError) {
            summary.inputErrors[e.code.description, default: 0] += 1
            if summary.firstErrors.count < 10 { summary.firstErrors.append("\(path): \(e)") }
        }
        func handle(_ frame: ModeSFrame, time: Double?, signal: UInt8?) {
            let m = decoder.decode(frame)
            let u = table.update(m, time: time ?? 0)
            summary.frames += 1
            summary.byDF[Int(m.downlinkFormat), default: 0] += 1
            if let a = m.adsb { summary.byTC[Int(a.typeCode), default: 0] += 1 }
            if u.global != nil { summary.globalPositions += 1 }
            if u.localToReference != nil { summary.localPositions += 1 }
            if u.positionAccepted {
                summary.acceptedPositions += 1
                if let report, let i = u.index, var r = table.report(at: i, sensor: sensor) {
                    r.time += timeOffset
                    report(r)
                }
            }
            if u.positionRejected { summary.rejectedPositions += 1 }
            emit?(ModeSJSONLine.record(message: m, hex: frame.hex, time: time, signal: signal, update: u))
        }
        // AVR time stamps are not used here: the AVR references are untimed ('*…;' lines carry none).
        ModeSRecording.forEachFrame(
            in: data,
            format: format,
            onFrame: { r, seconds in
                switch r.content {
                case .modeAC: summary.modeACFrames += 1
                case .modeS(let f): handle(f, time: format == .avr ? nil : seconds, signal: r.signalLevel)
                }
            },
            onError: onError
        )
        summary.crcFailures = decoder.crcFailures
        summary.corrected = decoder.framesCorrected
        summary.aircraft = table.count
        return summary
    }
}
