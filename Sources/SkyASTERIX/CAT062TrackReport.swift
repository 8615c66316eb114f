import SkyGeodesy
import SkyMath
public import SkyModel

/// One ASTERIX CAT062 (edition 1.18) system track record, as typed views over its item octets (lossless).
///
/// The typed properties cover what Skywatch's tracker publishes; every other item is kept as octets and can be
/// read with `ASTERIXRecord` (generic, table-driven) decoding.
public struct CAT062TrackReport: Sendable, Hashable {
    /// The item octets, by FRN.
    public var slots = ItemSlots(category: 62)

    public init() {}

    /// FRNs of the CAT062 1.18 UAP used here.
    public enum FRN {
        public static let dataSource = 1, serviceID = 3, timeOfTrack = 4, wgs84 = 5, cartesian = 6, velocity = 7
        public static let acceleration = 8, mode3A = 9, targetID = 10, aircraftDerived = 11, trackNumber = 12
        public static let status = 13, updateAges = 14, movement = 15, dataAges = 16, measuredFL = 17
        public static let geometricAltitude = 18, barometricAltitude = 19, rateOfClimb = 20, accuracies = 27
    }

    @inline(__always)
    func fixed(_ frn: Int, _ n: Int) -> UInt64? { slots.fixed(frn, count: n) }

    mutating func setOrRemove(_ frn: Int, _ value: UInt64?, _ count: Int) {
        slots.setOrRemove(frn, value, count: count)
    }

    /// I062/010 Data Source Identifier (the SDPS).
    public var dataSource: SensorID? {
        get { fixed(FRN.dataSource, 2).map { SensorID(sac: UInt8($0 >> 8), sic: UInt8($0 & 0xFF)) } }
        set { setOrRemove(FRN.dataSource, newValue.map { UInt64($0.packed) }, 2) }
    }

    /// I062/015 Service Identification.
    public var serviceID: UInt8? {
        get { fixed(FRN.serviceID, 1).map { UInt8($0) } }
        set { setOrRemove(FRN.serviceID, newValue.map { UInt64($0) }, 1) }
    }

    /// I062/070 Time of Track Information, 1/128 s since UTC midnight.
    public var timeOfTrack128: UInt32? {
        get { fixed(FRN.timeOfTrack, 3).map { UInt32($0) } }
        set { setOrRemove(FRN.timeOfTrack, newValue.map { UInt64($0 & 0xFF_FFFF) }, 3) }
    }

    /// I062/105 Calculated Position in WGS-84: latitude and longitude, raw, LSB 180/2²⁵ degrees.
    public var wgs84: (latitude: Int32, longitude: Int32)? {
        get {
            fixed(FRN.wgs84, 8).map {
                (Int32(bitPattern: UInt32($0 >> 32)), Int32(bitPattern: UInt32($0 & 0xFFFF_FFFF)))
            }
        }
        set {
            setOrRemove(
                FRN.wgs84,
                newValue.map {
                    UInt64(UInt32(bitPattern: $0.latitude)) << 32 | UInt64(UInt32(bitPattern: $0.longitude))
                },
                8
            )
        }
    }

    /// I062/105 latitude, degrees.
    public var latitudeDegrees: Double? { wgs84.map { Double($0.latitude) * 180 / 33_554_432 } }
    /// I062/105 longitude, degrees.
    public var longitudeDegrees: Double? { wgs84.map { Double($0.longitude) * 180 / 33_554_432 } }

    /// I062/185 Calculated Track Velocity (Cartesian): Vx east, Vy north, LSB 0.25 m/s.
    public var velocity: (vx: Int16, vy: Int16)? {
        get {
            fixed(FRN.velocity, 4).map { (Int16(bitPattern: UInt16($0 >> 16)), Int16(bitPattern: UInt16($0 & 0xFFFF))) }
        }
        set {
            setOrRemove(
                FRN.velocity,
                newValue.map { UInt64(UInt16(bitPattern: $0.vx)) << 16 | UInt64(UInt16(bitPattern: $0.vy)) },
                4
            )
        }
    }

