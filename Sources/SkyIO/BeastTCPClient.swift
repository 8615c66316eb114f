public import NIOCore
public import NIOPosix

/// A TCP client for a receiver's Beast output (dump1090 / readsb `--net-bo-port`, usually 30005).
///
/// `run(_:)` connects, hands every received chunk to the caller, and on any disconnect or connection failure
/// reconnects after an exponential back-off (initial · 2ⁿ, capped, reset once a connection delivers
/// data). The caller's handler is awaited per chunk, so a slow consumer slows the socket reads (TCP
/// back-pressure) instead of buffering without bound. This module only moves bytes; SkyApp parses them.
public struct BeastTCPClient: Sendable {
    /// Connection and back-off settings.
    public struct Configuration: Sendable {
        /// Receiver host name or address.
        public var host: String
        /// Beast output port.
        public var port: Int
        /// First reconnect delay, seconds.
        public var initialBackoffSeconds: Double = 0.5
        /// Upper bound of the reconnect delay, seconds.
        public var maximumBackoffSeconds: Double = 30
        /// Connect timeout, seconds.
        public var connectTimeoutSeconds: Double = 10
        /// Maximum connection attempts (`nil` = until cancelled).
        public var maximumAttempts: Int?

        /// A configuration for `host:port`.
        public init(host: String, port: Int = 30005) {
            self.host = host
            self.port = port
        }

        /// The delay before reconnect attempt `failures` (1-based count of consecutive failures).
        public func backoffSeconds(afterFailures failures: Int) -> Double {
            min(maximumBackoffSeconds, initialBackoffSeconds * Double(1 << min(max(failures - 1, 0), 30)))
        }
    }

    /// What happened on the connection.
    public enum Event: Sendable {
        /// Connected (attempt counts from 1 over the client's life).
        case connected(attempt: Int)
        /// Bytes received.
        case bytes([UInt8])
        /// The connection ended (`error` is nil for an orderly close by the peer).
        case disconnected(error: String?)
        /// Waiting before the next attempt.
        case backingOff(seconds: Double)
    }

    /// Settings.
    public var configuration: Configuration
    private let group: any EventLoopGroup

    /// A client (no connection is made until `run`).
    /// - Parameters:
    ///   - configuration: host, port and back-off.
    ///   - group: the event loop group (default: NIO's shared singleton).
    public init(configuration: Configuration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = group
    }

    /// Connects and streams until the task is cancelled, `handler` throws, or `maximumAttempts` is used up.
    /// - Parameter handler: awaited for each event, in order.
    /// - Throws: `CancellationError` or the handler's error.
    public func run(_ handler: (Event) async throws -> Void) async throws {
        var attempts = 0
        var failures = 0
        let c = configuration
        while true {
            try Task.checkCancellation()
            if let max = c.maximumAttempts, attempts >= max { return }
            attempts += 1
            var receivedData = false
            var connectionError: String?
            do {
                let channel = try await ClientBootstrap(group: group)
                    .connectTimeout(.milliseconds(Int64(c.connectTimeoutSeconds * 1000)))
                    .connect(host: c.host, port: c.port) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                        }
                    }
                do {
                    try await handler(.connected(attempt: attempts))
                } catch {
                    throw HandlerFailure(error: error)
                }
                try await channel.executeThenClose { inbound, _ in
                    for try await buffer in inbound {
                        receivedData = true
                        do {
                            try await handler(.bytes(Array(buffer.readableBytesView)))
                        } catch {
                            throw HandlerFailure(error: error)
                        }
                    }
                }
            } catch let failure as HandlerFailure {
                throw failure.error
            } catch let error as CancellationError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                connectionError = "\(error)"
            }
            // Handler errors from here on propagate to the caller unchanged.
            try await handler(.disconnected(error: connectionError))
            failures = receivedData ? 1 : failures + 1
            let delay = c.backoffSeconds(afterFailures: failures)
            try await handler(.backingOff(seconds: delay))
            try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
        }
    }

    /// Wraps an error thrown by the caller's handler inside the read loop, to tell it from socket errors.
    private struct HandlerFailure: Error {
        var error: any Error
    }
}
