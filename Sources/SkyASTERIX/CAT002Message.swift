public import SkyModel

/// One ASTERIX CAT002 (edition 1.2) monoradar service message (north marker, sector crossing, south marker,
/// blind-zone filtering), as typed views over its item octets (lossless, like `CAT034Message`).
public struct CAT002Message: Sendable, Hashable {
    /// The item octets, by FRN.
    public var slots = ItemSlots(category: 2)

    /// An empty message.
    public init() {}

    /// FRNs of the CAT002 1.2 UAP.
    public enum FRN {
        public static let dataSource = 1, messageType = 2, sectorNumber = 3, timeOfDay = 4, rotationSpeed = 5
        public static let configuration = 6, processingMode = 7, plotCounts = 8, dynamicWindow = 9
        public static let collimationError = 10, warnings = 11, specialPurpose = 13
    }

    /// I002/000 message types.
    public enum MessageType: UInt8, Sendable {
        case northMarker = 1
        case sectorCrossing = 2
        case southMarker = 3
        case blindZoneFilteringActivated = 8
        case blindZoneFilteringStopped = 9
    }

    @inline(__always)
    func fixed(_ frn: Int, _ n: Int) -> UInt64? { slots.fixed(frn, count: n) }

    mutating func setOrRemove(_ frn: Int, _ value: UInt64?, _ count: Int) {
        slots.setOrRemove(frn, value, count: count)
    }

    /// I002/010 Data Source Identifier.
    public var dataSource: SensorID? {
        get { fixed(FRN.dataSource, 2).map { SensorID(sac: UInt8($0 >> 8), sic: UInt8($0 & 0xFF)) } }
        set { setOrRemove(FRN.dataSource, newValue.map { UInt64($0.packed) }, 2) }
    }

    /// I002/000 Message Type, raw.
    public var messageTypeCode: UInt8? {
        get { fixed(FRN.messageType, 1).map { UInt8($0) } }
        set { setOrRemove(FRN.messageType, newValue.map { UInt64($0) }, 1) }
    }

    /// I002/000 Message Type, if a defined value.
    public var messageType: MessageType? { messageTypeCode.flatMap(MessageType.init(rawValue:)) }

    /// I002/020 Sector Number: azimuth of the sector boundary, LSB 360/2⁸ degrees.
    public var sectorNumber: UInt8? {
        get { fixed(FRN.sectorNumber, 1).map { UInt8($0) } }
        set { setOrRemove(FRN.sectorNumber, newValue.map { UInt64($0) }, 1) }
    }

    /// I002/020 as degrees.
    public var sectorAzimuthDegrees: Double? { sectorNumber.map { Double($0) * 360 / 256 } }

    /// I002/030 Time of Day, 1/128 s since UTC midnight (24 bits).
    public var timeOfDay128: UInt32? {
        get { fixed(FRN.timeOfDay, 3).map { UInt32($0) } }
        set { setOrRemove(FRN.timeOfDay, newValue.map { UInt64($0 & 0xFF_FFFF) }, 3) }
    }

    /// I002/041 Antenna Rotation Speed: the rotation period, LSB 1/128 s.
    public var rotationPeriod128: UInt16? {
        get { fixed(FRN.rotationSpeed, 2).map { UInt16($0) } }
        set { setOrRemove(FRN.rotationSpeed, newValue.map { UInt64($0) }, 2) }
    }

    /// I002/041 as seconds.
    public var rotationPeriodSeconds: Double? { rotationPeriod128.map { Double($0) / 128 } }

    /// I002/050 Station Configuration Status: the 7-bit indicators, FX-chained.
    public var configuration: [UInt8] {
        get { (0..<slots.count(FRN.configuration)).map { slots.byte(FRN.configuration, $0) >> 1 } }
        set { setChain(FRN.configuration, newValue) }
    }

    /// I002/060 Station Processing Mode: the 7-bit indicators, FX-chained.
    public var processingMode: [UInt8] {
        get { (0..<slots.count(FRN.processingMode)).map { slots.byte(FRN.processingMode, $0) >> 1 } }
        set { setChain(FRN.processingMode, newValue) }
    }

    /// I002/070 Plot Count Values: per counter, A (antenna 2), IDENT (1 sole primary, 2 sole SSR, 3 SSR + PSR)
    /// and the 10-bit count.
    public var plotCounts: [(antenna2: Bool, ident: UInt8, count: UInt16)] {
        get {
            let n = slots.count(FRN.plotCounts)
            guard n >= 1 else { return [] }
            return (0..<Int(slots.byte(FRN.plotCounts, 0))).compactMap { i in
                guard 2 + 2 * i < n else { return nil }
                let v =
                    UInt16(slots.byte(FRN.plotCounts, 1 + 2 * i)) << 8 | UInt16(slots.byte(FRN.plotCounts, 2 + 2 * i))
                return (v & 0x8000 != 0, UInt8(v >> 10 & 0x1F), v & 0x03FF)
            }
        }
        set {
            guard !newValue.isEmpty else { return slots.remove(FRN.plotCounts) }
            var b: [UInt8] = [UInt8(newValue.count)]
            for c in newValue {
                let v = (c.antenna2 ? 0x8000 : 0) | UInt16(c.ident & 0x1F) << 10 | c.count & 0x03FF
                b += [UInt8(v >> 8), UInt8(v & 0xFF)]
            }
            slots.set(FRN.plotCounts, bytes: b)
        }
    }

    /// I002/100 Dynamic Window Type 1: ρ start/end (LSB 1/128 NM) and θ start/end (LSB 360/2¹⁶ °), raw 64 bits.
    public var dynamicWindowRaw: UInt64? {
        get { fixed(FRN.dynamicWindow, 8) }
        set { setOrRemove(FRN.dynamicWindow, newValue, 8) }
    }

    /// I002/090 Collimation Error: range error (NM, LSB 1/128) and azimuth error (degrees, LSB 360/2¹⁴), signed.
    public var collimationError: (rangeNM: Double, azimuthDegrees: Double)? {
        fixed(FRN.collimationError, 2).map {
            (Double(Int8(bitPattern: UInt8($0 >> 8))) / 128, Double(Int8(bitPattern: UInt8($0 & 0xFF))) * 360 / 16_384)
        }
    }

    /// I002/090 raw 16 bits (for setting).
    public var collimationErrorRaw: UInt16? {
        get { fixed(FRN.collimationError, 2).map { UInt16($0) } }
        set { setOrRemove(FRN.collimationError, newValue.map { UInt64($0) }, 2) }
    }

    /// I002/080 Warning/Error Conditions: the 7-bit codes, FX-chained.
    public var warnings: [UInt8] {
        get { (0..<slots.count(FRN.warnings)).map { slots.byte(FRN.warnings, $0) >> 1 } }
        set { setChain(FRN.warnings, newValue) }
    }

    /// The Special Purpose field (SP), octets as received (length octet included).
    public var specialPurposeOctets: [UInt8]? {
        get { slots.bytes(FRN.specialPurpose) }
        set {
            if let b = newValue { slots.set(FRN.specialPurpose, bytes: b) } else { slots.remove(FRN.specialPurpose) }
        }
    }

    mutating func setChain(_ frn: Int, _ values: [UInt8]) {
        guard !values.isEmpty else { return slots.remove(frn) }
        slots.set(frn, bytes: values.enumerated().map { i, v in v << 1 | (i < values.count - 1 ? 1 : 0) })
    }
}
