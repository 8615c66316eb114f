import SkyGeodesy
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// The life-cycle state machine's transitions, one by one: what each happening does to the status and what it
/// publishes.
struct TrackLifecycleStateMachineTests {
    @Test("tentative → confirmed publishes confirmed; a second confirm publishes nothing")
    func confirm() {
        var m = TrackLifecycleStateMachine()
        #expect(m.status == .tentative)
        #expect(m.confirm(track: 7, time: 10) == .publish(.confirmed(track: 7, time: 10)))
        #expect(m.status == .confirmed)
        #expect(m.confirm(track: 7, time: 11) == .none)
    }

    @Test("confirmed ⇄ coasting: silence publishes coasting, an update or fresh maintenance publishes resumed")
    func coasting() {
        var m = TrackLifecycleStateMachine(status: .confirmed)
        #expect(m.maintain(track: 3, time: 20, coasting: false) == .none)
        #expect(m.maintain(track: 3, time: 21, coasting: true) == .publish(.coasting(track: 3, time: 21)))
        #expect(m.status == .coasting)
        #expect(m.maintain(track: 3, time: 22, coasting: true) == .none)
        #expect(m.update(track: 3, time: 23) == .publish(.resumed(track: 3, time: 23)))
        #expect(m.status == .confirmed)
        #expect(m.update(track: 3, time: 24) == .none)
        _ = m.maintain(track: 3, time: 25, coasting: true)
        #expect(m.maintain(track: 3, time: 26, coasting: false) == .publish(.resumed(track: 3, time: 26)))
    }

    @Test("a shown track ends or is merged (published once); a tentative track ends silently")
    func end() {
        var shown = TrackLifecycleStateMachine(status: .coasting)
        #expect(shown.end(track: 5, time: 30) == .publish(.ended(track: 5, time: 30)))
        #expect(shown.status == .terminated)
        #expect(shown.end(track: 5, time: 31) == .none)
        var merged = TrackLifecycleStateMachine(status: .confirmed)
        #expect(merged.end(track: 6, time: 40, mergedInto: 2) == .publish(.merged(track: 6, into: 2, time: 40)))
        var tentative = TrackLifecycleStateMachine()
        #expect(tentative.end(track: 8, time: 50) == .none)
        #expect(tentative.status == .terminated)
        // A terminated track never comes back.
        #expect(tentative.confirm(track: 8, time: 51) == .none && tentative.update(track: 8, time: 51) == .none)
        #expect(tentative.status == .terminated)
    }

    @Test("the tracker publishes each transition once: every ended track was confirmed before, none ends twice")
    func throughTheTracker() {
        let radar = SimulatedRadar(latitude: 48.85, longitude: 2.0, period: 4)
        let plane = StereographicPlane(reference: TrackerTests.reference)
        let target = PlaneTarget(plane: plane, start: SIMD2(-20_000, 0), velocity: SIMD2(200, 0), height: 6_000)
        var rng = SeededRandom(seed: 11)
        var plots: [RadarPlot] = []
        var t = 0.5
        // 120 s of plots, then silence: the track is confirmed, coasts, and ends.
        while t < 120 {
            plots.append(radar.plot(of: target.geodetic(at: t), time: t, rng: &rng, modeA: Mode3ACode(0o4321)))
            t += 4
        }
        var engine = makeTrackingEngine(
            TrackingConfiguration(),
            sensors: [radar.description],
            reference: TrackerTests.reference
        )
        var events: [TrackLifecycleEvent] = []
        var next = 0
        for second in 0...300 {
            while next < plots.count && plots[next].time <= Double(second) {
                engine.process(.radar(plots[next]))
                next += 1
            }
            events += engine.picture(at: Double(second), cycle: second).events
        }
        let confirmed = events.compactMap { if case .confirmed(let n, _) = $0 { n } else { nil } }
        let ended = events.filter(\.isTermination).map(\.track)
        #expect(confirmed.count == 1)
        #expect(ended == confirmed)
        #expect(events.contains { if case .coasting = $0 { true } else { false } })
    }
}
