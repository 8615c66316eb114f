import RealModule
public import SkyGeodesy

/// Where a radar can see a target: instrumented range, radio horizon, cone of silence.
///
/// The geometry is the benchmark's (`SCHEMA.md`, "Geometry"): covered when `minRange ≤ slant range ≤ maxRange`,
/// the target is above the 4/3-earth radio horizon given the antenna and target heights (no terrain), and its
/// elevation is at most the cone-of-silence angle. The horizon compares the great-circle ground distance on the
/// mean sphere (R = 6,371,008.8 m, haversine, as `geo.horizontal_distance`) with
/// `RadarHorizon.maximumGroundRangeMetres` (exact tangent-ray geometry on the 4/3-earth sphere).
public struct RadarCoverage: Sendable {
    /// The radar.
    public let site: GeodeticPosition
    public let minRangeMetres: Double
    public let maxRangeMetres: Double
    /// sin(cone-of-silence elevation).
    let sinCone: Double
    let antennaHeight: Double
    let cosSiteLatitude: Double

    /// The coverage of `radar`.
    public init(radar: RadarConfiguration) {
        site = radar.site
        minRangeMetres = radar.minRangeMetres
        maxRangeMetres = radar.maxRangeMetres
        sinCone = Double.sin(radar.coneOfSilenceElevation)
        // A negative or zero antenna height still sees targets above it; the benchmark clamps at 1 m.
        antennaHeight = Swift.max(radar.site.heightMetres, 1)
        cosSiteLatitude = Double.cos(radar.site.latitude)
    }

    /// Great-circle distance on the mean sphere between the site and `p` (haversine), metres.
    public func groundDistanceMetres(to p: GeodeticPosition) -> Double {
        let dLat = p.latitude - site.latitude
        let dLon = p.longitude - site.longitude
        let s1 = Double.sin(dLat / 2)
        let s2 = Double.sin(dLon / 2)
        let a = s1 * s1 + cosSiteLatitude * Double.cos(p.latitude) * s2 * s2
        return 2 * 6_371_008.8 * Double.asin(Swift.min(1, a.squareRoot()))
    }

    /// Whether `p` is above the radar's 4/3-earth horizon.
    public func isAboveHorizon(_ p: GeodeticPosition) -> Bool {
        groundDistanceMetres(to: p)
            <= RadarHorizon.maximumGroundRangeMetres(
                antennaHeightMetres: antennaHeight,
                targetHeightMetres: Swift.max(p.heightMetres, 0)
            )
    }

    /// Whether a target at ENU offset `enu` from the antenna and geodetic position `p` is covered.
    public func covers(enu: ENUVector, position p: GeodeticPosition) -> Bool {
        let range = enu.length
        guard range >= minRangeMetres, range <= maxRangeMetres else { return false }
        guard enu.up <= sinCone * range else { return false }
        return isAboveHorizon(p)
    }
}
