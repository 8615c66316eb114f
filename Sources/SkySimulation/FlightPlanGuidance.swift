import RealModule
import SkyGeodesy
import SkyMath

/// Guidance along a `FlightPlan`: pursuit of the active fix (which flies the great circle, see
/// `EllipsoidKinematics.bearingAndDistance`), fly-by turn anticipation, holding-pattern phases, and rate-limited
/// speed and altitude changes.
struct FlightPlanGuidance: Sendable {
    let plan: FlightPlan
    let performance: VehiclePerformance
    /// Index of the active waypoint; `plan.waypoints.count` once past the last one.
    var index = 0
    /// Phase in the hold at the active waypoint, if holding.
    var hold: HoldPhase?
    var lapsFlown = 0

    enum HoldPhase: Sendable {
        case turnOutbound
        case outbound(remaining: Double)
        case turnInbound
        case inbound
    }

    init(plan: FlightPlan, performance: VehiclePerformance) {
        self.plan = plan
        self.performance = performance
    }

    /// Maximum turn rate at `speed`: the coordinated-turn rate at maximum bank, capped.
    func maxTurnRate(speed: Double) -> Double {
        Swift.min(
            performance.maxTurnRate,
            Steering.gravity * Double.tan(performance.maxBankAngle) / Swift.max(speed, 1)
        )
    }

    /// Turn rate that steers the heading toward `course` (proportional, saturated at the coordinated limit).
    func steer(heading: Double, to course: Double, speed: Double, dt: Double) -> Double {
        let error = Angle.wrapToPi(course - heading)
        let limit = maxTurnRate(speed: speed)
        return Swift.max(-limit, Swift.min(limit, error / Swift.max(dt, 2)))
    }

    /// The command for the next `dt` seconds, or `nil` when the plan is finished and the vehicle leaves.
    mutating func command(vehicle v: Vehicle, dt: Double) -> ManoeuvreCommand? {
        if index >= plan.waypoints.count {
            guard plan.continuesAfterLastWaypoint else { return nil }
            return ManoeuvreCommand(
                turnRate: 0,
                speed: v.speed,
                verticalRate: Steering.approach(v.verticalRate, 0, maxStep: dt)
            )
        }
        let wp = plan.waypoints[index]
        let (bearing, distance) = EllipsoidKinematics.bearingAndDistance(from: v.position, to: wp.position)
        var turnRate = steer(heading: v.heading, to: bearing, speed: v.speed, dt: dt)
        if let phase = hold, let pattern = wp.hold {
            turnRate = holdTurnRate(phase: phase, pattern: pattern, vehicle: v, bearing: bearing, dt: dt)
            advanceHold(phase: phase, pattern: pattern, vehicle: v, distance: distance, dt: dt)
        } else if distance <= anticipation(vehicle: v, waypoint: wp, dt: dt) {
            if wp.hold != nil {
                hold = .turnOutbound
                lapsFlown = 0
            } else {
                index += 1
            }
        }
        return ManoeuvreCommand(
            turnRate: turnRate,
            speed: Steering.approach(v.speed, wp.speed, maxStep: performance.acceleration * dt),
            verticalRate: verticalRate(vehicle: v, targetHeight: wp.position.heightMetres, dt: dt)
        )
    }

    /// Distance before a fly-by fix at which to start turning onto the next leg: r·tan(Δψ/2), r = V/ω.
    func anticipation(vehicle v: Vehicle, waypoint wp: Waypoint, dt: Double) -> Double {
        let minimum = Swift.max(v.speed * dt, 50)
        guard wp.hold == nil, index + 1 < plan.waypoints.count else { return minimum }
        let next = EllipsoidKinematics.bearingAndDistance(from: wp.position, to: plan.waypoints[index + 1].position)
        let change = abs(Angle.wrapToPi(next.bearing - v.heading))
        let radius = v.speed / maxTurnRate(speed: v.speed)
        return Swift.max(minimum, Swift.min(radius * Double.tan(Swift.min(change, 2.6) / 2), 30_000))
    }

    func holdTurnRate(
        phase: HoldPhase,
        pattern: HoldingPattern,
        vehicle v: Vehicle,
        bearing: Double,
        dt: Double
    )
        -> Double
    {
        let sign: Double = pattern.rightTurns ? 1 : -1
        let rate = maxTurnRate(speed: v.speed)
        switch phase {
        case .turnOutbound, .turnInbound:
            let target = phase.isTurnOutbound ? pattern.inboundCourse + .pi : pattern.inboundCourse
            let remaining = Angle.wrapToTwoPi(sign * (target - v.heading))
            return sign * Swift.min(rate, remaining / dt)
        case .outbound:
            return steer(heading: v.heading, to: pattern.inboundCourse + .pi, speed: v.speed, dt: dt)
        case .inbound:
            return steer(heading: v.heading, to: bearing, speed: v.speed, dt: dt)
        }
    }

