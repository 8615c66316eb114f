/// Streaming parser of AVR text frames as written by dump1090 (`--net-ro-port`, 30002) and readsb.
///
/// `*HEX;` carries a frame of 14 or 28 hex digits; `@TTTTTTTTTTTTHEX;` carries a 48-bit 12 MHz MLAT time
/// stamp (12 hex digits) before the frame. Line ends and other bytes between frames are ignored as
/// separators (`\r`, `\n`, spaces); anything else outside a frame is an `unsynchronised` error. A frame
/// with a bad digit, bad length or no terminator is counted and skipped; parsing resumes at the next
/// `*` / `@`.
public struct AVRParser: Sendable {
    /// Offset of the next unconsumed byte.
    public private(set) var streamOffset = 0
    /// Current line number (1-based).
    public private(set) var line = 1
    /// Frames delivered.
    public private(set) var framesParsed = 0
    /// Errors by code.
    public private(set) var errorCounts = ModeSInputErrorCounts()
    private var garbageStart: Int?

    /// A parser at the start of a stream.
    public init() {}

    /// Parses all complete frames in `buffer` (see `BeastParser.parse` for the contract).
    /// - Returns: bytes consumed.
    @discardableResult
    public mutating func parse(
        _ buffer: UnsafeBufferPointer<UInt8>,
        isFinal: Bool,
        onFrame: (ReceivedFrame) -> Void,
        onError: (ModeSInputError) -> Void
    ) -> Int {
        let n = buffer.count
        let base = streamOffset
        var i = 0
        scan: while i < n {
            let c = buffer[i]
            if c != 0x2A && c != 0x40 {
                if c == 0x0A {
                    flushGarbage(at: base + i, onError)
                    line += 1
                } else if c != 0x0D && c != 0x20 && c != 0x09 && c != 0x3B {
                    if garbageStart == nil { garbageStart = base + i }
                }
                i += 1
                continue
            }
            flushGarbage(at: base + i, onError)
            let hasStamp = c == 0x40
            var j = i + 1
            var digits = 0
            var stamp: UInt64 = 0
            var bits: UInt128 = 0
            var bad: ModeSInputError.Code?
            while true {
                guard j < n else {
                    if isFinal {
                        bad = .missingTerminator
                        break
                    }
                    break scan
                }
                let d = buffer[j]
                if d == 0x3B { break }
                if d == 0x0A || d == 0x0D || d == 0x2A || d == 0x40 {
                    bad = .missingTerminator
                    break
                }
                guard let v = hexValue(d) else {
                    bad = .badHexDigit
                    break
                }
                if hasStamp && digits < 12 {
                    stamp = stamp << 4 | UInt64(v)
                } else if digits < (hasStamp ? 40 : 28) {
                    bits = bits << 4 | UInt128(v)
                }
                digits += 1
                j += 1
            }
            let hexDigits = digits - (hasStamp ? 12 : 0)
            if bad == nil && hexDigits != 14 && hexDigits != 28 { bad = .badLength }
            if let code = bad {
                errorCounts.add(code)
                onError(
                    ModeSInputError(
                        code: code,
                        offset: base + i,
                        line: line,
                        message: "bad AVR frame (\(code), \(digits) digits)"
                    )
                )
                // Resume at the offending byte unless it was a bad digit inside the frame: skip to the next marker.
                i = code == .badHexDigit ? j + 1 : max(j, i + 1)
                if code == .badHexDigit {
                    while i < n && buffer[i] != 0x2A && buffer[i] != 0x40 && buffer[i] != 0x0A { i += 1 }
                }
                continue
            }
            var frame = ModeSFrame(bits: bits << UInt128(128 - 4 * hexDigits), isLong: hexDigits == 28)
            if hexDigits == 28 && ModeSFrame.isShortFormat(df: frame.downlinkFormat) {
                frame = ModeSFrame(bits: frame.bits & ~(UInt128.max >> 56), isLong: false)
            }
            framesParsed += 1
            onFrame(
                ReceivedFrame(
                    timestamp12MHz: hasStamp ? stamp : nil,
                    signalLevel: nil,
                    content: .modeS(frame),
                    offset: base + i
                )
            )
            i = j + 1
        }
        if isFinal { flushGarbage(at: base + n, onError) }
        streamOffset = base + i
        return i
    }

    private mutating func flushGarbage(at end: Int, _ onError: (ModeSInputError) -> Void) {
        guard let start = garbageStart else { return }
        garbageStart = nil
        errorCounts.add(.unsynchronised)
        onError(
            ModeSInputError(
                code: .unsynchronised,
                offset: start,
                line: line,
                message: "\(end - start) bytes outside any AVR frame"
            )
        )
    }
}
