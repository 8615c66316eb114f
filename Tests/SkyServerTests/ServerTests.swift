import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import NIOCore
import SkyGeodesy
import SkyMath
import SkyModel
import SkyServer
import Synchronization
import Testing

/// A stub of the running service: fixed status, sensors and metrics.
struct StubStatus: ServiceStatusProvider {
    func statusJSON() -> String { #"{"version":"test","cycle":3}"# }
    func sensorsJSON() -> String { #"{"inputs":[],"sensors":[]}"# }
    func metricsText() -> String { "skywatch_cycle 4\n" }
    var receiverPosition: (latitudeDegrees: Double, longitudeDegrees: Double)? { (48.5, 2.25) }
    func areasGeoJSON() -> String { #"{"type":"FeatureCollection","features":[]}"# }
    var replay: (any ReplayControl)? { nil }
}

/// Hand-made pictures: two tracks, one of them an emergency; then the second ends.
enum Pictures {
    static func track(
        _ number: UInt32,
        east: Double,
        modeA: UInt16,
        callsign: String?,
        address: UInt32?,
        lastUpdate: Double = 1_700_000_000,
        status: TrackStatus = .confirmed
    ) -> SystemTrack {
        var covariance = Matrix<4, 4>.identity
        covariance[0, 0] = 900
        covariance[1, 1] = 400
        return SystemTrack(
            number: number,
            time: 1_700_000_000,
            position: GeodeticPosition(latitudeDegrees: 48.9, longitudeDegrees: 2.4, heightMetres: 3_048),
            velocity: ENUVector(east: east, north: 0, up: 5.08),
            covariance: covariance,
            status: status,
            modeA: Mode3ACode(modeA),
            address: address.map(ICAOAddress.init),
            callsign: callsign.map(Callsign.init),
            barometricAltitudeFeet: 10_000,
            contributingSensors: [SensorID(sac: 0, sic: 1)],
            lastUpdateTime: lastUpdate,
            createdTime: 1_699_999_900,
            sources: [.ssr, .adsb]
        )
    }

    static let first = TrackPicture(
        cycle: 0,
        time: 1_700_000_000,
        tracks: [
            track(7, east: 200, modeA: 0o1234, callsign: "AFR123", address: 0x3C6586),
            track(9, east: -100, modeA: 0o7700, callsign: nil, address: nil),
        ],
        events: [.confirmed(track: 7, time: 1_699_999_990), .confirmed(track: 9, time: 1_699_999_995)]
    )
    static let second = TrackPicture(
        cycle: 1,
        time: 1_700_000_001,
        tracks: [
            track(7, east: 200, modeA: 0o1234, callsign: "AFR123", address: 0x3C6586, lastUpdate: 1_700_000_000.8)
        ],
        events: [.ended(track: 9, time: 1_700_000_001)]
    )
}

struct ServerTests {
    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    static func app(token: String? = nil, store: PictureStore) -> some ApplicationProtocol {
        let router = SkywatchServer.buildRouter(
            configuration: ServerConfiguration(token: token),
            store: store,
            status: StubStatus()
        )
        return Application(router: router)
    }

    @Test("GET /api/tracks and /api/tracks/{n}: the picture's tracks in API units, with history; 404 for unknown")
    func tracks() async throws {
        let store = PictureStore()
        store.publish(Pictures.first)
        store.publish(Pictures.second)
        try await Self.app(store: store).test(.router) { client in
            try await client.execute(uri: "/api/tracks", method: .get) { response in
                #expect(response.status == .ok)
                let o = try Self.object(response.body)
                #expect(o["cycle"] as? Int == 1)
                let tracks = try #require(o["tracks"] as? [[String: Any]])
                #expect(tracks.count == 1)
                let t = tracks[0]
                #expect(t["number"] as? Int == 7)
                #expect(t["callsign"] as? String == "AFR123")
                #expect(t["address"] as? String == "3c6586")
                #expect(t["mode_a"] as? String == "1234")
                #expect(t["altitude_ft"] as? Double == 10_000)
                // 200 m/s east: 388.8 kt, course 090.0; 5.08 m/s up = 1000 ft/min; σ = √900 = 30 m.
                #expect(t["ground_speed_kt"] as? Double == 388.8)
                #expect(t["track_deg"] as? Double == 90)
                #expect(t["vertical_rate_fpm"] as? Double == 1000)
                #expect(t["sigma_m"] as? Double == 30)
                #expect(t["sources"] as? [String] == ["ssr", "adsb"])
                #expect(t["sensors"] as? [String] == ["0/1"])
                #expect(t["age_s"] as? Double == 100)
            }
            try await client.execute(uri: "/api/tracks/7", method: .get) { response in
                let o = try Self.object(response.body)
                let history = try #require(o["history"] as? [[Any]])
                #expect(history.count == 2)
                #expect(history[0][0] as? Double == 1_700_000_000)
            }
            try await client.execute(uri: "/api/tracks/9", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test(
        "readsb aircraft.json: hex, flight padded to 8, alt_baro, gs, track, squawk and emergency; ~hex without address"
    )
    func readsb() async throws {
        let store = PictureStore()
        store.publish(Pictures.first)
        try await Self.app(store: store).test(.router) { client in
            try await client.execute(uri: "/data/aircraft.json", method: .get) { response in
                let o = try Self.object(response.body)
                #expect(o["now"] as? Double == 1_700_000_000)
                let aircraft = try #require(o["aircraft"] as? [[String: Any]])
                #expect(aircraft.count == 2)
                #expect(aircraft[0]["hex"] as? String == "3c6586")
                #expect(aircraft[0]["type"] as? String == "adsb_icao")
                #expect(aircraft[0]["flight"] as? String == "AFR123  ")
                #expect(aircraft[0]["alt_baro"] as? Int == 10_000)
                #expect(aircraft[0]["squawk"] as? String == "1234")
                #expect(aircraft[0]["emergency"] as? String == "none")
                #expect(aircraft[1]["hex"] as? String == "~000009")
                #expect(aircraft[1]["emergency"] as? String == "general")
            }
            try await client.execute(uri: "/data/receiver.json", method: .get) { response in
                let o = try Self.object(response.body)
                #expect(o["lat"] as? Double == 48.5 && o["lon"] as? Double == 2.25)
            }
        }
    }

    @Test("a token is required on the API, data, metrics and WebSocket paths (401), not on the display's files")
    func token() async throws {
        let token = "0123456789abcdef-secret"
        try await Self.app(token: token, store: PictureStore()).test(.router) { client in
            for path in ["/api/tracks", "/api/status", "/data/aircraft.json", "/metrics", "/ws"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .unauthorized, "\(path)") }
                try await client.execute(
                    uri: path,
                    method: .get,
                    headers: [.authorization: "Bearer wrong-token-0000000"]
                ) {
                    #expect($0.status == .unauthorized, "\(path)")
                }
            }
            try await client.execute(uri: "/api/status", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/status?token=\(token)", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/index.html", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("oversized request bodies get 413, before the handler")
    func oversized() async throws {
        try await Self.app(store: PictureStore()).test(.router) { client in
            let big = ByteBuffer(repeating: UInt8(ascii: "x"), count: 100_000)
            try await client.execute(uri: "/api/replay", method: .post, body: big) {
                #expect($0.status == .contentTooLarge)
            }
        }
    }

    @Test("a non-loopback bind without a token refuses to start and says why")
    func refusesOpenBind() throws {
        #expect(ServerConfiguration(bindAddress: "0.0.0.0").refusal?.contains("token") == true)
        #expect(ServerConfiguration(bindAddress: "0.0.0.0", token: "0123456789abcdef").refusal == nil)
        #expect(ServerConfiguration(bindAddress: "127.0.0.1").refusal == nil)
        #expect(throws: ServerConfigurationError.self) {
            _ = try SkywatchServer.makeApplication(
                configuration: ServerConfiguration(bindAddress: "0.0.0.0"),
                store: PictureStore(),
                status: StubStatus()
            )
        }
    }

    @Test("the served OpenAPI document is docs/openapi.yaml")
    func openAPI() async throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../docs/openapi.yaml"
        )
        let text = try String(contentsOf: docs, encoding: .utf8)
        #expect(OpenAPIDocument.yaml == text)
        try await Self.app(store: PictureStore()).test(.router) { client in
            try await client.execute(uri: "/api/openapi.yaml", method: .get) { response in
                #expect(String(buffer: response.body) == text)
            }
        }
    }

    @Test("WebSocket: a snapshot first, then one delta per cycle with updated and deleted tracks")
    func webSocket() async throws {
        let store = PictureStore()
        store.publish(Pictures.first)
        let router = SkywatchServer.buildRouter(
            configuration: ServerConfiguration(),
            store: store,
            status: StubStatus()
        )
        let app = Application(router: router, server: .http1WebSocketUpgrade(webSocketRouter: router))
        let received = Mutex<[String]>([])
        try await app.test(.live) { client in
            _ = try await client.ws("/ws") { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    let count = received.withLock {
                        $0.append(text)
                        return $0.count
                    }
                    if count == 1 { store.publish(Pictures.second) }
                    if count == 2 { break }
                }
            }
        }
        let messages = received.withLock { $0 }.map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? [:]
        }
        try #require(messages.count == 2)
        #expect(messages[0]["type"] as? String == "snapshot")
        #expect((messages[0]["tracks"] as? [Any])?.count == 2)
        #expect(messages[1]["type"] as? String == "delta")
        #expect(messages[1]["cycle"] as? Int == 1)
        #expect(messages[1]["base"] as? Int == 0)
        // Compact rows: [number, …]; track 7 was measured again, same identity: no identity object.
        #expect((messages[1]["updated"] as? [[Any]])?.map { $0[0] as? Int } == [7])
        #expect((messages[1]["updated"] as? [[Any]])?.first?.count == 11)
        #expect(messages[1]["deleted"] as? [Int] == [9])
    }

    @Test("a delta carries the tracks that are new, were measured or changed status since the last cycle, only")
    func deltaCarriesChangedTracksOnly() async throws {
        let store = PictureStore()
        let (id, frames) = store.broadcaster.subscribe()
        defer { store.broadcaster.unsubscribe(id) }
        func picture(_ cycle: Int, _ tracks: [SystemTrack]) -> TrackPicture {
            TrackPicture(cycle: cycle, time: 1_700_000_000 + Double(cycle), tracks: tracks)
        }
        let a0 = Pictures.track(1, east: 100, modeA: 0o1000, callsign: nil, address: nil)
        let b0 = Pictures.track(2, east: 100, modeA: 0o2000, callsign: nil, address: nil)
        store.publish(picture(0, [a0, b0]))  // both new
        // Cycle 1: track 1 measured again, track 2 only extrapolated.
        let a1 = Pictures.track(1, east: 100, modeA: 0o1000, callsign: nil, address: nil, lastUpdate: 1_700_000_000.9)
        store.publish(picture(1, [a1, b0]))
        // Cycle 2: nothing measured, track 2 starts coasting.
        let b2 = Pictures.track(2, east: 100, modeA: 0o2000, callsign: nil, address: nil, status: .coasting)
        store.publish(picture(2, [a1, b2]))
        // Cycle 3: nothing changed at all.
        store.publish(picture(3, [a1, b2]))
        var updated: [[Int]] = []
        for await frame in frames {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(frame.text.utf8)) as? [String: Any])
            updated.append(try #require(object["updated"] as? [[Any]]).compactMap { $0[0] as? Int })
            if updated.count == 4 { break }
        }
        #expect(updated == [[1, 2], [1], [2], []])
        // The whole picture is still there for a new client and for GET /api/tracks.
        let snapshot = try #require(
            try JSONSerialization.jsonObject(with: Data(store.snapshotFrame().text.utf8)) as? [String: Any]
        )
        #expect((snapshot["tracks"] as? [Any])?.count == 2)
    }

