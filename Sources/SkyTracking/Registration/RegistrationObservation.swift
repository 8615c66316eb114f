import RealModule
public import SkyGeodesy
import SkyMath
public import SkyModel

/// One linear equation on the biases of one or two radars: the unit of data of the ``BiasEstimator``.
///
/// ```
/// z = H_a · b_a + H_b · b_b + e,     e ~ N(0, R),   W = R⁻¹
/// ```
/// with `b` the ``RadarBias/vector`` of a radar (`Δρ` m, `g` ppm, `Δθ` rad, `Δt` s), `z` a 2-vector and `H` 2×4.
/// An **absolute** observation (a plot against a reference position: ADS-B) has one radar and `z` in the radar's
/// polar frame (m, rad); a **relative** observation (two radars' plots of one target) has two and `z` in metres on
/// the local horizontal plane at the target. Trivially copyable.
@frozen
public struct RegistrationObservation: Sendable, BitwiseCopyable {
    /// Reported time of the (first) plot, UNIX seconds.
    public var time: Double
    /// Estimator indices of the radars (`radarB` is −1 for an absolute observation).
    public var radarA: Int32
    public var radarB: Int32
    /// The residual `z` (measurement minus reference).
    public var z: SIMD2<Double>
    /// `H_a`, row-major 2×4 (row 0 in lanes 0–3).
    public var jacobianA: SIMD8<Double>
    /// `H_b`, row-major 2×4 (zero for an absolute observation).
    public var jacobianB: SIMD8<Double>
    /// The information matrix `W = R⁻¹` as `(W₀₀, W₀₁, W₁₁)`.
    public var information: SIMD3<Double>
    /// Geometry of the plots for the observability checks: slant range (m) and azimuth (rad) seen by radar A and
    /// by radar B, and the target's ground speed (m/s).
    public var rangeA: Double
    public var azimuthA: Double
    public var rangeB: Double
    public var azimuthB: Double
    public var groundSpeed: Double

    /// An observation from its parts (see the type's equation).
    public init(
        time: Double,
        radarA: Int,
        radarB: Int = -1,
        z: SIMD2<Double>,
        jacobianA: SIMD8<Double>,
        jacobianB: SIMD8<Double> = .zero,
        information: SIMD3<Double>,
        rangeA: Double,
        azimuthA: Double,
        rangeB: Double = 0,
        azimuthB: Double = 0,
        groundSpeed: Double
    ) {
        self.time = time
        self.radarA = Int32(radarA)
        self.radarB = Int32(radarB)
        self.z = z
        self.jacobianA = jacobianA
        self.jacobianB = jacobianB
        self.information = information
        self.rangeA = rangeA
        self.azimuthA = azimuthA
        self.rangeB = rangeB
        self.azimuthB = azimuthB
        self.groundSpeed = groundSpeed
    }

    /// The residual `z − H_a b_a − H_b b_b` for the biases `ba` and `bb`.
    @inline(__always)
    func residual(_ ba: SIMD4<Double>, _ bb: SIMD4<Double>) -> SIMD2<Double> {
        var r = z
        r[0] -= (jacobianA.lowHalf * ba).sum() + (jacobianB.lowHalf * bb).sum()
        r[1] -= (jacobianA.highHalf * ba).sum() + (jacobianB.highHalf * bb).sum()
        return r
    }

    /// The squared Mahalanobis norm `rᵀ W r` of a residual.
    @inline(__always)
    func mahalanobisSquared(_ r: SIMD2<Double>) -> Double {
        information[0] * r[0] * r[0] + 2 * information[1] * r[0] * r[1] + information[2] * r[1] * r[1]
    }
}

extension RegistrationObservation {
    /// The inverse of a symmetric positive definite 2×2 matrix `(a, b; b, c)` as `(W₀₀, W₀₁, W₁₁)`, or `nil`.
    static func information(_ a: Double, _ b: Double, _ c: Double) -> SIMD3<Double>? {
        let det = a * c - b * b
        guard det > 0, det.isFinite, a > 0 else { return nil }
        return SIMD3(c / det, -b / det, a / det)
    }

