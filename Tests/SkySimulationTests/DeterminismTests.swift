import Testing

@testable import SkySimulation

struct DeterminismTests {
    static func digest(
        _ preset: SimulationPreset,
        seed: UInt64,
        duration: Int
    ) -> (
        [SimulatedPlot], [ADSBEmission], [TruthSample]
    ) {
        var simulation = Simulation(configuration: preset.configuration(seed: seed, durationSeconds: duration))
        var plots: [SimulatedPlot] = []
        var adsb: [ADSBEmission] = []
        var truth: [TruthSample] = []
        while let f = simulation.next() {
            plots += f.plots
            adsb += f.adsb
            truth += f.truth
        }
        return (plots, adsb, truth)
    }

    @Test("Same seed → identical plots, ADS-B and truth; another seed → different")
    func sameSeed() {
        let a = Self.digest(.airport, seed: 17, duration: 90)
        let b = Self.digest(.airport, seed: 17, duration: 90)
        let c = Self.digest(.airport, seed: 18, duration: 90)
        #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2)
        #expect(!a.0.isEmpty && !a.1.isEmpty)
        #expect(a.0 != c.0)
    }

    @Test("Presets: airport has drones and holds; border has fast objects; stress has 20,000 targets")
    func presets() {
        let airport = SimulationPreset.airport.configuration(seed: 1, durationSeconds: 600)
        #expect(airport.targets.contains { $0.identity.category == .drone })
        #expect(
            airport.targets.contains {
                if case .flightPlan(let p, _) = $0.motion { return p.waypoints.contains { $0.hold != nil } }
                return false
            }
        )
        let border = SimulationPreset.border.configuration(seed: 1, durationSeconds: 60)
        #expect(border.radars.count == 1 && border.radars[0].maxRangeMetres >= 450_000)
        #expect(border.targets.contains { $0.identity.category == .fastObject })
        #expect(SimulationPreset.enroute.configuration(seed: 1, durationSeconds: 60).targets.count == 1_500)
        #expect(SimulationPreset.stress.configuration(seed: 1, durationSeconds: 60).targets.count == 20_000)
        #expect(SimulationPreset.stress.configuration(seed: 1, durationSeconds: 60).radars.count == 4)
    }
}
