public import SkyModel

/// A DF20/21 Comm-B reply's MB field with the register inferred from its content.
///
/// Ground-initiated Comm-B replies do not say which register they carry; the register is inferred as
/// pyModeS 3 does: format-identified registers first (BDS 1,0 / 1,7 / 2,0 / 3,0), then the plausibility
/// tests of BDS 4,0 / 5,0 / 6,0 (status bits consistent with their fields, fields within physical ranges).
/// The first candidate is reported; `candidateCount` tells how ambiguous the payload was.
public struct CommBMessage: Sendable {
    /// The inferred register content.
    public var register: CommBRegister
    /// Number of registers whose plausibility tests passed (0 when none; > 1 when ambiguous).
    public var candidateCount: UInt8
    /// The raw 56-bit MB field.
    public var mb: UInt64
}

/// The content of a Comm-B register (ICAO Doc 9871 Appendix A tables).
public enum CommBRegister: Sendable {
    /// No register was plausible (or MB is all zero).
    case unknown
    /// BDS 1,0 data link capability report.
    case dataLinkCapability(DataLinkCapability)
    /// BDS 1,7 common-usage GICB capability: bit i (0 = BDS 0,5 … 23 = BDS 6,0) set when supported.
    case gicbCapability(supported: UInt32)
    /// BDS 2,0 aircraft identification.
    case identification(Callsign)
    /// BDS 3,0 ACAS active resolution advisory.
    case resolutionAdvisory(ACASResolutionAdvisory)
    /// BDS 4,0 selected vertical intention.
    case selectedVerticalIntention(SelectedVerticalIntention)
    /// BDS 5,0 track and turn report.
    case trackAndTurn(TrackAndTurn)
    /// BDS 6,0 heading and speed report.
    case headingAndSpeed(HeadingAndSpeed)

    /// The register as two hex digits ("40"), or `nil` for `.unknown`.
    public var bdsCode: String? {
        switch self {
        case .unknown: nil
        case .dataLinkCapability: "10"
        case .gicbCapability: "17"
        case .identification: "20"
        case .resolutionAdvisory: "30"
        case .selectedVerticalIntention: "40"
        case .trackAndTurn: "50"
        case .headingAndSpeed: "60"
        }
    }

    /// BDS codes of the 24 GICB capability bits of BDS 1,7, in bit order.
    public static let gicbRegisters: [String] = [
        "05", "06", "07", "08", "09", "0A", "20", "21", "40", "41", "42", "43",
        "44", "45", "48", "50", "51", "52", "53", "54", "55", "56", "5F", "60",
    ]
}

/// BDS 1,0 data link capability report (Doc 9871 Table A-2-16). The raw MB is kept; accessors decode.
public struct DataLinkCapability: Sendable, Hashable {
    /// The 56-bit MB field.
    public var mb: UInt64
    @inline(__always) func bit(_ i: Int) -> Bool { (mb >> UInt64(55 - i)) & 1 == 1 }
    /// Continuation flag (bit 9).
    public var continuation: Bool { bit(8) }
    /// Overlay command capability.
    public var overlayCommandCapability: Bool { bit(14) }
    /// ACAS operational.
    public var acasOperational: Bool { bit(15) }
    /// Mode S subnetwork version number.
    public var subnetworkVersion: UInt8 { UInt8((mb >> 33) & 0x7F) }
    /// Transponder enhanced protocol (level 5).
    public var transponderLevel5: Bool { bit(23) }
    /// Mode S specific services capability.
    public var specificServices: Bool { bit(24) }
    /// Uplink ELM average throughput capability.
    public var uplinkELMThroughput: UInt8 { UInt8((mb >> 28) & 0x7) }
    /// Downlink ELM throughput capability.
    public var downlinkELMThroughput: UInt8 { UInt8((mb >> 24) & 0xF) }
    /// Aircraft identification capability.
    public var identificationCapability: Bool { bit(32) }
    /// Squitter capability subfield.
    public var squitterCapability: Bool { bit(33) }
    /// Surveillance identifier code capability.
    public var surveillanceIdentifierCode: Bool { bit(34) }
    /// Common usage GICB capability report changed.
    public var commonUsageGICB: Bool { bit(35) }
    /// ACAS hybrid surveillance capability.
    public var acasHybridSurveillance: Bool { bit(36) }
    /// ACAS generating resolution advisories.
    public var acasResolutionAdvisory: Bool { bit(37) }
    /// ACAS RTCA DO-185 version.
    public var acasRTCAVersion: UInt8 { UInt8((mb >> 16) & 0x3) }
    /// DTE sub-address status bits.
    public var dteStatus: UInt16 { UInt16(mb & 0xFFFF) }
}