    /// An absolute observation: a radar plot against a reference position of the same target at the plot's
    /// reported time (ADS-B).
    ///
    /// The reference is taken to the radar's polar frame exactly (`RadarSite.polar`); its range and azimuth rates
    /// come from the reference velocity by a 1 s finite difference. Equations (see ``RadarBias``):
    /// ```
    /// z = (ρ_m − ρ_ref,  wrap(θ_m − θ_ref))
    /// H = | 1   10⁻⁶ ρ_ref   0   −ρ̇ |
    ///     | 0   0            1   −θ̇ |
    /// R = diag(σρ² + σ_ref²,  σθ² + σ_ref² / d²)        d: ground distance from the antenna
    /// ```
    /// - Parameters:
    ///   - radar: the estimator index of the plot's radar.
    ///   - site: its antenna.
    ///   - rangeSigmaMetres, azimuthSigma: its noise, m and rad.
    ///   - plot: the plot.
    ///   - reference: the reference position at the plot's reported time; its height should be the plot's Mode C
    ///     height where there is one (Mode C is not biased, and it is the height the tracker's conversion uses).
    ///   - velocity: the reference velocity, ENU at the reference position, m/s.
    ///   - referenceSigmaMetres: per-axis horizontal σ of the reference (ADS-B: from NACp), m.
    /// - Returns: `nil` for a degenerate geometry (the target over the antenna).
    public static func absolute(
        radar: Int,
        site: RadarSite,
        rangeSigmaMetres: Double,
        azimuthSigma: Double,
        plot: RadarPlot,
        reference: GeodeticPosition,
        velocity: ENUVector,
        referenceSigmaMetres: Double
    ) -> RegistrationObservation? {
        let polar = site.polar(of: reference)
        let later = LocalTangentPlane(origin: reference).geodetic(of: velocity)
        let polarLater = site.polar(of: later)
        let rangeRate = polarLater.slantRangeMetres - polar.slantRangeMetres
        let azimuthRate = Angle.difference(polarLater.azimuth, polar.azimuth)
        let d = polar.slantRangeMetres * Double.cos(polar.elevation)
        guard d > 100, polar.slantRangeMetres.isFinite else { return nil }
        let s2 = referenceSigmaMetres * referenceSigmaMetres
        guard
            let w = information(
                rangeSigmaMetres * rangeSigmaMetres + s2,
                0,
                azimuthSigma * azimuthSigma + s2 / (d * d)
            )
        else { return nil }
        let z = SIMD2(plot.slantRangeMetres - polar.slantRangeMetres, Angle.difference(plot.azimuth, polar.azimuth))
        let h = SIMD8(1, 1e-6 * polar.slantRangeMetres, 0, -rangeRate, 0, 0, 1, -azimuthRate)
        let speed = (velocity.east * velocity.east + velocity.north * velocity.north).squareRoot()
        return RegistrationObservation(
            time: plot.time,
            radarA: radar,
            z: z,
            jacobianA: h,
            information: w,
            rangeA: polar.slantRangeMetres,
            azimuthA: polar.azimuth,
            groundSpeed: speed
        )
    }
}

/// What the estimator needs of one radar to build relative observations.
struct RegistrationRadarGeometry: Sendable {
    let site: RadarSite
    let rangeVariance: Double
    let azimuthVariance: Double

    /// The target of a plot at `heightMetres` with the ECEF derivatives of its position with respect to slant
    /// range and azimuth (``RadarSite/geodeticWithDerivatives(slantRangeMetres:azimuth:targetHeightMetres:)``).
    func target(
        rangeMetres: Double,
        azimuth: Double,
        heightMetres: Double
    )
        -> (
            position: GeodeticPosition, ecef: ECEFPosition, normal: SIMD3<Double>, dRange: SIMD3<Double>,
            dAzimuth: SIMD3<Double>
        )?
    {
        site.geodeticWithDerivatives(slantRangeMetres: rangeMetres, azimuth: azimuth, targetHeightMetres: heightMetres)
    }
}