    mutating func advanceHold(
        phase: HoldPhase,
        pattern: HoldingPattern,
        vehicle v: Vehicle,
        distance: Double,
        dt: Double
    ) {
        let tolerance = 2 * Double.pi / 180
        let sign: Double = pattern.rightTurns ? 1 : -1
        switch phase {
        case .turnOutbound:
            // The heading after this step's turn; the phase ends when within 2° of the outbound course.
            let after = v.heading + sign * maxTurnRate(speed: v.speed) * dt
            if abs(Angle.wrapToPi(pattern.inboundCourse + .pi - after)) < tolerance
                || abs(Angle.wrapToPi(pattern.inboundCourse + .pi - v.heading)) < tolerance
            {
                hold = .outbound(remaining: pattern.outboundLegSeconds)
            }
        case .outbound(let remaining):
            hold = remaining - dt <= 0 ? .turnInbound : .outbound(remaining: remaining - dt)
        case .turnInbound:
            if abs(Angle.wrapToPi(pattern.inboundCourse - v.heading)) < 10 * tolerance { hold = .inbound }
        case .inbound:
            if distance <= Swift.max(v.speed * dt, 50) {
                lapsFlown += 1
                if lapsFlown >= pattern.laps {
                    hold = nil
                    index += 1
                } else {
                    hold = .turnOutbound
                }
            }
        }
    }

    /// Vertical rate toward `targetHeight`: a 20 s first-order approach limited by the climb/descent rates and
    /// the vertical acceleration.
    func verticalRate(vehicle v: Vehicle, targetHeight: Double, dt: Double) -> Double {
        let wanted = Swift.max(
            -performance.descentRate,
            Swift.min(performance.climbRate, (targetHeight - v.position.heightMetres) / 20)
        )
        return Steering.approach(v.verticalRate, wanted, maxStep: performance.verticalAcceleration * dt)
    }
}

extension FlightPlanGuidance.HoldPhase {
    var isTurnOutbound: Bool {
        if case .turnOutbound = self { return true }
        return false
    }
}

/// Guidance of an erratic drone (see `ErraticMotion`).
struct DroneGuidance: Sendable {
    let motion: ErraticMotion
    var wantedHeading: Double = 0
    var wantedSpeed: Double
    var hoverRemaining: Double = 0

    init(motion: ErraticMotion, speed: Double) {
        self.motion = motion
        self.wantedSpeed = speed
    }

    mutating func command(vehicle v: Vehicle, dt: Double, random: inout SimulationRandom) -> ManoeuvreCommand {
        // Sudden manoeuvres arrive as a Poisson process: a new heading anywhere within ±180°, or a hover stop.
        if random.unit() < dt / motion.meanTimeBetweenManoeuvres {
            if random.bernoulli(0.3) {
                hoverRemaining = random.uniform(3, 15)
            } else {
                wantedHeading = Angle.wrapToTwoPi(v.heading + random.uniform(-Double.pi, Double.pi))
                wantedSpeed = Swift.max(1, motion.meanSpeed * random.uniform(0.5, 1.5))
            }
        }
        // Heading random walk (about 10°/√s) and a return toward the centre beyond the radius.
        wantedHeading = Angle.wrapToTwoPi(wantedHeading + 0.17 * dt.squareRoot() * random.gaussian())
        let (toCentre, distance) = EllipsoidKinematics.bearingAndDistance(from: v.position, to: motion.centre)
        if distance > motion.radiusMetres { wantedHeading = toCentre }
        hoverRemaining = Swift.max(0, hoverRemaining - dt)
        let speed = hoverRemaining > 0 ? 0 : wantedSpeed
        let error = Angle.wrapToPi(wantedHeading - v.heading)
        let turnRate = Swift.max(-0.6, Swift.min(0.6, error / dt))  // up to 34°/s: a multirotor yaws fast
        // Height: Ornstein–Uhlenbeck about the mean with a 30 s time constant.
        let heightError = motion.meanHeightMetres - v.position.heightMetres
        let vz = heightError / 30 + motion.heightSigmaMetres * (2.0 / 30).squareRoot() * random.gaussian()
        return ManoeuvreCommand(
            turnRate: turnRate,
            speed: Steering.approach(v.speed, speed, maxStep: 4 * dt),
            verticalRate: Swift.max(-5, Swift.min(5, vz))
        )
    }
}
