public import SkyGeodesy

/// Manoeuvre limits of a simulated vehicle (SI units: radians, m/s, m/s²).
public struct VehiclePerformance: Sendable, Hashable {
    /// Maximum bank angle of a coordinated turn, radians (turn rate ω = g·tan(bank)/V).
    public var maxBankAngle: Double
    /// Cap on the turn rate, rad/s (rate-one turn = 3°/s for IFR aircraft).
    public var maxTurnRate: Double
    /// Maximum climb rate, m/s.
    public var climbRate: Double
    /// Maximum descent rate (positive number), m/s.
    public var descentRate: Double
    /// Along-track acceleration limit, m/s².
    public var acceleration: Double
    /// Vertical acceleration limit, m/s².
    public var verticalAcceleration: Double

    /// Limits; see each property.
    public init(
        maxBankAngle: Double,
        maxTurnRate: Double,
        climbRate: Double,
        descentRate: Double,
        acceleration: Double,
        verticalAcceleration: Double
    ) {
        self.maxBankAngle = maxBankAngle
        self.maxTurnRate = maxTurnRate
        self.climbRate = climbRate
        self.descentRate = descentRate
        self.acceleration = acceleration
        self.verticalAcceleration = verticalAcceleration
    }

    /// Transport aircraft: 25° bank, rate-one cap, 12.5 m/s (2,500 ft/min) climb, 10 m/s descent.
    public static let airliner = VehiclePerformance(
        maxBankAngle: 25 * .pi / 180,
        maxTurnRate: 3 * .pi / 180,
        climbRate: 12.5,
        descentRate: 10,
        acceleration: 0.8,
        verticalAcceleration: 1.0
    )
    /// Light aircraft: 30° bank, 5 m/s climb.
    public static let generalAviation = VehiclePerformance(
        maxBankAngle: 30 * .pi / 180,
        maxTurnRate: 6 * .pi / 180,
        climbRate: 5,
        descentRate: 5,
        acceleration: 1.0,
        verticalAcceleration: 1.0
    )
    /// Helicopter: 30° bank, 12°/s, 7.5 m/s vertical.
    public static let helicopter = VehiclePerformance(
        maxBankAngle: 30 * .pi / 180,
        maxTurnRate: 12 * .pi / 180,
        climbRate: 7.5,
        descentRate: 7.5,
        acceleration: 2.0,
        verticalAcceleration: 2.0
    )
    /// Supersonic aircraft: 2 g horizontal load is about 60° bank; at Mach 3 that is still under 2°/s.
    public static let fastObject = VehiclePerformance(
        maxBankAngle: 60 * .pi / 180,
        maxTurnRate: 10 * .pi / 180,
        climbRate: 100,
        descentRate: 100,
        acceleration: 10,
        verticalAcceleration: 5
    )
}

/// A holding pattern (racetrack) flown at a waypoint: ICAO Doc 8168 standard shape, entered directly.
public struct HoldingPattern: Sendable, Hashable {
    /// Inbound course to the fix, radians clockwise from true north.
    public var inboundCourse: Double
    /// Duration of the outbound leg, seconds (60 s at or below FL140 in ICAO PANS-OPS).
    public var outboundLegSeconds: Double
    /// Right-hand pattern (standard) when `true`.
    public var rightTurns: Bool
    /// Number of complete laps before continuing to the next waypoint.
    public var laps: Int

    /// A pattern; see each property.
    public init(inboundCourse: Double, outboundLegSeconds: Double = 60, rightTurns: Bool = true, laps: Int = 1) {
        precondition(laps >= 1, "a hold has at least one lap")
        self.inboundCourse = inboundCourse
        self.outboundLegSeconds = outboundLegSeconds
        self.rightTurns = rightTurns
        self.laps = laps
    }
}

/// One waypoint of a flight plan: a fix with the altitude and ground speed to reach there.
public struct Waypoint: Sendable, Hashable {
    /// The fix; `heightMetres` is the altitude to reach (barometric, taken as height above the ellipsoid).
    public var position: GeodeticPosition
    /// Ground speed to fly toward this fix, m/s.
    public var speed: Double
    /// A holding pattern to fly at this fix before going on, if any.
    public var hold: HoldingPattern?

    /// A waypoint; see each property.
    public init(position: GeodeticPosition, speed: Double, hold: HoldingPattern? = nil) {
        precondition(speed > 0, "waypoint speed must be positive")
        self.position = position
        self.speed = speed
        self.hold = hold
    }
}

/// A route: great-circle legs between waypoints, flown with fly-by coordinated turns, climbs and descents.
public struct FlightPlan: Sendable, Hashable {
    /// The fixes in order (the first leg starts at the vehicle's initial position).
    public var waypoints: [Waypoint]
    /// Whether the vehicle keeps flying straight after the last waypoint (otherwise it leaves the scenario:
    /// landed, or out of the simulated area).
    public var continuesAfterLastWaypoint: Bool

    /// A plan; see each property.
    public init(waypoints: [Waypoint], continuesAfterLastWaypoint: Bool = false) {
        precondition(!waypoints.isEmpty, "a flight plan needs at least one waypoint")
        self.waypoints = waypoints
        self.continuesAfterLastWaypoint = continuesAfterLastWaypoint
    }
}
