import Foundation
import Logging
import SkyASTERIX
import SkyAlerts
import SkyApp
import SkyIO
import SkyModel
import SkyServer
import SkySimulation
import SkyStorage
import Testing

/// Collects the alert events a tracker task hands its alert sinks.
actor CollectingAlertSink: AlertEventSink {
    var events: [AlertEvent] = []
    func write(_ events: [AlertEvent], time: Double) async throws { self.events += events }
}

/// The safety nets' live outputs and settings: CAT004 over UDP (loopback only), the `alerts` configuration keys,
/// the `cat004-udp` output, and the `--alert-config` / `--areas` / `--cat004` options of `serve` and `demo`.
struct AlertOutputsTests {
    static let sdps = SensorID(sac: 25, sic: 100)
    static let t0 = 1_700_000_000.0

    /// Decodes every CAT004 record of `blocks`, failing the test on any decode error.
    static func decodeAll(_ blocks: [[UInt8]]) throws -> [CAT004Message] {
        var out: [CAT004Message] = []
        for block in blocks {
            #expect(block.first == 4)
            #expect(Int(block[1]) << 8 | Int(block[2]) == block.count)
            var offset = 3
            while offset < block.count {
                var m = CAT004Message()
                offset = try ItemSlots.decode(.cat004, bytes: block, start: offset, end: block.count, into: &m.slots)
                out.append(m)
            }
        }
        return out
    }

    @Test("CAT004UDPSink: STCA start, update, end and an area start arrive on 127.0.0.1 and decode; no emergencies")
    func cat004Loopback() async throws {
        let listener = try await UDPListener.bind(host: "127.0.0.1", port: 0)
        let sink = try await CAT004UDPSink(host: "127.0.0.1", port: listener.localPort, sdps: Self.sdps)
        let cpa = ClosestApproach(time: Self.t0 + 64, horizontalMetres: 1_500, verticalMetres: 91.44)
        let start = AlertEvent(
            alertID: 7,
            phase: .start,
            kind: .stca,
            time: Self.t0,
            tracks: [113, 245],
            closestApproach: cpa
        )
        var update = start
        update.phase = .update
        update.time = Self.t0 + 10
        var end = start
        end.phase = .end
        end.time = Self.t0 + 80
        end.closestApproach = nil
        let area = AlertEvent(alertID: 8, phase: .start, kind: .area, time: Self.t0 + 10, tracks: [31], area: "LFPG")
        let emergency = AlertEvent(
            alertID: 9,
            phase: .start,
            kind: .emergency,
            time: Self.t0 + 10,
            tracks: [40],
            code: "7700"
        )
        try await sink.write([start], time: Self.t0)
        try await sink.write([emergency], time: Self.t0 + 5)  // no CAT004 message type: nothing sent
        try await sink.write([update, area, emergency], time: Self.t0 + 10)
        try await sink.write([end], time: Self.t0 + 80)
        #expect(await sink.datagrams == 3)
        #expect(await sink.messages == 4)
        let guardTask = Task {
            try? await Task.sleep(for: .seconds(10))
            try? await listener.close()
        }
        defer { guardTask.cancel() }
        var received: [[UInt8]] = []
        for await d in listener.datagrams {
            received.append(d.payload)
            if received.count == 3 { break }
        }
        let messages = try Self.decodeAll(received)
        #expect(messages.map(\.messageTypeCode) == [7, 7, 5, 17])
        #expect(messages.map(\.alertID) == [7, 7, 8, 7])
        #expect(messages.allSatisfy { $0.sdps == Self.sdps && $0.dataSource == Self.sdps })
        #expect(messages[0].trackNumber1 == 113 && messages[0].trackNumber2 == 245)
        #expect(messages[2].trackNumber1 == 31 && messages[2].trackNumber2 == nil && messages[2].areaName == "LFPG")
        let c = try #require(messages[0].closestApproach)
        #expect(c.timeSeconds == 64 && c.horizontalMetres == 1_500 && c.verticalFeet == 300)
        #expect(messages[1].closestApproach?.timeSeconds == 54)  // the update's own time to the CPA
        #expect(messages[3].closestApproach == nil)
        #expect(messages[0].timeOfMessage128 == ASTERIXTime.timeOfDay128(unixSeconds: Self.t0))
        #expect(messages[3].timeOfMessage128 == ASTERIXTime.timeOfDay128(unixSeconds: Self.t0 + 80))
        try await sink.close()
        try await listener.close()
    }

