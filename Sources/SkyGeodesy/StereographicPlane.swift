public import RealModule

/// The conformal stereographic "system plane" of a multi-radar tracker: the oblique (double) stereographic
/// projection through the Gauss conformal sphere about a system reference point.
///
/// The method is EPSG's *Oblique Stereographic* (method code 9809, IOGP Guidance Note 7-2 §3.2.2; the
/// "Schreiber double projection" of the Dutch RD grid), which is also how EUROCONTROL ARTAS-style trackers build
/// their system plane:
///
/// 1. the ellipsoid is mapped conformally onto the Gauss sphere of radius `R = √(ρ₀ν₀)` (the Gaussian mean
///    radius at the reference latitude), with conformal longitude `Λ − Λ₀ = n(λ − λ₀)` and conformal latitude χ
///    chosen so that the scale is 1 with zero derivative at the reference;
/// 2. the sphere is projected stereographically from the antipode of the reference onto the tangent plane.
///
/// ```
/// ψ  = atanh(sin φ) − e·atanh(e·sin φ)                 isometric latitude
/// sin χ = tanh(n·ψ + ½ ln c),  cos χ = sech(n·ψ + ½ ln c)
/// B  = 1 + sin χ sin χ₀ + cos χ cos χ₀ cos ΔΛ,   ΔΛ = n(λ − λ₀)
/// x  = 2 R k₀ cos χ sin ΔΛ / B
/// y  = 2 R k₀ (sin χ cos χ₀ − cos χ sin χ₀ cos ΔΛ) / B
/// ```
///
/// The projection is conformal: angles and shapes are kept, and the only distortion is the point scale factor
/// `k`, which grows as `k ≈ k₀ (1 + d² / 4R²)` with the distance d from the reference: 1.0010 at 400 km,
/// 1.0015 at 500 km. Plane coordinates are metres, x east and y north at the reference; away from the reference,
/// grid north differs from true north by the grid convergence (``gridConvergence(at:)``).
///
/// Heights are not projected: ``project(_:)`` maps a point's foot on the ellipsoid (its latitude and
/// longitude), and the tracker carries the height as a separate coordinate.
///
/// All per-reference constants are computed once in the initialiser, so ``project(_:)`` costs about a dozen
/// elementary functions and ``unproject(_:)`` a few more (three Newton steps for the latitude).
public struct StereographicPlane: Sendable {
    /// The reference (tangent) point of the plane; its height is ignored.
    public let reference: GeodeticPosition
    /// The scale factor k₀ at the reference point (1 for a tracker's system plane).
    public let scaleFactorAtReference: Double

    // Ellipsoid.
    @usableFromInline let eccentricity: Double
    @usableFromInline let eccentricitySquared: Double
    @usableFromInline let semiMajorAxis: Double
    // Gauss conformal sphere: ΔΛ = n Δλ, ψ_sphere = n ψ + ½ ln c, radius R.
    @usableFromInline let n: Double
    @usableFromInline let halfLogC: Double
    @usableFromInline let sphereRadius: Double
    @usableFromInline let sinChi0: Double
    @usableFromInline let cosChi0: Double
    /// 2 R k₀, metres.
    @usableFromInline let twoRk0: Double
    @usableFromInline let falseEasting: Double
    @usableFromInline let falseNorthing: Double

    /// The system plane tangent to the WGS-84 ellipsoid at `reference`, with scale 1 there and no false origin.
    public init(reference: GeodeticPosition) {
        self.init(
            reference: reference,
            semiMajorAxisMetres: WGS84.semiMajorAxisMetres,
            flattening: WGS84.flattening
        )
    }

    /// An oblique stereographic projection on any ellipsoid, with the full EPSG 9809 parameter set.
    ///
    /// - Parameters:
    ///   - reference: latitude and longitude of natural origin (radians); height ignored.
    ///   - semiMajorAxisMetres: the ellipsoid's semi-major axis a, metres.
    ///   - flattening: the ellipsoid's flattening f.
    ///   - scaleFactor: k₀, the scale factor at the natural origin.
    ///   - falseEastingMetres: FE, added to x.
    ///   - falseNorthingMetres: FN, added to y.
    public init(
        reference: GeodeticPosition,
        semiMajorAxisMetres: Double,
        flattening: Double,
        scaleFactor: Double = 1,
        falseEastingMetres: Double = 0,
        falseNorthingMetres: Double = 0
    ) {
        precondition(abs(reference.latitude) < Double.pi / 2, "the reference point must not be a pole")
        self.reference = reference
        self.scaleFactorAtReference = scaleFactor
        self.semiMajorAxis = semiMajorAxisMetres
        let e2 = flattening * (2 - flattening)
        eccentricitySquared = e2
        eccentricity = e2.squareRoot()
        falseEasting = falseEastingMetres
        falseNorthing = falseNorthingMetres

        // IOGP GN 7-2, oblique stereographic: R = √(ρ₀ν₀), n = √(1 + e² cos⁴φ₀ / (1 − e²)),
        // w₁ = (S₁ S₂^e)^n, sin χ₀₀ = (w₁ − 1)/(w₁ + 1), c = (n + sin φ₀)(1 − sin χ₀₀) / ((n − sin φ₀)(1 + sin χ₀₀)),
        // χ₀ = asin((c w₁ − 1)/(c w₁ + 1)). In isometric form ln w₁ = 2nψ₀, so sin χ₀₀ = tanh(nψ₀).
        let sinPhi0 = Double.sin(reference.latitude)
        let cosPhi0 = Double.cos(reference.latitude)
        let w = 1 - e2 * sinPhi0 * sinPhi0
        let rho0 = semiMajorAxisMetres * (1 - e2) / (w * w.squareRoot())
        let nu0 = semiMajorAxisMetres / w.squareRoot()
        sphereRadius = (rho0 * nu0).squareRoot()
        n = (1 + e2 * cosPhi0 * cosPhi0 * cosPhi0 * cosPhi0 / (1 - e2)).squareRoot()
        let psi0 = Self.isometricLatitude(sinPhi: sinPhi0, eccentricity: eccentricity)
        let sinChi00 = Double.tanh(n * psi0)
        let c = (n + sinPhi0) * (1 - sinChi00) / ((n - sinPhi0) * (1 + sinChi00))
        halfLogC = 0.5 * Double.log(c)
        let psiChi0 = n * psi0 + halfLogC
        sinChi0 = Double.tanh(psiChi0)
        cosChi0 = 1 / Double.cosh(psiChi0)
        twoRk0 = 2 * sphereRadius * scaleFactor
    }

