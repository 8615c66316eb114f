import Foundation
import Logging
import SkyApp
import SkyGeodesy
import SkyModel
import SkyServer
import SkySimulation
import SkyStorage
import Testing

/// Passes every picture the tracker publishes on to an `AsyncStream`, so that a test can wait for a given cycle
/// without sleeping.
final class StreamingSink: PictureSink {
    let pictures: AsyncStream<TrackPicture>
    private let continuation: AsyncStream<TrackPicture>.Continuation

    init() { (pictures, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded) }

    func write(_ picture: TrackPicture) async throws { continuation.yield(picture) }
    func finish() async throws { continuation.finish() }
    var summary: String { "" }
    var itemsWritten: Int { 0 }
}

/// Seeking back in a re-tracking replay: the tracker starts again and catches up, so that the picture after the
/// seek is the picture of a straight run at that time.
struct ReplaySeekTests {
    /// The largest difference of latitude, longitude (degrees) and height (metres) between two pictures with the
    /// same tracks; `nil` when cycle, time or track numbers differ.
    static func difference(_ a: TrackPicture, _ b: TrackPicture) -> Double? {
        guard a.cycle == b.cycle, a.time == b.time, a.tracks.map(\.number) == b.tracks.map(\.number) else { return nil }
        var worst = 0.0
        for (s, t) in zip(a.tracks, b.tracks) {
            worst = max(
                worst,
                abs(s.position.latitudeDegrees - t.position.latitudeDegrees),
                abs(s.position.longitudeDegrees - t.position.longitudeDegrees),
                abs(s.position.heightMetres - t.position.heightMetres)
            )
        }
        return worst
    }

    /// A tracker task without clock ticks (cycles closed by data only) publishing to `store` and `sinks`.
    static func tracker(
        settings: RecordedSettings,
        queue: InputQueue,
        store: PictureStore,
        sinks: [any PictureSink]
    ) -> TrackerService {
        var c = ServeConfiguration()
        settings.apply(to: &c)
        c.tracker.tickSeconds = 3_600
        let state = ServiceState(
            mode: "test",
            inputs: [InputStatus(name: "replay", kind: "replay")],
            sensors: settings.sensors,
            reference: settings.reference!,
            cyclePeriodSeconds: c.tracker.cyclePeriodSeconds,
            reorderWindowSeconds: c.tracker.reorderWindowSeconds,
            queue: queue,
            broadcaster: store.broadcaster
        )
        return TrackerService(
            configuration: c.tracker,
            sensors: settings.sensors,
            reference: settings.reference!,
            queue: queue,
            store: store,
            state: state,
            sinks: sinks,
            logger: Logger(label: "test")
        )
    }

    static func replay(_ file: Recording, queue: InputQueue, api: ReplayAPI, waitAtEnd: Bool) -> ReplayInput {
        ReplayInput(
            context: InputContext(
                index: 0,
                status: InputStatus(name: "replay", kind: "replay"),
                queue: queue,
                logger: Logger(label: "test")
            ),
            recording: file,
            api: api,
            waitAtEnd: waitAtEnd
        )
    }

