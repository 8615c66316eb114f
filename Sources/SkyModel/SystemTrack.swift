public import SkyGeodesy
public import SkyMath

/// Life-cycle status of a system track.
public enum TrackStatus: UInt8, Sendable, Hashable {
    /// Initiated, not yet confirmed (M-of-N not met); not displayed.
    case tentative
    /// Confirmed and updated recently.
    case confirmed
    /// Confirmed but missed its recent updates; extrapolated with growing uncertainty.
    case coasting
    /// Ended (sent once so that consumers can drop it).
    case terminated
}

/// Which kinds of measurement have updated a track recently (ASTERIX I062/080 MON, PSR, SSR, MDS, ADS).
public struct TrackSources: OptionSet, Sendable, Hashable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Primary radar (skin echo) plots.
    public static let primary = TrackSources(rawValue: 1 << 0)
    /// SSR (Mode A/C) replies.
    public static let ssr = TrackSources(rawValue: 1 << 1)
    /// Mode S replies.
    public static let modeS = TrackSources(rawValue: 1 << 2)
    /// ADS-B reports.
    public static let adsb = TrackSources(rawValue: 1 << 3)

    /// Whether any radar (primary, SSR or Mode S) contributes.
    public var hasRadar: Bool { !intersection([.primary, .ssr, .modeS]).isEmpty }
}

/// One system track as published by the tracker: the fused estimate of one real object.
public struct SystemTrack: Sendable {
    /// Track number, stable for the track's life.
    public var number: UInt32
    /// Time of the estimate, seconds since the UNIX epoch.
    public var time: Double
    /// Position; `heightMetres` from the vertical filter (Mode C or geometric), if any.
    public var position: GeodeticPosition
    /// Whether `position.heightMetres` is meaningful (a primary-only track has no height).
    public var hasHeight: Bool
    /// Velocity east, north, up, m/s.
    public var velocity: ENUVector
    /// Horizontal state covariance of [east, north, velocity east, velocity north] on the local ENU axes at the
    /// track (m², m²/s, m²/s²).
    public var covariance: Matrix<4, 4>
    /// Estimated turn rate, radians per second (positive clockwise seen from above, i.e. turning right); 0 when
    /// the filter does not estimate one.
    public var turnRate: Double
    /// Life-cycle status.
    public var status: TrackStatus
    /// Mode 3/A code associated with the track.
    public var modeA: Mode3ACode?
    /// Mode S address associated with the track.
    public var address: ICAOAddress?
    /// Callsign associated with the track.
    public var callsign: Callsign?
    /// Mode C (barometric) altitude, feet.
    public var barometricAltitudeFeet: Double?
    /// Sensors that updated the track recently.
    public var contributingSensors: [SensorID]
    /// Time of the last update by any measurement, UNIX seconds.
    public var lastUpdateTime: Double
    /// Number of measurement updates since initiation.
    public var updateCount: Int
    /// Time of the track's first measurement, UNIX seconds.
    public var createdTime: Double
    /// Kinds of measurement that updated the track recently.
    public var sources: TrackSources
    /// Special position identification (SPI) seen in the latest SSR reply.
    public var spi: Bool

    /// A track; see each property for units and frames.
    public init(
        number: UInt32,
        time: Double,
        position: GeodeticPosition,
        hasHeight: Bool = true,
        velocity: ENUVector,
        covariance: Matrix<4, 4> = .identity,
        status: TrackStatus,
        modeA: Mode3ACode? = nil,
        address: ICAOAddress? = nil,
        callsign: Callsign? = nil,
        barometricAltitudeFeet: Double? = nil,
        contributingSensors: [SensorID] = [],
        lastUpdateTime: Double? = nil,
        updateCount: Int = 0,
        turnRate: Double = 0,
        createdTime: Double? = nil,
        sources: TrackSources = [],
        spi: Bool = false
    ) {
        self.number = number
        self.time = time
        self.position = position
        self.hasHeight = hasHeight
        self.velocity = velocity
        self.covariance = covariance
        self.status = status
        self.modeA = modeA
        self.address = address
        self.callsign = callsign
        self.barometricAltitudeFeet = barometricAltitudeFeet
        self.contributingSensors = contributingSensors
        self.lastUpdateTime = lastUpdateTime ?? time
        self.updateCount = updateCount
        self.turnRate = turnRate
        self.createdTime = createdTime ?? time
        self.sources = sources
        self.spi = spi
    }

    /// Ground speed, m/s.
    public var groundSpeedMetresPerSecond: Double {
        (velocity.east * velocity.east + velocity.north * velocity.north).squareRoot()
    }
}
