public import SkyModel

/// One ASTERIX CAT048 (edition 1.31; 1.21 records are read the same) monoradar target report, as typed views over
/// its item octets.
///
/// Every item is kept as octets (`slots`), so decode → encode is lossless; the properties convert to and
/// from engineering units with the exact LSBs of the specification. Unset items read as `nil`.
public struct CAT048Report: Sendable, Hashable {
    /// The item octets, by FRN.
    public var slots = ItemSlots(category: 48)

    /// An empty report.
    public init() {}

    /// FRNs of the CAT048 1.31 UAP (the same as 1.21).
    public enum FRN {
        public static let dataSource = 1, timeOfDay = 2, descriptor = 3, polar = 4, mode3A = 5, flightLevel = 6
        public static let plotCharacteristics = 7, address = 8, identification = 9, commB = 10, trackNumber = 11
        public static let cartesian = 12, velocity = 13, trackStatus = 14, accuracy = 15, warnings = 16
        public static let mode3AConfidence = 17, modeCConfidence = 18, height3D = 19, doppler = 20
        public static let capability = 21, acasRA = 22, mode1 = 23, mode2 = 24, mode1Confidence = 25
        public static let mode2Confidence = 26, specialPurpose = 27, reservedExpansion = 28
    }

    @inline(__always)
    func fixed(_ frn: Int, _ n: Int) -> UInt64? { slots.fixed(frn, count: n) }

    /// I048/010 Data Source Identifier.
    public var dataSource: SensorID? {
        get { fixed(FRN.dataSource, 2).map { SensorID(sac: UInt8($0 >> 8), sic: UInt8($0 & 0xFF)) } }
        set { setOrRemove(FRN.dataSource, newValue.map { UInt64($0.packed) }, 2) }
    }

    /// I048/140 Time of Day: 1/128 s since UTC midnight (24 bits).
    public var timeOfDay128: UInt32? {
        get { fixed(FRN.timeOfDay, 3).map { UInt32($0) } }
        set { setOrRemove(FRN.timeOfDay, newValue.map { UInt64($0 & 0xFF_FFFF) }, 3) }
    }

    /// I048/140 as seconds since UTC midnight (LSB 1/128 s).
    public var timeOfDaySeconds: Double? { timeOfDay128.map { Double($0) / 128 } }

    /// I048/020 Target Report Descriptor, first octet: TYP (bits 8–6: 0 none, 1 PSR, 2 SSR, 3 SSR+PSR,
    /// 4 Mode S all-call, 5 Mode S roll-call, 6/7 those + PSR), SIM, RDP, SPI, RAB.
    public var descriptor: TargetReportDescriptor? {
        get {
            guard let (v, n) = slots.octets(FRN.descriptor) else { return nil }
            return TargetReportDescriptor(firstOctet: UInt8(truncatingIfNeeded: v >> UInt64(8 * (n - 1))))
        }
        set { setOrRemove(FRN.descriptor, newValue.map { UInt64($0.firstOctet & 0xFE) }, 1) }
    }

    /// I048/040 Measured Position in Polar Coordinates (RHO LSB 1/256 NM, THETA LSB 360/2¹⁶ °).
    public var polar: MeasuredPolar? {
        get { fixed(FRN.polar, 4).map { MeasuredPolar(rhoNM256: UInt16($0 >> 16), theta: UInt16($0 & 0xFFFF)) } }
        set { setOrRemove(FRN.polar, newValue.map { UInt64($0.rhoNM256) << 16 | UInt64($0.theta) }, 4) }
    }

    /// I048/070 Mode-3/A Code in octal representation, with its V/G/L flags.
    public var mode3A: Mode3AReply? {
        get { fixed(FRN.mode3A, 2).map { Mode3AReply(rawValue: UInt16($0)) } }
        set { setOrRemove(FRN.mode3A, newValue.map { UInt64($0.rawValue) }, 2) }
    }

    /// I048/090 Flight Level in binary representation (LSB 1/4 FL), with V/G flags.
    public var flightLevel: FlightLevelReply? {
        get { fixed(FRN.flightLevel, 2).map { FlightLevelReply(rawValue: UInt16($0)) } }
        set { setOrRemove(FRN.flightLevel, newValue.map { UInt64($0.rawValue) }, 2) }
    }

    /// I048/220 Aircraft Address.
    public var address: ICAOAddress? {
        get { fixed(FRN.address, 3).map { ICAOAddress(UInt32($0)) } }
        set { setOrRemove(FRN.address, newValue.map { UInt64($0.rawValue) }, 3) }
    }

    /// I048/240 Aircraft Identification: eight ICAO 6-bit characters, raw 48 bits.
    public var identificationRaw: UInt64? {
        get { fixed(FRN.identification, 6) }
        set { setOrRemove(FRN.identification, newValue, 6) }
    }

