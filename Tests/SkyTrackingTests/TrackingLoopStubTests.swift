import Foundation
import SkyGeodesy
import SkyModel
import SkyTracking
import Testing

/// The one driving loop (`TrackingLoop` around the real engine) fed a hand-made input sequence, with a stub sink
/// that captures every published picture: cycles, the reorder window's late and dropped counts, track numbers and
/// life-cycle events, all checked against what the sequence was built to produce.
struct TrackingLoopStubTests {
    static let reference = GeodeticPosition(latitudeDegrees: 48.85, longitudeDegrees: 2.40)

    /// A Mode S radar at the reference point, 4 s rotation; the plots below are noise-free.
    static let sensor = SensorDescription(
        id: SensorID(sac: 0, sic: 7),
        name: "stub",
        site: reference,
        kind: .modeS,
        rotationPeriodSeconds: 4,
        rangeSigmaMetres: 40,
        azimuthSigma: 0.06 * .pi / 180,
        detectionProbability: 1,
        minRangeMetres: 500,
        maxRangeMetres: 400_000,
        modeCQuantumFeet: 25
    )

    /// The two aircraft: A (0x3C0001) outbound, plotted at 100.5 + 4k s until 140.5 s (11 plots); B (0x3C0002)
    /// inbound, plotted at 100.9 + 4k s until 176.9 s (20 plots). Times are UNIX seconds.
    static let addressA: UInt32 = 0x3C_0001
    static let addressB: UInt32 = 0x3C_0002
    static let lastTimeA = 140.5
    static let lastTimeB = 176.9

    /// A noise-free Mode S plot of aircraft A or B at `time`.
    static func plot(_ address: UInt32, at time: Double) -> RadarPlot {
        let plane = StereographicPlane(reference: reference)
        let t = time - 100
        // Radial flights, so each keeps the azimuth at which the 4 s beam (north at whole multiples of 4 s) finds it
        // at its plot times: A outbound on 45° (0.5 s into each scan), B inbound on 81° (0.9 s).
        let (azimuth, range) = address == addressA ? (45.0, 30_000 + 200 * t) : (81.0, 60_000 - 150 * t)
        let p = range * SIMD2(sin(azimuth * .pi / 180), cos(azimuth * .pi / 180))
        var g = plane.unproject(p)
        g.heightMetres = address == addressA ? 9_000 : 7_000
        let polar = RadarSite(antenna: reference).polar(of: g)
        return RadarPlot(
            time: time,
            sensor: sensor.id,
            slantRangeMetres: polar.slantRangeMetres,
            azimuth: polar.azimuth,
            modeCFeet: (g.heightMetres / 0.3048 / 25).rounded() * 25,
            modeA: Mode3ACode(address == addressA ? 0o1234 : 0o4567),
            address: ICAOAddress(address),
            kind: .modeS
        )
    }

    /// Every plot of A and B in time order.
    static var inOrder: [RadarPlot] {
        var plots = stride(from: 100.5, through: lastTimeA, by: 4).map { plot(addressA, at: $0) }
        plots += stride(from: 100.9, through: lastTimeB, by: 4).map { plot(addressB, at: $0) }
        return plots.sorted { $0.time < $1.time }
    }

    /// Moves the plot at time `time` to just after the plot at time `after` (arrival order ≠ data-time order).
    static func delaying(_ time: Double, after: Double, in plots: [RadarPlot]) -> [RadarPlot] {
        var p = plots
        let i = p.firstIndex { $0.time == time }!
        let moved = p.remove(at: i)
        let j = p.firstIndex { $0.time == after }!
        p.insert(moved, at: j + 1)
        return p
    }

    /// What the loop counted and what the stub sink captured.
    struct Run {
        var cycleCount: Int
        var lateCount: Int
        var latePlotsUsed: Int
        var latePlotsDropped: Int
        var maximumLatenessSeconds: Double
        var statistics: TrackerStatistics
        var pictures: [TrackPicture]
        var events: [TrackLifecycleEvent] { pictures.flatMap(\.events) }
    }

    /// Runs the engine built from the default configuration over `arrivals`, through the loop with a 1 s reorder
    /// window publishing cycles 100…190 s to the stub sink.
    static func run(_ arrivals: [RadarPlot]) -> Run {
        let engine = makeTrackingEngine(TrackingConfiguration(), sensors: [sensor], reference: reference)
        return drive(engine, arrivals)  // opens the existential once (SE-0352)
    }

    static func drive<E: TrackingEngine>(_ engine: E, _ arrivals: [RadarPlot]) -> Run {
        var loop = TrackingLoop(engine: engine, cyclePeriodSeconds: 1, cycles: 100...190, reorderWindowSeconds: 1)
        var pictures: [TrackPicture] = []
        for plot in arrivals { loop.push(.radar(plot)) { pictures.append($0) } }
        loop.finish { pictures.append($0) }
        return Run(
            cycleCount: loop.cycleCount,
            lateCount: loop.reorder.lateCount,
            latePlotsUsed: loop.latePlotsUsed,
            latePlotsDropped: loop.latePlotsDropped,
            maximumLatenessSeconds: loop.reorder.maximumLatenessSeconds,
            statistics: loop.engine.statistics,
            pictures: pictures
        )
    }

