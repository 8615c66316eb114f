import RealModule
import SkyGeodesy
import SkyTestSupport
import Testing

struct RadarPolarTests {
    static let site = RadarSite(
        antenna: GeodeticPosition(latitudeDegrees: 48.7, longitudeDegrees: 2.4, heightMetres: 100)
    )

    /// The benchmark generator's geometry (../shared/bench/geo.py: geodetic_to_ecef, enu_matrix; slant range =
    /// |ENU|, azimuth = atan2(E, N) in [0, 360), elevation = asin(U / range)), computed once with numpy for a
    /// radar at 48.7°N 2.4°E 100 m: (target lat°, lon°, h m) → (range m, azimuth °, elevation °).
    static let benchCases: [((Double, Double, Double), (Double, Double, Double))] = [
        ((49.5, 3.2, 10_000), (106_975.862_612_616_53, 32.988_369_225_727_35, 4.831_692_291_763_812)),
        ((47.0, 1.0, 3_000), (216_168.994_757_590_12, 209.521_852_493_368_87, -0.202_516_612_935_037_45)),
        ((48.71, 2.41, 500), (1_392.314_663_480_292_7, 33.495_741_794_974_82, 16.689_873_396_500_307)),
        ((52.3, -1.5, 11_000), (487_025.078_529_941_2, 326.848_019_029_094_5, -0.903_990_272_902_381_1)),
        ((48.7, 6.5, 20_000), (302_866.262_879_759_25, 88.459_622_232_558_33, 2.413_473_763_031_161_6)),
    ]

    @Test("Exact path agrees with the benchmark generator (bench/geo.py) to 1 mm and 1e-9°", arguments: benchCases)
    func matchesBenchmarkGeometry(target: (Double, Double, Double), expected: (Double, Double, Double)) {
        let polar = Self.site.polar(
            of: GeodeticPosition(latitudeDegrees: target.0, longitudeDegrees: target.1, heightMetres: target.2)
        )
        #expect(polar.slantRangeMetres.isClose(to: expected.0, absoluteTolerance: 1e-3))
        #expect((polar.azimuth * 180 / Double.pi).isClose(to: expected.1, absoluteTolerance: 1e-9))
        #expect((polar.elevation * 180 / Double.pi).isClose(to: expected.2, absoluteTolerance: 1e-9))
    }

    @Test("Azimuth is clockwise from true north: a target due east has azimuth 90°")
    func azimuthConvention() {
        let east = Self.site.polar(
            of: Geodesic.direct(from: Self.site.antenna, azimuth: Double.pi / 2, distanceMetres: 1_000)
        )
        #expect((east.azimuth * 180 / Double.pi).isClose(to: 90, absoluteTolerance: 0.01))
        let west = Self.site.polar(
            of: Geodesic.direct(from: Self.site.antenna, azimuth: -Double.pi / 2, distanceMetres: 1_000)
        )
        #expect((west.azimuth * 180 / Double.pi).isClose(to: 270, absoluteTolerance: 0.01))
    }

