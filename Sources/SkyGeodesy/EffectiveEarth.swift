public import RealModule

/// The effective-earth-radius model of radar propagation: the standard atmosphere's refraction bends rays down
/// with about a quarter of the earth's curvature, so a straight ray over an earth of radius k·R (k = 4/3) has the
/// same heights and ground distances as the real curved ray (Skolnik, *Radar Handbook*, 3rd ed., §26.3; Doerry,
/// "Earth curvature and atmospheric refraction effects on radar signal propagation", SAND2012-10690).
///
/// SSR processing uses it to turn a slant range plus a Mode C height into a ground range (and an elevation)
/// without an elevation measurement. In the triangle earth centre – antenna – target, with
/// `A = Rₑ + h_antenna`, `B = Rₑ + h_target`, slant range ρ and central angle θ:
/// ```
/// cos θ = (A² + B² − ρ²) / (2AB)          ground range g = Rₑ θ
/// sin ε = (B² − A² − ρ²) / (2Aρ)          elevation of the ray at the antenna
/// ρ²    = (A − B)² + 4AB sin²(θ/2)        (inverse, cancellation-free)
/// ```
/// Heights are above the sphere, i.e. above mean sea level (or the ellipsoid: the model's error dwarfs the
/// difference). The ground range is measured along the sea-level surface (the model preserves surface distances).
///
/// All methods are total: an inconsistent input (slant range shorter than the height difference, e.g. a garbled
/// Mode C) gives ground range 0 and elevation ±π/2 rather than NaN; where that matters, check
/// ``isConsistent(slantRangeMetres:antennaHeightMetres:targetHeightMetres:)`` first.
public struct EffectiveEarth: Sendable, Hashable {
    /// The effective radius Rₑ = k·R, metres.
    public var radiusMetres: Double

    /// A model with an explicit effective radius.
    /// - Parameter radiusMetres: Rₑ, metres (> 0).
    public init(radiusMetres: Double) {
        precondition(radiusMetres > 0, "effective radius must be positive")
        self.radiusMetres = radiusMetres
    }

    /// A model with effective radius k·R.
    /// - Parameters:
    ///   - kFactor: the refraction factor k (4/3 for the standard atmosphere).
    ///   - earthRadiusMetres: the true earth radius R; the WGS-84 mean radius by default, or the radius of
    ///     curvature in the ray's azimuth (``WGS84/radiusOfCurvatureMetres(latitude:azimuth:)``) for accuracy.
    public init(kFactor: Double = 4.0 / 3.0, earthRadiusMetres: Double = WGS84.meanRadiusMetres) {
        self.init(radiusMetres: kFactor * earthRadiusMetres)
    }

    /// The standard 4/3-earth model on the WGS-84 mean radius (Rₑ = 8 494 678 m).
    public static let fourThirds = EffectiveEarth()

    /// Whether a slant range is geometrically possible between the two heights (ρ ≥ |h_target − h_antenna|).
    public func isConsistent(slantRangeMetres: Double, antennaHeightMetres: Double, targetHeightMetres: Double) -> Bool
    {
        slantRangeMetres >= abs(targetHeightMetres - antennaHeightMetres)
    }

    /// The central angle θ, radians, between antenna and target.
    @inlinable
    public func centralAngle(
        slantRangeMetres rho: Double,
        antennaHeightMetres: Double,
        targetHeightMetres: Double
    )
        -> Double
    {
        let a = radiusMetres + antennaHeightMetres
        let b = radiusMetres + targetHeightMetres
        // sin²(θ/2) = (ρ² − (A − B)²) / 4AB: no cancellation at short range, unlike acos of the cosine rule.
        let d = a - b
        let s2 = Swift.max(0, (rho * rho - d * d) / (4 * a * b))
        return 2 * Double.asin(Swift.min(1, s2.squareRoot()))
    }

    /// The ground range (along the sea-level surface) of a target at a slant range and height.
    /// - Parameters:
    ///   - slantRangeMetres: 3-D range from the antenna, metres.
    ///   - antennaHeightMetres: antenna height above sea level, metres.
    ///   - targetHeightMetres: target height above sea level (e.g. from Mode C via ``ISA``), metres.
    /// - Returns: ground range Rₑθ, metres.
    @inlinable
    public func groundRangeMetres(
        slantRangeMetres: Double,
        antennaHeightMetres: Double,
        targetHeightMetres: Double
    )
        -> Double
    {
        radiusMetres
            * centralAngle(
                slantRangeMetres: slantRangeMetres,
                antennaHeightMetres: antennaHeightMetres,
                targetHeightMetres: targetHeightMetres
            )
    }

    /// The elevation of the (refracted) ray at the antenna, radians above the local horizontal.
    /// - Parameters: as ``groundRangeMetres(slantRangeMetres:antennaHeightMetres:targetHeightMetres:)-swift.method``.
    /// - Returns: ε in [−π/2, π/2].
    @inlinable
    public func elevation(
        slantRangeMetres rho: Double,
        antennaHeightMetres: Double,
        targetHeightMetres: Double
    )
        -> Double
    {
        let a = radiusMetres + antennaHeightMetres
        let b = radiusMetres + targetHeightMetres
        guard rho > 0 else { return targetHeightMetres >= antennaHeightMetres ? Double.pi / 2 : -Double.pi / 2 }
        // (B² − A² − ρ²)/(2Aρ) with d = B − A: d/ρ + (d² − ρ²)/(2Aρ), free of the cancellation between
        // (B − A)(B + A) and ρ².
        let d = b - a
        let s = d / rho + (d - rho) * (d + rho) / (2 * a * rho)
        return Double.asin(Swift.min(1, Swift.max(-1, s)))
    }

