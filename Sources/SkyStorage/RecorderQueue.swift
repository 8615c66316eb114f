import Synchronization

/// The bounded queue between the tracker and the recorder.
///
/// ``enqueue(_:)`` never blocks and never waits for the disk: when `capacity` cycles are already waiting, the new
/// cycle is dropped, counted as an overrun, and `enqueue` returns `false` (the caller shows the alarm). ``run()``
/// writes the queued cycles in order, one transaction each, until ``finish()`` and the queue is drained.
public final class RecorderQueue: Sendable {
    /// The recorder the queue feeds.
    public let recorder: Recorder
    /// Cycles that may wait for the disk.
    public let capacity: Int
    private let stream: AsyncStream<RecordedCycle>
    private let continuation: AsyncStream<RecordedCycle>.Continuation
    private let state = Mutex((enqueued: UInt64(0), overruns: UInt64(0), written: UInt64(0)))
    /// Checkpoint even while cycles are waiting once the WAL is this large, bytes (bounds the WAL under sustained
    /// load).
    public let maximumWALBytes: Int64

    /// A queue of at most `capacity` cycles in front of `recorder`; the WAL is checkpointed when idle or once it
    /// exceeds `maximumWALBytes`.
    public init(recorder: Recorder, capacity: Int = 64, maximumWALBytes: Int64 = 256 << 20) {
        self.maximumWALBytes = maximumWALBytes
        precondition(capacity > 0, "capacity must be positive")
        self.recorder = recorder
        self.capacity = capacity
        (stream, continuation) = AsyncStream.makeStream(
            of: RecordedCycle.self,
            bufferingPolicy: .bufferingOldest(capacity)
        )
    }

    /// Queues a cycle for recording without blocking.
    /// - Returns: `false` when the queue was full (the cycle is dropped and counted) or finished.
    @discardableResult
    public func enqueue(_ cycle: RecordedCycle) -> Bool {
        switch continuation.yield(cycle) {
        case .enqueued:
            state.withLock { $0.enqueued += 1 }
            return true
        case .dropped, .terminated:
            state.withLock { $0.overruns += 1 }
            recorder.countOverrun()
            return false
        @unknown default:
            return false
        }
    }

    /// Cycles accepted by ``enqueue(_:)``.
    public var enqueued: UInt64 { state.withLock { $0.enqueued } }
    /// Cycles dropped because the queue was full.
    public var overruns: UInt64 { state.withLock { $0.overruns } }

    /// Ends the queue: cycles already queued are still written, later ones are refused.
    public func finish() { continuation.finish() }

    /// Writes queued cycles until ``finish()`` has been called and the queue is empty. A cycle whose transaction
    /// fails is counted in ``Recorder/statistics`` (`failedCycles`, `lastError`) and the loop carries on, so that
    /// a full disk does not stop the service; the caller watches the counters.
    ///
    /// The WAL is checkpointed by this loop rather than at commit: after a cycle, when no other cycle is waiting
    /// (or the WAL has grown past ``maximumWALBytes``), so that copying the WAL into the file and its fsync fall
    /// in the idle time between cycles instead of in a cycle's write. Automatic checkpoints are restored when the
    /// loop ends.
    ///
    /// Run it once, from one task.
    public func run() async {
        try? recorder.setAutomaticCheckpoints(false)
        for await cycle in stream {
            do {
                try await recorder.record(cycle)
            } catch {
                // Counted by the recorder; carry on with the next cycle.
            }
            let idle = state.withLock {
                $0.written += 1
                return $0.written >= $0.enqueued
            }
            if idle || Retention.walBytes(recorder.path + "-wal") > maximumWALBytes {
                _ = try? await recorder.checkpoint()
            }
        }
        try? recorder.setAutomaticCheckpoints(true)
    }
}
