public import SkyGeodesy
public import SkyMath
public import SkyModel

/// Online estimation of the radars' biases (``RadarBias``) from the system's own data: windowed, robust,
/// weighted least squares re-solved every few scans.
///
/// **Data.** *Absolute* observations pair a radar plot with a reference position of the same target at the plot
/// time: an ADS-B-fused track of the same Mode S address, weighted by its NACp
/// (``addReference(plot:reference:velocity:referenceSigmaMetres:)``). *Relative* observations pair the plots of
/// one target by two radars (``addCommonTarget(_:_:heightMetres:velocity:)``); without any ADS-B, radars marked
/// `reference` fix the absolute frame (their biases are held at zero while they have no absolute data).
///
/// **Estimator.** All radars' biases `b` (4 per radar) are solved jointly from the observations of the last
/// ``RegistrationConfiguration/windowSeconds``, every ``RegistrationConfiguration/solveIntervalSeconds`` of data:
/// ```
/// b̂ = argmin Σ_k w_k (z_k − H_k b)ᵀ W_k (z_k − H_k b) + bᵀ P₀⁻¹ b
/// (Σ w_k H_kᵀ W_k H_k + P₀⁻¹) b̂ = Σ w_k H_kᵀ W_k z_k,      cov(b̂) = (Σ w_k H_kᵀ W_k H_k + P₀⁻¹)⁻¹
/// ```
/// This is the least-squares registration of Zhou, Leung & Yip ("An exact maximum likelihood registration
/// algorithm for data fusion", IEEE Trans. Signal Processing 45(6), 1997) linearised in the (small) biases, with
/// the model of Fischer, Muehe & Cameron (1980) and a diffuse prior `P₀` (``RegistrationConfiguration/priorSigma``)
/// that keeps the normal matrix invertible: a component the data do not determine keeps (almost) its prior σ and
/// is reported **unobservable**, never given a value. The weights `w_k` are Huber's (iteratively reweighted from
/// the previous solution), and an observation outside the chi-square gate is rejected (a spoofed or
/// mis-associated ADS-B report).
///
/// **Jumps.** After each solution a generalized likelihood ratio test (Willsky & Jones 1976) asks, per radar,
/// whether its residuals of the last ``RegistrationConfiguration/jumpWindowSeconds`` call for a bias change `δ`:
/// ```
/// s = Σ_recent w Hᵀ W r,   N = Σ_recent w Hᵀ W H,   λ = sᵀ (N + P₀⁻¹)⁻¹ s  ~ χ²(4) without a jump
/// ```
/// Above ``RegistrationConfiguration/jumpThreshold`` the radar's older observations are discarded and its biases
/// re-estimated from the new data.
public struct BiasEstimator: Sendable {
    /// The parameters.
    public let configuration: RegistrationConfiguration
    /// The current estimates, one per radar in the order added.
    public internal(set) var estimates: [RadarRegistrationEstimate] = []
    /// Observations in the window.
    public var observationCount: Int { observations.count }
    /// Data time of the last solution, UNIX seconds (−∞ before the first).
    public internal(set) var lastSolveTime = -Double.infinity
    /// Whether a solution from data exists (later solves then do one reweighting iteration from it).
    var hasSolution = false
    /// Data time of the first ``update(now:)``, UNIX seconds.
    var firstSolveTime: Double?

    var observations: ContiguousArray<RegistrationObservation> = []
    /// The last solution's biases (unobservable components included), their covariance per radar (zero when
    /// pinned) and the unknowns' columns (−1: pinned), which the jump test between two solutions uses.
    var lastBiases: [SIMD4<Double>] = []
    var lastCovariance: [Matrix<4, 4>] = []
    var lastColumns: [Int] = []
    /// Each radar's convergence thresholds at the last solution (`convergenceThreshold(radar:rmsRangeMetres:rmsGroundSpeed:)`).
    var convergenceThresholds: [SIMD4<Double>] = []
    /// Data time of the last jump test, UNIX seconds.
    var lastJumpTestTime = -Double.infinity
    var radars: [RegistrationRadarGeometry] = []
    /// Observations of a radar older than this are ignored (set by a jump), UNIX seconds.
    var resetTime: [Double] = []
    var indexBySensor: [UInt16: Int] = [:]

