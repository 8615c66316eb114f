import SkyMath
import RealModule

/// The interacting multiple model (IMM) filter with two nearly-constant-velocity modes: a quiet mode for
/// straight flight and a manoeuvre mode with a high acceleration noise for turns, accelerations and
/// level changes' horizontal components.
///
/// Bar-Shalom, Li & Kirubarajan 2001, §11.6.6 (IMM estimator), one cycle:
/// ```
/// cⱼ = Σᵢ πᵢⱼ μᵢ,   μᵢ|ⱼ = πᵢⱼ μᵢ / cⱼ                       (mixing probabilities)
/// x⁰ⱼ = Σᵢ μᵢ|ⱼ xᵢ,  P⁰ⱼ = Σᵢ μᵢ|ⱼ (Pᵢ + (xᵢ − x⁰ⱼ)(xᵢ − x⁰ⱼ)ᵀ)
/// x⁻ⱼ, P⁻ⱼ = CVⱼ prediction of (x⁰ⱼ, P⁰ⱼ)
/// Λⱼ = N(νⱼ; 0, Sⱼ),  μⱼ = Λⱼ cⱼ / Σₖ Λₖ cₖ                  (mode probabilities)
/// ```
/// The mode switching is a continuous-time Markov chain, so that irregular multi-radar revisits get the
/// right transition probabilities: with rates `λ₀₁` (quiet → manoeuvre) and `λ₁₀`,
/// `π₀₁(Δt) = λ₀₁/(λ₀₁ + λ₁₀) · (1 − e^{−(λ₀₁+λ₁₀)Δt})` and likewise `π₁₀`.
public struct IMMFilter: TrackFilter {
    /// The quiet (mode 0) model.
    public var quiet: ConstantVelocityModel
    /// The manoeuvre (mode 1) model.
    public var manoeuvre: ConstantVelocityModel
    /// Rate of switching quiet → manoeuvre, 1/s (the inverse of the mean time between manoeuvres).
    public var quietToManoeuvreRate: Double
    /// Rate of switching manoeuvre → quiet, 1/s (the inverse of the mean manoeuvre duration).
    public var manoeuvreToQuietRate: Double
    /// Initial probability of the manoeuvre mode at initiation.
    public var initialManoeuvreProbability: Double

    /// An IMM filter.
    /// - Parameters:
    ///   - quietNoiseIntensity: q of the quiet CV mode, m²/s³.
    ///   - manoeuvreNoiseIntensity: q of the manoeuvre CV mode, m²/s³.
    ///   - quietToManoeuvreRate: 1/s.
    ///   - manoeuvreToQuietRate: 1/s.
    ///   - initialManoeuvreProbability: 0…1.
    public init(
        quietNoiseIntensity: Double, manoeuvreNoiseIntensity: Double, quietToManoeuvreRate: Double,
        manoeuvreToQuietRate: Double, initialManoeuvreProbability: Double = 0.2
    ) {
        quiet = ConstantVelocityModel(noiseIntensity: quietNoiseIntensity)
        manoeuvre = ConstantVelocityModel(noiseIntensity: manoeuvreNoiseIntensity)
        self.quietToManoeuvreRate = quietToManoeuvreRate
        self.manoeuvreToQuietRate = manoeuvreToQuietRate
        self.initialManoeuvreProbability = initialManoeuvreProbability
    }

    /// Per-track IMM state: one Gaussian per mode and the mode probabilities.
    @frozen
    public struct State: Sendable, BitwiseCopyable {
        /// Mode 0 (quiet) conditional estimate.
        public var quiet: PlaneState
        /// Mode 1 (manoeuvre) conditional estimate.
        public var manoeuvre: PlaneState
        /// Probability of the manoeuvre mode; the quiet mode has `1 − manoeuvreProbability`.
        public var manoeuvreProbability: Double
    }

    public func initiate(_ measurement: PlanePositionMeasurement, velocitySigma: Double) -> State {
        let s = KalmanFilter(model: quiet).initiate(measurement, velocitySigma: velocitySigma)
        return State(quiet: s, manoeuvre: s, manoeuvreProbability: initialManoeuvreProbability)
    }

