public import SkyGeodesy

/// Erratic low-level flight of a small drone inside a circle: heading random walk with sudden turns, speed and
/// height mean-reverting (Ornstein–Uhlenbeck), stops to hover.
public struct ErraticMotion: Sendable, Hashable {
    /// Centre of the operating area (height ignored).
    public var centre: GeodeticPosition
    /// Radius of the operating area, metres; the drone turns back toward the centre beyond it.
    public var radiusMetres: Double
    /// Mean ground speed, m/s.
    public var meanSpeed: Double
    /// Mean height, metres above the ellipsoid (the simulator has no terrain; see the scenario reference).
    public var meanHeightMetres: Double
    /// Standard deviation of the height about its mean, metres.
    public var heightSigmaMetres: Double
    /// Mean time between sudden heading changes (up to ±180°) or hover stops, seconds.
    public var meanTimeBetweenManoeuvres: Double

    /// A drone pattern; see each property.
    public init(
        centre: GeodeticPosition,
        radiusMetres: Double,
        meanSpeed: Double = 10,
        meanHeightMetres: Double = 80,
        heightSigmaMetres: Double = 20,
        meanTimeBetweenManoeuvres: Double = 20
    ) {
        self.centre = centre
        self.radiusMetres = radiusMetres
        self.meanSpeed = meanSpeed
        self.meanHeightMetres = meanHeightMetres
        self.heightSigmaMetres = heightSigmaMetres
        self.meanTimeBetweenManoeuvres = meanTimeBetweenManoeuvres
    }
}

/// Constant speed and height with a constant turn rate (0 = straight great circle): fast objects.
public struct SteadyMotion: Sendable, Hashable {
    /// Ground speed, m/s (Mach 2–4 at 11–20 km is 590–1,180 m/s: speed of sound 295.1 m/s in the ISA
    /// stratosphere).
    public var speed: Double
    /// Turn rate, rad/s, positive clockwise (a gently curving track is a few hundredths of a degree per second).
    public var turnRate: Double
    /// Vertical rate, m/s.
    public var verticalRate: Double

    /// A steady motion; see each property.
    public init(speed: Double, turnRate: Double = 0, verticalRate: Double = 0) {
        self.speed = speed
        self.turnRate = turnRate
        self.verticalRate = verticalRate
    }

    /// The ISA speed of sound between 11 and 20 km (216.65 K), m/s: √(1.4 · 287.053 · 216.65).
    public static let stratosphereSpeedOfSound = 295.07
}

/// How a target moves.
public enum MotionPlan: Sendable, Hashable {
    /// Great-circle legs between waypoints with turns, climbs, descents and holds.
    case flightPlan(FlightPlan, VehiclePerformance)
    /// Erratic drone flight.
    case erratic(ErraticMotion)
    /// Constant speed, constant turn rate.
    case steady(SteadyMotion)
    /// Replay of a recorded trajectory (interpolated).
    case recorded(RecordedTrajectory)
}

/// The truth specification of one target: who it is, where and when it starts, how it moves.
public struct TargetSpecification: Sendable, Hashable {
    /// Codes and equipment.
    public var identity: TargetIdentity
    /// ADS-B emitter, if fitted.
    public var adsb: ADSBEquipage?
    /// Whole second (since the epoch) at which the target appears; ignored for recorded trajectories.
    public var startTime: Int
    /// Initial position (height = altitude) and heading (radians clockwise from north) and speed (m/s); ignored
    /// for recorded trajectories.
    public var initialPosition: GeodeticPosition
    public var initialHeading: Double
    public var initialSpeed: Double
    /// How it moves.
    public var motion: MotionPlan

    /// A specification; see each property.
    public init(
        identity: TargetIdentity,
        adsb: ADSBEquipage? = nil,
        startTime: Int = 0,
        initialPosition: GeodeticPosition,
        initialHeading: Double,
        initialSpeed: Double,
        motion: MotionPlan
    ) {
        self.identity = identity
        self.adsb = adsb
        self.startTime = startTime
        self.initialPosition = initialPosition
        self.initialHeading = initialHeading
        self.initialSpeed = initialSpeed
        self.motion = motion
    }
}
