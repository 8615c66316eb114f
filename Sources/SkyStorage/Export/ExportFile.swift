import Foundation

/// A buffered text file for the exporters: created (truncated) on open, flushed every megabyte.
struct ExportFile: ~Copyable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    let path: String

    /// Creates or truncates `path`.
    /// - Throws: ``RecordingError`` (`io`) naming the output file.
    init(path: String) throws(RecordingError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw RecordingError(code: .io, path: path, message: "cannot create the export file") }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    consuming func close() throws {
        try flush()
        try handle.close()
    }
}

/// Number and string formatting shared by the text exporters.
enum ExportFormat {
    /// `value` rounded to `decimals` fraction digits, in the shortest form that reads back to that rounding
    /// (`48.85`, `-0.1234567`); `0` for a non-finite value (JSON and KML have no NaN).
    static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }

    /// A JSON string literal (RFC 8259 §7).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Text with the five XML special characters escaped.
    static func xml(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// ISO 8601 UTC with milliseconds, e.g. `2026-12-06T15:10:25.125Z`.
    static func isoTime(_ unixSeconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: unixSeconds))
    }
}
