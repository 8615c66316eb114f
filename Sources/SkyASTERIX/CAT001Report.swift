public import SkyModel

/// One ASTERIX CAT001 (edition 1.4) monoradar plot report, as typed views over its item octets (lossless, like
/// `CAT048Report`).
///
/// CAT001 has two UAPs told apart by I001/020 TYP: plots (TYP 0, this type) and radar tracks (TYP 1, decoded
/// field by field through `UAP.cat001Track` but with no typed view). `decode(_:start:end:)` refuses track
/// reports with `DecodeError.Code.undefinedItem` at the I001/020 octet, so a plot view never misreads a track.
public struct CAT001Report: Sendable, Hashable {
    /// The item octets, by FRN of the plot UAP.
    public var slots = ItemSlots(category: 1)

    /// An empty report.
    public init() {}

    /// A view over decoded slots (of category 1).
    public init(slots: ItemSlots) {
        precondition(slots.category == 1, "CAT001 slots expected")
        self.slots = slots
    }

    /// FRNs of the CAT001 1.4 plot UAP.
    public enum FRN {
        public static let dataSource = 1, descriptor = 2, polar = 3, mode3A = 4, modeC = 5
        public static let plotCharacteristics = 6, truncatedTimeOfDay = 7, mode2 = 8, doppler = 9
        public static let receivedPower = 10, mode3AConfidence = 11, modeCConfidence = 12, mode2Confidence = 13
        public static let warnings = 14, xPulse = 15, specialPurpose = 20
    }

    /// Decodes the plot record whose FSPEC starts at `start` in `bytes`, ending no later than `end`.
    /// - Returns: the offset past the record.
    /// - Throws: `DecodeError` (malformed record, or a track report: I001/020 TYP = 1) with its absolute offset.
    public mutating func decode(_ bytes: [UInt8], start: Int, end: Int) throws(DecodeError) -> Int {
        let isTrack = bytes.withUnsafeBytes { UAP.cat001IsTrack($0, start: start, end: end) }
        if isTrack {
            throw DecodeError(.undefinedItem, offset: start, "CAT001 track report (I001/020 TYP = 1), not a plot")
        }
        return try ItemSlots.decode(.cat001, bytes: bytes, start: start, end: end, into: &slots)
    }

    @inline(__always)
    func fixed(_ frn: Int, _ n: Int) -> UInt64? { slots.fixed(frn, count: n) }

    mutating func setOrRemove(_ frn: Int, _ value: UInt64?, _ count: Int) {
        slots.setOrRemove(frn, value, count: count)
    }

    /// I001/010 Data Source Identifier.
    public var dataSource: SensorID? {
        get { fixed(FRN.dataSource, 2).map { SensorID(sac: UInt8($0 >> 8), sic: UInt8($0 & 0xFF)) } }
        set { setOrRemove(FRN.dataSource, newValue.map { UInt64($0.packed) }, 2) }
    }

    /// I001/020 Target Report Descriptor (first octet and, if present, the first extension).
    public var descriptor: CAT001Descriptor? {
        get {
            guard let (v, n) = slots.octets(FRN.descriptor) else { return nil }
            let first = UInt8(truncatingIfNeeded: v >> UInt64(8 * (n - 1)))
            let ext: UInt8? = n >= 2 ? UInt8(truncatingIfNeeded: v >> UInt64(8 * (n - 2))) & 0xFE : nil
            return CAT001Descriptor(firstOctet: first & 0xFE, extensionOctet: ext)
        }
        set {
            guard let d = newValue else { return slots.remove(FRN.descriptor) }
            if let e = d.extensionOctet {
                slots.set(FRN.descriptor, octets: UInt64(d.firstOctet | 1) << 8 | UInt64(e & 0xFE), count: 2)
            } else {
                slots.set(FRN.descriptor, octets: UInt64(d.firstOctet & 0xFE), count: 1)
            }
        }
    }

    /// I001/040 Measured Position in Polar Co-ordinates (RHO LSB 1/128 NM, THETA LSB 360/2¹⁶ °).
    public var polar: CAT001Polar? {
        get { fixed(FRN.polar, 4).map { CAT001Polar(rhoNM128: UInt16($0 >> 16), theta: UInt16($0 & 0xFFFF)) } }
        set { setOrRemove(FRN.polar, newValue.map { UInt64($0.rhoNM128) << 16 | UInt64($0.theta) }, 4) }
    }

    /// I001/070 Mode-3/A Code in octal representation, with its V/G/L flags (same layout as I048/070).
    public var mode3A: Mode3AReply? {
        get { fixed(FRN.mode3A, 2).map { Mode3AReply(rawValue: UInt16($0)) } }
        set { setOrRemove(FRN.mode3A, newValue.map { UInt64($0.rawValue) }, 2) }
    }

