public import Foundation
public import Logging
public import ServiceLifecycle
import SkyASTERIX
import SkyIO
import SkyModeS
public import SkyModel
public import SkySimulation
import Synchronization

/// What every live input shares: its status, its place in the queue, a logger, the wall clock.
public struct InputContext: Sendable {
    /// The input's index (its `source` in the queue).
    public var index: Int
    /// Its status.
    public var status: InputStatus
    /// The tracker's queue.
    public var queue: InputQueue
    /// Logger.
    public var logger: Logger
    /// UNIX seconds now.
    public var wallClock: @Sendable () -> Double
    /// Called with every raw message as it arrives (the recorder's input tap): input name, byte format
    /// ("asterix" data blocks or a "beast" byte stream), arrival time (UNIX s), the newest data time among the
    /// message's inputs (UNIX s, `nil` if none) and the bytes.
    public var rawTap: RawTap?

    /// The recorder's input tap; see ``rawTap``.
    public typealias RawTap =
        @Sendable (_ input: String, _ format: String, _ arrival: Double, _ dataTime: Double?, _ bytes: [UInt8]) -> Void

    /// A context; see each property.
    public init(
        index: Int,
        status: InputStatus,
        queue: InputQueue,
        logger: Logger,
        wallClock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        rawTap: RawTap? = nil
    ) {
        self.rawTap = rawTap
        self.index = index
        self.status = status
        self.queue = queue
        self.logger = logger
        self.wallClock = wallClock
    }

    /// Hands a message's inputs to the tracker; counts and logs a refusal (full queue).
    func deliver(_ inputs: [SurveillanceInput], raw: [UInt8], format: String, arrival: Double) {
        rawTap?(status.name, format, arrival, inputs.map(\.time).max(), raw)
        status.received(bytes: raw.count, inputs: inputs.count, wall: arrival)
        if !queue.send(inputs, arrivalWall: arrival, source: index) {
            status.dropped(inputs.count)
            logger.warning("tracker queue full: dropped \(inputs.count) inputs", metadata: ["input": "\(status.name)"])
        }
    }
}

/// ASTERIX over UDP (unicast, or a multicast group joined): CAT048 + CAT034 from radars, CAT021 from ADS-B
/// ground stations. Times of day are resolved to dates against the datagram's arrival time (across midnight).
public final class ASTERIXUDPInput: Service {
    let context: InputContext
    let host: String
    let port: Int
    let group: String?
    private let boundPort = Mutex<Int?>(nil)

    /// The port the listener is bound to, once it listens (the configured one, or the kernel's choice for 0).
    public var listeningPort: Int? { boundPort.withLock { $0 } }

    /// A listener on `host:port`, joining `group` when given.
    public init(context: InputContext, host: String, port: Int, multicastGroup: String? = nil) {
        self.context = context
        self.host = host
        self.port = port
        group = multicastGroup
    }

    public func run() async throws {
        let listener = try await UDPListener.bind(host: host, port: port, multicastGroup: group)
        boundPort.withLock { $0 = listener.localPort }
        context.status.connected(peer: "udp://\(group ?? host):\(listener.localPort)", wall: context.wallClock())
        context.logger.info(
            "listening for ASTERIX",
            metadata: ["input": "\(context.status.name)", "port": "\(listener.localPort)"]
        )
        var ingest = ASTERIXIngest(reference: context.wallClock())
        try await withGracefulShutdownHandler {
            for await datagram in listener.datagrams {
                // Arrival on the injected clock (the socket's own stamp is the same instant on a real clock).
                let arrival = context.wallClock()
                var inputs: [SurveillanceInput] = []
                let before = ingest.errorsByCode
                let failures = ingest.decode(datagram.payload, captureTime: arrival) { inputs.append($0) }
                if failures > 0 {
                    var delta: [String: Int] = [:]
                    for (code, n) in ingest.errorsByCode where n != before[code] {
                        delta[code] = n - (before[code] ?? 0)
                    }
                    let last = ingest.errors.last.map { "\($0) from \(datagram.remote)" }
                    context.status.errors(delta, lastError: last)
                    context.logger.debug(
                        "bad ASTERIX data",
                        metadata: ["input": "\(context.status.name)", "peer": "\(datagram.remote)"]
                    )
                }
                for case .scan(let e) in inputs {
                    if let p = e.rotationPeriodSeconds { context.status.rotationPeriod(p) }
                }
                context.deliver(inputs, raw: datagram.payload, format: "asterix", arrival: arrival)
            }
        } onGracefulShutdown: {
            Task { try? await listener.close() }
        }
        let dropped = listener.droppedDatagrams
        if dropped > 0 { context.status.error("socket_buffer_overrun", message: "\(dropped) datagrams dropped") }
        context.status.ended()
    }
}

/// How Beast 12 MHz time stamps become data time.
public enum BeastTimestamps: String, Sendable, Codable, CaseIterable {
    /// Free-running counters (dump1090, readsb without GPS): frames are stamped with their arrival time.
    case arrival
    /// GPS-disciplined stamps: seconds since UTC midnight of the arrival day, used as they are.
    case gps
}

