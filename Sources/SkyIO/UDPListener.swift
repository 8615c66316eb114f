import Foundation
public import NIOCore
import NIOPosix
import Synchronization

/// One received UDP datagram.
public struct UDPDatagram: Sendable {
    /// The payload (for ASTERIX: one or more data blocks).
    public var payload: [UInt8]
    /// Receive time, seconds since the UNIX epoch (wall clock at the socket read).
    public var receivedAt: Double
    /// Sender address, e.g. `"127.0.0.1:40000"`.
    public var remote: String
}

/// Receives UDP datagrams (unicast, or multicast after joining a group) with SwiftNIO and hands them out as an
/// `AsyncStream`. A slow consumer does not block the socket: the stream keeps the newest `bufferSize` datagrams
/// and counts the ones it dropped (`droppedDatagrams`), so losses are visible rather than silent.
public final class UDPListener: Sendable {
    /// The datagrams, in arrival order.
    public let datagrams: AsyncStream<UDPDatagram>
    /// The bound local port (useful after binding port 0).
    public let localPort: Int
    private let channel: any Channel
    private let drops: DropCounter

    /// Datagrams dropped because the consumer fell behind.
    public var droppedDatagrams: Int { drops.value.withLock { $0 } }

    private init(channel: any Channel, datagrams: AsyncStream<UDPDatagram>, drops: DropCounter) {
        self.channel = channel
        self.datagrams = datagrams
        self.drops = drops
        localPort = channel.localAddress?.port ?? 0
    }

    /// Binds a listener.
    /// - Parameters:
    ///   - host: local address to bind (`"127.0.0.1"`, or `"0.0.0.0"` for multicast reception).
    ///   - port: UDP port (0 for an ephemeral port).
    ///   - multicastGroup: an IPv4 group to join (e.g. `"239.1.2.3"`), if any.
    ///   - interface: name of the network device for the join (e.g. `"eth0"`), default: the system's choice.
    ///   - bufferSize: datagrams kept for a slow consumer before the oldest are dropped.
    /// - Throws: NIO errors (address in use, bad address, join refused).
    public static func bind(
        host: String,
        port: Int,
        multicastGroup: String? = nil,
        interface: String? = nil,
        bufferSize: Int = 65_536,
        group: (any EventLoopGroup)? = nil
    ) async throws -> UDPListener {
        let (stream, continuation) = AsyncStream.makeStream(
            of: UDPDatagram.self,
            bufferingPolicy: .bufferingNewest(bufferSize)
        )
        let drops = DropCounter()
        let handler = DatagramForwarder(continuation: continuation, drops: drops)
        let channel = try await DatagramBootstrap(group: group ?? MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65_536))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler) }
            }
            .bind(host: host, port: port).get()
        if let multicastGroup {
            guard let multicast = channel as? any MulticastChannel else {
                try await channel.close()
                throw UDPError("channel does not support multicast")
            }
            let groupAddress = try SocketAddress(ipAddress: multicastGroup, port: channel.localAddress?.port ?? port)
            var device: NIONetworkDevice?
            if let interface {
                device = try System.enumerateDevices().first { $0.name == interface && $0.address?.protocol == .inet }
                guard device != nil else {
                    try await channel.close()
                    throw UDPError("no IPv4 network device named \(interface)")
                }
            }
            try await multicast.joinGroup(groupAddress, device: device).get()
        }
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        return UDPListener(channel: channel, datagrams: stream, drops: drops)
    }

    /// Closes the socket; the stream finishes.
    public func close() async throws {
        try await channel.close()
    }
}

/// Forwards each datagram to the stream, counting drops.
private final class DatagramForwarder: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let continuation: AsyncStream<UDPDatagram>.Continuation
    let drops: DropCounter

    init(continuation: AsyncStream<UDPDatagram>.Continuation, drops: DropCounter) {
        self.continuation = continuation
        self.drops = drops
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let d = UDPDatagram(
            payload: Array(envelope.data.readableBytesView),
            receivedAt: Date().timeIntervalSince1970,
            remote: "\(envelope.remoteAddress.ipAddress ?? "?"):\(envelope.remoteAddress.port ?? 0)"
        )
        if case .dropped = continuation.yield(d) { drops.value.withLock { $0 += 1 } }
    }
}

/// A shared count of dropped datagrams.
final class DropCounter: Sendable {
    let value = Mutex(0)
}

/// A UDP set-up error.
public struct UDPError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
