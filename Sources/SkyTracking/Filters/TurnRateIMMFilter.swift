import RealModule
public import SkyMath

/// A Gaussian over `[x, y, vx, vy, ω]` on the system plane (ω: turn rate, rad/s, positive counter-clockwise).
@frozen
public struct TurnState: Sendable, BitwiseCopyable {
    /// Mean `[x, y, vx, vy, ω]`.
    public var mean: Vector<5>
    /// Covariance (m², m²/s, m²/s², rad/s terms).
    public var covariance: Matrix<5, 5>

    /// The horizontal marginal `[x, y, vx, vy]`.
    var plane: PlaneState { planeMarginal(mean: mean, covariance: covariance) }

    /// Kalman update with a position measurement (`H = [I₂ 0]`, Joseph form; ``positionUpdate(mean:covariance:with:)``):
    /// the posterior, `νᵀS⁻¹ν` and `det S` (m⁴), or `nil` when `S` is not positive definite.
    func updated(with m: PlanePositionMeasurement) -> (state: TurnState, d2: Double, detS: Double)? {
        guard let u = positionUpdate(mean: mean, covariance: covariance, with: m) else { return nil }
        return (TurnState(mean: u.mean, covariance: u.covariance), u.d2, u.detS)
    }

    /// Moment-matched collapse of two weighted Gaussians.
    static func collapse(_ a: TurnState, _ wa: Double, _ b: TurnState, _ wb: Double) -> TurnState {
        let c = momentMatched(a.mean, a.covariance, wa, b.mean, b.covariance, wb)
        return TurnState(mean: c.mean, covariance: c.covariance)
    }
}

/// An IMM over a turn-rate-augmented state `[x, y, vx, vy, ω]`: a quiet nearly-constant-velocity mode, a
/// coordinated-turn mode that *estimates* the turn rate (extended Kalman filter), and a high-noise manoeuvre mode.
///
/// Bar-Shalom, Li & Kirubarajan 2001, §11.7.2 (CT model with unknown turn rate):
/// ```
/// x' = x + sin(ωT)/ω · vx − (1 − cos ωT)/ω · vy      vx' = cos ωT · vx − sin ωT · vy
/// y' = y + (1 − cos ωT)/ω · vx + sin(ωT)/ω · vy      vy' = sin ωT · vx + cos ωT · vy      ω' = ω
/// ```
/// linearised at the mean (EKF); the CV modes carry ω unchanged with a decay towards 0 (so that mixing keeps
/// the estimate of the last turn) and ignore it in the motion. Mode switching as in ``IMMFilter``.
public struct TurnRateIMMFilter: TrackFilter {
    /// Acceleration noise of the quiet CV mode, m²/s³.
    public var quietNoiseIntensity: Double
    /// Acceleration noise of the turn mode, m²/s³.
    public var turnNoiseIntensity: Double
    /// Turn-rate noise intensity of the turn mode, rad²/s³.
    public var turnRateNoiseIntensity: Double
    /// Acceleration noise of the manoeuvre CV mode, m²/s³.
    public var manoeuvreNoiseIntensity: Double
    /// Rate of leaving the quiet mode, and of returning to it, 1/s.
    public var leaveQuietRate: Double
    public var returnToQuietRate: Double
    /// Standard deviation of the turn rate at initiation, rad/s.
    public var initialTurnRateSigma: Double

    /// A filter; see each property for units.
    public init(
        quietNoiseIntensity: Double,
        turnNoiseIntensity: Double,
        turnRateNoiseIntensity: Double,
        manoeuvreNoiseIntensity: Double,
        leaveQuietRate: Double,
        returnToQuietRate: Double,
        initialTurnRateSigma: Double = 3 * Double.pi / 180
    ) {
        self.quietNoiseIntensity = quietNoiseIntensity
        self.turnNoiseIntensity = turnNoiseIntensity
        self.turnRateNoiseIntensity = turnRateNoiseIntensity
        self.manoeuvreNoiseIntensity = manoeuvreNoiseIntensity
        self.leaveQuietRate = leaveQuietRate
        self.returnToQuietRate = returnToQuietRate
        self.initialTurnRateSigma = initialTurnRateSigma
    }

