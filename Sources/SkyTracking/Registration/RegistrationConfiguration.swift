/// The parameters of sensor registration (``BiasEstimator``), with units and defaults.
public struct RegistrationConfiguration: Sendable, Hashable {
    /// Length of the sliding data window, s (observations older than this are dropped).
    public var windowSeconds = 1800.0
    /// Data time between two solutions, s ("re-solved every few scans": 60 s is 6–15 scans; a solution costs
    /// time in proportion to the window's observations, and the startup cadence below covers the first minutes).
    public var solveIntervalSeconds = 60.0
    /// The full solution's interval once the estimate is settled, s (180): every radar with data has converged,
    /// or cannot converge within this interval (a component's σ more than twice its threshold: σ falls as
    /// 1/√data, and halving it takes four times the window's data), and the first ``considerSeconds`` are over
    /// (the picture's first minutes, when each refinement narrows the plots' consider gates). The jump test
    /// (``jumpWindowSeconds``, the recent observations only) still runs every ``solveIntervalSeconds``. A settled
    /// estimate over a 30-minute window changes little in a minute, and the full solution is most of
    /// registration's cost; a jump, or a radar about to converge, brings the ``solveIntervalSeconds`` cadence
    /// back.
    public var settledSolveIntervalSeconds = 180.0
    /// During the first `startupSeconds` of data (120 s), the estimator re-solves every
    /// `startupSolveIntervalSeconds` (4 s, a scan) while a radar has data but has not converged: with dense traffic
    /// the biases are known within seconds, and correcting them before initiation confirms tracks on biased plots
    /// avoids the duplicate tracks of the first minute.
    public var startupSeconds = 120.0
    public var startupSolveIntervalSeconds = 4.0
    /// The startup cadence stops beyond this many observations in the window (a solution costs time in
    /// proportion to them; dense traffic converges well before).
    public var startupMaximumObservations = 50_000
    /// Most observations kept (the oldest are dropped beyond).
    public var maximumObservations = 400_000
    /// Diffuse prior σ of each component `(Δρ m, g ppm, Δθ rad, Δt s)`: 10 km, 10⁵ ppm, 10°, 60 s. A component
    /// whose posterior σ stays above ``unobservableFraction`` of its prior σ got (almost) no information from the
    /// data and is reported as unobservable.
    public var priorSigma = SIMD4<Double>(10_000, 100_000, 10 * Double.pi / 180, 60)
    /// See ``priorSigma``: 0.5 (the data supplied less than three times the prior's information).
    public var unobservableFraction = 0.5
    /// σ below which a component counts as converged `(m, ppm, rad, s)`: 5 m, 50 ppm, 0.005°, 10 ms: half the
    /// accuracy asked of registration (10 m, 100 ppm, 0.01°, 20 ms).
    public var convergedSigma = SIMD4<Double>(5, 50, 0.005 * Double.pi / 180, 0.010)
    /// A component also counts as converged once its σ is below this fraction of the radar's own plot noise in
    /// that component (see `BiasEstimator.convergenceThreshold`): 0.25, so that applying the estimate adds at most
    /// 1/16 to a plot's error variance. On a short or radar-only scene the absolute ``convergedSigma`` may never be
    /// reached although the estimate is already far better than no correction.
    public var convergedNoiseFraction = 0.25
    /// A converged component is applied only when `|b| > significance · σ`.
    public var significance = 3.0
    /// Huber's tuning constant on the Mahalanobis norm of a residual (2 degrees of freedom): residuals beyond
    /// it are down-weighted by `k / ‖r‖` (Huber 1981, ch. 7: iteratively reweighted least squares).
    public var huberThreshold = 3.0
    /// Chi-square gate (2 degrees of freedom) against the previous solution: beyond it an observation is
    /// rejected (spoofed or mis-associated reference). 30 ↔ a genuine observation rejected with probability
    /// `exp(−15)` ≈ 3·10⁻⁷.
    public var gateThreshold = 30.0
    /// Reweighting iterations per solution.
    public var iterations = 3
    /// Window of the jump test, s: the generalized-likelihood-ratio test of a change in one radar's biases uses
    /// the observations of the last so many seconds (Willsky & Jones 1976, "A generalized likelihood ratio
    /// approach to the detection and estimation of jumps in linear systems").
    public var jumpWindowSeconds = 60.0
    /// GLR threshold: chi-square with 4 degrees of freedom; 40 ↔ a false alarm with probability ≈ 4·10⁻⁸ per test.
    public var jumpThreshold = 40.0
    /// Geometry needed before a radar can converge: observations, occupied 30° azimuth sectors (of 12), slant
    /// range spread (m, for the gain), and RMS ground speed (m/s, moving targets for the time offset).
    public var minimumObservations = 200
    public var minimumAzimuthSectors = 3
    public var minimumRangeSpreadMetres = 30_000.0
    public var minimumRMSGroundSpeed = 30.0

    /// "Consider" covariance of the plots of a radar whose bias is not yet known, in `correct` mode (Schmidt's
    /// consider filter; Bar-Shalom, Li & Kirubarajan 2001, §7.4 "consider parameters"). Until a component of a
    /// radar's estimate has converged, its plots' measurement covariance also holds the uncertainty of what is
    /// left of that bias. While the data do not determine the component yet, that is its prior — a range offset
    /// of σ 250 m along the radar's radial direction, an azimuth offset of σ 0.15° (σ × ground range across it)
    /// — and it widens the gate only: a plot of a biased radar then gates with the track the other radars (and
    /// ADS-B) hold instead of starting a duplicate, while the update, which would otherwise slow every
    /// initiation of the first seconds (every radar is unknown before the first solution), is unchanged. Once
    /// the data determine a component, it adds what its estimate says is left (`σ² + b̂²` while the correction
    /// is not applied, `σ²` once it is; at most the prior) in the gate and in the update: a track is not
    /// confirmed on a velocity that only two radars' misalignment made. See
    /// `RadarRegistrationEstimate.considerVariances(correction:configuration:early:priors:)`. The range gain and
    /// the time offset have no prior term (250 m covers 500 ppm at 200 km plus 0.3 s at 250 m/s in the radial
    /// direction; a converged gain adds `(σ_g ρ)²`). Reference radars held at zero add nothing.
    public var considerRangeSigmaMetres = 250.0
    /// See ``considerRangeSigmaMetres``: 0.15° (in radians).
    public var considerAzimuthSigma = 0.15 * Double.pi / 180
    /// A component that has not converged this long after the start of registration (or after the radar's last
    /// bias jump) stops adding its prior term, s: 300 (five minutes of data; a radar that has not converged by then
    /// lacks the geometry, and its plots are tracked as without registration rather than with wide gates
    /// forever).
    public var considerSeconds = 300.0

    /// The defaults.
    public init() {}
}
