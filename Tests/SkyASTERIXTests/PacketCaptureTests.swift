import SkyASTERIX
import Testing

/// Capture formats: the same UDP payload wrapped in each supported link type and file format.
struct PacketCaptureTests {
    /// The real CAT062/065 payload (two blocks) from the fixture.
    static var payload: [UInt8] {
        let bytes = Fixture.bytes("cat_062_065")
        let (s, e) = Fixture.payloads(bytes)[0]
        return Array(bytes[s..<e])
    }

    static func le32(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }
    static func be32(_ v: UInt32) -> [UInt8] { le32(v).reversed() }

    /// IPv4 + UDP headers (checksums zero) around `payload`.
    static func ipUDP(_ payload: [UInt8], port: UInt16 = 8600) -> [UInt8] {
        let total = 28 + payload.count
        var ip: [UInt8] = [
            0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 0, 0x40, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,
        ]
        ip += [
            0x9C, 0x40, UInt8(port >> 8), UInt8(port & 0xFF), UInt8((8 + payload.count) >> 8),
            UInt8((8 + payload.count) & 0xFF), 0, 0,
        ]
        return ip + payload
    }

    static func classic(linkType: UInt32, frames: [[UInt8]], bigEndian: Bool = false, nano: Bool = false) -> [UInt8] {
        let w = bigEndian ? be32 : le32
        var out =
            w(nano ? 0xA1B2_3C4D : 0xA1B2_C3D4) + (bigEndian ? [0, 2, 0, 4] : [2, 0, 4, 0]) + w(0) + w(0) + w(65_535)
            + w(linkType)
        for (i, f) in frames.enumerated() {
            out +=
                w(1_700_000_000 + UInt32(i)) + w(nano ? 500_000_000 : 500_000) + w(UInt32(f.count)) + w(UInt32(f.count))
                + f
        }
        return out
    }

    static func udpPayloads(_ file: [UInt8]) throws -> [[UInt8]] {
        let ds = try file.withUnsafeBytes { (base) throws(DecodeError) -> [CapturedDatagram] in
            try PacketCapture.udpDatagrams(base)
        }
        return ds.map { Array(file[$0.payloadStart..<$0.payloadEnd]) }
    }

    @Test("Ethernet, 802.1Q VLAN, Linux cooked v1 and v2, raw IPv4; either byte order; µs or ns")
    func classicVariants() throws {
        let p = Self.payload
        let eth: [UInt8] = Array(repeating: 2, count: 12) + [0x08, 0x00]
        let vlan: [UInt8] = Array(repeating: 2, count: 12) + [0x81, 0x00, 0x00, 0x05, 0x08, 0x00]
        let sll: [UInt8] = [0, 0, 0, 1, 0, 6] + Array(repeating: 0, count: 8) + [0x08, 0x00]
        let sll2: [UInt8] = [0x08, 0x00, 0, 0] + Array(repeating: 0, count: 16)
        let cases: [(UInt32, [UInt8])] = [(1, eth), (1, vlan), (113, sll), (276, sll2), (101, [])]
        for (link, header) in cases {
            for big in [false, true] {
                let file = Self.classic(
                    linkType: link,
                    frames: [header + Self.ipUDP(p), header + Self.ipUDP([48, 0, 3])],
                    bigEndian: big,
                    nano: big
                )
                let payloads = try Self.udpPayloads(file)
                #expect(payloads == [p, [48, 0, 3]], "link type \(link), big-endian \(big)")
            }
        }
        // Times: seconds + µs (or ns) fraction.
        let file = Self.classic(linkType: 1, frames: [eth + Self.ipUDP(p)])
        let d = try file.withUnsafeBytes { (base) throws(DecodeError) -> [CapturedDatagram] in
            try PacketCapture.udpDatagrams(base)
        }
        #expect(d.first?.time == 1_700_000_000.5)
        #expect(d.first?.destinationPort == 8600)
    }

    @Test("pcapng: section header, interface description, enhanced and simple packet blocks")
    func pcapng() throws {
        let p = Self.payload
        let eth: [UInt8] = Array(repeating: 2, count: 12) + [0x08, 0x00]
        func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
            var b = body
            while b.count % 4 != 0 { b.append(0) }
            let len = UInt32(12 + b.count)
            return Self.le32(type) + Self.le32(len) + b + Self.le32(len)
        }
        let frame = eth + Self.ipUDP(p)
        var file = block(0x0A0D_0D0A, Self.le32(0x1A2B_3C4D) + [1, 0, 0, 0] + Array(repeating: 0xFF, count: 8))
        file += block(1, [1, 0, 0, 0] + Self.le32(65_535))
        file += block(
            6,
            Self.le32(0) + Self.le32(0) + Self.le32(1_000_000) + Self.le32(UInt32(frame.count))
                + Self.le32(UInt32(frame.count)) + frame
        )
        file += block(3, Self.le32(UInt32(frame.count)) + frame)
        #expect(try Self.udpPayloads(file) == [p, p])
        let bad = Array(file.prefix(file.count - 3))
        #expect(throws: DecodeError.self) { try Self.udpPayloads(bad) }
    }

    @Test("PacketCaptureWriter output reads back")
    func writerRoundTrip() throws {
        var w = PacketCaptureWriter()
        w.append(payload: Self.payload, port: 8600, time: 1_700_000_000.25)
        w.append(payload: [34, 0, 3], port: 8601, time: 1_700_000_001)
        #expect(try Self.udpPayloads(w.bytes) == [Self.payload, [34, 0, 3]])
    }
}
