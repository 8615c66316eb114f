import Foundation
import Logging
import SkyASTERIX
import SkyApp
import SkyEvaluation
import SkyGeodesy
import SkyModel
import SkyServer
import SkySimulation
import SkyStorage
import SkyTracking
import Testing

/// Collects every picture a tracker publishes.
actor CollectingSink: PictureSink {
    var pictures: [TrackPicture] = []
    func write(_ picture: TrackPicture) async throws { pictures.append(picture) }
    func finish() async throws {}
    var summary: String { "\(pictures.count) pictures" }
    var itemsWritten: Int { pictures.count }
}

/// Recording a run (inputs and picture), replaying it through the tracker, exporting it.
struct RecordingTests {
    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "skywatch-recording-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A tracker task on `queue` without clock ticks (cycles are closed by data only, so that the run depends on
    /// the inputs and their order alone, not on the wall clock).
    static func tracker(
        settings: RecordedSettings,
        queue: InputQueue,
        sinks: [any PictureSink],
        inputName: String
    ) -> TrackerService {
        trackerAndState(settings: settings, queue: queue, sinks: sinks, inputName: inputName).tracker
    }

    /// `skywatch replay --tracks` of `file` over `from…to`, as fast as possible: the recorded pictures (with their
    /// alerts and registration estimates) published into `store` and `state`, and sent to `outputs`.
    static func playPictures(
        _ file: Recording,
        from: Double,
        to: Double,
        store: PictureStore,
        state: ServiceState,
        outputs: ReplayOutputs = ReplayOutputs()
    ) async throws {
        try await ReplayInput(
            context: InputContext(
                index: 0,
                status: InputStatus(name: "replay", kind: "replay"),
                queue: InputQueue(),
                logger: Logger(label: "test")
            ),
            recording: file,
            api: ReplayAPI(control: .init(speed: .infinity), from: from, to: to),
            pictures: (store, state),
            outputs: outputs,
            waitAtEnd: false
        ).run()
    }

    /// ``tracker(settings:queue:sinks:inputName:)`` and the service state it reports to; `tracking` and
    /// `registration`, when given, replace the settings' tracker configuration and registration mode (the live run's
    /// configuration, which replay must not need).
    static func trackerAndState(
        settings: RecordedSettings,
        queue: InputQueue,
        sinks: [any PictureSink],
        inputName: String,
        registration: RegistrationMode? = nil,
        tracking: TrackingConfiguration? = nil
    ) -> (tracker: TrackerService, state: ServiceState) {
        var c = ServeConfiguration()
        settings.apply(to: &c)
        if let tracking { c.tracker.tracking = tracking }
        if let registration { c.tracker.tracking.tracker.registration = registration }
        c.tracker.tickSeconds = 3_600
        let state = ServiceState(
            mode: "test",
            inputs: [InputStatus(name: inputName, kind: "test")],
            sensors: settings.sensors,
            reference: settings.reference!,
            cyclePeriodSeconds: c.tracker.cyclePeriodSeconds,
            reorderWindowSeconds: c.tracker.reorderWindowSeconds,
            queue: queue,
            broadcaster: PictureBroadcaster(bufferFrames: 8)
        )
        let tracker = TrackerService(
            configuration: c.tracker,
            sensors: settings.sensors,
            reference: settings.reference!,
            queue: queue,
            store: PictureStore(),
            state: state,
            sinks: sinks,
            logger: Logger(label: "test")
        )
        return (tracker, state)
    }

