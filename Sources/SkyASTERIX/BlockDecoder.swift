/// Receives the records of a stream of ASTERIX data blocks, item by item, and the errors met on the way.
public protocol RecordSink: ItemVisitor {
    /// A record of `category` starts at absolute offset `offset` (its FSPEC).
    mutating func beginRecord(category: UInt8, offset: Int)
    /// The record that started last ended well at `end` (exclusive).
    mutating func endRecord(end: Int)
    /// The record that started last is malformed: discard what was reported for it. `error` follows.
    mutating func abortRecord()
    /// A malformed block or record; decoding resumes at the next data block.
    mutating func error(_ error: DecodeError)
}

extension RecordSink {
    public mutating func beginRecord(category: UInt8, offset: Int) {}
    public mutating func endRecord(end: Int) {}
    public mutating func abortRecord() {}
    public mutating func error(_ error: DecodeError) {}
}

/// Splits bytes into ASTERIX data blocks (CAT, LEN, records) and walks every record through its category's UAP.
///
/// Recovery (EUROCONTROL ASTERIX Part 1 gives no resynchronisation marker, so the block is the unit of loss):
/// an unknown category skips its block by LEN; a malformed record skips the rest of its block; a LEN that is
/// below 3 or overruns the input ends the buffer, since the next block boundary is then unknown.
public enum BlockDecoder {
    /// Decodes the data blocks in `base[start..<end]`.
    /// - Parameters:
    ///   - base: the input; all offsets (in errors and sink calls) index it.
    ///   - sink: receives records, items and errors.
    /// - Returns: the number of well-formed records.
    /// - Complexity: O(n) in the input length.
    @discardableResult
    public static func decode<S: RecordSink>(
        _ base: UnsafeRawBufferPointer,
        start: Int = 0,
        end: Int? = nil,
        into sink: inout S
    ) -> Int {
        let end = min(end ?? base.count, base.count)
        var off = start
        var records = 0
        while off < end {
            guard end - off >= 3 else {
                sink.error(
                    DecodeError(.truncated, offset: off, "\(end - off) trailing bytes, less than a block header")
                )
                return records
            }
            let cat = base[off]
            let len = Int(base[off + 1]) << 8 | Int(base[off + 2])
            guard len >= 3, len <= end - off else {
                sink.error(
                    DecodeError(
                        .badBlockLength,
                        offset: off + 1,
                        "CAT\(cat) block LEN \(len) is below 3 or beyond the \(end - off) bytes left"
                    )
                )
                return records
            }
            let blockEnd = off + len
            guard var uap = UAP.forCategory(cat) else {
                sink.error(DecodeError(.unknownCategory, offset: off, "category \(cat) is not implemented"))
                off = blockEnd
                continue
            }
            var p = off + 3
            while p < blockEnd {
                sink.beginRecord(category: cat, offset: p)
                if cat == 1 { uap = UAP.forRecord(category: cat, base, start: p, end: blockEnd)! }
                do {
                    p = try RecordWalker.walk(uap, base, start: p, end: blockEnd, visitor: &sink)
                    sink.endRecord(end: p)
                    records += 1
                } catch {
                    sink.abortRecord()
                    sink.error(error)
                    break
                }
            }
            off = blockEnd
        }
        return records
    }

    /// Decodes the data blocks in `bytes`. See `decode(_:start:end:into:)`.
    @discardableResult
    public static func decode<S: RecordSink>(_ bytes: [UInt8], into sink: inout S) -> Int {
        bytes.withUnsafeBytes { decode($0, into: &sink) }
    }
}