    /// The same run also records: every event is kept with its cycle in the recording, and `replay --tracks`
    /// publishes them with the recorded pictures (the replay's store ends with the live store's active alerts).
    @Test(
        "the tracker task sends every STCA start, update and end as CAT004 over UDP, in the order they happen, and records them"
    )
    func trackerTaskSendsCAT004() async throws {
        // A minute of the airport scene at 400 × real time through the tracker task, with STCA thresholds wide
        // enough (4 NM, 2,000 ft, from the surface) for its traffic to conflict.
        var c = ServeConfiguration()
        c.inputs = [
            .simulator(name: "simulator", preset: .airport, seed: 3, durationSeconds: 60, speed: 400, loop: false)
        ]
        let settings = RecordedSettings(configuration: c)
        settings.apply(to: &c)
        c.tracker.tickSeconds = 3_600  // cycles closed by data only
        var wide = AlertConfiguration()
        wide.stca.horizontalNM = 4
        wide.stca.verticalFeet = 2_000
        wide.stca.minimumAltitudeFeet = 0
        wide.stca.volumes = []
        let listener = try await UDPListener.bind(host: "127.0.0.1", port: 0)
        let cat004 = try await CAT004UDPSink(host: "127.0.0.1", port: listener.localPort, sdps: c.sdps)
        let collected = CollectingAlertSink()
        let dir = NSTemporaryDirectory() + "skywatch-alert-recording-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recording = try ServiceRecording(
            configuration: c,
            options: RecordingOptions(path: dir + "/alerts.sqlite"),
            queueCapacity: 100_000
        )
        let recorderTask = Task { await recording.sink.queue.run() }
        let liveStore = PictureStore()
        let queue = InputQueue()
        let state = ServiceState(
            mode: "test",
            inputs: [InputStatus(name: "simulator", kind: "simulator")],
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
            store: liveStore,
            state: state,
            sinks: [recording.sink],
            alertEngine: AlertEngine(configuration: wide),
            alertSinks: [cat004, collected],
            logger: Logger(label: "test")
        )
        let run = Task { try await tracker.run() }
        let simulator = SimulatorInput(
            context: InputContext(
                index: 0,
                status: InputStatus(name: "simulator", kind: "simulator"),
                queue: queue,
                logger: Logger(label: "test")
            ),
            simulation: SimulationPreset.airport.configuration(seed: 3, durationSeconds: 60),
            speed: 400,
            loop: false
        )
        try await simulator.run()
        queue.finish()
        try await run.value
        recording.sink.queue.finish()
        await recorderTask.value
        #expect(recording.sink.queue.overruns == 0)

