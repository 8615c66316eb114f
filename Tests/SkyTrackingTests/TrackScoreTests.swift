import Foundation
import SkyGeodesy
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// Confirmation by the track score (sequential probability ratio test with identity evidence).
struct TrackScoreTests {
    /// Plots of one aircraft at 230 m/s, 40 km from a 4 s radar, at FL300, one per sweep from t = 0.3 s.
    static func plots(
        count: Int,
        modeA: Mode3ACode?,
        address: ICAOAddress?,
        withModeC: Bool = true,
        seed: UInt64 = 11
    ) -> (plots: [RadarPlot], radar: SimulatedRadar) {
        let radar = SimulatedRadar(period: 4)
        let plane = StereographicPlane(reference: TrackerTests.reference)
        let target = PlaneTarget(plane: plane, start: SIMD2(-40_000, 10_000), velocity: SIMD2(230, 0), height: 9_000)
        var rng = SeededRandom(seed: seed)
        let plots = (0..<count).map { k in
            let t = 0.3 + 4 * Double(k)
            return radar.plot(
                of: target.geodetic(at: t),
                time: t,
                rng: &rng,
                modeA: modeA,
                address: address,
                withModeC: withModeC
            )
        }
        return (plots, radar)
    }

    @Test("the SPRT thresholds follow from α and β")
    func thresholds() {
        let c = TrackerConfiguration()
        #expect(c.confirmationLogic == .score)
        // ln((1 − 0.01) / 1e-5) and ln(0.01 / (1 − 1e-5)); 1e-9 absolute: two logarithms of exact decimals.
        #expect(abs(c.scoreConfirmationThreshold - 11.502_875_129_116_726) < 1e-9)
        #expect(abs(c.scoreDeletionThreshold - -4.605_160_186_038_05) < 1e-9)
    }

    @Test("two Mode S plots of the same address confirm, with a conspicuity code")
    func twoModeSPlotsConfirm() throws {
        // Code 1000 (Mode S conspicuity) gives no identity: the repeated address alone confirms.
        let (plots, radar) = Self.plots(count: 2, modeA: Mode3ACode(0o1000), address: ICAOAddress(0x4B_1A2C))
        let (reports, stats) = TrackerTests.run(plots, sensors: [radar.description], duration: 10)
        #expect(stats.tracksConfirmed == 1)
        let first = try #require(reports.first?.time)
        #expect(first == plots[1].time.rounded(.up), "first shown at \(first) s")
        #expect(reports.first?.track.address == ICAOAddress(0x4B_1A2C))
    }

    @Test("two plots with code 7000 and no address do not confirm; the third does")
    func twoConspicuityPlotsDoNotConfirm() throws {
        let two = Self.plots(count: 2, modeA: Mode3ACode(0o7000), address: nil)
        let (reports2, stats2) = TrackerTests.run(two.plots, sensors: [two.radar.description], duration: 10)
        #expect(stats2.tracksConfirmed == 0)
        #expect(reports2.isEmpty)
        // The same aircraft with one more plot: Mode C consistency and kinematics over three plots are enough (the
        // test can fail: the score is not simply stuck below the threshold).
        let three = Self.plots(count: 3, modeA: Mode3ACode(0o7000), address: nil)
        let (reports3, stats3) = TrackerTests.run(three.plots, sensors: [three.radar.description], duration: 12)
        #expect(stats3.tracksConfirmed == 1)
        #expect(reports3.first?.time == three.plots[2].time.rounded(.up))
    }

    @Test("the emergency code 7700 does not identify either")
    func emergencyCodeIsNoIdentity() {
        let two = Self.plots(count: 2, modeA: Mode3ACode(0o7700), address: nil)
        let (_, stats) = TrackerTests.run(two.plots, sensors: [two.radar.description], duration: 10)
        #expect(stats.tracksConfirmed == 0)
    }

    @Test("two plots with the same discrete code and Mode C confirm")
    func discreteCodeAndModeCConfirm() {
        let two = Self.plots(count: 2, modeA: Mode3ACode(0o4521), address: nil)
        let (_, stats) = TrackerTests.run(two.plots, sensors: [two.radar.description], duration: 10)
        #expect(stats.tracksConfirmed == 1)
        // Without Mode C the discrete code is weaker evidence: two plots are not enough.
        let noC = Self.plots(count: 2, modeA: Mode3ACode(0o4521), address: nil, withModeC: false)
        let (_, statsNoC) = TrackerTests.run(noC.plots, sensors: [noC.radar.description], duration: 10)
        #expect(statsNoC.tracksConfirmed == 0)
    }

    @Test("the M-of-N logic stays selectable and decodes from JSON with the score keys")
    func configurationKeys() throws {
        let json = Data(#"{"confirmationLogic": "mOfN", "scoreAddressEvidence": 8, "confirmHitsSSR": 2}"#.utf8)
        let c = try JSONDecoder().decode(TrackerConfiguration.self, from: json)
        #expect(c.confirmationLogic == .mOfN)
        #expect(c.scoreAddressEvidence == 8)
        // Under M-of-N with two SSR plots, two code-7000 plots confirm: the logic switch is real.
        let two = Self.plots(count: 2, modeA: Mode3ACode(0o7000), address: nil)
        let (_, stats) = TrackerTests.run(two.plots, sensors: [two.radar.description], duration: 10, configuration: c)
        #expect(stats.tracksConfirmed == 1)
    }
}
