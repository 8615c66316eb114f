import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import NIOCore
import SkyModel
import SkyServer
import Synchronization
import Testing

/// The compact delta frames of `/ws` (docs/api.md): rows at their real precision, identity fields only when they
/// change, one encoding shared by every client, and merged frames for clients asking a lower rate.
struct DeltaStreamTests {
    static func object(_ frame: PictureFrame) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(frame.data.readableBytesView)) as? [String: Any])
    }

    static func picture(_ cycle: Int, _ tracks: [SystemTrack], events: [TrackLifecycleEvent] = []) -> TrackPicture {
        TrackPicture(cycle: cycle, time: 1_700_000_000 + Double(cycle) * 0.25, tracks: tracks, events: events)
    }

    static func next(_ frames: inout AsyncStream<PictureFrame>.Iterator) async throws -> [String: Any] {
        try object(try #require(await frames.next()))
    }

    @Test("a new track's row: positions to 1e-5°, feet, fpm, cm/s, cdeg/s, dm, ms; then every identity field")
    func rowOfNewTrack() async throws {
        let store = PictureStore()
        let (id, frames) = store.subscribe()
        defer { store.broadcaster.unsubscribe(id) }
        let track = Pictures.track(7, east: 200, modeA: 0o1234, callsign: "AFR123", address: 0x3C6586)
        store.publish(TrackPicture(cycle: 0, time: 1_700_000_000, tracks: [track]), wallSeconds: 1_700_000_000.5)
        var iterator = frames.makeAsyncIterator()
        let frame = try #require(await iterator.next())
        // Hand-derived: 48.9° → 4890000, 2.4° → 240000, 10,000 ft, 5.08 m/s up = 1,000 ft/min, 200 m/s east =
        // 20000 cm/s, σ = √900 m = 30 m = 300 dm, time and last update at the frame's time (0 ms).
        #expect(
            frame.text
                == #"{"type":"delta","time":1700000000.000,"cycle":0,"base":-1,"wall":1700000000.500,"updated":["#
                + #"[7,0,4890000,240000,10000,1000,20000,0,0,300,0,{"status":"confirmed","callsign":"AFR123","#
                + #""address":"3c6586","mode_a":"1234","emergency":false,"sources":["ssr","adsb"],"sensors":["0/1"],"#
                + #""kind":"airliner","spi":false,"created":1699999900.000}]],"deleted":[],"alerts":[]}"#
        )
        // The same track as a TrackDTO (snapshot, /api/tracks) is over 4 times longer than its delta row.
        var dto = ""
        TrackJSON.append(track, to: &dto)
        #expect(dto.utf8.count > 4 * "[7,0,4890000,240000,10000,1000,20000,0,0,300,0".utf8.count)
    }

    @Test("identity fields travel only when they change; an unchanged track is not sent")
    func identityOnlyWhenChanged() async throws {
        let store = PictureStore()
        let (id, frames) = store.subscribe()
        defer { store.broadcaster.unsubscribe(id) }
        let t0 = Pictures.track(1, east: 100, modeA: 0o1000, callsign: "ABC", address: nil)
        let t1 = Pictures.track(1, east: 100, modeA: 0o1000, callsign: "ABC", address: nil, lastUpdate: 1_700_000_000.2)
        let t2 = Pictures.track(
            1,
            east: 100,
            modeA: 0o7700,
            callsign: "ABC",
            address: nil,
            lastUpdate: 1_700_000_000.2,
            status: .coasting
        )
        store.publish(Self.picture(0, [t0]))
        store.publish(Self.picture(1, [t1]))  // measured again: the row, no identity
        store.publish(Self.picture(2, [t1]))  // nothing new: no row
        store.publish(Self.picture(3, [t2]))  // squawks 7700 and coasts: only those fields
        var iterator = frames.makeAsyncIterator()
        let rows = try await (0..<4).asyncMap { _ in try #require(try await Self.next(&iterator)["updated"] as? [[Any]])
        }
        #expect(rows[0].first?.count == 12)
        #expect(rows[1].first?.count == 11)
        // Last update 0.2 s after the picture of cycle 0, i.e. −50 ms from cycle 1's time.
        #expect(rows[1].first?[10] as? Int == -50)
        #expect(rows[2].isEmpty)
        let identity = try #require(rows[3].first?.last as? [String: Any])
        #expect(Set(identity.keys) == ["status", "mode_a", "emergency"])
        #expect(identity["status"] as? String == "coasting")
        #expect(identity["mode_a"] as? String == "7700")
        #expect(identity["emergency"] as? Bool == true)
    }

    @Test("one encoding per stream and cycle: every client of the stream gets the same bytes, not a copy")
    func framesAreShared() async throws {
        let store = PictureStore()
        let a = store.subscribe()
        let b = store.subscribe()
        defer {
            store.broadcaster.unsubscribe(a.id)
            store.broadcaster.unsubscribe(b.id)
        }
        store.publish(Self.picture(0, [Pictures.track(1, east: 100, modeA: 0o1000, callsign: nil, address: nil)]))
        var ia = a.frames.makeAsyncIterator()
        var ib = b.frames.makeAsyncIterator()
        let fa = try #require(await ia.next())
        let fb = try #require(await ib.next())
        let pa = fa.data.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        let pb = fb.data.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        #expect(pa == pb && pa != 0)
    }

    @Test("a slower stream merges cycles: latest state of each changed track, every end, the latest alert event")
    func mergedStream() async throws {
        let store = PictureStore(cyclePeriodSeconds: 0.25)
        #expect(store.cyclesPerFrame(framesPerSecond: 1) == 4)
        #expect(store.cyclesPerFrame(framesPerSecond: 10) == 1)
        store.publish(Self.picture(0, [Pictures.track(1, east: 100, modeA: 0o1000, callsign: nil, address: nil)]))
        let slow = store.subscribe(cyclesPerFrame: 4)
        let fast = store.subscribe()
        defer {
            store.broadcaster.unsubscribe(slow.id)
            store.broadcaster.unsubscribe(fast.id)
        }
        func track(_ n: UInt32, east: Double, update: Double) -> SystemTrack {
            Pictures.track(n, east: east, modeA: 0o1000, callsign: nil, address: nil, lastUpdate: update)
        }
        let alert = { (phase: AlertPhase, time: Double) in
            AlertEvent(alertID: 3, phase: phase, kind: .emergency, time: time, tracks: [1], message: "7700")
        }
        store.publish(Self.picture(1, [track(1, east: 110, update: 1), track(2, east: 50, update: 1)]))
        store.publish(
            Self.picture(2, [track(1, east: 120, update: 2), track(2, east: 50, update: 1)]),
            alerts: [alert(.start, 2)]
        )
        store.publish(
            Self.picture(3, [track(1, east: 130, update: 3)], events: [.ended(track: 2, time: 3)]),
            alerts: [alert(.update, 3)]
        )
        store.publish(Self.picture(4, [track(1, east: 140, update: 4)]))
        var si = slow.frames.makeAsyncIterator()
        let merged = try await Self.next(&si)
        #expect(merged["cycle"] as? Int == 4)
        #expect(merged["base"] as? Int == 0)
        let rows = try #require(merged["updated"] as? [[Any]])
        #expect(rows.map { $0[0] as? Int } == [1])
        #expect(rows.first?[6] as? Int == 14_000)  // the latest velocity, 140 m/s east
        // Track 2 came and went between the slow stream's frames: deleted all the same (a client that joined
        // in between may hold it from its snapshot).
        #expect(merged["deleted"] as? [Int] == [2])
        let alerts = try #require(merged["alerts"] as? [[String: Any]])
        #expect(alerts.map { $0["phase"] as? String } == ["update"])
        // The full-rate stream sent all four cycles, each relative to the one before.
        var fi = fast.frames.makeAsyncIterator()
        var bases: [Int] = []
        for _ in 0..<4 { bases.append(try #require(try await Self.next(&fi)["base"] as? Int)) }
        #expect(bases == [0, 1, 2, 3])
    }

    @Test("/ws?rate=1 gets one merged frame every 4 cycles (0.25 s cycle); a bad rate is refused")
    func rateQuery() async throws {
        let store = PictureStore(cyclePeriodSeconds: 0.25)
        store.publish(Self.picture(0, [Pictures.track(1, east: 100, modeA: 0o1000, callsign: nil, address: nil)]))
        let router = SkywatchServer.buildRouter(
            configuration: ServerConfiguration(),
            store: store,
            status: StubStatus()
        )
        let app = Application(router: router, server: .http1WebSocketUpgrade(webSocketRouter: router))
        let received = Mutex<[String]>([])
        try await app.test(.live) { client in
            _ = try await client.ws("/ws?rate=1") { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    let count = received.withLock {
                        $0.append(text)
                        return $0.count
                    }
                    if count == 1 {
                        for c in 1...8 {
                            store.publish(
                                Self.picture(
                                    c,
                                    [
                                        Pictures.track(
                                            1,
                                            east: 100 + Double(c),
                                            modeA: 0o1000,
                                            callsign: nil,
                                            address: nil,
                                            lastUpdate: Double(c)
                                        )
                                    ]
                                )
                            )
                        }
                    }
                    if count == 3 { break }
                }
            }
            try await client.execute(uri: "/ws?rate=0", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
        let messages = received.withLock { $0 }.map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? [:]
        }
        try #require(messages.count == 3)
        #expect(messages.map { $0["cycle"] as? Int } == [0, 4, 8])
        #expect(messages.dropFirst().map { $0["base"] as? Int } == [0, 4])
    }
}

extension Range where Bound == Int {
    fileprivate func asyncMap<T>(_ f: (Int) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for i in self { out.append(try await f(i)) }
        return out
    }
}