    /// Isometric latitude ψ = atanh(sin φ) − e·atanh(e sin φ) (infinite at the poles).
    @inlinable
    static func isometricLatitude(sinPhi: Double, eccentricity e: Double) -> Double {
        Double.atanh(sinPhi) - e * Double.atanh(e * sinPhi)
    }

    /// Conformal latitude (sin χ, cos χ) and conformal longitude difference ΔΛ of a geodetic point.
    @inlinable
    func conformal(_ p: GeodeticPosition) -> (sinChi: Double, cosChi: Double, dLambda: Double) {
        let psiChi = n * Self.isometricLatitude(sinPhi: Double.sin(p.latitude), eccentricity: eccentricity) + halfLogC
        var dLon = p.longitude - reference.longitude
        if dLon > Double.pi { dLon -= 2 * Double.pi } else if dLon < -Double.pi { dLon += 2 * Double.pi }
        return (Double.tanh(psiChi), 1 / Double.cosh(psiChi), n * dLon)
    }

    /// The plane coordinates of a geodetic position (its height is ignored).
    ///
    /// - Parameter p: the position (WGS-84, or the ellipsoid given at initialisation).
    /// - Returns: (x east, y north) in metres from the reference point (plus any false origin).
    @inlinable
    public func project(_ p: GeodeticPosition) -> SIMD2<Double> {
        let (sinChi, cosChi, dLambda) = conformal(p)
        let sinDL = Double.sin(dLambda)
        let cosDL = Double.cos(dLambda)
        let b = 1 + sinChi * sinChi0 + cosChi * cosChi0 * cosDL
        let k = twoRk0 / b
        return SIMD2(
            falseEasting + k * cosChi * sinDL,
            falseNorthing + k * (sinChi * cosChi0 - cosChi * sinChi0 * cosDL)
        )
    }

    /// The geodetic position (height 0) of plane coordinates.
    ///
    /// Inverts the sphere stereographic in closed form, then the Gauss conformal map by Newton iteration on the
    /// isometric latitude (quadratic convergence from the spherical start: three or four steps to rounding).
    /// - Parameter xy: (x east, y north) in metres.
    /// - Returns: latitude and longitude in radians, longitude wrapped to [−π, π], height 0.
    @inlinable
    public func unproject(_ xy: SIMD2<Double>) -> GeodeticPosition {
        let x = xy.x - falseEasting
        let y = xy.y - falseNorthing
        let rho = (x * x + y * y).squareRoot()
        if rho == 0 { return GeodeticPosition(latitude: reference.latitude, longitude: reference.longitude) }
        // Snyder (1987) eq. 20-14/20-15 on the sphere of radius R k₀: angular distance c = 2 atan(ρ / 2Rk₀).
        let t = rho / twoRk0
        let sinC = 2 * t / (1 + t * t)
        let cosC = (1 - t * t) / (1 + t * t)
        let sinChi = cosC * sinChi0 + y * sinC * cosChi0 / rho
        let dLambda = Double.atan2(y: x * sinC, x: rho * cosChi0 * cosC - y * sinChi0 * sinC)
        var lon = reference.longitude + dLambda / n
        if lon > Double.pi { lon -= 2 * Double.pi } else if lon < -Double.pi { lon += 2 * Double.pi }
        let psi = (Double.atanh(Swift.min(1, Swift.max(-1, sinChi))) - halfLogC) / n
        return GeodeticPosition(latitude: latitude(isometric: psi), longitude: lon)
    }

    /// Geodetic latitude from isometric latitude ψ by Newton's method on s = sin φ, which needs no trigonometric
    /// call inside the loop (ψ′(s) = (1 − e²) / ((1 − s²)(1 − e²s²))):
    /// `s ← s − (ψ(s) − ψ) (1 − s²)(1 − e²s²) / (1 − e²)`, from the sphere's s = tanh ψ; quadratic convergence,
    /// three or four steps. Conditioning of asin limits the result to ~1e-16/cos φ rad (0.1 µm at 85°).
    @inlinable
    func latitude(isometric psi: Double) -> Double {
        Double.asin(Swift.min(1, Swift.max(-1, sineOfLatitude(isometric: psi))))
    }

    /// sin φ of the geodetic latitude φ whose isometric latitude is ψ: the Newton iteration of
    /// ``latitude(isometric:)``.
    @inlinable
    func sineOfLatitude(isometric psi: Double) -> Double {
        var s = Double.tanh(psi)
        for _ in 0..<6 {
            let step =
                (Self.isometricLatitude(sinPhi: s, eccentricity: eccentricity) - psi) * (1 - s * s)
                * (1 - eccentricitySquared * s * s) / (1 - eccentricitySquared)
            s -= step
            if abs(step) < 1e-16 { break }
        }
        return s
    }
}
