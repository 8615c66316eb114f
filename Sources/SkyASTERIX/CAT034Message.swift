public import SkyModel

/// One ASTERIX CAT034 (edition 1.27) monoradar service message, as typed views over its item octets
/// (lossless, like `CAT048Report`).
public struct CAT034Message: Sendable, Hashable {
    /// The item octets, by FRN.
    public var slots = ItemSlots(category: 34)

    public init() {}

    /// FRNs of the CAT034 1.27 UAP.
    public enum FRN {
        public static let dataSource = 1, messageType = 2, timeOfDay = 3, sectorNumber = 4, rotationSpeed = 5
        public static let configuration = 6, processingMode = 7, messageCount = 8, polarWindow = 9
        public static let dataFilter = 10, position3D = 11, collimationError = 12
    }

    /// I034/000 message types.
    public enum MessageType: UInt8, Sendable {
        case northMarker = 1
        case sectorCrossing = 2
        case geographicalFiltering = 3
        case jammingStrobe = 4
    }

    @inline(__always)
    func fixed(_ frn: Int, _ n: Int) -> UInt64? { slots.fixed(frn, count: n) }

    mutating func setOrRemove(_ frn: Int, _ value: UInt64?, _ count: Int) {
        slots.setOrRemove(frn, value, count: count)
    }

    /// I034/010 Data Source Identifier.
    public var dataSource: SensorID? {
        get { fixed(FRN.dataSource, 2).map { SensorID(sac: UInt8($0 >> 8), sic: UInt8($0 & 0xFF)) } }
        set { setOrRemove(FRN.dataSource, newValue.map { UInt64($0.packed) }, 2) }
    }

    /// I034/000 Message Type, raw.
    public var messageTypeCode: UInt8? {
        get { fixed(FRN.messageType, 1).map { UInt8($0) } }
        set { setOrRemove(FRN.messageType, newValue.map { UInt64($0) }, 1) }
    }

    /// I034/000 Message Type, if a defined value.
    public var messageType: MessageType? { messageTypeCode.flatMap(MessageType.init(rawValue:)) }

    /// I034/030 Time of Day, 1/128 s since UTC midnight.
    public var timeOfDay128: UInt32? {
        get { fixed(FRN.timeOfDay, 3).map { UInt32($0) } }
        set { setOrRemove(FRN.timeOfDay, newValue.map { UInt64($0 & 0xFF_FFFF) }, 3) }
    }

    /// I034/020 Sector Number: azimuth of the sector boundary, LSB 360/2⁸ degrees.
    public var sectorNumber: UInt8? {
        get { fixed(FRN.sectorNumber, 1).map { UInt8($0) } }
        set { setOrRemove(FRN.sectorNumber, newValue.map { UInt64($0) }, 1) }
    }

    /// I034/020 as degrees.
    public var sectorAzimuthDegrees: Double? { sectorNumber.map { Double($0) * 360 / 256 } }

    /// I034/041 Antenna Rotation Speed: the rotation period, LSB 1/128 s.
    public var rotationPeriod128: UInt16? {
        get { fixed(FRN.rotationSpeed, 2).map { UInt16($0) } }
        set { setOrRemove(FRN.rotationSpeed, newValue.map { UInt64($0) }, 2) }
    }

    /// I034/041 as seconds.
    public var rotationPeriodSeconds: Double? { rotationPeriod128.map { Double($0) / 128 } }

    /// I034/050 System Configuration and Status, COM sub-item octet if present (NOGO bit 8, RDPC 7, RDPR 6,
    /// OVL RDP 5, OVL XMT 4, MSC 3, TSV 2).
    public var commonStatus: UInt8? {
        guard let b = slots.bytes(FRN.configuration), b.count >= 2, b[0] & 0x80 != 0 else { return nil }
        return b[1]
    }

    /// Whether the radar reports "NOGO" (system inhibited) in I034/050 COM.
    public var isNoGo: Bool { (commonStatus ?? 0) & 0x80 != 0 }
}
