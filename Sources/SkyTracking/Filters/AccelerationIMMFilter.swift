import RealModule
public import SkyMath

/// A Gaussian over `[x, y, vx, vy, ax, ay]` on the system plane (metres, m/s, m/s²).
@frozen
public struct AccelerationState: Sendable, BitwiseCopyable {
    /// Mean `[x, y, vx, vy, ax, ay]`.
    public var mean: Vector<6>
    /// Covariance (m², m²/s, m²/s², m²/s³, m²/s⁴ terms).
    public var covariance: Matrix<6, 6>

    /// The horizontal marginal `[x, y, vx, vy]`.
    var plane: PlaneState { planeMarginal(mean: mean, covariance: covariance) }

    /// Kalman update with a position measurement (`H = [I₂ 0]`, Joseph form; ``positionUpdate(mean:covariance:with:)``):
    /// the posterior, `νᵀS⁻¹ν` and `det S` (m⁴), or `nil` when `S` is not positive definite.
    func updated(with m: PlanePositionMeasurement) -> (state: AccelerationState, d2: Double, detS: Double)? {
        guard let u = positionUpdate(mean: mean, covariance: covariance, with: m) else { return nil }
        return (AccelerationState(mean: u.mean, covariance: u.covariance), u.d2, u.detS)
    }

    /// Moment-matched collapse of two weighted Gaussians.
    static func collapse(
        _ a: AccelerationState,
        _ wa: Double,
        _ b: AccelerationState,
        _ wb: Double
    ) -> AccelerationState {
        let c = momentMatched(a.mean, a.covariance, wa, b.mean, b.covariance, wb)
        return AccelerationState(mean: c.mean, covariance: c.covariance)
    }
}

/// An IMM over an acceleration-augmented state `[x, y, vx, vy, ax, ay]` with up to seven modes: a quiet
/// nearly-constant-velocity mode, fixed-rate coordinated turns, a nearly-constant-acceleration mode (white jerk)
/// and a high-noise constant-velocity mode.
///
/// Why acceleration: aircraft roll into and out of turns and change speed smoothly (bank angle and thrust change at
/// finite rates), so the horizontal acceleration is continuous. A constant-velocity model lags such a manoeuvre by
/// about one revisit; the white-jerk model follows a smoothly growing acceleration (turn entry, speed change)
/// without that lag. Bar-Shalom, Li & Kirubarajan 2001, §6.2.3 (Wiener-process acceleration), §11.7.1 (coordinated
/// turn) and §11.6.6 (IMM):
/// ```
///          | I  T·I  T²/2·I |              | T⁵/20  T⁴/8  T³/6 |
/// F_CA  =  | 0   I    T·I   |   Q_CA = q_j | T⁴/8   T³/3  T²/2 | ⊗ I₂
///          | 0   0     I    |              | T³/6   T²/2   T   |
/// ```
/// The CV and CT modes are the same state with the acceleration held at zero: their prediction sets the
/// acceleration mean to 0 and its covariance to `σ₀² I` (uncorrelated), the prior an onset of manoeuvre starts
/// from, so that mixing from them into the CA mode gives the CA mode room to pick up a new acceleration at once.
/// Mode switching is the continuous-time Markov chain of ``IMMFilter`` (transition probabilities from rates in
/// 1/s over the actual Δt, so irregular multi-radar revisits stay consistent).
public struct AccelerationIMMFilter: TrackFilter {
    /// The largest number of modes.
    public static let maximumModes = 7

    /// One motion model of the IMM.
    public enum Kind: Sendable, Hashable {
        /// Nearly constant velocity (acceleration noise intensity, m²/s³).
        case constantVelocity
        /// Coordinated turn at a fixed rate, rad/s (positive counter-clockwise), with acceleration noise.
        case coordinatedTurn(Double)
        /// Nearly constant acceleration with white jerk (noise intensity in m²/s⁵).
        case constantAcceleration
    }

    /// One mode: a motion model and its noise intensity.
    public struct Mode: Sendable, Hashable {
        /// The motion model.
        public var kind: Kind
        /// Noise intensity: m²/s³ (acceleration) for CV and CT, m²/s⁵ (jerk) for CA.
        public var noiseIntensity: Double

        /// A mode.
        public init(_ kind: Kind, noiseIntensity: Double) {
            self.kind = kind
            self.noiseIntensity = noiseIntensity
        }
    }

