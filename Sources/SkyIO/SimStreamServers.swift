import NIOCore
import NIOPosix
import Synchronization

/// Sends byte blocks as UDP datagrams to one destination (a multicast group or a unicast address), for the
/// simulator's live ASTERIX and Beast streams.
///
/// Multicast datagrams go out with TTL `multicastTTL` (1 = stays on the local network) and loop back to
/// listeners on the same host.
public final class SimUDPSender: Sendable {
    let channel: any Channel
    let destination: SocketAddress
    let sent = Atomic<Int>(0)

    /// Datagrams sent.
    public var datagramsSent: Int { sent.load(ordering: .relaxed) }

    init(channel: any Channel, destination: SocketAddress) {
        self.channel = channel
        self.destination = destination
    }

    /// Opens a sender to `host:port`.
    /// - Throws: when the address cannot be resolved or the socket cannot be bound.
    public static func open(host: String, port: Int, multicastTTL: UInt8 = 1) async throws -> SimUDPSender {
        let destination = try SocketAddress.makeAddressResolvingHost(host, port: port)
        let isIPv6 = destination.protocol == .inet6
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: isIPv6 ? "::" : "0.0.0.0", port: 0).get()
        if !isIPv6, let provider = channel as? any SocketOptionProvider {
            try await provider.setIPMulticastTTL(multicastTTL).get()
            try await provider.setIPMulticastLoop(1).get()
        }
        return SimUDPSender(channel: channel, destination: destination)
    }

    /// Sends one datagram.
    public func send(_ bytes: [UInt8]) async throws {
        let buffer = channel.allocator.buffer(bytes: bytes)
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: buffer))
        sent.add(1, ordering: .relaxed)
    }

    /// Closes the socket.
    public func close() async throws { try await channel.close() }
}

/// A TCP server that streams the same bytes to every connected client (like dump1090's Beast output port or
/// an ASTERIX TCP feed). Clients that cannot keep up lose writes; those are counted, never silent.
public final class SimTCPServer: Sendable {
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
    public static func start(host: String, port: Int) async throws -> SimTCPServer {
        let registry = ClientRegistry()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                registry.add(child)
                child.closeFuture.whenComplete { _ in registry.remove(child) }
                return child.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: host, port: port).get()
        return SimTCPServer(serverChannel: channel, registry: registry)
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

/// The connected clients of a `SimTCPServer`, keyed by channel identity.
final class ClientRegistry: Sendable {
    let clients = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ c: any Channel) { clients.withLock { $0[ObjectIdentifier(c)] = c } }

    func remove(_ c: any Channel) { clients.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(c)) } }
}
