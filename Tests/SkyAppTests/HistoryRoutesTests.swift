import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SkyApp
import SkyGeodesy
import SkyMath
import SkyModel
import SkyServer
import SkyStorage
import Testing

/// The history routes end to end: hand-made cycles written by a real ``Recorder``, read back through
/// ``RecordingHistory`` (the recorder's WAL readers) by the server's routes.
struct HistoryRoutesTests {
    static let t0 = 1_800_000_000.0

    /// Track `number` at (lat, lon) degrees and 10,000 ft, 200 m/s east, at data time `time`.
    static func track(_ number: UInt32, time: Double, lat: Double, lon: Double) -> SystemTrack {
        var covariance = Matrix<4, 4>.identity
        covariance[0, 0] = 900
        return SystemTrack(
            number: number,
            time: time,
            position: GeodeticPosition(latitudeDegrees: lat, longitudeDegrees: lon, heightMetres: 3_048),
            velocity: ENUVector(east: 200, north: 0, up: 0),
            covariance: covariance,
            status: .confirmed,
            barometricAltitudeFeet: 10_000,
            createdTime: t0 - 10,
            sources: [.ssr]
        )
    }

    /// Three cycles one second apart: tracks 7 (moving east along 48.5° N) and 9 (at 49.5° N) in cycles 0 and 1,
    /// track 7 alone in cycle 2.
    static func record(_ recorder: Recorder) throws {
        for cycle in 0..<3 {
            let time = t0 + Double(cycle)
            var tracks = [track(7, time: time, lat: 48.5, lon: 2.0 + 0.125 * Double(cycle))]
            if cycle < 2 { tracks.append(track(9, time: time, lat: 49.5, lon: 3.25)) }
            try recorder.record(
                RecordedCycle(picture: TrackPicture(cycle: cycle, time: time, tracks: tracks), wallTime: time + 0.5)
            )
        }
    }

    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    struct NoStatus: ServiceStatusProvider {
        func statusJSON() -> String { "{}" }
        func sensorsJSON() -> String { "{}" }
        func metricsText() -> String { "" }
        var receiverPosition: (latitudeDegrees: Double, longitudeDegrees: Double)? { nil }
        func areasGeoJSON() -> String { "{}" }
        var replay: (any SkyServer.ReplayControl)? { nil }
    }

    static func app(history: (any HistoryProvider)?) -> some ApplicationProtocol {
        Application(
            router: SkywatchServer.buildRouter(
                configuration: ServerConfiguration(),
                store: PictureStore(),
                status: NoStatus(),
                history: history
            )
        )
    }