    /// Per-track state: quiet, turn and manoeuvre mode estimates and their probabilities.
    @frozen
    public struct State: Sendable, BitwiseCopyable {
        public var estimates: InlineArray<3, TurnState>
        public var probabilities: InlineArray<3, Double>
    }

    public func initiate(_ measurement: PlanePositionMeasurement, velocitySigma: Double) -> State {
        var s = TurnState(mean: .zero, covariance: .zero)
        s.mean[0] = measurement.position[0]
        s.mean[1] = measurement.position[1]
        for r in 0..<2 { for c in 0..<2 { s.covariance[r, c] = measurement.covariance[r, c] } }
        s.covariance[2, 2] = velocitySigma * velocitySigma
        s.covariance[3, 3] = velocitySigma * velocitySigma
        s.covariance[4, 4] = initialTurnRateSigma * initialTurnRateSigma
        let p: InlineArray<3, Double> = ModeSwitching.initialProbabilities(modeCount: 3)
        return State(estimates: InlineArray(repeating: s), probabilities: p)
    }

    func transition(_ i: Int, _ j: Int, _ dt: Double) -> Double {
        ModeSwitching.transition(
            i,
            j,
            dt,
            modeCount: 3,
            leaveQuietRate: leaveQuietRate,
            returnToQuietRate: returnToQuietRate
        )
    }

    /// CV prediction in the augmented space: ω is carried with its variance grown by the turn-rate noise.
    func predictCV(_ s: TurnState, by dt: Double, q: Double) -> TurnState {
        var f = Matrix<5, 5>.identity
        f[0, 2] = dt
        f[1, 3] = dt
        var out = TurnState(mean: f * s.mean, covariance: s.covariance.congruence(by: f))
        addNoise(&out.covariance, dt: dt, q: q, qw: turnRateNoiseIntensity)
        return out
    }

    /// CT prediction (EKF): the nonlinear mean and the Jacobian at the mean.
    func predictCT(_ s: TurnState, by dt: Double) -> TurnState {
        let vx = s.mean[2]
        let vy = s.mean[3]
        let w = s.mean[4]
        let t = dt
        var f = Matrix<5, 5>.identity
        var m = s.mean
        if abs(w * t) < 1e-6 {
            m[0] += t * vx - 0.5 * w * t * t * vy
            m[1] += t * vy + 0.5 * w * t * t * vx
            m[2] = vx - w * t * vy
            m[3] = vy + w * t * vx
            f[0, 2] = t
            f[1, 3] = t
            f[0, 3] = -0.5 * w * t * t
            f[1, 2] = 0.5 * w * t * t
            f[2, 3] = -w * t
            f[3, 2] = w * t
            f[0, 4] = -0.5 * t * t * vy
            f[1, 4] = 0.5 * t * t * vx
            f[2, 4] = -t * vy
            f[3, 4] = t * vx
        } else {
            let sn = Double.sin(w * t)
            let cs = Double.cos(w * t)
            let a = sn / w
            let b = (1 - cs) / w
            m[0] += a * vx - b * vy
            m[1] += b * vx + a * vy
            m[2] = cs * vx - sn * vy
            m[3] = sn * vx + cs * vy
            f[0, 2] = a
            f[0, 3] = -b
            f[1, 2] = b
            f[1, 3] = a
            f[2, 2] = cs
            f[2, 3] = -sn
            f[3, 2] = sn
            f[3, 3] = cs
            let da = (t * cs - a) / w
            let db = (t * sn - b) / w
            f[0, 4] = da * vx - db * vy
            f[1, 4] = db * vx + da * vy
            f[2, 4] = -t * sn * vx - t * cs * vy
            f[3, 4] = t * cs * vx - t * sn * vy
        }
        var out = TurnState(mean: m, covariance: s.covariance.congruence(by: f))
        addNoise(&out.covariance, dt: dt, q: turnNoiseIntensity, qw: turnRateNoiseIntensity)
        return out
    }