    @Test("a reset (replay seek back) sends an empty snapshot of cycle -1, then deltas from cycle 0 again")
    func webSocketReset() async throws {
        let store = PictureStore()
        store.publish(Pictures.first)
        store.publish(Pictures.second)
        let router = SkywatchServer.buildRouter(
            configuration: ServerConfiguration(),
            store: store,
            status: StubStatus()
        )
        let app = Application(router: router, server: .http1WebSocketUpgrade(webSocketRouter: router))
        let received = Mutex<[String]>([])
        try await app.test(.live) { client in
            _ = try await client.ws("/ws") { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    let count = received.withLock {
                        $0.append(text)
                        return $0.count
                    }
                    if count == 1 {
                        store.reset()
                        store.publish(Pictures.first)  // cycle 0 again: older than the snapshot's cycle 1
                    }
                    if count == 3 { break }
                }
            }
        }
        let messages = received.withLock { $0 }.map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? [:]
        }
        try #require(messages.count == 3)
        #expect(messages[0]["type"] as? String == "snapshot")
        #expect(messages[0]["cycle"] as? Int == 1)
        #expect(messages[1]["type"] as? String == "snapshot")
        #expect(messages[1]["cycle"] as? Int == -1)
        #expect((messages[1]["tracks"] as? [Any])?.count == 0)
        #expect(messages[2]["type"] as? String == "delta")
        #expect(messages[2]["cycle"] as? Int == 0)
        #expect((messages[2]["updated"] as? [[Any]])?.map { $0[0] as? Int } == [7, 9])
        // The store forgot the old picture's histories: track 7 has one point, of cycle 0.
        let track = try #require(store.trackResponse(number: 7))
        let history = try #require(
            (try JSONSerialization.jsonObject(with: Data(track.utf8)) as? [String: Any])?["history"] as? [[Any]]
        )
        #expect(history.count == 1)
    }

    @Test("a client that cannot keep up loses whole frames, counted; publishing never waits")
    func slowClient() {
        let broadcaster = PictureBroadcaster(bufferFrames: 4)
        let (id, frames) = broadcaster.subscribe()
        for cycle in 0..<10 { broadcaster.broadcast(PictureFrame(cycle: cycle, text: "{}")) }
        #expect(broadcaster.droppedFrames == 6)
        broadcaster.unsubscribe(id)
        _ = frames
        #expect(broadcaster.clientCount == 0)
    }
}
