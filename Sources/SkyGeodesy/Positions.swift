/// A WGS-84 geodetic position: latitude and longitude in **radians**, height above the ellipsoid in metres.
@frozen
public struct GeodeticPosition: Sendable, Hashable {
    /// Geodetic latitude φ, radians, positive north.
    public var latitude: Double
    /// Longitude λ, radians, positive east.
    public var longitude: Double
    /// Height above the WGS-84 ellipsoid, metres.
    public var heightMetres: Double

    /// A position from radians and metres.
    @inlinable
    public init(latitude: Double, longitude: Double, heightMetres: Double = 0) {
        self.latitude = latitude
        self.longitude = longitude
        self.heightMetres = heightMetres
    }

    /// A position from degrees (the edge unit of files and displays) and metres.
    @inlinable
    public init(latitudeDegrees: Double, longitudeDegrees: Double, heightMetres: Double = 0) {
        self.init(
            latitude: latitudeDegrees * (Double.pi / 180),
            longitude: longitudeDegrees * (Double.pi / 180),
            heightMetres: heightMetres
        )
    }

    /// Latitude in degrees.
    @inlinable public var latitudeDegrees: Double { latitude * (180 / Double.pi) }
    /// Longitude in degrees (not normalised: the range of ``longitude``, which conversions in this module keep
    /// within [−180°, 180°]).
    @inlinable public var longitudeDegrees: Double { longitude * (180 / Double.pi) }
}

/// An Earth-centred, Earth-fixed (ECEF) position in metres (WGS-84 axes: x to 0°N 0°E, z to the north pole).
@frozen
public struct ECEFPosition: Sendable, Hashable {
    /// The coordinates x, y, z in metres.
    public var vector: SIMD3<Double>

    /// A position from its coordinates in metres.
    @inlinable
    public init(x: Double, y: Double, z: Double) { vector = SIMD3(x, y, z) }

    /// A position from a coordinate vector in metres.
    @inlinable
    public init(_ vector: SIMD3<Double>) { self.vector = vector }

    @inlinable public var x: Double { vector.x }
    @inlinable public var y: Double { vector.y }
    @inlinable public var z: Double { vector.z }

    /// Euclidean (chord) distance to `other`, metres.
    @inlinable
    public func distance(to other: ECEFPosition) -> Double {
        let d = vector - other.vector
        return (d * d).sum().squareRoot()
    }
}

/// A vector in a local East-North-Up frame, metres (or m/s for velocities), relative to that frame's origin.
@frozen
public struct ENUVector: Sendable, Hashable {
    /// The components east, north, up.
    public var vector: SIMD3<Double>

    /// A vector from its components.
    @inlinable
    public init(east: Double, north: Double, up: Double) { vector = SIMD3(east, north, up) }

    /// A vector from (east, north, up).
    @inlinable
    public init(_ vector: SIMD3<Double>) { self.vector = vector }

    @inlinable public var east: Double { vector.x }
    @inlinable public var north: Double { vector.y }
    @inlinable public var up: Double { vector.z }

    /// Euclidean length.
    @inlinable public var length: Double { (vector * vector).sum().squareRoot() }
}
