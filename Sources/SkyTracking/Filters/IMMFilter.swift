import RealModule
import SkyMath

/// The interacting multiple model (IMM) filter with up to six modes on the plane: nearly-constant velocity
/// (quiet), coordinated turns left and right, and a high-noise manoeuvre mode.
///
/// A turn mode has either a fixed turn rate ω or a fixed lateral (centripetal) acceleration `a`, the quantity
/// an aircraft's bank angle φ sets (`a = g tan φ`, whatever its speed): its turn rate is then `ω = a / v` with
/// `v` the speed of the mixed estimate entering the prediction (at least ``minimumTurnSpeed`` and the velocity's
/// own σ, so that a young track's turn modes stay gentle), held fixed
/// over the step so that the prediction stays linear; the mode's noise intensity covers the neglected
/// dependence of ω on the velocity. A 1.5 m/s² mode turns an airliner at 230 m/s at 0.37 °/s and a light
/// aircraft at 60 m/s at 1.4 °/s, where fixed-rate modes fit one speed only.
///
/// Bar-Shalom, Li & Kirubarajan 2001, §11.6.6 (IMM estimator), one cycle:
/// ```
/// cⱼ = Σᵢ πᵢⱼ μᵢ,   μᵢ|ⱼ = πᵢⱼ μᵢ / cⱼ                       (mixing probabilities)
/// x⁰ⱼ = Σᵢ μᵢ|ⱼ xᵢ,  P⁰ⱼ = Σᵢ μᵢ|ⱼ (Pᵢ + (xᵢ − x⁰ⱼ)(xᵢ − x⁰ⱼ)ᵀ)
/// x⁻ⱼ, P⁻ⱼ = model ⱼ prediction of (x⁰ⱼ, P⁰ⱼ)
/// Λⱼ = N(νⱼ; 0, Sⱼ),  μⱼ = Λⱼ cⱼ / Σₖ Λₖ cₖ                  (mode probabilities)
/// ```
/// Mode switching is a continuous-time Markov chain so that irregular multi-radar revisits get consistent
/// transition probabilities: the quiet mode 0 leaves at rate `λ` (shared equally by the other modes), every
/// other mode returns to mode 0 at rate `μ`; over Δt, `πᵢᵢ = e^{−rᵢΔt}` and `πᵢⱼ = (1 − e^{−rᵢΔt}) rᵢⱼ / rᵢ`.
public struct IMMFilter: TrackFilter {
    /// The largest number of modes.
    public static let maximumModes = 6

    /// Speed below which a lateral-acceleration mode's turn rate stops growing, m/s (a 4 m/s² mode then turns
    /// at most 0.4 rad/s ≈ 23 °/s, a small drone's tight turn).
    public static let minimumTurnSpeed = 10.0

    /// One mode: constant velocity, a coordinated turn at a fixed rate, or a coordinated turn at a fixed
    /// lateral acceleration.
    public struct Mode: Sendable, Hashable {
        /// Turn rate, rad/s (0 = constant velocity; positive = left, counter-clockwise). Ignored when
        /// `lateralAcceleration` is not 0.
        public var turnRate: Double
        /// Lateral (centripetal) acceleration, m/s² (positive = left); 0 for a fixed-rate or CV mode.
        public var lateralAcceleration: Double
        /// Acceleration noise intensity, m²/s³.
        public var noiseIntensity: Double

        /// A mode.
        public init(turnRate: Double = 0, lateralAcceleration: Double = 0, noiseIntensity: Double) {
            self.turnRate = turnRate
            self.lateralAcceleration = lateralAcceleration
            self.noiseIntensity = noiseIntensity
        }
    }

    /// The modes (mode 0 is the quiet mode).
    public let modes: [Mode]
    private let modeCount: Int
    private let models: InlineArray<6, CoordinatedTurnModel>
    private let lateralAccelerations: InlineArray<6, Double>
    /// Rate of leaving the quiet mode, 1/s.
    public var leaveQuietRate: Double
    /// Rate of returning to the quiet mode from any other, 1/s.
    public var returnToQuietRate: Double

    /// An IMM filter over `modes` (1…6; mode 0 is the quiet mode).
    /// - Parameters:
    ///   - leaveQuietRate: 1/s, inverse of the mean time between manoeuvres.
    ///   - returnToQuietRate: 1/s, inverse of the mean manoeuvre duration.
    public init(modes: [Mode], leaveQuietRate: Double, returnToQuietRate: Double) {
        precondition((1...Self.maximumModes).contains(modes.count), "IMMFilter: 1…6 modes")
        self.modes = modes
        modeCount = modes.count
        var m = InlineArray<6, CoordinatedTurnModel>(repeating: CoordinatedTurnModel(turnRate: 0, noiseIntensity: 0))
        for (i, mode) in modes.enumerated() {
            m[i] = CoordinatedTurnModel(turnRate: mode.turnRate, noiseIntensity: mode.noiseIntensity)
        }
        models = m
        var a = InlineArray<6, Double>(repeating: 0)
        for (i, mode) in modes.enumerated() { a[i] = mode.lateralAcceleration }
        lateralAccelerations = a
        self.leaveQuietRate = leaveQuietRate
        self.returnToQuietRate = returnToQuietRate
    }