    func addNoise(_ p: inout Matrix<5, 5>, dt: Double, q: Double, qw: Double) {
        let a = abs(dt)
        let q3 = q * a * a * a / 3
        let q2 = q * a * a / 2
        let q1 = q * a
        p[0, 0] += q3
        p[1, 1] += q3
        p[0, 2] += q2
        p[2, 0] += q2
        p[1, 3] += q2
        p[3, 1] += q2
        p[2, 2] += q1
        p[3, 3] += q1
        p[4, 4] += qw * a
    }

    public func predict(_ state: State, by dt: Double) -> State {
        var out = state
        var c = InlineArray<3, Double>(repeating: 0)
        for j in 0..<3 {
            var mixed = state.estimates[j]
            var weight = 0.0
            for i in 0..<3 {
                let w = transition(i, j, dt) * state.probabilities[i]
                guard w > 0 else { continue }
                mixed = weight > 0 ? TurnState.collapse(mixed, weight, state.estimates[i], w) : state.estimates[i]
                weight += w
            }
            c[j] = weight
            switch j {
            case 0: out.estimates[j] = predictCV(mixed, by: dt, q: quietNoiseIntensity)
            case 1: out.estimates[j] = predictCT(mixed, by: dt)
            default: out.estimates[j] = predictCV(mixed, by: dt, q: manoeuvreNoiseIntensity)
            }
        }
        let total = c[0] + c[1] + c[2]
        for j in 0..<3 { out.probabilities[j] = c[j] / total }
        return out
    }

    public func estimate(_ state: State) -> PlaneState {
        var e = state.estimates[0]
        var weight = state.probabilities[0]
        for j in 1..<3 where state.probabilities[j] > 0 {
            e = TurnState.collapse(e, weight, state.estimates[j], state.probabilities[j])
            weight += state.probabilities[j]
        }
        return e.plane
    }

    public func update(_ predicted: State, with measurement: PlanePositionMeasurement) -> State? {
        var out = predicted
        var logL = InlineArray<3, Double>(repeating: 0)
        var best = -Double.infinity
        for j in 0..<3 {
            guard let u = predicted.estimates[j].updated(with: measurement) else { return nil }
            out.estimates[j] = u.state
            logL[j] = -0.5 * u.d2 - 0.5 * Double.log(u.detS)
            best = Swift.max(best, logL[j])
        }
        var total = 0.0
        for j in 0..<3 {
            out.probabilities[j] = predicted.probabilities[j] * Double.exp(Swift.max(logL[j] - best, -700))
            total += out.probabilities[j]
        }
        guard total > 0, total.isFinite else { return nil }
        var renormalise = 0.0
        for j in 0..<3 {
            out.probabilities[j] = Swift.max(out.probabilities[j] / total, 1e-6)
            renormalise += out.probabilities[j]
        }
        for j in 0..<3 { out.probabilities[j] /= renormalise }
        return out
    }

    /// PDA update: each mode takes its most heavily weighted measurement's Kalman update blended with the
    /// prediction by the total detection weight (a simplification of the full mixture; JPDA with this filter).
    public func update(
        _ predicted: State,
        with measurements: UnsafeBufferPointer<PlanePositionMeasurement>,
        weights: UnsafeBufferPointer<Double>,
        missWeight: Double
    ) -> State? {
        var out = predicted
        for j in 0..<3 {
            var acc = predicted.estimates[j]
            var accWeight = missWeight
            for i in 0..<measurements.count where weights[i] > 0 {
                guard let u = predicted.estimates[j].updated(with: measurements[i]) else { return nil }
                acc = accWeight > 0 ? TurnState.collapse(acc, accWeight, u.state, weights[i]) : u.state
                accWeight += weights[i]
            }
            out.estimates[j] = acc
        }
        return out
    }
}
