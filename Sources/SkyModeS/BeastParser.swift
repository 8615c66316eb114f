/// Streaming parser of the Mode-S Beast binary format (as served by dump1090/readsb on port 30005).
///
/// Each frame is `0x1A, type, 6-byte big-endian 12 MHz time stamp, signal byte, payload`, with type '1'
/// (0x31) Mode A/C (2 bytes), '2' (0x32) Mode S short (7 bytes), '3' (0x33) Mode S long (14 bytes). Every
/// 0x1A inside a frame is doubled. After garbage or a cut frame the parser resynchronises on the next lone
/// 0x1A and reports the bad stretch once, with its byte offset.
///
/// Feed it contiguous buffers with `parse(_:isFinal:onFrame:onError:)`; it returns how many bytes it
/// consumed (an incomplete frame at the end is left for the next call), or use `feed(_:)`-style
/// accumulation through `BeastStream`.
public struct BeastParser: Sendable {
    /// Offset of the next unconsumed byte in the whole stream.
    public private(set) var streamOffset = 0
    /// Frames delivered.
    public private(set) var framesParsed = 0
    /// Errors by code.
    public private(set) var errorCounts = ModeSInputErrorCounts()
    // Start offset of the current run of unsynchronised bytes (reported once per run), or nil.
    private var garbageStart: Int?

    /// A parser at stream offset 0.
    public init() {}

    /// Whether any byte of `w` is 0x1A (SWAR zero-byte test on `w XOR 0x1A…1A`; exact for "any").
    @inline(__always) static func containsEscape(_ w: UInt64) -> Bool {
        let x = w ^ 0x1A1A_1A1A_1A1A_1A1A
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// A mask of 0xFF over the low-order bytes of a big-endian word of which only the first `kept` bytes
    /// (clamped to 0…8) belong to the frame.
    @inline(__always) static func excludedBytes(_ kept: Int) -> UInt64 {
        if kept >= 8 { return 0 }
        if kept <= 0 { return ~0 }
        return (1 << UInt64(8 * (8 - kept))) - 1
    }

    /// Payload length of a Beast frame type, or `nil` for unknown types.
    @inline(__always) static func payloadLength(_ type: UInt8) -> Int? {
        switch type {
        case 0x31: 2
        case 0x32: 7
        case 0x33: 14
        default: nil
        }
    }

    /// Parses as many whole frames as `buffer` holds.
    /// - Parameters:
    ///   - buffer: the next bytes of the stream (continuing where the previous call's consumed bytes ended).
    ///   - isFinal: `true` when no more bytes will come; a trailing partial frame is then an error.
    ///   - onFrame: called for each frame, in order.
    ///   - onError: called for each malformed stretch, in order.
    /// - Returns: bytes consumed; the caller passes the rest again, followed by new bytes.
    /// - Complexity: O(n) in the buffer length.
    @discardableResult
    public mutating func parse(
        _ buffer: UnsafeBufferPointer<UInt8>,
        isFinal: Bool,
        onFrame: (ReceivedFrame) -> Void,
        onError: (ModeSInputError) -> Void
    ) -> Int {
        let n = buffer.count
        var i = 0
        let base = streamOffset
        scan: while i < n {
            if buffer[i] != 0x1A {
                if garbageStart == nil { garbageStart = base + i }
                i += 1
                continue
            }
            guard i + 1 < n else { break }
            let type = buffer[i + 1]
            guard let length = BeastParser.payloadLength(type) else {
                if type == 0x1A {
                    // 0x1A 0x1A outside a frame: garbage. Skip only the first byte, so that a stray 0x1A right
                    // before a real frame does not swallow that frame's sync byte.
                    if garbageStart == nil { garbageStart = base + i }
                    i += 1
                } else {
                    flushGarbage(at: base + i, onError)
                    errorUnknownType(type, at: base + i, onError)
                    i += 2
                }
                continue
            }
            flushGarbage(at: base + i, onError)
            // Fast path: the whole frame plus 8 bytes of slack is in the buffer and holds no 0x1A, so no
            // unescaping is needed and the fields are read with three unaligned big-endian word loads.
            let body = i + 2
            let need = 7 + length
            if body + need + 8 <= n, let raw = UnsafeRawPointer(buffer.baseAddress) {
                let w0 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: body, as: UInt64.self))
                let w1 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: body + 8, as: UInt64.self))
                let w2 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: body + 16, as: UInt64.self))
                // Bytes beyond the frame end (need = 9, 14 or 21) are forced to 0xFF so they cannot match 0x1A.
                if !BeastParser.containsEscape(w0)
                    && !BeastParser.containsEscape(w1 | BeastParser.excludedBytes(need - 8))
                    && !BeastParser.containsEscape(w2 | BeastParser.excludedBytes(need - 16))
                {
                    let stamp = w0 >> 16
                    let signal = UInt8(truncatingIfNeeded: w0 >> 8)
                    let p0 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: body + 7, as: UInt64.self))
                    let p1 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: body + 15, as: UInt64.self))
                    let content: ReceivedFrame.Content
                    if length == 2 {
                        content = .modeAC(UInt16(truncatingIfNeeded: p0 >> 48))
                    } else {
                        let all = UInt128(p0) << 64 | UInt128(p1)
                        let keep = ~(UInt128.max >> UInt128(8 * length))
                        content = .modeS(ModeSFrame(bits: all & keep, isLong: length == 14))
                    }
                    framesParsed += 1
                    onFrame(
                        ReceivedFrame(timestamp12MHz: stamp, signalLevel: signal, content: content, offset: base + i)
                    )
                    i = body + need
                    continue
                }
            }
            // Slow path: unescape 7 + length body bytes one by one.
            var j = body
            var got = 0
            var stamp: UInt64 = 0
            var signal: UInt8 = 0
            var payload: UInt128 = 0
            while got < need {
                guard j < n else { break scan }
                var b = buffer[j]
                if b == 0x1A {
                    guard j + 1 < n else { break scan }
                    if buffer[j + 1] != 0x1A {
                        // A new frame starts inside this one: the current frame is cut short.
                        errorCounts.add(.truncatedFrame)
                        onError(
                            ModeSInputError(
                                code: .truncatedFrame,
                                offset: base + i,
                                line: nil,
                                message: "Beast frame cut after \(got) of \(need) bytes by a sync byte at \(base + j)"
                            )
                        )
                        i = j
                        continue scan
                    }
                    j += 1
                    b = 0x1A
                }
                j += 1
                if got < 6 {
                    stamp = stamp << 8 | UInt64(b)
                } else if got == 6 {
                    signal = b
                } else {
                    payload = payload << 8 | UInt128(b)
                }
                got += 1
            }
            let content: ReceivedFrame.Content =
                length == 2
                ? .modeAC(UInt16(truncatingIfNeeded: payload))
                : .modeS(ModeSFrame(bits: payload << UInt128(128 - 8 * length), isLong: length == 14))
            framesParsed += 1
            onFrame(ReceivedFrame(timestamp12MHz: stamp, signalLevel: signal, content: content, offset: base + i))
            i = j
        }
        if isFinal {
            if i < n {
                errorCounts.add(.truncatedFrame)
                onError(
                    ModeSInputError(
                        code: .truncatedFrame,
                        offset: base + i,
                        line: nil,
                        message: "stream ends inside a Beast frame (\(n - i) bytes left)"
                    )
                )
                i = n
            }
            flushGarbage(at: base + n, onError)
        }
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
                line: nil,
                message: "\(end - start) bytes outside any Beast frame"
            )
        )
    }

    private mutating func errorUnknownType(_ type: UInt8, at offset: Int, _ onError: (ModeSInputError) -> Void) {
        errorCounts.add(.unknownFrameType)
        onError(
            ModeSInputError(
                code: .unknownFrameType,
                offset: offset,
                line: nil,
                message: "unknown Beast frame type 0x\(String(type, radix: 16))"
            )
        )
    }
}

