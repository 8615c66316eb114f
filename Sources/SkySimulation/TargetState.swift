import RealModule
public import SkyGeodesy

/// The kinematic truth of one target at one instant.
///
/// The height is the barometric altitude taken as height above the ellipsoid, as the benchmark contract
/// (`SCHEMA.md`, "Target altitude for geometry") prescribes, so that Mode C agrees with the geometry to its quantum.
public struct TargetState: Sendable, Hashable {
    /// Seconds since the scenario epoch.
    public var time: Double
    /// Position (radians; height metres above the ellipsoid = barometric altitude).
    public var position: GeodeticPosition
    /// Velocity in the target's local East-North-Up frame, m/s.
    public var velocity: ENUVector

    /// A state; see each property for units.
    public init(time: Double, position: GeodeticPosition, velocity: ENUVector) {
        self.time = time
        self.position = position
        self.velocity = velocity
    }

    /// Ground speed, m/s.
    public var groundSpeed: Double { (velocity.east * velocity.east + velocity.north * velocity.north).squareRoot() }

    /// Course over ground, radians clockwise from true north in [0, 2π).
    public var course: Double {
        var c = Double.atan2(y: velocity.east, x: velocity.north)
        if c < 0 { c += 2 * Double.pi }
        return c
    }

    /// Barometric altitude in feet (the height taken as pressure altitude, 1 ft = 0.3048 m).
    public var altitudeFeet: Double { position.heightMetres / 0.3048 }

    /// ECEF velocity, m/s (the local ENU velocity rotated to the ECEF axes at the target).
    public var ecefVelocity: SIMD3<Double> {
        let sp = Double.sin(position.latitude)
        let cp = Double.cos(position.latitude)
        let sl = Double.sin(position.longitude)
        let cl = Double.cos(position.longitude)
        let east = SIMD3(-sl, cl, 0)
        let north = SIMD3(-sp * cl, -sp * sl, cp)
        let up = SIMD3(cp * cl, cp * sl, sp)
        return east * velocity.east + north * velocity.north + up * velocity.up
    }
}

/// Motion over the ellipsoid by small steps (dead reckoning with the local radii of curvature).
enum EllipsoidKinematics {
    /// The position after moving `east`, `north`, `up` metres from `p` (first-order in the step, evaluated at
    /// the step midpoint latitude; error below 1 mm for steps under 2 km).
    static func displaced(_ p: GeodeticPosition, east: Double, north: Double, up: Double) -> GeodeticPosition {
        let h = p.heightMetres + up / 2
        let m0 = WGS84.meridianRadiusMetres(latitude: p.latitude) + h
        let midLat = p.latitude + north / (2 * m0)
        let m = WGS84.meridianRadiusMetres(latitude: midLat) + h
        let n = WGS84.primeVerticalRadiusMetres(latitude: midLat) + h
        return GeodeticPosition(
            latitude: p.latitude + north / m,
            longitude: wrapLongitude(p.longitude + east / (n * Double.cos(midLat))),
            heightMetres: p.heightMetres + up
        )
    }

    static func wrapLongitude(_ lon: Double) -> Double {
        if lon > Double.pi { return lon - 2 * Double.pi }
        if lon <= -Double.pi { return lon + 2 * Double.pi }
        return lon
    }

    /// Horizontal bearing (radians clockwise from north) and distance (metres, chord in the local horizontal)
    /// from `from` to `to`, through the exact local ENU frame at `from`.
    ///
    /// On a sphere the ENU direction of the chord is exactly the initial great-circle course; on the ellipsoid it
    /// is the normal-section azimuth, within arc-seconds of the geodesic's. Steering repeatedly to this bearing
    /// therefore flies the great circle.
    static func bearingAndDistance(from: GeodeticPosition, to: GeodeticPosition) -> (bearing: Double, distance: Double)
    {
        let frame = LocalTangentPlane(origin: GeodeticPosition(latitude: from.latitude, longitude: from.longitude))
        let v = frame.enu(of: GeodeticPosition(latitude: to.latitude, longitude: to.longitude))
        var b = Double.atan2(y: v.east, x: v.north)
        if b < 0 { b += 2 * Double.pi }
        return (b, (v.east * v.east + v.north * v.north + v.up * v.up).squareRoot())
    }
}
