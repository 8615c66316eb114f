import RealModule
import SkyGeodesy
import SkyTestSupport
import Testing

/// One geodesic: (lat1°, lon1°, azi1°, lat2°, lon2°, azi2°, s12 m).
typealias GeodesicCase = (Double, Double, Double, Double, Double, Double, Double)

struct GeodesicTests {
    /// Lines of GeographicLib's published test set GeodTest.dat (Karney, doi:10.5281/zenodo.32156, CC0), as
    /// quoted with their line numbers in the icao_wgs84 tests: line 2874 (random), 100001 and 100017 (nearly
    /// antipodal). The set's values are exact to ~1e-18 for the direct problem from (lat1, lon1, azi1, s12).
    static let geodTest: [GeodesicCase] = [
        (
            5.421025561218, 0, 84.846843174846, 3.027329237478900117, 109.666857465735641205, 96.826992198613537236,
            12_161_089.9991805
        ),
        (
            8.226828747671, 0, 111.1269645725, -8.516119211674268968, 178.688979582629224039, 68.982798544955243193,
            19_886_305.6710041
        ),
        (
            0.322440123063, 0, 100.319048368176, -0.367465171996537868, 179.160624688175359763,
            79.682430612745621077, 19_943_611.6727803
        ),
    ]
    /// GeodTest.dat line 460107: nearly antipodal through the poles. Azimuths at 0.014° from a pole are
    /// ill-conditioned in the inverse problem (1e-5° here for 1e-9 m), so only its distance and its direct
    /// solution are checked.
    static let geodTestPolar: GeodesicCase = (
        89.985810803742, 0, 90.033923043742, -89.985810803761488692, 179.999716989078075251, 89.966210133068275597,
        20_003_931.4528694
    )
    /// Lines under 1,300 km (the tracker's range) solved by GeographicLib 2.1 (Python, geodesic.py):
    /// independent reference values to ~15 nm.
    static let shortLines: [GeodesicCase] = [
        (
            -70.272278117510211, -107.22252273663298, 146.51016209178437, -70.274263593062216, -107.21863354971272,
            146.50650114886241, 265.61091766819652
        ),
        (
            81.698161053321854, 80.463903619358064, 177.1531177178955, 81.688520895482242, 80.467219474118153,
            177.1563987860516, 1_077.8491539546342
        ),
        (
            50.861886645910772, 68.689320281532645, -178.10342566104563, 45.306904019597013, 68.428941264838826,
            -178.29740988788276, 617_972.37599070079
        ),
        (
            -60.898060137979058, 17.553020634468453, 36.357886941260951, -54.57725379428814, 25.242236866029444,
            29.843101880825571, 838_625.33235367073
        ),
        (
            -18.829193290722444, -74.35337127316302, 30.890390678486455, -10.629521028608949, -69.444228030150967,
            29.638287335934564, 1_049_772.6356936547
        ),
        (
            -12.263822336535071, -132.70866539217857, 76.665591830462446, -9.3481259142877029, -121.27073321730899,
            74.513523813097152, 1_291_528.4857021237
        ),
    ]

    static func degrees(_ radians: Double) -> Double { radians * 180 / Double.pi }

    /// |a − b| in degrees, modulo 360.
    static func angleError(_ a: Double, _ b: Double) -> Double {
        var d = (a - b).truncatingRemainder(dividingBy: 360)
        if d > 180 { d -= 360 } else if d < -180 { d += 360 }
        return abs(d)
    }

