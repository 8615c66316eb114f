import SkyGeodesy

/// Per-call cost of the geodesy on the tracker's path (plot → position → plane) and of the geodesic solver.
///
/// Inputs cycle through 1,024 fixed targets within 450 km and 0–12 km of a radar at 48.7°N 2.4°E, so nothing can be
/// hoisted out of the loop; each result is folded into a checksum.
enum GeodesyBenchmark {
    static func run(_ arguments: [String]) {
        let site = RadarSite(antenna: GeodeticPosition(latitudeDegrees: 48.7, longitudeDegrees: 2.4, heightMetres: 100))
        let plane = StereographicPlane(reference: GeodeticPosition(latitudeDegrees: 46.5, longitudeDegrees: 2.5))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {  // SplitMix64 → [0, 1)
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        var targets: [GeodeticPosition] = []
        for _ in 0..<1_024 {
            var p = Geodesic.direct(
                from: site.antenna,
                azimuth: next() * 2 * Double.pi,
                distanceMetres: 5_000 + next() * 445_000
            )
            p.heightMetres = next() * 12_000
            targets.append(p)
        }
        let ecef = targets.map(\.ecef)
        let polars = targets.map { site.polar(of: $0) }
        let xys = targets.map { plane.project($0) }
        var i = 0
        var sink = 0.0
        @inline(__always) func step() -> Int {
            i = (i + 1) & 1_023
            return i
        }
        Harness.measure("geodetic → ECEF") { sink += targets[step()].ecef.x }
        Harness.measure("ECEF → geodetic") { sink += ecef[step()].geodetic.latitude }
        Harness.measure("RadarSite.polar(of:) (geodetic → ENU → polar)") {
            sink += site.polar(of: targets[step()]).azimuth
        }
        Harness.measure("RadarSite.geodetic(of: RadarPolar)") { sink += site.geodetic(of: polars[step()]).latitude }
        Harness.measure("RadarSite.geodetic(slantRange:azimuth:height:) exact") {
            let k = step()
            let p = polars[k]
            sink +=
                site.geodetic(
                    slantRangeMetres: p.slantRangeMetres,
                    azimuth: p.azimuth,
                    targetHeightMetres: targets[k].heightMetres
                )?.latitude ?? 0
        }
        Harness.measure("RadarSite.geodeticEffectiveEarth (4/3 earth + geodesic)", batch: 2_000) {
            let k = step()
            let p = polars[k]
            sink +=
                site.geodeticEffectiveEarth(
                    slantRangeMetres: p.slantRangeMetres,
                    azimuth: p.azimuth,
                    targetHeightMetres: targets[k].heightMetres
                ).latitude
        }
        Harness.measure("StereographicPlane.project") { sink += plane.project(targets[step()]).x }
        Harness.measure("StereographicPlane.unproject") { sink += plane.unproject(xys[step()]).latitude }
        Harness.measure("StereographicPlane.gridVector (convergence + scale)") {
            sink += plane.gridVector(eastNorth: SIMD2(200, 50), at: targets[step()]).x
        }
        Harness.measure("Geodesic.inverse (≤ 450 km)", batch: 2_000) {
            sink += Geodesic.inverse(from: site.antenna, to: targets[step()]).distanceMetres
        }
        Harness.measure("Geodesic.direct (≤ 450 km)", batch: 2_000) {
            sink +=
                Geodesic.direct(from: site.antenna, azimuth: Double(step()) * 0.006, distanceMetres: 400_000).latitude
        }
        let antipodes = targets.map { GeodeticPosition(latitude: -$0.latitude + 0.01, longitude: $0.longitude + 3.13) }
        Harness.measure("Geodesic.inverse (nearly antipodal)", batch: 500) {
            let k = step()
            sink += Geodesic.inverse(from: targets[k], to: antipodes[k]).distanceMetres
        }
        blackHole(sink)
    }
}