    /// I048/240 as a callsign (trailing blanks dropped).
    public var identification: Callsign? {
        get { identificationRaw.map { SixBitText.callsign($0) } }
        set { identificationRaw = newValue.map { SixBitText.encode($0.string, count: 8) } }
    }

    /// I048/250 number of Comm-B registers (REP), 0 when absent.
    public var commBCount: Int { slots.count(FRN.commB) > 0 ? Int(slots.byte(FRN.commB, 0)) : 0 }

    /// I048/250 register `i` as `MB (56 bits) << 8 | BDS1 << 4 | BDS2`, without allocating.
    public func commBRegister(_ i: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<8 { v = v &<< 8 | UInt64(slots.byte(FRN.commB, 1 + 8 * i + k)) }
        return v
    }

    /// I048/250 Mode S MB Data: each register as `MB (56 bits) << 8 | BDS1 << 4 | BDS2`.
    public var commB: [UInt64] {
        get {
            guard let b = slots.bytes(FRN.commB), !b.isEmpty else { return [] }
            return (0..<Int(b[0])).map { i in b[(1 + 8 * i)..<(9 + 8 * i)].reduce(0) { $0 &<< 8 | UInt64($1) } }
        }
        set {
            if newValue.isEmpty {
                slots.remove(FRN.commB)
                return
            }
            var b: [UInt8] = [UInt8(newValue.count)]
            for r in newValue {
                for k in (0..<8).reversed() { b.append(UInt8(truncatingIfNeeded: r >> UInt64(8 * k))) }
            }
            slots.set(FRN.commB, bytes: b)
        }
    }

    /// I048/161 Track Number (12 bits).
    public var trackNumber: UInt16? {
        get { fixed(FRN.trackNumber, 2).map { UInt16($0 & 0x0FFF) } }
        set { setOrRemove(FRN.trackNumber, newValue.map { UInt64($0 & 0x0FFF) }, 2) }
    }

    /// I048/042 Calculated Position in Cartesian Coordinates: X, Y in 1/128 NM (two's complement).
    public var cartesian: (x: Int16, y: Int16)? {
        get {
            fixed(FRN.cartesian, 4).map {
                (Int16(bitPattern: UInt16($0 >> 16)), Int16(bitPattern: UInt16($0 & 0xFFFF)))
            }
        }
        set {
            setOrRemove(
                FRN.cartesian,
                newValue.map { UInt64(UInt16(bitPattern: $0.x)) << 16 | UInt64(UInt16(bitPattern: $0.y)) },
                4
            )
        }
    }

    /// I048/200 Calculated Track Velocity: ground speed (LSB 2⁻¹⁴ NM/s) and heading (LSB 360/2¹⁶ °).
    public var velocity: (speed: UInt16, heading: UInt16)? {
        get { fixed(FRN.velocity, 4).map { (UInt16($0 >> 16), UInt16($0 & 0xFFFF)) } }
        set { setOrRemove(FRN.velocity, newValue.map { UInt64($0.speed) << 16 | UInt64($0.heading) }, 4) }
    }

    /// I048/200 ground speed, knots (LSB 2⁻¹⁴ NM/s = 0.2197265625 kt).
    public var groundSpeedKnots: Double? { velocity.map { Double($0.speed) * 3600 / 16384 } }
    /// I048/200 heading, degrees (LSB 360/2¹⁶).
    public var headingDegrees: Double? { velocity.map { Double($0.heading) * 360 / 65536 } }

    /// I048/110 Height Measured by a 3D Radar, feet (LSB 25 ft).
    public var height3DFeet: Double? {
        fixed(FRN.height3D, 2).map { Double(Int16(bitPattern: UInt16($0 << 2 & 0xFFFF)) >> 2) * 25 }
    }

    /// I048/230 Communications/ACAS Capability and Flight Status, raw 16 bits (COM 16–14, STAT 13–11, SI 10,
    /// MSSC 8, ARC 7, AIC 6, B1A 5, B1B 4–1).
    public var capability: UInt16? { fixed(FRN.capability, 2).map { UInt16($0) } }

    /// I048/170 Track Status, first octet: CNF (bit 8, 1 = tentative), RAD (7–6), DOU, MAH, CDM (3–2).
    public var trackStatusFirstOctet: UInt8? {
        guard let (v, n) = slots.octets(FRN.trackStatus) else { return nil }
        return UInt8(truncatingIfNeeded: v >> UInt64(8 * (n - 1)))
    }

    /// I048/130 Radar Plot Characteristics (SSR/PSR run length, replies, amplitudes, differences), if present.
    public var plotCharacteristics: PlotCharacteristics? {
        let n = slots.count(FRN.plotCharacteristics)
        guard n > 0 else { return nil }
        return PlotCharacteristics(count: n) { slots.byte(FRN.plotCharacteristics, $0) }
    }

    mutating func setOrRemove(_ frn: Int, _ value: UInt64?, _ count: Int) {
        slots.setOrRemove(frn, value, count: count)
    }
}
