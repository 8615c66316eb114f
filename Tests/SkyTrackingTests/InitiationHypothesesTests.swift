import Foundation
import SkyGeodesy
import SkyModel
import SkyTracking
import Testing

/// Multiple hypotheses at initiation: a tentative track keeps its competing continuations.
struct InitiationHypothesesTests {
    static let radar = SimulatedRadar(period: 4)
    static let plane = StereographicPlane(reference: TrackerTests.reference)

    /// A primary-only plot of plane position `xy`, 3 km up, at `time` (no noise: the scene is hand-made).
    static func plot(_ xy: SIMD2<Double>, time: Double) -> RadarPlot {
        radar.exactPrimaryPlot(xy, plane: plane, height: 3_000, time: time)
    }

    /// A straight primary-only target at 150 m/s east, 40 km from the 4 s radar, one plot per sweep from 0.3 s, and
    /// at the second sweep a clutter plot 270 m behind the first plot, nearer to it than the target's own second plot
    /// (600 m on): the single-plot track's broad gate holds both, and the association gives it the nearer one.
    static func crossingScene(scans: Int) -> [RadarPlot] {
        let start = SIMD2<Double>(-40_000, 10_000)
        var plots: [RadarPlot] = []
        for k in 0..<scans {
            let t = 0.3 + 4 * Double(k)
            if k == 1 { plots.append(plot(start + SIMD2(-250, 100), time: t - 0.01)) }
            plots.append(plot(start + SIMD2(150 * (t - 0.3), 0), time: t))
        }
        return plots
    }

    static func configuration(hypotheses: Int, pruningScans: Double = 2) -> TrackerConfiguration {
        var c = TrackerConfiguration()
        c.initiationHypotheses = hypotheses
        c.initiationPruningScans = pruningScans
        // The scenes' clutter plots lie within a slow object's reach of the first plot: the drones' slow-object
        // prior (SlowPathInitiationTests) would score and place that pairing apart from the aircraft's.
        c.scoreSlowPlotCap = 0
        return c
    }

    @Test("a tentative track with two candidate continuations keeps both and confirms the right one")
    func keepsBothContinuations() throws {
        let plots = Self.crossingScene(scans: 7)
        let (reports, stats) = TrackerTests.run(
            plots,
            sensors: [Self.radar.description],
            duration: 30,
            configuration: Self.configuration(hypotheses: 3)
        )
        #expect(stats.initiationBranches >= 1)
        // One track, confirmed on the target's fifth plot (a primary-only track needs five: 4 × 3 nats ≥ 11.5).
        #expect(stats.tracksConfirmed == 1)
        let first = try #require(reports.first)
        #expect(first.time == (0.3 + 4 * 4).rounded(.up), "first shown at \(first.time) s")
        // It follows the target, not the clutter pairing: 150 m/s east (5 m/s: noise-free plots; the IMM's
        // estimate after five plots).
        let error = ((first.track.velocity - SIMD2(150, 0)) * (first.track.velocity - SIMD2(150, 0))).sum().squareRoot()
        #expect(error < 5, "velocity \(first.track.velocity)")
        #expect(Set(reports.map(\.track.number)).count == 1)

        // One hypothesis per tentative track (before issue 17): the track keeps the clutter plot as its second and
        // confirms on the target's later plots with the clutter's pull in its velocity.
        let (single, singleStats) = TrackerTests.run(
            plots,
            sensors: [Self.radar.description],
            duration: 30,
            configuration: Self.configuration(hypotheses: 1)
        )
        #expect(singleStats.initiationBranches == 0)
        let contaminated = try #require(single.first)
        let singleError =
            ((contaminated.track.velocity - SIMD2(150, 0)) * (contaminated.track.velocity - SIMD2(150, 0)))
            .sum().squareRoot()
        #expect(singleError > 15, "single hypothesis: velocity \(contaminated.track.velocity)")
    }

    @Test("a root keeps at most `initiationHypotheses` branches", arguments: [1, 2, 3, 4])
    func capHolds(cap: Int) {
        // One plot, then five clutter plots in its gate at the next sweep: the association gives the track one of
        // them, and the family has room for cap − 1 more (the track without a plot gets no room left but at cap 1).
        let start = SIMD2<Double>(-40_000, 10_000)
        var plots = [Self.plot(start, time: 0.3)]
        for j in 0..<5 {
            plots.append(Self.plot(start + SIMD2(300 * Double(j + 1), 200), time: 4.3 + 0.01 * Double(j)))
        }
        let (_, stats) = TrackerTests.run(
            plots,
            sensors: [Self.radar.description],
            duration: 6,
            configuration: Self.configuration(hypotheses: cap)
        )
        #expect(stats.initiationBranches == cap - 1)
        #expect(stats.tracksConfirmed == 0)
    }

    @Test("N-scan pruning leaves one branch of a root; without it the branches live until they time out")
    func pruningHolds() {
        let start = SIMD2<Double>(-40_000, 10_000)
        var plots = [Self.plot(start, time: 0.3)]
        for j in 0..<3 {
            plots.append(Self.plot(start + SIMD2(300 * Double(j + 1), 200), time: 4.3 + 0.01 * Double(j)))
        }
        // Tentative tracks live 5 periods (20 s) of silence here, so that pruning (2 scans: 8 s) comes first.
        var pruned = Self.configuration(hypotheses: 3, pruningScans: 2)
        pruned.tentativeTimeoutPeriods = 5
        let (_, stats) = TrackerTests.run(plots, sensors: [Self.radar.description], duration: 16, configuration: pruned)
        #expect(stats.initiationBranches == 2)
        #expect(stats.initiationBranchesPruned == 2)
        var unpruned = pruned
        unpruned.initiationPruningScans = 100
        let (_, statsUnpruned) = TrackerTests.run(
            plots,
            sensors: [Self.radar.description],
            duration: 16,
            configuration: unpruned
        )
        #expect(statsUnpruned.initiationBranches == 2)
        #expect(statsUnpruned.initiationBranchesPruned == 0)
    }

    // The JSON keys initiationHypotheses and initiationPruningScans: TrackerConfigurationTests.partialJSON.
}