    /// The service pipeline of `demo` (the in-process simulator's ASTERIX and Beast bytes through the live
    /// decoders, the tracker task, the recorder sink with the raw input tap) records a minute of the airport
    /// scene; replaying the recorded inputs (as fast as possible) through the same decoders and tracker, with the
    /// settings read back from the recording, gives the same cycles, track numbers and positions (to 1e-9). With
    /// sensor registration on, the replay estimates (and corrects) as the live run did: the same estimates. With
    /// tracker and ADS-B parameters other than the defaults (what a `parameters_file` sets), the replay runs with
    /// them.
    @Test("replay of a recording gives the live run's tracks", arguments: ["off", "correct", "parameters"])
    func replayIsDeterministic(variant: String) async throws {
        let registration: RegistrationMode = variant == "correct" ? .correct : .off
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/live.sqlite"
        var c = ServeConfiguration()
        c.inputs = [
            .simulator(name: "simulator", preset: .airport, seed: 3, durationSeconds: 60, speed: 400, loop: false)
        ]
        c.tracker.tracking.tracker.registration = registration
        if variant == "parameters" {
            c.tracker.tracking.tracker.confirmationLogic = .mOfN
            c.tracker.tracking.tracker.confirmVelocitySigma = 90.3
            c.tracker.tracking.tracker.maximumPositionSigma *= 0.7
            c.tracker.tracking.adsb.reanchorMaximumAgePeriods = 0
        }
        let recording = try ServiceRecording(
            configuration: c,
            options: RecordingOptions(path: path),
            queueCapacity: 100_000
        )
        let settings = RecordedSettings(configuration: c)

        // Live.
        let liveQueue = InputQueue()
        let live = CollectingSink()
        let (liveTracker, liveState) = Self.trackerAndState(
            settings: settings,
            queue: liveQueue,
            sinks: [recording.sink, live],
            inputName: "simulator",
            tracking: c.tracker.tracking
        )
        let recorderTask = Task { await recording.sink.queue.run() }
        let liveTask = Task { try await liveTracker.run() }
        let simulator = SimulatorInput(
            context: InputContext(
                index: 0,
                status: InputStatus(name: "simulator", kind: "simulator"),
                queue: liveQueue,
                logger: Logger(label: "test"),
                rawTap: recording.tap.rawTap
            ),
            simulation: SimulationPreset.airport.configuration(seed: 3, durationSeconds: 60),
            speed: 400,
            loop: false
        )
        try await simulator.run()
        liveQueue.finish()
        try await liveTask.value
        recording.sink.queue.finish()
        await recorderTask.value
        #expect(recording.sink.queue.overruns == 0)
        let livePictures = await live.pictures

        // Replay, with the settings the recording kept.
        let file = try Recording.open(path: path)
        let counts = try file.counts()
        #expect(counts.cycles == livePictures.count)
        #expect(counts.inputs > 100)
        let recorded = RecordedSettings(json: try #require(file.runs().last).configurationJSON)
        #expect(recorded.trackerParameters == c.tracker.tracking.tracker)
        #expect(recorded.adsbParameters == c.tracker.tracking.adsb)
        #expect(recorded.sensors == settings.sensors)
        #expect(recorded.reference == settings.reference)
        let range = try #require(try file.inputTimeRange())
        let replayQueue = InputQueue()
        let replayed = CollectingSink()
        let (replayTracker, replayState) = Self.trackerAndState(
            settings: recorded,
            queue: replayQueue,
            sinks: [replayed],
            inputName: "replay"
        )
        let replayTask = Task { try await replayTracker.run() }
        let replay = ReplayInput(
            context: InputContext(
                index: 0,
                status: InputStatus(name: "replay", kind: "replay"),
                queue: replayQueue,
                logger: Logger(label: "test")
            ),
            recording: file,
            api: ReplayAPI(control: .init(speed: .infinity), from: range.lowerBound, to: range.upperBound),
            waitAtEnd: false
        )
        try await replay.run()
        replayQueue.finish()
        try await replayTask.value
        let replayPictures = await replayed.pictures

        #expect(livePictures.count > 200)
        #expect(replayPictures.count == livePictures.count)
        var tracksCompared = 0
        var worst = 0.0
        for (a, b) in zip(livePictures, replayPictures) {
            #expect(a.cycle == b.cycle)
            #expect(a.time == b.time)
            #expect(a.tracks.map(\.number) == b.tracks.map(\.number), "cycle \(a.cycle)")
            for (s, t) in zip(a.tracks, b.tracks) {
                worst = max(
                    worst,
                    abs(s.position.latitudeDegrees - t.position.latitudeDegrees),
                    abs(s.position.longitudeDegrees - t.position.longitudeDegrees),
                    abs(s.position.heightMetres - t.position.heightMetres)
                )
                tracksCompared += 1
            }
        }
        #expect(tracksCompared > 5_000)
        #expect(worst <= 1e-9, "largest position difference \(worst)")

        let liveEstimates = liveState.registrationEstimates
        let replayEstimates = replayState.registrationEstimates
        #expect(liveEstimates.isEmpty == (registration == .off))
        #expect(registration == .off || liveEstimates.contains { $0.observations > 0 })
        #expect(replayEstimates.map(\.sensor) == liveEstimates.map(\.sensor))
        for (a, b) in zip(liveEstimates, replayEstimates) {
            #expect(a.observations == b.observations && a.converged == b.converged, "\(a.sensor)")
            #expect(a.bias.vector == b.bias.vector && a.sigma.vector == b.sigma.vector, "\(a.sensor)")
        }
    }

    /// `skywatch track` on a simulated scenario with the recorder attached: the recording exported to CSV is the
    /// live run's own tracks.csv, so `skywatch evaluate` scores both the same; the CAT062 + CAT065 export decodes
    /// without errors.
    @Test("export: CSV scores as the live tracks.csv, CAT062 decodes")
    func exportMatchesLiveRun() async throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try await SimulationRun.run(
            SimulationPreset.airport.configuration(seed: 2, durationSeconds: 120),
            output: .directory(dir),
            speed: nil
        )
        let input = try TrackInput.scenario(directory: dir)
        let recorder = try Recorder(path: dir + "/run.sqlite", programVersion: "test", startWallTime: 0)
        let queue = RecorderQueue(recorder: recorder, capacity: 100_000)
        let recorderTask = Task { await queue.run() }
        let csv = try TracksCSVSink(path: dir + "/tracks.csv", epochUnixSeconds: input.epochUnixSeconds)
        _ = try await TrackingPipeline.run(input: input, sinks: [csv, RecorderSink(queue: queue)])
        queue.finish()
        await recorderTask.value
        #expect(queue.overruns == 0)

        let summary = try RecordingExport.run(path: dir + "/run.sqlite", format: .csv, out: dir + "/exported.csv")
        #expect(summary.contains("epoch \(Int(input.epochUnixSeconds))"))
        let liveText = try String(contentsOfFile: dir + "/tracks.csv", encoding: .utf8)
        let exportedText = try String(contentsOfFile: dir + "/exported.csv", encoding: .utf8)
        #expect(liveText.split(separator: "\n").count > 1_000)
        // The same rows; within a second the export lists tracks in number order, the live file in the engine's.
        let liveLines = liveText.split(separator: "\n").sorted()
        let exportedLines = exportedText.split(separator: "\n").sorted()
        #expect(exportedLines.count == liveLines.count)
        let firstDifference = zip(liveLines, exportedLines).first { $0 != $1 }
        #expect(firstDifference == nil, "first differing line: \(String(describing: firstDifference))")
        let liveScore = try EvaluationRun.run(scenarioDirectory: dir, tracksPath: dir + "/tracks.csv").report
        let exportScore = try EvaluationRun.run(scenarioDirectory: dir, tracksPath: dir + "/exported.csv").report
        #expect(exportScore.ospaMeanMetres == liveScore.ospaMeanMetres)
        #expect(exportScore.completeness == liveScore.completeness)
        #expect(exportScore.idSwitches == liveScore.idSwitches)
        #expect(exportScore.falseTrackCount == liveScore.falseTrackCount)
        #expect(liveScore.completeness > 0.9)

        _ = try RecordingExport.run(path: dir + "/run.sqlite", format: .ast, out: dir + "/run.ast")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/run.ast")))
        var sink = RecordRangeSink()
        BlockDecoder.decode(bytes, into: &sink)
        #expect(sink.errors.isEmpty, "\(sink.errors.prefix(3))")
        let byCategory = Dictionary(grouping: sink.ranges, by: \.category).mapValues(\.count)
        #expect(byCategory[65] == (try Recording.open(path: dir + "/run.sqlite").counts().cycles))
        #expect((byCategory[62] ?? 0) > 1_000)

        let geojson = try RecordingExport.run(path: dir + "/run.sqlite", format: .geojson, out: dir + "/run.geojson")
        let object = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: dir + "/run.geojson"))
        )
        let features = (object as? [String: Any])?["features"] as? [Any]
        #expect((features?.count ?? 0) > 10, "\(geojson)")
    }

    /// A file that is not a recording: export and replay refuse it with an error naming the file, and leave it
    /// as it was.
    @Test("export and replay of a file that is not a recording: clear error naming the file")
    func badRecording() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/notes.sqlite"
        let text = Data("time,track_id\n1,2\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))
        do {
            _ = try RecordingExport.run(path: path, format: .csv, out: dir + "/out.csv")
            Issue.record("export accepted a text file")
        } catch {
            #expect("\(error)".hasPrefix(path + ": "))
            #expect("\(error)".contains("not a Skywatch recording"))
        }
        do {
            _ = try ReplaySetup.configuration(
                recording: path,
                from: nil,
                to: nil,
                speed: 1,
                tracks: false,
                configPath: nil
            )
            Issue.record("replay accepted a text file")
        } catch {
            #expect("\(error)".hasPrefix(path + ": "))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
