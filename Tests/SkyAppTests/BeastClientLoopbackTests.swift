import Foundation
import NIOCore
import NIOPosix
import SkyApp
import SkyIO
import SkyModeS
import SkyModel
import Testing

/// Loopback (127.0.0.1 only): a test server streams the real Beast sample, drops the connection in the
/// middle of a frame, accepts the reconnection and streams the rest from that frame on. The client must
/// reconnect, drop the partial frame, and end with the same aircraft table as a direct decode of the file.
struct BeastClientLoopbackTests {
    struct Done: Error {}

    /// The traffic 2.13 Beast sample from the SkyModeS fixtures (read from the source tree).
    static func sample() throws -> [UInt8] {
        let here = URL(fileURLWithPath: #filePath)
        let url = here.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SkyModeSTests/Fixtures/dump1090_sample.beast")
        return [UInt8](try Data(contentsOf: url))
    }

    @Test("Reconnects after a mid-frame drop; the aircraft table is complete and consistent", .timeLimit(.minutes(10)))
    func reconnect() async throws {
        let bytes = try Self.sample()
        var offsets: [Int] = []
        bytes.withUnsafeBufferPointer { b in
            var p = BeastParser()
            p.parse(b, isFinal: true, onFrame: { offsets.append($0.offset) }, onError: { _ in })
        }
        try #require(offsets.count == 239)
        let resumeAt = offsets[120]
        let cut = resumeAt + 7  // inside frame 120

        // Reference: the whole file decoded directly.
        var reference = ModeSReceiver()
        reference.consume(bytes)

        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let port = try #require(server.channel.localAddress?.port)
        let serverTask = Task {
            try await server.executeThenClose { inbound in
                var k = 0
                for try await connection in inbound {
                    k += 1
                    let slice = k == 1 ? bytes[0..<cut] : bytes[resumeAt...]
                    try await connection.executeThenClose { _, outbound in
                        // Several writes, to exercise frames split across reads.
                        var i = slice.startIndex
                        while i < slice.endIndex {
                            let end = min(slice.endIndex, i + 333)
                            try await outbound.write(ByteBuffer(bytes: slice[i..<end]))
                            i = end
                        }
                    }
                    if k == 2 { break }
                }
            }
        }

        var config = BeastTCPClient.Configuration(host: "127.0.0.1", port: port)
        config.initialBackoffSeconds = 0.01
        config.maximumAttempts = 10
        let client = BeastTCPClient(configuration: config)
        var receiver = ModeSReceiver()
        var backoffs: [Double] = []
        do {
            try await client.run { event in
                receiver.handle(event)
                if case .backingOff(let s) = event { backoffs.append(s) }
                if case .disconnected = event, receiver.disconnections == 2 { throw Done() }
            }
        } catch is Done {}
        try await serverTask.value

        #expect(receiver.connections == 2 && receiver.disconnections == 2)
        #expect(receiver.droppedPartialFrames == 1 && receiver.inputErrors == 0)
        #expect(backoffs == [0.01])
        #expect(receiver.decoder.framesDecoded == reference.decoder.framesDecoded)
        #expect(receiver.table.count == reference.table.count && receiver.table.count == 4)
        for i in 0..<reference.table.count {
            let r = reference.table[i]
            let a = try #require(receiver.table.aircraft(r.address))
            #expect(a.messageCount == r.messageCount && a.positionCount == r.positionCount)
            #expect(
                a.callsign == r.callsign && a.squawk == r.squawk && a.barometricAltitudeFeet == r.barometricAltitudeFeet
            )
            #expect(a.latitude == r.latitude && a.longitude == r.longitude && a.version == r.version)
        }
        #expect(receiver.table.aircraft(ICAOAddress(0x48520A))?.callsign?.string == "TRA89M")
    }

    @Test("Back-off doubles from the initial delay up to the cap")
    func backoff() {
        var c = BeastTCPClient.Configuration(host: "127.0.0.1")
        c.initialBackoffSeconds = 0.5
        c.maximumBackoffSeconds = 30
        #expect((1...8).map { c.backoffSeconds(afterFailures: $0) } == [0.5, 1, 2, 4, 8, 16, 30, 30])
    }
}
