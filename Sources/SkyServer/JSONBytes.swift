import Foundation

/// A JSON text built as UTF-8 bytes for the hot path (every delta frame): integers and literals are appended
/// without a `String` per number, and the result becomes one `ByteBuffer` that every WebSocket client shares.
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Appends the text of a string as it is (the caller quotes and escapes).
    mutating func appendRaw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Appends a decimal integer.
    mutating func append(_ n: Int) {
        if n == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var m = n.magnitude
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        // Written backwards, then reversed in place.
        let start = bytes.count
        while m > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        }
        bytes[start...].reverse()
    }

    /// Appends `x × scale` rounded to the nearest integer (a value at its real precision: `scale` 1e5 for
    /// degrees to 1e-5°); non-finite or out-of-range values become 0 (JSON has no NaN or infinity).
    mutating func appendScaled(_ x: Double, _ scale: Double) {
        let y = (x * scale).rounded()
        append(y.isFinite && abs(y) < 9e15 ? Int(y) : 0)
    }
}