    @Test("Seeded round trips within 1 mm, 0.5–450 km, 0–20 km: exact path, exact path from Mode C height, 4/3 earth")
    func roundTrips() {
        var rng = SeededRandom(seed: 0x4ADA)
        let site = Self.site
        for _ in 0..<1_000 {
            var target = Geodesic.direct(
                from: site.antenna,
                azimuth: rng.uniform(0...(2 * Double.pi)),
                distanceMetres: rng.uniform(500...450_000)
            )
            target.heightMetres = rng.uniform(0...20_000)
            // Exact ECEF path: full polar measurement.
            let polar = site.polar(of: target)
            let back = site.geodetic(of: polar)
            #expect(LocalTangentPlane(origin: target).enu(of: back).length < 1e-3, "seed \(rng.seed)")
            // Exact path from slant range, azimuth and height (no elevation measurement).
            let fromHeight = site.geodetic(
                slantRangeMetres: polar.slantRangeMetres,
                azimuth: polar.azimuth,
                targetHeightMetres: target.heightMetres
            )
            #expect(
                fromHeight.map { LocalTangentPlane(origin: target).enu(of: $0).length < 1e-3 } == true,
                "seed \(rng.seed)"
            )
            // 4/3 earth both ways.
            let refracted = site.polarEffectiveEarth(of: target)
            let back43 = site.geodeticEffectiveEarth(
                slantRangeMetres: refracted.slantRangeMetres,
                azimuth: refracted.azimuth,
                targetHeightMetres: target.heightMetres
            )
            #expect(LocalTangentPlane(origin: target).enu(of: back43).length < 1e-3, "seed \(rng.seed)")
            // Refraction bends the ray down: the 4/3 model sees the target higher than the straight line.
            #expect(refracted.elevation > polar.elevation, "seed \(rng.seed)")
        }
    }

    @Test("Effective earth with k = 1 reproduces the exact straight-line geometry to < 0.5 m at 450 km")
    func effectiveEarthWithoutRefraction() {
        var rng = SeededRandom(seed: 0x1EA7)
        var worst = 0.0
        for _ in 0..<500 {
            var target = Geodesic.direct(
                from: Self.site.antenna,
                azimuth: rng.uniform(0...(2 * Double.pi)),
                distanceMetres: rng.uniform(1_000...450_000)
            )
            target.heightMetres = rng.uniform(0...20_000)
            let exact = Self.site.polar(of: target)
            let sphere = Self.site.polarEffectiveEarth(of: target, kFactor: 1)
            worst = Swift.max(worst, abs(exact.slantRangeMetres - sphere.slantRangeMetres))
        }
        // The osculating sphere departs from the ellipsoid by O(e² d³/R²) along the ray.
        // Measured 0.23 m worst over 2 000 draws.
        #expect(worst < 0.5, "worst slant-range difference \(worst) m, seed \(rng.seed)")
    }

    @Test("Azimuth stays in [0, 2π) just west of north")
    func azimuthRange() {
        let polar = RadarPolar(enu: ENUVector(east: -1e-300, north: 1_000, up: 0))
        #expect(polar.azimuth >= 0 && polar.azimuth < 2 * Double.pi)
        let west = RadarPolar(enu: ENUVector(east: -1, north: 1_000, up: 0))
        #expect(west.azimuth.isClose(to: 2 * Double.pi - 0.001, absoluteTolerance: 1e-9))
    }

    @Test("Mode C height above the range sphere has no solution")
    func impossibleHeight() {
        #expect(Self.site.geodetic(slantRangeMetres: 1_000, azimuth: 0, targetHeightMetres: 5_000) == nil)
    }

    @Test(
        "Derivatives of the target position by slant range and azimuth match central differences",
        arguments: [(20_000.0, 0.3, 1_000.0), (150_000.0, 2.0, 9_000.0), (420_000.0, 4.4, 12_000.0)]
    )
    func derivatives(rangeMetres: Double, azimuth: Double, heightMetres: Double) throws {
        let s = Self.site
        let t = try #require(
            s.geodeticWithDerivatives(slantRangeMetres: rangeMetres, azimuth: azimuth, targetHeightMetres: heightMetres)
        )
        let plain = try #require(
            s.geodetic(slantRangeMetres: rangeMetres, azimuth: azimuth, targetHeightMetres: heightMetres)
        )
        #expect(t.position == plain)
        func x(_ r: Double, _ a: Double) throws -> SIMD3<Double> {
            try #require(s.geodetic(slantRangeMetres: r, azimuth: a, targetHeightMetres: heightMetres)).ecef.vector
        }
        // Central differences of 10 m and 10⁻⁴ rad: truncation ~10⁻⁸ relative; the height iteration's 10⁻⁵ m
        // tolerance gives ~10⁻⁶ noise on the range difference.
        let dRange = (try x(rangeMetres + 10, azimuth) - x(rangeMetres - 10, azimuth)) / 20
        let dAzimuth = (try x(rangeMetres, azimuth + 1e-4) - x(rangeMetres, azimuth - 1e-4)) / 2e-4
        func length(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
        // The derivatives use the ellipsoid gradient at the target as the normal (≈ 2 f h / a from the geodetic
        // one): 10⁻⁵ relative is their accuracy.
        #expect(length(t.dRange - dRange) < 1e-5 * length(dRange), "∂x/∂ρ \(t.dRange) vs \(dRange)")
        #expect(length(t.dAzimuth - dAzimuth) < 1e-5 * length(dAzimuth), "∂x/∂θ \(t.dAzimuth) vs \(dAzimuth)")
        // The azimuth derivative is about the ground distance (m per radian), perpendicular to the ray.
        #expect(abs(length(t.dAzimuth) / rangeMetres - 1) < 0.05)
        #expect(abs((t.normal * t.normal).sum() - 1) < 1e-12)
    }
}
