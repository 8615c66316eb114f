import RealModule
import SkyGeodesy
import SkyTestSupport
import Testing

struct StereographicPlaneTests {
    /// The system plane of the benchmark scenarios (../shared/bench: geo.Stereo(46.5, 2.5)).
    static let reference = GeodeticPosition(latitudeDegrees: 46.5, longitudeDegrees: 2.5)

    @Test("IOGP GN 7-2 oblique stereographic worked example (Amersfoort / RD New), forward and reverse")
    func epsgWorkedExample() {
        // IOGP Guidance Note 7-2, EPSG method 9809: Bessel 1841 (a = 6377397.155 m, 1/f = 299.15281),
        // φ₀ = 52°09'22.178"N, λ₀ = 5°23'15.500"E, k₀ = 0.9999079, FE = 155000 m, FN = 463000 m.
        // Point 53°N 6°E → E = 196105.283 m, N = 557057.739 m.
        let origin = GeodeticPosition(
            latitudeDegrees: 52 + 9 / 60.0 + 22.178 / 3600,
            longitudeDegrees: 5 + 23 / 60.0 + 15.5 / 3600
        )
        let plane = StereographicPlane(
            reference: origin,
            semiMajorAxisMetres: 6_377_397.155,
            flattening: 1 / 299.152_81,
            scaleFactor: 0.999_907_9,
            falseEastingMetres: 155_000,
            falseNorthingMetres: 463_000
        )
        let xy = plane.project(GeodeticPosition(latitudeDegrees: 53, longitudeDegrees: 6))
        // The guidance note prints millimetres: tolerance half a unit of the last printed digit.
        #expect(xy.x.isClose(to: 196_105.283, absoluteTolerance: 0.0005))
        #expect(xy.y.isClose(to: 557_057.739, absoluteTolerance: 0.0005))
        let back = plane.unproject(SIMD2(196_105.283, 557_057.739))
        // 0.5 mm on the ground is 4.5e-9 degrees of latitude.
        #expect(back.latitudeDegrees.isClose(to: 53, absoluteTolerance: 5e-9))
        #expect(back.longitudeDegrees.isClose(to: 6, absoluteTolerance: 8e-9))
    }

    /// Expected values from PROJ 9 `+proj=sterea +lat_0=46.5 +lon_0=2.5 +k=1 +ellps=WGS84` (pyproj 3.7.2, an
    /// independent implementation of the same method): (lat°, lon°, x m, y m, convergence° as PROJ signs it
    /// (the opposite rotation to ours), scale factor).
    static let projCases: [(Double, Double, Double, Double, Double, Double)] = [
        (50.0, 7.0, 322_819.8286, 398_770.9366, 3.359_621_032_544, 1.001_616_600_053),
        (42.0, -3.0, -456_218.2907, -484_980.2053, -3.842_383_578_602, 1.002_724_656_168),
        (46.5, 8.0, 422_006.9420, 14_703.6799, 3.991_015_565_000, 1.001_095_394_680),
        (51.0, 2.5, 0.0, 500_678.3365, 0.0, 1.001_538_901_756),
        (43.0, 6.0, 285_615.6524, -382_918.3219, 2.465_611_520_874, 1.001_402_428_226),
    ]

    @Test("WGS-84 system plane agrees with PROJ's sterea to 0.1 mm, 1e-9 in scale and 1e-8° in convergence")
    func matchesPROJ() {
        let plane = StereographicPlane(reference: Self.reference)
        for (lat, lon, x, y, convergence, k) in Self.projCases {
            let p = GeodeticPosition(latitudeDegrees: lat, longitudeDegrees: lon)
            let xy = plane.project(p)
            // PROJ prints to 0.1 mm here.
            #expect(xy.x.isClose(to: x, absoluteTolerance: 1e-4), "x at \(lat), \(lon)")
            #expect(xy.y.isClose(to: y, absoluteTolerance: 1e-4), "y at \(lat), \(lon)")
            // PROJ's factors come from numerical differentiation: agree to ~1e-10.
            #expect(plane.pointScaleFactor(at: p).isClose(to: k, absoluteTolerance: 1e-9))
            let gammaDegrees = plane.gridConvergence(at: p) * 180 / Double.pi
            #expect(gammaDegrees.isClose(to: -convergence, absoluteTolerance: 1e-8), "γ at \(lat), \(lon)")
        }
    }

