import NIOCore
import NIOPosix
import Synchronization

/// A TCP server that streams the same bytes to every connected client (like dump1090's Beast output port or
/// an ASTERIX TCP feed). Clients that cannot keep up lose writes; those are counted, never silent.
public final class TCPBroadcastServer: Sendable {
    let serverChannel: any Channel
    let registry: ClientRegistry
    let dropped = Atomic<Int>(0)

    /// The bound port (useful when started on port 0).
    public var port: Int { serverChannel.localAddress?.port ?? 0 }
    /// Number of connected clients.
    public var clientCount: Int { registry.clients.withLock { $0.count } }
    /// Writes skipped because a client's socket was not writable (back-pressure).
    public var droppedWrites: Int { dropped.load(ordering: .relaxed) }

    init(serverChannel: any Channel, registry: ClientRegistry) {
        self.serverChannel = serverChannel
        self.registry = registry
    }

    /// Starts listening on `host:port` (use "127.0.0.1" in tests).
    /// - Throws: when the address cannot be bound.
    public static func start(host: String, port: Int) async throws -> TCPBroadcastServer {
        let registry = ClientRegistry()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                registry.add(child)
                child.closeFuture.whenComplete { _ in registry.remove(child) }
                return child.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: host, port: port).get()
        return TCPBroadcastServer(serverChannel: channel, registry: registry)
    }

    /// Writes `bytes` to every connected client.
    public func broadcast(_ bytes: [UInt8]) {
        let targets = registry.clients.withLock { Array($0.values) }
        for client in targets {
            guard client.isWritable else {
                dropped.add(1, ordering: .relaxed)
                continue
            }
            client.writeAndFlush(client.allocator.buffer(bytes: bytes), promise: nil)
        }
    }

    /// Closes the server and every client.
    public func close() async throws {
        let all = registry.clients.withLock { Array($0.values) }
        for c in all { try? await c.close() }
        try await serverChannel.close()
    }
}

/// The connected clients of a `TCPBroadcastServer`, keyed by channel identity.
final class ClientRegistry: Sendable {
    let clients = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ c: any Channel) { clients.withLock { $0[ObjectIdentifier(c)] = c } }

    func remove(_ c: any Channel) { clients.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(c)) } }
}
