/// An ASTERIX data source identifier: System Area Code and System Identification Code (I0xx/010).
@frozen
public struct SensorID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// System Area Code.
    public var sac: UInt8
    /// System Identification Code.
    public var sic: UInt8

    /// An identifier from its two codes.
    @inlinable
    public init(sac: UInt8, sic: UInt8) {
        self.sac = sac
        self.sic = sic
    }

    /// The 16-bit packed form `SAC << 8 | SIC`.
    @inlinable public var packed: UInt16 { UInt16(sac) << 8 | UInt16(sic) }

    public static func < (a: SensorID, b: SensorID) -> Bool { a.packed < b.packed }
    public var description: String { "\(sac)/\(sic)" }
}

/// A 24-bit ICAO aircraft address (Mode S address), ICAO Annex 10 Vol III.
@frozen
public struct ICAOAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The address in the low 24 bits.
    public var rawValue: UInt32

    /// An address from its 24-bit value (higher bits are masked off).
    @inlinable
    public init(_ rawValue: UInt32) { self.rawValue = rawValue & 0xFF_FFFF }

    /// Parses six hexadecimal digits (either case), e.g. `"3c6dd4"`.
    public init?(hex: some StringProtocol) {
        guard hex.utf8.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
        self.init(v)
    }

    /// Six lowercase hexadecimal digits.
    public var hex: String {
        let s = String(rawValue, radix: 16)
        return String(repeating: "0", count: 6 - s.count) + s
    }

    public static func < (a: ICAOAddress, b: ICAOAddress) -> Bool { a.rawValue < b.rawValue }
    public var description: String { hex }
}

/// A Mode 3/A identity code: four octal digits ABCD, stored as the 12-bit value (A·8³ + B·8² + C·8 + D).
@frozen
public struct Mode3ACode: Sendable, Hashable, CustomStringConvertible {
    /// The 12-bit code.
    public var rawValue: UInt16

    /// A code from its 12-bit value.
    @inlinable
    public init(_ rawValue: UInt16) { self.rawValue = rawValue & 0o7777 }

    /// Parses four octal digits, e.g. `"7700"`.
    public init?(octal: some StringProtocol) {
        guard octal.utf8.count == 4, let v = UInt16(octal, radix: 8) else { return nil }
        self.init(v)
    }

    /// Four octal digits with leading zeros.
    public var octal: String {
        let s = String(rawValue, radix: 8)
        return String(repeating: "0", count: 4 - s.count) + s
    }

    /// Codes shared by many aircraft (conspicuity and generic codes), hence weak evidence for association:
    /// 1000 (Mode S conspicuity, Europe), 1200 (VFR, US), 2000 (no code assigned), 7000 (VFR, ICAO/Europe),
    /// 0000 (no code), and the emergency codes 7500/7600/7700 which any aircraft may select.
    public var isDiscrete: Bool {
        switch rawValue {
        case 0o1000, 0o1200, 0o2000, 0o7000, 0o0000, 0o7500, 0o7600, 0o7700: false
        default: true
        }
    }

    /// Emergency squawks: 7500 unlawful interference, 7600 radio failure, 7700 general emergency.
    public var isEmergency: Bool { rawValue == 0o7500 || rawValue == 0o7600 || rawValue == 0o7700 }

    public var description: String { octal }
}

/// An aircraft identification (callsign): up to 8 characters of the ICAO 6-bit set, stored inline.
@frozen
public struct Callsign: Sendable, Hashable, CustomStringConvertible {
    /// ASCII bytes, space-padded.
    public var bytes: InlineArray<8, UInt8>

    /// A callsign from a string: upper-cased, truncated to 8 characters, padded with spaces.
    public init(_ string: some StringProtocol) {
        bytes = InlineArray(repeating: 0x20)
        var i = 0
        for b in string.uppercased().utf8 where i < 8 {
            bytes[i] = b
            i += 1
        }
    }

    /// The callsign without trailing spaces.
    public var string: String {
        var chars: [UInt8] = []
        for i in 0..<8 { chars.append(bytes[i]) }
        while let last = chars.last, last == 0x20 { chars.removeLast() }
        return String(decoding: chars, as: UTF8.self)
    }

    public static func == (a: Callsign, b: Callsign) -> Bool {
        for i in 0..<8 where a.bytes[i] != b.bytes[i] { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        for i in 0..<8 { hasher.combine(bytes[i]) }
    }

    public var description: String { string }
}
