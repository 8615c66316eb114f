public import RealModule

/// A radar measurement in the site's local horizontal frame: slant range, azimuth clockwise from true north,
/// elevation above the local horizontal (the ENU plane at the antenna).
@frozen
public struct RadarPolar: Sendable, Hashable {
    /// 3-D slant range from the antenna, metres.
    public var slantRangeMetres: Double
    /// Azimuth clockwise from true north in the antenna's ENU plane, radians in [0, 2π).
    public var azimuth: Double
    /// Elevation above the antenna's local horizontal plane, radians in [−π/2, π/2].
    public var elevation: Double

    /// A measurement from its components (radians, metres).
    @inlinable
    public init(slantRangeMetres: Double, azimuth: Double, elevation: Double) {
        self.slantRangeMetres = slantRangeMetres
        self.azimuth = azimuth
        self.elevation = elevation
    }

    /// The polar coordinates of an ENU vector relative to the antenna.
    @inlinable
    public init(enu v: ENUVector) {
        let horizontal = (v.east * v.east + v.north * v.north).squareRoot()
        slantRangeMetres = (horizontal * horizontal + v.up * v.up).squareRoot()
        var az = Double.atan2(y: v.east, x: v.north)
        // −tiny + 2π rounds to 2π, outside [0, 2π): such an azimuth is 0.
        if az < 0 { az = az + 2 * Double.pi < 2 * Double.pi ? az + 2 * Double.pi : 0 }
        azimuth = az
        elevation = Double.atan2(y: v.up, x: horizontal)
    }

    /// The ENU vector relative to the antenna.
    @inlinable
    public var enu: ENUVector {
        let ce = Double.cos(elevation)
        return ENUVector(
            east: slantRangeMetres * ce * Double.sin(azimuth),
            north: slantRangeMetres * ce * Double.cos(azimuth),
            up: slantRangeMetres * Double.sin(elevation)
        )
    }
}

/// A radar site: the antenna position and its local ENU frame. Converts between target positions and
/// radar polar measurements on the exact ECEF path (no earth-model approximation).
public struct RadarSite: Sendable {
    /// The antenna's local tangent frame (origin = antenna phase centre).
    public let frame: LocalTangentPlane

    /// A site whose antenna is at `antenna` (height above the ellipsoid).
    public init(antenna: GeodeticPosition) { frame = LocalTangentPlane(origin: antenna) }

    /// The antenna position.
    @inlinable public var antenna: GeodeticPosition { frame.origin }

    /// The polar measurement of a target at `target`.
    @inlinable
    public func polar(of target: GeodeticPosition) -> RadarPolar { RadarPolar(enu: frame.enu(of: target)) }

    /// The polar measurement of a target at an ECEF position.
    @inlinable
    public func polar(of target: ECEFPosition) -> RadarPolar { RadarPolar(enu: frame.enu(of: target)) }

    /// The geodetic position of a target given its full polar measurement (range, azimuth, elevation).
    @inlinable
    public func geodetic(of measurement: RadarPolar) -> GeodeticPosition { frame.geodetic(of: measurement.enu) }

    /// The geodetic position of a target from slant range and azimuth plus its known height above the ellipsoid
    /// (e.g. from Mode C), solving the exact straight-line geometry (no refraction) for the elevation.
    ///
    /// The target lies where the sphere `|x − antenna| = slantRange` meets the ellipsoidal shell of height
    /// `targetHeightMetres` in the azimuth half-plane. Start from the spherical solution on the radius of curvature
    /// in that azimuth, then Newton on the elevation ε with the exact derivative
    /// `∂h/∂ε = ρ · (∂û/∂ε · n̂)` (û the ray direction, n̂ the ellipsoid normal at the target: ∇h = n̂).
    /// Converges to < 0.01 mm in 2–3 steps.
    /// - Parameters:
    ///   - slantRangeMetres: 3-D range from the antenna, metres.
    ///   - azimuth: clockwise from true north at the antenna, radians.
    ///   - targetHeightMetres: height above the ellipsoid, metres.
    /// - Returns: `nil` when no such point exists (range shorter than the height difference) or when the
    ///   iteration fails (a ray tangent to the shell).
    public func geodetic(slantRangeMetres: Double, azimuth: Double, targetHeightMetres: Double) -> GeodeticPosition? {
        solveElevation(slantRangeMetres: slantRangeMetres, azimuth: azimuth, targetHeightMetres: targetHeightMetres)?
            .position
    }

