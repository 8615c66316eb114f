import Foundation
import SkyGeodesy
import SkyModel
import SkyTracking
import Testing

@testable import SkyApp

/// `TrackingPipeline` (sources → engine → sinks, what `skywatch track` runs) with a hand-made source and stub
/// sinks that capture every picture: cycles, late inputs, track numbers and life-cycle events.
struct TrackingPipelineStubTests {
    static let reference = GeodeticPosition(latitudeDegrees: 48.85, longitudeDegrees: 2.40)
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

    /// A stub sink: keeps every picture, and counts `finish` calls.
    actor CapturingSink: PictureSink {
        var pictures: [TrackPicture] = []
        var finished = 0
        func write(_ picture: TrackPicture) async throws { pictures.append(picture) }
        func finish() async throws { finished += 1 }
        var summary: String { "captured \(pictures.count) pictures" }
        var itemsWritten: Int { pictures.count }
    }

    /// A noise-free Mode S plot: aircraft A (0x3C0001) flies out, B (0x3C0002) in; `t` in seconds after the
    /// epoch 1,000 s.
    static func plot(_ address: UInt32, at t: Double) -> RadarPlot {
        let plane = StereographicPlane(reference: reference)
        // Radial flights at the azimuths where the 4 s beam finds them at their plot times (45°: 0.5 s, 81°: 0.9 s).
        let (azimuth, range) = address == 0x3C_0001 ? (45.0, 30_000 + 200 * t) : (81.0, 60_000 - 150 * t)
        let p = range * SIMD2(sin(azimuth * .pi / 180), cos(azimuth * .pi / 180))
        var g = plane.unproject(p)
        g.heightMetres = address == 0x3C_0001 ? 9_000 : 7_000
        let polar = RadarSite(antenna: reference).polar(of: g)
        return RadarPlot(
            time: 1_000 + t,
            sensor: sensor.id,
            slantRangeMetres: polar.slantRangeMetres,
            azimuth: polar.azimuth,
            modeCFeet: (g.heightMetres / 0.3048 / 25).rounded() * 25,
            modeA: Mode3ACode(address == 0x3C_0001 ? 0o1234 : 0o4567),
            address: ICAOAddress(address),
            kind: .modeS
        )
    }

    @Test("a hand-made source with one late and one out-of-order plot through the pipeline to stub sinks")
    func stubSourceAndSinks() async throws {
        // A at 0.5 + 4k s up to 40.5 s (11 plots), B at 0.9 + 4k s up to 76.9 s (20 plots), in time order…
        var plots = stride(from: 0.5, through: 40.5, by: 4).map { Self.plot(0x3C_0001, at: $0) }
        plots += stride(from: 0.9, through: 76.9, by: 4).map { Self.plot(0x3C_0002, at: $0) }
        plots.sort { $0.time < $1.time }
        // …except that A's 20.5 s plot arrives after B's 20.9 s one (out of order: 0.4 s late, used at its own
        // time) and B's 28.9 s plot arrives after A's 32.5 s one (3.6 s late, beyond the loop's 1 s limit:
        // dropped). A file source has no reorder window, so both count as late inputs.
        func move(_ t: Double, after u: Double) {
            let moved = plots.remove(at: plots.firstIndex { $0.time == 1_000 + t }!)
            plots.insert(moved, at: plots.firstIndex { $0.time == 1_000 + u }! + 1)
        }
        move(20.5, after: 20.9)
        move(28.9, after: 32.5)
        let input = TrackInput(
            name: "stub",
            sensors: [Self.sensor],
            reference: Self.reference,
            plots: plots,
            epochUnixSeconds: 1_000,
            durationSeconds: 90
        )
        let first = CapturingSink()
        let second = CapturingSink()
        let summary = try await TrackingPipeline.run(input: input, sinks: [first, second])

        // One picture per whole second of the input's span (1,000…1,090 s), to every sink, then one finish each.
        #expect(summary.cycles == 91)
        let pictures = await first.pictures
        #expect(pictures.map(\.time) == (1_000...1_090).map(Double.init))
        #expect(pictures.map(\.cycle) == Array(0..<91))
        #expect(await second.pictures.map(\.time) == pictures.map(\.time))
        let finished = (await first.finished, await second.finished)
        #expect(finished == (1, 1))
        #expect(summary.written == [91, 91])
        // Late inputs: both counted; the dropped one never reached the engine.
        #expect(summary.lateInputs == 2)
        #expect(summary.plots == 31)
        #expect(summary.statistics.plots == 30)
        #expect(summary.statistics.tracksConfirmed == 2)
        #expect(summary.statistics.plotsAssociated == 28, "every plot but the two that started the tracks")
        #expect(summary.rows == pictures.map(\.tracks.count).reduce(0, +))

        // One stable track number per aircraft.
        var numbers: [UInt32: Set<UInt32>] = [:]
        for p in pictures { for t in p.tracks { numbers[t.address?.rawValue ?? 0, default: []].insert(t.number) } }
        #expect(numbers.keys.sorted() == [0x3C_0001, 0x3C_0002], "\(numbers)")
        let a = try #require(numbers[0x3C_0001]?.first)
        let b = try #require(numbers[0x3C_0002]?.first)
        #expect(numbers[0x3C_0001]?.count == 1 && numbers[0x3C_0002]?.count == 1 && a != b)

        // Life-cycle events in the pictures: confirmed at the second plot, ended 2.2 periods (8.8 s) after the
        // last plot, reported once, and the track gone from the picture that reports its end and every later one.
        let events = pictures.flatMap(\.events)
        let confirmed = events.compactMap { if case .confirmed(let n, let t) = $0 { (n, t) } else { nil } }
        let ended = events.compactMap { if case .ended(let n, let t) = $0 { (n, t) } else { nil } }
        #expect(confirmed.map(\.0) == [a, b] && confirmed.map(\.1) == [1_004.5, 1_004.9], "\(confirmed)")
        #expect(ended.map(\.0) == [a, b], "\(ended)")
        // The deletion happens at the first cycle more than 8.8 s after the last plot (1,050 s and 1,086 s); the
        // event carries that time.
        #expect(ended.map(\.1) == [1_050, 1_086], "\(ended)")
        #expect(pictures.first { $0.endedTracks.contains(a) }?.time == 1_050)
        #expect(pictures.first { $0.endedTracks.contains(b) }?.time == 1_086)
        for (n, _) in ended {
            let endPicture = try #require(pictures.first { $0.endedTracks.contains(n) })
            #expect(!endPicture.tracks.contains { $0.number == n })
            #expect(!pictures.filter { $0.time > endPicture.time }.contains { $0.tracks.contains { $0.number == n } })
        }
        #expect(pictures.last?.tracks.isEmpty == true)
    }
}