    @Test("Agrees in axes and signs with the benchmark generator's spherical plane (bench/geo.py Stereo)")
    func closeToBenchmarkSphere() {
        // geo.Stereo(46.5, 2.5).forward, computed once with numpy: 46.6°N 2.7°E → (15 280.153, 11 138.872) m and
        // 47.5°N 4.0°E → (112 688.150, 112 276.814) m. geo.py puts geodetic latitude directly on a 6 371 008.8 m
        // sphere (not conformal on the ellipsoid), so the planes differ by up to ~0.6 %: this guards axis order and
        // sign conventions, not precision. Trackers must use this plane, not geo.py's, for metric work.
        let plane = StereographicPlane(reference: Self.reference)
        let a = plane.project(GeodeticPosition(latitudeDegrees: 46.6, longitudeDegrees: 2.7))
        let b = plane.project(GeodeticPosition(latitudeDegrees: 47.5, longitudeDegrees: 4.0))
        #expect(a.x.isClose(to: 15_280.153, relativeTolerance: 1e-2))
        #expect(a.y.isClose(to: 11_138.872, relativeTolerance: 1e-2))
        #expect(b.x.isClose(to: 112_688.150, relativeTolerance: 1e-2))
        #expect(b.y.isClose(to: 112_276.814, relativeTolerance: 1e-2))
    }

    @Test("Round trip unproject → project within 1 mm out to 600 km", arguments: [46.5, 0.0, -35.0, 70.0])
    func roundTrip(referenceLatitude: Double) {
        var rng = SeededRandom(seed: 0x57E7_E000 &+ UInt64(referenceLatitude + 90))
        // Reference near the antimeridian, so the longitude wrap is exercised.
        let plane = StereographicPlane(
            reference: GeodeticPosition(latitudeDegrees: referenceLatitude, longitudeDegrees: 179.5)
        )
        var worst = 0.0
        for _ in 0..<2_000 {
            let xy = SIMD2(rng.uniform(-600_000...600_000), rng.uniform(-600_000...600_000))
            let p = plane.unproject(xy)
            let back = plane.project(p)
            worst = Swift.max(worst, ((back - xy) * (back - xy)).sum().squareRoot())
            // And geodetic → plane → geodetic: 1e-12 rad ≈ 6 µm.
            let again = plane.unproject(back)
            #expect(abs(again.latitude - p.latitude) < 1e-12, "seed \(rng.seed)")
            #expect(abs(again.longitude - p.longitude) < 1e-12 / Double.cos(p.latitude), "seed \(rng.seed)")
            #expect(abs(p.longitude) <= Double.pi, "seed \(rng.seed)")
        }
        #expect(worst < 1e-3, "worst round-trip error \(worst) m, seed \(rng.seed)")
    }

    @Test(
        "unprojectWithDistortion equals unproject then scaleAndConvergence to rounding",
        arguments: [46.5, 0.0, -35.0, 70.0]
    )
    func fusedInverse(referenceLatitude: Double) {
        var rng = SeededRandom(seed: 0xD157_0000 &+ UInt64(referenceLatitude + 90))
        let plane = StereographicPlane(
            reference: GeodeticPosition(latitudeDegrees: referenceLatitude, longitudeDegrees: 179.5)
        )
        for i in 0..<2_000 {
            let xy =
                i == 0 ? SIMD2<Double>.zero : SIMD2(rng.uniform(-600_000...600_000), rng.uniform(-600_000...600_000))
            let (p, k, c, s) = plane.unprojectWithDistortion(xy)
            let q = plane.unproject(xy)
            let (k2, c2, s2) = plane.scaleAndConvergence(at: q)
            #expect(abs(p.latitude - q.latitude) < 1e-15 && abs(p.longitude - q.longitude) < 1e-15, "seed \(rng.seed)")
            #expect(abs(k - k2) < 1e-14 && abs(c - c2) < 1e-14 && abs(s - s2) < 1e-14, "seed \(rng.seed)")
        }
    }

