import SkyGeodesy
import SkyModel
import SkyTestSupport
import Testing

@testable import SkyTracking

/// A confirmed track that lost the aircraft of its Mode S address (stress preset: a wrong pairing in dense traffic
/// made a 500–1,000 m/s ghost carrying a real aircraft's address, displayed until its coast limit while the
/// aircraft's own plots could not start a track — "a stray reply of a live track"). Once the track has had no plot
/// for half a rotation and the address arrives elsewhere, the track ends and the aircraft's plots start a track that
/// takes its number back.
struct LostAddressTests {
    static let radar = SimulatedRadar(id: 1, latitude: 48.85, longitude: 2.40, period: 4)
    static let plane = StereographicPlane(reference: TrackerTests.reference)
    static let address = ICAOAddress(0x3C_0B0B)

    /// The aircraft 60 km south of the radar flying north at 200 m/s, 10 km high, shifted `eastMetres`.
    static func position(_ t: Double, eastMetres: Double = 0) -> GeodeticPosition {
        var g = plane.unproject(SIMD2(eastMetres, -60_000 + 200 * t))
        g.heightMetres = 10_000
        return g
    }

    static func tracker() -> Tracker<IMMFilter, GNNAssociator> {
        let c = TrackerConfiguration()
        return Tracker(
            sensors: [radar.description],
            reference: TrackerTests.reference,
            filter: TrackFilters.imm(c),
            associator: GNNAssociator(),
            configuration: c
        )
    }

    /// Feeds the aircraft's Mode S plots at `times`, `eastMetres` east of its path, and collects the life-cycle
    /// events.
    static func feed(
        _ tracker: inout Tracker<IMMFilter, GNNAssociator>,
        times: [Double],
        eastMetres: Double = 0,
        rng: inout SeededRandom,
        events: inout [TrackLifecycleEvent]
    ) {
        for t in times {
            var p = radar.plot(of: position(t, eastMetres: eastMetres), time: t, rng: &rng, address: address)
            p.kind = .modeS
            tracker.process(.radar(p))
            tracker.advance(to: t + 0.5)
            events += tracker.takeLifecycleEvents()
        }
    }

    static func liveConfirmed(_ tracker: Tracker<IMMFilter, GNNAssociator>) -> [TrackRecord] {
        tracker.tracks.filter { $0.isAlive && $0.isConfirmed }
    }

    /// A tracker that has confirmed the aircraft's track on its plots at 0, 4 and 8 s, the random source and
    /// the events so far, and that track.
    static func confirmedTrack() throws -> (
        tracker: Tracker<IMMFilter, GNNAssociator>, rng: SeededRandom, events: [TrackLifecycleEvent],
        track: TrackRecord
    ) {
        var tracker = Self.tracker()
        var rng = SeededRandom(seed: 9)
        var events: [TrackLifecycleEvent] = []
        Self.feed(&tracker, times: [0, 4, 8], rng: &rng, events: &events)
        return (tracker, rng, events, try #require(Self.liveConfirmed(tracker).first))
    }

    @Test("a track that lost its address's aircraft ends, and the aircraft's new track takes its number back")
    func ghostEndsAndNumberReturns() throws {
        var (tracker, rng, events, first) = try Self.confirmedTrack()
        #expect(events == [.confirmed(track: first.number, time: 4)])
        // From t = 16 s the address comes from 15 km east: the track (last plot at 8 s) no longer follows it.
        events = []
        Self.feed(&tracker, times: [16], eastMetres: 15_000, rng: &rng, events: &events)
        #expect(tracker.statistics.tracksLostByAddress == 1)
        // (It missed the sweep at 12 s: coasting, then ended by the plot of its address elsewhere.)
        #expect(events == [.coasting(track: first.number, time: 16), .ended(track: first.number, time: 16)])
        #expect(Self.liveConfirmed(tracker).isEmpty)
        events = []
        Self.feed(&tracker, times: [20, 24], eastMetres: 15_000, rng: &rng, events: &events)
        let resumed = try #require(Self.liveConfirmed(tracker).first)
        #expect(Self.liveConfirmed(tracker).count == 1)
        #expect(resumed.number == first.number)
        #expect(resumed.address == Self.address.rawValue)
        #expect(resumed.createdTime == first.createdTime)
        #expect(events == [.confirmed(track: first.number, time: 20)])
        // It is where the aircraft is: 15 km east of the old path.
        let expected = Self.plane.project(Self.position(24, eastMetres: 15_000))
        let d = resumed.estimate.position - expected
        #expect((d * d).sum().squareRoot() < 500)
    }

    @Test("a track fed by another object's anonymous plots while its address arrives elsewhere is taken over")
    func ghostOnAnonymousPlots() throws {
        var (tracker, rng, events, first) = try Self.confirmedTrack()
        events = []
        for t in stride(from: 12.0, through: 28, by: 4) {
            // Another object's primary plots on the old path keep the track fed …
            let anonymous = Self.radar.plot(of: Self.position(t), time: t, rng: &rng, withModeC: false)
            tracker.process(.radar(anonymous))
            tracker.advance(to: t + 0.2)
            events += tracker.takeLifecycleEvents()
            // … while the aircraft's replies come from 15 km east.
            Self.feed(&tracker, times: [t + 0.5], eastMetres: 15_000, rng: &rng, events: &events)
        }
        let withAddress = tracker.tracks.filter { $0.isAlive && $0.isConfirmed && $0.hasAddress }
        #expect(withAddress.count == 1)
        let aircraft = try #require(withAddress.first)
        #expect(aircraft.number == first.number)
        let expected = Self.plane.project(Self.position(28.5, eastMetres: 15_000))
        let d = aircraft.estimate.position - expected
        #expect((d * d).sum().squareRoot() < 500)
    }

    @Test("two aircraft sharing one address (a misconfigured transponder): the first one's track is never ended")
    func sharedAddress() throws {
        var tracker = Self.tracker()
        var rng = SeededRandom(seed: 4)
        var events: [TrackLifecycleEvent] = []
        // The first aircraft from t = 0, the second (30 km east) from t = 20 s, both seen on every sweep; the
        // antenna passes the second 2.5 s after the first (more than half a rotation since the first one's plot).
        var times: [(Double, Double)] = []
        for k in 0..<30 {
            let t = 4 * Double(k)
            times.append((t, 0))
            if t >= 20 { times.append((t + 2.5, 30_000)) }
        }
        for (t, east) in times {
            var p = Self.radar.plot(of: Self.position(t, eastMetres: east), time: t, rng: &rng, address: Self.address)
            p.kind = .modeS
            tracker.process(.radar(p))
            tracker.advance(to: t + 0.5)
            events += tracker.takeLifecycleEvents()
        }
        // The first one's track lives on; the second one's plots do not make a track shown and merged away every
        // few seconds (as before, the second aircraft is not shown: one address, one track).
        #expect(events == [.confirmed(track: 1, time: 4)])
        #expect(tracker.statistics.tracksLostByAddress == 0)
    }

    @Test("a stray reply of the address elsewhere, in the sweep that updated the track, starts nothing")
    func strayReplyOfALiveTrack() throws {
        var (tracker, rng, events, first) = try Self.confirmedTrack()
        // A reflection 15 km away 0.5 s after the true plot: the track had a plot half a rotation ago at most.
        Self.feed(&tracker, times: [8.5], eastMetres: 15_000, rng: &rng, events: &events)
        #expect(tracker.statistics.tracksLostByAddress == 0)
        #expect(tracker.tracks.filter { $0.isAlive }.map(\.number) == [first.number])
    }
}
