public import Foundation
import ServiceLifecycle
public import SkyModel
public import SkyStorage
public import SkyTracking
import Synchronization

/// Collects the raw input messages between two update cycles for the recorder (``InputContext/rawTap``).
///
/// The tap is called from the inputs' tasks; the recorder sink takes what was collected at each cycle.
///
/// The data time recorded with a message is the newest data time seen so far, over all inputs, in arrival order
/// (a running maximum). Replay reads messages in data-time order (ties in recording order), so it feeds them to
/// the decoders and the tracker in exactly the order the live tracker got them, and a message without a data time
/// of its own (a Beast chunk holding no position) stays in its byte stream's order. Messages that arrive before
/// any data time is known are held until one is.
public final class RecorderInputTap: Sendable {
    private struct State {
        var pending: [RecordedInput] = []
        var held: [RecordedInput] = []
        var newestDataTime = -Double.infinity
    }
    private let state = Mutex(State())
    /// The recorded kind of each input's Beast bytes: `beast-arrival` for free-running 12 MHz counters (replay
    /// stamps frames with the recorded arrival time), else `beast` (stamps plus the data day's midnight).
    let beastKinds: [String: String]

    /// A tap; `arrivalStampedBeastInputs` names the Beast inputs whose frames are stamped with their arrival time.
    public init(arrivalStampedBeastInputs: Set<String> = []) {
        var kinds: [String: String] = [:]
        for name in arrivalStampedBeastInputs { kinds[name] = "beast-arrival" }
        beastKinds = kinds
    }

    /// The tap to give ``SkywatchService``.
    public var rawTap: InputContext.RawTap {
        { [self] input, format, arrival, dataTime, bytes in
            self.add(input: input, format: format, arrival: arrival, dataTime: dataTime, bytes: bytes)
        }
    }

    /// Adds one message; times in UNIX seconds (`dataTime`: the newest among the message's inputs, if any).
    public func add(input: String, format: String, arrival: Double, dataTime: Double?, bytes: [UInt8]) {
        let kind = format == "beast" ? beastKinds[input] ?? "beast" : format
        state.withLock { s in
            if let dataTime, dataTime > s.newestDataTime { s.newestDataTime = dataTime }
            let message = RecordedInput(
                inputName: input,
                arrivalTime: arrival,
                dataTime: s.newestDataTime,
                kind: kind,
                bytes: bytes
            )
            guard s.newestDataTime.isFinite else {
                s.held.append(message)
                return
            }
            for var h in s.held {
                h.dataTime = s.newestDataTime
                s.pending.append(h)
            }
            s.held.removeAll()
            s.pending.append(message)
        }
    }

    /// Puts back messages that could not be recorded (a queue overrun), ahead of those collected since, so
    /// that they go with the next cycle.
    public func restore(_ messages: [RecordedInput]) {
        guard !messages.isEmpty else { return }
        state.withLock { s in s.pending.insert(contentsOf: messages, at: 0) }
    }

    /// The messages collected since the last call.
    public func take() -> [RecordedInput] {
        state.withLock { s in
            let out = s.pending
            s.pending.removeAll(keepingCapacity: true)
            return out
        }
    }
}