    /// I001/090 Mode-C Code in binary representation: V, G, height in 1/4 FL, two's complement (same layout as
    /// I048/090).
    public var modeC: FlightLevelReply? {
        get { fixed(FRN.modeC, 2).map { FlightLevelReply(rawValue: UInt16($0)) } }
        set { setOrRemove(FRN.modeC, newValue.map { UInt64($0.rawValue) }, 2) }
    }

    /// I001/130 Radar Plot Characteristics: the 7-bit indicators, FX-chained, in order.
    public var plotCharacteristics: [UInt8] {
        get { (0..<slots.count(FRN.plotCharacteristics)).map { slots.byte(FRN.plotCharacteristics, $0) >> 1 } }
        set { setChain(FRN.plotCharacteristics, newValue) }
    }

    /// I001/141 Truncated Time of Day: the 16 least significant bits of the time of day in 1/128 s (it wraps
    /// every 512 s; resolve it with `ASTERIXTime.unixSeconds(truncatedTimeOfDay128:nearReference:)`).
    public var truncatedTimeOfDay128: UInt16? {
        get { fixed(FRN.truncatedTimeOfDay, 2).map { UInt16($0) } }
        set { setOrRemove(FRN.truncatedTimeOfDay, newValue.map { UInt64($0) }, 2) }
    }

    /// I001/050 Mode-2 Code in octal representation, with V/G/L flags.
    public var mode2: Mode3AReply? {
        get { fixed(FRN.mode2, 2).map { Mode3AReply(rawValue: UInt16($0)) } }
        set { setOrRemove(FRN.mode2, newValue.map { UInt64($0.rawValue) }, 2) }
    }

    /// I001/120 Measured Radial Doppler Speed, NM/s (two's complement, LSB 2⁻⁸ NM/s).
    public var radialDopplerNMPerSecond: Double? {
        get { fixed(FRN.doppler, 1).map { Double(Int8(bitPattern: UInt8($0))) / 256 } }
        set {
            setOrRemove(
                FRN.doppler,
                newValue.map { UInt64(UInt8(bitPattern: Int8(max(-128, min(127, ($0 * 256).rounded()))))) },
                1
            )
        }
    }

    /// I001/131 Received Power, dBm (two's complement, LSB 1 dBm).
    public var receivedPowerDBm: Int8? {
        get { fixed(FRN.receivedPower, 1).map { Int8(bitPattern: UInt8($0)) } }
        set { setOrRemove(FRN.receivedPower, newValue.map { UInt64(UInt8(bitPattern: $0)) }, 1) }
    }

    /// I001/080 Mode-3/A Code Confidence Indicator: 12 bits, one per code pulse (1 = low quality), A4 first.
    public var mode3AConfidence: UInt16? {
        get { fixed(FRN.mode3AConfidence, 2).map { UInt16($0 & 0x0FFF) } }
        set { setOrRemove(FRN.mode3AConfidence, newValue.map { UInt64($0 & 0x0FFF) }, 2) }
    }

    /// I001/100 Mode-C Code and Code Confidence Indicator: V, G, the 12-bit Gillham-ordered Mode C reply and
    /// its pulse confidence.
    public var modeCCode: (notValidated: Bool, garbled: Bool, code: UInt16, confidence: UInt16)? {
        fixed(FRN.modeCConfidence, 4).map {
            ($0 & 0x8000_0000 != 0, $0 & 0x4000_0000 != 0, UInt16($0 >> 16 & 0x0FFF), UInt16($0 & 0x0FFF))
        }
    }

    /// I001/100 raw 32 bits (for setting).
    public var modeCCodeRaw: UInt32? {
        get { fixed(FRN.modeCConfidence, 4).map { UInt32($0) } }
        set { setOrRemove(FRN.modeCConfidence, newValue.map { UInt64($0 & 0xCFFF_0FFF) }, 4) }
    }

    /// I001/060 Mode-2 Code Confidence Indicator: 12 bits, one per pulse.
    public var mode2Confidence: UInt16? {
        get { fixed(FRN.mode2Confidence, 2).map { UInt16($0 & 0x0FFF) } }
        set { setOrRemove(FRN.mode2Confidence, newValue.map { UInt64($0 & 0x0FFF) }, 2) }
    }

    /// I001/030 Warning/Error Conditions: the 7-bit codes, FX-chained, in order.
    public var warnings: [UInt8] {
        get { (0..<slots.count(FRN.warnings)).map { slots.byte(FRN.warnings, $0) >> 1 } }
        set { setChain(FRN.warnings, newValue) }
    }

    /// I001/150 Presence of X-Pulse: XA (bit 8), XC (bit 6), X2 (bit 3).
    public var xPulse: UInt8? {
        get { fixed(FRN.xPulse, 1).map { UInt8($0) } }
        set { setOrRemove(FRN.xPulse, newValue.map { UInt64($0 & 0xA4) }, 1) }
    }

