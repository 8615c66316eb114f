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
    /// Horizontal state covariance [x, y, vx, vy] on the local ENU plane at the track (m², m²/s, m²/s²).
    public var covariance: Matrix<4, 4>
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

    /// A track; see each property for units and frames.
    public init(
        number: UInt32, time: Double, position: GeodeticPosition, hasHeight: Bool = true, velocity: ENUVector,
        covariance: Matrix<4, 4> = .identity, status: TrackStatus, modeA: Mode3ACode? = nil,
        address: ICAOAddress? = nil, callsign: Callsign? = nil, barometricAltitudeFeet: Double? = nil,
        contributingSensors: [SensorID] = [], lastUpdateTime: Double? = nil, updateCount: Int = 0
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
    }

    /// Ground speed, m/s.
    public var groundSpeedMetresPerSecond: Double {
        (velocity.east * velocity.east + velocity.north * velocity.north).squareRoot()
    }
}
