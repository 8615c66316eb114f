import Foundation
import Logging
import SkyApp
import SkyGeodesy
import SkyIO
import SkyModel
import SkyServer
import SkySimulation
import Synchronization
import Testing

/// A wall clock the test moves by hand.
final class ManualClock: Sendable {
    private let seconds: Mutex<Double>
    init(_ start: Double) { seconds = Mutex(start) }
    var now: Double { seconds.withLock { $0 } }
    func advance(by s: Double) { seconds.withLock { $0 += s } }
    var function: @Sendable () -> Double { { self.now } }
}

/// Bad input at the service's inputs: garbage datagrams, truncated ASTERIX blocks, Beast streams with garbage, and a
/// receiver that sends nothing. Each is counted by input and code in /api/sensors and /metrics, the input keeps
/// running, and the good data of the same and of the other inputs still goes through.
struct BadInputServiceTests {
    /// The ASTERIX data blocks and the Beast bytes of a short simulated airport run.
    static func recordedBytes() async throws -> (blocks: [[UInt8]], beast: [UInt8], sensors: String, dir: String) {
        let dir = try await TrackFusionTests.simulate(.airport, seed: 2, duration: 30, name: "bad-input")
        let ast = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/radar.ast")))
        var blocks: [[UInt8]] = []
        var i = 0
        while i + 3 <= ast.count {
            let length = Int(ast[i + 1]) << 8 | Int(ast[i + 2])
            blocks.append(Array(ast[i..<(i + length)]))
            i += length
        }
        let beast = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/adsb.beast")))
        return (blocks, beast, dir + "/sensors.json", dir)
    }

    /// Polls (bounded: 10 s) until `condition` holds: the network delivers asynchronously.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<1_000 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test("garbage and truncated ASTERIX, garbage in Beast, a silent receiver: counted per input and code")
    func badInputIsCountedAndTheRestGoesThrough() async throws {
        let recorded = try await Self.recordedBytes()
        defer { try? FileManager.default.removeItem(atPath: recorded.dir) }
        let epoch = 1_768_478_400.0  // the airport preset's epoch: the ASTERIX times of day resolve near it
        let clock = ManualClock(epoch + 5)
        let queue = InputQueue()
        let statuses = [
            InputStatus(name: "radars", kind: "asterix-udp"), InputStatus(name: "receiver", kind: "beast-tcp"),
            InputStatus(name: "quiet", kind: "beast-tcp"),
        ]
        let store = PictureStore()
        let state = ServiceState(
            mode: "live",
            inputs: statuses,
            sensors: [],
            reference: .init(latitudeDegrees: 48.7, longitudeDegrees: 2.4),
            cyclePeriodSeconds: 1,
            reorderWindowSeconds: 0.1,
            queue: queue,
            broadcaster: store.broadcaster,
            wallClock: clock.function
        )
        let logger = Logger(label: "test")
        func context(_ k: Int) -> InputContext {
            InputContext(index: k, status: statuses[k], queue: queue, logger: logger, wallClock: clock.function)
        }
        let asterix = ASTERIXUDPInput(context: context(0), host: "127.0.0.1", port: 0)
        let receiver = try await TCPBroadcastServer.start(host: "127.0.0.1", port: 0)
        let quietServer = try await TCPBroadcastServer.start(host: "127.0.0.1", port: 0)
        let beast = BeastTCPInput(
            context: context(1),
            host: "127.0.0.1",
            port: receiver.port,
            timestamps: .gps
        )
        let quiet = BeastTCPInput(context: context(2), host: "127.0.0.1", port: quietServer.port)
        let tasks = [
            Task { try await asterix.run() }, Task { try await beast.run() }, Task { try await quiet.run() },
        ]
        defer { for t in tasks { t.cancel() } }
        #expect(
            try await Self.eventually {
                asterix.listeningPort != nil && receiver.clientCount == 1 && quietServer.clientCount == 1
            }
        )
        let sender = try await UDPSender.open(host: "127.0.0.1", port: try #require(asterix.listeningPort))

        // ASTERIX: 3 garbage datagrams, one block cut short, then 20 good blocks.
        let good = Array(recorded.blocks.prefix(20))
        let truncated = Array(good[0].prefix(good[0].count - 5))
        for d in [[UInt8]("hello, radar".utf8), [0xFF, 0xFF, 0xFF, 0xFF], [48, 0x00, 0x02], truncated] {
            try await sender.send(d)
        }
        for b in good { try await sender.send(b) }
        // Beast: the recording with garbage spliced in every 4 kB.
        var stream: [UInt8] = []
        var k = 0
        while k < recorded.beast.count {
            let end = min(k + 4_096, recorded.beast.count)
            stream += recorded.beast[k..<end]
            stream += [0x1A, 0x39, 0x00, 0x01, 0x1A, 0x1A, 0xDE, 0xAD, 0x42]  // a frame type that does not exist
            k = end
        }
        receiver.broadcast(stream)

        #expect(try await Self.eventually { statuses[0].totals.messages == 24 })
        #expect(try await Self.eventually { statuses[1].totals.bytes == stream.count })
        let asterixErrors = statuses[0].errorsByCode
        // Every bad datagram counted under a code; every good block decoded (plots and CAT034 messages).
        #expect(asterixErrors.values.reduce(0, +) == 4, "\(asterixErrors)")
        #expect(statuses[0].totals.inputs > 20)
        let beastErrors = statuses[1].errorsByCode
        #expect((beastErrors["beast_framing"] ?? 0) >= stream.count / 4_200, "\(beastErrors)")
        // The good ADS-B still decoded: thousands of reports from a 30 s airport run.
        #expect(statuses[1].totals.inputs > 1_000)
        #expect(statuses[2].totals.messages == 0)

        // The service's views: /api/sensors and /metrics.
        let sensors = try #require(
            try JSONSerialization.jsonObject(with: Data(state.sensorsJSON().utf8)) as? [String: Any]
        )
        let inputs = try #require(sensors["inputs"] as? [[String: Any]])
        #expect((inputs[0]["errors"] as? [String: Int]) == asterixErrors)
        #expect((inputs[0]["state"] as? String) == "connected")
        #expect((inputs[1]["errors"] as? [String: Int]) == beastErrors)
        let metrics = state.metricsText()
        for (code, n) in asterixErrors {
            #expect(
                metrics.contains(
                    "skywatch_input_errors_total{input=\"radars\",kind=\"asterix-udp\",code=\"\(code)\"} \(Double(n))"
                )
            )
        }
        #expect(
            metrics.contains(
                "skywatch_input_errors_total{input=\"receiver\",kind=\"beast-tcp\",code=\"beast_framing\"}"
            )
        )

        // The receiver that sends nothing: connected, then silent once the silence limit (10 s) has passed.
        #expect(statuses[2].state(now: clock.now) == .connected)
        clock.advance(by: 11)
        let later = try #require(
            try JSONSerialization.jsonObject(with: Data(state.sensorsJSON().utf8)) as? [String: Any]
        )
        let quietJSON = try #require((later["inputs"] as? [[String: Any]])?[2])
        #expect((quietJSON["state"] as? String) == "silent")
        #expect(state.metricsText().contains("skywatch_input_up{input=\"quiet\",kind=\"beast-tcp\"} 0.0"))

        // The inputs are still running: one more good block is taken.
        try await sender.send(good[1])
        #expect(try await Self.eventually { statuses[0].totals.messages == 25 })
        try await sender.close()
        try await receiver.close()
        try await quietServer.close()
    }
}
