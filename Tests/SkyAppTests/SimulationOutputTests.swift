import Foundation
import SkyASTERIX
import SkyModeS
import SkyModel
import SkyScenario
import SkySimulation
import Testing

@testable import SkyApp

struct SimulationOutputTests {
    static func temporaryDirectory(_ name: String) -> String {
        let dir = NSTemporaryDirectory() + "skywatch-sim-\(name)-\(UUID().uuidString)"
        try? FileManager.default.removeItem(atPath: dir)
        return dir
    }

    static func run(_ preset: SimulationPreset, seed: UInt64, duration: Int, into dir: String) async throws {
        let configuration = preset.configuration(seed: seed, durationSeconds: duration)
        _ = try await SimulationRun.run(configuration, output: .directory(dir), speed: nil)
    }

    @Test("Same seed → byte-identical output files; another seed → different plots")
    func byteIdentical() async throws {
        let a = Self.temporaryDirectory("a")
        let b = Self.temporaryDirectory("b")
        let c = Self.temporaryDirectory("c")
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(atPath: d) } }
        try await Self.run(.airport, seed: 5, duration: 120, into: a)
        try await Self.run(.airport, seed: 5, duration: 120, into: b)
        try await Self.run(.airport, seed: 6, duration: 120, into: c)
        let files = try FileManager.default.contentsOfDirectory(atPath: a).sorted()
        #expect(files.contains("plots.csv") && files.contains("truth.csv") && files.contains("sensors.json"))
        #expect(files.contains("plots_truth.csv"))
        for f in files {
            let x = try #require(FileManager.default.contents(atPath: a + "/" + f))
            let y = try #require(FileManager.default.contents(atPath: b + "/" + f))
            #expect(x == y, "\(f) differs between two runs with the same seed")
            #expect(x.count > 100, "\(f) is nearly empty")
        }
        let p1 = FileManager.default.contents(atPath: a + "/plots.csv")
        let p3 = FileManager.default.contents(atPath: c + "/plots.csv")
        #expect(p1 != p3)
    }

    @Test("plots.csv is sorted by time then radar, plot ids are 1…N, times within [0, duration]")
    func plotsSorted() async throws {
        let dir = Self.temporaryDirectory("sorted")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var configuration = SimulationPreset.airport.configuration(seed: 2, durationSeconds: 60)
        configuration.radars[0].timeBiasSeconds = 0.4  // moves plots across frame boundaries
        configuration.radars[1].timeBiasSeconds = -0.3
        _ = try await SimulationRun.run(configuration, output: .directory(dir), speed: nil)
        let text = try String(contentsOfFile: dir + "/plots.csv", encoding: .utf8)
        var previous = (-1.0, 0)
        var expectedID = 1
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let key = (Double(f[1])!, Int(f[2])!)
            #expect(key >= previous, "order broken at plot \(f[0])")
            #expect(Int(f[0]) == expectedID)
            #expect(key.0 >= 0 && key.0 <= 60)
            previous = key
            expectedID += 1
        }
        #expect(expectedID > 500)
    }

    @Test("Scenario file errors name the file and the JSON path")
    func scenarioFileErrors() throws {
        let path = NSTemporaryDirectory() + "bad-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let json =
            #"{"radars": [{"radar_id": 1, "lat": 48, "lon": 2, "alt_m": 10, "kind": "laser","#
            + #""rotation_period_s": 4, "sigma_range_m": 30, "sigma_azimuth_deg": 0.1, "max_range_m": 1e5}]}"#
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        let file = try SimulationScenarioFile.load(path: path)
        #expect(throws: SimulationOutputError.self) {
            _ = try file.configuration(seed: 1, durationSeconds: 10, file: path)
        }
        do {
            _ = try file.configuration(seed: 1, durationSeconds: 10, file: path)
        } catch {
            #expect("\(error)".contains("radars[0].kind"))
        }
        try Data(#"{"traffic": {"drones": [{"centre": {"lat": 1, "lon": 2}, "radius": 5}]}}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        do {
            _ = try SimulationScenarioFile.load(path: path)
            Issue.record("a misspelt key must be rejected")
        } catch {
            #expect("\(error)".contains("unknown key 'radius' at .traffic.drones[0]"), "\(error)")
        }
        try Data(#"{"radars": [{"radar_id": 1}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SimulationScenarioFile.load(path: path)
            Issue.record("a radar without lat must not load")
        } catch {
            #expect("\(error)".contains("lat") && "\(error)".contains(".radars[0]"))
        }
    }

    @Test("Output URLs parse: folder, udp://group:port, tcp://host:port; malformed ones are rejected")
    func outputParsing() {
        #expect(SimulationOutput(parsing: "out/dir") == .directory("out/dir"))
        #expect(SimulationOutput(parsing: "udp://239.1.2.3:30001") == .udp(host: "239.1.2.3", port: 30001))
        #expect(SimulationOutput(parsing: "tcp://[::1]:4000") == .tcp(host: "::1", port: 4000))
        #expect(SimulationOutput(parsing: "tcp://host") == nil)
        #expect(SimulationOutput(parsing: "udp://:99999") == nil)
        #expect(SimulationOutput(parsing: "http://x:1") == nil)
    }
}

