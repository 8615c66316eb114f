import Foundation
import Logging
public import ServiceLifecycle
import SkyASTERIX
import SkyModeS
public import SkyModel
public import SkyServer
public import SkyStorage
import SkyTracking

/// Decodes recorded input messages with the live inputs' decoders: ``ASTERIXIngest`` for `asterix` data blocks,
/// ``ModeSReceiver`` for Beast bytes (`beast`: 12 MHz stamps plus the midnight of the message's data day;
/// `beast-arrival`: frames stamped with the recorded arrival time). One decoder state per recorded input name,
/// as live.
public struct RecordedInputDecoder: Sendable {
    private var asterix: [String: ASTERIXIngest] = [:]
    private var modeS: [String: ModeSReceiver] = [:]
    /// Messages of a kind no decoder reads (counted, skipped).
    public private(set) var unknownKinds = 0

    public init() {}

    /// The inputs of one recorded message, in the decoder's order.
    public mutating func decode(_ message: RecordedInput) -> [SurveillanceInput] {
        var out: [SurveillanceInput] = []
        switch message.kind {
        case "asterix":
            var ingest = asterix[message.inputName] ?? ASTERIXIngest(reference: message.dataTime)
            ingest.decode(message.bytes) { out.append($0) }
            asterix[message.inputName] = ingest
        case "beast", "beast-arrival":
            var receiver = modeS[message.inputName] ?? ModeSReceiver()
            if message.kind == "beast-arrival" {
                receiver.consume(message.bytes, arrivalTime: message.arrivalTime) { out.append(.adsb($0)) }
            } else {
                let midnight = (message.dataTime / 86_400).rounded(.down) * 86_400
                receiver.consume(message.bytes, timeOffset: midnight) { out.append(.adsb($0)) }
            }
            modeS[message.inputName] = receiver
        default:
            unknownKinds += 1
        }
        return out
    }
}

/// The replay state the server shows and controls (`GET/POST /api/replay`): play, pause, speed and seek over a
/// ``SkyStorage/ReplayControl``, within the replayed range.
public final class ReplayAPI: SkyServer.ReplayControl, Sendable {
    /// The control the replayer follows.
    public let control: SkyStorage.ReplayControl
    /// The replayed data time range, UNIX seconds.
    public let from: Double
    public let to: Double

    /// The API of `control` over `from…to` (UNIX seconds).
    public init(control: SkyStorage.ReplayControl, from: Double, to: Double) {
        self.control = control
        self.from = from
        self.to = to
    }

    public func stateJSON() -> String {
        let p = control.pacer
        let speed = p.speed.isFinite ? "\(p.speed)" : "0"
        let time = p.position ?? from
        return #"{"playing":\#(!p.isPaused),"speed":\#(speed),"time":\#(time),"from":\#(from),"to":\#(to)}"#
    }

    public func apply(action: String, time: Double?, speed: Double?) -> String? {
        switch action {
        case "play":
            control.resume()
        case "pause":
            control.pause()
        case "speed":
            guard let speed, speed > 0, speed <= 10_000 else { return "speed must be > 0 and at most 10000" }
            control.setSpeed(speed)
        case "seek":
            guard let time, time.isFinite else { return "seek needs a time (UNIX seconds)" }
            guard time >= from && time <= to else { return "time \(time) is outside the recording (\(from)…\(to))" }
            control.seek(to: time)
        default:
            return "unknown action '\(action)' (play, pause, speed, seek)"
        }
        return nil
    }
}

/// `skywatch replay`: the recorded input messages of a time range, in data-time order, paced by a
/// ``SkyStorage/Replayer`` (play, pause, speed, seek), through the live decoders into the tracker's queue, as if
/// they arrived now. With `pictures` (`--tracks`) it plays the recorded picture into the server's store instead
/// of re-tracking, and to the service's outputs (``ReplayOutputs``: CAT062 with the recorded CAT063, CAT004).
///
/// When the range is played it waits for shutdown (the display stays up); a queue that is full makes it wait
/// (replay never drops inputs).
public final class ReplayInput: Service {
    let context: InputContext
    let recording: Recording
    let api: ReplayAPI
    let pictures: (store: PictureStore, state: ServiceState)?
    let outputs: ReplayOutputs
    let waitAtEnd: Bool

    /// A replay of `api.from…api.to` from `recording`.
    /// - Parameters:
    ///   - pictures: publish the recorded pictures here instead of feeding inputs to the tracker.
    ///   - outputs: with `pictures`, where else the recorded pictures, alerts and registration estimates go.
    ///   - waitAtEnd: at the end of the range, wait for a seek (back) until shutdown (else return).
    public init(
        context: InputContext,
        recording: Recording,
        api: ReplayAPI,
        pictures: (store: PictureStore, state: ServiceState)? = nil,
        outputs: ReplayOutputs = ReplayOutputs(),
        waitAtEnd: Bool = true
    ) {
        self.context = context
        self.recording = recording
        self.api = api
        self.pictures = pictures
        self.outputs = outputs
        self.waitAtEnd = waitAtEnd
    }