    /// The target of ``geodetic(slantRangeMetres:azimuth:targetHeightMetres:)`` with the derivatives of its ECEF
    /// position with respect to slant range and azimuth at constant target height (the target slides on its
    /// height shell). With the ray direction û(θ, ε), the target x = a + ρ û and the ellipsoid normal n̂ at x,
    /// ```
    /// ∂x/∂ρ = û + ρ ∂û/∂ε · ε_ρ,    ε_ρ = −(n̂·û) / (ρ n̂·∂û/∂ε)
    /// ∂x/∂θ = ρ (∂û/∂θ + ∂û/∂ε · ε_θ),    ε_θ = −(n̂·∂û/∂θ) / (n̂·∂û/∂ε)
    /// ```
    /// (h(x) = const ⇒ n̂ · dx = 0). n̂ is taken as the direction of the gradient of x²/a² + y²/a² + z²/b² at x
    /// (no trigonometry): it departs from the geodetic normal by ≈ 2 f h / a (10⁻⁵ rad at 10 km), which is the
    /// relative accuracy of the derivatives. One conversion instead of the three that finite differences need.
    /// - Returns: the position, its ECEF coordinates, the unit normal n̂ (ECEF), ∂x/∂ρ (dimensionless) and ∂x/∂θ
    ///   (metres per radian), both ECEF; `nil` where ``geodetic(slantRangeMetres:azimuth:targetHeightMetres:)``
    ///   is `nil`.
    public func geodeticWithDerivatives(
        slantRangeMetres: Double,
        azimuth: Double,
        targetHeightMetres: Double
    ) -> (
        position: GeodeticPosition, ecef: ECEFPosition, normal: SIMD3<Double>, dRange: SIMD3<Double>,
        dAzimuth: SIMD3<Double>
    )? {
        guard
            let s = solveElevation(
                slantRangeMetres: slantRangeMetres,
                azimuth: azimuth,
                targetHeightMetres: targetHeightMetres
            )
        else { return nil }
        let rho = slantRangeMetres
        let (se, ce, sa, ca) = (s.sinElevation, s.cosElevation, s.sinAzimuth, s.cosAzimuth)
        let u = frame.ecefDirection(of: ENUVector(east: ce * sa, north: ce * ca, up: se))
        let uE = frame.ecefDirection(of: ENUVector(east: -se * sa, north: -se * ca, up: ce))
        let uT = frame.ecefDirection(of: ENUVector(east: ce * ca, north: -ce * sa, up: 0))
        let x = s.ecef.vector
        let g = SIMD3(x.x, x.y, x.z / (1 - WGS84.eccentricitySquared))
        let n = g / (g * g).sum().squareRoot()
        let nE = (n * uE).sum()
        guard abs(nE) > 1e-9 else { return nil }
        let dRange = u - uE * ((n * u).sum() / nE)
        let dAzimuth = rho * (uT - uE * ((n * uT).sum() / nE))
        return (s.position, s.ecef, n, dRange, dAzimuth)
    }

    /// Newton on the elevation (see ``geodetic(slantRangeMetres:azimuth:targetHeightMetres:)``).
    func solveElevation(
        slantRangeMetres: Double,
        azimuth: Double,
        targetHeightMetres: Double
    ) -> (
        position: GeodeticPosition, ecef: ECEFPosition, sinElevation: Double, cosElevation: Double,
        sinAzimuth: Double, cosAzimuth: Double
    )? {
        let rho = slantRangeMetres
        let dh = targetHeightMetres - antenna.heightMetres
        guard rho > 0, rho >= abs(dh) * (1 - 1e-12) else { return nil }
        let r = WGS84.radiusOfCurvatureMetres(latitude: antenna.latitude, azimuth: azimuth)
        let ra = r + antenna.heightMetres
        let rt = r + targetHeightMetres
        // sin ε = (B² − A² − ρ²) / (2Aρ) on the osculating sphere.
        let sinEl = ((rt - ra) * (rt + ra) - rho * rho) / (2 * ra * rho)
        var el = Double.asin(Swift.min(1, Swift.max(-1, sinEl)))
        let sa = Double.sin(azimuth)
        let ca = Double.cos(azimuth)
        for _ in 0..<10 {
            let se = Double.sin(el)
            let ce = Double.cos(el)
            let x = frame.ecef(of: ENUVector(east: rho * ce * sa, north: rho * ce * ca, up: rho * se))
            let p = x.geodetic
            let err = p.heightMetres - targetHeightMetres
            if abs(err) < 1e-5 { return (p, x, se, ce, sa, ca) }
            let dDirection = frame.ecefDirection(of: ENUVector(east: -se * sa, north: -se * ca, up: ce))
            let cp = Double.cos(p.latitude)
            let normal = SIMD3(cp * Double.cos(p.longitude), cp * Double.sin(p.longitude), Double.sin(p.latitude))
            let slope = rho * (dDirection * normal).sum()
            guard slope.isFinite, abs(slope) > 1e-3 else { return nil }
            el = Swift.min(Double.pi / 2, Swift.max(-Double.pi / 2, el - err / slope))
        }
        return nil
    }
}
