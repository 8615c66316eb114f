public import SkyModel

/// One plot produced by a simulated radar, with its truth link.
public struct SimulatedPlot: Sendable, Hashable {
    /// Index of the radar in the configuration's `radars`.
    public var radarIndex: Int
    /// Truth identifier of the target, 0 for a false plot.
    public var truthID: Int
    /// Reported detection time, seconds since the scenario epoch (beam crossing plus the radar's time bias).
    public var time: Double
    /// Scan counter: ⌊φ₀/2π + t/T⌋ at the true crossing (increments when the beam passes north).
    public var scan: Int
    /// The plot as a sensor reports it; `plot.time` is UNIX seconds (epoch + `time`).
    public var plot: RadarPlot

    /// A plot; see each property.
    public init(radarIndex: Int, truthID: Int, time: Double, scan: Int, plot: RadarPlot) {
        self.radarIndex = radarIndex
        self.truthID = truthID
        self.time = time
        self.scan = scan
        self.plot = plot
    }
}

/// A radar service event of the antenna (ASTERIX CAT034): north marker or sector crossing.
public struct RadarMarker: Sendable, Hashable {
    /// Index of the radar in the configuration's `radars`.
    public var radarIndex: Int
    /// Time the beam crossed the sector boundary, seconds since the epoch (plus the radar's time bias).
    public var time: Double
    /// Sector number 0 ..< sectorCount (0 = north).
    public var sector: Int
    /// Sector boundary azimuth, radians clockwise from north.
    public var azimuth: Double
    /// Scan counter after the crossing.
    public var scan: Int

    /// Whether this is the north crossing (CAT034 message type 1 as well as a sector crossing).
    public var isNorth: Bool { sector == 0 }

    /// A marker; see each property.
    public init(radarIndex: Int, time: Double, sector: Int, azimuth: Double, scan: Int) {
        self.radarIndex = radarIndex
        self.time = time
        self.sector = sector
        self.azimuth = azimuth
        self.scan = scan
    }
}
