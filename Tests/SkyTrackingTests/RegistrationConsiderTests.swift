import SkyMath
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// The consider covariance of the plots of a radar whose biases are not yet known (registration `correct`).
struct RegistrationConsiderTests {
    static let prior = RegistrationConfiguration()
    static let priorRange = 250.0 * 250.0
    static let priorAzimuth = (0.15 * Double.pi / 180) * (0.15 * Double.pi / 180)

    /// The biased presets' bias (180 m, 500 ppm, 0.12°, 0.3 s).
    static let bias = RadarBias(
        rangeOffsetMetres: 180,
        rangeGainPPM: 500,
        azimuthOffsetDegrees: 0.12,
        timeOffsetSeconds: 0.3
    )

    /// Its σ: 6 m, `gainPPM`, 0.003°, `timeSeconds`.
    static func sigma(gainPPM: Double, timeSeconds: Double) -> RadarBias {
        RadarBias(
            rangeOffsetMetres: 6,
            rangeGainPPM: gainPPM,
            azimuthOffsetDegrees: 0.003,
            timeOffsetSeconds: timeSeconds
        )
    }

    static func estimate(
        bias: RadarBias,
        sigma: RadarBias,
        converged: [Bool],
        observable: [Bool]
    )
        -> RadarRegistrationEstimate
    {
        var e = RadarRegistrationEstimate(sensor: SensorID(sac: 0, sic: 2), isReference: false, priorSigma: .one)
        e.bias = bias
        e.sigma = sigma
        e.componentConverged = converged
        e.observable = observable
        return e
    }

