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
            let p = frame.ecef(of: ENUVector(east: rho * ce * sa, north: rho * ce * ca, up: rho * se)).geodetic
            let err = p.heightMetres - targetHeightMetres
            if abs(err) < 1e-5 { return p }
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