    @Test("Point scale factor and convergence equal the numerical derivatives of the projection")
    func scaleFactorAgainstNumericalDerivative() {
        var rng = SeededRandom(seed: 0x5CA1E)
        let plane = StereographicPlane(reference: Self.reference)
        for _ in 0..<200 {
            let p = GeodeticPosition(
                latitudeDegrees: 46.5 + rng.uniform(-4.5...4.5),
                longitudeDegrees: 2.5 + rng.uniform(-6.5...6.5)
            )
            let k = plane.pointScaleFactor(at: p)
            // Central differences with a 1e-6 rad step (≈ 6 m): truncation error ~1e-13, rounding ~1e-10.
            let d = 1e-6
            var north = p
            var south = p
            var east = p
            var west = p
            north.latitude += d
            south.latitude -= d
            east.longitude += d
            west.longitude -= d
            let meridianLength = WGS84.meridianRadiusMetres(latitude: p.latitude) * 2 * d
            let parallelLength =
                WGS84.primeVerticalRadiusMetres(latitude: p.latitude) * Double.cos(p.latitude) * 2 * d
            let dy = plane.project(north) - plane.project(south)
            let dx = plane.project(east) - plane.project(west)
            let kMeridian = (dy * dy).sum().squareRoot() / meridianLength
            let kParallel = (dx * dx).sum().squareRoot() / parallelLength
            #expect(k.isClose(to: kMeridian, absoluteTolerance: 1e-9), "seed \(rng.seed)")
            #expect(k.isClose(to: kParallel, absoluteTolerance: 1e-9), "seed \(rng.seed)")
            // Grid convergence: the plane bearing of the meridian's image.
            let gamma = Double.atan2(y: dy.x, x: dy.y)
            #expect(plane.gridConvergence(at: p).isClose(to: gamma, absoluteTolerance: 1e-9), "seed \(rng.seed)")
        }
    }

    @Test("Scale factor is 1 at the reference and about 1 + d²/4R² away from it")
    func scaleFactorGrowth() {
        let plane = StereographicPlane(reference: Self.reference)
        #expect(plane.pointScaleFactor(at: Self.reference).isClose(to: 1, absoluteTolerance: 1e-15))
        #expect(plane.gridConvergence(at: Self.reference) == 0)
        let r = WGS84.gaussianRadiusMetres(latitude: Self.reference.latitude)
        let p = plane.unproject(SIMD2(0, 500_000))
        // On the sphere k = 1 + ρ²/4R² exactly (ρ = plane distance); the ellipsoid adds O(e² ρ³/R³) ≈ 1e-6.
        #expect(
            plane.pointScaleFactor(at: p).isClose(to: 1 + 500_000.0 * 500_000 / (4 * r * r), absoluteTolerance: 2e-6)
        )
    }

    @Test("gridVector is the projection's Jacobian and eastNorthVector its inverse")
    func gridVectorIsJacobian() {
        let plane = StereographicPlane(reference: Self.reference)
        let p = GeodeticPosition(latitudeDegrees: 49.0, longitudeDegrees: 7.5)
        // A 10 m displacement at azimuth 30°, via ENU → geodetic; compare with the plane difference.
        let frame = LocalTangentPlane(origin: p)
        let az = 30.0 * Double.pi / 180
        let en = SIMD2(10 * Double.sin(az), 10 * Double.cos(az))
        let q = frame.geodetic(of: ENUVector(east: en.x, north: en.y, up: 0))
        let exact = plane.project(q) - plane.project(p)
        let linear = plane.gridVector(eastNorth: en, at: p)
        // Second-order terms over 10 m are ~ 10²/R ≈ 1.6e-5 m.
        #expect(((exact - linear) * (exact - linear)).sum().squareRoot() < 1e-4)
        let back = plane.eastNorthVector(grid: linear, at: p)
        #expect(((back - en) * (back - en)).sum().squareRoot() < 1e-12)
        let distortion = plane.gridDistortion(at: p)
        #expect(distortion.scaleFactor.isClose(to: plane.pointScaleFactor(at: p), absoluteTolerance: 1e-15))
        #expect(distortion.convergence.isClose(to: plane.gridConvergence(at: p), absoluteTolerance: 1e-15))
        let bearing = Double.atan2(y: linear.x, x: linear.y)
        #expect(bearing.isClose(to: plane.gridBearing(trueAzimuth: az, at: p), absoluteTolerance: 1e-12))
    }
}
