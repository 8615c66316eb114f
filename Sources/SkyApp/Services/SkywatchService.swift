import Foundation
public import Logging
public import ServiceLifecycle
public import SkyGeodesy
public import SkyModel
public import SkyServer
public import SkySimulation
public import SkyStorage
import UnixSignals

/// Builds the running service from its configuration: the inputs, the tracker task and the server as
/// swift-service-lifecycle `Service`s in one `ServiceGroup`.
///
/// Order in the group: the server, the tracker, then the inputs. On SIGINT/SIGTERM the group shuts services down
/// in reverse order: the inputs stop, the tracker drains its queue, publishes its last cycles and flushes every
/// output, then the server stops.
public struct SkywatchService: Sendable {
    /// The picture the server shows.
    public let store: PictureStore
    /// Status, sensors, metrics.
    public let state: ServiceState
    /// The queue between inputs and tracker.
    public let queue: InputQueue
    /// The services, in group order.
    public let services: [any Service]
    /// The reference point in use.
    public let reference: GeodeticPosition
    let configuration: ServeConfiguration

    /// Assembles the service.
    /// - Parameters:
    ///   - extraSinks: outputs besides the server and the configured CAT062 streams (the recorder).
    ///   - rawTap: called with every raw input message (the recorder's input tap).
    ///   - extraServices: services that must outlive the tracker (the recorder's writer).
    ///   - history: what the history routes read; by default the recording a ``RecorderSink`` among
    ///     `extraSinks` writes (read through the recorder's WAL readers, never blocking it), else the replayed
    ///     recording, else none (the routes answer 404).
    ///   - onServerRunning: called with the bound port once the server listens.
    /// - Throws: ``ConfigError`` for an unusable configuration (no reference point, a non-loopback bind without
    ///   token), socket errors of the outputs.
    public init(
        configuration: ServeConfiguration,
        extraSinks: [any PictureSink] = [],
        rawTap: InputContext.RawTap? = nil,
        extraServices: [any Service] = [],
        history: (any HistoryProvider)? = nil,
        logger: Logger,
        onServerRunning: (@Sendable (Int) async -> Void)? = nil
    ) async throws {
        if let refusal = configuration.server.refusal { throw ConfigError(refusal) }
        guard !configuration.inputs.isEmpty else {
            throw ConfigError(
                "no input: give --simulate PRESET, --beast HOST:PORT, --asterix udp://… or a configuration file"
            )
        }
        var simulations: [String: SimulationConfiguration] = [:]
        var sensors = configuration.sensors
        for case .simulator(let name, let preset, let seed, let duration, _, _) in configuration.inputs {
            let s = preset.configuration(seed: seed, durationSeconds: duration)
            simulations[name] = s
            for r in s.radars where !sensors.contains(where: { $0.id == r.sensorDescription.id }) {
                sensors.append(r.sensorDescription)
            }
        }
        guard
            let reference = configuration.resolvedReference(
                simulations: configuration.inputs.compactMap { simulations[$0.name] }
            )
        else {
            throw ConfigError(
                "no reference point: give --receiver-position LAT,LON, a \"reference\" in the configuration, or sensors"
            )
        }
        self.reference = reference
        self.configuration = configuration
        let queue = InputQueue()
        let store = PictureStore(cyclePeriodSeconds: configuration.tracker.cyclePeriodSeconds)
        var replay: (recording: Recording, api: ReplayAPI)?
        for case .replay(_, let path, let from, let to, let speed, _) in configuration.inputs {
            replay = (try Recording.open(path: path), ReplayAPI(control: .init(speed: speed), from: from, to: to))
        }
        let statuses = configuration.inputs.map { InputStatus(name: $0.name, kind: $0.kind) }
        var receiver: (Double, Double)?
        for case .beastTCP(_, _, _, _, let p?) in configuration.inputs {
            receiver = (p.latitudeDegrees, p.longitudeDegrees)
        }
        let state = ServiceState(
            mode: configuration.mode,
            inputs: statuses,
            sensors: sensors,
            reference: reference,
            receiverPosition: receiver ?? (reference.latitudeDegrees, reference.longitudeDegrees),
            cyclePeriodSeconds: configuration.tracker.cyclePeriodSeconds,
            reorderWindowSeconds: configuration.tracker.reorderWindowSeconds,
            queue: queue,
            broadcaster: store.broadcaster,
            replay: replay?.api
        )
        var sinks = extraSinks
        for url in configuration.cat062Outputs {
            guard case .udp(let host, let port)? = TrackOutputTarget(parsing: url) else {
                throw ConfigError("'\(url)' is not udp://HOST:PORT")
            }
            sinks.append(try await CAT062UDPSink(host: host, port: port, sdps: configuration.sdps))
        }
        var alertSinks: [any AlertEventSink] = []
        for url in configuration.cat004Outputs {
            guard case .udp(let host, let port)? = TrackOutputTarget(parsing: url) else {
                throw ConfigError("'\(url)' is not udp://HOST:PORT")
            }
            alertSinks.append(try await CAT004UDPSink(host: host, port: port, sdps: configuration.sdps))
        }
        var tracker = configuration.tracker
        var inputs: [any Service] = []
        for (i, input) in configuration.inputs.enumerated() {
            let context = InputContext(
                index: i,
                status: statuses[i],
                queue: queue,
                logger: logger.withInput(input.name),
                rawTap: rawTap
            )
            switch input {
            case .asterixUDP(_, let address, let port, let group):
                inputs.append(ASTERIXUDPInput(context: context, host: address, port: port, multicastGroup: group))
            case .beastTCP(_, let host, let port, let timestamps, _):
                inputs.append(BeastTCPInput(context: context, host: host, port: port, timestamps: timestamps))
            case .simulator(let name, _, _, _, let speed, let loop):
                tracker.speed = speed
                inputs.append(
                    SimulatorInput(context: context, simulation: simulations[name]!, speed: speed, loop: loop)
                )
            case .replay(_, _, _, _, _, let tracks):
                // Ticks never run data time past the newest replayed input, so a pause does not age the tracks.
                tracker.speed = 0
                inputs.append(
                    ReplayInput(
                        context: context,
                        recording: replay!.recording,
                        api: replay!.api,
                        pictures: tracks ? (store, state) : nil,
                        outputs: ReplayOutputs(
                            sinks: sinks,
                            alertSinks: alertSinks,
                            sensorKinds: Dictionary(sensors.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
                        )
                    )
                )
            }
        }
        let alertEngine = try makeAlertEngine(
            configPath: configuration.alertConfigPath,
            areasPath: configuration.areasPath
        )
        let trackerService = TrackerService(
            configuration: tracker,
            sensors: sensors,
            reference: reference,
            queue: queue,
            store: store,
            state: state,
            sinks: sinks,
            alertEngine: alertEngine,
            alertSinks: alertSinks,
            logger: logger
        )
        var historySource = history
        let recorded = extraSinks.lazy.compactMap { ($0 as? RecorderSink)?.queue.recorder.recording }.first
        if historySource == nil, let r = recorded ?? replay?.recording { historySource = RecordingHistory(r) }
        let app = try SkywatchServer.makeApplication(
            configuration: configuration.server,
            store: store,
            status: state,
            history: historySource,
            logger: logger,
            onServerRunning: onServerRunning
        )
        self.store = store
        self.state = state
        self.queue = queue
        // extraServices (the recorder) stop after the tracker has flushed into them.
        services = [app] + extraServices + [trackerService] + inputs
    }

    /// Runs until SIGINT or SIGTERM (or until every input has ended and `stopWhenInputsEnd`).
    public func run(logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}

/// The history routes over a recording (SkyStorage's history queries, each in one WAL read transaction).
public struct RecordingHistory: HistoryProvider {
    /// The recording read.
    public let recording: Recording

    /// History read from `recording`.
    public init(_ recording: Recording) { self.recording = recording }

    public func trackHistory(number: UInt32, from: Double, to: Double, limit: Int) async throws -> [SystemTrack] {
        try await recording.trackHistory(number: number, from: from, to: to, limit: limit)
    }

    public func picture(at time: Double) async throws -> TrackPicture? { try await recording.picture(at: time) }

    public func history(from: Double, to: Double, box: HistoryBox?, limit: Int) async throws -> [SystemTrack] {
        let bbox = box.map {
            GeoBox(
                minLatitudeDegrees: $0.southDegrees,
                minLongitudeDegrees: $0.westDegrees,
                maxLatitudeDegrees: $0.northDegrees,
                maxLongitudeDegrees: $0.eastDegrees
            )
        }
        return try await recording.history(from: from, to: to, bbox: bbox, limit: limit)
    }
}

extension Logger {
    func withInput(_ name: String) -> Logger {
        var l = self
        l[metadataKey: "input"] = "\(name)"
        return l
    }
}
