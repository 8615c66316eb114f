/// A forward reader of big-endian integers over borrowed bytes; reads return `nil` on short input.
///
/// The reader never traps on malformed input: every read checks the bound once (as NIO's `readInteger`).
/// It borrows the buffer, so it must not outlive the `withUnsafeBytes` call that produced it.
public struct ByteReader {
    @usableFromInline let base: UnsafeRawBufferPointer
    /// Offset of the next byte to read, relative to `base`.
    public var offset: Int
    /// One past the last readable offset.
    public let end: Int

    /// A reader over `base[offset..<end]`.
    @inlinable
    public init(_ base: UnsafeRawBufferPointer, offset: Int = 0, end: Int? = nil) {
        self.base = base
        self.offset = offset
        self.end = min(end ?? base.count, base.count)
    }

    /// Bytes left.
    @inlinable public var remaining: Int { end - offset }

    /// The next byte without consuming it.
    @inlinable
    public func peekUInt8(at delta: Int = 0) -> UInt8? {
        let i = offset + delta
        guard i >= offset, i < end else { return nil }
        return base[i]
    }

    /// Reads one byte.
    @inlinable
    public mutating func readUInt8() -> UInt8? {
        guard offset < end else { return nil }
        defer { offset += 1 }
        return base[offset]
    }

    /// Reads a big-endian 16-bit integer.
    @inlinable
    public mutating func readUInt16() -> UInt16? {
        guard end - offset >= 2 else { return nil }
        defer { offset += 2 }
        return UInt16(base[offset]) << 8 | UInt16(base[offset + 1])
    }

    /// Reads `count` (≤ 8) octets as one big-endian unsigned integer.
    @inlinable
    public mutating func readBigEndian(count: Int) -> UInt64? {
        guard count >= 0, count <= 8, end - offset >= count else { return nil }
        var v: UInt64 = 0
        for i in 0..<count { v = v &<< 8 | UInt64(base[offset + i]) }
        offset += count
        return v
    }

    /// Skips `count` bytes; `false` (and no move) if fewer remain.
    @inlinable
    public mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, end - offset >= count else { return false }
        offset += count
        return true
    }

    /// The byte at an absolute offset of the underlying buffer (caller has checked the bound).
    @inlinable
    func byte(at i: Int) -> UInt8 { base[i] }
}

extension PartSpec {
    /// The raw bits of `field` in the part starting at `start` (bounds already checked by the caller).
    @inlinable
    func raw(_ field: FieldSpec, in base: UnsafeRawBufferPointer, start: Int) -> UInt64 {
        let first = start + length - 1 - (field.msb - 1) / 8
        let last = start + length - 1 - (field.lsb - 1) / 8
        var acc: UInt64 = 0
        var i = first
        while i <= last {
            acc = acc &<< 8 | UInt64(base[i])
            i += 1
        }
        acc = acc &>> UInt64((field.lsb - 1) % 8)
        return field.width >= 64 ? acc : acc & ((1 &<< UInt64(field.width)) &- 1)
    }
}
