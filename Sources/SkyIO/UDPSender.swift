public import NIOCore
import NIOPosix

/// Sends UDP datagrams to one destination, unicast or multicast (e.g. CAT062 to `udp://239.1.2.3:8600`), with
/// SwiftNIO.
public final class UDPSender: Sendable {
    private let channel: any Channel
    private let destination: SocketAddress

    private init(channel: any Channel, destination: SocketAddress) {
        self.channel = channel
        self.destination = destination
    }

    /// Opens a sender.
    /// - Parameters:
    ///   - host: destination address (unicast or an IPv4 multicast group).
    ///   - port: destination port.
    ///   - bindHost: local address to send from (default all interfaces).
    ///   - multicastTTL: IP TTL for multicast datagrams (default 1: stay on the local network).
    /// - Throws: NIO errors (bad address, bind failure).
    public static func open(
        host: String,
        port: Int,
        bindHost: String = "0.0.0.0",
        multicastTTL: Int = 1,
        group: (any EventLoopGroup)? = nil
    ) async throws -> UDPSender {
        let destination = try SocketAddress(ipAddress: host, port: port)
        let channel = try await DatagramBootstrap(group: group ?? MultiThreadedEventLoopGroup.singleton)
            .channelOption(.ipOption(.ip_multicast_ttl), value: multicastTTL)
            .bind(host: bindHost, port: 0).get()
        return UDPSender(channel: channel, destination: destination)
    }

    /// Parses `udp://HOST:PORT` (as given to `--out`).
    /// - Returns: host and port, or `nil` if the string is not such a URL.
    public static func parse(url: String) -> (host: String, port: Int)? {
        guard url.hasPrefix("udp://") else { return nil }
        let rest = url.dropFirst(6)
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]),
            (1...65_535).contains(port)
        else { return nil }
        return (String(rest[..<colon]), port)
    }

    /// Sends one datagram.
    /// - Throws: NIO errors (e.g. the network is unreachable).
    public func send(_ payload: [UInt8]) async throws {
        var buffer = channel.allocator.buffer(capacity: payload.count)
        buffer.writeBytes(payload)
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: buffer)).get()
    }

    /// Closes the socket.
    public func close() async throws {
        try await channel.close()
    }
}
