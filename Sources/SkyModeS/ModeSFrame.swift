/// One Mode S downlink frame: 56 bits (short: DF0/4/5/11) or 112 bits (long), stored inline.
///
/// The bits are kept left-aligned in a `UInt128`: bit 1 of the ICAO numbering (the first transmitted bit,
/// the MSB of the downlink format) is bit 127 of `bits`. A short frame leaves the low 72 bits zero. The
/// struct is trivially copyable (17 bytes of payload), so decoding never allocates per frame.
/// Source: ICAO Annex 10 Vol IV §3.1.2 (bit numbering and formats).
@frozen
public struct ModeSFrame: Sendable, Hashable {
    /// The frame bits, left-aligned (first transmitted bit = bit 127).
    public var bits: UInt128
    /// `true` for a 112-bit frame, `false` for a 56-bit one.
    public var isLong: Bool

    /// A frame from its left-aligned bits.
    @inlinable
    public init(bits: UInt128, isLong: Bool) {
        self.bits = bits
        self.isLong = isLong
    }

    /// A frame from 7 or 14 bytes.
    /// - Returns: `nil` if `bytes` does not hold exactly 7 or 14 bytes.
    @inlinable
    public init?(bytes: some Collection<UInt8>) {
        let n = bytes.count
        guard n == 7 || n == 14 else { return nil }
        var v: UInt128 = 0
        for b in bytes { v = v &<< 8 | UInt128(b) }
        self.init(bits: v &<< UInt128(128 - 8 * n), isLong: n == 14)
    }

    /// A frame from 14 or 28 hexadecimal digits (either case).
    ///
    /// A short-format frame (DF0/4/5/11) given as 28 digits (zero-padded by some decoders, e.g. rs1090)
    /// keeps its first 56 bits.
    /// - Returns: `nil` for any other length or a non-hex digit.
    public init?(hex: some StringProtocol) {
        var v: UInt128 = 0
        var n = 0
        for c in hex.utf8 {
            guard let d = hexValue(c) else { return nil }
            n += 1
            guard n <= 28 else { return nil }
            v = v &<< 4 | UInt128(d)
        }
        guard n == 14 || n == 28 else { return nil }
        v = v &<< UInt128(128 - 4 * n)
        let df = Int(v >> 123)
        if n == 28 && ModeSFrame.isShortFormat(df: df) {
            self.init(bits: v & ~(UInt128.max >> 56), isLong: false)
        } else {
            self.init(bits: v, isLong: n == 28)
        }
    }

    /// Number of bytes: 7 or 14.
    @inlinable public var byteCount: Int { isLong ? 14 : 7 }

    /// Number of bits: 56 or 112.
    @inlinable public var bitCount: Int { isLong ? 112 : 56 }

    /// The downlink format (first 5 bits). Values 24–31 all mean DF24 (Comm-D) per Annex 10.
    @inlinable public var downlinkFormat: Int { Int(truncatingIfNeeded: bits >> 123) }

    /// `width` bits starting at 0-based bit `start` from the first transmitted bit (MSB-first).
    ///
    /// `start` 0 is ICAO bit 1. The caller keeps `start + width ≤ 112` and `width ≤ 64`.
    @inlinable @inline(__always)
    public func field(_ start: Int, _ width: Int) -> UInt64 {
        let shifted = (bits &<< UInt128(truncatingIfNeeded: start)) &>> UInt128(truncatingIfNeeded: 128 - width)
        return UInt64(truncatingIfNeeded: shifted)
    }

    /// The 56-bit ME / MB / MV field (ICAO bits 33–88) of a long frame, right-aligned.
    @inlinable public var payload: UInt64 { UInt64(truncatingIfNeeded: bits &>> 40) & 0x00FF_FFFF_FFFF_FFFF }

    /// The last 24 bits (AP or PI parity field).
    @inlinable public var parity: UInt32 {
        UInt32(truncatingIfNeeded: bits &>> UInt128(isLong ? 16 : 72)) & 0xFF_FFFF
    }

    /// The byte at `index` (0-based; `index < byteCount`).
    @inlinable
    public func byte(_ index: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: bits &>> UInt128(truncatingIfNeeded: 120 - 8 * index))
    }

    /// Lowercase hexadecimal digits (14 or 28).
    public var hex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(28)
        for i in 0..<byteCount {
            let b = byte(i)
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The same frame with bit `index` (0-based from the first transmitted bit) inverted.
    @inlinable
    public func flippingBit(_ index: Int) -> ModeSFrame {
        ModeSFrame(bits: bits ^ (UInt128(1) &<< UInt128(truncatingIfNeeded: 127 - index)), isLong: isLong)
    }

    /// Whether a downlink format is a 56-bit one (DF0–DF11 except the long DF16+; Annex 10 §3.1.2.3.1.4).
    @inlinable
    public static func isShortFormat(df: Int) -> Bool { df < 16 }
}

@inline(__always)
func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: c &- 0x30
    case 0x41...0x46: c &- 0x37
    case 0x61...0x66: c &- 0x57
    default: nil
    }
}
