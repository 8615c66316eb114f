public import SkyModel

/// I048/020 first octet.
public struct TargetReportDescriptor: Sendable, Hashable {
    /// The octet with FX cleared on write.
    public var firstOctet: UInt8
    public init(firstOctet: UInt8) { self.firstOctet = firstOctet }
    /// A descriptor from its fields. `typ`: 0…7 (see I048/020 TYP).
    public init(
        typ: UInt8,
        simulated: Bool = false,
        rdpChain2: Bool = false,
        spi: Bool = false,
        fixedTransponder: Bool = false
    ) {
        firstOctet =
            (typ & 7) << 5 | (simulated ? 0x10 : 0) | (rdpChain2 ? 8 : 0) | (spi ? 4 : 0) | (fixedTransponder ? 2 : 0)
    }
    /// TYP: 0 no detection, 1 PSR, 2 SSR, 3 SSR+PSR, 4 Mode S all-call, 5 Mode S roll-call, 6/7 with PSR.
    public var typ: UInt8 { firstOctet >> 5 }
    public var isSimulated: Bool { firstOctet & 0x10 != 0 }
    public var spi: Bool { firstOctet & 4 != 0 }
    /// Whether a primary detection contributed (TYP 1, 3, 6, 7).
    public var hasPrimary: Bool { [1, 3, 6, 7].contains(typ) }
}

/// I048/040: slant range and azimuth as transmitted.
public struct MeasuredPolar: Sendable, Hashable {
    /// RHO, LSB 1/256 NM.
    public var rhoNM256: UInt16
    /// THETA, LSB 360/2¹⁶ degrees, clockwise from north.
    public var theta: UInt16
    public init(rhoNM256: UInt16, theta: UInt16) {
        self.rhoNM256 = rhoNM256
        self.theta = theta
    }
    /// Slant range, NM.
    public var rangeNM: Double { Double(rhoNM256) / 256 }
    /// Slant range, metres (1 NM = 1852 m).
    public var rangeMetres: Double { Double(rhoNM256) * 1852 / 256 }
    /// Azimuth, degrees.
    public var azimuthDegrees: Double { Double(theta) * 360 / 65536 }
    /// Azimuth, radians in [0, 2π).
    public var azimuth: Double { Double(theta) * (2 * Double.pi) / 65536 }

    /// The nearest representable polar position (range clamped to 0…256 NM − LSB).
    public init(rangeMetres: Double, azimuth: Double) {
        let rho = (rangeMetres / 1852 * 256).rounded()
        rhoNM256 = UInt16(max(0, min(65_535, rho)))
        var a = (azimuth / (2 * Double.pi) * 65536).rounded().truncatingRemainder(dividingBy: 65536)
        if a < 0 { a += 65536 }
        theta = UInt16(a)
    }
}

/// I048/070 or I034-style Mode-3/A reply: V (not validated), G (garbled), L (smoothed/local), 12-bit code.
public struct Mode3AReply: Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(code: Mode3ACode, notValidated: Bool = false, garbled: Bool = false, local: Bool = false) {
        rawValue = code.rawValue | (notValidated ? 0x8000 : 0) | (garbled ? 0x4000 : 0) | (local ? 0x2000 : 0)
    }
    public var code: Mode3ACode { Mode3ACode(rawValue & 0o7777) }
    public var notValidated: Bool { rawValue & 0x8000 != 0 }
    public var garbled: Bool { rawValue & 0x4000 != 0 }
    public var local: Bool { rawValue & 0x2000 != 0 }
}

/// I048/090 Flight Level: V, G, and a 14-bit two's-complement flight level in 1/4 FL.
public struct FlightLevelReply: Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// A reply from quarter flight levels (clamped to the 14-bit range).
    public init(quarterFlightLevels: Int, notValidated: Bool = false, garbled: Bool = false) {
        let q = max(-8192, min(8191, quarterFlightLevels))
        rawValue = UInt16(bitPattern: Int16(q)) & 0x3FFF | (notValidated ? 0x8000 : 0) | (garbled ? 0x4000 : 0)
    }
    public var notValidated: Bool { rawValue & 0x8000 != 0 }
    public var garbled: Bool { rawValue & 0x4000 != 0 }
    /// Quarter flight levels (signed).
    public var quarterFlightLevels: Int { Int(Int16(bitPattern: rawValue << 2) >> 2) }
    /// Flight level (hundreds of feet), LSB 1/4.
    public var flightLevel: Double { Double(quarterFlightLevels) / 4 }
    /// Pressure altitude, feet.
    public var feet: Double { Double(quarterFlightLevels) * 25 }
}