/// The Beast file of a run parses with SkyModeS' own parser, frame for frame with `adsb.csv`.
struct SimulationBeastTests {
    @Test("adsb.beast: every frame parses (Beast escaping), hex and time stamps match adsb.csv")
    func beastRoundTrip() async throws {
        let dir = SimulationOutputTests.temporaryDirectory("beast")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try await SimulationRun.run(
            SimulationPreset.airport.configuration(seed: 9, durationSeconds: 60),
            output: .directory(dir),
            speed: nil,
            adsbDiagnostics: true
        )
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/adsb.beast"))
        var parser = BeastParser()
        var frames: [ReceivedFrame] = []
        var errors = 0
        Array(bytes).withUnsafeBufferPointer { buffer in
            parser.parse(buffer, isFinal: true, onFrame: { frames.append($0) }, onError: { _ in errors += 1 })
        }
        let csv = try String(contentsOfFile: dir + "/adsb.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(errors == 0)
        #expect(frames.count == csv.count && frames.count > 5_000)
        // The preset's epoch is 12:00:00 UTC, so time of day = 43,200 s + simulation time.
        for (frame, line) in zip(frames, csv) {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard case .modeS(let m) = frame.content else {
                Issue.record("expected a Mode S frame")
                break
            }
            #expect(m.hex.lowercased() == f[4])
            let expected = ((43_200 + Double(f[0])!) * 12_000_000).rounded()
            #expect(abs(Double(frame.timestamp12MHz ?? 0) - expected) <= 12)  // csv time has µs resolution
        }
    }
}

/// `radar.ast` decodes with SkyASTERIX, one CAT048 report per plot and the CAT034 sector messages of the antenna.
struct SimulationASTERIXTests {
    @Test("radar.ast: CAT048 reports = plots.csv rows; CAT034 = 16 sectors per revolution per radar")
    func asterixRoundTrip() async throws {
        let dir = SimulationOutputTests.temporaryDirectory("ast")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await SimulationOutputTests.run(.airport, seed: 4, duration: 120, into: dir)
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/radar.ast"))
        let records = try ASTERIXRecord.decodeBlocks(Array(bytes))
        let plots = try String(contentsOfFile: dir + "/plots.csv", encoding: .utf8).split(separator: "\n").count - 1
        let cat048 = records.filter { $0.category == 48 }.count
        let cat034 = records.filter { $0.category == 34 }.count
        #expect(cat048 == plots, "CAT048 \(cat048) vs plots.csv \(plots)")
        // Airport preset: 4 s and 8 s radars, 16 sectors each: 120/4·16 + 120/8·16 = 720 (±2 at the ends).
        #expect(abs(cat034 - 720) <= 2, "CAT034 \(cat034)")
    }
}

/// The truth spool gives the same `truth.csv` whether or not it spills to disk.
struct SimulationTruthSpoolTests {
    @Test("Spilled truth (4 KB memory limit, 7 buckets) equals in-memory truth byte for byte")
    func spillEqualsMemory() async throws {
        let configuration = SimulationPreset.airport.configuration(seed: 3, durationSeconds: 90)
        var simulation = Simulation(configuration: configuration)
        let dir = SimulationOutputTests.temporaryDirectory("spool")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var small = SimulationTruthSpool(
            configuration: configuration,
            directory: dir,
            memoryLimit: 4_096,
            bucketCount: 7
        )
        var large = SimulationTruthSpool(configuration: configuration, directory: dir + "/none")
        while let frame = simulation.next() {
            for s in frame.truth {
                let identity = configuration.targets[s.targetIndex].identity
                SimulationScenarioWriter.formatTruth(s, identity: identity, into: &large.rows[s.targetIndex])
                let before = small.rows[s.targetIndex].count
                SimulationScenarioWriter.formatTruth(s, identity: identity, into: &small.rows[s.targetIndex])
                try small.added(small.rows[s.targetIndex].count - before)
            }
        }
        #expect(small.spilled && !large.spilled)
        for (name, spool) in [("a", small), ("b", large)] {
            var s = spool
            let h = try SimulationScenarioWriter.create(dir + "/truth-\(name).csv")
            try s.write(to: h)
            try h.close()
        }
        let a = FileManager.default.contents(atPath: dir + "/truth-a.csv")
        let b = FileManager.default.contents(atPath: dir + "/truth-b.csv")
        #expect(a == b && (a?.count ?? 0) > 100_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.hasSuffix(".tmp") })
    }
}

/// Replay of recorded trajectories (the embedded real-flight scenario's truth) through simulated radars.
struct SimulationReplayTests {
    @Test("replay_truth builtin: output truth rows equal the recording at whole seconds; plots follow them")
    func replayBuiltin() async throws {
        let dir = SimulationOutputTests.temporaryDirectory("replay")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let json = """
            {"name": "replay", "duration_s": 60, "reference": {"lat": 48.85, "lon": 2.4},
             "radars": [{"radar_id": 1, "lat": 48.73, "lon": 2.37, "alt_m": 120, "rotation_period_s": 4,
                         "sigma_range_m": 30, "sigma_azimuth_deg": 0.07, "max_range_m": 200000}],
             "traffic": {"replay_truth": "builtin"}}
            """
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/scenario.json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        let configuration = try SimulationScenarioFile.load(path: path).configuration(
            seed: 1,
            durationSeconds: nil,
            file: path
        )
        _ = try await SimulationRun.run(configuration, output: .directory(dir + "/out"), speed: nil)
        let source = try Scenario.loadTruth(directory: "builtin")
        var recorded: [String: (Double, Double, Double)] = [:]
        for r in source where r.time <= 60 {
            recorded["\(r.icao24?.hex ?? "")@\(r.time)"] = (r.latitudeDegrees, r.longitudeDegrees, r.altitudeMetres)
        }
        let rows = try TruthRow.load(path: dir + "/out/truth.csv")
        var matched = 0
        for r in rows {
            guard let rec = recorded["\(r.icao24?.hex ?? "")@\(r.time)"] else { continue }
            #expect(abs(r.latitudeDegrees - rec.0) < 1e-6 && abs(r.longitudeDegrees - rec.1) < 1e-6)
            #expect(abs(r.altitudeMetres - rec.2) < 0.06)
            matched += 1
        }
        #expect(matched == recorded.count && matched > 1_000, "matched \(matched) of \(recorded.count)")
        let plots = try String(contentsOfFile: dir + "/out/plots.csv", encoding: .utf8).split(separator: "\n").count
        #expect(plots > 300)
    }
}
