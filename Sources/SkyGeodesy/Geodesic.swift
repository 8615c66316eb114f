import RealModule

/// Geodesics (shortest paths) on the WGS-84 ellipsoid: the direct and inverse problems, by Karney's method
/// (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 43–55, 2013, doi:10.1007/s00190-012-0578-z).
///
/// Accurate to rounding (≈ 15 nm in distance, 1e-15 rad in angle) for every pair of points, including
/// near-antipodal ones where Vincenty's method fails to converge: the inverse problem starts Newton's method from
/// Karney's astroid solution and falls back to bisection. The distance and longitude integrals are evaluated as
/// in the paper, except that their Fourier coefficients come from a discrete cosine transform rather than from
/// truncated Taylor series (see `GeodesicIntegrals`).
///
/// Azimuths are radians clockwise from true north, in [−π, π]. The final azimuth is the direction of travel at the
/// second point (so the bearing back to the first point is `finalAzimuth ± π`). Heights are ignored: the path lies
/// on the ellipsoid's surface.
public enum Geodesic {
    /// The inverse problem: the shortest path between two points.
    /// - Parameters:
    ///   - p1: the start (height ignored).
    ///   - p2: the end (height ignored).
    /// - Returns: the geodesic distance in metres, and the azimuths at `p1` and at `p2` (radians clockwise from
    ///   true north, direction of travel from `p1` to `p2`).
    /// - Complexity: a handful of Newton steps, each about 60 elementary operations; near-antipodal cases
    ///   may need up to ~80 (bisection).
    public static func inverse(
        from p1: GeodeticPosition,
        to p2: GeodeticPosition
    )
        -> (distanceMetres: Double, initialAzimuth: Double, finalAzimuth: Double)
    {
        GeodesicSolver.wgs84.inverse(p1.latitude, p1.longitude, p2.latitude, p2.longitude)
    }

    /// The direct problem: where a geodesic from `p` in direction `azimuth` is after `distanceMetres`.
    /// - Parameters:
    ///   - p: the start (height ignored).
    ///   - azimuth: radians clockwise from true north at `p`.
    ///   - distanceMetres: the length along the geodesic, metres (may be negative, to go backwards).
    /// - Returns: the end point (height 0, longitude in [−π, π]).
    public static func direct(from p: GeodeticPosition, azimuth: Double, distanceMetres: Double) -> GeodeticPosition {
        GeodesicSolver.wgs84.direct(p.latitude, p.longitude, azimuth, distanceMetres).position
    }

    /// The direct problem, also returning the azimuth of travel at the end point (radians clockwise from north).
    public static func directWithAzimuth(
        from p: GeodeticPosition,
        azimuth: Double,
        distanceMetres: Double
    )
        -> (position: GeodeticPosition, finalAzimuth: Double)
    {
        GeodesicSolver.wgs84.direct(p.latitude, p.longitude, azimuth, distanceMetres)
    }
}

/// Karney's solver for one ellipsoid (oblate or prolate, |f| ≲ 1/150 for full double precision).
struct GeodesicSolver: Sendable {
    let a: Double, f: Double, f1: Double, e2: Double, ep2: Double, b: Double, n: Double
    // Tolerances of Karney (2013) §6, as in the paper's reference implementation.
    static let tiny = Double.leastNormalMagnitude.squareRoot()
    static let tol0 = Double.ulpOfOne
    static let tol1 = 200 * tol0
    static let tol2 = tol0.squareRoot()
    static let tolb = tol0 * tol2
    static let xthresh = 1000 * tol2
    static let maxit1 = 20
    static let maxit2 = maxit1 + Double.significandBitCount + 1 + 10
    let etol2: Double

    static let wgs84 = GeodesicSolver(semiMajorAxis: WGS84.semiMajorAxisMetres, flattening: WGS84.flattening)

    init(semiMajorAxis: Double, flattening: Double) {
        a = semiMajorAxis
        f = flattening
        f1 = 1 - f
        e2 = f * (2 - f)
        ep2 = e2 / (f1 * f1)
        n = f / (2 - f)
        b = a * f1
        etol2 = 0.1 * Self.tol2 / (Swift.max(0.001, abs(f)) * Swift.min(1, 1 - f / 2) / 2).squareRoot()
    }

