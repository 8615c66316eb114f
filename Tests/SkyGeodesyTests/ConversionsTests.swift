import RealModule
import SkyGeodesy
import SkyTestSupport
import Testing

struct ConversionsTests {
    @Test("IOGP GN 7-2 geographic ⇄ geocentric worked example (EPSG method 9602, WGS 84)")
    func epsgGeocentricExample() {
        // φ = 53°48'33.820"N, λ = 2°07'46.380"E, h = 73.0 m → X = 3 771 793.968 m, Y = 140 253.342 m,
        // Z = 5 124 304.349 m (printed to the millimetre).
        let p = GeodeticPosition(
            latitudeDegrees: 53 + 48 / 60.0 + 33.82 / 3600,
            longitudeDegrees: 2 + 7 / 60.0 + 46.38 / 3600,
            heightMetres: 73
        )
        let x = p.ecef
        #expect(x.x.isClose(to: 3_771_793.968, absoluteTolerance: 0.0005))
        #expect(x.y.isClose(to: 140_253.342, absoluteTolerance: 0.0005))
        #expect(x.z.isClose(to: 5_124_304.349, absoluteTolerance: 0.0005))
        let back = ECEFPosition(x: 3_771_793.968, y: 140_253.342, z: 5_124_304.349).geodetic
        // Rounding the printed X, Y, Z to 0.5 mm moves the point by < 1e-8°.
        #expect(back.latitudeDegrees.isClose(to: p.latitudeDegrees, absoluteTolerance: 1e-8))
        #expect(back.longitudeDegrees.isClose(to: p.longitudeDegrees, absoluteTolerance: 1e-8))
        #expect(back.heightMetres.isClose(to: 73, absoluteTolerance: 0.001))
    }

    @Test("Axes and poles: equator/prime meridian on +x, poles at ±b")
    func axes() {
        let origin = GeodeticPosition(latitude: 0, longitude: 0).ecef
        #expect(origin.x == WGS84.semiMajorAxisMetres && origin.y == 0 && origin.z == 0)
        let north = GeodeticPosition(latitudeDegrees: 90, longitudeDegrees: 0, heightMetres: 1_000).ecef
        #expect(north.z.isClose(to: WGS84.semiMinorAxisMetres + 1_000, absoluteTolerance: 1e-6))
        let back = ECEFPosition(x: 0, y: 0, z: -(WGS84.semiMinorAxisMetres + 500)).geodetic
        #expect(back.latitude == -Double.pi / 2)
        #expect(back.heightMetres.isClose(to: 500, absoluteTolerance: 1e-6))
    }

    @Test("ECEF → geodetic is exact to 10 µm over the whole globe from −1 km to 100 km height")
    func globalInverse() {
        var rng = SeededRandom(seed: 0x610B)
        for _ in 0..<5_000 {
            let p = GeodeticPosition(
                latitude: rng.uniform(-Double.pi / 2...Double.pi / 2),
                longitude: rng.uniform(-Double.pi...Double.pi),
                heightMetres: rng.uniform(-1_000...100_000)
            )
            let q = p.ecef.geodetic
            // 10 µm ≈ 1.6e-12 rad; the method's measured worst case is 3 nm.
            #expect(abs(q.latitude - p.latitude) < 1.6e-12, "seed \(rng.seed)")
            #expect(abs(q.heightMetres - p.heightMetres) < 1e-5, "seed \(rng.seed)")
            if abs(p.latitude) < 1.5 { #expect(abs(q.longitude - p.longitude) < 1.6e-12, "seed \(rng.seed)") }
        }
    }

    @Test(
        "Seeded round trips geodetic ⇄ ECEF ⇄ ENU within 1 mm: 450 km around a site, 0–20 km high",
        arguments: [
            (46.5, 2.5), (0.0, 0.0), (-33.9, 151.2), (78.2, 15.6),
        ]
    )
    func roundTrips(site: (Double, Double)) {
        var rng = SeededRandom(seed: 0xEC0F ^ UInt64(bitPattern: Int64(site.0 * 1000)))
        let frame = LocalTangentPlane(
            origin: GeodeticPosition(latitudeDegrees: site.0, longitudeDegrees: site.1, heightMetres: 120)
        )
        for _ in 0..<2_000 {
            let p = Geodesic.direct(
                from: frame.origin,
                azimuth: rng.uniform(0...(2 * Double.pi)),
                distanceMetres: rng.uniform(0...450_000)
            )
            let q = GeodeticPosition(
                latitude: p.latitude,
                longitude: p.longitude,
                heightMetres: rng.uniform(0...20_000)
            )
            let viaECEF = q.ecef.geodetic
            // 1 mm ≈ 1.6e-10 rad on the earth.
            #expect(abs(viaECEF.latitude - q.latitude) < 1.6e-10, "seed \(rng.seed)")
            #expect(abs(viaECEF.longitude - q.longitude) < 1.6e-10, "seed \(rng.seed)")
            #expect(abs(viaECEF.heightMetres - q.heightMetres) < 1e-3, "seed \(rng.seed)")
            let enu = frame.enu(of: q)
            let viaENU = frame.geodetic(of: enu)
            #expect(frame.enu(of: viaENU).vector.isClose(to: enu.vector), "seed \(rng.seed)")
            #expect(abs(viaENU.heightMetres - q.heightMetres) < 1e-3, "seed \(rng.seed)")
            #expect(abs(viaENU.latitude - q.latitude) < 1.6e-10, "seed \(rng.seed)")
        }
    }
}

extension SIMD3<Double> {
    /// Within 1 mm (Euclidean).
    func isClose(to other: SIMD3<Double>) -> Bool {
        let d = self - other
        return (d * d).sum().squareRoot() < 1e-3
    }
}
