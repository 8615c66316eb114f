import GRDB
import Synchronization

/// The pacing of a replay: when an input of a given data time is due, at what speed, paused or not.
///
/// A pure state machine over a caller's clock in seconds (no sleeping here), so that it is tested without a clock.
/// The data clock is anchored at a (data time, wall time) pair; an input of data time `t` is due at
///
/// ```
/// wall(t) = anchor.wall + (t − anchor.data) / speed
/// ```
///
/// The anchor is set by the first input, and set again at the last delivered input's data time when the speed
/// changes, on resume and after a seek, so a change takes effect from the last input on.
public struct ReplayPacer: Sendable, Hashable {
    /// Data seconds per wall second (1 = real time, `.infinity` = as fast as the consumer takes them).
    public private(set) var speed: Double
    /// Whether playback is paused.
    public private(set) var isPaused = false
    /// Data time of the last delivered input, UNIX seconds.
    public private(set) var position: Double?
    private var anchor: (data: Double, wall: Double)?

    /// A pacer at `speed` (> 0).
    public init(speed: Double = 1) {
        precondition(speed > 0, "speed must be positive")
        self.speed = speed
    }

    /// What to do with the next input.
    public enum Decision: Sendable, Hashable {
        /// Deliver it now.
        case deliver
        /// Wait this many wall seconds, then ask again.
        case wait(seconds: Double)
        /// Paused: ask again later.
        case paused
    }

    /// Decides on the input of data time `dataTime` at wall time `now` (seconds on the caller's clock).
    public mutating func decide(dataTime: Double, now: Double) -> Decision {
        if isPaused { return .paused }
        guard let anchor else {
            self.anchor = (position ?? dataTime, now)
            return decide(dataTime: dataTime, now: now)
        }
        let due = anchor.wall + (dataTime - anchor.data) / speed
        return due <= now ? .deliver : .wait(seconds: due - now)
    }

    /// Records that the input of data time `dataTime` was delivered.
    public mutating func delivered(dataTime: Double) { position = dataTime }

    /// Changes the speed (> 0) from the last delivered input on.
    public mutating func setSpeed(_ newSpeed: Double) {
        precondition(newSpeed > 0, "speed must be positive")
        speed = newSpeed
        anchor = nil
    }

    /// Pauses playback.
    public mutating func pause() { isPaused = true }

    /// Resumes playback from the last delivered input.
    public mutating func resume() {
        isPaused = false
        anchor = nil
    }

    /// Restarts the data clock at `dataTime` (after a seek).
    mutating func restart(at dataTime: Double) {
        position = dataTime
        anchor = nil
    }

    public static func == (a: ReplayPacer, b: ReplayPacer) -> Bool {
        a.speed == b.speed && a.isPaused == b.isPaused && a.position == b.position
            && a.anchor?.data == b.anchor?.data && a.anchor?.wall == b.anchor?.wall
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(speed)
        hasher.combine(isPaused)
        hasher.combine(position)
    }
}

/// Play, pause, speed and seek of a running ``Replayer``, shared with whoever controls it (the HTTP API).
public final class ReplayControl: Sendable {
    private let state: Mutex<(pacer: ReplayPacer, seek: Double?)>

    /// A control starting at `speed`, playing.
    public init(speed: Double = 1) { state = Mutex((ReplayPacer(speed: speed), nil)) }

    /// The current speed, pause state and position.
    public var pacer: ReplayPacer { state.withLock { $0.pacer } }

    /// Sets the speed (> 0; `.infinity` for as fast as possible).
    public func setSpeed(_ speed: Double) { state.withLock { $0.pacer.setSpeed(speed) } }
    /// Pauses.
    public func pause() { state.withLock { $0.pacer.pause() } }
    /// Resumes.
    public func resume() { state.withLock { $0.pacer.resume() } }
    /// Continues from data time `dataTime` (UNIX seconds), forward or back.
    public func seek(to dataTime: Double) { state.withLock { $0.seek = dataTime } }

    /// What a player should do next.
    public enum Step: Sendable, Hashable {
        /// The pacer's decision on the next item.
        case decide(ReplayPacer.Decision)
        /// A seek was asked for: continue from this data time (the pacer restarts there).
        case seek(Double)
    }

    /// The next step for the item of data time `dataTime` at `now` (seconds on the player's monotonic clock):
    /// a pending seek first, else the pacer's decision. For players of other records than inputs (recorded
    /// pictures); ``Replayer`` uses it for inputs.
    public func step(dataTime: Double, now: Double) -> Step {
        state.withLock {
            if let target = $0.seek {
                $0.seek = nil
                $0.pacer.restart(at: target)
                return .seek(target)
            }
            return .decide($0.pacer.decide(dataTime: dataTime, now: now))
        }
    }