    @Test("hand-made inputs with one reordered, one late and one too-late plot: cycles, counts, tracks, events")
    func stubSequence() throws {
        // Arrival order: B's 108.9 plot before A's 108.5 (out of order but within the 1 s window: reordered,
        // not late); A's 120.5 plot after A's 124.5 (by then B's 120.9 was released: 0.4 s late, used at its own
        // time); B's 128.9 plot after A's 136.5 (B's 132.9 was released: 4 s late, beyond the 1 s limit: dropped).
        var arrivals = Self.delaying(108.5, after: 108.9, in: Self.inOrder)
        arrivals = Self.delaying(120.5, after: 124.5, in: arrivals)
        arrivals = Self.delaying(128.9, after: 136.5, in: arrivals)
        #expect(arrivals.count == 31)
        let run = Self.run(arrivals)

        // One picture per whole second from 100 to 190 s, in order, numbered from 0.
        #expect(run.cycleCount == 91)
        #expect(run.pictures.map(\.cycle) == Array(0..<91))
        #expect(run.pictures.map(\.time) == (100...190).map(Double.init))
        // The reorder window: two late arrivals, one used (0.4 s late ≤ 1 s), one dropped (4 s late).
        #expect(run.lateCount == 2)
        #expect(run.latePlotsUsed == 1)
        #expect(run.latePlotsDropped == 1)
        #expect(abs(run.maximumLatenessSeconds - 4) < 1e-9)
        #expect(run.statistics.plots == 30, "31 plots less the dropped one reach the engine")
        #expect(run.statistics.tracksConfirmed == 2)
        #expect(run.statistics.plotsAssociated == 28, "every plot but the two that started the tracks")

        // Track numbers: one per aircraft, stable from first display to the end.
        var numbers: [UInt32: Set<UInt32>] = [:]
        for picture in run.pictures {
            for t in picture.tracks { numbers[t.address?.rawValue ?? 0, default: []].insert(t.number) }
        }
        #expect(numbers.keys.sorted() == [Self.addressA, Self.addressB], "\(numbers)")
        let a = try #require(numbers[Self.addressA]?.first)
        let b = try #require(numbers[Self.addressB]?.first)
        #expect(numbers[Self.addressA]?.count == 1 && numbers[Self.addressB]?.count == 1 && a != b)

        // Life cycle, as events in the pictures (maintenance runs once per cycle, at the cycle time):
        // - confirmed by the second plot (address + discrete code: 2 hits), at that plot's time;
        // - coasting at the first cycle more than 1.2 rotation periods (4.8 s) after the last plot: B after its
        //   dropped 128.9 s plot (130 s), A after its last plot (146 s), B after its last plot (182 s);
        // - resumed by B's next plot (132.9 s);
        // - ended at the first cycle more than 2.2 periods (8.8 s) after the last plot: A at 150 s, B at 186 s.
        let events = run.events
        func kinds(_ track: UInt32) -> [String] {
            events.filter { $0.track == track }.map {
                switch $0 {
                case .confirmed: "confirmed"
                case .coasting: "coasting"
                case .resumed: "resumed"
                case .ended: "ended"
                case .merged: "merged"
                }
            }
        }
        #expect(kinds(a) == ["confirmed", "coasting", "ended"], "\(events)")
        #expect(kinds(b) == ["confirmed", "coasting", "resumed", "coasting", "ended"], "\(events)")
        #expect(events.count == 8, "\(events)")
        #expect(events.contains(.confirmed(track: a, time: 104.5)), "\(events)")
        #expect(events.contains(.confirmed(track: b, time: 104.9)), "\(events)")
        #expect(events.contains(.coasting(track: b, time: 130)), "\(events)")
        #expect(events.contains(.resumed(track: b, time: 132.9)), "\(events)")
        #expect(events.contains(.coasting(track: a, time: 146)), "\(events)")
        #expect(events.contains(.coasting(track: b, time: 182)), "\(events)")
        let endPictureA = try #require(run.pictures.first { $0.endedTracks.contains(a) })
        let endPictureB = try #require(run.pictures.first { $0.endedTracks.contains(b) })
        #expect(endPictureA.time == 150 && endPictureB.time == 186)
        // Each picture's events are in the order they happened and `TrackLifecycleEvent.time` is the data time of
        // the transition: an `ended` event carries the time of the deletion (the cycle that found the track silent
        // for 8.8 s), after the track's `coasting` event.
        #expect(events.contains(.ended(track: a, time: 150)), "\(events)")
        #expect(events.contains(.ended(track: b, time: 186)), "\(events)")
        #expect(events.map(\.time) == events.map(\.time).sorted(), "events out of time order: \(events)")

        // Displayed from the first cycle after confirmation to the cycle before the one that reports the end;
        // the picture that carries `ended` no longer holds the track, and no later picture does.
        for (n, end) in [(a, endPictureA), (b, endPictureB)] {
            let shown = run.pictures.filter { $0.tracks.contains { $0.number == n } }.map(\.time)
            #expect(shown.first == 105)
            #expect(shown.last == end.time - 1)
            #expect(shown.count == Int(end.time - 105), "track \(n) shown in every cycle in between")
        }
        #expect(run.pictures.last?.tracks.isEmpty == true, "both tracks ended before 190 s")
    }

    @Test("the same inputs in data-time order give the same tracks, with nothing late")
    func inOrderSequence() {
        let run = Self.run(Self.inOrder)
        #expect(run.cycleCount == 91)
        #expect(run.lateCount == 0 && run.latePlotsUsed == 0 && run.latePlotsDropped == 0)
        #expect(run.statistics.plots == 31)
        #expect(run.events.filter { if case .ended = $0 { true } else { false } }.count == 2)
    }
}