/// A Beast parser with its own carry-over buffer, for streams that arrive in arbitrary chunks (TCP).
public struct BeastStream: Sendable {
    /// The underlying parser (counters, offsets).
    public private(set) var parser = BeastParser()
    private var carry: [UInt8] = []

    /// An empty stream.
    public init() {}

    /// Parses the next chunk; frames split across chunks are completed on a later call.
    public mutating func feed(
        _ chunk: UnsafeBufferPointer<UInt8>,
        onFrame: (ReceivedFrame) -> Void,
        onError: (ModeSInputError) -> Void
    ) {
        if carry.isEmpty {
            let used = parser.parse(chunk, isFinal: false, onFrame: onFrame, onError: onError)
            if used < chunk.count { carry.append(contentsOf: chunk[used...]) }
        } else {
            carry.append(contentsOf: chunk)
            let used = carry.withUnsafeBufferPointer {
                parser.parse($0, isFinal: false, onFrame: onFrame, onError: onError)
            }
            carry.removeFirst(used)
        }
    }

    /// Ends the stream: a partial frame left over is reported as truncated.
    public mutating func finish(onFrame: (ReceivedFrame) -> Void, onError: (ModeSInputError) -> Void) {
        carry.withUnsafeBufferPointer { _ = parser.parse($0, isFinal: true, onFrame: onFrame, onError: onError) }
        carry.removeAll()
    }

    /// Whether bytes of an incomplete frame are waiting for more input.
    public var hasPartialFrame: Bool { !carry.isEmpty }

    /// Drops a partial frame without reporting it (after a connection loss: the next connection starts
    /// a new byte stream). The stream offset keeps counting.
    public mutating func discardPartialFrame() {
        parser.skip(carry.count)
        carry.removeAll()
    }
}

extension BeastParser {
    /// Skips `count` bytes without parsing them (a partial frame dropped at a connection loss) and forgets a
    /// pending garbage run.
    mutating func skip(_ count: Int) {
        streamOffset += count
        garbageStart = nil
    }
}