    /// Records a minute of the airport scene through the service pipeline (as `RecordingTests` does), replays it
    /// straight through, then replays it again to the end, pauses, seeks back to 30 s and compares: after the
    /// seek the tracker's pictures are the straight run's from cycle 0 (same cycle numbers, times, track numbers,
    /// positions to 1e-9) up to the target, and so is the store the server shows.
    @Test(
        "a seek back in re-tracking replay gives the picture of a straight run at the target time",
        .timeLimit(.minutes(10))
    )
    func seekBackMatchesStraightRun() async throws {
        let dir = try RecordingTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/live.sqlite"
        var c = ServeConfiguration()
        c.inputs = [
            .simulator(name: "simulator", preset: .airport, seed: 5, durationSeconds: 60, speed: 400, loop: false)
        ]
        let recording = try ServiceRecording(
            configuration: c,
            options: RecordingOptions(path: path),
            queueCapacity: 100_000
        )
        let settings = RecordedSettings(configuration: c)
        let liveQueue = InputQueue()
        let liveTracker = RecordingTests.tracker(
            settings: settings,
            queue: liveQueue,
            sinks: [recording.sink],
            inputName: "simulator"
        )
        let recorderTask = Task { await recording.sink.queue.run() }
        let liveTask = Task { try await liveTracker.run() }
        try await SimulatorInput(
            context: InputContext(
                index: 0,
                status: InputStatus(name: "simulator", kind: "simulator"),
                queue: liveQueue,
                logger: Logger(label: "test"),
                rawTap: recording.tap.rawTap
            ),
            simulation: SimulationPreset.airport.configuration(seed: 5, durationSeconds: 60),
            speed: 400,
            loop: false
        ).run()
        liveQueue.finish()
        try await liveTask.value
        recording.sink.queue.finish()
        await recorderTask.value

        let file = try Recording.open(path: path)
        let recorded = RecordedSettings(json: try #require(file.runs().last).configurationJSON)
        let range = try #require(try file.inputTimeRange())

        // The straight run.
        let straightQueue = InputQueue()
        let straightSink = CollectingSink()
        let straightTracker = Self.tracker(
            settings: recorded,
            queue: straightQueue,
            store: PictureStore(),
            sinks: [straightSink]
        )
        let straightTask = Task { try await straightTracker.run() }
        try await Self.replay(
            file,
            queue: straightQueue,
            api: ReplayAPI(control: .init(speed: .infinity), from: range.lowerBound, to: range.upperBound),
            waitAtEnd: false
        ).run()
        straightQueue.finish()
        try await straightTask.value
        let straight = await straightSink.pictures
        #expect(straight.count > 200)

        // To the end, then back to 30 s, paused.
        let target = range.lowerBound + 30
        let queue = InputQueue()
        let store = PictureStore()
        let sink = StreamingSink()
        let tracker = Self.tracker(settings: recorded, queue: queue, store: store, sinks: [sink])
        let trackerTask = Task { try await tracker.run() }
        let api = ReplayAPI(control: .init(speed: .infinity), from: range.lowerBound, to: range.upperBound)
        let replayTask = Task { try await Self.replay(file, queue: queue, api: api, waitAtEnd: true).run() }
        // The last straight cycle that inputs up to the target close for sure (its end plus the reorder window
        // is before the target).
        let lastBeforeTarget = try #require(
            straight.last { $0.time + recorded.cyclePeriodSeconds + recorded.reorderWindowSeconds < target }
        )
        let nearEnd = straight[straight.count - 10]
        var before: [TrackPicture] = []
        var after: [TrackPicture] = []
        for await picture in sink.pictures {
            if after.isEmpty, let previous = before.last, picture.cycle > previous.cycle {
                before.append(picture)
            } else if before.isEmpty {
                before.append(picture)
            } else {
                after.append(picture)
            }
            if after.isEmpty && picture.cycle == nearEnd.cycle {
                api.control.pause()
                #expect(api.apply(action: "seek", time: target, speed: nil) == nil)
            }
            if after.last?.cycle == lastBeforeTarget.cycle { break }
        }
        // Before the seek: the straight run; it went past the target.
        #expect(before.count >= straight.count - 10)
        #expect(zip(before, straight).allSatisfy { Self.difference($0, $1).map { $0 <= 1e-9 } == true })
        // After it: the straight run again from cycle 0, positions equal to 1e-9.
        #expect(after.first?.cycle == 0)
        #expect(after.count == lastBeforeTarget.cycle + 1)
        var worst = 0.0
        for (a, s) in zip(after, straight) {
            let d = try #require(Self.difference(a, s), "cycle \(a.cycle) differs from the straight run")
            worst = max(worst, d)
        }
        #expect(worst <= 1e-9, "largest position difference \(worst)")
        #expect(after.reduce(0) { $0 + $1.tracks.count } > 1_000)
        // The server's picture after the seek is a straight-run picture at or before the target.
        let shown = store.picture
        #expect(shown.time <= target)
        #expect(shown.cycle >= lastBeforeTarget.cycle)
        #expect(Self.difference(shown, straight[shown.cycle]).map { $0 <= 1e-9 } == true)
        #expect(api.control.pacer.isPaused)
        #expect((api.control.pacer.position ?? .infinity) <= target)

        replayTask.cancel()
        try? await replayTask.value
        queue.finish()
        try await trackerTask.value
    }
}
