import Foundation
public import SkyModel

/// Alert events as JSON lines (issue 16's schema), one object per event, in the order given:
///
/// ```
/// {"time": 12.000, "alert_id": 3, "event": "start", "kind": "stca", "tracks": ["17", "42"],
///  "cpa": {"time": 95.000, "horizontal_m": 1204.5, "vertical_m": 91.4}}
/// ```
/// `time` and `cpa.time` are seconds since the scenario epoch; `tracks` holds track ids as in tracks.csv;
/// `area` (area alerts), `code` (emergencies) and `cpa` (conflicts) appear only when present.
public enum AlertsJSONL {
    /// One event as a JSON object on one line, without the newline.
    /// - Parameters:
    ///   - event: the event (UNIX times).
    ///   - epochUnixSeconds: the scenario epoch subtracted from every time.
    public static func line(_ event: AlertEvent, epochUnixSeconds: Double) -> String {
        var b: [UInt8] = []
        append(event, epochUnixSeconds: epochUnixSeconds, to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    static func append(_ e: AlertEvent, epochUnixSeconds: Double, to b: inout [UInt8]) {
        b.append(contentsOf: "{\"time\": ".utf8)
        NumberFormat.appendFixed(e.time - epochUnixSeconds, decimals: 3, to: &b)
        b.append(contentsOf: ", \"alert_id\": ".utf8)
        NumberFormat.appendInt(e.alertID, to: &b)
        b.append(
            contentsOf: ", \"event\": \"\(e.phase.rawValue)\", \"kind\": \"\(e.kind.rawValue)\", \"tracks\": [".utf8
        )
        for (k, t) in e.tracks.enumerated() {
            if k > 0 { b.append(contentsOf: ", ".utf8) }
            b.append(0x22)
            NumberFormat.appendInt(Int(t), to: &b)
            b.append(0x22)
        }
        b.append(0x5D)
        if let area = e.area {
            b.append(contentsOf: ", \"area\": ".utf8)
            appendString(area, to: &b)
        }
        if let code = e.code {
            b.append(contentsOf: ", \"code\": ".utf8)
            appendString(code, to: &b)
        }
        if let cpa = e.closestApproach {
            b.append(contentsOf: ", \"cpa\": {\"time\": ".utf8)
            NumberFormat.appendFixed(cpa.time - epochUnixSeconds, decimals: 3, to: &b)
            b.append(contentsOf: ", \"horizontal_m\": ".utf8)
            NumberFormat.appendFixed(cpa.horizontalMetres, decimals: 1, to: &b)
            b.append(contentsOf: ", \"vertical_m\": ".utf8)
            NumberFormat.appendFixed(cpa.verticalMetres, decimals: 1, to: &b)
            b.append(0x7D)
        }
        b.append(0x7D)
    }

    /// Appends a JSON string literal (RFC 8259 escapes).
    static func appendString(_ s: String, to b: inout [UInt8]) {
        b.append(0x22)
        for u in s.utf8 {
            switch u {
            case 0x22: b.append(contentsOf: "\\\"".utf8)
            case 0x5C: b.append(contentsOf: "\\\\".utf8)
            case 0x0A: b.append(contentsOf: "\\n".utf8)
            case 0x0D: b.append(contentsOf: "\\r".utf8)
            case 0x09: b.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                b.append(contentsOf: "\\u00".utf8)
                b.append(hex[Int(u >> 4)])
                b.append(hex[Int(u & 0xF)])
            default: b.append(u)
            }
        }
        b.append(0x22)
    }

    /// A buffered alerts.jsonl writer.
    public struct Writer: ~Copyable {
        private let handle: FileHandle
        private let epochUnixSeconds: Double
        private var buffer: [UInt8] = []
        /// Events written so far.
        public private(set) var eventCount = 0

        /// Creates (truncates) the file at `path`.
        /// - Parameters:
        ///   - path: output path.
        ///   - epochUnixSeconds: the scenario epoch, UNIX seconds; written times are relative to it.
        /// - Throws: when the file cannot be created.
        public init(path: String, epochUnixSeconds: Double) throws {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ScenarioError(file: path, line: 0, column: 0, message: "cannot create file")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            self.epochUnixSeconds = epochUnixSeconds
        }

        /// Appends events, one line each.
        public mutating func write(_ events: [AlertEvent]) throws {
            for e in events {
                AlertsJSONL.append(e, epochUnixSeconds: epochUnixSeconds, to: &buffer)
                buffer.append(0x0A)
                eventCount += 1
            }
            if buffer.count >= 1 << 16 { try flush() }
        }

        /// Writes buffered lines to the file.
        public mutating func flush() throws {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Flushes and closes the file.
        public consuming func close() throws {
            try flush()
            try handle.close()
        }
    }
}
