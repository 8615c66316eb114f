import Foundation
import SkyGeodesy
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// A drone that stops (hovers, unseen by the radar's MTI) is shown coasting near where it stopped.
struct DroneCoastTests {
    @Test("a hovering drone's coast does not drift on its last velocity")
    func hoveringDroneCoast() throws {
        let radar = SimulatedRadar(period: 4)
        let plane = StereographicPlane(reference: TrackerTests.reference)
        // 10 m/s east, 120 m up, 10 km north of the radar, primary-only, for 60 s; then it hovers and is not seen.
        let drone = PlaneTarget(plane: plane, start: SIMD2(-300, 10_000), velocity: SIMD2(10, 0), height: 120)
        var rng = SeededRandom(seed: 21)
        var plots: [RadarPlot] = []
        var t = 0.3
        while t < 60 {
            plots.append(radar.plot(of: drone.geodetic(at: t), time: t, rng: &rng, withModeC: false))
            t += 4
        }
        let lastPlot = try #require(plots.last).time
        let hover = drone.planePosition(at: lastPlot)
        // Long coasts allowed, so that the display 30 s after the last plot can be compared.
        var configuration = TrackerConfiguration()
        configuration.deleteAfterPeriods = 20
        configuration.deleteAfterMisses = 100
        var straight = configuration
        straight.lowFlyerCoastVelocityTime = 0
        let at = (lastPlot + 30).rounded(.up)
        func shown(_ c: TrackerConfiguration) throws -> SIMD2<Double> {
            let (reports, stats) = TrackerTests.run(
                plots,
                sensors: [radar.description],
                duration: Int(at),
                configuration: c
            )
            #expect(stats.tracksConfirmed == 1)
            return try #require(reports.last { $0.time == at }).track.position
        }
        let decayed = simd_distance(try shown(configuration), hover)
        let drifted = simd_distance(try shown(straight), hover)
        // Straight line: ≈ 10 m/s × 30 s = 300 m on. Decaying (τ = 10 s past the 4.8 s coasting threshold):
        // 10 × (4.8 + 10 (1 − e^(−2.5))) ≈ 140 m, plus the estimate's own error.
        #expect(drifted > 250, "straight-line coast: \(drifted) m from where it stopped")
        #expect(decayed < 200 && decayed < drifted - 100, "decaying coast: \(decayed) m (straight \(drifted) m)")
    }
}
