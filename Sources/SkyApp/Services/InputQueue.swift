import Foundation
public import SkyModel
import Synchronization

/// The bounded queue between the inputs and the tracker task: batches of surveillance inputs (one datagram or
/// one read's worth) with their wall-clock arrival time, and clock ticks.
///
/// Bounded by `capacity` batches; when full a new batch is refused, counted (on the queue and on the input) and
/// logged by the caller: an input never blocks on the tracker and nothing is lost silently.
public final class InputQueue: Sendable {
    /// One queue element.
    public enum Event: Sendable {
        /// Inputs of one message, arrived at `arrivalWall` (UNIX s), from input `source`.
        case inputs([SurveillanceInput], arrivalWall: Double, source: Int)
        /// The wall clock says `wall` (UNIX s): lets the tracker publish cycles when data is quiet.
        case tick(wall: Double)
        /// Start again with a fresh tracker (a replay went back in time): the inputs that follow begin a new run.
        case restart
    }

    /// The events, for the tracker task.
    public let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let droppedBatches = Atomic<Int>(0)
    private let droppedInputs = Atomic<Int>(0)
    /// The most batches held.
    public let capacity: Int

    /// A queue of at most `capacity` batches.
    public init(capacity: Int = 65_536) {
        self.capacity = capacity
        (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingOldest(capacity))
    }

    /// Offers a batch. - Returns: `false` when the queue was full (the batch is dropped and counted).
    @discardableResult
    public func send(_ inputs: [SurveillanceInput], arrivalWall: Double, source: Int) -> Bool {
        guard !inputs.isEmpty else { return true }
        if case .dropped = continuation.yield(.inputs(inputs, arrivalWall: arrivalWall, source: source)) {
            droppedBatches.add(1, ordering: .relaxed)
            droppedInputs.add(inputs.count, ordering: .relaxed)
            return false
        }
        return true
    }

    /// Offers a clock tick (dropped silently when the queue is full: the next one will do).
    public func tick(wall: Double) { continuation.yield(.tick(wall: wall)) }

    /// Asks the tracker to start again from scratch after the batches queued so far (a replay seek back).
    /// - Returns: `false` when the queue was full (nothing queued: offer it again).
    public func restart() -> Bool {
        if case .dropped = continuation.yield(.restart) { return false }
        return true
    }

    /// Ends the stream: the tracker drains what is queued and stops.
    public func finish() { continuation.finish() }

    /// Batches and inputs refused because the queue was full.
    public var dropped: (batches: Int, inputs: Int) {
        (droppedBatches.load(ordering: .relaxed), droppedInputs.load(ordering: .relaxed))
    }
}

/// A small histogram of durations in seconds, log-spaced from 0.1 ms to 100 s (about 2.5 % resolution), for the
/// p50 / p99 / max of cycle times and latencies.
public struct DurationHistogram: Sendable {
    private var buckets = [Int](repeating: 0, count: 600)
    /// Samples, and the largest one, seconds.
    public private(set) var count = 0
    public private(set) var maximum = 0.0
    /// The last sample, seconds.
    public private(set) var last = 0.0

    public init() {}

    static func bucket(_ seconds: Double) -> Int {
        guard seconds > 1e-4 else { return 0 }
        return min(599, Int((log10(seconds) + 4) * 100))
    }

    /// Adds one sample, seconds.
    public mutating func record(_ seconds: Double) {
        buckets[Self.bucket(seconds)] += 1
        count += 1
        maximum = max(maximum, seconds)
        last = seconds
    }

    /// The `q` quantile (0…1), seconds (the bucket's upper edge).
    public func quantile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let target = Int((Double(count) * q).rounded(.up))
        var seen = 0
        for (i, n) in buckets.enumerated() {
            seen += n
            if seen >= max(1, target) { return min(maximum, pow(10, Double(i + 1) / 100 - 4)) }
        }
        return maximum
    }
}
