import NIOCore
import NIOPosix
import Synchronization

/// Sends byte blocks as UDP datagrams to one destination (a multicast group or a unicast address): CAT062 output,
/// the simulator's live ASTERIX and Beast streams. The one UDP sender.
///
/// Multicast datagrams go out with TTL `multicastTTL` (1 = stays on the local network) and loop back to
/// listeners on the same host.
public final class UDPSender: Sendable {
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
    public static func open(host: String, port: Int, multicastTTL: UInt8 = 1) async throws -> UDPSender {
        let destination = try SocketAddress.makeAddressResolvingHost(host, port: port)
        let isIPv6 = destination.protocol == .inet6
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: isIPv6 ? "::" : "0.0.0.0", port: 0).get()
        if !isIPv6, let provider = channel as? any SocketOptionProvider {
            try await provider.setIPMulticastTTL(multicastTTL).get()
            try await provider.setIPMulticastLoop(1).get()
        }
        return UDPSender(channel: channel, destination: destination)
    }

    /// Parses `udp://HOST:PORT` (as given to `--out`); IPv6 hosts in brackets.
    /// - Returns: host and port, or `nil` if the string is not such a URL.
    public static func parse(url: String) -> (host: String, port: Int)? {
        guard url.hasPrefix("udp://") else { return nil }
        let rest = url.dropFirst(6)
        guard let colon = rest.lastIndex(of: ":"), colon > rest.startIndex,
            let port = Int(rest[rest.index(after: colon)...]), (1...65_535).contains(port)
        else { return nil }
        var host = String(rest[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
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
