import RealModule
import SkyGeodesy
import SkyMath

/// The runtime motion state of one target, advanced in whole-second steps.
struct Vehicle: Sendable {
    /// Current position (height = altitude).
    var position: GeodeticPosition
    /// Course over ground, radians clockwise from north.
    var heading: Double
    /// Ground speed, m/s.
    var speed: Double
    /// Vertical rate, m/s.
    var verticalRate: Double
    /// Whether the target is airborne in the scenario (false before its start and after it left).
    var active = false
    var guidance: Guidance

    enum Guidance: Sendable {
        case flightPlan(FlightPlanGuidance)
        case erratic(DroneGuidance)
        case steady(SteadyMotion)
        case recorded(RecordedTrajectory)
    }

    init(specification s: TargetSpecification) {
        position = s.initialPosition
        heading = s.initialHeading
        speed = s.initialSpeed
        verticalRate = 0
        switch s.motion {
        case .flightPlan(let plan, let performance):
            guidance = .flightPlan(FlightPlanGuidance(plan: plan, performance: performance))
        case .erratic(let e): guidance = .erratic(DroneGuidance(motion: e, speed: s.initialSpeed))
        case .steady(let m):
            guidance = .steady(m)
            verticalRate = m.verticalRate
        case .recorded(let r):
            guidance = .recorded(r)
        }
    }

    /// The truth state at `time` (the vehicle's current state).
    func state(time: Double) -> TargetState {
        TargetState(
            time: time,
            position: position,
            velocity: ENUVector(
                east: speed * Double.sin(heading),
                north: speed * Double.cos(heading),
                up: verticalRate
            )
        )
    }

    /// Advances by `dt` seconds with a constant turn rate and accelerations over the step.
    ///
    /// The horizontal displacement is the exact chord of a constant-rate turn with linearly varying speed
    /// (length V̄·dt·sinc(ω·dt/2) along the mid-step heading); the height integrates the vertical rate by the
    /// trapezoidal rule.
    mutating func integrate(dt: Double, turnRate: Double, newSpeed: Double, newVerticalRate: Double) {
        let meanSpeed = (speed + newSpeed) / 2
        let half = turnRate * dt / 2
        let chord = meanSpeed * dt * (abs(half) < 1e-9 ? 1 : Double.sin(half) / half)
        let mid = heading + half
        position = EllipsoidKinematics.displaced(
            position,
            east: chord * Double.sin(mid),
            north: chord * Double.cos(mid),
            up: (verticalRate + newVerticalRate) / 2 * dt
        )
        heading = Angle.wrapToTwoPi(heading + turnRate * dt)
        speed = newSpeed
        verticalRate = newVerticalRate
    }

    /// Advances the vehicle by one step of `dt` seconds ending at `time`. Returns `false` when the target has
    /// finished (landed, left the area, recording ended).
    mutating func advance(dt: Double, to time: Double, random: inout SimulationRandom) -> Bool {
        switch guidance {
        case .recorded(let trajectory):
            guard let s = trajectory.state(at: time) else { return false }
            position = s.position
            heading = s.course
            speed = s.groundSpeed
            verticalRate = s.velocity.up
            return true
        case .steady(let m):
            integrate(dt: dt, turnRate: m.turnRate, newSpeed: m.speed, newVerticalRate: m.verticalRate)
            return true
        case .erratic(var g):
            let c = g.command(vehicle: self, dt: dt, random: &random)
            integrate(dt: dt, turnRate: c.turnRate, newSpeed: c.speed, newVerticalRate: c.verticalRate)
            guidance = .erratic(g)
            return true
        case .flightPlan(var g):
            guard let c = g.command(vehicle: self, dt: dt) else { return false }
            integrate(dt: dt, turnRate: c.turnRate, newSpeed: c.speed, newVerticalRate: c.verticalRate)
            guidance = .flightPlan(g)
            return true
        }
    }
}

/// A manoeuvre command for one step.
struct ManoeuvreCommand {
    var turnRate: Double
    var speed: Double
    var verticalRate: Double
}

/// Rate limiting shared by the guidance laws.
enum Steering {
    /// Moves `value` toward `target` by at most `step`.
    static func approach(_ value: Double, _ target: Double, maxStep step: Double) -> Double {
        value + Swift.min(step, Swift.max(-step, target - value))
    }

    /// Standard gravity, m/s² (turn rate of a coordinated turn ω = g·tan(bank)/V).
    static let gravity = 9.806_65
}
