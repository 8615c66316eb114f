import SkyModel

// ME field decoding, DO-260B §2.2.3.2 / ICAO Doc 9871 Appendix C. Bit positions are 0-based from the MSB
// of the 56-bit ME field (ME bit 1 = position 0).

@inline(__always) private func me(_ m: UInt64, _ start: Int, _ width: Int) -> UInt64 {
    (m >> UInt64(56 - start - width)) & ((1 << UInt64(width)) - 1)
}

extension ADSBMessage {
    /// Decodes a 56-bit ME field.
    /// - Parameter m: the ME field, right-aligned.
    public init(me m: UInt64) {
        let tc = UInt8(me(m, 0, 5))
        switch tc {
        case 1...4:
            self = .identification(
                Identification(
                    typeCode: tc,
                    category: UInt8(me(m, 5, 3)),
                    callsign: Callsign(bytes: AircraftIdentification.callsignBytes(m))
                )
            )
        case 5...8:
            self = .surfacePosition(
                SurfacePosition(
                    typeCode: tc,
                    movement: UInt8(me(m, 5, 7)),
                    trackDegrees: me(m, 12, 1) == 1 ? Double(me(m, 13, 7)) * 360 / 128 : nil,
                    cpr: ADSBMessage.cpr(m),
                    timeSynchronised: me(m, 20, 1) == 1
                )
            )
        case 9...18, 20...22:
            let code = UInt32(me(m, 8, 12))
            let gnss = tc >= 20
            let feet: Int? =
                gnss ? Int((Double(code) * 3.28084).rounded(.towardZero)) : AltitudeCode.feet(ac12: code)
            self = .airbornePosition(
                AirbornePosition(
                    typeCode: tc,
                    surveillanceStatus: UInt8(me(m, 5, 2)),
                    nicSupplementB: UInt8(me(m, 7, 1)),
                    altitudeFeet: feet,
                    altitudeIsGNSS: gnss,
                    altitudeCode: UInt16(code),
                    cpr: ADSBMessage.cpr(m),
                    timeSynchronised: me(m, 20, 1) == 1
                )
            )
        case 19:
            self = .velocity(ADSBMessage.velocity(m))
        case 28:
            let st = UInt8(me(m, 5, 3))
            var s = AircraftStatus(subtype: st)
            if st == 1 {
                s.emergencyState = UInt8(me(m, 8, 3))
                s.identity = Mode3ACode(IdentityCode.mode3A(id13: UInt32(me(m, 11, 13))))
            } else if st == 2 {
                s.resolutionAdvisory = ACASResolutionAdvisory(mb: (0x30 << 48) | (m & 0xFFFF_FFFF_FFFF))
            }
            self = .aircraftStatus(s)
        case 29:
            self = .targetState(ADSBMessage.targetState(m))
        case 31:
            let st = UInt8(me(m, 5, 3))
            let version = UInt8(me(m, 40, 3))
            self = .operationalStatus(
                OperationalStatus(
                    subtype: st,
                    capabilityClass: UInt16(me(m, 8, 16)),
                    operationalMode: UInt16(me(m, 24, 16)),
                    version: version,
                    nicSupplementA: UInt8(me(m, 43, 1)),
                    nacP: UInt8(me(m, 44, 4)),
                    sil: UInt8(me(m, 50, 2)),
                    nicBaro: st == 0 && version >= 1 ? UInt8(me(m, 52, 1)) : nil,
                    hrd: UInt8(me(m, 53, 1)),
                    silSupplement: version == 2 ? UInt8(me(m, 54, 1)) : nil,
                    nicSupplementC: st == 1 && version >= 1 ? UInt8(me(m, 20, 1)) : nil
                )
            )
        default:
            self = .other(typeCode: tc)
        }
    }

    @inline(__always) static func cpr(_ m: UInt64) -> CPRFrame {
        CPRFrame(isOdd: me(m, 21, 1) == 1, latitude: UInt32(me(m, 22, 17)), longitude: UInt32(me(m, 39, 17)))
    }

