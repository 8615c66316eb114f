public import RealModule

/// The WGS-84 ellipsoid (NIMA TR8350.2, 3rd ed., table 3.1).
///
/// The constants are `@inlinable` computed properties rather than stored `static let`s: a global `let` read from
/// another module goes through a lazy-initialisation accessor, while these fold to literals in the caller.
public enum WGS84 {
    /// Semi-major axis a, metres.
    @inlinable public static var semiMajorAxisMetres: Double { 6_378_137.0 }
    /// Flattening f = 1/298.257223563.
    @inlinable public static var flattening: Double { 1 / 298.257_223_563 }
    /// Semi-minor axis b = a(1 − f), metres.
    @inlinable public static var semiMinorAxisMetres: Double { semiMajorAxisMetres * (1 - flattening) }
    /// First eccentricity squared e² = f(2 − f).
    @inlinable public static var eccentricitySquared: Double { flattening * (2 - flattening) }
    /// Second eccentricity squared e'² = e²/(1 − e²).
    @inlinable public static var secondEccentricitySquared: Double {
        eccentricitySquared / (1 - eccentricitySquared)
    }
    /// Mean radius R₁ = (2a + b)/3 (IUGG), metres: 6 371 008.771 m.
    @inlinable public static var meanRadiusMetres: Double { (2 * semiMajorAxisMetres + semiMinorAxisMetres) / 3 }

    /// Prime-vertical radius of curvature N(φ) = a / √(1 − e² sin²φ), metres.
    @inlinable
    public static func primeVerticalRadiusMetres(latitude: Double) -> Double {
        let s = Double.sin(latitude)
        return semiMajorAxisMetres / (1 - eccentricitySquared * s * s).squareRoot()
    }

    /// Meridian radius of curvature M(φ) = a(1 − e²) / (1 − e² sin²φ)^{3/2}, metres.
    @inlinable
    public static func meridianRadiusMetres(latitude: Double) -> Double {
        let s = Double.sin(latitude)
        let w = 1 - eccentricitySquared * s * s
        return semiMajorAxisMetres * (1 - eccentricitySquared) / (w * w.squareRoot())
    }

    /// Gaussian mean radius of curvature √(M·N) at `latitude`, metres: the radius of the conformal sphere
    /// used by the stereographic system plane and by the 4/3-earth radar model.
    @inlinable
    public static func gaussianRadiusMetres(latitude: Double) -> Double {
        (meridianRadiusMetres(latitude: latitude) * primeVerticalRadiusMetres(latitude: latitude)).squareRoot()
    }

    /// Radius of curvature of the normal section in direction `azimuth` (Euler's theorem), metres:
    /// `1/R_α = cos²α / M + sin²α / N`. The radius of the vertical plane a radar ray travels in.
    @inlinable
    public static func radiusOfCurvatureMetres(latitude: Double, azimuth: Double) -> Double {
        let c = Double.cos(azimuth)
        let s = Double.sin(azimuth)
        let m = meridianRadiusMetres(latitude: latitude)
        let n = primeVerticalRadiusMetres(latitude: latitude)
        return m * n / (n * c * c + m * s * s)
    }
}