    /// Records that the item of data time `dataTime` was delivered.
    public func delivered(dataTime: Double) { state.withLock { $0.pacer.delivered(dataTime: dataTime) } }

    /// Takes the pending seek, if any: its target data time (the pacer restarts there), else `nil`.
    public func takeSeek() -> Double? {
        state.withLock {
            guard let target = $0.seek else { return nil }
            $0.seek = nil
            $0.pacer.restart(at: target)
            return target
        }
    }
}

/// Replays the recorded input messages of a time range in data time order, paced by a ``ReplayControl`` on
/// `clock`: what `skywatch replay` feeds to the same decoders and tracker as live inputs.
public struct Replayer<C: Clock>: Sendable where C.Duration == Duration {
    /// The recording read.
    public let recording: Recording
    /// The data time range, UNIX seconds.
    public let from: Double
    public let to: Double
    /// Play, pause, speed, seek.
    public let control: ReplayControl
    /// The wall clock pacing follows.
    public let clock: C
    /// Longest single sleep, so that pause, speed and seek take effect within it.
    public var pollInterval: Duration = .milliseconds(100)

    /// A replay of `from…to` (UNIX seconds).
    public init(recording: Recording, from: Double, to: Double, control: ReplayControl, clock: C) {
        self.recording = recording
        self.from = from
        self.to = to
        self.control = control
        self.clock = clock
    }

    /// Delivers every input of the range to `deliver`, in data time order, when it is due.
    ///
    /// A seek either skips (`restart == nil`: the inputs continue from the target's data time, forward or back),
    /// or, for a consumer that re-runs a tracker on the inputs, catches up: every input up to the target is
    /// delivered at once (even when paused), after the inputs already delivered for a seek forward, and after
    /// `restart` and from the start of the range for a seek back. The consumer then holds the state a straight
    /// run up to the target would hold.
    /// - Parameters:
    ///   - restart: called on a seek back before the inputs start again from the start of the range (the
    ///     consumer resets its tracker); `nil` to skip instead of catching up.
    ///   - waitForSeekAtEnd: at the end of the range, wait for a seek (until cancelled) instead of returning.
    /// - Throws: `CancellationError`, `DatabaseError`, or what `deliver` or `restart` throws.
    public func run(
        restart: (() async throws -> Void)? = nil,
        waitForSeekAtEnd: Bool = false,
        _ deliver: (RecordedInput) async throws -> Void
    ) async throws {
        let start = clock.now
        func seconds() -> Double {
            let d = start.duration(to: clock.now)
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let batchSize = 1024
        var cursor = InputCursor(from: from, to: to, batchSize: batchSize)
        // Data time of the last delivered input, and the seek target inputs are delivered at once up to.
        var lastDelivered = -Double.infinity
        var catchUp = -Double.infinity
        /// Applies a seek. - Returns: whether the cursor moved (read again from it).
        func seek(to target: Double) async throws -> Bool {
            guard let restart else {
                cursor = InputCursor(from: max(from, target), to: to, batchSize: batchSize)
                return true
            }
            catchUp = target
            guard target < lastDelivered else { return false }
            try await restart()
            lastDelivered = -.infinity
            cursor = InputCursor(from: from, to: to, batchSize: batchSize)
            return true
        }
        let reader = recording.reader
        refill: while true {
            let current = cursor
            let (batch, next) = try await reader.read { db in
                var c = current
                return (try c.next(db), c)
            }
            cursor = next
            guard let batch else {
                guard waitForSeekAtEnd else { return }
                while true {
                    try Task.checkCancellation()
                    if let target = control.takeSeek(), try await seek(to: target) { continue refill }
                    try await clock.sleep(for: pollInterval)
                }
            }
            for input in batch {
                deliverOne: while true {
                    try Task.checkCancellation()
                    let step: ReplayControl.Step =
                        input.dataTime <= catchUp
                        ? control.takeSeek().map { .seek($0) } ?? .decide(.deliver)
                        : control.step(dataTime: input.dataTime, now: seconds())
                    switch step {
                    case .seek(let target):
                        if try await seek(to: target) { continue refill }
                    case .decide(.deliver):
                        try await deliver(input)
                        control.delivered(dataTime: input.dataTime)
                        lastDelivered = input.dataTime
                        break deliverOne
                    case .decide(.wait(let s)):
                        try await clock.sleep(for: min(.nanoseconds(Int64((s * 1e9).rounded(.up))), pollInterval))
                    case .decide(.paused):
                        try await clock.sleep(for: pollInterval)
                    }
                }
            }
        }
    }
}
