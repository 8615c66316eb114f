import RealModule

/// Compact Position Reporting: decoding and encoding of the 17-bit CPR latitude/longitude of ADS-B position
/// messages (RTCA DO-260B Appendix A §A.1.7; ICAO Doc 9871 Appendix C.2.6). All angles are **degrees**
/// (the wire quantisation is defined in degrees); convert to `GeodeticPosition` at the edge.
///
/// Airborne zones span 360° (resolution ≈ 5.1 m in latitude); surface zones span 90° (≈ 1.3 m), which
/// leaves a 90° ambiguity that a reference position resolves.
public enum CPR {
    /// Number of geographic latitude zones between equator and pole (NZ).
    public static let latitudeZones = 15
    /// 2¹⁷, the CPR field scale.
    static let scale = 131_072.0

    /// Latitudes (degrees) at which NL steps from 59 − i to 58 − i, for i = 0…57 (ascending).
    ///
    /// ```
    /// NL(lat) = floor(2π / acos(1 − (1 − cos(π / (2·NZ))) / cos²(π·lat/180)))
    /// ```
    /// Inverting for the latitude where NL = k gives `acos(sqrt(a / (1 − cos(2π/k))))`, a = 1 − cos(π/(2·NZ)).
    /// The last transition (NL 2 → 1) is 87° exactly by definition.
    static let transitionLatitudes: [Double] = {
        let a = 1 - Double.cos(Double.pi / Double(2 * latitudeZones))
        var t: [Double] = []
        for k in stride(from: 59, through: 3, by: -1) {
            let c = (a / (1 - Double.cos(2 * Double.pi / Double(k)))).squareRoot()
            t.append(Double.acos(c) * 180 / Double.pi)
        }
        t.append(87)
        return t
    }()