    /// The two-mode CV/CV IMM: a quiet mode and a high-noise manoeuvre mode.
    public init(
        quietNoiseIntensity: Double,
        manoeuvreNoiseIntensity: Double,
        quietToManoeuvreRate: Double,
        manoeuvreToQuietRate: Double
    ) {
        self.init(
            modes: [Mode(noiseIntensity: quietNoiseIntensity), Mode(noiseIntensity: manoeuvreNoiseIntensity)],
            leaveQuietRate: quietToManoeuvreRate,
            returnToQuietRate: manoeuvreToQuietRate
        )
    }

    /// Per-track IMM state: one Gaussian per mode and the mode probabilities.
    @frozen
    public struct State: Sendable, BitwiseCopyable {
        /// Mode-conditional estimates.
        public var estimates: InlineArray<6, PlaneState>
        /// Mode probabilities (sum 1 over the filter's modes).
        public var probabilities: InlineArray<6, Double>

        /// Probability of any mode other than the quiet mode 0.
        public var manoeuvreProbability: Double { 1 - probabilities[0] }
    }

    public func initiate(_ measurement: PlanePositionMeasurement, velocitySigma: Double) -> State {
        let s = KalmanFilter(model: ConstantVelocityModel(noiseIntensity: 0))
            .initiate(measurement, velocitySigma: velocitySigma)
        // Start mostly quiet, with some weight on every manoeuvre mode.
        let p: InlineArray<6, Double> = ModeSwitching.initialProbabilities(modeCount: modeCount)
        return State(estimates: InlineArray(repeating: s), probabilities: p)
    }

    /// Transition probability πᵢⱼ over `dt`.
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

    public func predict(_ state: State, by dt: Double) -> State {
        var out = state
        var c = InlineArray<6, Double>(repeating: 0)
        for j in 0..<modeCount {
            var mixed = state.estimates[j]
            var weight = 0.0
            for i in 0..<modeCount {
                let w = transition(i, j, dt) * state.probabilities[i]
                guard w > 0 else { continue }
                mixed = weight > 0 ? PlaneState.collapse(mixed, weight, state.estimates[i], w) : state.estimates[i]
                weight += w
            }
            c[j] = weight
            let lateral = lateralAccelerations[j]
            if lateral != 0 {
                // The speed, but not below the velocity's own uncertainty: a young track's turn modes stay gentle.
                let speed = (mixed.mean[2] * mixed.mean[2] + mixed.mean[3] * mixed.mean[3]).squareRoot()
                let velocitySigma = (mixed.covariance[2, 2] + mixed.covariance[3, 3]).squareRoot()
                let turn = CoordinatedTurnModel(
                    turnRate: lateral / Swift.max(speed, velocitySigma, Self.minimumTurnSpeed),
                    noiseIntensity: models[j].noiseIntensity
                )
                out.estimates[j] = turn.predict(mixed, by: dt)
            } else {
                out.estimates[j] = models[j].predict(mixed, by: dt)
            }
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
            e =
                weight > 0
                ? PlaneState.collapse(e, weight, state.estimates[j], state.probabilities[j]) : state.estimates[j]
            weight += state.probabilities[j]
        }
        return e
    }

    public func update(_ predicted: State, with measurement: PlanePositionMeasurement) -> State? {
        var out = predicted
        var logLikelihood = InlineArray<6, Double>(repeating: 0)
        var best = -Double.infinity
        for j in 0..<modeCount {
            guard let u = predicted.estimates[j].updated(with: measurement) else { return nil }
            out.estimates[j] = u.state
            logLikelihood[j] = -0.5 * u.d2 - 0.5 * Double.log(u.detS)
            best = Swift.max(best, logLikelihood[j])
        }
        // Likelihoods relative to the best mode, so that far-off plots do not underflow all of them.
        return normalised(out, logLikelihood: logLikelihood, best: best)
    }

    public func update(
        _ predicted: State,
        with measurements: UnsafeBufferPointer<PlanePositionMeasurement>,
        weights: UnsafeBufferPointer<Double>,
        missWeight: Double
    ) -> State? {
        var out = predicted
        var logLikelihood = InlineArray<6, Double>(repeating: 0)
        var best = -Double.infinity
        var informative = true
        for j in 0..<modeCount {
            guard
                let u = PlaneState.pdaUpdate(
                    predicted.estimates[j],
                    measurements: measurements,
                    weights: weights,
                    missWeight: missWeight
                )
            else { return nil }
            out.estimates[j] = u.state
            // Mode likelihoods from the weighted detections (the miss hypothesis is mode independent);
            // IMM-PDA after Bar-Shalom, Li & Kirubarajan 2001, §11.7.
            if u.likelihood > 0 {
                logLikelihood[j] = Double.log(u.likelihood)
                best = Swift.max(best, logLikelihood[j])
            } else {
                informative = false
            }
        }
        return informative ? normalised(out, logLikelihood: logLikelihood, best: best) : out
    }

    /// `μⱼ ∝ cⱼ Λⱼ`, floored at 1e-6 so that no mode is switched off for good.
    private func normalised(_ state: State, logLikelihood: InlineArray<6, Double>, best: Double) -> State {
        var out = state
        var total = 0.0
        for j in 0..<modeCount {
            let v = state.probabilities[j] * Double.exp(Swift.max(logLikelihood[j] - best, -700))
            out.probabilities[j] = v
            total += v
        }
        guard total > 0, total.isFinite else { return state }
        var renormalise = 0.0
        for j in 0..<modeCount {
            out.probabilities[j] = Swift.max(out.probabilities[j] / total, 1e-6)
            renormalise += out.probabilities[j]
        }
        for j in 0..<modeCount { out.probabilities[j] /= renormalise }
        return out
    }
}
