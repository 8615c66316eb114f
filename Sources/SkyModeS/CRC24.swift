/// The Mode S 24-bit parity (CRC-24), ICAO Annex 10 Vol IV §3.1.2.3.3.
///
/// Generator polynomial G(x) = x²⁴ + x²³ + … + x¹³ + x¹² + x¹⁰ + x³ + 1 (0x1FFF409).
/// The remainder of a received frame is `CRC(data) ⊕ parity field`: 0 for a clean DF17/18, the aircraft
/// address for the address/parity formats (DF0/4/5/16/20/21), and the interrogator code for DF11.
///
/// Implementation: the CRC is linear over GF(2), so the remainder is the XOR of one syndrome per byte and
/// byte position. A 14×256-entry table holds those syndromes (`x^(111−k) mod G` summed over the set bits
/// k of the byte); the 14 look-ups are independent, unlike Sarwate's byte-serial chain, so they pipeline.
/// A short frame is a long frame with 7 leading zero bytes (whose CRC is zero), so it uses positions 7–13.
public enum CRC24 {
    /// The generator polynomial without its x²⁴ term.
    public static let generator: UInt32 = 0xFF_F409

    /// Syndrome of each single bit of a 112-bit frame (index 0 = first transmitted bit).
    static let bitSyndromes: [UInt32] = {
        var s = [UInt32](repeating: 0, count: 112)
        for k in 88..<112 { s[k] = 1 << UInt32(111 - k) }
        var r: UInt32 = generator  // x^24 mod G, the syndrome of data bit 87
        for k in stride(from: 87, through: 0, by: -1) {
            s[k] = r
            r <<= 1
            if r & 0x100_0000 != 0 { r ^= 0x1FF_F409 }
        }
        return s
    }()

    /// `table[position * 256 + byte]`: syndrome of `byte` at byte `position` of a 112-bit frame.
    static let table: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 14 * 256)
        for position in 0..<14 {
            for value in 0..<256 {
                var r: UInt32 = 0
                for bit in 0..<8 where value & (0x80 >> bit) != 0 { r ^= bitSyndromes[position * 8 + bit] }
                t[position * 256 + value] = r
            }
        }
        return t
    }()

    /// The 24-bit remainder of a frame (data CRC XOR the parity field).
    @inlinable
    public static func remainder(_ frame: ModeSFrame) -> UInt32 {
        remainder(bits: frame.bits, isLong: frame.isLong)
    }

    /// The 24-bit remainder of left-aligned frame bits.
    @usableFromInline
    static func remainder(bits: UInt128, isLong: Bool) -> UInt32 {
        table.withUnsafeBufferPointer { t in
            let hi = UInt64(truncatingIfNeeded: bits &>> 64)
            let lo = UInt64(truncatingIfNeeded: bits)
            if isLong {
                var a: UInt32 = t[Int(truncatingIfNeeded: hi >> 56)]
                var b: UInt32 = t[256 | Int(truncatingIfNeeded: (hi >> 48) & 0xFF)]
                a ^= t[512 | Int(truncatingIfNeeded: (hi >> 40) & 0xFF)]
                b ^= t[768 | Int(truncatingIfNeeded: (hi >> 32) & 0xFF)]
                a ^= t[1024 | Int(truncatingIfNeeded: (hi >> 24) & 0xFF)]
                b ^= t[1280 | Int(truncatingIfNeeded: (hi >> 16) & 0xFF)]
                a ^= t[1536 | Int(truncatingIfNeeded: (hi >> 8) & 0xFF)]
                b ^= t[1792 | Int(truncatingIfNeeded: hi & 0xFF)]
                a ^= t[2048 | Int(truncatingIfNeeded: lo >> 56)]
                b ^= t[2304 | Int(truncatingIfNeeded: (lo >> 48) & 0xFF)]
                a ^= t[2560 | Int(truncatingIfNeeded: (lo >> 40) & 0xFF)]
                return (a ^ b ^ UInt32(truncatingIfNeeded: (lo >> 16) & 0xFF_FFFF))
            } else {
                var a: UInt32 = t[1792 | Int(truncatingIfNeeded: hi >> 56)]
                let b: UInt32 = t[2048 | Int(truncatingIfNeeded: (hi >> 48) & 0xFF)]
                a ^= t[2304 | Int(truncatingIfNeeded: (hi >> 40) & 0xFF)]
                a ^= t[2560 | Int(truncatingIfNeeded: (hi >> 32) & 0xFF)]
                return (a ^ b ^ UInt32(truncatingIfNeeded: (hi >> 8) & 0xFF_FFFF))
            }
        }
    }

    /// The parity field that makes `frame`'s remainder equal `overlay` (0 for DF17/18, the address for
    /// address/parity formats): `CRC(data) ⊕ overlay`.
    public static func parity(for frame: ModeSFrame, overlay: UInt32 = 0) -> UInt32 {
        remainder(frame) ^ frame.parity ^ overlay
    }

    /// The frame with its parity field set so that its remainder equals `overlay`.
    public static func withParity(_ frame: ModeSFrame, overlay: UInt32 = 0) -> ModeSFrame {
        let p = parity(for: frame, overlay: overlay)
        let shift = UInt128(frame.isLong ? 16 : 72)
        let cleared = frame.bits & ~(UInt128(0xFF_FFFF) &<< shift)
        return ModeSFrame(bits: cleared | (UInt128(p) &<< shift), isLong: frame.isLong)
    }

    /// The 0-based index of the single bit whose inversion gives `remainder`, if one exists.
    ///
    /// Used for the optional 1-bit error correction of DF17/18 (dump1090's `fixBitErrors` with one bit).
    /// Bit 0–4 (the DF) are not corrected: a DF error would change the format.
    /// - Complexity: O(n) over the frame's bits (only called on a failed CRC).
    public static func singleBitErrorPosition(remainder: UInt32, isLong: Bool) -> Int? {
        guard remainder != 0 else { return nil }
        let n = isLong ? 112 : 56
        let offset = isLong ? 0 : 56
        return bitSyndromes.withUnsafeBufferPointer { s in
            for k in 5..<n where s[k + offset] == remainder { return k }
            return nil
        }
    }
}