    /// I062/060 Track Mode 3/A Code (V, G, CH bits and the code).
    public var mode3A: Mode3AReply? {
        get { fixed(FRN.mode3A, 2).map { Mode3AReply(rawValue: UInt16($0)) } }
        set { setOrRemove(FRN.mode3A, newValue.map { UInt64($0.rawValue) }, 2) }
    }

    /// I062/245 Target Identification: STI (bits 56–55) and eight 6-bit characters.
    public var targetIdentification: (sti: UInt8, raw: UInt64)? {
        get { fixed(FRN.targetID, 7).map { (UInt8($0 >> 54), $0 & 0xFFFF_FFFF_FFFF) } }
        set { setOrRemove(FRN.targetID, newValue.map { UInt64($0.sti & 3) << 54 | $0.raw & 0xFFFF_FFFF_FFFF }, 7) }
    }

    /// I062/245 as a callsign.
    public var callsign: Callsign? { targetIdentification.map { Callsign(SixBitText.decode($0.raw, count: 8)) } }

    /// I062/380 sub-item ADR (Target Address), when the item holds only that sub-item first.
    public var address: ICAOAddress? {
        get {
            guard let b = slots.bytes(FRN.aircraftDerived), b.count >= 4, b[0] & 0x80 != 0 else { return nil }
            // ADR is sub-item 1, right after the primary subfield (its extents, if any, come first).
            var p = 0
            while b[p] & 1 == 1 && p + 1 < b.count { p += 1 }
            guard b.count >= p + 4 else { return nil }
            return ICAOAddress(UInt32(b[p + 1]) << 16 | UInt32(b[p + 2]) << 8 | UInt32(b[p + 3]))
        }
        set {
            if let a = newValue {
                slots.set(FRN.aircraftDerived, octets: 0x8000_0000 | UInt64(a.rawValue), count: 4)
            } else {
                slots.remove(FRN.aircraftDerived)
            }
        }
    }

    /// I062/040 Track Number.
    public var trackNumber: UInt16? {
        get { fixed(FRN.trackNumber, 2).map { UInt16($0) } }
        set { setOrRemove(FRN.trackNumber, newValue.map { UInt64($0) }, 2) }
    }

    /// I062/080 Track Status octets (FX-chained).
    public var statusOctets: [UInt8]? { slots.bytes(FRN.status) }

    /// I062/080 CNF: tentative track.
    public var isTentative: Bool { (statusOctets?.first ?? 0) & 0x02 != 0 }
    /// I062/080 TSE: last message for the track.
    public var isTerminated: Bool { statusOctets.map { $0.count >= 2 && $0[1] & 0x40 != 0 } ?? false }
    /// I062/080 CST: coasting.
    public var isCoasting: Bool { statusOctets.map { $0.count >= 4 && $0[3] & 0x80 != 0 } ?? false }

    /// I062/136 Measured Flight Level, quarter FL (two's complement).
    public var measuredFlightLevel: Int16? {
        get { fixed(FRN.measuredFL, 2).map { Int16(bitPattern: UInt16($0)) } }
        set { setOrRemove(FRN.measuredFL, newValue.map { UInt64(UInt16(bitPattern: $0)) }, 2) }
    }

    /// I062/130 Calculated Track Geometric Altitude, LSB 6.25 ft.
    public var geometricAltitude: Int16? {
        get { fixed(FRN.geometricAltitude, 2).map { Int16(bitPattern: UInt16($0)) } }
        set { setOrRemove(FRN.geometricAltitude, newValue.map { UInt64(UInt16(bitPattern: $0)) }, 2) }
    }

    /// I062/220 Calculated Rate of Climb/Descent, LSB 6.25 ft/min.
    public var rateOfClimb: Int16? {
        get { fixed(FRN.rateOfClimb, 2).map { Int16(bitPattern: UInt16($0)) } }
        set { setOrRemove(FRN.rateOfClimb, newValue.map { UInt64(UInt16(bitPattern: $0)) }, 2) }
    }

