import SkyGeodesy
import SkyModel
import SkyTracking
import Testing

/// The live loop publishes a picture per cycle from its first input on; a jump in data time (a receiver back after
/// hours, a feed restarted on another day) must not make it publish every empty cycle of the gap.
struct TrackingLoopGapTests {
    static let reference = GeodeticPosition(latitudeDegrees: 48.85, longitudeDegrees: 2.40)

    static func report(time: Double) -> SurveillanceInput {
        .adsb(
            ADSBReport(
                time: time,
                address: ICAOAddress(0x3C_0001),
                position: GeodeticPosition(latitudeDegrees: 48.9, longitudeDegrees: 2.5, heightMetres: 9_000),
                barometricAltitudeFeet: 29_525,
                nacP: 9
            )
        )
    }

    @Test("live: a one-hour jump publishes at most the last 120 s of cycles; the skipped ones are counted")
    func liveGapIsBounded() {
        let engine = makeTrackingEngine(TrackingConfiguration(), sensors: [], reference: Self.reference)
        Self.liveGap(engine)
    }

    static func liveGap<E: TrackingEngine>(_ engine: E) {
        var loop = TrackingLoop(engine: engine, cyclePeriodSeconds: 0.25, live: true)
        var times: [Double] = []
        let t0 = 1_700_000_000.1
        for k in 0..<8 { loop.push(Self.report(time: t0 + Double(k))) { times.append($0.time) } }
        // Cycles 0.25 s apart from the first multiple after t0 up to the last input: …000.25 … …007.0 (28).
        #expect(times.count == 28)
        #expect(times.first == 1_700_000_000.25)
        times.removeAll()
        loop.push(Self.report(time: t0 + 3_607)) { times.append($0.time) }
        // Published: the cycles of the last 120 s before the new input (480 at 0.25 s), not the hour's 14,400.
        #expect(times.count == 480 + 1)
        #expect(times.first == ((t0 + 3_607 - 120) / 0.25).rounded(.down) * 0.25)
        #expect(times.last! < t0 + 3_607)
        // Skipped: t0+7.25 … t0+3,486.9 (the cycles before the resumption at ⌊(t − 120) / 0.25⌋·0.25).
        #expect(loop.cyclesSkipped == 13_919)
    }

    @Test("batch: a fixed cycle range is published whole, gaps included")
    func batchPublishesEveryCycle() {
        let engine = makeTrackingEngine(TrackingConfiguration(), sensors: [], reference: Self.reference)
        Self.batchRange(engine)
    }

    static func batchRange<E: TrackingEngine>(_ engine: E) {
        var loop = TrackingLoop(engine: engine, cyclePeriodSeconds: 1, cycles: 0...600)
        var count = 0
        loop.push(Self.report(time: 1)) { _ in count += 1 }
        loop.push(Self.report(time: 590)) { _ in count += 1 }
        loop.finish { _ in count += 1 }
        #expect(count == 601)
        #expect(loop.cyclesSkipped == 0)
    }
}
