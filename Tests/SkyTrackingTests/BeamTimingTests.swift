import SkyGeodesy
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// The miss counter's sweep model from the radar's declared beam timing (issue 17, "beam timing from the sensor").
struct BeamTimingTests {
    static let radar = SimulatedRadar(period: 4)
    static let plane = StereographicPlane(reference: TrackerTests.reference)
    /// The beam points north at t = 0 and turns clockwise once per 4 s.
    static func beam(at t: Double) -> Double { 2 * .pi * t / 4 }

    /// The time after `after` at which the beam passes over a target (fixed-point iteration: the target moves).
    static func pass(of target: PlaneTarget, after: Double) -> Double {
        var t = after
        for _ in 0..<4 {
            let azimuth = radar.site.polar(of: target.geodetic(at: t)).azimuth
            var lead = (azimuth - beam(at: after)).truncatingRemainder(dividingBy: 2 * .pi)
            if lead < 0 { lead += 2 * .pi }
            t = after + lead / (2 * .pi) * 4
        }
        return t
    }

    /// Aircraft A (Mode S) plotted at its beam passes for 20 s, then gone; aircraft B (Mode S) plotted all along at
    /// another azimuth, its plots time-stamped `bLateSeconds` after the beam passed it (a mistimed feed).
    static func plots(bLateSeconds: Double) -> [RadarPlot] {
        let a = PlaneTarget(plane: plane, start: SIMD2(30_000, 5_000), velocity: SIMD2(0, 200), height: 9_000)
        let b = PlaneTarget(plane: plane, start: SIMD2(-30_000, -20_000), velocity: SIMD2(200, 0), height: 10_000)
        var rng = SeededRandom(seed: 5)
        var plots: [RadarPlot] = []
        var t = 0.0
        while t < 20 {
            let p = pass(of: a, after: t)
            guard p < 20 else { break }
            plots.append(radar.plot(of: a.geodetic(at: p), time: p, rng: &rng, address: ICAOAddress(0x3C_0001)))
            t = p + 0.5
        }
        t = 0
        while t < 60 {
            let p = pass(of: b, after: t)
            guard p < 60 else { break }
            var plot = radar.plot(of: b.geodetic(at: p), time: p, rng: &rng, address: ICAOAddress(0x3C_0002))
            plot.time += bLateSeconds
            plots.append(plot)
            t = p + 0.5
        }
        return plots.sorted { $0.time < $1.time }
    }

    /// The last time A's track is displayed: deleted on its fourth missed sweep (the silence limit is set long).
    static func lastShown(bLateSeconds: Double, declared: Bool, scanEvents: [SensorScanEvent] = []) -> Double? {
        var c = TrackerConfiguration()
        c.deleteAfterPeriods = 20
        var engine = makeTrackingEngine(
            TrackingConfiguration(tracker: c),
            sensors: [radar.description],
            reference: TrackerTests.reference
        )
        if declared {
            let accepted = engine.setBeamPhase(of: radar.description.id, azimuth: 0, at: 0)
            #expect(accepted)
        }
        var last: Double?
        _ = TestDriver.drive(
            engine,
            plots: plots(bLateSeconds: bLateSeconds),
            reports: [],
            reference: TrackerTests.reference,
            scanEvents: scanEvents,
            reportTimes: 0...60
        ) { time, track, _ in
            if track.address == ICAOAddress(0x3C_0001) { last = Swift.max(last ?? 0, time) }
        }
        return last
    }

    @Test("misses follow the declared beam, not a mistimed plot's azimuth")
    func declaredBeam() throws {
        let onTime = try #require(Self.lastShown(bLateSeconds: 0, declared: false))
        // A's last plot comes between 16 and 20 s; its fourth missed sweep 16 s later deletes it at the next
        // maintenance (whole seconds).
        #expect(onTime >= 32 && onTime <= 37, "deleted after \(onTime) s")
        // B's plots 1.5 s late put the estimated beam 135° behind: A's misses come later.
        let mistimed = try #require(Self.lastShown(bLateSeconds: 1.5, declared: false))
        #expect(mistimed > onTime, "estimated from late plots: \(mistimed) s, on time: \(onTime) s")
        // With the beam declared, late plots change nothing.
        let declared = try #require(Self.lastShown(bLateSeconds: 1.5, declared: true))
        #expect(declared == onTime, "declared: \(declared) s, on time: \(onTime) s")
        #expect(try #require(Self.lastShown(bLateSeconds: 0, declared: true)) == onTime)
    }

    @Test("CAT034 north markers set the beam timing: late plots change nothing, as with the declared beam")
    func northMarkers() throws {
        let onTime = try #require(Self.lastShown(bLateSeconds: 0, declared: false))
        let mistimed = try #require(Self.lastShown(bLateSeconds: 1.5, declared: false))
        #expect(mistimed > onTime)
        // CAT034 north markers (I034/000 type 1) every rotation, as a radar's service messages send them.
        let id = Self.radar.description.id
        let north = stride(from: 0.0, to: 60, by: 4).map { SensorScanEvent(time: $0, sensor: id, kind: .north) }
        let marked = try #require(Self.lastShown(bLateSeconds: 1.5, declared: false, scanEvents: north))
        #expect(marked == onTime, "north markers: \(marked) s, on time: \(onTime) s")
        // Sector crossings at 90° (type 2, I034/020), a quarter turn after north, say the same.
        let east = stride(from: 1.0, to: 60, by: 4).map {
            SensorScanEvent(time: $0, sensor: id, kind: .sector, azimuth: .pi / 2)
        }
        #expect(try #require(Self.lastShown(bLateSeconds: 1.5, declared: false, scanEvents: east)) == onTime)
        // A sector message that disagrees (the beam said to be 135° further on) moves the misses: it is used.
        let wrong = stride(from: 1.0, to: 60, by: 4).map {
            SensorScanEvent(time: $0, sensor: id, kind: .sector, azimuth: .pi / 2 + 0.75 * .pi)
        }
        #expect(try #require(Self.lastShown(bLateSeconds: 0, declared: false, scanEvents: wrong)) != onTime)
        // A sector crossing that does not say which sector (azimuth NaN) is not a beam position: ignored.
        let unknown = stride(from: 1.0, to: 60, by: 4).map {
            SensorScanEvent(time: $0, sensor: id, kind: .sector, azimuth: .nan)
        }
        #expect(try #require(Self.lastShown(bLateSeconds: 1.5, declared: false, scanEvents: unknown)) == mistimed)
    }

    @Test("an unknown or non-rotating sensor's beam cannot be declared")
    func rejected() {
        var engine = makeTrackingEngine(
            TrackingConfiguration(),
            sensors: [Self.radar.description],
            reference: TrackerTests.reference
        )
        let unknown = engine.setBeamPhase(of: SensorID(sac: 9, sic: 9), azimuth: 0, at: 0)
        #expect(!unknown)
        let known = engine.setBeamPhase(of: Self.radar.description.id, azimuth: 1, at: 100)
        #expect(known)
    }
}
