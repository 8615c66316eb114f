import RealModule

// TEMPORARY: stands in for SkyGeodesy's `RadarHorizon` (geodesy helper, not on main yet). Same name and
// signature, so deleting this file switches to the SkyGeodesy version when it lands.
enum RadarHorizon {
    /// Ground distance to the 4/3-earth radio horizon of a target, metres: √(2·k·R·hₐ) + √(2·k·R·hₜ).
    static func maximumRangeMetres(antennaHeightMetres: Double, targetHeightMetres: Double) -> Double {
        let re = 4.0 / 3.0 * 6_371_008.8
        return (2 * re * Swift.max(antennaHeightMetres, 0)).squareRoot()
            + (2 * re * Swift.max(targetHeightMetres, 0)).squareRoot()
    }
}
