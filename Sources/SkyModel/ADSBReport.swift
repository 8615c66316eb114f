public import SkyGeodesy

/// One ADS-B position report after CPR decoding (from DF17/18, or ASTERIX CAT021).
public struct ADSBReport: Sendable, Hashable {
    /// Time of applicability (or reception), seconds since the UNIX epoch.
    public var time: Double
    /// The receiving sensor (ground station SAC/SIC), if known.
    public var sensor: SensorID?
    /// Aircraft address.
    public var address: ICAOAddress
    /// Position; `heightMetres` is the geometric height when known, else the barometric altitude converted.
    public var position: GeodeticPosition
    /// Barometric pressure altitude, feet.
    public var barometricAltitudeFeet: Double?
    /// GNSS height, metres (HAE).
    public var gnssHeightMetres: Double?
    /// Ground velocity east/north and vertical rate, m/s (ENU at the aircraft).
    public var velocity: ENUVector?
    /// Aircraft identification.
    public var callsign: Callsign?
    /// Mode 3/A code (from TC28 or surveillance replies).
    public var modeA: Mode3ACode?
    /// Navigation Accuracy Category for position (0–11), which bounds the 95 % horizontal error (EPU).
    public var nacP: UInt8?
    /// Navigation Integrity Category (0–11).
    public var nic: UInt8?
    /// Whether the aircraft reports being on the ground.
    public var onGround: Bool

    /// A report; see each property for units.
    public init(
        time: Double,
        sensor: SensorID? = nil,
        address: ICAOAddress,
        position: GeodeticPosition,
        barometricAltitudeFeet: Double? = nil,
        gnssHeightMetres: Double? = nil,
        velocity: ENUVector? = nil,
        callsign: Callsign? = nil,
        modeA: Mode3ACode? = nil,
        nacP: UInt8? = nil,
        nic: UInt8? = nil,
        onGround: Bool = false
    ) {
        self.time = time
        self.sensor = sensor
        self.address = address
        self.position = position
        self.barometricAltitudeFeet = barometricAltitudeFeet
        self.gnssHeightMetres = gnssHeightMetres
        self.velocity = velocity
        self.callsign = callsign
        self.modeA = modeA
        self.nacP = nacP
        self.nic = nic
        self.onGround = onGround
    }

    /// The 95 % horizontal position bound (EPU) for a NACp value, metres (DO-260B table 2-70).
    /// - Returns: `nil` for NACp 0 (unknown) or out of range.
    public static func estimatedPositionUncertaintyMetres(nacP: UInt8) -> Double? {
        switch nacP {
        case 11: 3
        case 10: 10
        case 9: 30
        case 8: 92.6
        case 7: 185.2
        case 6: 555.6
        case 5: 926
        case 4: 1852
        case 3: 3704
        case 2: 7408
        case 1: 18_520
        default: nil
        }
    }
}