    @Test("Inverse: GeodTest.dat lines (incl. nearly antipodal) to 1 µm and 1e-9°", arguments: geodTest + shortLines)
    func inverse(_ c: GeodesicCase) {
        let r = Geodesic.inverse(
            from: GeodeticPosition(latitudeDegrees: c.0, longitudeDegrees: c.1),
            to: GeodeticPosition(latitudeDegrees: c.3, longitudeDegrees: c.4)
        )
        #expect(r.distanceMetres.isClose(to: c.6, absoluteTolerance: 1e-6))
        // A 265 m line's azimuth is only defined to ~1e-16/265 m ≈ 1e-10°·(6.4e6/265); all these stay < 1e-9°.
        #expect(Self.angleError(Self.degrees(r.initialAzimuth), c.2) < 1e-9)
        #expect(Self.angleError(Self.degrees(r.finalAzimuth), c.5) < 1e-9)
    }

    @Test(
        "Direct: GeodTest.dat lines to 1 µm in position and 1e-9° in azimuth",
        arguments: geodTest + shortLines + [geodTestPolar]
    )
    func direct(_ c: GeodesicCase) {
        let start = GeodeticPosition(latitudeDegrees: c.0, longitudeDegrees: c.1)
        let (p, azimuth) = Geodesic.directWithAzimuth(from: start, azimuth: c.2 * Double.pi / 180, distanceMetres: c.6)
        let expected = GeodeticPosition(latitudeDegrees: c.3, longitudeDegrees: c.4)
        // Position error as a distance (longitude differences shrink near the poles).
        #expect(LocalTangentPlane(origin: expected).enu(of: p).length < 1e-6)
        #expect(Self.angleError(Self.degrees(azimuth), c.5) < 1e-9)
    }

    @Test("Inverse distance of the polar GeodTest line 460107")
    func inversePolar() {
        let c = Self.geodTestPolar
        let r = Geodesic.inverse(
            from: GeodeticPosition(latitudeDegrees: c.0, longitudeDegrees: c.1),
            to: GeodeticPosition(latitudeDegrees: c.3, longitudeDegrees: c.4)
        )
        #expect(r.distanceMetres.isClose(to: c.6, absoluteTolerance: 1e-6))
    }

    @Test("Karney (2013) worked examples: direct (§3, table 2) and nearly antipodal inverse (§5, table 4)")
    func karneyExamples() {
        // Direct: φ₁ = 40°, α₁ = 30°, s₁₂ = 10 000 km → φ₂ = 41.79331020506°, λ₁₂ = 137.84490004377°,
        // α₂ = 149.09016931807° (values printed to 1e-11°).
        let (p, azimuth) = Geodesic.directWithAzimuth(
            from: GeodeticPosition(latitudeDegrees: 40, longitudeDegrees: 0),
            azimuth: 30 * Double.pi / 180,
            distanceMetres: 10_000_000
        )
        #expect(p.latitudeDegrees.isClose(to: 41.793_310_205_06, absoluteTolerance: 1e-11))
        #expect(p.longitudeDegrees.isClose(to: 137.844_900_043_77, absoluteTolerance: 1e-11))
        #expect(Self.degrees(azimuth).isClose(to: 149.090_169_318_07, absoluteTolerance: 1e-11))
        // Inverse: φ₁ = −30°, φ₂ = 29.9°, λ₁₂ = 179.8° → α₁ = 161.890524736°, α₂ = 18.090737246°,
        // s₁₂ = 19 989 832.82761 m (where Vincenty's method fails).
        let r = Geodesic.inverse(
            from: GeodeticPosition(latitudeDegrees: -30, longitudeDegrees: 0),
            to: GeodeticPosition(latitudeDegrees: 29.9, longitudeDegrees: 179.8)
        )
        #expect(r.distanceMetres.isClose(to: 19_989_832.827_61, absoluteTolerance: 1e-5))
        #expect(Self.degrees(r.initialAzimuth).isClose(to: 161.890_524_736, absoluteTolerance: 1e-9))
        #expect(Self.degrees(r.finalAzimuth).isClose(to: 18.090_737_246, absoluteTolerance: 1e-9))
    }