    /// Normalises (s, c) to a unit vector.
    @inline(__always)
    static func normalise(_ s: inout Double, _ c: inout Double) {
        let r = (s * s + c * c).squareRoot()
        s /= r
        c /= r
    }

    /// Wraps an angle to [−π, π].
    static func wrap(_ x: Double) -> Double {
        let y = x.remainder(dividingBy: 2 * Double.pi)
        return y == -Double.pi ? Double.pi : y
    }

    /// Exact sine and cosine at multiples of π/2 (so meridian and antipodal inputs are recognised exactly).
    static func sinCos(_ x: Double) -> (Double, Double) {
        if x == 0 { return (0, 1) }
        if x == Double.pi / 2 { return (1, 0) }
        if x == Double.pi { return (0, -1) }
        return (Double.sin(x), Double.cos(x))
    }

    /// The reduced latitude β of φ as (sin β, cos β), with cos β ≥ tiny.
    func reducedLatitude(_ phi: Double) -> (Double, Double) {
        var s = f1 * Double.sin(phi)
        var c = abs(phi) == Double.pi / 2 ? 0 : Double.cos(phi)
        Self.normalise(&s, &c)
        return (s, Swift.max(Self.tiny, c))
    }

    /// The direct problem (Karney 2013 §3). Angles in radians.
    func direct(
        _ lat1: Double,
        _ lon1: Double,
        _ azi1: Double,
        _ s12: Double
    )
        -> (position: GeodeticPosition, finalAzimuth: Double)
    {
        let (salp1, calp1) = Self.sinCos(Self.wrap(azi1))
        let (sbet1, cbet1) = reducedLatitude(lat1)
        // α₀: the azimuth at the node (the equator crossing), sin α₀ = sin α₁ cos β₁ (Clairaut).
        let salp0 = salp1 * cbet1
        let calp0 = (calp1 * calp1 + (salp1 * sbet1) * (salp1 * sbet1)).squareRoot()
        // σ₁ and ω₁ measured from the node: tan σ₁ = tan β₁ / cos α₁.
        var ssig1 = sbet1
        var csig1 = (sbet1 != 0 || calp1 != 0) ? cbet1 * calp1 : 1
        let somg1 = salp0 * sbet1
        let comg1 = csig1
        Self.normalise(&ssig1, &csig1)
        let k2 = calp0 * calp0 * ep2
        let integrals = GeodesicIntegrals(kSquared: k2, flattening: f)
        let sigma1 = Double.atan2(y: ssig1, x: csig1)
        let i1 = integrals.a1 * sigma1 + GeodesicIntegrals.sineSeries(integrals.c1, sin: ssig1, cos: csig1)
        let sigma2 = integrals.sigma(distanceIntegral: i1 + s12 / b, kSquared: k2)
        let sig12 = sigma2 - sigma1
        let ssig2 = Double.sin(sigma2)
        var csig2 = Double.cos(sigma2)
        // Latitude and azimuth at σ₂ on the auxiliary sphere.
        let sbet2 = calp0 * ssig2
        var cbet2 = (salp0 * salp0 + (calp0 * csig2) * (calp0 * csig2)).squareRoot()
        if cbet2 == 0 {
            cbet2 = Self.tiny
            csig2 = Self.tiny
        }
        let somg2 = salp0 * ssig2
        let comg2 = csig2
        let salp2 = salp0
        let calp2 = calp0 * csig2
        let omg12 = Double.atan2(y: somg2 * comg1 - comg2 * somg1, x: comg2 * comg1 + somg2 * somg1)
        // The ω₁₂ term above is the sphere's longitude difference; the ellipsoid's correction is −f sin α₀ I₃.
        let lam12 = omg12 - f * salp0 * integrals.longitudeIntegral(sigma12: sig12, ssig1, csig1, ssig2, csig2)
        let lat2 = Double.atan2(y: sbet2, x: f1 * cbet2)
        let lon2 = Self.wrap(lon1 + lam12)
        return (GeodeticPosition(latitude: lat2, longitude: lon2), Double.atan2(y: salp2, x: calp2))
    }
}