extension RegistrationObservation {
    /// A relative observation: plots of one target by radars A and B, the second moved to the first's time with
    /// the target's velocity. On the local horizontal plane at the target (ENU at plot A),
    /// ```
    /// z   = p_a − (p_b + v (t_a − t_b))
    /// H_a = [∂p/∂ρ,  10⁻⁶ ρ ∂p/∂ρ,  ∂p/∂θ,  −v]  (radar A),   H_b = −[same for radar B]
    /// R   = Σ (σρ² ∂p/∂ρ ∂p/∂ρᵀ + σθ² ∂p/∂θ ∂p/∂θᵀ) + (q Δt²/2)² I      q = 1 m/s² (unmodelled acceleration)
    /// ```
    /// (Fischer, Muehe & Cameron's common-target registration; the reference radar's biases are held at zero.)
    static func relative(
        radarA: Int,
        geometryA: RegistrationRadarGeometry,
        plotA: RadarPlot,
        radarB: Int,
        geometryB: RegistrationRadarGeometry,
        plotB: RadarPlot,
        heightMetres: Double,
        velocityAt: (GeodeticPosition) -> ENUVector
    ) -> RegistrationObservation? {
        guard
            let ta = geometryA.target(
                rangeMetres: plotA.slantRangeMetres,
                azimuth: plotA.azimuth,
                heightMetres: heightMetres
            ),
            let tb = geometryB.target(
                rangeMetres: plotB.slantRangeMetres,
                azimuth: plotB.azimuth,
                heightMetres: heightMetres
            )
        else { return nil }
        // The horizontal plane at plot A (east = (−y, x, 0)/|…|, north = up × east: LocalTangentPlane's axes
        // without its trigonometry); B's derivatives are taken in it too (the plots are metres to a few hundred
        // metres apart: the frames differ by ~10⁻⁵ rad).
        let up = ta.normal
        let xa = ta.ecef.vector
        let east = SIMD3(-xa.y, xa.x, 0) / (xa.x * xa.x + xa.y * xa.y).squareRoot()
        let north = SIMD3(
            up.y * east.z - up.z * east.y,
            up.z * east.x - up.x * east.z,
            up.x * east.y - up.y * east.x
        )
        func horizontal(_ v: SIMD3<Double>) -> SIMD2<Double> { SIMD2((v * east).sum(), (v * north).sum()) }
        let a = (p: SIMD2<Double>.zero, dRange: horizontal(ta.dRange), dAzimuth: horizontal(ta.dAzimuth))
        let b = (p: horizontal(tb.ecef.vector - xa), dRange: horizontal(tb.dRange), dAzimuth: horizontal(tb.dAzimuth))
        let velocity = velocityAt(ta.position)
        let v = SIMD2(velocity.east, velocity.north)
        let dt = plotA.time - plotB.time
        let z = a.p - (b.p + v * dt)
        func jacobian(
            _ x: (p: SIMD2<Double>, dRange: SIMD2<Double>, dAzimuth: SIMD2<Double>),
            _ rho: Double
        )
            -> SIMD8<Double>
        {
            SIMD8(
                x.dRange.x,
                1e-6 * rho * x.dRange.x,
                x.dAzimuth.x,
                -v.x,
                x.dRange.y,
                1e-6 * rho * x.dRange.y,
                x.dAzimuth.y,
                -v.y
            )
        }
        var cov = SIMD3<Double>.zero
        for (x, g) in [(a, geometryA), (b, geometryB)] {
            cov += g.rangeVariance * SIMD3(x.dRange.x * x.dRange.x, x.dRange.x * x.dRange.y, x.dRange.y * x.dRange.y)
            cov +=
                g.azimuthVariance
                * SIMD3(x.dAzimuth.x * x.dAzimuth.x, x.dAzimuth.x * x.dAzimuth.y, x.dAzimuth.y * x.dAzimuth.y)
        }
        let q = 0.5 * dt * dt
        cov[0] += q * q
        cov[2] += q * q
        guard let w = information(cov[0], cov[1], cov[2]) else { return nil }
        return RegistrationObservation(
            time: plotA.time,
            radarA: radarA,
            radarB: radarB,
            z: z,
            jacobianA: jacobian(a, plotA.slantRangeMetres),
            jacobianB: -jacobian(b, plotB.slantRangeMetres),
            information: w,
            rangeA: plotA.slantRangeMetres,
            azimuthA: plotA.azimuth,
            rangeB: plotB.slantRangeMetres,
            azimuthB: plotB.azimuth,
            groundSpeed: (v * v).sum().squareRoot()
        )
    }
}