    /// I062/500 sub-item APC (σx, σy of the position, LSB 0.5 m), when it is the only sub-item.
    public var positionAccuracy: (sigmaX: UInt16, sigmaY: UInt16)? {
        get {
            guard let (v, n) = slots.octets(FRN.accuracies), n == 5, v >> 32 == 0x80 else { return nil }
            return (UInt16(v >> 16 & 0xFFFF), UInt16(v & 0xFFFF))
        }
        set {
            setOrRemove(FRN.accuracies, newValue.map { 0x80 << 32 | UInt64($0.sigmaX) << 16 | UInt64($0.sigmaY) }, 5)
        }
    }
}

/// Builds CAT062 1.18 system track records from `SystemTrack`s (the tracker's output path).
public enum CAT062Encoder {
    /// A CAT062 record for `track`, from SDPS `sdps` and service `service`.
    ///
    /// Items: 010, 015, 070 (time of the estimate), 105 (WGS-84, LSB 180/2²⁵ °), 185 (ENU velocity, LSB 0.25 m/s),
    /// 060 (Mode 3/A), 245 (callsign), 380/ADR (Mode S address), 040 (track number, low 16 bits), 080 (CNF
    /// tentative, TSE terminated, CST coasting, MON when one sensor contributes), 136 (Mode C, 1/4 FL), 130
    /// (geometric altitude, 6.25 ft, when the track has a height), 220 (rate of climb, 6.25 ft/min), 500 (APC and
    /// COV from the position covariance, 0.5 m; ATV from the velocity covariance, 0.25 m/s: the covariance is on the
    /// local east/north axes, taken as the Cartesian axes), 340/SID (a sensor contributing to the track). Values
    /// are rounded to the LSB and clamped to the field range.
    public static func record(for track: SystemTrack, sdps: SensorID, service: UInt8 = 1) -> CAT062TrackReport {
        func clamp16(_ x: Double) -> Int16 { Int16(max(-32_768, min(32_767, x.rounded()))) }
        var r = CAT062TrackReport()
        r.dataSource = sdps
        r.serviceID = service
        r.timeOfTrack128 = ASTERIXTime.timeOfDay128(unixSeconds: track.time)
        let scale = 33_554_432.0 / 180
        r.wgs84 = (
            Int32(max(-2_147_483_648, min(2_147_483_647, (track.position.latitudeDegrees * scale).rounded()))),
            Int32(max(-2_147_483_648, min(2_147_483_647, (track.position.longitudeDegrees * scale).rounded())))
        )
        r.velocity = (clamp16(track.velocity.east * 4), clamp16(track.velocity.north * 4))
        if let code = track.modeA { r.mode3A = Mode3AReply(code: code) }
        if let cs = track.callsign { r.targetIdentification = (0, SixBitText.encode(cs.string, count: 8)) }
        if let a = track.address { r.address = a }
        r.trackNumber = UInt16(truncatingIfNeeded: track.number)
        var status: [UInt8] = [track.contributingSensors.count == 1 ? 0x80 : 0]
        if track.status == .tentative { status[0] |= 0x02 }
        let tse: UInt8 = track.status == .terminated ? 0x40 : 0
        let tsb: UInt8 = track.updateCount == 1 ? 0x20 : 0
        if track.status == .coasting {
            status[0] |= 1
            status += [tse | tsb | 1, 1, 0x80]
        } else if tse | tsb != 0 {
            status[0] |= 1
            status.append(tse | tsb)
        }
        r.slots.set(CAT062TrackReport.FRN.status, bytes: status)
        if let ft = track.barometricAltitudeFeet { r.measuredFlightLevel = clamp16(ft / 25) }
        if track.hasHeight { r.geometricAltitude = clamp16(track.position.heightMetres / 0.3048 / 6.25) }
        r.rateOfClimb = clamp16(track.velocity.up / 0.3048 * 60 / 6.25)
        let c = track.covariance
        r.estimatedAccuracy = CAT062TrackReport.EstimatedAccuracy(
            covariance: (c[0, 0], c[0, 1], c[1, 1], c[2, 2], c[3, 3])
        )
        if let last = track.contributingSensors.last { r.measuredSensor = last }
        return r
    }
}