    @Test("GET /api/tracks/{n}/history: the recorded states of the range, oldest first; 404 unknown, 400 bad time")
    func trackHistory() async throws {
        let dir = try RecordingTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recorder = try Recorder(path: dir + "/h.sqlite", programVersion: "test", startWallTime: Self.t0)
        try Self.record(recorder)
        try await Self.app(history: RecordingHistory(recorder.recording)).test(.router) { client in
            let range = "from=\(Self.t0 + 0.5)&to=\(Self.t0 + 2)"
            try await client.execute(uri: "/api/tracks/7/history?\(range)", method: .get) {
                #expect($0.status == .ok)
                let o = try Self.object($0.body)
                #expect(o["number"] as? Int == 7)
                #expect(o["truncated"] as? Bool == false)
                let states = try #require(o["history"] as? [[String: Any]])
                #expect(states.map { $0["time"] as? Double } == [Self.t0 + 1, Self.t0 + 2])
                #expect(states.map { $0["lon"] as? Double } == [2.125, 2.25])
                #expect(states.map { $0["lat"] as? Double } == [48.5, 48.5])
                #expect(states.map { $0["altitude_ft"] as? Double } == [10_000, 10_000])
                // 200 m/s east: 388.8 kt, course 090.0.
                #expect(states.map { $0["ground_speed_kt"] as? Double } == [388.8, 388.8])
            }
            // Open range: all three cycles of track 7, two of track 9.
            try await client.execute(uri: "/api/tracks/7/history", method: .get) {
                let states = try #require(try Self.object($0.body)["history"] as? [[String: Any]])
                #expect(states.map { $0["lon"] as? Double } == [2.0, 2.125, 2.25])
            }
            try await client.execute(uri: "/api/tracks/9/history?to=\(Self.t0 + 5)", method: .get) {
                let states = try #require(try Self.object($0.body)["history"] as? [[String: Any]])
                #expect(states.map { $0["time"] as? Double } == [Self.t0, Self.t0 + 1])
            }
            for uri in ["/api/tracks/8/history", "/api/tracks/9/history?from=\(Self.t0 + 1.5)"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
            }
            for uri in [
                "/api/tracks/7/history?from=yesterday", "/api/tracks/7/history?to=nan",
                "/api/tracks/7/history?from=\(Self.t0 + 2)&to=\(Self.t0)",
            ] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .badRequest, "\(uri)") }
            }
        }
    }

    @Test("GET /api/history: the picture at a past time, a range with bbox; 404 before the recording, 400 bad time")
    func pictureAndRange() async throws {
        let dir = try RecordingTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recorder = try Recorder(path: dir + "/h.sqlite", programVersion: "test", startWallTime: Self.t0)
        try Self.record(recorder)
        try await Self.app(history: RecordingHistory(recorder.recording)).test(.router) { client in
            // The last cycle at or before t0 + 1.75 is cycle 1.
            try await client.execute(uri: "/api/history?time=\(Self.t0 + 1.75)", method: .get) {
                #expect($0.status == .ok)
                let o = try Self.object($0.body)
                #expect(o["cycle"] as? Int == 1)
                #expect(o["time"] as? Double == Self.t0 + 1)
                let tracks = try #require(o["tracks"] as? [[String: Any]])
                #expect(tracks.map { $0["number"] as? Int } == [7, 9])
                #expect(tracks.map { $0["lon"] as? Double } == [2.125, 3.25])
                #expect(tracks.map { $0["lat"] as? Double } == [48.5, 49.5])
            }
            try await client.execute(uri: "/api/history?time=\(Self.t0 + 60)", method: .get) {
                let o = try Self.object($0.body)
                #expect(o["cycle"] as? Int == 2)
            }
            try await client.execute(uri: "/api/history?time=\(Self.t0 - 1)", method: .get) {
                #expect($0.status == .notFound)
            }
            // Every state of t0…t0+1 inside 2°…4° E, 49°…50° N: track 9 twice.
            try await client.execute(
                uri: "/api/history?from=\(Self.t0)&to=\(Self.t0 + 1)&bbox=2,49,4,50",
                method: .get
            ) {
                let o = try Self.object($0.body)
                let tracks = try #require(o["tracks"] as? [[String: Any]])
                #expect(tracks.map { $0["number"] as? Int } == [9, 9])
                #expect(tracks.map { $0["time"] as? Double } == [Self.t0, Self.t0 + 1])
            }
            try await client.execute(uri: "/api/history?from=\(Self.t0)&to=\(Self.t0 + 2)", method: .get) {
                let tracks = try #require(try Self.object($0.body)["tracks"] as? [[String: Any]])
                #expect(tracks.map { $0["number"] as? Int } == [7, 9, 7, 9, 7])
            }
            for uri in [
                "/api/history", "/api/history?time=noon", "/api/history?time=inf", "/api/history?from=\(Self.t0)",
                "/api/history?from=\(Self.t0)&to=\(Self.t0 + 1)&bbox=4,49,2,50",
                "/api/history?time=\(Self.t0)&from=\(Self.t0)&to=\(Self.t0 + 1)",
            ] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .badRequest, "\(uri)") }
            }
        }
        // Without a recording the routes are not available.
        try await Self.app(history: nil).test(.router) { client in
            for uri in ["/api/history?time=\(Self.t0)", "/api/tracks/7/history"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
            }
        }
    }

    @Test("history reads while the recorder writes: each answer is a whole committed cycle")
    func readsWhileWriting() async throws {
        let dir = try RecordingTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recorder = try Recorder(path: dir + "/h.sqlite", programVersion: "test", startWallTime: Self.t0)
        let history = RecordingHistory(recorder.recording)
        let writer = Task.detached {
            for cycle in 0..<200 {
                let time = Self.t0 + Double(cycle)
                let tracks = (1...50).map { Self.track(UInt32($0), time: time, lat: 48, lon: Double(cycle) / 1_000) }
                try recorder.record(
                    RecordedCycle(picture: TrackPicture(cycle: cycle, time: time, tracks: tracks), wallTime: time)
                )
            }
        }
        var pictures = 0
        while true {
            let finished = try await history.picture(at: Self.t0 + 1_000)?.cycle == 199
            if let p = try await history.picture(at: Self.t0 + 1_000) {
                // A whole cycle: 50 tracks, every one at that cycle's longitude.
                #expect(p.tracks.count == 50)
                #expect(Set(p.tracks.map(\.position.longitudeDegrees)).count == 1)
                pictures += 1
            }
            if finished { break }
            await Task.yield()
        }
        try await writer.value
        #expect(pictures > 0)
        let states = try await history.trackHistory(number: 50, from: 0, to: .infinity, limit: 150)
        #expect(states.count == 150)
        #expect(states.last?.time == Self.t0 + 149)
    }
}