    @Test(
        "nothing known: the priors (250 m, 0.15°) while early (the gate's, not the update's), nothing after considerSeconds; a reference adds none"
    )
    func priors() {
        let unknown = RadarRegistrationEstimate(sensor: SensorID(sac: 0, sic: 2), isReference: false, priorSigma: .one)
        #expect(
            unknown.considerVariances(correction: .zero, configuration: Self.prior, early: true)
                == SIMD3(Self.priorRange, 0, Self.priorAzimuth)
        )
        #expect(unknown.considerVariances(correction: .zero, configuration: Self.prior, early: false) == .zero)
        // The update leaves the priors out (the gate alone takes them).
        #expect(
            unknown.considerVariances(correction: .zero, configuration: Self.prior, early: true, priors: false) == .zero
        )
        let reference = RadarRegistrationEstimate(sensor: SensorID(sac: 0, sic: 1), isReference: true, priorSigma: .one)
        #expect(reference.considerVariances(correction: .zero, configuration: Self.prior, early: true) == .zero)
    }

    @Test("determined components: σ² + b̂² capped at the prior while not applied, σ² once applied")
    func residuals() {
        let bias = Self.bias
        let sigma = Self.sigma(gainPPM: 60, timeSeconds: 0.02)
        let all = [true, true, true, true]
        // Observable, not converged, early: b̂² + σ² (180 m: below the 250 m prior; 0.12°: below 0.15°).
        let young = Self.estimate(bias: bias, sigma: sigma, converged: [false, false, false, false], observable: all)
        let v = young.considerVariances(correction: .zero, configuration: Self.prior, early: true)
        #expect(v.x == 180 * 180 + 6 * 6)
        #expect(v.y == 0, "no prior term for an unconverged gain")
        #expect(v.z == bias.azimuthOffset * bias.azimuthOffset + sigma.azimuthOffset * sigma.azimuthOffset)
        #expect(young.considerVariances(correction: .zero, configuration: Self.prior, early: true, priors: false) == v)
        // A larger estimate is capped at the prior.
        var big = young
        big.bias.rangeOffsetMetres = 400
        #expect(big.considerVariances(correction: .zero, configuration: Self.prior, early: true).x == Self.priorRange)
        // Converged and applied: σ² only, including the gain's (σ_g·10⁻⁶)².
        let done = Self.estimate(bias: bias, sigma: sigma, converged: all, observable: all)
        let applied = done.considerVariances(correction: bias, configuration: Self.prior, early: false)
        #expect(applied.x == 36)
        #expect(applied.y.isClose(to: 3600e-12, relativeTolerance: 1e-12))  // (60 ppm)², per m²
        #expect(applied.z == sigma.azimuthOffset * sigma.azimuthOffset)
        // Converged, not applied (not significant): the plots still carry b̂.
        let notApplied = done.considerVariances(correction: .zero, configuration: Self.prior, early: false)
        #expect(notApplied.x == 180 * 180 + 36)
    }

    @Test(
        "known misalignment: b̂² + σ² of each significant, uncorrected component; nothing once applied, when not significant or unobservable"
    )
    func uncorrectedMisalignment() {
        let bias = Self.bias
        let sigma = Self.sigma(gainPPM: 200, timeSeconds: 0.2)
        let all = [true, true, true, true]
        let young = Self.estimate(bias: bias, sigma: sigma, converged: [false, false, false, false], observable: all)
        let v = young.uncorrectedMisalignment(correction: .zero, significance: 3)
        #expect(v[0] == 180 * 180 + 6 * 6)
        #expect(v[1] == 0, "500 ± 200 ppm (2.5σ) is not significant")
        #expect(v[2] == bias.azimuthOffset * bias.azimuthOffset + sigma.azimuthOffset * sigma.azimuthOffset)
        #expect(v[3] == 0, "0.3 s ± 0.2 s is not significant")
        // Applied components carry nothing more.
        let applied = young.uncorrectedMisalignment(
            correction: RadarBias(rangeOffsetMetres: 180, azimuthOffsetDegrees: 0.12),
            significance: 3
        )
        #expect(applied == .zero)
        // Unobservable components (b̂ = 0 and the prior σ) and a pinned reference: nothing.
        let unknown = Self.estimate(
            bias: bias,
            sigma: sigma,
            converged: [false, false, false, false],
            observable: [false, false, false, false]
        )
        #expect(unknown.uncorrectedMisalignment(correction: .zero, significance: 3) == .zero)
        var pinned = young
        pinned.isPinned = true
        #expect(pinned.uncorrectedMisalignment(correction: .zero, significance: 3) == .zero)
    }

    @Test("the covariance grows by the range variance along the radar's radial and d²·σ²_θ across it")
    func measurementCovariance() throws {
        // A plot 100 km north-east of the radar at (1000, 2000) m; R = 40² I.
        let d = 100_000.0
        let u = SIMD2(1.0, 1.0) / 2.0.squareRoot()
        let site = SIMD2(1000.0, 2000.0)
        var position = Vector<2>.zero
        position[0] = site.x + d * u.x
        position[1] = site.y + d * u.y
        var covariance = Matrix<2, 2>.zero
        covariance[0, 0] = 1600
        covariance[1, 1] = 1600
        let m = PlanePositionMeasurement(position: position, covariance: covariance)
        let v = SIMD3(250.0 * 250.0, 1e-8, Self.priorAzimuth)
        let rho = 101_000.0
        let out = m.addingConsiderVariances(v, site: site, slantRangeMetres: rho)
        // Variance along u and across it: uᵀ R' u and u⊥ᵀ R' u⊥.
        func quadratic(_ w: SIMD2<Double>) -> Double {
            let c = out.covariance
            return w.x * w.x * c[0, 0] + 2 * w.x * w.y * c[0, 1] + w.y * w.y * c[1, 1]
        }
        // Tolerance 1e-9: a few roundings of 10⁴–10⁵ m² sums.
        #expect(quadratic(u).isClose(to: 1600 + 62_500 + 1e-8 * rho * rho, relativeTolerance: 1e-9))
        #expect(
            quadratic(SIMD2(u.y, -u.x)).isClose(
                to: 1600 + Self.priorAzimuth * d * d,
                relativeTolerance: 1e-9
            )
        )
        #expect(out.covariance[0, 1] == out.covariance[1, 0])
        #expect(out.position[0] == position[0] && out.position[1] == position[1])
        // No variance: unchanged.
        let same = m.addingConsiderVariances(.zero, site: site, slantRangeMetres: rho)
        #expect(same.covariance[0, 0] == 1600 && same.covariance[0, 1] == 0)
    }
}