    static func velocity(_ m: UInt64) -> AirborneVelocity {
        let st = UInt8(me(m, 5, 3))
        var v = AirborneVelocity(
            subtype: st,
            intentChange: me(m, 8, 1) == 1,
            ifrCapable: me(m, 9, 1) == 1,
            nacV: UInt8(me(m, 10, 3)),
            airspeedIsTrue: false,
            verticalRateIsBarometric: me(m, 35, 1) == 1
        )
        let scale = (st == 2 || st == 4) ? 4 : 1
        if st == 1 || st == 2 {
            let ew = Int(me(m, 14, 10))
            let ns = Int(me(m, 25, 10))
            if ew != 0 && ns != 0 {
                v.eastKnots = (me(m, 13, 1) == 1 ? -1 : 1) * (ew - 1) * scale
                v.northKnots = (me(m, 24, 1) == 1 ? -1 : 1) * (ns - 1) * scale
            }
        } else if st == 3 || st == 4 {
            if me(m, 13, 1) == 1 { v.headingDegrees = Double(me(m, 14, 10)) / 1024 * 360 }
            v.airspeedIsTrue = me(m, 24, 1) == 1
            let a = Int(me(m, 25, 10))
            if a != 0 { v.airspeedKnots = (a - 1) * scale }
        }
        let vr = Int(me(m, 37, 9))
        if vr != 0 { v.verticalRateFeetPerMinute = (me(m, 36, 1) == 1 ? -1 : 1) * (vr - 1) * 64 }
        let d = Int(me(m, 49, 7))
        if d != 0 && d != 127 { v.gnssMinusBaroFeet = (me(m, 48, 1) == 1 ? -1 : 1) * (d - 1) * 25 }
        return v
    }

    static func targetState(_ m: UInt64) -> TargetStateAndStatus {
        let alt = Int(me(m, 9, 11))
        let baro = me(m, 20, 9)
        let modes = me(m, 46, 1) == 1
        return TargetStateAndStatus(
            subtype: UInt8(me(m, 5, 2)),
            selectedAltitudeIsFMS: me(m, 8, 1) == 1,
            selectedAltitudeFeet: alt == 0 ? nil : (alt - 1) * 32,
            baroSettingHectopascals: baro == 0 ? nil : 800 + Double(baro - 1) * 0.8,
            selectedHeadingDegrees: me(m, 29, 1) == 1 ? Double(me(m, 30, 9)) * 360 / 512 : nil,
            nacP: UInt8(me(m, 39, 4)),
            nicBaro: UInt8(me(m, 43, 1)),
            sil: UInt8(me(m, 44, 2)),
            autopilot: modes ? me(m, 47, 1) == 1 : nil,
            vnav: modes ? me(m, 48, 1) == 1 : nil,
            altitudeHold: modes ? me(m, 49, 1) == 1 : nil,
            approach: modes ? me(m, 51, 1) == 1 : nil,
            lnav: modes ? me(m, 53, 1) == 1 : nil,
            tcasOperational: me(m, 52, 1) == 1
        )
    }

    /// NUCp implied by a position type code (DO-260 version 0 semantics; pyModeS `TC_NUCp_lookup`).
    public static func nucP(typeCode tc: UInt8) -> UInt8 {
        switch tc {
        case 5, 9, 20: 9
        case 6, 10, 21: 8
        case 7, 11: 7
        case 8, 12: 6
        case 13: 5
        case 14: 4
        case 15: 3
        case 16: 2
        case 17: 1
        default: 0
        }
    }

    /// NIC of a position type code with its supplements (DO-260B Tables 2-14 and 2-19; version 1 uses only
    /// supplement A). `a`, `b`, `c` are NIC supplements A (TC31), B (position ME bit 8), C (TC31 surface).
    /// - Returns: NIC 0–11, or `nil` for a non-position type code.
    public static func nic(typeCode tc: UInt8, version: UInt8, a: UInt8, b: UInt8, c: UInt8) -> UInt8? {
        switch tc {
        case 5, 9, 20: return 11
        case 6, 10, 21: return 10
        case 7: return version >= 2 ? (a == 1 ? 9 : 8) : 9
        case 8: return version >= 2 ? (a == 1 && c == 1 ? 7 : (a == 1 || c == 1 ? 6 : 0)) : 0
        case 11: return (version >= 2 ? (a == 1 && b == 1) : (a == 1)) ? 9 : 8
        case 12: return 7
        case 13: return 6
        case 14: return 5
        case 15: return 4
        case 16: return (version >= 2 ? (a == 1 && b == 1) : (a == 1)) ? 3 : 2
        case 17: return 1
        case 18, 22: return 0
        default: return nil
        }
    }
}

extension AircraftStatus {
    init(subtype: UInt8) { self.subtype = subtype }
}

extension AirborneVelocity {
    init(
        subtype: UInt8,
        intentChange: Bool,
        ifrCapable: Bool,
        nacV: UInt8,
        airspeedIsTrue: Bool,
        verticalRateIsBarometric: Bool
    ) {
        self.subtype = subtype
        self.intentChange = intentChange
        self.ifrCapable = ifrCapable
        self.nacV = nacV
        self.airspeedIsTrue = airspeedIsTrue
        self.verticalRateIsBarometric = verticalRateIsBarometric
    }
}
