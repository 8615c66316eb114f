public import Foundation
public import Logging
public import ServiceLifecycle
public import SkyAlerts
public import SkyGeodesy
public import SkyModel
public import SkyServer
public import SkyTracking

/// Something that takes the safety-net events of every cycle (CAT004 UDP).
public protocol AlertEventSink: AnyObject, Sendable {
    /// The events of the cycle at `time` (UNIX s).
    func write(_ events: [AlertEvent], time: Double) async throws
}

/// A picture sink that keeps with each cycle's picture what else the cycle produced (the recorder): the tracker task
/// calls ``write(_:alerts:registration:)`` instead of ``PictureSink/write(_:)``.
public protocol CycleRecordSink: PictureSink {
    /// One cycle's picture, the alert events (start, update, end) raised with it and, with sensor registration on,
    /// on the last cycle of each batch the tracker publishes, the registration estimates then in force (else nil).
    func write(
        _ picture: TrackPicture,
        alerts: [AlertEvent],
        registration: (estimates: [RadarRegistrationEstimate], mode: RegistrationMode)?
    ) async throws
}

/// The tracker task of the live service: one task owns the engine, takes input batches from the ``InputQueue``
/// in arrival order, puts them into data-time order through the reorder window (``SkyTracking/TrackingLoop``,
/// the same loop as `skywatch track`), and once per update cycle publishes the picture to the server's
/// ``SkyServer/PictureStore`` and to every other sink (CAT062 UDP, the recorder).
///
/// When data goes quiet, clock ticks let cycles go on (tracks coast and end as they should). Data time follows
/// the newest input: `data now = newest data time + (wall now − its arrival) × speed` (speed 1 for live data,
/// N for a simulation or file played at N × real time).
///
/// On graceful shutdown the inputs stop first (they come later in the service group), then the queue is
/// finished; this task drains it, publishes the last cycles, flushes every sink and returns.
public final class TrackerService: Service {
    /// Settings of the tracker task.
    public struct Configuration: Sendable {
        /// Filter, associator and parameters.
        public var tracking: TrackingConfiguration
        /// Update cycle, seconds of data time.
        public var cyclePeriodSeconds: Double
        /// Reorder window, seconds of data time.
        public var reorderWindowSeconds: Double
        /// Speed of data time against wall time (1 for live data).
        public var speed: Double
        /// Wall seconds between clock ticks.
        public var tickSeconds: Double

        /// Defaults: a 0.25 s cycle, a 0.1 s reorder window, live speed.
        public init(
            tracking: TrackingConfiguration = .init(),
            cyclePeriodSeconds: Double = 0.25,
            reorderWindowSeconds: Double = 0.1,
            speed: Double = 1,
            tickSeconds: Double = 0.05
        ) {
            self.tracking = tracking
            self.cyclePeriodSeconds = cyclePeriodSeconds
            self.reorderWindowSeconds = reorderWindowSeconds
            self.speed = speed
            self.tickSeconds = tickSeconds
        }
    }

    let configuration: Configuration
    let sensors: [SensorDescription]
    let reference: GeodeticPosition
    let queue: InputQueue
    let store: PictureStore
    let state: ServiceState
    let sinks: [any PictureSink]
    let logger: Logger
    let wallClock: @Sendable () -> Double
    let alertEngine: AlertEngine?
    let alertSinks: [any AlertEventSink]

    /// A tracker task for these sensors.
    /// - Parameters:
    ///   - sinks: outputs besides the server (CAT062 UDP, recorder).
    ///   - wallClock: UNIX seconds now (injected for tests).
    public init(
        configuration: Configuration,
        sensors: [SensorDescription],
        reference: GeodeticPosition,
        queue: InputQueue,
        store: PictureStore,
        state: ServiceState,
        sinks: [any PictureSink] = [],
        alertEngine: AlertEngine? = nil,
        alertSinks: [any AlertEventSink] = [],
        logger: Logger = Logger(label: "skywatch.tracker"),
        wallClock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.alertEngine = alertEngine
        self.alertSinks = alertSinks
        self.configuration = configuration
        self.sensors = sensors
        self.reference = reference
        self.queue = queue
        self.store = store
        self.state = state
        self.sinks = sinks
        self.logger = logger
        self.wallClock = wallClock
    }

