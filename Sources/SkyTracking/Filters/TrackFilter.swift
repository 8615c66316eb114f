public import RealModule
public import SkyMath

/// A recursive estimator of one object's horizontal state on the system plane (Stone Soup's *Predictor* and
/// *Updater* in one value type).
///
/// The tracker is generic over its filter (`Tracker<Filter, Associator>`), so calls are specialised: `State` is a
/// trivially copyable value kept inline in the track table, and nothing here allocates.
public protocol TrackFilter: Sendable {
    /// The per-track filter state (e.g. one Gaussian, or one per IMM mode plus the mode probabilities).
    associatedtype State: Sendable, BitwiseCopyable

    /// The state after a first plot: the plot position and covariance, zero velocity with standard deviation
    /// `velocitySigma` (m/s) per axis (single-point initiation; the second plot then gives the velocity).
    func initiate(_ measurement: PlanePositionMeasurement, velocitySigma: Double) -> State

    /// The prediction of `state` over `dt` seconds.
    func predict(_ state: State, by dt: Double) -> State

    /// The moment-matched Gaussian estimate of `state` (for gating, display and output).
    func estimate(_ state: State) -> PlaneState

    /// The update of the predicted state with one position measurement.
    ///
    /// - Returns: the posterior, or `nil` when the innovation covariance is not positive definite
    ///   (numerical failure; the tracker then drops the track and counts the event).
    func update(_ predicted: State, with measurement: PlanePositionMeasurement) -> State?

    /// The probabilistic-data-association update (Bar-Shalom & Tse 1975): the posterior mixture over
    /// "measurement i is the object's" (weight `weights[i]`) and "none is" (`missWeight`), collapsed to
    /// its first two moments. Weights sum to 1.
    ///
    /// - Returns: `nil` on numerical failure.
    func update(
        _ predicted: State,
        with measurements: UnsafeBufferPointer<PlanePositionMeasurement>,
        weights: UnsafeBufferPointer<Double>,
        missWeight: Double
    ) -> State?
}

extension PlaneState {
    /// The Kalman update with a position measurement (`H = [I₂ 0]`, Joseph form), with the innovation statistics;
    /// see ``positionUpdate(mean:covariance:with:)``.
    /// - Returns: the posterior, `νᵀS⁻¹ν` and `det S` (m⁴); `nil` when `S` is not positive definite.
    @inlinable
    public func updated(with m: PlanePositionMeasurement) -> (state: PlaneState, d2: Double, detS: Double)? {
        guard let u = positionUpdate(mean: mean, covariance: covariance, with: m) else { return nil }
        return (PlaneState(mean: u.mean, covariance: u.covariance), u.d2, u.detS)
    }

    /// The squared Mahalanobis distance of a position measurement and `det S`, without updating.
    @inlinable
    public func innovation(of m: PlanePositionMeasurement) -> (d2: Double, detS: Double)? {
        let p = covariance
        let s00 = p[0, 0] + m.covariance[0, 0]
        let s01 = p[0, 1] + m.covariance[0, 1]
        let s11 = p[1, 1] + m.covariance[1, 1]
        let det = s00 * s11 - s01 * s01
        guard det > 0, det.isFinite, s00 > 0 else { return nil }
        let n0 = m.position[0] - mean[0]
        let n1 = m.position[1] - mean[1]
        return ((s11 * n0 * n0 - 2 * s01 * n0 * n1 + s00 * n1 * n1) / det, det)
    }

    /// The Gaussian likelihood `N(ν; 0, S) = exp(−d²/2) / (2π √det S)`, m⁻².
    @inlinable
    public static func likelihood(d2: Double, detS: Double) -> Double {
        Double.exp(-0.5 * d2) / (2 * Double.pi * detS.squareRoot())
    }

    /// The moment-matched collapse of a Gaussian mixture `Σ wᵢ N(xᵢ, Pᵢ)` (weights sum to 1):
    /// `x̄ = Σ wᵢxᵢ`, `P̄ = Σ wᵢ (Pᵢ + (xᵢ − x̄)(xᵢ − x̄)ᵀ)`.
    @inlinable
    public static func collapse(_ a: PlaneState, _ wa: Double, _ b: PlaneState, _ wb: Double) -> PlaneState {
        let c = momentMatched(a.mean, a.covariance, wa, b.mean, b.covariance, wb)
        return PlaneState(mean: c.mean, covariance: c.covariance)
    }
}
