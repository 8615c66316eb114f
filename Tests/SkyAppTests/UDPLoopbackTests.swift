import SkyASTERIX
import SkyApp
import SkyGeodesy
import SkyIO
import SkyMath
import SkyModel
import Testing

/// UDP on the loopback interface only (127.0.0.1): what is sent arrives intact and decodes.
struct UDPLoopbackTests {
    @Test("CAT048 blocks sent to 127.0.0.1 arrive intact, in order, and decode")
    func loopback() async throws {
        let listener = try await UDPListener.bind(host: "127.0.0.1", port: 0)
        #expect(listener.localPort > 0)
        let sender = try await UDPSender.open(host: "127.0.0.1", port: listener.localPort)
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

    @Test("CAT062UDPSink: one cycle arrives as CAT062 then CAT065 end of batch, with callsign, accuracy and sensor")
    func trackSender() async throws {
        let listener = try await UDPListener.bind(host: "127.0.0.1", port: 0)
        let sink = try await CAT062UDPSink(
            host: "127.0.0.1",
            port: listener.localPort,
            sdps: SensorID(sac: 25, sic: 100)
        )
        let tracks = (0..<5).map { i in
            var covariance = Matrix<4, 4>.identity
            covariance[0, 0] = 400  // σ east 20 m
            covariance[1, 1] = 900  // σ north 30 m
            covariance[0, 1] = -100  // cov -100 m² → COV field -10 m
            covariance[1, 0] = -100
            covariance[2, 2] = 4  // σ v east 2 m/s
            covariance[3, 3] = 2.25  // σ v north 1.5 m/s
            return SystemTrack(
                number: UInt32(i + 1),
                time: 1_700_000_000,
                position: GeodeticPosition(latitudeDegrees: 48, longitudeDegrees: 2 + Double(i)),
                velocity: ENUVector(east: 100, north: 0, up: 0),
                covariance: covariance,
                status: .confirmed,
                callsign: Callsign("SKW\(i)"),
                contributingSensors: [SensorID(sac: 25, sic: 7)]
            )
        }
        try await sink.write(TrackPicture(cycle: 0, time: 1_700_000_000, tracks: tracks))
        let guardTask = Task {
            try? await Task.sleep(for: .seconds(10))
            try? await listener.close()
        }
        defer { guardTask.cancel() }
        var categories: [UInt8] = []
        var records: [CAT062TrackReport] = []
        for await d in listener.datagrams {
            var ranges = RecordRangeSink()
            BlockDecoder.decode(d.payload, into: &ranges)
            categories += ranges.ranges.map(\.category)
            for r in ranges.ranges where r.category == 62 {
                var t = CAT062TrackReport()
                _ = try ItemSlots.decode(.cat062, bytes: d.payload, start: r.start, end: r.end, into: &t.slots)
                records.append(t)
            }
            if categories.last == 65 { break }
        }
        #expect(categories == [62, 62, 62, 62, 62, 65])
        // Decoded back: the callsign (I062/245), the accuracy (I062/500 APC, COV, ATV) and the sensor (I062/340).
        #expect(records.count == 5)
        for (i, r) in records.enumerated() {
            #expect(r.callsign == Callsign("SKW\(i)"))
            let a = try #require(r.estimatedAccuracy?.metric)
            #expect(a.sigmaX == 20 && a.sigmaY == 30 && a.covarianceXY == -100 && a.sigmaVX == 2 && a.sigmaVY == 1.5)
            #expect(r.measuredSensor == SensorID(sac: 25, sic: 7))
        }
        try await sink.finish()
        try await listener.close()
    }
}
