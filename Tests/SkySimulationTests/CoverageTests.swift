import RealModule
import SkyGeodesy
import SkyModel
@testable import SkySimulation
import Testing

struct CoverageTests {
    /// Exact tangent-ray horizon on the 4/3-earth sphere: the ray from the antenna grazing the sphere reaches a
    /// target at height hₜ when the central angle is at most acos(R'/(R'+hₐ)) + acos(R'/(R'+hₜ)); ground
    /// distances are preserved by the effective-earth construction, so d = R'·θ. (The square-root formula of
    /// the simulator is this to first order in h/R.)
    static func exactHorizon(antenna: Double, target: Double) -> Double {
        let r = 4.0 / 3.0 * 6_371_008.8
        return r * (Double.acos(r / (r + antenna)) + Double.acos(r / (r + target)))
    }

    @Test("Horizon cut-off of the simulated radar matches the 4/3-earth geometry to 1 %", arguments: [300.0, 3_000, 10_000])
    func horizonCutOff(height: Double) {
        let predicted = Self.exactHorizon(antenna: Fixture.site.heightMetres, target: height)
        var targets: [TargetSpecification] = []
        for k in 0..<1_000 {
            // Ground distances from 0.9 to 1.1 × the prediction, on three bearings.
            let d = predicted * (0.9 + 0.2 * Double(k) / 1_000)
            targets.append(Fixture.stationary(id: k + 1, bearing: Double(k % 3) * 2.1, distance: d, height: height))
        }
        let radar = Fixture.radar(maxRange: 1_000_000)
        var simulation = Simulation(configuration: Fixture.configuration(radars: [radar], targets: targets, duration: 0))
        let frame = simulation.next()!
        let coverage = RadarCoverage(radar: radar)
        var lastCovered = 0.0, firstHidden = Double.infinity
        for s in frame.truth {
            let d = coverage.groundDistanceMetres(to: s.state.position)
            if s.coverageCount > 0 { lastCovered = max(lastCovered, d) } else { firstHidden = min(firstHidden, d) }
        }
        print("horizon h=\(height) m: covered to \(lastCovered) m, hidden from \(firstHidden) m, exact \(predicted) m")
        #expect(lastCovered < firstHidden, "coverage must be a clean cut-off")
        #expect(abs(lastCovered / predicted - 1) < 0.01, "cut-off \(lastCovered) m vs exact \(predicted) m")
    }

    @Test("Cone of silence: no coverage above 40° elevation; range limits respected")
    func coneOfSilence() {
        let radar = Fixture.radar(maxRange: 100_000)
        let targets = [
            Fixture.stationary(id: 1, bearing: 0, distance: 3_000, height: 10_000),  // ≈ 73° elevation
            Fixture.stationary(id: 2, bearing: 0, distance: 30_000, height: 10_000),  // ≈ 18°
            Fixture.stationary(id: 3, bearing: 1, distance: 120_000, height: 10_000),  // beyond max range
        ]
        let frames = Fixture.run(Fixture.configuration(radars: [radar], targets: targets, duration: 40))
        let truthIDs = Set(frames.flatMap { $0.plots.map(\.truthID) })
        #expect(truthIDs == [2])
        #expect(frames[0].truth.map(\.coverageCount) == [0, 1, 0])
    }

    @Test("Mode C quantised to the radar's quantum; codes only from SSR and Mode S radars")
    func codes() {
        let target = Fixture.stationary(id: 1, bearing: 0.5, distance: 50_000, height: 9_000)
        for (kind, quantum) in [(SensorKind.modeS, 25.0), (.ssr, 100)] {
            let frames = Fixture.run(
                Fixture.configuration(radars: [Fixture.radar(kind: kind)], targets: [target], duration: 60))
            let plots = frames.flatMap(\.plots)
            #expect(!plots.isEmpty)
            for p in plots {
                let c = p.plot.modeCFeet ?? -1
                #expect(c == (9_000 / 0.3048 / quantum).rounded() * quantum)
                #expect(p.plot.modeA == Mode3ACode(1))
                #expect((p.plot.address != nil) == (kind == .modeS))
            }
        }
    }
}
