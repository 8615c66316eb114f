public import RealModule

extension GeodeticPosition {
    /// The ECEF position of this geodetic position (exact closed form).
    ///
    /// ```
    /// x = (N + h) cos φ cos λ,  y = (N + h) cos φ sin λ,  z = (N(1 − e²) + h) sin φ
    /// ```
    @inlinable
    public var ecef: ECEFPosition {
        let sinPhi = Double.sin(latitude)
        let cosPhi = Double.cos(latitude)
        let n = WGS84.semiMajorAxisMetres / (1 - WGS84.eccentricitySquared * sinPhi * sinPhi).squareRoot()
        let r = (n + heightMetres) * cosPhi
        return ECEFPosition(
            x: r * Double.cos(longitude),
            y: r * Double.sin(longitude),
            z: (n * (1 - WGS84.eccentricitySquared) + heightMetres) * sinPhi
        )
    }
}

extension ECEFPosition {
    /// The geodetic position of this ECEF point.
    ///
    /// Bowring's (1976) closed form from the parametric latitude, then two fixed-point steps on the exact relation
    /// `tan φ = (z + e² N(φ) sin φ) / p`, which contracts by ≈ e² per step. Measured over 200,000 random points
    /// from −1 km to 100 km height: Bowring alone is within 0.09 mm, one step 0.3 µm, two steps 3 nm. Fixed work,
    /// no data-dependent loop. Points on the polar axis (p → 0) are handled explicitly.
    @inlinable
    public var geodetic: GeodeticPosition {
        let a = WGS84.semiMajorAxisMetres
        let b = WGS84.semiMinorAxisMetres
        let e2 = WGS84.eccentricitySquared
        let ep2 = WGS84.secondEccentricitySquared
        let p = (x * x + y * y).squareRoot()
        let lon = Double.atan2(y: y, x: x)
        if p < 1e-9 {
            let lat = z >= 0 ? Double.pi / 2 : -Double.pi / 2
            return GeodeticPosition(latitude: lat, longitude: 0, heightMetres: abs(z) - b)
        }
        // Angles are carried as unnormalised (sine, cosine) pairs, so the iteration needs square roots only and
        // one atan2 at the end (the trigonometric calls dominated its cost).
        // Bowring (1976): parametric latitude θ with tan θ = a z / (b p), then
        // tan φ = (z + e′² b sin³θ) / (p − e² a cos³θ).
        let tr = ((z * a) * (z * a) + (p * b) * (p * b)).squareRoot()
        let st = z * a / tr
        let ct = p * b / tr
        var num = z + ep2 * b * st * st * st
        var den = p - e2 * a * ct * ct * ct
        // Fixed-point refinement: tan φ = (z + e² N sin φ) / p.
        for _ in 0..<2 {
            let s = num / (num * num + den * den).squareRoot()
            let n = a / (1 - e2 * s * s).squareRoot()
            num = z + e2 * n * s
            den = p
        }
        let r = (num * num + den * den).squareRoot()
        let s = num / r
        let c = den / r
        let lat = Double.atan2(y: num, x: den)
        // Height: p cos φ + z sin φ − a²/N, numerically stable at any latitude (a²/N = a √(1 − e² sin²φ)).
        let h = p * c + z * s - a * (1 - e2 * s * s).squareRoot()
        return GeodeticPosition(latitude: lat, longitude: lon, heightMetres: h)
    }
}

/// A local East-North-Up tangent plane at a geodetic origin (e.g. a radar site or the system reference point).
///
/// Converts exactly (rotation + translation) between ECEF and ENU; no projection error at any distance.
public struct LocalTangentPlane: Sendable {
    /// The origin of the frame.
    public let origin: GeodeticPosition
    /// The origin in ECEF.
    public let originECEF: ECEFPosition
    @usableFromInline let east: SIMD3<Double>
    @usableFromInline let north: SIMD3<Double>
    @usableFromInline let up: SIMD3<Double>

    /// A frame at `origin`.
    public init(origin: GeodeticPosition) {
        self.origin = origin
        self.originECEF = origin.ecef
        let sp = Double.sin(origin.latitude)
        let cp = Double.cos(origin.latitude)
        let sl = Double.sin(origin.longitude)
        let cl = Double.cos(origin.longitude)
        east = SIMD3(-sl, cl, 0)
        north = SIMD3(-sp * cl, -sp * sl, cp)
        up = SIMD3(cp * cl, cp * sl, sp)
    }

    /// ENU coordinates of an ECEF point, metres.
    @inlinable
    public func enu(of point: ECEFPosition) -> ENUVector {
        let d = point.vector - originECEF.vector
        return ENUVector(east: (d * east).sum(), north: (d * north).sum(), up: (d * up).sum())
    }

    /// ENU coordinates of a geodetic point, metres.
    @inlinable
    public func enu(of point: GeodeticPosition) -> ENUVector { enu(of: point.ecef) }

    /// ENU components of an ECEF direction or velocity (rotation only, no translation).
    @inlinable
    public func enuDirection(ofECEF v: SIMD3<Double>) -> ENUVector {
        ENUVector(east: (v * east).sum(), north: (v * north).sum(), up: (v * up).sum())
    }

    /// ECEF direction of an ENU direction or velocity (rotation only).
    @inlinable
    public func ecefDirection(of v: ENUVector) -> SIMD3<Double> {
        east * v.east + north * v.north + up * v.up
    }

    /// ECEF position of local ENU coordinates.
    @inlinable
    public func ecef(of v: ENUVector) -> ECEFPosition {
        ECEFPosition(originECEF.vector + ecefDirection(of: v))
    }

    /// Geodetic position of local ENU coordinates.
    @inlinable
    public func geodetic(of v: ENUVector) -> GeodeticPosition { ecef(of: v).geodetic }
}