    /// Transition probabilities `(π₀₁, π₁₀)` over `dt` seconds.
    func switching(_ dt: Double) -> (Double, Double) {
        let total = quietToManoeuvreRate + manoeuvreToQuietRate
        guard total > 0 else { return (0, 0) }
        let e = 1 - Double.exp(-total * abs(dt))
        return (quietToManoeuvreRate / total * e, manoeuvreToQuietRate / total * e)
    }

    public func predict(_ state: State, by dt: Double) -> State {
        let (p01, p10) = switching(dt)
        let mu0 = 1 - state.manoeuvreProbability, mu1 = state.manoeuvreProbability
        let c0 = (1 - p01) * mu0 + p10 * mu1
        let c1 = p01 * mu0 + (1 - p10) * mu1
        // Mixing: mode 0 receives (1 − p01)·μ0 from itself and p10·μ1 from mode 1; mode 1 symmetric.
        let x00 = mixed(state.quiet, (1 - p01) * mu0, state.manoeuvre, p10 * mu1)
        let x01 = mixed(state.quiet, p01 * mu0, state.manoeuvre, (1 - p10) * mu1)
        return State(
            quiet: quiet.predict(x00, by: dt), manoeuvre: manoeuvre.predict(x01, by: dt),
            manoeuvreProbability: c1 / (c0 + c1))
    }

    func mixed(_ a: PlaneState, _ wa: Double, _ b: PlaneState, _ wb: Double) -> PlaneState {
        if wb <= 0 { return a }
        if wa <= 0 { return b }
        return PlaneState.collapse(a, wa, b, wb)
    }

    public func estimate(_ state: State) -> PlaneState {
        mixed(state.quiet, 1 - state.manoeuvreProbability, state.manoeuvre, state.manoeuvreProbability)
    }

    public func update(_ predicted: State, with measurement: PlanePositionMeasurement) -> State? {
        guard let u0 = predicted.quiet.updated(with: measurement),
            let u1 = predicted.manoeuvre.updated(with: measurement)
        else { return nil }
        // Λ₁/Λ₀ in the log domain, so that far-off plots do not underflow both likelihoods to zero.
        let logRatio = -0.5 * (u1.d2 - u0.d2) - 0.5 * Double.log(u1.detS / u0.detS)
        return State(
            quiet: u0.state, manoeuvre: u1.state,
            manoeuvreProbability: Self.posterior(prior: predicted.manoeuvreProbability, logLikelihoodRatio: logRatio))
    }

    public func update(
        _ predicted: State, with measurements: UnsafeBufferPointer<PlanePositionMeasurement>,
        weights: UnsafeBufferPointer<Double>, missWeight: Double
    ) -> State? {
        guard
            let u0 = PlaneState.pdaUpdate(
                predicted.quiet, measurements: measurements, weights: weights, missWeight: missWeight),
            let u1 = PlaneState.pdaUpdate(
                predicted.manoeuvre, measurements: measurements, weights: weights, missWeight: missWeight)
        else { return nil }
        var mu = predicted.manoeuvreProbability
        // Mode likelihoods from the weighted detections only (the miss hypothesis is mode independent);
        // IMM-PDA after Bar-Shalom, Li & Kirubarajan 2001, §11.7.
        if u0.likelihood > 0, u1.likelihood > 0 {
            mu = Self.posterior(prior: mu, logLikelihoodRatio: Double.log(u1.likelihood / u0.likelihood))
        }
        return State(quiet: u0.state, manoeuvre: u1.state, manoeuvreProbability: mu)
    }

    /// `μ₁ = c₁Λ₁ / (c₀Λ₀ + c₁Λ₁)` from the prior `c₁` and `log(Λ₁/Λ₀)`, clamped to [1e-6, 1 − 1e-6] so that
    /// neither mode is ever switched off for good.
    static func posterior(prior: Double, logLikelihoodRatio: Double) -> Double {
        let r = Swift.min(Swift.max(logLikelihoodRatio, -700), 700)
        let odds = prior / (1 - prior) * Double.exp(r)
        let mu = odds / (1 + odds)
        return Swift.min(Swift.max(mu.isFinite ? mu : 1, 1e-6), 1 - 1e-6)
    }
}
