/// A point in WGS-84 latitude and longitude, degrees (the unit area files and configuration use).
public struct GeoPoint: Sendable, Hashable {
    /// Latitude, degrees north.
    public var latitudeDegrees: Double
    /// Longitude, degrees east.
    public var longitudeDegrees: Double

    /// A point; degrees.
    public init(latitudeDegrees: Double, longitudeDegrees: Double) {
        self.latitudeDegrees = latitudeDegrees
        self.longitudeDegrees = longitudeDegrees
    }
}

/// A polygon on the WGS-84 ellipsoid: one outer ring and optional holes, vertices in degrees.
///
/// Containment uses the even-odd rule directly on (longitude, latitude). An affine map of the plane keeps
/// containment, so this is exact for polygons whose edges are short enough to be straight on an equirectangular
/// chart (rhumb-line edges; the difference from great-circle edges is under 1 m for 10 km edges at 50° N). Polygons
/// must not cross the ±180° meridian.
public struct GeoPolygon: Sendable, Hashable {
    /// Rings: the outer boundary first, then holes. Closing vertex optional.
    public var rings: [[GeoPoint]]
    /// Bounding box, degrees: south, west, north, east.
    public private(set) var minLatitude: Double, minLongitude: Double, maxLatitude: Double, maxLongitude: Double

    /// A polygon from rings (outer first); degrees.
    /// - Precondition: the outer ring has at least three vertices.
    public init(rings: [[GeoPoint]]) {
        precondition(!rings.isEmpty && rings[0].count >= 3, "a polygon needs an outer ring of at least 3 vertices")
        self.rings = rings
        minLatitude = .infinity
        minLongitude = .infinity
        maxLatitude = -.infinity
        maxLongitude = -.infinity
        for p in rings[0] {
            minLatitude = min(minLatitude, p.latitudeDegrees)
            maxLatitude = max(maxLatitude, p.latitudeDegrees)
            minLongitude = min(minLongitude, p.longitudeDegrees)
            maxLongitude = max(maxLongitude, p.longitudeDegrees)
        }
    }

    /// A polygon with one ring; degrees.
    public init(_ outer: [GeoPoint]) { self.init(rings: [outer]) }

    /// A circle approximated by a regular polygon whose edges lie outside the true circle's chord by at most 0.2 %.
    /// - Parameters:
    ///   - center: centre, degrees.
    ///   - radiusMetres: radius on the ground, metres (spherical Earth of radius 6,371,008.8 m).
    ///   - vertices: number of vertices (64 gives a chord error of 0.12 % of the radius).
    public static func circle(center: GeoPoint, radiusMetres: Double, vertices: Int = 64) -> GeoPolygon {
        let dLat = radiusMetres / earthRadiusMetres * (180 / Double.pi)
        let dLon = dLat / cosDegrees(center.latitudeDegrees)
        // Circumscribe: put the vertices on a slightly larger circle so the polygon contains the circle.
        let scale = 1 / cosDegrees(180 / Double(vertices))
        var ring: [GeoPoint] = []
        for k in 0..<vertices {
            let a = 2 * Double.pi * Double(k) / Double(vertices)
            ring.append(
                GeoPoint(
                    latitudeDegrees: center.latitudeDegrees + scale * dLat * cosRadians(a),
                    longitudeDegrees: center.longitudeDegrees + scale * dLon * sinRadians(a)
                )
            )
        }
        return GeoPolygon(ring)
    }

    /// Whether the point (degrees) lies inside (even-odd rule over all rings).
    /// - Complexity: O(vertices) after an O(1) bounding-box rejection.
    public func contains(latitudeDegrees lat: Double, longitudeDegrees lon: Double) -> Bool {
        guard lat >= minLatitude, lat <= maxLatitude, lon >= minLongitude, lon <= maxLongitude else { return false }
        var inside = false
        for ring in rings {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let yi = ring[i].latitudeDegrees
                let yj = ring[j].latitudeDegrees
                if (yi > lat) != (yj > lat) {
                    let xi = ring[i].longitudeDegrees
                    let xj = ring[j].longitudeDegrees
                    let x = xi + (lat - yi) / (yj - yi) * (xj - xi)
                    if lon < x { inside.toggle() }
                }
                j = i
            }
        }
        return inside
    }
}

/// Mean Earth radius used for the short-range flat-Earth approximations in SkyAlerts, metres (IUGG mean radius).
let earthRadiusMetres = 6_371_008.8
/// Metres per nautical mile.
public let metresPerNauticalMile = 1852.0
/// Metres per foot.
public let metresPerFoot = 0.3048
