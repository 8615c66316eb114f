import SkyASTERIX
import SkyApp
import SkyGeodesy
import SkyIO
import SkyModel
import Testing

/// UDP on the loopback interface only (127.0.0.1): what is sent arrives intact and decodes.
struct UDPLoopbackTests {
    @Test("CAT048 blocks sent to 127.0.0.1 arrive intact, in order, and decode")
    func loopback() async throws {
        let listener = try await UDPListener.bind(host: "127.0.0.1", port: 0)
        #expect(listener.localPort > 0)
        let sender = try await UDPSender.open(host: "127.0.0.1", port: listener.localPort, bindHost: "127.0.0.1")
        let plots = (0..<50).map { i in
            RadarPlot(
                time: 1_700_000_000 + Double(i),
                sensor: SensorID(sac: 1, sic: 2),
                slantRangeMetres: 10_000 + Double(i) * 1000,
                azimuth: Double(i) * 0.1,
                kind: .secondary
            )
        }
        let blocks = CAT048Encoder.blocks(for: plots, maxBlockBytes: 200)
        #expect(blocks.count >= 3)
        for b in blocks { try await sender.send(b) }
        // Guard against a lost datagram hanging the test: close the listener (ending the stream) after 10 s.
        let guardTask = Task {
            try? await Task.sleep(for: .seconds(10))
            try? await listener.close()
        }
        defer { guardTask.cancel() }
        var received: [[UInt8]] = []
        for await d in listener.datagrams {
            received.append(d.payload)
            #expect(d.remote.hasPrefix("127.0.0.1:"))
            if received.count == blocks.count { break }
        }
        #expect(received == blocks)
        var sink = RecordRangeSink()
        for r in received { BlockDecoder.decode(r, into: &sink) }
        #expect(sink.ranges.count == 50 && sink.errors.isEmpty)
        #expect(listener.droppedDatagrams == 0)
        try await sender.close()
        try await listener.close()
    }

    @Test("udp:// destinations parse")
    func parsesURL() {
        #expect(UDPSender.parse(url: "udp://239.1.2.3:8600")! == ("239.1.2.3", 8600))
        #expect(UDPSender.parse(url: "udp://239.1.2.3") == nil)
        #expect(UDPSender.parse(url: "tracks.ast") == nil)
    }

    @Test("ASTERIXTrackSender: one cycle arrives as CAT062 then CAT065 end of batch")
    func trackSender() async throws {
        let listener = try await UDPListener.bind(host: "127.0.0.1", port: 0)
        let sender = try await ASTERIXTrackSender.open(
            url: "udp://127.0.0.1:\(listener.localPort)",
            sdps: SensorID(sac: 25, sic: 100)
        )
        let tracks = (0..<5).map { i in
            SystemTrack(
                number: UInt32(i + 1),
                time: 1_700_000_000,
                position: GeodeticPosition(latitudeDegrees: 48, longitudeDegrees: 2 + Double(i)),
                velocity: ENUVector(east: 100, north: 0, up: 0),
                status: .confirmed
            )
        }
        try await sender.send(tracks: tracks, time: 1_700_000_000)
        let guardTask = Task {
            try? await Task.sleep(for: .seconds(10))
            try? await listener.close()
        }
        defer { guardTask.cancel() }
        var categories: [UInt8] = []
        for await d in listener.datagrams {
            var sink = RecordRangeSink()
            BlockDecoder.decode(d.payload, into: &sink)
            categories += sink.ranges.map(\.category)
            if categories.last == 65 { break }
        }
        #expect(categories == [62, 62, 62, 62, 62, 65])
        try await sender.close()
        try await listener.close()
    }
}
