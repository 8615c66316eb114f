import Foundation
import Logging
import ServiceLifecycle
import SkyApp
import SkyGeodesy
import SkyIO
import SkyModel
import SkyServer
import SkySimulation
import SkyTracking
import Synchronization
import Testing

/// Collects every picture it is given.
actor PictureCapture: PictureSink {
    var pictures: [Double: TrackPicture] = [:]
    func write(_ picture: TrackPicture) async throws { pictures[picture.time] = picture }
    func finish() async throws {}
    var summary: String { "captured \(pictures.count) pictures" }
    var itemsWritten: Int { pictures.count }
}

/// The live service and `skywatch track` run the same code path: fed the same data, they give the same tracks.
struct ServiceEquivalenceTests {
    @Test(
        "simulator over loopback (ASTERIX UDP + Beast TCP) → service tracker = skywatch track on the same data",
        .timeLimit(.minutes(10))
    )
    func liveEqualsBatch() async throws {
        let duration = 150
        let simulation = SimulationPreset.airport.configuration(seed: 4, durationSeconds: duration)
        let dir = try await TrackFusionTests.simulate(.airport, seed: 4, duration: duration, name: "equivalence")
        defer { try? FileManager.default.removeItem(atPath: dir) }

        // Batch: the recording of the same run, as `skywatch track --asterix radar.ast --adsb adsb.beast` reads it.
        var input = try TrackInput.asterix(path: dir + "/radar.ast", sensors: dir + "/sensors.json")
        try input.addADSB(path: dir + "/adsb.beast", format: .beast)
        let batch = PictureCapture()
        _ = try await TrackingPipeline.run(input: input, sinks: [batch])

        // Live: the service's tracker task and inputs, fed by the simulator over loopback at 25 × real time.
        let epoch = Double(simulation.epochUnixSeconds)
        let started = ContinuousClock.now
        // Data-day wall clock, so that GPS-style Beast stamps (seconds since UTC midnight) land on the data's day.
        let dataClock: @Sendable () -> Double = {
            let e = ContinuousClock.now - started
            return epoch + (Double(e.components.seconds) + Double(e.components.attoseconds) * 1e-18) * 25
        }
        let queue = InputQueue()
        let store = PictureStore()
        let statuses = [
            InputStatus(name: "asterix", kind: "asterix-udp"), InputStatus(name: "beast", kind: "beast-tcp"),
        ]
        let state = ServiceState(
            mode: "live",
            inputs: statuses,
            sensors: input.sensors,
            reference: input.reference,
            cyclePeriodSeconds: 1,
            reorderWindowSeconds: 30,
            queue: queue,
            broadcaster: store.broadcaster
        )
        let live = PictureCapture()
        // A 1 s cycle and a window (30 s of data, 1.2 s of wall time at 25 ×) longer than any sector's delay and any
        // scheduling delay of a loaded machine: the order the batch run sees; no clock ticks.
        let tracker = TrackerService(
            configuration: .init(cyclePeriodSeconds: 1, reorderWindowSeconds: 30, tickSeconds: 3_600),
            sensors: input.sensors,
            reference: input.reference,
            queue: queue,
            store: store,
            state: state,
            sinks: [live],
            wallClock: dataClock
        )
        let logger = Logger(label: "test")
        let asterixInput = ASTERIXUDPInput(
            context: InputContext(index: 0, status: statuses[0], queue: queue, logger: logger, wallClock: dataClock),
            host: "127.0.0.1",
            port: 0
        )
        let beastServer = try await TCPBroadcastServer.start(host: "127.0.0.1", port: 0)
        let beastInput = BeastTCPInput(
            context: InputContext(index: 1, status: statuses[1], queue: queue, logger: logger, wallClock: dataClock),
            host: "127.0.0.1",
            port: beastServer.port,
            timestamps: .gps
        )

        let trackerTask = Task { try await tracker.run() }
        let inputTasks = [Task { try await asterixInput.run() }, Task { try await beastInput.run() }]
        // Wait (bounded) for the UDP socket and the TCP connection.
        var waited = 0
        while (asterixInput.listeningPort == nil || beastServer.clientCount == 0) && waited < 500 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        let port = try #require(asterixInput.listeningPort)
        let sender = try await UDPSender.open(host: "127.0.0.1", port: port)
        let pacer = SimulationPacer(speed: 25)
        let sink = SimulationStreamSink(
            configuration: simulation,
            transport: .inProcess(asterix: { try await sender.send($0) }, beast: { beastServer.broadcast($0) }),
            pacer: pacer
        )
        _ = try await SimulationRunner.run(simulation, sinks: [sink], pacer: pacer)
        // Let the last datagrams and bytes arrive, then end the inputs and drain the tracker.
        try await Task.sleep(for: .milliseconds(500))
        for t in inputTasks { t.cancel() }
        try await sender.close()
        try await beastServer.close()
        queue.finish()
        try await trackerTask.value

        // Every second the live run published, compared with the batch run's picture of the same second.
        let livePictures = await live.pictures
        let batchPictures = await batch.pictures
        #expect(livePictures.count > 100)
        var compared = 0
        for (time, picture) in livePictures where time <= epoch + Double(duration) - 5 {
            let b = try #require(batchPictures[time], "no batch picture at \(time)")
            let confirmedLive = picture.tracks.filter { $0.status == .confirmed }
            let batchByNumber = Dictionary(uniqueKeysWithValues: b.tracks.map { ($0.number, $0) })
            #expect(Set(picture.tracks.map(\.number)) == Set(b.tracks.map(\.number)), "tracks at \(time)")
            for t in confirmedLive {
                guard let u = batchByNumber[t.number] else { continue }
                let d = Geodesic.inverse(from: t.position, to: u.position).distanceMetres
                #expect(d < 1, "track \(t.number) at \(time): \(d) m apart")
                compared += 1
            }
        }
        #expect(compared > 1_000)
        #expect(statuses[0].totals.errors == 0 && statuses[1].totals.errors == 0)
        #expect(queue.dropped.inputs == 0)
        // Nothing arrived late: a late input would be processed out of the batch run's order.
        let status = try #require(
            try JSONSerialization.jsonObject(with: Data(state.statusJSON().utf8)) as? [String: Any]
        )
        #expect(status["inputs_late"] as? Int == 0)
        #expect(status["inputs_late_max_s"] as? Double == 0)
    }
}