    /// The slant range of a target at a ground range and height (inverse of
    /// ``groundRangeMetres(slantRangeMetres:antennaHeightMetres:targetHeightMetres:)-swift.method``), metres.
    @inlinable
    public func slantRangeMetres(
        groundRangeMetres g: Double,
        antennaHeightMetres: Double,
        targetHeightMetres: Double
    )
        -> Double
    {
        let a = radiusMetres + antennaHeightMetres
        let b = radiusMetres + targetHeightMetres
        let s = Double.sin(g / (2 * radiusMetres))
        return ((a - b) * (a - b) + 4 * a * b * s * s).squareRoot()
    }

    /// The height above sea level of a target seen at a slant range and elevation, metres:
    /// `B = √(A² + ρ² + 2Aρ sin ε)`, `h = B − Rₑ`.
    @inlinable
    public func targetHeightMetres(
        slantRangeMetres rho: Double,
        elevation: Double,
        antennaHeightMetres: Double
    )
        -> Double
    {
        let a = radiusMetres + antennaHeightMetres
        // B − A = (ρ² + 2Aρ sin ε) / (B + A): avoids subtracting two ~8.5e6 m numbers.
        let q = rho * rho + 2 * a * rho * Double.sin(elevation)
        let b = (a * a + q).squareRoot()
        return antennaHeightMetres + q / (a + b)
    }

    /// The ground range of a target seen at a slant range and elevation, metres: `Rₑ · atan2(ρ cos ε, A + ρ sin ε)`.
    @inlinable
    public func groundRangeMetres(
        slantRangeMetres rho: Double,
        elevation: Double,
        antennaHeightMetres: Double
    )
        -> Double
    {
        let a = radiusMetres + antennaHeightMetres
        return radiusMetres
            * Double.atan2(y: rho * Double.cos(elevation), x: a + rho * Double.sin(elevation))
    }

    /// ``groundRangeMetres(slantRangeMetres:antennaHeightMetres:targetHeightMetres:)-swift.method`` with the standard
    /// 4/3-earth model (``fourThirds``).
    public static func groundRangeMetres(
        slantRangeMetres: Double,
        antennaHeightMetres: Double,
        targetHeightMetres: Double
    ) -> Double {
        fourThirds.groundRangeMetres(
            slantRangeMetres: slantRangeMetres,
            antennaHeightMetres: antennaHeightMetres,
            targetHeightMetres: targetHeightMetres
        )
    }

    /// ``elevation(slantRangeMetres:antennaHeightMetres:targetHeightMetres:)-swift.method`` with the standard 4/3-earth
    /// model (``fourThirds``).
    public static func elevation(
        slantRangeMetres: Double,
        antennaHeightMetres: Double,
        targetHeightMetres: Double
    )
        -> Double
    {
        fourThirds.elevation(
            slantRangeMetres: slantRangeMetres,
            antennaHeightMetres: antennaHeightMetres,
            targetHeightMetres: targetHeightMetres
        )
    }
}

/// Radar line-of-sight limits over a smooth effective earth (no terrain, no ducting).
public enum RadarHorizon {
    /// The maximum line-of-sight (slant) range between an antenna and a target: the two tangent distances to the
    /// effective sphere,
    /// ```
    /// ρ_max = √((Rₑ + h_a)² − Rₑ²) + √((Rₑ + h_t)² − Rₑ²)  ≈ √(2Rₑh_a) + √(2Rₑh_t)
    /// ```
    /// (4/3 earth: ≈ 4.12 km·√h[m], the textbook "1.23 NM·√h[ft]").
    /// - Parameters:
    ///   - antennaHeightMetres: antenna height above sea level, metres (negative treated as 0).
    ///   - targetHeightMetres: target height above sea level, metres (negative treated as 0).
    ///   - model: the effective earth; 4/3 earth by default.
    /// - Returns: metres.
    public static func maximumRangeMetres(
        antennaHeightMetres: Double,
        targetHeightMetres: Double,
        model: EffectiveEarth = .fourThirds
    ) -> Double {
        tangentDistance(antennaHeightMetres, model) + tangentDistance(targetHeightMetres, model)
    }

    /// The maximum ground range (along the sea-level surface) at which a target at `targetHeightMetres` is above
    /// the radar horizon: `Rₑ (acos(Rₑ/(Rₑ + h_a)) + acos(Rₑ/(Rₑ + h_t)))`, metres.
    public static func maximumGroundRangeMetres(
        antennaHeightMetres: Double,
        targetHeightMetres: Double,
        model: EffectiveEarth = .fourThirds
    ) -> Double {
        let r = model.radiusMetres
        func angle(_ h: Double) -> Double {
            let hh = Swift.max(0, h)
            // acos(R/(R+h)) = atan(√((R+h)² − R²) / R), well conditioned for small h.
            return Double.atan((hh * (2 * r + hh)).squareRoot() / r)
        }
        return r * (angle(antennaHeightMetres) + angle(targetHeightMetres))
    }

    static func tangentDistance(_ h: Double, _ model: EffectiveEarth) -> Double {
        let hh = Swift.max(0, h)
        return (hh * (2 * model.radiusMetres + hh)).squareRoot()
    }
}
