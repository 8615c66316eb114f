import Foundation
import SkyASTERIX
import SkyIO
import SkyModel
import SkyServer
import SkyStorage
import SkyTracking
import Synchronization
import Testing

@testable import SkyApp

/// The registration estimate leaving the system: CAT063 next to CAT062 (file and UDP), `/api/sensors`, `/metrics`.
struct RegistrationOutputTests {
    /// The data blocks of a file of raw ASTERIX.
    static func blocks(_ bytes: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var i = 0
        while i + 3 <= bytes.count {
            let n = Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
            out.append(Array(bytes[i..<(i + n)]))
            i += n
        }
        return out
    }

    /// The engineering values of a fixed CAT063 item (table scale and sign).
    static func values(_ record: ASTERIXRecord, frn: Int) -> [Double]? {
        guard case .fixed(let raws)? = record.items[frn], case .fixed(let part)? = UAP.cat063.items[frn - 1]?.format
        else { return nil }
        return zip(part.fields.filter { $0.kind == .value }, raws).map { $0.value(raw: $1) }
    }

    /// Checks that a decoded CAT063 record carries `r` within half an LSB, and nothing that `r` does not have.
    static func expectRecord(_ record: ASTERIXRecord, carries r: CAT063Encoder.Registration) {
        #expect(record.items[4] == .fixed([UInt64(r.sensor.sac), UInt64(r.sensor.sic)]))
        if let t = r.timeOffsetSeconds, let ms = values(record, frn: 6)?.first {
            #expect(abs(ms / 1000 - t) <= 0.0005 + 1e-12, "time \(ms) ms vs \(t) s")
        } else {
            #expect(r.timeOffsetSeconds == nil && record.items[6] == nil)
        }
        if let g = r.rangeGainPPM, let b = r.rangeOffsetMetres, let v = values(record, frn: 7) {
            #expect(abs(v[0] * 1e6 - g) <= 5 + 1e-9, "gain \(v[0]) vs \(g) ppm")
            #expect(abs(v[1] * 1852 - b) <= 1852.0 / 256 + 1e-9, "range \(v[1]) NM vs \(b) m")
        } else {
            #expect((r.rangeGainPPM == nil || r.rangeOffsetMetres == nil) && record.items[7] == nil)
        }
        if let a = r.azimuthOffset, let deg = values(record, frn: 8)?.first {
            #expect(abs(deg - a * 180 / .pi) <= 360.0 / 131_072 + 1e-12, "azimuth \(deg)° vs \(a) rad")
        } else {
            #expect(r.azimuthOffset == nil && record.items[8] == nil)
        }
        #expect(record.items[9] == nil && record.items[10] == nil, "a Mode S radar: no PSR items")
    }

