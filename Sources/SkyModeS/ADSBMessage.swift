import RealModule
public import SkyModel

/// A decoded DF17/18 ME field (RTCA DO-260B §2.2.3.2, ICAO Doc 9871 Appendix A), by type code.
public enum ADSBMessage: Sendable {
    /// TC1–4 aircraft identification and category.
    case identification(Identification)
    /// TC5–8 surface position.
    case surfacePosition(SurfacePosition)
    /// TC9–18 (barometric) and TC20–22 (GNSS height) airborne position.
    case airbornePosition(AirbornePosition)
    /// TC19 airborne velocity.
    case velocity(AirborneVelocity)
    /// TC28 aircraft status (emergency/priority, or ACAS RA broadcast).
    case aircraftStatus(AircraftStatus)
    /// TC29 target state and status.
    case targetState(TargetStateAndStatus)
    /// TC31 aircraft operational status.
    case operationalStatus(OperationalStatus)
    /// Reserved or unsupported type code (0, 23–27, 30).
    case other(typeCode: UInt8)

    /// The 5-bit type code.
    public var typeCode: UInt8 {
        switch self {
        case .identification(let m): m.typeCode
        case .surfacePosition(let m): m.typeCode
        case .airbornePosition(let m): m.typeCode
        case .velocity: 19
        case .aircraftStatus: 28
        case .targetState: 29
        case .operationalStatus: 31
        case .other(let tc): tc
        }
    }
}