    /// The modes (mode 0 is the quiet mode).
    public let modes: [Mode]
    private let modeCount: Int
    private let modeTable: InlineArray<7, Mode>
    /// Standard deviation of each acceleration component at the onset of a manoeuvre, m/s².
    public var onsetAccelerationSigma: Double
    /// Rate of leaving the quiet mode, 1/s (inverse of the mean time between manoeuvres).
    public var leaveQuietRate: Double
    /// Rate of returning to the quiet mode from any other, 1/s (inverse of the mean manoeuvre duration).
    public var returnToQuietRate: Double

    /// A filter over `modes` (1…7; mode 0 is the quiet mode); see each property for units.
    public init(modes: [Mode], onsetAccelerationSigma: Double, leaveQuietRate: Double, returnToQuietRate: Double) {
        precondition((1...Self.maximumModes).contains(modes.count), "AccelerationIMMFilter: 1…7 modes")
        self.modes = modes
        modeCount = modes.count
        var table = InlineArray<7, Mode>(repeating: Mode(.constantVelocity, noiseIntensity: 0))
        for (i, m) in modes.enumerated() { table[i] = m }
        modeTable = table
        self.onsetAccelerationSigma = onsetAccelerationSigma
        self.leaveQuietRate = leaveQuietRate
        self.returnToQuietRate = returnToQuietRate
    }

    /// Per-track state: one estimate per mode and the mode probabilities.
    @frozen
    public struct State: Sendable, BitwiseCopyable {
        /// Mode-conditional estimates.
        public var estimates: InlineArray<7, AccelerationState>
        /// Mode probabilities (sum 1 over the filter's modes).
        public var probabilities: InlineArray<7, Double>
    }

    public func initiate(_ measurement: PlanePositionMeasurement, velocitySigma: Double) -> State {
        var s = AccelerationState(mean: .zero, covariance: .zero)
        s.mean[0] = measurement.position[0]
        s.mean[1] = measurement.position[1]
        for r in 0..<2 { for c in 0..<2 { s.covariance[r, c] = measurement.covariance[r, c] } }
        s.covariance[2, 2] = velocitySigma * velocitySigma
        s.covariance[3, 3] = velocitySigma * velocitySigma
        s.covariance[4, 4] = onsetAccelerationSigma * onsetAccelerationSigma
        s.covariance[5, 5] = onsetAccelerationSigma * onsetAccelerationSigma
        // Start mostly quiet, with some weight on every manoeuvre mode.
        let p: InlineArray<7, Double> = ModeSwitching.initialProbabilities(modeCount: modeCount)
        return State(estimates: InlineArray(repeating: s), probabilities: p)
    }

    /// Transition probability πᵢⱼ over `dt` (as ``IMMFilter``).
    func transition(_ i: Int, _ j: Int, _ dt: Double) -> Double {
        ModeSwitching.transition(
            i,
            j,
            dt,
            modeCount: modeCount,
            leaveQuietRate: leaveQuietRate,
            returnToQuietRate: returnToQuietRate
        )
    }

    /// CV (ω = 0) or fixed-rate CT prediction of position and velocity with acceleration noise `q`; the
    /// acceleration is reset to the onset prior.
    func predictTurn(_ s: AccelerationState, by dt: Double, turnRate w: Double, q: Double) -> AccelerationState {
        var f = Matrix<6, 6>.identity
        if abs(w * dt) > 1e-9 {
            let sn = Double.sin(w * dt)
            let cs = Double.cos(w * dt)
            f[0, 2] = sn / w
            f[0, 3] = -(1 - cs) / w
            f[1, 2] = (1 - cs) / w
            f[1, 3] = sn / w
            f[2, 2] = cs
            f[2, 3] = -sn
            f[3, 2] = sn
            f[3, 3] = cs
        } else {
            f[0, 2] = dt
            f[1, 3] = dt
        }
        f[4, 4] = 0
        f[5, 5] = 0
        var out = AccelerationState(mean: f * s.mean, covariance: s.covariance.congruence(by: f))
        let a = abs(dt)
        let q3 = q * a * a * a / 3
        let q2 = q * a * a / 2
        let q1 = q * a
        for k in 0..<2 {
            out.covariance[k, k] += q3
            out.covariance[k, k + 2] += q2
            out.covariance[k + 2, k] += q2
            out.covariance[k + 2, k + 2] += q1
            out.covariance[k + 4, k + 4] = onsetAccelerationSigma * onsetAccelerationSigma
        }
        return out
    }

