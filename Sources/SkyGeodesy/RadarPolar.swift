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
        if az < 0 { az += 2 * Double.pi }
        azimuth = az
        elevation = Double.atan2(y: v.up, x: horizontal)
    }

    /// The ENU vector relative to the antenna.
    @inlinable
    public var enu: ENUVector {
        let ce = Double.cos(elevation)
        return ENUVector(
            east: slantRangeMetres * ce * Double.sin(azimuth), north: slantRangeMetres * ce * Double.cos(azimuth),
            up: slantRangeMetres * Double.sin(elevation))
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
    /// (e.g. from Mode C), solving the exact geometry for the elevation.
    ///
    /// The target lies where the sphere `|x − antenna| = slantRange` meets the ellipsoidal shell of height
    /// `targetHeightMetres` in the azimuth half-plane; found by Newton iteration on the elevation.
    /// - Returns: `nil` when no such point exists (range shorter than the height difference).
    public func geodetic(slantRangeMetres: Double, azimuth: Double, targetHeightMetres: Double) -> GeodeticPosition? {
        let dh = targetHeightMetres - antenna.heightMetres
        guard slantRangeMetres > abs(dh) * 0.999_999 || slantRangeMetres > 0 && dh == 0 else { return nil }
        // Spherical first guess with the Gaussian radius, then Newton on h(elevation) - target height.
        let r = WGS84.gaussianRadiusMetres(latitude: antenna.latitude)
        let ra = r + antenna.heightMetres, rt = r + targetHeightMetres
        var sinEl = (rt * rt - ra * ra - slantRangeMetres * slantRangeMetres) / (2 * ra * slantRangeMetres)
        sinEl = Swift.min(1, Swift.max(-1, sinEl))
        var el = Double.asin(sinEl)
        var p = geodetic(of: RadarPolar(slantRangeMetres: slantRangeMetres, azimuth: azimuth, elevation: el))
        for _ in 0..<6 {
            let err = p.heightMetres - targetHeightMetres
            if abs(err) < 1e-4 { break }
            // dh/dEl ≈ range · cos(angle between ray and local vertical at target) ≈ range · cos(el) for small angles.
            let step = 1e-6
            let p2 = geodetic(
                of: RadarPolar(slantRangeMetres: slantRangeMetres, azimuth: azimuth, elevation: el + step))
            let slope = (p2.heightMetres - p.heightMetres) / step
            guard slope.isFinite, abs(slope) > 1e-9 else { return nil }
            el -= err / slope
            p = geodetic(of: RadarPolar(slantRangeMetres: slantRangeMetres, azimuth: azimuth, elevation: el))
        }
        return abs(p.heightMetres - targetHeightMetres) < 0.01 ? p : nil
    }
}
