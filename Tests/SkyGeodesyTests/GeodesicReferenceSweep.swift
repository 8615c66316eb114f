import Foundation
import RealModule
import SkyGeodesy
import Testing

/// A large comparison against GeographicLib, run by `scripts/check-geodesic.sh`, which generates the cases with
/// GeographicLib's Python package and points `SKYWATCH_GEODESIC_CASES` at them (one line per case:
/// `lat1 lon1 lat2 lon2 s12 azi1 azi2`, degrees and metres). Skipped when the variable is not set, so the regular
/// test run needs neither Python nor network.
struct GeodesicReferenceSweep {
    static let path = ProcessInfo.processInfo.environment["SKYWATCH_GEODESIC_CASES"]

    @Test("Inverse and direct agree with GeographicLib on every generated case", .enabled(if: path != nil))
    func sweep() throws {
        let text = try String(contentsOfFile: try #require(Self.path), encoding: .utf8)
        var worstDistance = 0.0
        var worstAzimuth = 0.0
        var worstDirect = 0.0
        var count = 0
        for (number, line) in text.split(separator: "\n").enumerated() {
            let v = line.split(separator: " ").compactMap { Double($0) }
            try #require(v.count == 7, "line \(number + 1): \(line)")
            count += 1
            let p1 = GeodeticPosition(latitudeDegrees: v[0], longitudeDegrees: v[1])
            let p2 = GeodeticPosition(latitudeDegrees: v[2], longitudeDegrees: v[3])
            let r = Geodesic.inverse(from: p1, to: p2)
            let distanceError = abs(r.distanceMetres - v[4])
            worstDistance = max(worstDistance, distanceError)
            #expect(distanceError < 1e-6, "line \(number + 1): s12 \(r.distanceMetres) vs \(v[4])")
            // Azimuths are ill-conditioned within 0.01° of a pole and for lines of a few metres: there the
            // tolerance is what a 1e-9 m position change implies.
            if abs(v[0]) < 89.99 && abs(v[2]) < 89.99 {
                let tolerance = 1e-9 + 1e-6 / Swift.max(v[4], 1)
                let a1 = GeodesicTests.angleError(GeodesicTests.degrees(r.initialAzimuth), v[5])
                let a2 = GeodesicTests.angleError(GeodesicTests.degrees(r.finalAzimuth), v[6])
                if v[4] > 1_000 { worstAzimuth = max(worstAzimuth, a1, a2) }
                #expect(a1 < tolerance && a2 < tolerance, "line \(number + 1): azimuths \(a1), \(a2)")
            }
            let q = Geodesic.direct(from: p1, azimuth: v[5] * Double.pi / 180, distanceMetres: v[4])
            let miss = LocalTangentPlane(origin: p2).enu(of: q).length
            worstDirect = max(worstDirect, miss)
            #expect(miss < 1e-6, "line \(number + 1): direct misses by \(miss) m")
        }
        print(
            "GeodesicReferenceSweep: \(count) cases; worst inverse distance error \(worstDistance) m, worst azimuth"
                + " error (lines > 1 km) \(worstAzimuth)°, worst direct position error \(worstDirect) m"
        )
    }
}