/// BDS 3,0 (and TC28 subtype 2) ACAS resolution advisory.
public struct ACASResolutionAdvisory: Sendable, Hashable {
    /// Active resolution advisories (ARA, 14 bits).
    public var ara: UInt16
    /// Resolution advisory complements record (RAC, 4 bits: no below, no above, no left, no right).
    public var rac: UInt8
    /// RA terminated.
    public var terminated: Bool
    /// Multiple threat encounter.
    public var multipleThreat: Bool
    /// Threat type indicator: 0 none, 1 Mode S address, 2 altitude/range/bearing.
    public var threatType: UInt8
    /// Threat identity data (26 bits).
    public var threatIdentity: UInt32

    /// From a 56-bit payload laid out as BDS 3,0.
    init(mb: UInt64) {
        ara = UInt16((mb >> 34) & 0x3FFF)
        rac = UInt8((mb >> 30) & 0xF)
        terminated = (mb >> 29) & 1 == 1
        multipleThreat = (mb >> 28) & 1 == 1
        threatType = UInt8((mb >> 26) & 0x3)
        threatIdentity = UInt32(mb & 0x3FF_FFFF)
    }

    /// The threat's Mode S address when `threatType == 1`.
    public var threatAddress: ICAOAddress? { threatType == 1 ? ICAOAddress(threatIdentity >> 2) : nil }
}

/// BDS 4,0 selected vertical intention (Doc 9871 Table A-2-64).
public struct SelectedVerticalIntention: Sendable, Hashable {
    /// MCP/FCU selected altitude, feet (16 ft steps).
    public var mcpAltitudeFeet: Int?
    /// FMS selected altitude, feet.
    public var fmsAltitudeFeet: Int?
    /// Barometric pressure setting, hPa (800 + 0.1 · raw).
    public var baroSettingHectopascals: Double?
    /// VNAV, altitude hold, approach modes (when the MCP mode status bit is set).
    public var vnav: Bool?, altitudeHold: Bool?, approach: Bool?
    /// Target altitude source (0 unknown, 1 aircraft altitude, 2 MCP/FCU, 3 FMS) when its status is set.
    public var targetAltitudeSource: UInt8?
}

/// BDS 5,0 track and turn report (Doc 9871 Table A-2-80).
public struct TrackAndTurn: Sendable, Hashable {
    /// Roll angle, degrees (positive right wing down).
    public var rollDegrees: Double?
    /// True track angle, degrees in [0, 360).
    public var trueTrackDegrees: Double?
    /// Ground speed, knots.
    public var groundSpeedKnots: Int?
    /// Track angle rate, degrees/second.
    public var trackRateDegreesPerSecond: Double?
    /// True airspeed, knots.
    public var trueAirspeedKnots: Int?
}

/// BDS 6,0 heading and speed report (Doc 9871 Table A-2-96).
public struct HeadingAndSpeed: Sendable, Hashable {
    /// Magnetic heading, degrees in [0, 360).
    public var magneticHeadingDegrees: Double?
    /// Indicated airspeed, knots.
    public var indicatedAirspeedKnots: Int?
    /// Mach number.
    public var mach: Double?
    /// Barometric altitude rate, ft/min.
    public var baroVerticalRateFeetPerMinute: Int?
    /// Inertial vertical velocity, ft/min.
    public var inertialVerticalRateFeetPerMinute: Int?
}
