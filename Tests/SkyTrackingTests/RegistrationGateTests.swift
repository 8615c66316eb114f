import SkyGeodesy
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// Registration `correct` before the first solution: every radar's bias is unknown, and the priors widen its plots'
/// gates against the rest of the picture — but not against a track made of the same radar's plots, which carries
/// the same bias (enroute-biased seed 1: a primary plot 2.8 km from a Mode S plot of the same radar joined its
/// single-plot track through the widened gate and made a 685 m/s ghost that took the aircraft's identity).
struct RegistrationGateTests {
    static let radar1 = SimulatedRadar(id: 1, latitude: 48.85, longitude: 2.40, period: 8)
    static let radar2 = SimulatedRadar(id: 2, latitude: 48.85, longitude: 3.80, period: 8)
    /// An aircraft 300 km south of radar 1 (0.15° of azimuth prior ≈ 790 m across the beam there).
    static let aircraft = LocalTangentPlane(origin: radar1.description.site).geodetic(
        of: ENUVector(east: 0, north: -300_000, up: 10_000)
    )
    /// The aircraft flies north at 200 m/s.
    static func position(_ t: Double, eastMetres: Double = 0) -> GeodeticPosition {
        LocalTangentPlane(origin: aircraft).geodetic(of: ENUVector(east: eastMetres, north: 200 * t, up: 0))
    }

    /// Plots associated to an existing track after a Mode S plot of the aircraft by `first` at t = 0, a plot of
    /// a far aircraft by radar 2 at t = 1 ms (it closes radar 1's batch, as interleaved radars do) and a
    /// primary-only plot of another object 2.8 km east of the aircraft (across radar 1's beam) by radar 1 at
    /// t = 2 ms (enroute-biased seed 1, plots 78 and 81). 2.8 km is beyond the plain single-plot gate (4σ ≈
    /// 1.8 km), inside the one radar 1's priors widen (≈ 3.7 km): 1 when the last plot joined the first's track.
    static func plotsAssociated(mode: RegistrationMode, first: SimulatedRadar) -> Int {
        var rng = SeededRandom(seed: 3)
        var a = first.plot(
            of: position(0),
            time: 0,
            rng: &rng,
            modeA: Mode3ACode(0o4273),
            address: ICAOAddress(0x3C_000A)
        )
        a.kind = .modeS
        let far = radar2.plot(
            of: LocalTangentPlane(origin: radar2.description.site).geodetic(
                of: ENUVector(east: 50_000, north: 50_000, up: 9_000)
            ),
            time: 0.001,
            rng: &rng,
            modeA: Mode3ACode(0o1234)
        )
        let b = radar1.plot(of: position(0.002, eastMetres: 2_800), time: 0.002, rng: &rng, withModeC: false)
        var c = TrackerConfiguration()
        c.registration = mode
        var engine = makeTrackingEngine(
            TrackingConfiguration(tracker: c),
            sensors: [radar1.description, radar2.description],
            reference: TrackerTests.reference
        )
        for p in [a, far, b] { engine.process(.radar(p)) }
        engine.advance(to: 1)
        return engine.statistics.plotsAssociated
    }

    @Test("before the first solution the priors widen a plot's gate against other radars' tracks, not its own radar's")
    func sameRadarPlainGate() {
        // Without registration the other object's plot is outside the gate.
        #expect(Self.plotsAssociated(mode: .off, first: Self.radar1) == 0)
        #expect(Self.plotsAssociated(mode: .off, first: Self.radar2) == 0)
        // `correct`, the first plot by radar 2: radars 1 and 2 may be misaligned by their priors, and the plot
        // may be the aircraft's seen by radar 1: the widened gate holds it.
        #expect(Self.plotsAssociated(mode: .correct, first: Self.radar2) == 1)
        // `correct`, both plots by radar 1: they share its bias, the plain gate applies.
        #expect(Self.plotsAssociated(mode: .correct, first: Self.radar1) == 0)
    }
}