        // The recording: each cycle's events with it, all of them, in order.
        let all = await collected.events
        let file = try Recording.open(path: dir + "/alerts.sqlite")
        var recorded: [AlertEvent] = []
        var cycles = 0
        try file.forEachCycleWithEvents { picture, events in
            let alerts = events.alerts
            cycles += 1
            #expect(alerts.allSatisfy { $0.time == picture.time }, "cycle \(picture.cycle)")
            recorded += alerts
        }
        #expect(cycles > 200)
        #expect(recorded == all && !all.isEmpty)
        #expect(try file.alerts(from: -.infinity, to: .infinity) == all)
        // replay --tracks up to the first STCA start: the recorded pictures with their alerts; the store then shows
        // the alerts active at that time (started, not ended), and the CAT004 outputs get the recorded events.
        let replayStore = PictureStore()
        let replayedAlerts = CollectingAlertSink()
        let replayState = ServiceState(
            mode: "replay",
            inputs: [InputStatus(name: "replay", kind: "replay")],
            sensors: settings.sensors,
            reference: settings.reference!,
            cyclePeriodSeconds: c.tracker.cyclePeriodSeconds,
            reorderWindowSeconds: c.tracker.reorderWindowSeconds,
            queue: InputQueue(),
            broadcaster: PictureBroadcaster(bufferFrames: 8)
        )
        let range = try #require(try await file.timeRange())
        let until = try #require(all.first { $0.kind == .stca && $0.phase == .start }).time
        var active: [Int: AlertEvent] = [:]
        for e in all where e.time <= until { active[e.alertID] = e.phase == .end ? nil : e }
        try await RecordingTests.playPictures(
            file,
            from: range.lowerBound,
            to: until,
            store: replayStore,
            state: replayState,
            outputs: ReplayOutputs(alertSinks: [replayedAlerts])
        )
        #expect(await replayedAlerts.events == all.filter { $0.time <= until })
        #expect(!active.isEmpty)
        #expect(replayStore.activeAlerts == active.values.sorted { $0.alertID < $1.alertID })
        #expect(replayStore.picture.time == until)
        // A range that starts later (or a seek): its first picture also carries the alerts active before it, with
        // the times they started.
        let later = until + 0.5
        let laterStore = PictureStore()
        try await RecordingTests.playPictures(file, from: later, to: later, store: laterStore, state: replayState)
        #expect(laterStore.picture.time == later)
        var activeLater: [Int: AlertEvent] = [:]
        var started: [Int: Double] = [:]
        for e in all where e.time <= later {
            activeLater[e.alertID] = e.phase == .end ? nil : e
            if e.phase == .end {
                started[e.alertID] = nil
            } else if started[e.alertID] == nil {
                started[e.alertID] = e.time
            }
        }
        #expect(activeLater.values.contains { e in all.contains { $0.alertID == e.alertID && $0.time == until } })
        #expect(laterStore.activeAlerts == activeLater.values.sorted { $0.alertID < $1.alertID })
        let shown = try #require(
            (try JSONSerialization.jsonObject(with: Data(laterStore.alertsResponse().utf8)) as? [String: Any])?[
                "alerts"
            ]
                as? [[String: Any]]
        )
        #expect(shown.count == activeLater.count)
        for a in shown {
            let id = try #require(a["id"] as? Int)
            #expect(abs((a["start"] as? Double ?? 0) - (started[id] ?? -1)) < 1e-3, "alert \(id)")
        }

        let expected = all.filter { $0.kind == .stca || $0.kind == .area }
        #expect(expected.contains { $0.kind == .stca && $0.phase == .start })
        #expect(expected.contains { $0.phase == .update } && expected.contains { $0.phase == .end })
        let sent = await cat004.datagrams
        #expect(sent > 0)
        let guardTask = Task {
            try? await Task.sleep(for: .seconds(10))
            try? await listener.close()
        }
        defer { guardTask.cancel() }
        var received: [[UInt8]] = []
        for await d in listener.datagrams {
            received.append(d.payload)
            if received.count == sent { break }
        }
        #expect(received.count == sent && listener.droppedDatagrams == 0)
        let messages = try Self.decodeAll(received)
        #expect(messages.count == expected.count)
        for (m, e) in zip(messages, expected) {
            let type: UInt8 = e.phase == .end ? 17 : e.kind == .stca ? 7 : 5
            #expect(m.messageTypeCode == type)
            #expect(m.alertID == UInt16(truncatingIfNeeded: e.alertID))
            #expect(m.trackNumber1 == UInt16(truncatingIfNeeded: e.tracks[0]))
            #expect(m.timeOfMessage128 == ASTERIXTime.timeOfDay128(unixSeconds: e.time))
        }
        try await cat004.close()
        try await listener.close()
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skywatch-alert-outputs-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let zone = """
        {"type": "FeatureCollection", "features": [{"type": "Feature",
          "geometry": {"type": "Polygon", "coordinates": [[[2.5, 49.0], [2.6, 49.0], [2.6, 49.1], [2.5, 49.0]]]},
          "properties": {"name": "test zone", "upperLimit": 120, "upperVerticalReference": "AGL"}}]}
        """

    @Test("--alert-config, --areas and --cat004 set the service configuration, and its engine uses the files")
    func alertOptions() throws {
        let config = try Self.temporaryFile("alerts.json", #"{"stca": {"look_ahead_s": 90, "horizontal_nm": 2.5}}"#)
        let areas = try Self.temporaryFile("zones.geojson", Self.zone)
        var c = ServeConfiguration()
        try c.applyAlertOptions(alertConfig: config, areas: areas, cat004: ["udp://127.0.0.1:8604"])
        #expect(c.alertConfigPath == config && c.areasPath == areas && c.cat004Outputs == ["udp://127.0.0.1:8604"])
        let engine = try makeAlertEngine(configPath: c.alertConfigPath, areasPath: c.areasPath)
        #expect(engine.stca.configuration.lookAheadSeconds == 90 && engine.stca.configuration.horizontalNM == 2.5)
        #expect(engine.areaProximity.areas.map(\.name) == ["test zone"])

        // Flags left out keep what the configuration file gave.
        var kept = c
        try kept.applyAlertOptions(alertConfig: nil, areas: nil, cat004: [])
        #expect(kept.alertConfigPath == config && kept.areasPath == areas && kept.cat004Outputs.count == 1)

        var bad = ServeConfiguration()
        #expect(throws: ConfigError.self) {
            try bad.applyAlertOptions(alertConfig: nil, areas: nil, cat004: ["127.0.0.1:8604"])
        }
        let misspelt = try Self.temporaryFile("bad.json", #"{"stca": {"look_ahead": 90}}"#)
        let error = #expect(throws: ConfigError.self) {
            try bad.applyAlertOptions(alertConfig: misspelt, areas: nil, cat004: [])
        }
        #expect(error?.description.contains("look_ahead") == true)
        #expect(throws: (any Error).self) {
            try bad.applyAlertOptions(alertConfig: nil, areas: "/nonexistent/zones.geojson", cat004: [])
        }
    }

    @Test("configuration file: alerts.config, alerts.areas and a cat004-udp output")
    func configurationFile() throws {
        let path = try Self.temporaryFile(
            "serve.json",
            """
            {"alerts": {"config": "/etc/skywatch/alerts.json", "areas": "/etc/skywatch/zones.geojson"},
             "outputs": [{"kind": "cat062-udp", "url": "udp://239.1.2.4:8601", "sdps": "1/2"},
                         {"kind": "cat004-udp", "url": "udp://239.1.2.4:8604"}]}
            """
        )
        let c = try ServeConfiguration.load(path: path)
        #expect(c.alertConfigPath == "/etc/skywatch/alerts.json")
        #expect(c.areasPath == "/etc/skywatch/zones.geojson")
        #expect(c.cat062Outputs == ["udp://239.1.2.4:8601"] && c.cat004Outputs == ["udp://239.1.2.4:8604"])
        #expect(c.sdps == SensorID(sac: 1, sic: 2))
        let unknown = try Self.temporaryFile("serve-bad.json", #"{"alerts": {"zones": "z.geojson"}}"#)
        let error = #expect(throws: ConfigError.self) { try ServeConfiguration.load(path: unknown) }
        #expect(error?.description.contains("alerts.zones") == true)
    }

    @Test("configuration file: integers 0 and 1 are numbers, true and false are booleans")
    func numbersAndBooleans() throws {
        let path = try Self.temporaryFile(
            "serve-sim.json",
            #"{"inputs": [{"kind": "simulator", "preset": "airport", "seed": 1, "duration_s": 600, "loop": false}]}"#
        )
        let c = try ServeConfiguration.load(path: path)
        guard case .simulator(_, _, let seed, let duration, _, let loop)? = c.inputs.first else {
            Issue.record("no simulator input: \(c.inputs)")
            return
        }
        #expect(seed == 1 && duration == 600 && loop == false)
        let swapped = try Self.temporaryFile(
            "serve-sim-bad.json",
            #"{"inputs": [{"kind": "simulator", "seed": true, "loop": 1}]}"#
        )
        let error = #expect(throws: ConfigError.self) { try ServeConfiguration.load(path: swapped) }
        #expect(
            error?.description.contains("inputs[0].seed: expected a number") == true,
            "\(String(describing: error))"
        )
    }
}