    @Test(
        "track with registration estimate: CAT063 in the CAT062 file every 10 s and at the end, decoding to the estimate; the CAT062/065 bytes are those of registration off",
        .timeLimit(.minutes(10))
    )
    func cat063InTheTrackFile() async throws {
        let input = RegistrationScene.make()
        let dir = FileManager.default.temporaryDirectory.path + "/skywatch-regout-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var configuration = TrackingConfiguration()
        configuration.tracker.registration = .estimate
        let on = try await TrackingPipeline.run(
            input: input,
            output: .asterix(dir + "/on.ast"),
            configuration: configuration
        )
        let off = try await TrackingPipeline.run(input: input, output: .asterix(dir + "/off.ast"))
        #expect(off.registration.isEmpty)
        let onBlocks = Self.blocks(try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/on.ast"))))
        let offBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/off.ast")))
        #expect(!Self.blocks(offBytes).contains { $0[0] == 63 }, "registration off: no CAT063")
        // `estimate` leaves the plots alone: without its CAT063 blocks the file is the `off` file, byte for byte.
        let cat063 = onBlocks.filter { $0[0] == 63 }
        #expect(Array(onBlocks.filter { $0[0] != 63 }.joined()) == offBytes)

        // The estimate converged on this scene (as in SkyTrackingTests' trackerCollectsADSBPairs).
        let estimate = try #require(on.registration.first)
        #expect(estimate.converged, "\(estimate.summaryLine)")
        print("registration output test: \(estimate.summaryLine)")

        // One record per radar per set, sets at least 10 s of data time apart, the last at the end of the run.
        let records = try cat063.flatMap { try ASTERIXRecord.decodeBlocks($0) }
        let times = records.compactMap { Self.values($0, frn: 3)?.first }
        #expect(times.count == records.count && records.count >= 10, "\(records.count) CAT063 records")
        // The periodic sets are at least 10 s apart; the final set at the end of the run may follow sooner.
        let periodic = times.dropLast()
        for (a, b) in zip(periodic, periodic.dropFirst()) { #expect(b - a >= 10, "CAT063 at \(a) then \(b) s of day") }
        #expect(times.count < 2 || times[times.count - 1] > times[times.count - 2])
        let endOfDay = (input.epochUnixSeconds + input.durationSeconds).truncatingRemainder(dividingBy: 86_400)
        #expect(times.last == endOfDay)
        print("registration output test: \(records.count) CAT063 records, first at \(times.first ?? -1) s of day")
        let last = try #require(records.last)
        let expected = try #require(
            RegistrationOutput.cat063(on.registration, sensors: [RegistrationScene.radar.id: .modeS]).first
        )
        #expect(expected.timeOffsetSeconds != nil && expected.rangeOffsetMetres != nil && expected.azimuthOffset != nil)
        Self.expectRecord(last, carries: expected)
        // And the truth: the simulated biases (180 m, 0.12°, 0.3 s) within the LSB plus 3σ.
        let truth = RegistrationScene.truth
        let ms = try #require(Self.values(last, frn: 6)?.first)
        #expect(abs(ms / 1000 - truth.timeOffsetSeconds) < 0.0005 + 3 * estimate.sigma.timeOffsetSeconds)
        let range = try #require(Self.values(last, frn: 7))
        #expect(abs(range[1] * 1852 - truth.rangeOffsetMetres) < 7.24 + 3 * estimate.sigma.rangeOffsetMetres)
        let azimuth = try #require(Self.values(last, frn: 8)?.first)
        #expect(abs(azimuth - 0.12) < 0.0028 + 3 * estimate.sigma.azimuthOffset * 180 / .pi)
    }

    @Test(
        "sensors files: \"reference\": true marks a radar as registration reference (ASTERIX configuration and scenario sensors.json), kept in recorded settings"
    )
    func referenceFromSensorsFile() throws {
        let asterix = try ASTERIXSensorsConfig.parse(
            Data(
                #"""
                {"sensors": [
                  {"sac": 25, "sic": 1, "latitude_deg": 45.8, "longitude_deg": 16.0, "height_m": 300,
                   "range_sigma_m": 40, "azimuth_sigma_deg": 0.05, "reference": true},
                  {"sac": 25, "sic": 2, "latitude_deg": 45.0, "longitude_deg": 15.0, "height_m": 300,
                   "range_sigma_m": 40, "azimuth_sigma_deg": 0.05}]}
                """#.utf8
            )
        )
        #expect(asterix.sensors.map(\.isRegistrationReference) == [true, false])
        let bad =
            #"{"sensors": [{"sac": 25, "sic": 1, "latitude_deg": 45.8, "longitude_deg": 16.0, "height_m": 300, "range_sigma_m": 40, "azimuth_sigma_deg": 0.05, "reference": "yes"}]}"#
        #expect(throws: ConfigError.self) { try ASTERIXSensorsConfig.parse(Data(bad.utf8)) }

        let dir = FileManager.default.temporaryDirectory.path + "/skywatch-regref-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func scenarioSensors(_ reference: String) -> String {
            #"{"scenario": "t", "epoch_unix_s": 0, "duration_s": 60, "radars": ["#
                + #"{"radar_id": 1, "lat": 45.8, "lon": 16.0, "alt_m": 300, "sigma_range_m": 40, "sigma_azimuth_deg": 0.05, "rotation_period_s": 4, "max_range_m": 250000, "reference": \#(reference)},"#
                + #"{"radar_id": 2, "lat": 45.0, "lon": 15.0, "alt_m": 300, "sigma_range_m": 40, "sigma_azimuth_deg": 0.05, "rotation_period_s": 4, "max_range_m": 250000}]}"#
        }
        try scenarioSensors("true").write(toFile: dir + "/sensors.json", atomically: true, encoding: .utf8)
        let sensors = try ServeConfiguration.loadSensorsFile(path: dir + "/sensors.json")
        #expect(sensors.map(\.isRegistrationReference) == [true, false])
        for badValue in ["\"true\"", "null"] {
            try scenarioSensors(badValue).write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
            #expect(throws: (any Error).self, "reference: \(badValue)") {
                try ServeConfiguration.loadSensorsFile(path: dir + "/bad.json")
            }
        }

        // A replay re-tracks with the recorded sensors: the flag survives the run's configuration JSON.
        var settings = RecordedSettings(configuration: ServeConfiguration())
        settings.sensors = sensors
        #expect(RecordedSettings(json: settings.json()).sensors.map(\.isRegistrationReference) == [true, false])

        // ... and with the recorded registration mode and reference radars, so that a replay of a run with
        // registration on estimates (and corrects) as the live run did.
        var live = ServeConfiguration()
        live.tracker.tracking.tracker.registration = .correct
        live.tracker.tracking.tracker.registrationReferences = ["0/4", "1/2"]
        let recorded = RecordedSettings(json: RecordedSettings(configuration: live).json())
        #expect(recorded.registration == "correct" && recorded.registrationReferences == ["0/4", "1/2"])
        var replay = ServeConfiguration()
        recorded.apply(to: &replay)
        #expect(replay.tracker.tracking.tracker.registration == .correct)
        #expect(replay.tracker.tracking.tracker.registrationReferences == ["0/4", "1/2"])
        // A recording made before the mode was kept says nothing of it: replay runs with registration off.
        var old = ServeConfiguration()
        RecordedSettings(json: #"{"tracker":{"cycle_s":"1"}}"#).apply(to: &old)
        #expect(old.tracker.tracking.tracker.registration == .off)
    }

    @Test("serve configuration: tracker.registration and its reference radars; a bad mode names the key")
    func serveConfiguration() throws {
        let path =
            FileManager.default.temporaryDirectory.path + "/skywatch-regout-\(UInt64.random(in: 0...UInt64.max)).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try #"{"tracker": {"cycle_s": 1, "registration": "correct", "registration_references": ["0/1", "25/12"]}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let c = try ServeConfiguration.load(path: path)
        #expect(c.tracker.tracking.tracker.registration == .correct)
        #expect(c.tracker.tracking.tracker.registrationReferences == ["0/1", "25/12"])
        #expect(try ServeConfiguration.load(path: path).tracker.cyclePeriodSeconds == 1)
        try #"{"tracker": {"registrationReferences": ["0/2"]}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let d = try ServeConfiguration.load(path: path)
        #expect(
            d.tracker.tracking.tracker.registration == .off
                && d.tracker.tracking.tracker.registrationReferences == ["0/2"]
        )
        for bad in [#"{"tracker": {"registration": "on"}}"#, #"{"tracker": {"registration_references": ["radar 1"]}}"#]
        {
            try bad.write(toFile: path, atomically: true, encoding: .utf8)
            let error = #expect(throws: ConfigError.self) { try ServeConfiguration.load(path: path) }
            #expect("\(error.map { "\($0)" } ?? "")".contains("tracker.registration"), "\(String(describing: error))")
        }
    }

    @Test("/api/sensors lists a radar the tracker estimates but the configuration does not describe")
    func undescribedRadarListed() throws {
        let state = ServiceState(
            mode: "live",
            inputs: [],
            sensors: [RegistrationScene.radar],
            reference: RegistrationScene.site,
            cyclePeriodSeconds: 1,
            reorderWindowSeconds: 0.1,
            queue: InputQueue(),
            broadcaster: PictureBroadcaster(bufferFrames: 8)
        )
        var e = RadarRegistrationEstimate(sensor: SensorID(sac: 9, sic: 7), isReference: false, priorSigma: .one)
        e.bias = RadarBias(rangeOffsetMetres: 75, rangeGainPPM: 0, azimuthOffset: 0, timeOffsetSeconds: 0)
        e.observable = [true, false, false, false]
        state.registrationUpdated([e], mode: .estimate)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(state.sensorsJSON().utf8)) as? [String: Any]
        )
        let sensors = try #require(json["sensors"] as? [[String: Any]])
        #expect(sensors.map { $0["id"] as? String } == ["0/1", "9/7"])
        #expect(sensors[0]["registration"] is NSNull, "the described radar has no estimate")
        let r = try #require(sensors[1]["registration"] as? [String: Any])
        #expect(r["range_offset_m"] as? Double == 75 && r["mode"] as? String == "estimate")
        #expect(sensors[1]["kind"] is NSNull && sensors[1]["lat"] is NSNull)
    }

    @Test("a pinned reference radar and components that have not converged are not sent")
    func onlyConvergedComponents() {
        var e = RadarRegistrationEstimate(sensor: SensorID(sac: 0, sic: 3), isReference: false, priorSigma: .one)
        e.bias = RadarBias(rangeOffsetMetres: 50, rangeGainPPM: 30, azimuthOffset: 0.001, timeOffsetSeconds: 0.2)
        e.observable = [true, false, true, true]
        e.componentConverged = [true, false, false, true]
        let r = RegistrationOutput.cat063([e], sensors: [e.sensor: .psr])
        #expect(
            r == [
                CAT063Encoder.Registration(
                    sensor: e.sensor,
                    isPrimary: true,
                    timeOffsetSeconds: 0.2,
                    rangeOffsetMetres: 50
                )
            ]
        )
        let pinned = RadarRegistrationEstimate(sensor: SensorID(sac: 0, sic: 4), isReference: true, priorSigma: .one)
        #expect(RegistrationOutput.cat063([pinned], sensors: [:]).isEmpty)
    }

    @Test(
        "the service with registration correct: /api/sensors and /metrics show the estimate, CAT063 goes out by UDP",
        .timeLimit(.minutes(10))
    )
    func serviceShowsRegistration() async throws {
        let input = RegistrationScene.make()
        let clock = ManualClock(RegistrationScene.epoch)
        let queue = InputQueue()
        let store = PictureStore()
        let state = ServiceState(
            mode: "live",
            inputs: [InputStatus(name: "scene", kind: "file")],
            sensors: input.sensors,
            reference: input.reference,
            cyclePeriodSeconds: 1,
            reorderWindowSeconds: 0.1,
            queue: queue,
            broadcaster: store.broadcaster,
            wallClock: clock.function
        )
        func sensor() throws -> [String: Any] {
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(state.sensorsJSON().utf8)) as? [String: Any]
            )
            return try #require((json["sensors"] as? [[String: Any]])?.first)
        }
        #expect(try sensor()["registration"] is NSNull, "nothing before the tracker has run")

        var tracking = TrackingConfiguration()
        tracking.tracker.registration = .correct
        let listener = try await UDPListener.bind(host: "127.0.0.1", port: 0)
        let udp = try await CAT062UDPSink(host: "127.0.0.1", port: listener.localPort, sdps: SensorID(sac: 0, sic: 200))
        // The run is also recorded (the recorder sink as `serve --record` has it, without raw inputs).
        let dir = NSTemporaryDirectory() + "skywatch-registration-recording-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var settings = RecordedSettings(configuration: ServeConfiguration())
        settings.sensors = input.sensors
        settings.reference = input.reference
        settings.registration = "correct"
        let recorder = try Recorder(
            path: dir + "/run.sqlite",
            programVersion: "test",
            configurationJSON: settings.json(),
            startWallTime: 0
        )
        let recorderSink = RecorderSink(queue: RecorderQueue(recorder: recorder, capacity: 100_000))
        let recorderTask = Task { await recorderSink.queue.run() }
        let tracker = TrackerService(
            configuration: .init(
                tracking: tracking,
                cyclePeriodSeconds: 1,
                reorderWindowSeconds: 0.1,
                tickSeconds: 3_600
            ),
            sensors: input.sensors,
            reference: input.reference,
            queue: queue,
            store: store,
            state: state,
            sinks: [udp, recorderSink],
            wallClock: clock.function
        )
        let received = Mutex<[[UInt8]]>([])
        let receiving = Task {
            for await d in listener.datagrams { received.withLock { $0.append(d.payload) } }
        }
        let trackerTask = Task { try await tracker.run() }
        // The scene in one batch per second of data, arriving as if live (the injected clock follows the data).
        var batch: [SurveillanceInput] = []
        var second = RegistrationScene.epoch
        for item in input.inputs {
            if item.time >= second + 1, !batch.isEmpty {
                clock.advance(by: second + 1 - clock.now)
                #expect(queue.send(batch, arrivalWall: clock.now, source: 0))
                batch.removeAll()
                second = item.time.rounded(.down)
            }
            batch.append(item)
        }
        #expect(queue.send(batch, arrivalWall: clock.now, source: 0))
        queue.finish()
        try await trackerTask.value
        recorderSink.queue.finish()
        await recorderTask.value
        // Wait (bounded: 10 s) until every datagram sent has arrived, then end the listener's stream.
        let sent = await udp.datagrams
        for _ in 0..<1_000 where received.withLock({ $0.count }) < sent {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await listener.close()
        await receiving.value
        let datagrams = received.withLock { $0 }.filter { $0.first == 63 }

        let estimate = try #require(state.registrationEstimates.first)
        #expect(estimate.converged, "\(estimate.summaryLine)")
        print("registration service test: \(estimate.summaryLine)")
        let r = try #require(try sensor()["registration"] as? [String: Any])
        #expect(try sensor()["bias"] as? [String: Any] != nil, "the display's key carries the same object")
        for c in BiasComponent.allCases {
            let value = try #require(r[c.jsonKey] as? Double, "\(c.jsonKey)")
            let sigma = try #require(r[c.jsonKey + "_sigma"] as? Double)
            #expect(abs(value - estimate.bias.vector[c.rawValue] * c.edgeUnitFactor) < 1e-9)
            #expect(abs(sigma - estimate.sigma.vector[c.rawValue] * c.edgeUnitFactor) < 1e-9)
            #expect(abs(value - RegistrationScene.truth.vector[c.rawValue] * c.edgeUnitFactor) < 3 * sigma, "\(c)")
        }
        #expect(r["converged"] as? Bool == true && r["mode"] as? String == "correct")
        #expect((r["observations"] as? Int ?? 0) >= 200 && r["jumps"] as? Int == 0)
        // In `correct` mode the correction in force: the significant components (the gain, 0 here, is not).
        let applied = try #require(r["applied"] as? [String: Any])
        #expect(abs((applied["range_offset_m"] as? Double ?? 0) - (r["range_offset_m"] as? Double ?? 1)) < 1e-9)
        #expect(abs((applied["time_offset_s"] as? Double ?? 0) - (r["time_offset_s"] as? Double ?? 1)) < 1e-9)
        #expect(applied["range_gain_ppm"] as? Double == 0)

        let metrics = state.metricsText()
        #expect(metrics.contains("skywatch_registration_bias{radar=\"0/1\",component=\"range_offset_m\"} "))
        #expect(metrics.contains("skywatch_registration_converged{radar=\"0/1\"} 1"))

        // CAT063 over UDP: a few sets (every 10 s once converged components exist), each a Mode S radar's record.
        let records = try datagrams.flatMap { try ASTERIXRecord.decodeBlocks($0) }
        print("registration service test: \(records.count) CAT063 records by UDP")
        #expect(records.count >= 10)
        let last = try #require(records.last)
        let ms = try #require(Self.values(last, frn: 6)?.first)
        #expect(abs(ms / 1000 - 0.3) < 0.02)

        // The recording keeps each estimate when it changes: the last recorded ones are the service's, bit for bit.
        let file = try Recording.open(path: dir + "/run.sqlite")
        var recorded: [SensorID: RadarRegistrationEstimate] = [:]
        var rows = 0
        var cycles = 0
        try file.forEachCycleWithEvents { _, events in
            cycles += 1
            for row in events.registration {
                let (e, mode) = try #require(RegistrationRecord.estimate(row))
                #expect(mode == .correct)
                recorded[e.sensor] = e
                rows += 1
            }
        }
        print("registration service test: \(rows) registration rows in \(cycles) recorded cycles")
        #expect(rows >= 5 && rows < cycles / 10)
        #expect(recorded.values.sorted { $0.sensor < $1.sensor } == state.registrationEstimates)
        // replay --tracks: /api/sensors shows the recorded estimates, and `--cat062` carries the recorded pictures
        // and estimates as the live UDP stream did (CAT062, CAT065 and CAT063 records, the same values).
        let replayed = try CAT062FileSink(path: dir + "/replay.ast", sdps: SensorID(sac: 0, sic: 200))
        let replayState = ServiceState(
            mode: "replay",
            inputs: [InputStatus(name: "replay", kind: "replay")],
            sensors: input.sensors,
            reference: input.reference,
            cyclePeriodSeconds: 1,
            reorderWindowSeconds: 0.1,
            queue: InputQueue(),
            broadcaster: PictureBroadcaster(bufferFrames: 8)
        )
        let range = try #require(try await file.timeRange())
        try await RecordingTests.playPictures(
            file,
            from: range.lowerBound,
            to: range.upperBound,
            store: PictureStore(),
            state: replayState,
            outputs: ReplayOutputs(
                sinks: [replayed],
                sensorKinds: Dictionary(input.sensors.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
            )
        )
        try await replayed.finish()
        #expect(replayState.registrationEstimates == state.registrationEstimates)
        let live = try received.withLock { $0 }.flatMap { try ASTERIXRecord.decodeBlocks($0) }
        let replayRecords = try ASTERIXRecord.decodeBlocks(
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/replay.ast")))
        )
        print("registration service test: replay --tracks \(replayRecords.count) records, live \(live.count)")
        for category in [62, 63, 65] as [UInt8] {
            let a = live.filter { $0.category == category }
            let b = replayRecords.filter { $0.category == category }
            #expect(!a.isEmpty && b.count == a.count, "CAT\(category): \(b.count) replayed, \(a.count) live")
            #expect(b == a, "CAT\(category)")
        }
        func sensorList(_ s: ServiceState) throws -> NSArray? {
            (try JSONSerialization.jsonObject(with: Data(s.sensorsJSON().utf8)) as? [String: Any])?["sensors"]
                as? NSArray
        }
        #expect(try sensorList(replayState) == sensorList(state))
        // skywatch export --format ast: the CAT063 records the live UDP stream carried.
        let summary = try RecordingExport.run(path: dir + "/run.sqlite", format: .ast, out: dir + "/run.ast")
        print("registration service test: export \(summary)")
        let exported = try ASTERIXRecord.decodeBlocks(
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/run.ast")))
        )
        let exported063 = exported.filter { $0.category == 63 }
        #expect(exported063.count >= records.count && exported063.count <= records.count + 1)
        #expect(Array(exported063.prefix(records.count)) == records)
    }
}
