public import RealModule

/// The WGS-84 ellipsoid (NIMA TR8350.2, 3rd ed., table 3.1).
public enum WGS84 {
    /// Semi-major axis a, metres.
    public static let semiMajorAxisMetres = 6_378_137.0
    /// Flattening f = 1/298.257223563.
    public static let flattening = 1 / 298.257_223_563
    /// Semi-minor axis b = a(1 − f), metres.
    public static let semiMinorAxisMetres = semiMajorAxisMetres * (1 - flattening)
    /// First eccentricity squared e² = f(2 − f).
    public static let eccentricitySquared = flattening * (2 - flattening)
    /// Second eccentricity squared e'² = e²/(1 − e²).
    public static let secondEccentricitySquared = eccentricitySquared / (1 - eccentricitySquared)

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
}
