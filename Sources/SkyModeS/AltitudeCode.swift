public import SkyModel

/// Mode S altitude and identity codes: ICAO Annex 10 Vol IV §3.1.2.6.5.4 (AC field) and §3.1.2.6.7.1 (ID).
public enum AltitudeCode {
    /// Decodes a 13-bit AC field (`C1 A1 C2 A2 C4 A4 M B1 Q B2 D2 B4 D4`, MSB first) to feet.
    ///
    /// - M = 0, Q = 1: 25 ft steps, `N · 25 − 1000` with N the 11 bits other than M and Q.
    /// - M = 0, Q = 0: 100 ft Gillham (Gray) code, `n500 · 500 + n100 · 100 − 1300`.
    /// - M = 1 (metric) is not used in practice and returns `nil`, as pyModeS 3 does.
    /// - Returns: pressure altitude in feet, or `nil` for "unknown" (all zero) and invalid Gillham codes.
    @inlinable
    public static func feet(ac13 ac: UInt32) -> Int? {
        if ac == 0 { return nil }
        let m = (ac >> 6) & 1
        let q = (ac >> 4) & 1
        if m == 1 { return nil }
        if q == 1 {
            let n = ((ac >> 2) & 0x7E0) | ((ac >> 1) & 0x10) | (ac & 0xF)
            return Int(n) * 25 - 1000
        }
        return gillhamFeet(ac13: ac)
    }

    /// Decodes a 12-bit ADS-B airborne-position altitude (ME bits 9–20; the M bit is absent) to feet.
    @inlinable
    public static func feet(ac12 ac: UInt32) -> Int? {
        feet(ac13: ((ac >> 6) << 7) | (ac & 0x3F))
    }

    /// The 100 ft Gillham decoding of a 13-bit AC field with Q = 0.
    /// - Returns: feet, or `nil` when the 100 ft digit is one of the illegal codes 0, 5, 6.
    @usableFromInline
    static func gillhamFeet(ac13 ac: UInt32) -> Int? {
        @inline(__always) func b(_ pos: UInt32) -> UInt32 { (ac >> (12 - pos)) & 1 }
        // Reorder to D2 D4 A1 A2 A4 B1 B2 B4 (500 ft Gray counter) and C1 C2 C4 (100 ft counter).
        let gc500 = b(10) << 7 | b(12) << 6 | b(1) << 5 | b(3) << 4 | b(5) << 3 | b(7) << 2 | b(9) << 1 | b(11)
        let gc100 = b(0) << 2 | b(2) << 1 | b(4)
        let n500 = grayToBinary(gc500)
        var n100 = grayToBinary(gc100)
        if n100 == 0 || n100 == 5 || n100 == 6 { return nil }
        if n100 == 7 { n100 = 5 }
        if n500 & 1 == 1 { n100 = 6 - n100 }
        return Int(n500) * 500 + Int(n100) * 100 - 1300
    }

    @inlinable @inline(__always)
    static func grayToBinary(_ g: UInt32) -> UInt32 {
        var n = g
        n ^= n >> 8
        n ^= n >> 4
        n ^= n >> 2
        n ^= n >> 1
        return n
    }

    /// Encodes a pressure altitude as a 13-bit AC field with Q = 1 (25 ft steps), for −1000…50175 ft.
    /// - Returns: the AC field, or `nil` outside the 25 ft coding range.
    public static func ac13(feet: Int) -> UInt32? {
        let n = (feet + 1000 + 12) / 25  // nearest 25 ft step
        guard feet >= -1000, n >= 0, n < 2048 else { return nil }
        let v = UInt32(n)
        return ((v & 0x7E0) << 2) | ((v & 0x10) << 1) | 0x10 | (v & 0xF)
    }

    /// Encodes a pressure altitude as the 12-bit ADS-B altitude field (Q = 1, 25 ft steps).
    public static func ac12(feet: Int) -> UInt32? {
        guard let ac = ac13(feet: feet) else { return nil }
        return ((ac >> 7) << 6) | (ac & 0x3F)
    }
}

/// The 13-bit identity (Mode 3/A) field `C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4`.
public enum IdentityCode {
    /// The 12-bit Mode 3/A value (`A·8³ + B·8² + C·8 + D`) of a 13-bit ID field.
    @inlinable
    public static func mode3A(id13 id: UInt32) -> UInt16 {
        @inline(__always) func b(_ pos: UInt32) -> UInt32 { (id >> (12 - pos)) & 1 }
        let a = b(5) << 2 | b(3) << 1 | b(1)
        let bb = b(11) << 2 | b(9) << 1 | b(7)
        let c = b(4) << 2 | b(2) << 1 | b(0)
        let d = b(12) << 2 | b(10) << 1 | b(8)
        return UInt16(a << 9 | bb << 6 | c << 3 | d)
    }

    /// The 13-bit ID field of a Mode 3/A value (inverse of `mode3A(id13:)`, X bit 0).
    public static func id13(mode3A code: UInt16) -> UInt32 {
        let v = UInt32(code)
        let a = (v >> 9) & 7
        let b = (v >> 6) & 7
        let c = (v >> 3) & 7
        let d = v & 7
        @inline(__always) func put(_ x: UInt32, _ bit: UInt32, _ pos: UInt32) -> UInt32 {
            ((x >> bit) & 1) << (12 - pos)
        }
        return put(c, 0, 0) | put(a, 0, 1) | put(c, 1, 2) | put(a, 1, 3) | put(c, 2, 4) | put(a, 2, 5)
            | put(b, 0, 7) | put(d, 0, 8) | put(b, 1, 9) | put(d, 1, 10) | put(b, 2, 11) | put(d, 2, 12)
    }
}

/// The ICAO 6-bit character set of aircraft identification (Annex 10 Vol IV Table 3-9).
public enum AircraftIdentification {
    /// ASCII for a 6-bit code: A–Z for 1–26, space for 32, digits for 48–57, `#` otherwise.
    @inlinable
    public static func ascii(_ code: UInt8) -> UInt8 {
        switch code {
        case 1...26: code | 0x40
        case 32, 48...57: code
        default: 0x23
        }
    }

    /// Whether a 6-bit code is a valid character.
    @inlinable
    public static func isValid(_ code: UInt8) -> Bool { ascii(code) != 0x23 }

    /// Eight characters from the low 48 bits of `bits` (first character in bits 47–42).
    @inlinable
    public static func callsignBytes(_ bits: UInt64) -> InlineArray<8, UInt8> {
        var out = InlineArray<8, UInt8>(repeating: 0x20)
        for i in 0..<8 { out[i] = ascii(UInt8(truncatingIfNeeded: (bits >> UInt64(42 - 6 * i)) & 0x3F)) }
        return out
    }

    /// The 6-bit code of an ASCII character (space for anything outside the set).
    public static func code(ascii c: UInt8) -> UInt8 {
        switch c {
        case 0x41...0x5A: c & 0x3F
        case 0x30...0x39: c
        case 0x61...0x7A: (c - 0x20) & 0x3F
        default: 32
        }
    }
}

extension Callsign {
    /// A callsign from eight ASCII bytes as decoded (no case folding or padding).
    @inlinable
    init(bytes raw: InlineArray<8, UInt8>) {
        self.init("")
        bytes = raw
    }
}
