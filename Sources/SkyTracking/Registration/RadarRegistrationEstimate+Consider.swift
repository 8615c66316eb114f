public import SkyMath

extension RadarRegistrationEstimate {
    /// The consider variances this radar's plots carry in `correct` mode: what remains unknown of its range offset
    /// (m²), range gain (per m² of slant range: `(g·10⁻⁶)²`) and azimuth offset (rad²) after the correction in
    /// force (``RegistrationConfiguration/considerRangeSigmaMetres``; Schmidt's consider parameters,
    /// Bar-Shalom, Li & Kirubarajan 2001, §7.4).
    ///
    /// Per component, with `b̂ ± σ` the estimate:
    /// ```
    /// converged:                   σ² + b̂² (b̂² only while the correction is not applied)
    /// not converged, early:        min(σ² + b̂², σ²_prior), or while unobservable σ²_prior (`priors`) or 0
    /// not converged, not early:    0 (the radar is tracked as without registration)
    /// pinned reference:            0
    /// ```
    /// The gain has no prior term (the range prior covers it).
    /// - Parameters:
    ///   - correction: the correction applied to the radar's plots (``correction(significance:)``).
    ///   - configuration: the priors.
    ///   - early: whether it is less than ``RegistrationConfiguration/considerSeconds`` since registration started
    ///     or since the radar's last bias jump.
    ///   - priors: whether unobservable components add their prior (the gate), or nothing (the update).
    public func considerVariances(
        correction: RadarBias,
        configuration c: RegistrationConfiguration,
        early: Bool,
        priors: Bool = true
    ) -> SIMD3<Double> {
        guard !isPinned else { return .zero }
        func residual(_ k: BiasComponent, prior: Double) -> Double {
            let i = k.rawValue
            let b = correction.vector[i] == 0 ? bias.vector[i] : 0
            let v = sigma.vector[i] * sigma.vector[i] + b * b
            if componentConverged[i] { return v }
            guard early else { return 0 }
            return observable[i] ? Swift.min(v, prior) : (priors ? prior : 0)
        }
        return SIMD3(
            residual(.rangeOffset, prior: c.considerRangeSigmaMetres * c.considerRangeSigmaMetres),
            residual(.rangeGain, prior: 0) * 1e-12,
            residual(.azimuthOffset, prior: c.considerAzimuthSigma * c.considerAzimuthSigma)
        )
    }
}

extension PlanePositionMeasurement {
    /// The measurement with a radar's consider variances (``RadarRegistrationEstimate/considerVariances(correction:configuration:early:priors:)``)
    /// added to its covariance:
    /// ```
    /// R' = R + (v.x + v.y ρ²) u uᵀ + v.z d² u⊥ u⊥ᵀ
    /// ```
    /// with `u` the unit vector from the radar to the plot on the plane, `u⊥` across it, `ρ` the slant range (m)
    /// and `d` the plane distance (m). A plot within 1 m of the radar is returned unchanged.
    /// - Parameters:
    ///   - v: range offset (m²), gain (per m²) and azimuth (rad²) variances.
    ///   - site: the radar's position on the plane, m.
    ///   - slantRangeMetres: the plot's slant range, m.
    @inlinable
    public func addingConsiderVariances(
        _ v: SIMD3<Double>,
        site: SIMD2<Double>,
        slantRangeMetres rho: Double
    ) -> PlanePositionMeasurement {
        let dx = position[0] - site.x
        let dy = position[1] - site.y
        let d2 = dx * dx + dy * dy
        guard d2 > 1 else { return self }
        // u uᵀ = (dx, dy)(dx, dy)ᵀ / d²; u⊥ u⊥ᵀ = (dy, −dx)(dy, −dx)ᵀ / d².
        let a = (v.x + v.y * rho * rho) / d2
        let b = v.z
        var out = self
        out.covariance[0, 0] += a * dx * dx + b * dy * dy
        out.covariance[1, 1] += a * dy * dy + b * dx * dx
        let off = (a - b) * dx * dy
        out.covariance[0, 1] += off
        out.covariance[1, 0] += off
        return out
    }
}

extension RadarRegistrationEstimate {
    /// The misalignment this radar's plots are known to carry beyond `correction` (see
    /// `TrackerRegistration.misalignmentVariances`): per component (``BiasComponent`` order, squared internal
    /// units: m², (g·10⁻⁶)², rad², s²), `b̂² + σ²` where the component is observable and significant
    /// (`|b̂| > significance·σ`) but not corrected, 0 otherwise.
    public func uncorrectedMisalignment(correction: RadarBias, significance: Double) -> SIMD4<Double> {
        guard !isPinned else { return .zero }
        var out = SIMD4<Double>.zero
        for k in BiasComponent.allCases {
            let i = k.rawValue
            guard observable[i], correction.vector[i] == 0 else { continue }
            let b = bias.vector[i]
            let s = sigma.vector[i]
            guard abs(b) > significance * s else { continue }
            out[i] = (b * b + s * s) * (k == .rangeGain ? 1e-12 : 1)
        }
        return out
    }
}
