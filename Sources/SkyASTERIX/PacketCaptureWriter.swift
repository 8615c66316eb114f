/// Writes classic libpcap files (microsecond timestamps, little-endian, Ethernet) holding one IPv4/UDP datagram per
/// packet: how Skywatch records what it sends, and how it feeds captures to independent decoders (tshark and others).
public struct PacketCaptureWriter: Sendable {
    /// The file bytes written so far (global header included).
    public private(set) var bytes: [UInt8] = []
    /// IPv4 source and destination addresses (default 127.0.0.1), big-endian packed.
    public var source: UInt32 = 0x7F00_0001
    public var destination: UInt32 = 0x7F00_0001
    public var sourcePort: UInt16 = 40_000
    private var ipID: UInt16 = 0

    /// A capture with its global header (link type 1, Ethernet; snap length 65535).
    public init() {
        append32(0xA1B2_C3D4)
        append16(2)
        append16(4)
        append32(0)
        append32(0)
        append32(65_535)
        append32(1)
    }

    /// Appends one UDP datagram with `payload` to `port`, captured at `time` (UNIX seconds).
    /// Precondition: the payload fits one IPv4 datagram (≤ 65507 octets).
    public mutating func append(payload: [UInt8], port: UInt16, time: Double) {
        precondition(payload.count <= 65_507, "UDP payload too large")
        let ipLength = 20 + 8 + payload.count
        let frame = 14 + ipLength
        let sec = time.rounded(.down)
        append32(UInt32(max(0, sec)))
        append32(UInt32(min(999_999, max(0, ((time - sec) * 1e6).rounded()))))
        append32(UInt32(frame))
        append32(UInt32(frame))
        // Ethernet: locally administered MACs, EtherType IPv4.
        bytes += [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00]
        var ip: [UInt8] = [
            0x45, 0, UInt8(ipLength >> 8), UInt8(ipLength & 0xFF), UInt8(ipID >> 8), UInt8(ipID & 0xFF), 0x40, 0, 64,
            17, 0, 0,
        ]
        ipID &+= 1
        for a in [source, destination] {
            ip += [UInt8(a >> 24), UInt8(a >> 16 & 0xFF), UInt8(a >> 8 & 0xFF), UInt8(a & 0xFF)]
        }
        var sum: UInt32 = 0
        for i in stride(from: 0, to: 20, by: 2) { sum += UInt32(ip[i]) << 8 | UInt32(ip[i + 1]) }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        let checksum = ~UInt16(sum)
        ip[10] = UInt8(checksum >> 8)
        ip[11] = UInt8(checksum & 0xFF)
        bytes += ip
        let udpLength = 8 + payload.count
        // UDP checksum 0: not computed (allowed over IPv4).
        bytes += [UInt8(sourcePort >> 8), UInt8(sourcePort & 0xFF), UInt8(port >> 8), UInt8(port & 0xFF)]
        bytes += [UInt8(udpLength >> 8), UInt8(udpLength & 0xFF), 0, 0]
        bytes += payload
    }

    private mutating func append32(_ v: UInt32) {
        bytes += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }

    private mutating func append16(_ v: UInt16) { bytes += [UInt8(v & 0xFF), UInt8(v >> 8)] }
}