/// The recorder as a picture sink: every cycle's picture, with its alert events, the registration estimates that
/// changed since the last recorded ones and the raw inputs the tap collected since the previous cycle, goes into the
/// ``SkyStorage/RecorderQueue`` (never blocking: a full queue counts an overrun; the dropped cycle's inputs and
/// changed estimates are kept for the next one; its alert events are lost with it, as its picture is).
public actor RecorderSink: CycleRecordSink {
    /// The queue the recorder service drains.
    public nonisolated let queue: RecorderQueue
    nonisolated let tap: RecorderInputTap?
    nonisolated let wallClock: @Sendable () -> Double
    private(set) var cycles = 0
    /// Each radar's last estimate seen (encoded only when it changes: the estimator solves about once a minute,
    /// the tracker publishes every cycle), and the changed ones waiting for a cycle to go with.
    private var seenRegistration: [SensorID: (estimate: RadarRegistrationEstimate, mode: RegistrationMode)] = [:]
    private var pendingRegistration: [String: RecordedRegistration] = [:]

    /// A sink feeding `queue`, with the inputs collected by `tap` (none without).
    public init(
        queue: RecorderQueue,
        tap: RecorderInputTap? = nil,
        wallClock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.queue = queue
        self.tap = tap
        self.wallClock = wallClock
    }

    public func write(_ picture: TrackPicture) async throws {
        try await write(picture, alerts: [], registration: nil)
    }

    public func write(
        _ picture: TrackPicture,
        alerts: [AlertEvent],
        registration: (estimates: [RadarRegistrationEstimate], mode: RegistrationMode)?
    ) async throws {
        let inputs = tap?.take() ?? []
        if let registration {
            for e in registration.estimates {
                if let seen = seenRegistration[e.sensor], seen.estimate == e, seen.mode == registration.mode {
                    continue
                }
                seenRegistration[e.sensor] = (e, registration.mode)
                let r = RegistrationRecord.record(e, mode: registration.mode, time: picture.time)
                pendingRegistration[r.radar] = r
            }
        }
        let changed = pendingRegistration.values.sorted { $0.radar < $1.radar }
        let cycle = RecordedCycle(
            inputs: inputs,
            picture: picture,
            alerts: alerts,
            registration: changed,
            wallTime: wallClock()
        )
        if queue.enqueue(cycle) {
            cycles += 1
            pendingRegistration.removeAll()
        } else {
            // The cycle's picture is lost (counted as an overrun); its inputs go with the next cycle, so that
            // replay still has every input message.
            tap?.restore(inputs)
        }
    }

    /// Nothing to flush here: the recorder service drains the queue at shutdown. (Inputs that arrived after the
    /// last cycle carried no picture and are not recorded.)
    public func finish() async throws {}

    public var summary: String {
        let s = queue.recorder.statistics
        return "recorded \(queue.recorder.path): \(cycles) cycles queued, \(s.cyclesWritten) written, "
            + "\(queue.overruns) overruns"
    }

    public var itemsWritten: Int { cycles }
}

/// `--record FILE`, `--retain-hours`, `--retain-mb` of `serve`, `demo` and `replay`.
public struct RecordingOptions: Sendable {
    /// The SQLite file.
    public var path: String
    /// Keep at most this many hours of data time (`nil`: no age limit).
    public var retainHours: Double?
    /// Keep the file under this many MB (10⁶ bytes; `nil`: no size limit).
    public var retainMegabytes: Double?

    /// Options; see each property.
    public init(path: String, retainHours: Double? = nil, retainMegabytes: Double? = nil) {
        self.path = path
        self.retainHours = retainHours
        self.retainMegabytes = retainMegabytes
    }
}

/// Recording of a running service (`serve --record FILE`, `demo`): the recorder on its file, its queue, the sink
/// for the tracker, the raw input tap and the recorder service (which must outlive the tracker).
public struct ServiceRecording: Sendable {
    /// The recorder.
    public let recorder: Recorder
    /// The sink to hand the tracker.
    public let sink: RecorderSink
    /// The raw input tap.
    public let tap: RecorderInputTap
    /// The service writing the queue to disk (and pruning with the retention policy).
    public let service: RecorderService

    /// Opens (or creates) the recording of `options` for a service with configuration `configuration`.
    /// - Throws: ``SkyStorage/RecordingError`` naming the file (not a recording, newer schema, cannot write).
    /// - Parameter queueCapacity: cycles that may wait for the disk before overruns are counted.
    public init(configuration: ServeConfiguration, options: RecordingOptions, queueCapacity: Int = 64) throws {
        let path = options.path
        let retainHours = options.retainHours
        let retainMegabytes = options.retainMegabytes
        let settings = RecordedSettings(configuration: configuration)
        recorder = try Recorder(
            path: path,
            programVersion: SkywatchVersion.string,
            configurationJSON: settings.json(),
            startWallTime: Date().timeIntervalSince1970
        )
        var arrival: Set<String> = []
        for case .beastTCP(let name, _, _, .arrival, _) in configuration.inputs { arrival.insert(name) }
        tap = RecorderInputTap(arrivalStampedBeastInputs: arrival)
        let queue = RecorderQueue(recorder: recorder, capacity: queueCapacity)
        sink = RecorderSink(queue: queue, tap: tap)
        let retention: RetentionPolicy? =
            retainHours == nil && retainMegabytes == nil
            ? nil
            : RetentionPolicy(
                maxAgeSeconds: retainHours.map { $0 * 3_600 },
                maxBytes: retainMegabytes.map { Int64($0 * 1e6) }
            )
        service = RecorderService(queue: queue, retention: retention)
    }
}