    /// The Special Purpose field (SP), octets as received (length octet included).
    public var specialPurposeOctets: [UInt8]? {
        get { slots.bytes(FRN.specialPurpose) }
        set {
            if let b = newValue { slots.set(FRN.specialPurpose, bytes: b) } else { slots.remove(FRN.specialPurpose) }
        }
    }

    /// Sets an FX-chained item of 7-bit values (empty removes it).
    mutating func setChain(_ frn: Int, _ values: [UInt8]) {
        guard !values.isEmpty else { return slots.remove(frn) }
        slots.set(frn, bytes: values.enumerated().map { i, v in v << 1 | (i < values.count - 1 ? 1 : 0) })
    }
}

/// I001/020 Target Report Descriptor (CAT001 1.4).
public struct CAT001Descriptor: Sendable, Hashable {
    /// First octet, FX bit clear: TYP (8), SIM (7), SSR/PSR (6–5), ANT (4), SPI (3), RAB (2).
    public var firstOctet: UInt8
    /// First extension, FX clear: TST (8), DS1/DS2 (7–6), ME (5), MI (4); `nil` when not sent.
    public var extensionOctet: UInt8?

    /// A descriptor from its octets.
    public init(firstOctet: UInt8, extensionOctet: UInt8? = nil) {
        self.firstOctet = firstOctet & 0xFE
        self.extensionOctet = extensionOctet.map { $0 & 0xFE }
    }

    /// A plot descriptor: `detection` 1 sole primary, 2 sole SSR, 3 SSR + PSR (0 no detection).
    public init(detection: UInt8, simulated: Bool = false, spi: Bool = false, fixedTransponder: Bool = false) {
        firstOctet =
            (detection & 3) << 4 | (simulated ? 0x40 : 0) | (spi ? 0x04 : 0) | (fixedTransponder ? 0x02 : 0)
    }

    /// TYP: `true` for a track report, `false` for a plot.
    public var isTrack: Bool { firstOctet & 0x80 != 0 }
    /// SIM: simulated report.
    public var isSimulated: Bool { firstOctet & 0x40 != 0 }
    /// SSR/PSR: 0 no detection, 1 sole primary, 2 sole SSR, 3 SSR + PSR.
    public var detection: UInt8 { firstOctet >> 4 & 3 }
    /// ANT: report from antenna 2.
    public var antenna2: Bool { firstOctet & 0x08 != 0 }
    /// SPI: special position identification.
    public var spi: Bool { firstOctet & 0x04 != 0 }
    /// RAB: report from a field monitor (fixed transponder).
    public var fixedTransponder: Bool { firstOctet & 0x02 != 0 }
    /// TST: test target.
    public var isTest: Bool { (extensionOctet ?? 0) & 0x80 != 0 }
    /// DS1/DS2: 0 default, 1 unlawful interference (7500), 2 radio failure (7600), 3 emergency (7700).
    public var ds1ds2: UInt8 { (extensionOctet ?? 0) >> 5 & 3 }
    /// ME: military emergency.
    public var militaryEmergency: Bool { (extensionOctet ?? 0) & 0x10 != 0 }
    /// MI: military identification.
    public var militaryIdentification: Bool { (extensionOctet ?? 0) & 0x08 != 0 }
}

/// I001/040 Measured Position in Polar Co-ordinates: RHO LSB 1/128 NM (max 512 NM), THETA LSB 360/2¹⁶ °.
public struct CAT001Polar: Sendable, Hashable {
    /// Range in 1/128 NM.
    public var rhoNM128: UInt16
    /// Azimuth in 360/2¹⁶ ° from north, clockwise.
    public var theta: UInt16

    /// A position from its raw fields.
    public init(rhoNM128: UInt16, theta: UInt16) {
        self.rhoNM128 = rhoNM128
        self.theta = theta
    }

    /// A position from slant range (metres, clamped to 0…65535/128 NM) and azimuth (radians clockwise from north),
    /// rounded to the nearest LSB.
    public init(rangeMetres: Double, azimuth: Double) {
        rhoNM128 = UInt16(max(0, min(65_535, (rangeMetres / 1852 * 128).rounded())))
        var t = (azimuth / (2 * Double.pi) * 65_536).rounded().truncatingRemainder(dividingBy: 65_536)
        if t < 0 { t += 65_536 }
        theta = UInt16(t)
    }

    /// Slant range, NM.
    public var rangeNM: Double { Double(rhoNM128) / 128 }
    /// Slant range, metres.
    public var rangeMetres: Double { Double(rhoNM128) * 1852 / 128 }
    /// Azimuth, degrees clockwise from north.
    public var azimuthDegrees: Double { Double(theta) * 360 / 65_536 }
    /// Azimuth, radians clockwise from north.
    public var azimuth: Double { Double(theta) * (2 * Double.pi) / 65_536 }
}
