public import ServiceLifecycle

/// The recorder as a swift-service-lifecycle `Service`: drains a ``RecorderQueue`` and, when a retention policy
/// is given, prunes the recording at its interval. On graceful shutdown the queue is finished and drained, so
/// every cycle accepted before the shutdown is written.
public struct RecorderService: Service {
    /// The queue the tracker feeds.
    public let queue: RecorderQueue
    /// Retention, or `nil` to keep everything.
    public let retention: RetentionPolicy?

    /// A service writing `queue` to its recorder and applying `retention`.
    public init(queue: RecorderQueue, retention: RetentionPolicy? = nil) {
        self.queue = queue
        self.retention = retention
    }

    public func run() async throws {
        let queue = self.queue
        let retention = self.retention
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                if let retention {
                    group.addTask {
                        // Ends by cancellation once the queue is drained.
                        try? await Retention.run(recorder: queue.recorder, policy: retention, clock: .continuous)
                    }
                }
                await queue.run()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            queue.finish()
        }
    }
}
