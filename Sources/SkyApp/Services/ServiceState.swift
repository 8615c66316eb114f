import Foundation
import Metrics
import Prometheus
public import SkyGeodesy
public import SkyModel
public import SkyServer
public import SkyTracking
import Synchronization

/// The running service's status: what `/api/status`, `/api/sensors` and `/metrics` show. Written by the tracker
/// task once per cycle and by the inputs as data arrives; read by the server.
public final class ServiceState: ServiceStatusProvider, Sendable {
    struct Cycle {
        var cycle = -1
        var dataTime = 0.0
        var confirmed = 0
        var coasting = 0
        var lateInputs = 0
        var maximumLatenessSeconds = 0.0
        var latePlotsDropped = 0
        var cycleTime = DurationHistogram()
        var latency = DurationHistogram()
        var lastWall = 0.0
        /// Wall seconds the tracker task spent in each stage since start (tracker, alerts, publish, sinks).
        var stageSeconds = TrackerStageSeconds()
    }

    /// "live", "replay" or "demo".
    public let mode: String
    /// The inputs, in configuration order.
    public let inputs: [InputStatus]
    /// The sensors known at start.
    private let sensors: Mutex<[SensorDescription]>
    /// The system reference point.
    public let reference: GeodeticPosition
    /// The receiver position for readsb's receiver.json, if one is configured.
    public let receiverPosition: (latitudeDegrees: Double, longitudeDegrees: Double)?
    /// Cycle period and reorder window, seconds.
    public let cyclePeriodSeconds: Double
    public let reorderWindowSeconds: Double
    /// The queue between inputs and tracker, and the WebSocket fan-out (for their counters).
    public let queue: InputQueue
    public let broadcaster: PictureBroadcaster
    /// Restricted areas as GeoJSON (for the display).
    public let areasGeoJSONText: String
    public let replay: (any ReplayControl)?
    let startWall: Double
    /// UNIX seconds now (injected by tests).
    let wallClock: @Sendable () -> Double
    private let cycleState = Mutex(Cycle())
    /// The latest sensor registration estimates and the tracker's registration mode (`nil`: registration off).
    private let registration = Mutex<(estimates: [RadarRegistrationEstimate], mode: RegistrationMode)?>(nil)
    private let registry = PrometheusCollectorRegistry()
    private let cycleTimer: Metrics.Timer
    private let latencyTimer: Metrics.Timer

