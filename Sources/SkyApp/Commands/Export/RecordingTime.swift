import Foundation

/// Times given to `export` and `replay` (`--from`, `--to`, `--epoch`): UNIX seconds (`1768478400.5`) or ISO 8601
/// UTC (`2026-01-15T12:00:00Z`, fractional seconds allowed).
public enum RecordingTime {
    /// The time in UNIX seconds, or `nil` when the text is neither form.
    public static func parse(_ text: String) -> Double? {
        if let s = Double(text), s.isFinite { return s }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = formatter.date(from: text) { return d.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