    @Test("Special geodesics: equator, meridian through a pole, coincident points, exact antipodes")
    func specialCases() {
        let quarter = 10_001_965.729_3  // WGS-84 quarter meridian, metres (NGA TR8350.2 derived, to 0.1 mm)
        let pole = Geodesic.inverse(
            from: GeodeticPosition(latitudeDegrees: 0, longitudeDegrees: 10),
            to: GeodeticPosition(latitudeDegrees: 90, longitudeDegrees: 10)
        )
        #expect(pole.distanceMetres.isClose(to: quarter, absoluteTolerance: 1e-4))
        #expect(pole.initialAzimuth == 0)
        let equator = Geodesic.inverse(
            from: GeodeticPosition(latitudeDegrees: 0, longitudeDegrees: 0),
            to: GeodeticPosition(latitudeDegrees: 0, longitudeDegrees: 90)
        )
        #expect(equator.distanceMetres.isClose(to: WGS84.semiMajorAxisMetres * Double.pi / 2, absoluteTolerance: 1e-6))
        #expect(equator.initialAzimuth.isClose(to: Double.pi / 2, absoluteTolerance: 1e-15))
        let same = GeodeticPosition(latitudeDegrees: 46.5, longitudeDegrees: 2.5)
        #expect(Geodesic.inverse(from: same, to: same).distanceMetres == 0)
        // Exact antipodes on the equator: the shortest path runs over a pole, length 2 × quarter meridian.
        let antipodes = Geodesic.inverse(
            from: GeodeticPosition(latitudeDegrees: 0, longitudeDegrees: 0),
            to: GeodeticPosition(latitudeDegrees: 0, longitudeDegrees: 180)
        )
        #expect(antipodes.distanceMetres.isClose(to: 2 * quarter, absoluteTolerance: 2e-4))
    }

    @Test("Seeded round trips: direct then inverse over 0–1 000 km and the whole globe")
    func roundTrips() {
        var rng = SeededRandom(seed: 0x6E0D)
        for i in 0..<2_000 {
            let start = GeodeticPosition(
                latitudeDegrees: rng.uniform(-89.9...89.9),
                longitudeDegrees: rng.uniform(-180...180)
            )
            let azimuth = rng.uniform(-Double.pi...Double.pi)
            let distance = i < 1_000 ? rng.uniform(0...1_000_000) : rng.uniform(0...19_900_000)
            let end = Geodesic.direct(from: start, azimuth: azimuth, distanceMetres: distance)
            let r = Geodesic.inverse(from: start, to: end)
            #expect(r.distanceMetres.isClose(to: distance, absoluteTolerance: 1e-6), "seed \(rng.seed), case \(i)")
            // The azimuth is defined only to ~1e-15 m / distance.
            #expect(
                Self.angleError(Self.degrees(r.initialAzimuth), Self.degrees(azimuth)) < 1e-9 + 1e-6
                    / Swift.max(distance, 1),
                "seed \(rng.seed), case \(i)"
            )
        }
    }

    @Test("Short geodesics agree with the ECEF chord: arc − chord = d³/24R² with R the normal-section radius")
    func chordAgreement() {
        var rng = SeededRandom(seed: 0xC40D)
        for _ in 0..<200 {
            let p1 = GeodeticPosition(latitudeDegrees: rng.uniform(-80...80), longitudeDegrees: rng.uniform(-180...180))
            let azimuth = rng.uniform(0...(2 * Double.pi))
            let p2 = Geodesic.direct(from: p1, azimuth: azimuth, distanceMetres: 20_000)
            let chord = p1.ecef.distance(to: p2.ecef)
            // ≈ 8.2 mm at 20 km; R varies by < 0.01 % over the arc, and chord rounding is ~1e-9 m.
            let r = WGS84.radiusOfCurvatureMetres(latitude: p1.latitude, azimuth: azimuth)
            #expect((20_000 - chord).isClose(to: 8e12 / (24 * r * r), absoluteTolerance: 2e-6), "seed \(rng.seed)")
        }
    }
}
