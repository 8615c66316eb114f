import RealModule
import SkyGeodesy
import SkyTestSupport
import Testing

struct EffectiveEarthTests {
    @Test("Radar horizon: the textbook 4.12 km·√h[m] (1.23 NM·√h[ft]) for the 4/3 earth")
    func horizonRuleOfThumb() {
        // √(2 · 4/3 · 6 371 km · h) = 4.122 km·√h: the rule of thumb to its printed 3 digits.
        let d = RadarHorizon.maximumRangeMetres(antennaHeightMetres: 0, targetHeightMetres: 10_000)
        #expect(d.isClose(to: 4_122 * 100, relativeTolerance: 1e-3))
        let nm =
            RadarHorizon.maximumRangeMetres(antennaHeightMetres: 25 * 0.3048, targetHeightMetres: 10_000 * 0.3048)
            / 1852
        #expect(nm.isClose(to: 1.23 * (5 + 100), relativeTolerance: 2e-3))
        // Ground range vs tangent length L: the arc Rₑ·atan(L/Rₑ) is shorter by ≈ L³/(3Rₑ²) (323 m here).
        let g = RadarHorizon.maximumGroundRangeMetres(antennaHeightMetres: 0, targetHeightMetres: 10_000)
        let r = EffectiveEarth.fourThirds.radiusMetres
        #expect((d - g).isClose(to: d * d * d / (3 * r * r), relativeTolerance: 1e-2))
        #expect(RadarHorizon.maximumRangeMetres(antennaHeightMetres: -5, targetHeightMetres: 0) == 0)
    }

    @Test("Ground range and elevation: a 200 NM, FL350 example against the cosine rule")
    func workedExample() {
        // Antenna 30 m, target 10 668 m, slant range 200 NM = 370 400 m, Rₑ = 4/3 · 6 371 008.771 m:
        // cos θ = (A² + B² − ρ²)/2AB evaluated independently with numpy (float64; θ is large enough here
        // for acos to be well conditioned): g = 370 043.542 m, ε = 0.397 434°.
        let e = EffectiveEarth.fourThirds
        let g = e.groundRangeMetres(slantRangeMetres: 370_400, antennaHeightMetres: 30, targetHeightMetres: 10_668)
        let el = e.elevation(slantRangeMetres: 370_400, antennaHeightMetres: 30, targetHeightMetres: 10_668)
        #expect(g.isClose(to: 370_043.542, absoluteTolerance: 0.001))
        #expect((el * 180 / Double.pi).isClose(to: 0.397_434, absoluteTolerance: 1e-6))
        #expect(
            EffectiveEarth.groundRangeMetres(
                slantRangeMetres: 370_400,
                antennaHeightMetres: 30,
                targetHeightMetres: 10_668
            ) == g
        )
    }

    @Test("Flat-earth limit: with a huge radius the model is Pythagoras")
    func flatLimit() {
        let flat = EffectiveEarth(radiusMetres: 1e15)
        let g = flat.groundRangeMetres(slantRangeMetres: 50_000, antennaHeightMetres: 0, targetHeightMetres: 3_000)
        #expect(g.isClose(to: (50_000.0 * 50_000 - 3_000 * 3_000).squareRoot(), absoluteTolerance: 1e-3))
        let el = flat.elevation(slantRangeMetres: 50_000, antennaHeightMetres: 0, targetHeightMetres: 3_000)
        // The curvature term is −ρ/(2Rₑ) = −2.5e-11 rad at this radius.
        #expect(el.isClose(to: Double.asin(3_000 / 50_000), absoluteTolerance: 1e-10))
    }

    @Test("Round trips slant ⇄ ground and (slant, elevation) ⇄ height within 1 mm, 1–450 km, 0–20 km")
    func roundTrips() {
        var rng = SeededRandom(seed: 0x4_3EA7)
        let e = EffectiveEarth.fourThirds
        for _ in 0..<2_000 {
            let ha = rng.uniform(0...500)
            let ht = rng.uniform(0...20_000)
            let ground = rng.uniform(1_000...450_000)
            let rho = e.slantRangeMetres(groundRangeMetres: ground, antennaHeightMetres: ha, targetHeightMetres: ht)
            let g = e.groundRangeMetres(slantRangeMetres: rho, antennaHeightMetres: ha, targetHeightMetres: ht)
            #expect(g.isClose(to: ground, absoluteTolerance: 1e-3), "seed \(rng.seed)")
            let el = e.elevation(slantRangeMetres: rho, antennaHeightMetres: ha, targetHeightMetres: ht)
            let h = e.targetHeightMetres(slantRangeMetres: rho, elevation: el, antennaHeightMetres: ha)
            #expect(h.isClose(to: ht, absoluteTolerance: 1e-3), "seed \(rng.seed)")
            let g2 = e.groundRangeMetres(slantRangeMetres: rho, elevation: el, antennaHeightMetres: ha)
            #expect(g2.isClose(to: ground, absoluteTolerance: 1e-3), "seed \(rng.seed)")
        }
    }

    @Test("Inconsistent Mode C gives finite, clamped results, never NaN")
    func inconsistentInput() {
        let e = EffectiveEarth.fourThirds
        #expect(!e.isConsistent(slantRangeMetres: 1_000, antennaHeightMetres: 0, targetHeightMetres: 5_000))
        #expect(e.groundRangeMetres(slantRangeMetres: 1_000, antennaHeightMetres: 0, targetHeightMetres: 5_000) == 0)
        #expect(
            e.elevation(slantRangeMetres: 1_000, antennaHeightMetres: 0, targetHeightMetres: 5_000) == Double.pi / 2
        )
    }
}