    /// An estimator with no radars.
    public init(configuration: RegistrationConfiguration = RegistrationConfiguration()) {
        self.configuration = configuration
    }

    /// Adds a radar.
    /// - Parameters:
    ///   - sensor: its description (site and noise σ are used).
    ///   - isReference: whether it fixes the absolute frame when there is no ADS-B.
    /// - Returns: its estimator index.
    @discardableResult
    public mutating func addRadar(_ sensor: SensorDescription, isReference: Bool = false) -> Int {
        if let i = indexBySensor[sensor.id.packed] { return i }
        radars.append(
            RegistrationRadarGeometry(
                site: RadarSite(antenna: sensor.site),
                rangeVariance: sensor.rangeSigmaMetres * sensor.rangeSigmaMetres,
                azimuthVariance: sensor.azimuthSigma * sensor.azimuthSigma
            )
        )
        estimates.append(
            RadarRegistrationEstimate(
                sensor: sensor.id,
                isReference: isReference,
                priorSigma: configuration.priorSigma
            )
        )
        resetTime.append(-.infinity)
        lastBiases.append(.zero)
        lastCovariance.append(.zero)
        convergenceThresholds.append(configuration.convergedSigma)
        lastColumns.append(-1)
        indexBySensor[sensor.id.packed] = radars.count - 1
        return radars.count - 1
    }

    /// The estimator index of a radar, or `nil` when it was never added.
    public func index(of sensor: SensorID) -> Int? { indexBySensor[sensor.packed] }

    /// The estimate of a radar, or `nil` when it was never added.
    public func estimate(for sensor: SensorID) -> RadarRegistrationEstimate? {
        index(of: sensor).map { estimates[$0] }
    }

    /// The last solution's covariance of a radar's biases, in the units of ``RadarBias/vector`` (m, ppm, rad, s;
    /// zero when pinned at zero), or `nil` when the radar was never added.
    public func covariance(for sensor: SensorID) -> Matrix<4, 4>? {
        index(of: sensor).map { lastCovariance[$0] }
    }

    /// The correction to apply to a radar's plots now: its converged and significant components (zero otherwise).
    public func correction(for sensor: SensorID) -> RadarBias {
        estimate(for: sensor)?.correction(significance: configuration.significance) ?? .zero
    }

    /// Adds an absolute observation: a plot against a reference position of the same target at the plot's time.
    /// - Parameters:
    ///   - plot: the radar plot (its sensor must have been added).
    ///   - reference: the reference position at `plot.time` (ADS-B-fused track), height = the plot's Mode C height.
    ///   - velocity: the reference velocity, ENU at the reference, m/s.
    ///   - referenceSigmaMetres: the reference's per-axis horizontal σ (from NACp), m.
    /// - Returns: whether the observation was kept.
    @discardableResult
    public mutating func addReference(
        plot: RadarPlot,
        reference: GeodeticPosition,
        velocity: ENUVector,
        referenceSigmaMetres: Double
    ) -> Bool {
        guard let i = index(of: plot.sensor), plot.time >= resetTime[i] else { return false }
        let g = radars[i]
        guard
            let o = RegistrationObservation.absolute(
                radar: i,
                site: g.site,
                rangeSigmaMetres: g.rangeVariance.squareRoot(),
                azimuthSigma: g.azimuthVariance.squareRoot(),
                plot: plot,
                reference: reference,
                velocity: velocity,
                referenceSigmaMetres: referenceSigmaMetres
            )
        else { return false }
        append(o)
        return true
    }

    /// Adds a relative observation: two radars' plots of one target (`a.sensor ≠ b.sensor`), a few seconds apart.
    /// - Parameters:
    ///   - heightMetres: the target's height (Mode C), m.
    ///   - velocity: the target's velocity, ENU at the target, m/s (moves plot `b` to `a`'s time).
    /// - Returns: whether the observation was kept.
    @discardableResult
    public mutating func addCommonTarget(
        _ a: RadarPlot,
        _ b: RadarPlot,
        heightMetres: Double,
        velocity: ENUVector
    ) -> Bool {
        addCommonTarget(a, b, heightMetres: heightMetres, velocityAt: { _ in velocity })
    }