/// One CPR-encoded position (17-bit latitude and longitude, DO-260B §A.1.7).
public struct CPRFrame: Sendable, Hashable {
    /// `true` for the odd format (F = 1).
    public var isOdd: Bool
    /// 17-bit encoded latitude.
    public var latitude: UInt32
    /// 17-bit encoded longitude.
    public var longitude: UInt32
    /// A CPR frame from its fields.
    public init(isOdd: Bool, latitude: UInt32, longitude: UInt32) {
        self.isOdd = isOdd
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// TC1–4: identification and emitter category.
public struct Identification: Sendable, Hashable {
    /// Type code 1–4 (emitter category set D, C, B, A).
    public var typeCode: UInt8
    /// Emitter category within the set (0 = no information).
    public var category: UInt8
    /// Callsign, ASCII, `#` for invalid characters.
    public var callsign: Callsign
}

/// TC5–8: surface position.
public struct SurfacePosition: Sendable, Hashable {
    /// Type code 5–8.
    public var typeCode: UInt8
    /// Movement code 0–127.
    public var movement: UInt8
    /// Ground track, degrees true, if the track status bit is set.
    public var trackDegrees: Double?
    /// CPR position.
    public var cpr: CPRFrame
    /// UTC-synchronised time flag (T).
    public var timeSynchronised: Bool

    /// Ground speed from the movement code, knots (DO-260B Table 2-16); `nil` when not available.
    public var groundSpeedKnots: Double? { SurfacePosition.groundSpeed(movement: movement) }

    /// Movement code → knots: 1 stopped, 2–8 in 0.125 kt, 9–12 0.25, 13–38 0.5, 39–93 1, 94–108 2,
    /// 109–123 5, 124 ≥ 175 kt; 0 and 125–127 not available.
    public static func groundSpeed(movement m: UInt8) -> Double? {
        switch m {
        case 1: 0
        case 2...8: 0.125 + Double(m - 2) * 0.125
        case 9...12: 1 + Double(m - 9) * 0.25
        case 13...38: 2 + Double(m - 13) * 0.5
        case 39...93: 15 + Double(m - 39)
        case 94...108: 70 + Double(m - 94) * 2
        case 109...123: 100 + Double(m - 109) * 5
        case 124: 175
        default: nil
        }
    }
}

/// TC9–18 / TC20–22: airborne position.
public struct AirbornePosition: Sendable, Hashable {
    /// Type code (9–18 barometric, 20–22 GNSS height).
    public var typeCode: UInt8
    /// Surveillance status (0 none, 1 permanent alert, 2 temporary alert, 3 SPI).
    public var surveillanceStatus: UInt8
    /// NIC supplement-B (versions 1–2) or single antenna flag (version 0).
    public var nicSupplementB: UInt8
    /// Altitude, feet: barometric (TC9–18), or GNSS height converted from metres (TC20–22).
    public var altitudeFeet: Int?
    /// `true` for TC20–22 (GNSS height above the ellipsoid).
    public var altitudeIsGNSS: Bool
    /// The raw 12-bit altitude field.
    public var altitudeCode: UInt16
    /// CPR position.
    public var cpr: CPRFrame
    /// UTC-synchronised time flag (T).
    public var timeSynchronised: Bool

    /// GNSS height in metres for TC20–22 (the field counts metres).
    public var gnssHeightMetres: Double? { altitudeIsGNSS ? Double(altitudeCode) : nil }
}

/// TC19: airborne velocity (subtypes 1–2 ground speed, 3–4 airspeed and heading).
public struct AirborneVelocity: Sendable, Hashable {
    /// Subtype 1–4 (2 and 4 supersonic: 4 kt units).
    public var subtype: UInt8
    /// Intent change flag.
    public var intentChange: Bool
    /// IFR capability flag.
    public var ifrCapable: Bool
    /// Navigation accuracy category for velocity.
    public var nacV: UInt8
    /// Subtypes 1–2: east velocity, knots (negative west).
    public var eastKnots: Int?
    /// Subtypes 1–2: north velocity, knots (negative south).
    public var northKnots: Int?
    /// Subtypes 3–4: heading, degrees (magnetic or true per HRD), when available.
    public var headingDegrees: Double?
    /// Subtypes 3–4: airspeed, knots.
    public var airspeedKnots: Int?
    /// Subtypes 3–4: `true` for TAS, `false` for IAS.
    public var airspeedIsTrue: Bool
    /// Vertical rate source: `true` barometric, `false` GNSS.
    public var verticalRateIsBarometric: Bool
    /// Vertical rate, ft/min (positive up).
    public var verticalRateFeetPerMinute: Int?
    /// GNSS height minus barometric altitude, feet.
    public var gnssMinusBaroFeet: Int?

    /// Ground speed, knots (subtypes 1–2).
    public var groundSpeedKnots: Double? {
        guard let e = eastKnots, let n = northKnots else { return nil }
        return Double(e * e + n * n).squareRoot()
    }

    /// Ground track, degrees true in [0, 360) (subtypes 1–2).
    public var trackDegrees: Double? {
        guard let e = eastKnots, let n = northKnots else { return nil }
        var t = _atan2Degrees(Double(e), Double(n))
        if t < 0 { t += 360 }
        return t
    }
}

/// TC28: aircraft status.
public struct AircraftStatus: Sendable, Hashable {
    /// Subtype: 1 emergency/priority status, 2 ACAS RA broadcast.
    public var subtype: UInt8
    /// Emergency state (subtype 1): 0 none, 1 general, 2 medical, 3 minimum fuel, 4 no communications,
    /// 5 unlawful interference, 6 downed aircraft.
    public var emergencyState: UInt8?
    /// Mode 3/A code (subtype 1).
    public var identity: Mode3ACode?
    /// ACAS RA (subtype 2), same layout as BDS 3,0.
    public var resolutionAdvisory: ACASResolutionAdvisory?
}

/// TC29: target state and status (DO-260B layout, subtype 1).
public struct TargetStateAndStatus: Sendable, Hashable {
    /// Subtype (2 bits).
    public var subtype: UInt8
    /// `true` when the selected altitude comes from the FMS, `false` MCP/FCU.
    public var selectedAltitudeIsFMS: Bool
    /// Selected altitude, feet (32 ft steps).
    public var selectedAltitudeFeet: Int?
    /// Barometric pressure setting, hPa.
    public var baroSettingHectopascals: Double?
    /// Selected heading, degrees.
    public var selectedHeadingDegrees: Double?
    /// NACp.
    public var nacP: UInt8
    /// NIC baro.
    public var nicBaro: UInt8
    /// SIL.
    public var sil: UInt8
    /// Autopilot, VNAV, altitude hold, approach, LNAV; `nil` when the mode status bit is clear.
    public var autopilot: Bool?, vnav: Bool?, altitudeHold: Bool?, approach: Bool?, lnav: Bool?
    /// ACAS/TCAS operational.
    public var tcasOperational: Bool
}

/// TC31: aircraft operational status.
public struct OperationalStatus: Sendable, Hashable {
    /// Subtype: 0 airborne, 1 surface.
    public var subtype: UInt8
    /// Capability class codes (16 bits).
    public var capabilityClass: UInt16
    /// Operational mode codes (16 bits).
    public var operationalMode: UInt16
    /// ADS-B version: 0 DO-260, 1 DO-260A, 2 DO-260B.
    public var version: UInt8
    /// NIC supplement-A.
    public var nicSupplementA: UInt8
    /// NACp.
    public var nacP: UInt8
    /// SIL.
    public var sil: UInt8
    /// NIC baro (airborne, version ≥ 1).
    public var nicBaro: UInt8?
    /// Heading reference direction: 0 true north, 1 magnetic.
    public var hrd: UInt8
    /// SIL supplement (version 2).
    public var silSupplement: UInt8?
    /// Surface subtype, version ≥ 1: NIC supplement-C (capability class bit 20 of the ME).
    public var nicSupplementC: UInt8?
}

@inline(__always)
func _atan2Degrees(_ y: Double, _ x: Double) -> Double {
    Double.atan2(y: y, x: x) * (180 / Double.pi)
}