    public func run() async throws {
        context.status.connected(peer: recording.path)
        do {
            try await cancelWhenGracefulShutdown {
                if let pictures = self.pictures {
                    try await self.playPictures(pictures.store, pictures.state)
                } else {
                    try await self.playInputs()
                }
                self.context.logger.info("replay reached the end of the range")
                if self.waitAtEnd {
                    while !Task.isCancelled { try await Task.sleep(for: .seconds(3_600)) }
                }
            }
        } catch is CancellationError {
        }
        context.status.ended()
    }

    /// Feeds the recorded inputs to the tracker's queue.
    ///
    /// A seek catches up rather than skips, so that the picture after it is the picture a straight run gives
    /// at the target time: forward, every input up to the target goes to the tracker at once; back, the tracker
    /// and the decoders start again (``InputQueue/restart()``) and every input from the start of the range up
    /// to the target goes at once. The cost of a seek back is re-tracking from the start of the range (about
    /// the tracker's speed on that traffic: seconds for an hour of an airport, more for dense traffic).
    func playInputs() async throws {
        var decoder = RecordedInputDecoder()
        let context = self.context
        let replayer = Replayer(
            recording: recording,
            from: api.from,
            to: api.to,
            control: api.control,
            clock: ContinuousClock()
        )
        try await replayer.run(
            restart: {
                decoder = RecordedInputDecoder()
                while !context.queue.restart() { try await Task.sleep(for: .milliseconds(5)) }
                context.logger.info("replay went back: re-tracking from the start of the range")
            },
            waitForSeekAtEnd: waitAtEnd
        ) { message in
            let inputs = decoder.decode(message)
            let now = context.wallClock()
            context.status.received(bytes: message.bytes.count, inputs: inputs.count, wall: now)
            while !context.queue.send(inputs, arrivalWall: now, source: context.index) {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    /// Publishes the recorded pictures at pace: each cycle is published when its data time is due. A seek back
    /// resets the store (the display starts again from an empty picture); at the end of the range it waits for
    /// a seek when `waitAtEnd`.
    func playPictures(_ store: PictureStore, _ state: ServiceState) async throws {
        let control = api.control
        let clock = ContinuousClock()
        let start = clock.now
        func now() -> Double {
            let d = start.duration(to: clock.now)
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        var position = api.from
        var published = -Double.infinity
        // The registration estimates recorded so far (rows are written when an estimate changes).
        var registration: [SensorID: RadarRegistrationEstimate] = [:]
        // The first picture published (at the start, after a seek) also carries the alerts active before it.
        var seedAlerts = true
        func seek(to target: Double) {
            if target < published {
                store.reset()
                registration.removeAll()
            }
            seedAlerts = true
            published = -.infinity
            position = max(api.from, target)
        }
        reading: while true {
            guard position <= api.to else {
                guard waitAtEnd else { return }
                try Task.checkCancellation()
                if let target = control.takeSeek() {
                    seek(to: target)
                } else {
                    try await Task.sleep(for: .milliseconds(100))
                }
                continue reading
            }
            // A minute of data at a time keeps memory small.
            let end = min(api.to, position + 60)
            var pictures: [(picture: TrackPicture, events: RecordedCycleEvents)] = []
            try recording.forEachCycleWithEvents(from: position, to: end) { pictures.append(($0, $1)) }
            for (picture, events) in pictures {
                waiting: while true {
                    try Task.checkCancellation()
                    switch control.step(dataTime: picture.time, now: now()) {
                    case .seek(let target):
                        seek(to: target)
                        continue reading
                    case .decide(.deliver):
                        break waiting
                    case .decide(.wait(let s)):
                        try await Task.sleep(for: .milliseconds(Int64(min(s, 0.1) * 1000) + 1))
                    case .decide(.paused):
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
                var alerts = events.alerts
                if seedAlerts {
                    // Alerts shown that were not active then (a seek forward skipped their end) end now.
                    seedAlerts = false
                    let active = try activeAlerts(before: picture.time)
                    let ids = Set(active.map(\.alertID))
                    let stale = store.activeAlerts.filter { !ids.contains($0.alertID) }.map { a -> AlertEvent in
                        var e = a
                        e.phase = .end
                        e.time = picture.time
                        return e
                    }
                    alerts = stale + active + alerts
                }
                store.publish(picture, alerts: alerts)
                var mode: RegistrationMode?
                for case let (estimate, m)? in events.registration.map(RegistrationRecord.estimate) {
                    registration[estimate.sensor] = estimate
                    mode = m
                }
                if let mode {
                    state.registrationUpdated(registration.values.sorted { $0.sensor < $1.sensor }, mode: mode)
                }
                try await outputs.write(picture, alerts: alerts, registration: registration)
                state.cyclePublished(
                    picture,
                    computeSeconds: 0,
                    latencies: [],
                    lateInputs: 0,
                    latePlotsDropped: 0,
                    wall: context.wallClock()
                )
                control.delivered(dataTime: picture.time)
                published = picture.time
            }
            position = end >= api.to ? .infinity : end.nextUp
        }
    }
}

extension ReplayInput {
    /// The alerts active just before data time `time` (started, not ended), each as its first recorded event and,
    /// when it was updated since, its latest: published with the first picture of a played range, so that the
    /// display shows alerts that started before it, with their start times.
    func activeAlerts(before time: Double) throws -> [AlertEvent] {
        var first: [Int: AlertEvent] = [:]
        var last: [Int: AlertEvent] = [:]
        for e in try recording.alerts(from: -.infinity, to: time.nextDown) {
            if e.phase == .end {
                first[e.alertID] = nil
                last[e.alertID] = nil
            } else {
                if first[e.alertID] == nil { first[e.alertID] = e }
                last[e.alertID] = e
            }
        }
        return first.keys.sorted().flatMap { id -> [AlertEvent] in
            guard let a = first[id], let b = last[id] else { return [] }
            return a == b ? [a] : [a, b]
        }
    }
}

/// Builds the configuration of `skywatch replay` from a recording.
public enum ReplaySetup {
    /// The service configuration replaying `recording` over `from…to` (default: all of it, UNIX seconds): the
    /// recorded tracker settings, sensors and reference (of the last run in the file), or those of the
    /// configuration file at `configPath` (its inputs are ignored).
    /// - Throws: ``SkyStorage/RecordingError`` naming the file (not a recording, empty, unreadable), or
    ///   ``ConfigError`` for the configuration file.
    public static func configuration(
        recording path: String,
        from: Double?,
        to: Double?,
        speed: Double,
        tracks: Bool,
        configPath: String?
    ) throws -> ServeConfiguration {
        let recording = try Recording.open(path: path)
        let cycles = try recording.timeRange()
        let inputs = try recording.inputTimeRange()
        let ranges = [cycles, tracks ? nil : inputs].compactMap { $0 }
        guard let low = ranges.map(\.lowerBound).min(), let high = ranges.map(\.upperBound).max() else {
            throw RecordingError(code: .notARecording, path: path, message: "the recording holds no cycles")
        }
        if !tracks && inputs == nil {
            throw RecordingError(
                code: .notARecording,
                path: path,
                message: "the recording holds no input messages to re-track (use --tracks to play its picture)"
            )
        }
        let start = max(low, from ?? low)
        let end = min(high, to ?? high)
        guard start <= end else {
            throw RecordingError(
                code: .notARecording,
                path: path,
                message: "the range \(from ?? low)…\(to ?? high) is outside the recording (\(low)…\(high))"
            )
        }
        let settings = RecordedSettings(json: try recording.runs().last?.configurationJSON ?? "{}")
        var c = ServeConfiguration()
        if let configPath {
            c = try ServeConfiguration.load(path: configPath)
            c.inputs = []
        }
        settings.apply(to: &c, keepTracker: configPath != nil)
        c.mode = "replay"
        c.inputs = [.replay(name: "replay", path: path, from: start, to: end, speed: speed, tracks: tracks)]
        return c
    }
}

/// Where `replay --tracks` sends the recorded picture besides the display, as the live tracker task did: the picture
/// sinks (CAT062 by UDP; a recorder is not written to), the recorded registration estimates as CAT063 to those that
/// carry it (their encoder keeps the 10 s interval), and the recorded alert events to the CAT004 sinks.
public struct ReplayOutputs: Sendable {
    /// Picture sinks (`--cat062`).
    public let sinks: [any PictureSink]
    /// Alert event sinks (`--cat004`).
    public let alertSinks: [any AlertEventSink]
    /// Each sensor's kind (the CAT063 items depend on it: SSR, PSR or both).
    public let sensorKinds: [SensorID: SensorKind]
    /// The sinks that carry CAT063.
    let registrationSinks: [any RegistrationSink]

    /// Outputs (none by default).
    public init(
        sinks: [any PictureSink] = [],
        alertSinks: [any AlertEventSink] = [],
        sensorKinds: [SensorID: SensorKind] = [:]
    ) {
        self.sinks = sinks.filter { !($0 is any CycleRecordSink) }
        registrationSinks = self.sinks.compactMap { $0 as? any RegistrationSink }
        self.alertSinks = alertSinks
        self.sensorKinds = sensorKinds
    }

    /// One recorded cycle: its picture, the alert events published with it and the registration estimates in force.
    func write(
        _ picture: TrackPicture,
        alerts: [AlertEvent],
        registration: [SensorID: RadarRegistrationEstimate]
    ) async throws {
        for sink in sinks { try await sink.write(picture) }
        if !alerts.isEmpty { for sink in alertSinks { try await sink.write(alerts, time: picture.time) } }
        guard !registration.isEmpty, !registrationSinks.isEmpty else { return }
        let estimates = registration.values.sorted { $0.sensor < $1.sensor }
        let items = RegistrationOutput.cat063(estimates, sensors: sensorKinds)
        for sink in registrationSinks { try await sink.writeRegistration(items, time: picture.time, final: false) }
    }
}