    public func run() async throws {
        let engine = makeTrackingEngine(configuration.tracking, sensors: sensors, reference: reference)
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                let queue = self.queue
                let tick = configuration.tickSeconds
                let wallClock = self.wallClock
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .milliseconds(Int64(tick * 1000)))
                        queue.tick(wall: wallClock())
                    }
                }
                try await self.drive(engine)
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.queue.finish()
        }
        for sink in sinks { try await sink.finish() }
        logger.info("tracker stopped")
    }

    /// The loop, specialised on the engine's type (the existential is opened once, here).
    func drive<Engine: TrackingEngine>(_ engine: Engine) async throws {
        var loop = TrackingLoop(
            engine: engine,
            cyclePeriodSeconds: configuration.cyclePeriodSeconds,
            live: true,
            reorderWindowSeconds: configuration.reorderWindowSeconds
        )
        var alerts = alertEngine
        var ready: [TrackPicture] = []
        // Batches not yet carried by a published picture: (newest data time in the batch, arrival wall time).
        var pending: [(dataTime: Double, arrival: Double)] = []
        var pendingStart = 0
        var newestData = -Double.infinity
        var newestArrival = 0.0
        let wall = ContinuousClock()
        var sinceYield = 0
        for await event in queue.events {
            // A busy stream never suspends the loop; on one core (the cooperative pool has one thread) the HTTP
            // and WebSocket handlers would starve: let them run every few batches.
            sinceYield += 1
            if sinceYield >= 16 {
                sinceYield = 0
                await Task.yield()
            }
            let start = wall.now
            switch event {
            case .inputs(let batch, let arrival, _):
                var newest = -Double.infinity
                for input in batch {
                    newest = max(newest, input.time)
                    loop.push(input) { ready.append($0) }
                }
                pending.append((newest, arrival))
                if newest > newestData {
                    newestData = newest
                    newestArrival = arrival
                }
            case .tick(let now):
                guard newestData.isFinite else { continue }
                let dataNow = newestData + (now - newestArrival) * configuration.speed
                loop.advanceClock(to: dataNow) { ready.append($0) }
            case .restart:
                // A replay went back in time: a fresh engine (the one given at start, a value) and an empty
                // picture; the inputs that follow are a new run from the start of the replayed range.
                loop = TrackingLoop(
                    engine: engine,
                    cyclePeriodSeconds: configuration.cyclePeriodSeconds,
                    live: true,
                    reorderWindowSeconds: configuration.reorderWindowSeconds
                )
                alerts = alertEngine
                (ready, pending, pendingStart, newestData, newestArrival) = ([], [], 0, -.infinity, 0)
                store.reset()
                continue
            }
            let compute = wall.now - start
            var stages = TrackerStageSeconds()
            stages.tracker = compute.seconds
            state.addStageSeconds(stages)
            guard !ready.isEmpty else { continue }
            try await publish(
                &ready,
                loop: loop,
                alerts: &alerts,
                pending: &pending,
                pendingStart: &pendingStart,
                compute: compute
            )
        }
        loop.finish { ready.append($0) }
        if !ready.isEmpty {
            try await publish(
                &ready,
                loop: loop,
                alerts: &alerts,
                pending: &pending,
                pendingStart: &pendingStart,
                compute: .zero
            )
        }
    }

    private func publish<Engine: TrackingEngine>(
        _ ready: inout [TrackPicture],
        loop: TrackingLoop<Engine>,
        alerts: inout AlertEngine?,
        pending: inout [(dataTime: Double, arrival: Double)],
        pendingStart: inout Int,
        compute: Duration
    ) async throws {
        let clock = ContinuousClock()
        var stages = TrackerStageSeconds()
        defer { state.addStageSeconds(stages) }
        // The estimates after the batch (the engine has taken every picture of it), recorded with its last cycle.
        let estimates = loop.engine.registrationEstimates
        let registration = estimates.isEmpty ? nil : (estimates, configuration.tracking.tracker.registration)
        for (index, picture) in ready.enumerated() {
            var mark = clock.now
            func lap() -> Double {
                let next = clock.now
                defer { mark = next }
                return (next - mark).seconds
            }
            let events = alerts?.process(picture) ?? []
            stages.alerts += lap()
            let now = wallClock()
            var latencies: [Double] = []
            while pendingStart < pending.count && pending[pendingStart].dataTime <= picture.time {
                latencies.append(now - pending[pendingStart].arrival)
                pendingStart += 1
            }
            store.publish(picture, alerts: events, wallSeconds: now, inputLatencySeconds: latencies.max())
            stages.publish += lap()
            for sink in sinks {
                if let recorder = sink as? any CycleRecordSink {
                    try await recorder.write(
                        picture,
                        alerts: events,
                        registration: index == ready.count - 1 ? registration : nil
                    )
                } else {
                    try await sink.write(picture)
                }
            }
            if !events.isEmpty { for sink in alertSinks { try await sink.write(events, time: picture.time) } }
            stages.sinks += lap()
            if pendingStart > 4_096 {
                pending.removeFirst(pendingStart)
                pendingStart = 0
            }
            state.cyclePublished(
                picture,
                computeSeconds: Double(compute.components.attoseconds) * 1e-18
                    + Double(compute.components.seconds),
                latencies: latencies,
                lateInputs: loop.reorder.lateCount,
                maximumLatenessSeconds: loop.reorder.maximumLatenessSeconds,
                latePlotsDropped: loop.latePlotsDropped,
                wall: now
            )
        }
        if let time = ready.last?.time { try await publishRegistration(estimates, time: time) }
        ready.removeAll(keepingCapacity: true)
    }

    /// Sensor registration on: the estimates to `/api/sensors` and `/metrics`, and as CAT063 to the CAT062 sinks
    /// (their encoder keeps the 10 s interval). Off: there are none and nothing happens.
    private func publishRegistration(_ estimates: [RadarRegistrationEstimate], time: Double) async throws {
        guard !estimates.isEmpty else { return }
        state.registrationUpdated(estimates, mode: configuration.tracking.tracker.registration)
        let registrationSinks = sinks.compactMap { $0 as? any RegistrationSink }
        guard !registrationSinks.isEmpty else { return }
        let kinds = Dictionary(sensors.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        let registrations = RegistrationOutput.cat063(estimates, sensors: kinds)
        for sink in registrationSinks { try await sink.writeRegistration(registrations, time: time, final: false) }
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