    /// The state of a service with these inputs and sensors.
    public init(
        mode: String,
        inputs: [InputStatus],
        sensors: [SensorDescription],
        reference: GeodeticPosition,
        receiverPosition: (latitudeDegrees: Double, longitudeDegrees: Double)? = nil,
        cyclePeriodSeconds: Double,
        reorderWindowSeconds: Double,
        queue: InputQueue,
        broadcaster: PictureBroadcaster,
        areasGeoJSON: String = #"{"type":"FeatureCollection","features":[]}"#,
        replay: (any ReplayControl)? = nil,
        wallClock: (@Sendable () -> Double)? = nil
    ) {
        self.wallClock = wallClock ?? { Date().timeIntervalSince1970 }
        self.mode = mode
        self.inputs = inputs
        self.sensors = Mutex(sensors)
        self.reference = reference
        self.receiverPosition = receiverPosition
        self.cyclePeriodSeconds = cyclePeriodSeconds
        self.reorderWindowSeconds = reorderWindowSeconds
        self.queue = queue
        self.broadcaster = broadcaster
        self.areasGeoJSONText = areasGeoJSON
        self.replay = replay
        startWall = self.wallClock()
        var factory = PrometheusMetricsFactory(registry: registry)
        let buckets: [Duration] = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2),
        ]
        factory.durationHistogramBuckets = [
            "skywatch_cycle_duration_seconds": buckets, "skywatch_input_latency_seconds": buckets,
        ]
        cycleTimer = Metrics.Timer(label: "skywatch_cycle_duration_seconds", factory: factory)
        latencyTimer = Metrics.Timer(label: "skywatch_input_latency_seconds", factory: factory)
    }

    /// Records one published cycle.
    /// Adds the tracker task's time per stage (for `/api/status` `stage_seconds`).
    public func addStageSeconds(_ stages: TrackerStageSeconds) {
        cycleState.withLock { $0.stageSeconds.add(stages) }
    }

    public func cyclePublished(
        _ picture: TrackPicture,
        computeSeconds: Double,
        latencies: [Double],
        lateInputs: Int,
        maximumLatenessSeconds: Double = 0,
        latePlotsDropped: Int,
        wall: Double
    ) {
        var confirmed = 0
        var coasting = 0
        for t in picture.tracks { if t.status == .coasting { coasting += 1 } else { confirmed += 1 } }
        cycleState.withLock { c in
            c.cycle = picture.cycle
            c.dataTime = picture.time
            c.confirmed = confirmed
            c.coasting = coasting
            c.lateInputs = lateInputs
            c.maximumLatenessSeconds = maximumLatenessSeconds
            c.latePlotsDropped = latePlotsDropped
            c.cycleTime.record(computeSeconds)
            for l in latencies { c.latency.record(l) }
            c.lastWall = wall
        }
        cycleTimer.recordNanoseconds(Int64(computeSeconds * 1e9))
        for l in latencies { latencyTimer.recordNanoseconds(Int64(l * 1e9)) }
    }

    /// Records the tracker's latest sensor registration estimates (called by the tracker task when registration is
    /// on), for `/api/sensors` and `/metrics`.
    public func registrationUpdated(_ estimates: [RadarRegistrationEstimate], mode: RegistrationMode) {
        registration.withLock { $0 = (estimates, mode) }
    }

    /// The latest sensor registration estimates (empty while registration is off or before the first cycle).
    public var registrationEstimates: [RadarRegistrationEstimate] { registration.withLock { $0?.estimates ?? [] } }

    /// Cycle-time and latency quantiles, seconds: (p50, p99, max).
    public var figures: (cycle: (Double, Double, Double), latency: (Double, Double, Double), samples: Int) {
        cycleState.withLock { c in
            (
                (c.cycleTime.quantile(0.5), c.cycleTime.quantile(0.99), c.cycleTime.maximum),
                (c.latency.quantile(0.5), c.latency.quantile(0.99), c.latency.maximum), c.latency.count
            )
        }
    }

    /// Tracks shown at the last cycle (confirmed, coasting) and the cycle number.
    public var trackCounts: (confirmed: Int, coasting: Int, cycle: Int) {
        cycleState.withLock { ($0.confirmed, $0.coasting, $0.cycle) }
    }

    public func statusJSON() -> String {
        let now = wallClock()
        let c = cycleState.withLock { $0 }
        let dropped = queue.dropped
        var object: [String: Any] = [
            "version": SkywatchVersion.string, "mode": mode, "uptime_s": now - startWall, "cycle": c.cycle,
            "cycle_period_s": cyclePeriodSeconds, "reorder_window_s": reorderWindowSeconds,
            "cycle_time_ms": [
                "last": c.cycleTime.last * 1000, "p50": c.cycleTime.quantile(0.5) * 1000,
                "p99": c.cycleTime.quantile(0.99) * 1000,
            ],
            "latency_s": ["p50": c.latency.quantile(0.5), "p99": c.latency.quantile(0.99), "max": c.latency.maximum],
            "stage_seconds": [
                "tracker": c.stageSeconds.tracker, "alerts": c.stageSeconds.alerts,
                "publish": c.stageSeconds.publish, "sinks": c.stageSeconds.sinks,
            ],
            "data_time": c.dataTime, "wall_time": now,
            "tracks": ["confirmed": c.confirmed, "coasting": c.coasting],
            "inputs_late": c.lateInputs, "inputs_late_max_s": c.maximumLatenessSeconds,
            "late_plots_dropped": c.latePlotsDropped,
            "inputs_dropped": dropped.inputs + inputs.reduce(0) { $0 + $1.totals.dropped },
            "websocket": ["clients": broadcaster.clientCount, "dropped_frames": broadcaster.droppedFrames],
            "reference": ["lat": reference.latitudeDegrees, "lon": reference.longitudeDegrees],
        ]
        object["replay"] = replay.map { Self.parse($0.stateJSON()) } ?? NSNull()
        return Self.serialise(object)
    }

    public func sensorsJSON() -> String {
        let now = wallClock()
        // Registration on: each radar's estimate as `registration` (RegistrationOutput.jsonObject), and the same
        // object as `bias` (the key the display reads). Off: both null.
        var registrationByID: [SensorID: [String: Any]] = [:]
        if let r = registration.withLock({ $0 }) {
            for e in r.estimates where registrationByID[e.sensor] == nil {
                registrationByID[e.sensor] = RegistrationOutput.jsonObject(e, mode: r.mode)
            }
        }
        let described = sensors.withLock { $0 }
        var sensorList: [[String: Any]] = described.map { s in
            let registration: Any = registrationByID[s.id] ?? NSNull()
            return [
                "id": s.id.description, "name": s.name, "kind": s.kind.rawValue, "lat": s.site.latitudeDegrees,
                "lon": s.site.longitudeDegrees, "rotation_period_s": s.rotationPeriodSeconds ?? NSNull(),
                "max_range_m": s.maxRangeMetres, "bias": registration, "registration": registration,
                "reference": s.isRegistrationReference,
            ]
        }
        // A radar the tracker estimates but this list does not describe (added to the engine while it runs): its
        // estimate, with what is not known as null.
        let describedIDs = Set(described.map(\.id))
        for (id, registration) in registrationByID.sorted(by: { $0.key < $1.key }) where !describedIDs.contains(id) {
            sensorList.append([
                "id": id.description, "name": "", "kind": NSNull(), "lat": NSNull(), "lon": NSNull(),
                "rotation_period_s": NSNull(), "max_range_m": NSNull(), "bias": registration,
                "registration": registration, "reference": registration["reference"] ?? false,
            ])
        }
        return Self.serialise(["inputs": inputs.map { $0.json(now: now) }, "sensors": sensorList])
    }

    public func metricsText() -> String {
        let now = wallClock()
        let c = cycleState.withLock { $0 }
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for s in samples { lines.append("\(name)\(s.labels.isEmpty ? "" : "{\(s.labels)}") \(s.value)") }
        }
        func label(_ input: InputStatus) -> String { "input=\"\(input.name)\",kind=\"\(input.kind)\"" }
        metric(
            "skywatch_input_messages_total",
            "counter",
            "Messages received per input.",
            inputs.map { (label($0), Double($0.totals.messages)) }
        )
        metric(
            "skywatch_input_bytes_total",
            "counter",
            "Bytes received per input.",
            inputs.map { (label($0), Double($0.totals.bytes)) }
        )
        metric(
            "skywatch_input_surveillance_total",
            "counter",
            "Plots, reports and scan events produced per input.",
            inputs.map { (label($0), Double($0.totals.inputs)) }
        )
        metric(
            "skywatch_input_errors_total",
            "counter",
            "Bad messages per input and error code.",
            inputs.flatMap { i in
                i.errorsByCode.sorted { $0.key < $1.key }.map { ("\(label(i)),code=\"\($0.key)\"", Double($0.value)) }
            }
        )
        metric(
            "skywatch_input_dropped_total",
            "counter",
            "Inputs dropped because the tracker queue was full.",
            inputs.map { (label($0), Double($0.totals.dropped)) }
        )
        metric(
            "skywatch_input_outages_total",
            "counter",
            "Connections lost per input.",
            inputs.map { (label($0), Double($0.totals.outages)) }
        )
        metric(
            "skywatch_input_up",
            "gauge",
            "1 when the input is connected and data flows.",
            inputs.map { (label($0), $0.state(now: now) == .connected ? 1 : 0) }
        )
        metric(
            "skywatch_inputs_late_total",
            "counter",
            "Inputs older than the reorder window.",
            [("", Double(c.lateInputs))]
        )
        metric(
            "skywatch_late_plots_dropped_total",
            "counter",
            "Late plots too old for the tracker.",
            [("", Double(c.latePlotsDropped))]
        )
        metric(
            "skywatch_queue_dropped_total",
            "counter",
            "Inputs refused by the full tracker queue.",
            [("", Double(queue.dropped.inputs))]
        )
        metric(
            "skywatch_tracks",
            "gauge",
            "Displayed tracks by status.",
            [("status=\"confirmed\"", Double(c.confirmed)), ("status=\"coasting\"", Double(c.coasting))]
        )
        metric("skywatch_cycle", "counter", "Update cycles published.", [("", Double(c.cycle + 1))])
        metric(
            "skywatch_websocket_clients",
            "gauge",
            "Connected WebSocket clients.",
            [("", Double(broadcaster.clientCount))]
        )
        metric(
            "skywatch_websocket_dropped_frames_total",
            "counter",
            "Frames lost by WebSocket clients that fell behind.",
            [("", Double(broadcaster.droppedFrames))]
        )
        let estimates = registrationEstimates
        if !estimates.isEmpty {
            // Edge units: m, ppm, degrees, s; an unobservable component has no sample.
            metric(
                "skywatch_registration_bias",
                "gauge",
                "Estimated sensor registration bias per radar and component (range_offset_m, range_gain_ppm, "
                    + "azimuth_offset_deg, time_offset_s).",
                estimates.flatMap { e in
                    BiasComponent.allCases.compactMap { c in
                        e.value(c).map { ("radar=\"\(e.sensor)\",component=\"\(c.jsonKey)\"", $0 * c.edgeUnitFactor) }
                    }
                }
            )
            metric(
                "skywatch_registration_bias_sigma",
                "gauge",
                "Standard deviation of the registration bias estimate.",
                estimates.flatMap { e in
                    BiasComponent.allCases.compactMap { c in
                        e.standardDeviation(c).map {
                            ("radar=\"\(e.sensor)\",component=\"\(c.jsonKey)\"", $0 * c.edgeUnitFactor)
                        }
                    }
                }
            )
            metric(
                "skywatch_registration_converged",
                "gauge",
                "1 when the radar's registration estimate has converged.",
                estimates.map { ("radar=\"\($0.sensor)\"", $0.converged ? 1 : 0) }
            )
        }
        return lines.joined(separator: "\n") + "\n" + registry.emitToString()
    }

    public func areasGeoJSON() -> String { areasGeoJSONText }

    static func serialise(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func parse(_ text: String) -> Any {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) ?? NSNull()
    }
}

/// Wall time the tracker task spends per stage, seconds: `tracker` (inputs into the reorder window and the
/// tracker, cycles advanced), `alerts` (the safety nets), `publish` (the picture store: history, delta frames
/// encoded once per stream), `sinks` (CAT062, recording, CSV).
public struct TrackerStageSeconds: Sendable {
    public var tracker = 0.0
    public var alerts = 0.0
    public var publish = 0.0
    public var sinks = 0.0

    public init() {}

    mutating func add(_ o: TrackerStageSeconds) {
        tracker += o.tracker
        alerts += o.alerts
        publish += o.publish
        sinks += o.sinks
    }
}
