/// One Mode S Comm-B register as carried in I048/250 (and I021/250): the 56-bit MB field and its BDS code,
/// with typed views of the enhanced-surveillance registers BDS 4,0, 5,0 and 6,0 (ICAO Doc 9871, tables A-2-64,
/// A-2-80, A-2-96). Each view is `nil` for another register or when its status bit is clear.
public struct CommBRegister: Sendable, Hashable {
    /// `MB (56 bits) << 8 | BDS1 << 4 | BDS2`, as in `CAT048Report.commBRegister(_:)`.
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The register number, e.g. `0x40` for BDS 4,0.
    public var bds: UInt8 { UInt8(truncatingIfNeeded: rawValue) }

    /// Bits `msb…lsb` of the 64-bit value (bit 64 = first MB bit), unsigned.
    @inline(__always)
    func bits(_ msb: Int, _ lsb: Int) -> UInt64 {
        (rawValue >> UInt64(lsb - 1)) & ((1 << UInt64(msb - lsb + 1)) - 1)
    }

    /// Bits `msb…lsb` as two's complement (the msb being the sign).
    @inline(__always)
    func signed(_ msb: Int, _ lsb: Int) -> Int {
        let w = msb - lsb + 1
        return Int(Int64(bitPattern: bits(msb, lsb) << UInt64(64 - w)) >> Int64(64 - w))
    }

    func field(_ bds: UInt8, status: Int, _ body: () -> Double) -> Double? {
        self.bds == bds && bits(status, status) == 1 ? body() : nil
    }

    /// BDS 4,0: MCP/FCU selected altitude, feet (LSB 16 ft).
    public var selectedAltitudeMCPFeet: Double? { field(0x40, status: 64) { Double(bits(63, 52)) * 16 } }
    /// BDS 4,0: FMS selected altitude, feet (LSB 16 ft).
    public var selectedAltitudeFMSFeet: Double? { field(0x40, status: 51) { Double(bits(50, 39)) * 16 } }
    /// BDS 4,0: barometric pressure setting minus 800 hPa is sent (LSB 0.1 hPa); this is the full setting, hPa.
    public var barometricSettingHPa: Double? { field(0x40, status: 38) { 800 + Double(bits(37, 26)) * 0.1 } }

    /// BDS 5,0: roll angle, degrees, right wing down positive (LSB 45/256°).
    public var rollAngleDegrees: Double? { field(0x50, status: 64) { Double(signed(63, 54)) * 45 / 256 } }
    /// BDS 5,0: true track angle, degrees in [0, 360) (LSB 90/512°).
    public var trueTrackDegrees: Double? {
        field(0x50, status: 53) { (Double(signed(52, 42)) * 90 / 512 + 360).truncatingRemainder(dividingBy: 360) }
    }
    /// BDS 5,0: ground speed, knots (LSB 2 kt).
    public var groundSpeedKnots: Double? { field(0x50, status: 41) { Double(bits(40, 31)) * 2 } }
    /// BDS 5,0: track angle rate, degrees per second (LSB 8/256 °/s).
    public var trackAngleRateDegreesPerSecond: Double? { field(0x50, status: 30) { Double(signed(29, 20)) * 8 / 256 } }
    /// BDS 5,0: true airspeed, knots (LSB 2 kt, unsigned).
    public var trueAirspeedKnots: Double? { field(0x50, status: 19) { Double(bits(18, 9)) * 2 } }

    /// BDS 6,0: magnetic heading, degrees in [0, 360) (LSB 90/512°).
    public var magneticHeadingDegrees: Double? {
        field(0x60, status: 64) { (Double(signed(63, 53)) * 90 / 512 + 360).truncatingRemainder(dividingBy: 360) }
    }
    /// BDS 6,0: indicated airspeed, knots (LSB 1 kt).
    public var indicatedAirspeedKnots: Double? { field(0x60, status: 52) { Double(bits(51, 42)) } }
    /// BDS 6,0: Mach number (LSB 2.048/512).
    public var mach: Double? { field(0x60, status: 41) { Double(bits(40, 31)) * 2.048 / 512 } }
    /// BDS 6,0: barometric altitude rate, feet per minute (LSB 32 ft/min).
    public var barometricVerticalRateFeetPerMinute: Double? { field(0x60, status: 30) { Double(signed(29, 20)) * 32 } }
    /// BDS 6,0: inertial vertical velocity, feet per minute (LSB 32 ft/min).
    public var inertialVerticalRateFeetPerMinute: Double? { field(0x60, status: 19) { Double(signed(18, 9)) * 32 } }
}