    /// NL: the number of longitude zones at a latitude (1…59), DO-260B §A.1.7.2.d.
    @inline(__always)
    public static func longitudeZones(latitudeDegrees lat: Double) -> Int {
        let x = abs(lat)
        if x > 87 { return 1 }
        if x == 87 { return 2 }
        return transitionLatitudes.withUnsafeBufferPointer { t in
            // First index whose boundary is > x (bisect_right).
            var lo = 0
            var hi = t.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if t[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            return 59 - lo
        }
    }

    @inline(__always) static func floorMod(_ a: Double, _ n: Double) -> Double { a - n * (a / n).rounded(.down) }

    /// Global airborne decoding of an even/odd pair (DO-260B §A.1.7.7).
    ///
    /// - Parameters:
    ///   - even: the even-format frame; `odd`: the odd-format frame. Both must come from the same aircraft
    ///     within about 10 s (the caller checks time).
    ///   - newerIsOdd: which frame is the more recent; its zone defines the position.
    /// - Returns: latitude and longitude in degrees (longitude in (−180, 180]), or `nil` when the two
    ///   latitudes fall in different NL zones (the pair straddles a zone boundary) or the result is not on
    ///   the sphere.
    public static func airborneGlobal(
        even: CPRFrame,
        odd: CPRFrame,
        newerIsOdd: Bool
    ) -> (
        latitude: Double, longitude: Double
    )? {
        let latE = Double(even.latitude) / scale
        let lonE = Double(even.longitude) / scale
        let latO = Double(odd.latitude) / scale
        let lonO = Double(odd.longitude) / scale
        let j = (59 * latE - 60 * latO + 0.5).rounded(.down)
        var latEven = 6 * (floorMod(j, 60) + latE)
        var latOdd = (360.0 / 59) * (floorMod(j, 59) + latO)
        if latEven >= 270 { latEven -= 360 }
        if latOdd >= 270 { latOdd -= 360 }
        let nl = longitudeZones(latitudeDegrees: latEven)
        guard nl == longitudeZones(latitudeDegrees: latOdd) else { return nil }
        let m = (lonE * Double(nl - 1) - lonO * Double(nl) + 0.5).rounded(.down)
        let lat: Double
        var lon: Double
        if newerIsOdd {
            lat = latOdd
            let ni = Double(max(nl - 1, 1))
            lon = (360 / ni) * (floorMod(m, ni) + lonO)
        } else {
            lat = latEven
            let ni = Double(max(nl, 1))
            lon = (360 / ni) * (floorMod(m, ni) + lonE)
        }
        if lon > 180 { lon -= 360 }
        guard abs(lat) <= 90, abs(lon) <= 180 else { return nil }
        return (lat, lon)
    }

    /// Local decoding of one frame against a reference within half a zone (airborne: < 180 NM; surface:
    /// < 45 NM) of the true position (DO-260B §A.1.7.5 and §A.1.7.6).
    /// - Parameters:
    ///   - frame: the CPR frame.
    ///   - surface: `true` for surface CPR (90° zones).
    ///   - referenceLatitude, referenceLongitude: degrees.
    /// - Returns: latitude and longitude, degrees. The answer is only right if the reference is in range.
    public static func local(
        _ frame: CPRFrame,
        surface: Bool,
        referenceLatitude: Double,
        referenceLongitude: Double
    ) -> (latitude: Double, longitude: Double) {
        let span = surface ? 90.0 : 360.0
        let i = frame.isOdd ? 1 : 0
        let cprLat = Double(frame.latitude) / scale
        let cprLon = Double(frame.longitude) / scale
        let dLat = span / Double(60 - i)
        let j = (0.5 + referenceLatitude / dLat - cprLat).rounded(.down)
        let lat = dLat * (j + cprLat)
        let ni = longitudeZones(latitudeDegrees: lat) - i
        let dLon = ni > 0 ? span / Double(ni) : span
        let m = (0.5 + referenceLongitude / dLon - cprLon).rounded(.down)
        return (lat, dLon * (m + cprLon))
    }

    /// Global surface decoding of an even/odd pair, with the 90° ambiguities resolved by a reference
    /// (receiver or airport) within 45 NM (DO-260B §A.1.7.8).
    /// - Returns: degrees, or `nil` when the latitudes fall in different NL zones.
    public static func surfaceGlobal(
        even: CPRFrame,
        odd: CPRFrame,
        newerIsOdd: Bool,
        referenceLatitude: Double,
        referenceLongitude: Double
    ) -> (latitude: Double, longitude: Double)? {
        let latE = Double(even.latitude) / scale
        let lonE = Double(even.longitude) / scale
        let latO = Double(odd.latitude) / scale
        let lonO = Double(odd.longitude) / scale
        let j = (59 * latE - 60 * latO + 0.5).rounded(.down)
        var latEven = 1.5 * (floorMod(j, 60) + latE)
        var latOdd = (90.0 / 59) * (floorMod(j, 59) + latO)
        // North solution or the one 90° south of it: take the one nearer the reference (by the newer frame).
        let newer = newerIsOdd ? latOdd : latEven
        if abs(referenceLatitude - (newer - 90)) < abs(referenceLatitude - newer) {
            latEven -= 90
            latOdd -= 90
        }
        let nl = longitudeZones(latitudeDegrees: latEven)
        guard nl == longitudeZones(latitudeDegrees: latOdd) else { return nil }
        let m = (lonE * Double(nl - 1) - lonO * Double(nl) + 0.5).rounded(.down)
        let lat: Double
        let base: Double
        if newerIsOdd {
            lat = latOdd
            let ni = Double(max(nl - 1, 1))
            base = (90 / ni) * (floorMod(m, ni) + lonO)
        } else {
            lat = latEven
            let ni = Double(max(nl, 1))
            base = (90 / ni) * (floorMod(m, ni) + lonE)
        }
        // Of the four longitudes base + 90°·q, take the one nearest the reference (circular distance): shift
        // base by the multiple of 90° nearest to (reference − base), then wrap into [−180°, 180°).
        var lon = base + 90 * ((referenceLongitude - base) / 90).rounded()
        lon = floorMod(lon + 180, 360) - 180
        return (lat, lon)
    }

    /// Encodes a position as a 17-bit CPR frame (DO-260B §A.1.7.2).
    ///
    /// Airborne zones span 360°/(60 − i), surface zones 90°/(60 − i), both quantised to 2¹⁷ steps (the
    /// step is 360°/60/2¹⁷ ≈ 5.1 m in latitude airborne, a quarter of that on the surface).
    /// - Parameters:
    ///   - latitude, longitude: degrees.
    ///   - odd: `true` for the odd format.
    ///   - surface: `true` for surface CPR.
    public static func encode(latitude: Double, longitude: Double, odd: Bool, surface: Bool = false) -> CPRFrame {
        let i = odd ? 1 : 0
        let span = surface ? 90.0 : 360.0
        let bits = scale
        let dLat = span / Double(60 - i)
        let yz = (bits * floorMod(latitude, dLat) / dLat + 0.5).rounded(.down)
        let rLat = dLat * (yz / bits + (latitude / dLat).rounded(.down))
        let ni = longitudeZones(latitudeDegrees: rLat) - i
        let dLon = ni > 0 ? span / Double(ni) : span
        let xz = (bits * floorMod(longitude, dLon) / dLon + 0.5).rounded(.down)
        return CPRFrame(
            isOdd: odd,
            latitude: UInt32(yz.truncatingRemainder(dividingBy: scale)),
            longitude: UInt32(xz.truncatingRemainder(dividingBy: scale))
        )
    }
}