/// Beast binary from dump1090 / readsb over TCP (port 30005): reconnects with back-off and reports each outage.
public final class BeastTCPInput: Service {
    let context: InputContext
    let configuration: BeastTCPClient.Configuration
    let timestamps: BeastTimestamps
    let receiverSensor: SensorID?

    /// A client of `host:port`.
    public init(
        context: InputContext,
        host: String,
        port: Int,
        timestamps: BeastTimestamps = .arrival,
        receiverSensor: SensorID? = nil,
        initialBackoffSeconds: Double = 0.5,
        maximumBackoffSeconds: Double = 10
    ) {
        self.context = context
        var c = BeastTCPClient.Configuration(host: host, port: port)
        c.initialBackoffSeconds = initialBackoffSeconds
        c.maximumBackoffSeconds = maximumBackoffSeconds
        configuration = c
        self.timestamps = timestamps
        self.receiverSensor = receiverSensor
    }

    public func run() async throws {
        let receiverSensor = self.receiverSensor
        let client = BeastTCPClient(configuration: configuration)
        let peer = "tcp://\(configuration.host):\(configuration.port)"
        let context = self.context
        let timestamps = self.timestamps
        do {
            try await cancelWhenGracefulShutdown {
                var receiver = ModeSReceiver(sensor: receiverSensor)
                try await client.run { event in
                    let now = context.wallClock()
                    var reports: [SurveillanceInput] = []
                    let errorsBefore = receiver.inputErrors
                    switch event {
                    case .connected:
                        context.status.connected(peer: peer, wall: now)
                        context.logger.info(
                            "connected",
                            metadata: ["input": "\(context.status.name)", "peer": "\(peer)"]
                        )
                    case .disconnected(let error):
                        context.status.disconnected(error: error.map { "\(peer): \($0)" } ?? "\(peer): closed by peer")
                        context.logger.warning(
                            "receiver connection lost",
                            metadata: ["input": "\(context.status.name)", "peer": "\(peer)"]
                        )
                    case .backingOff, .bytes:
                        break
                    }
                    let midnight = (now / 86_400).rounded(.down) * 86_400
                    receiver.handle(
                        event,
                        timeOffset: midnight,
                        arrivalTime: timestamps == .arrival ? now : nil
                    ) { reports.append(.adsb($0)) }
                    if receiver.inputErrors > errorsBefore {
                        context.status.errors(
                            ["beast_framing": receiver.inputErrors - errorsBefore],
                            lastError: "bad Beast framing from \(peer)"
                        )
                    }
                    if case .bytes(let b) = event { context.deliver(reports, raw: b, format: "beast", arrival: now) }
                }
            }
        } catch is CancellationError {
        }
        context.status.ended()
    }
}

/// The simulator in process, paced at N × real time: its ASTERIX (CAT048 + CAT034) and Beast bytes go through
/// the same decoders as network data.
public final class SimulatorInput: Service {
    let context: InputContext
    let simulation: SimulationConfiguration
    let speed: Double
    let loop: Bool

    /// A simulator input running `simulation` at `speed` × real time, again and again when `loop`.
    public init(context: InputContext, simulation: SimulationConfiguration, speed: Double, loop: Bool = false) {
        self.context = context
        self.simulation = simulation
        self.speed = speed
        self.loop = loop
    }

    struct Decoders: Sendable {
        var asterix: ASTERIXIngest
        var modeS = ModeSReceiver()
    }

    public func run() async throws {
        let context = self.context
        let (simulation, speed, loop) = (self.simulation, self.speed, self.loop)
        context.status.connected(peer: "in process, \(simulation.name), \(speed)× real time", wall: context.wallClock())
        do {
            try await cancelWhenGracefulShutdown {
                var configuration = simulation
                repeat {
                    let epoch = Double(configuration.epochUnixSeconds)
                    let midnight = (epoch / 86_400).rounded(.down) * 86_400
                    let decoders = Mutex(Decoders(asterix: ASTERIXIngest(reference: epoch)))
                    let transport = SimulationStreamSink.Transport.inProcess(
                        asterix: { bytes in
                            var inputs: [SurveillanceInput] = []
                            decoders.withLock { _ = $0.asterix.decode(bytes) { inputs.append($0) } }
                            context.deliver(inputs, raw: bytes, format: "asterix", arrival: context.wallClock())
                        },
                        beast: { bytes in
                            var inputs: [SurveillanceInput] = []
                            decoders.withLock {
                                $0.modeS.consume(bytes, timeOffset: midnight) { inputs.append(.adsb($0)) }
                            }
                            context.deliver(inputs, raw: bytes, format: "beast", arrival: context.wallClock())
                        }
                    )
                    let pacer = SimulationPacer(speed: speed)
                    let sink = SimulationStreamSink(configuration: configuration, transport: transport, pacer: pacer)
                    _ = try await SimulationRunner.run(configuration, sinks: [sink], pacer: pacer)
                    // The next lap starts where this one ended, so data time keeps increasing.
                    configuration.epochUnixSeconds += configuration.durationSeconds
                } while loop && !Task.isCancelled
            }
        } catch is CancellationError {
        }
        context.status.ended()
    }
}
