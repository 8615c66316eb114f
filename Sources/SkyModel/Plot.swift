/// How a radar plot was detected (ASTERIX I048/020 TYP, simplified).
public enum PlotKind: UInt8, Sendable, Hashable {
    /// Primary only: skin echo, no codes.
    case primary
    /// SSR (Mode A/C) reply only.
    case secondary
    /// Combined primary + SSR.
    case combined
    /// Mode S all-call or roll-call reply (may be combined with primary).
    case modeS
}

/// One radar target report (a plot), in the radar's polar frame.
///
/// Trivially copyable (no references), so plot buffers move without reference counting.
@frozen
public struct RadarPlot: Sendable, Hashable {
    /// Detection time, seconds since the UNIX epoch (UTC).
    public var time: Double
    /// The reporting sensor.
    public var sensor: SensorID
    /// Measured slant range, metres.
    public var slantRangeMetres: Double
    /// Measured azimuth, radians clockwise from true north, [0, 2π).
    public var azimuth: Double
    /// Measured elevation, radians (3-D radars only).
    public var elevation: Double?
    /// Mode C pressure altitude, feet (flight level × 100), if replied.
    public var modeCFeet: Double?
    /// Whether the Mode C code was validated (I048/090 V bit clear); `false` for garbled or unvalidated.
    public var modeCValid: Bool
    /// Mode 3/A code, if replied.
    public var modeA: Mode3ACode?
    /// Mode S address, if the sensor is a Mode S radar.
    public var address: ICAOAddress?
    /// Detection kind.
    public var kind: PlotKind
    /// Antenna scan (sweep) counter, if known.
    public var scan: Int32
    /// Identifier within the input (e.g. `plot_id` of a scenario), 0 if none.
    public var plotID: Int64

    /// A plot; angles in radians, lengths in metres, time in UNIX seconds.
    @inlinable
    public init(
        time: Double,
        sensor: SensorID,
        slantRangeMetres: Double,
        azimuth: Double,
        elevation: Double? = nil,
        modeCFeet: Double? = nil,
        modeCValid: Bool = true,
        modeA: Mode3ACode? = nil,
        address: ICAOAddress? = nil,
        kind: PlotKind,
        scan: Int32 = 0,
        plotID: Int64 = 0
    ) {
        self.time = time
        self.sensor = sensor
        self.slantRangeMetres = slantRangeMetres
        self.azimuth = azimuth
        self.elevation = elevation
        self.modeCFeet = modeCFeet
        self.modeCValid = modeCValid
        self.modeA = modeA
        self.address = address
        self.kind = kind
        self.scan = scan
        self.plotID = plotID
    }
}
