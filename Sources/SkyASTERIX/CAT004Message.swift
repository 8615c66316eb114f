public import SkyModel

/// One ASTERIX CAT004 (edition 1.13) safety-net message, as typed views over its item octets (lossless, like
/// `CAT034Message`). Built from Skywatch's alert events by `CAT004Encoder`.
public struct CAT004Message: Sendable, Hashable {
    /// The item octets, by FRN.
    public var slots = ItemSlots(category: 4)

    /// An empty message.
    public init() {}

    /// FRNs of the CAT004 1.13 UAP.
    public enum FRN {
        public static let dataSource = 1, messageType = 2, sdpsIdentifier = 3, timeOfMessage = 4, alertID = 5
        public static let alertStatus = 6, functionStatus = 7, trackNumber1 = 8, aircraft1 = 9
        public static let conflictCharacteristics = 10, conflictTiming = 11, verticalDeviation = 12
        public static let longitudinalDeviation = 13, transversalDeviation = 14, areaDefinition = 15
        public static let trackNumber2 = 16, aircraft2 = 17, sectorControl = 18, reservedExpansion = 20
        public static let specialPurpose = 21
    }

    /// I004/000 message types used by Skywatch (the full list is in the specification, 1…45, 97…99).
    public enum MessageType: UInt8, Sendable {
        case alive = 1
        case msaw = 4
        case apw = 5
        case stca = 7
        case endOfConflict = 17
        case ntca = 19
        case airspaceInfringement = 99
    }

    @inline(__always)
    func fixed(_ frn: Int, _ n: Int) -> UInt64? { slots.fixed(frn, count: n) }

    mutating func setOrRemove(_ frn: Int, _ value: UInt64?, _ count: Int) {
        slots.setOrRemove(frn, value, count: count)
    }

    /// I004/010 Data Source Identifier (the safety-net server).
    public var dataSource: SensorID? {
        get { fixed(FRN.dataSource, 2).map { SensorID(sac: UInt8($0 >> 8), sic: UInt8($0 & 0xFF)) } }
        set { setOrRemove(FRN.dataSource, newValue.map { UInt64($0.packed) }, 2) }
    }

    /// I004/000 Message Type, raw.
    public var messageTypeCode: UInt8? {
        get { fixed(FRN.messageType, 1).map { UInt8($0) } }
        set { setOrRemove(FRN.messageType, newValue.map { UInt64($0) }, 1) }
    }

    /// I004/015 SDPS Identifier: the first SDPS whose track numbers I004/030 and I004/035 are.
    public var sdps: SensorID? {
        get {
            guard slots.count(FRN.sdpsIdentifier) >= 3, slots.byte(FRN.sdpsIdentifier, 0) >= 1 else { return nil }
            return SensorID(sac: slots.byte(FRN.sdpsIdentifier, 1), sic: slots.byte(FRN.sdpsIdentifier, 2))
        }
        set {
            if let s = newValue {
                slots.set(FRN.sdpsIdentifier, octets: 1 << 16 | UInt64(s.packed), count: 3)
            } else {
                slots.remove(FRN.sdpsIdentifier)
            }
        }
    }

    /// I004/020 Time of Message, 1/128 s since UTC midnight.
    public var timeOfMessage128: UInt32? {
        get { fixed(FRN.timeOfMessage, 3).map { UInt32($0) } }
        set { setOrRemove(FRN.timeOfMessage, newValue.map { UInt64($0 & 0xFF_FFFF) }, 3) }
    }

    /// I004/040 Alert Identifier (16 bits, wraps at 65535).
    public var alertID: UInt16? {
        get { fixed(FRN.alertID, 2).map { UInt16($0) } }
        set { setOrRemove(FRN.alertID, newValue.map { UInt64($0) }, 2) }
    }

    /// I004/030 Track Number 1.
    public var trackNumber1: UInt16? {
        get { fixed(FRN.trackNumber1, 2).map { UInt16($0) } }
        set { setOrRemove(FRN.trackNumber1, newValue.map { UInt64($0) }, 2) }
    }

    /// I004/035 Track Number 2 (the second track of a conflict).
    public var trackNumber2: UInt16? {
        get { fixed(FRN.trackNumber2, 2).map { UInt16($0) } }
        set { setOrRemove(FRN.trackNumber2, newValue.map { UInt64($0) }, 2) }
    }

    /// I004/070 Conflict Timing and Separation, as sent by `CAT004Encoder`: time to closest approach (s, LSB
    /// 1/128), estimated minimum horizontal separation (m, LSB 0.5) and minimum vertical separation (ft, LSB 25).
    /// `nil` when the item is absent or carries other sub-items.
    public var closestApproach: (timeSeconds: Double, horizontalMetres: Double, verticalFeet: Double)? {
        guard let b = slots.bytes(FRN.conflictTiming), b.count == 8, b[0] == 0x54 else { return nil }
        let tca = UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
        let mhs = UInt16(b[4]) << 8 | UInt16(b[5])
        let mvs = UInt16(b[6]) << 8 | UInt16(b[7])
        return (Double(tca) / 128, Double(mhs) / 2, Double(mvs) * 25)
    }

    /// I004/100 Area Definition, AN sub-item: the area name (eight ICAO 6-bit characters, trailing blanks dropped).
    public var areaName: String? {
        guard let b = slots.bytes(FRN.areaDefinition), b.count == 7, b[0] == 0x80 else { return nil }
        let raw = b[1...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return SixBitText.callsign(raw).string
    }

    /// I004/170 Aircraft Identification and Characteristics 1, M31 sub-item only: the Mode 3/A code.
    public var mode3A1: Mode3ACode? {
        guard let b = slots.bytes(FRN.aircraft1), b.count == 3, b[0] == 0x40 else { return nil }
        return Mode3ACode((UInt16(b[1]) << 8 | UInt16(b[2])) & 0o7777)
    }
}