/// I048/130 Radar Plot Characteristics (editions 1.21–1.31, sub-items 1–7).
public struct PlotCharacteristics: Sendable, Hashable {
    /// SSR plot run length, degrees (LSB 360/2¹³).
    public var ssrRunLengthDegrees: Double?
    /// Number of received SSR replies.
    public var ssrReplies: UInt8?
    /// SSR reply amplitude, dBm (signed).
    public var ssrAmplitudeDBm: Int8?
    /// Primary plot run length, degrees (LSB 360/2¹³).
    public var psrRunLengthDegrees: Double?
    /// Primary plot amplitude, dBm (signed).
    public var psrAmplitudeDBm: Int8?
    /// PSR − SSR range difference, NM (LSB 1/256, signed).
    public var rangeDifferenceNM: Double?
    /// PSR − SSR azimuth difference, degrees (LSB 360/2¹⁴, signed).
    public var azimuthDifferenceDegrees: Double?

    /// Parses the item octets (primary subfield of one octet, then one octet per present sub-item);
    /// `nil` for an extended primary subfield (spare sub-items of later editions).
    init?(count: Int, octet: (Int) -> UInt8) {
        guard count > 0 else { return nil }
        let primary = octet(0)
        guard primary & 1 == 0 else { return nil }
        var i = 1
        func next() -> UInt8? {
            guard i < count else { return nil }
            defer { i += 1 }
            return octet(i)
        }
        if primary & 0x80 != 0 { ssrRunLengthDegrees = next().map { Double($0) * 360 / 8192 } }
        if primary & 0x40 != 0 { ssrReplies = next() }
        if primary & 0x20 != 0 { ssrAmplitudeDBm = next().map { Int8(bitPattern: $0) } }
        if primary & 0x10 != 0 { psrRunLengthDegrees = next().map { Double($0) * 360 / 8192 } }
        if primary & 0x08 != 0 { psrAmplitudeDBm = next().map { Int8(bitPattern: $0) } }
        if primary & 0x04 != 0 { rangeDifferenceNM = next().map { Double(Int8(bitPattern: $0)) / 256 } }
        if primary & 0x02 != 0 { azimuthDifferenceDegrees = next().map { Double(Int8(bitPattern: $0)) * 360 / 16384 } }
    }
}

/// ICAO 6-bit character coding (Annex 10 Vol IV, 3.1.2.9): 1–26 A–Z, 32 space, 48–57 digits.
public enum SixBitText {
    /// Decodes `count` characters from the low `6·count` bits; unknown codes become spaces.
    public static func decode(_ raw: UInt64, count: Int) -> String {
        var out: [UInt8] = []
        for i in (0..<count).reversed() {
            let c = UInt8(truncatingIfNeeded: raw >> UInt64(6 * i)) & 0x3F
            out.append(c >= 1 && c <= 26 ? c + 64 : (c == 32 || (c >= 48 && c <= 57) ? c : 0x20))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A callsign from eight 6-bit characters, without going through `String`.
    public static func callsign(_ raw: UInt64) -> Callsign {
        var c = blank
        for i in 0..<8 {
            let v = UInt8(truncatingIfNeeded: raw >> UInt64(6 * (7 - i))) & 0x3F
            c.bytes[i] = v >= 1 && v <= 26 ? v + 64 : (v == 32 || (v >= 48 && v <= 57) ? v : 0x20)
        }
        return c
    }

    static let blank = Callsign("")

    /// Encodes up to `count` characters (upper-cased; others than A–Z, 0–9 become spaces), space-padded.
    public static func encode(_ s: String, count: Int) -> UInt64 {
        var raw: UInt64 = 0
        var chars = Array(s.uppercased().utf8.prefix(count))
        while chars.count < count { chars.append(0x20) }
        for c in chars {
            let code: UInt8 = (c >= 65 && c <= 90) ? c - 64 : ((c >= 48 && c <= 57) ? c : 32)
            raw = raw << 6 | UInt64(code)
        }
        return raw
    }
}
