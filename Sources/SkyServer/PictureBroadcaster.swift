import Foundation
import Synchronization

/// Fans frames out to WebSocket clients. Each client has a bounded buffer of the newest frames; a client that
/// cannot keep up loses whole frames (the oldest first), and every loss is counted. Publishing never waits for a
/// client, so a slow client never slows the tracker.
public final class PictureBroadcaster: Sendable {
    private struct Client {
        var continuation: AsyncStream<PictureFrame>.Continuation
        /// The client's stream: one frame every this many cycles.
        var cyclesPerFrame: Int
    }

    private let clients = Mutex<[Int: Client]>([:])
    private let nextID = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)
    private let sent = Atomic<Int>(0)
    /// Frames buffered per client.
    public let bufferFrames: Int

    /// A broadcaster buffering `bufferFrames` frames per client.
    public init(bufferFrames: Int) { self.bufferFrames = bufferFrames }

    /// Registers a client of the stream with one frame every `cyclesPerFrame` cycles.
    /// - Returns: its identifier and its frames.
    public func subscribe(cyclesPerFrame: Int = 1) -> (id: Int, frames: AsyncStream<PictureFrame>) {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<PictureFrame>.makeStream(
            bufferingPolicy: .bufferingNewest(bufferFrames)
        )
        clients.withLock { $0[id] = Client(continuation: continuation, cyclesPerFrame: max(1, cyclesPerFrame)) }
        return (id, stream)
    }

    /// Removes a client.
    public func unsubscribe(_ id: Int) {
        let c = clients.withLock { $0.removeValue(forKey: id) }
        c?.continuation.finish()
    }

    /// Sends a frame to every client of the stream with `cyclesPerFrame` (`nil`: to every client, e.g. a reset).
    public func broadcast(_ frame: PictureFrame, cyclesPerFrame: Int? = nil) {
        clients.withLock { all in
            for c in all.values where cyclesPerFrame == nil || c.cyclesPerFrame == cyclesPerFrame {
                switch c.continuation.yield(frame) {
                case .dropped: dropped.add(1, ordering: .relaxed)
                case .enqueued: sent.add(1, ordering: .relaxed)
                case .terminated: break
                @unknown default: break
                }
            }
        }
    }

    /// The streams clients listen to, as cycles per frame (always holds 1, the full-rate stream).
    public var activeCyclesPerFrame: Set<Int> {
        clients.withLock { all in Set(all.values.map(\.cyclesPerFrame)).union([1]) }
    }

    /// Connected clients.
    public var clientCount: Int { clients.withLock { $0.count } }
    /// Frames lost by clients that could not keep up.
    public var droppedFrames: Int { dropped.load(ordering: .relaxed) }
    /// Frames queued for clients.
    public var queuedFrames: Int { sent.load(ordering: .relaxed) }

    /// Ends every client's stream (shutdown).
    public func finishAll() {
        let all = clients.withLock { c -> [AsyncStream<PictureFrame>.Continuation] in
            defer { c.removeAll() }
            return c.values.map(\.continuation)
        }
        for c in all { c.finish() }
    }
}