    /// CA prediction with white-jerk noise of intensity `q`, m²/s⁵.
    func predictCA(_ s: AccelerationState, by dt: Double, q: Double) -> AccelerationState {
        var f = Matrix<6, 6>.identity
        for k in 0..<2 {
            f[k, k + 2] = dt
            f[k, k + 4] = 0.5 * dt * dt
            f[k + 2, k + 4] = dt
        }
        var out = AccelerationState(mean: f * s.mean, covariance: s.covariance.congruence(by: f))
        let a = abs(dt)
        let a2 = a * a
        let a3 = a2 * a
        for k in 0..<2 {
            out.covariance[k, k] += q * a3 * a2 / 20
            out.covariance[k, k + 2] += q * a2 * a2 / 8
            out.covariance[k + 2, k] += q * a2 * a2 / 8
            out.covariance[k, k + 4] += q * a3 / 6
            out.covariance[k + 4, k] += q * a3 / 6
            out.covariance[k + 2, k + 2] += q * a3 / 3
            out.covariance[k + 2, k + 4] += q * a2 / 2
            out.covariance[k + 4, k + 2] += q * a2 / 2
            out.covariance[k + 4, k + 4] += q * a
        }
        return out
    }

    /// The prediction of one mode.
    func predictMode(_ j: Int, _ s: AccelerationState, by dt: Double) -> AccelerationState {
        let m = modeTable[j]
        switch m.kind {
        case .constantVelocity: return predictTurn(s, by: dt, turnRate: 0, q: m.noiseIntensity)
        case .coordinatedTurn(let w): return predictTurn(s, by: dt, turnRate: w, q: m.noiseIntensity)
        case .constantAcceleration: return predictCA(s, by: dt, q: m.noiseIntensity)
        }
    }

    public func predict(_ state: State, by dt: Double) -> State {
        var out = state
        var c = InlineArray<7, Double>(repeating: 0)
        for j in 0..<modeCount {
            var mixed = state.estimates[j]
            var weight = 0.0
            for i in 0..<modeCount {
                let w = transition(i, j, dt) * state.probabilities[i]
                guard w > 0 else { continue }
                mixed =
                    weight > 0
                    ? AccelerationState.collapse(mixed, weight, state.estimates[i], w) : state.estimates[i]
                weight += w
            }
            c[j] = weight
            out.estimates[j] = predictMode(j, mixed, by: dt)
        }
        var total = 0.0
        for j in 0..<modeCount { total += c[j] }
        for j in 0..<modeCount { out.probabilities[j] = c[j] / total }
        return out
    }

    public func estimate(_ state: State) -> PlaneState {
        var e = state.estimates[0]
        var weight = state.probabilities[0]
        for j in 1..<modeCount where state.probabilities[j] > 0 {
            e = AccelerationState.collapse(e, weight, state.estimates[j], state.probabilities[j])
            weight += state.probabilities[j]
        }
        return e.plane
    }

    public func update(_ predicted: State, with measurement: PlanePositionMeasurement) -> State? {
        var out = predicted
        var logL = InlineArray<7, Double>(repeating: 0)
        var best = -Double.infinity
        for j in 0..<modeCount {
            guard let u = predicted.estimates[j].updated(with: measurement) else { return nil }
            out.estimates[j] = u.state
            logL[j] = -0.5 * u.d2 - 0.5 * Double.log(u.detS)
            best = Swift.max(best, logL[j])
        }
        var total = 0.0
        for j in 0..<modeCount {
            out.probabilities[j] = predicted.probabilities[j] * Double.exp(Swift.max(logL[j] - best, -700))
            total += out.probabilities[j]
        }
        guard total > 0, total.isFinite else { return nil }
        var renormalise = 0.0
        for j in 0..<modeCount {
            out.probabilities[j] = Swift.max(out.probabilities[j] / total, 1e-6)
            renormalise += out.probabilities[j]
        }
        for j in 0..<modeCount { out.probabilities[j] /= renormalise }
        return out
    }

    /// PDA update: per mode, the mixture of the prediction (weight `missWeight`) and each measurement's Kalman
    /// update (weight `weights[i]`), collapsed to two moments; mode probabilities are kept (as
    /// ``TurnRateIMMFilter``).
    public func update(
        _ predicted: State,
        with measurements: UnsafeBufferPointer<PlanePositionMeasurement>,
        weights: UnsafeBufferPointer<Double>,
        missWeight: Double
    ) -> State? {
        var out = predicted
        for j in 0..<modeCount {
            var acc = predicted.estimates[j]
            var accWeight = missWeight
            for i in 0..<measurements.count where weights[i] > 0 {
                guard let u = predicted.estimates[j].updated(with: measurements[i]) else { return nil }
                acc = accWeight > 0 ? AccelerationState.collapse(acc, accWeight, u.state, weights[i]) : u.state
                accWeight += weights[i]
            }
            out.estimates[j] = acc
        }
        return out
    }
}