    /// ``addCommonTarget(_:_:heightMetres:velocity:)`` with the velocity asked for at the target position that
    /// plot `a` gives (ENU there, m/s): a caller holding the velocity in another frame converts it at a position
    /// computed anyway.
    @discardableResult
    public mutating func addCommonTarget(
        _ a: RadarPlot,
        _ b: RadarPlot,
        heightMetres: Double,
        velocityAt: (GeodeticPosition) -> ENUVector
    ) -> Bool {
        guard let ia = index(of: a.sensor), let ib = index(of: b.sensor), ia != ib,
            a.time >= resetTime[ia], b.time >= resetTime[ib],
            let o = RegistrationObservation.relative(
                radarA: ia,
                geometryA: radars[ia],
                plotA: a,
                radarB: ib,
                geometryB: radars[ib],
                plotB: b,
                heightMetres: heightMetres,
                velocityAt: velocityAt
            )
        else { return false }
        append(o)
        return true
    }

    /// Adds a prepared observation (its radar indices must be valid).
    public mutating func add(_ observation: RegistrationObservation) {
        precondition(Int(observation.radarA) < radars.count && Int(observation.radarB) < radars.count)
        append(observation)
    }

    private mutating func append(_ o: RegistrationObservation) {
        if observations.count >= configuration.maximumObservations {
            observations.removeFirst(observations.count / 10)
        }
        observations.append(o)
    }

    /// Re-solves when ``RegistrationConfiguration/solveIntervalSeconds`` of data time have passed; in the first
    /// ``RegistrationConfiguration/startupSeconds`` of data, every ``RegistrationConfiguration/startupSolveIntervalSeconds``
    /// while a radar with observations has not converged (so that corrections start before the first tracks
    /// confirm on biased plots); once settled (``isSettled``: every radar with data has converged or cannot converge
    /// soon) and past ``RegistrationConfiguration/considerSeconds``, every
    /// ``RegistrationConfiguration/settledSolveIntervalSeconds``, with the jump test alone in between.
    /// - Parameter now: the current data time, UNIX seconds.
    /// - Returns: whether it solved (a detected jump re-solves).
    @discardableResult
    public mutating func update(now: Double) -> Bool {
        let c = configuration
        if firstSolveTime == nil { firstSolveTime = now }
        var interval = c.solveIntervalSeconds
        if now - (firstSolveTime ?? now) < c.startupSeconds, observations.count <= c.startupMaximumObservations,
            estimates.contains(where: { !$0.converged && !$0.isPinned && $0.observations > 0 })
                || observations.count > 0 && estimates.allSatisfy({ $0.observations == 0 })
        {
            interval = Swift.min(interval, c.startupSolveIntervalSeconds)
        } else if isSettled, now - (firstSolveTime ?? now) >= c.considerSeconds {
            interval = Swift.max(interval, c.settledSolveIntervalSeconds)
        }
        if now - lastSolveTime >= interval {
            solve(now: now)
            return true
        }
        guard hasSolution, now - lastJumpTestTime >= c.solveIntervalSeconds else { return false }
        return detectJumps(biases: lastBiases, column: lastColumns, covariance: lastCovariance, now: now)
    }

    /// Whether every radar with data has converged (pinned references count as converged) or cannot converge
    /// within the next ``RegistrationConfiguration/settledSolveIntervalSeconds``: a component that has not
    /// converged has a σ more than twice its threshold (σ falls as 1/√data, so halving it takes four times the
    /// window's data — the time offset of radars without ADS-B or moving common targets, for instance).
    var isSettled: Bool {
        guard hasSolution else { return false }
        return estimates.indices.allSatisfy { i in
            let e = estimates[i]
            if e.isPinned || e.observations == 0 || e.converged { return true }
            let sigma = e.sigma.vector
            return (0..<4).contains { k in !e.componentConverged[k] && sigma[k] > 2 * convergenceThresholds[i][k] }
        }
    }
}
