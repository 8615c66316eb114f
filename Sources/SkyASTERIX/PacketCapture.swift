/// One UDP datagram found in a capture file: where its payload lies in the file, and when it was captured.
public struct CapturedDatagram: Sendable, Hashable {
    /// Capture time, seconds since the UNIX epoch.
    public var time: Double
    /// Payload byte range in the capture file.
    public var payloadStart: Int
    public var payloadEnd: Int
    /// UDP destination port.
    public var destinationPort: UInt16
}

/// Reads UDP payloads out of packet captures by pure byte parsing: classic libpcap (either byte order,
/// micro- or nanosecond timestamps) and pcapng (SHB/IDB/EPB/SPB), with link types Ethernet (incl. 802.1Q
/// VLAN tags), Linux cooked capture v1/v2, raw IPv4 and BSD loopback. IPv4 only; fragments other than the
/// first are skipped.
public enum PacketCapture {
    /// Whether the bytes start with a pcap or pcapng magic number.
    public static func isCapture(_ base: UnsafeRawBufferPointer) -> Bool {
        guard base.count >= 4 else { return false }
        let m = UInt32(base[0]) << 24 | UInt32(base[1]) << 16 | UInt32(base[2]) << 8 | UInt32(base[3])
        return [0xA1B2_C3D4, 0xD4C3_B2A1, 0xA1B2_3C4D, 0x4D3C_B2A1, 0x0A0D_0D0A].contains(m)
    }

    /// The UDP payloads of every IPv4/UDP packet, in capture order.
    /// - Throws: `DecodeError.Code.badCapture` for an unknown file header or a packet record that overruns the file.
    /// - Complexity: O(n) in the file length.
    public static func udpDatagrams(_ base: UnsafeRawBufferPointer) throws(DecodeError) -> [CapturedDatagram] {
        guard base.count >= 4 else { throw DecodeError(.badCapture, offset: 0, "file too short for a capture header") }
        if base[0] == 0x0A && base[1] == 0x0D && base[2] == 0x0D && base[3] == 0x0A {
            return try pcapng(base)
        }
        return try classic(base)
    }

    static func u32(_ b: UnsafeRawBufferPointer, _ i: Int, little: Bool) -> UInt32 {
        let v = UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
        return little ? v : v.byteSwapped
    }

    static func u16be(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }

    static func classic(_ b: UnsafeRawBufferPointer) throws(DecodeError) -> [CapturedDatagram] {
        guard b.count >= 24 else { throw DecodeError(.badCapture, offset: 0, "pcap global header truncated") }
        let magicLE = u32(b, 0, little: true)
        let little: Bool
        let nano: Bool
        switch magicLE {
        case 0xA1B2_C3D4: (little, nano) = (true, false)
        case 0xD4C3_B2A1: (little, nano) = (false, false)
        case 0xA1B2_3C4D: (little, nano) = (true, true)
        case 0x4D3C_B2A1: (little, nano) = (false, true)
        default: throw DecodeError(.badCapture, offset: 0, "not a pcap file (magic \(magicLE))")
        }
        let linkType = Int(u32(b, 20, little: little) & 0xFFFF)
        var out: [CapturedDatagram] = []
        var off = 24
        while off < b.count {
            guard b.count - off >= 16 else { throw DecodeError(.badCapture, offset: off, "packet header truncated") }
            let sec = Double(u32(b, off, little: little))
            let frac = Double(u32(b, off + 4, little: little))
            let incl = Int(u32(b, off + 8, little: little))
            guard incl <= b.count - off - 16 else {
                throw DecodeError(.badCapture, offset: off + 8, "packet of \(incl) bytes overruns the file")
            }
            let time = sec + frac / (nano ? 1e9 : 1e6)
            if var d = udp(b, start: off + 16, end: off + 16 + incl, linkType: linkType) {
                d.time = time
                out.append(d)
            }
            off += 16 + incl
        }
        return out
    }

    static func pcapng(_ b: UnsafeRawBufferPointer) throws(DecodeError) -> [CapturedDatagram] {
        var little = true
        var linkTypes: [Int] = []
        var tsScale: [Double] = []
        var out: [CapturedDatagram] = []
        var off = 0
        while off < b.count {
            guard b.count - off >= 12 else { throw DecodeError(.badCapture, offset: off, "pcapng block truncated") }
            if b[off] == 0x0A && b[off + 1] == 0x0D && b[off + 2] == 0x0D && b[off + 3] == 0x0A {
                little = u32(b, off + 8, little: true) == 0x1A2B_3C4D
                linkTypes.removeAll()
                tsScale.removeAll()
            }
            let type = u32(b, off, little: little)
            let len = Int(u32(b, off + 4, little: little))
            guard len >= 12, len % 4 == 0, len <= b.count - off else {
                throw DecodeError(.badCapture, offset: off + 4, "pcapng block length \(len) invalid")
            }
            switch type {
            case 1 where len >= 20:  // interface description
                linkTypes.append(Int(u32(b, off + 8, little: little) & 0xFFFF))
                tsScale.append(1e-6)  // if_tsresol option not parsed: default microseconds
            case 6 where len >= 32:  // enhanced packet
                let iface = Int(u32(b, off + 8, little: little))
                let ts = Double(
                    UInt64(u32(b, off + 12, little: little)) << 32 | UInt64(u32(b, off + 16, little: little))
                )
                let cap = Int(u32(b, off + 20, little: little))
                guard iface < linkTypes.count, cap <= len - 32 else {
                    throw DecodeError(.badCapture, offset: off, "enhanced packet block inconsistent")
                }
                if var d = udp(b, start: off + 28, end: off + 28 + cap, linkType: linkTypes[iface]) {
                    d.time = ts * tsScale[iface]
                    out.append(d)
                }
            case 3 where len >= 16 && !linkTypes.isEmpty:  // simple packet
                let orig = Int(u32(b, off + 8, little: little))
                let cap = min(orig, len - 16)
                if let d = udp(b, start: off + 12, end: off + 12 + cap, linkType: linkTypes[0]) { out.append(d) }
            default:
                break
            }
            off += len
        }
        return out
    }

    /// Finds the UDP payload of one link-layer frame.
    static func udp(_ b: UnsafeRawBufferPointer, start: Int, end: Int, linkType: Int) -> CapturedDatagram? {
        var p = start
        var etherType: Int
        switch linkType {
        case 1:  // Ethernet
            guard end - p >= 14 else { return nil }
            etherType = u16be(b, p + 12)
            p += 14
            while etherType == 0x8100 || etherType == 0x88A8 {
                guard end - p >= 4 else { return nil }
                etherType = u16be(b, p + 2)
                p += 4
            }
        case 113:  // Linux cooked capture v1
            guard end - p >= 16 else { return nil }
            etherType = u16be(b, p + 14)
            p += 16
        case 276:  // Linux cooked capture v2
            guard end - p >= 20 else { return nil }
            etherType = u16be(b, p)
            p += 20
        case 101, 12, 228:  // raw IPv4
            etherType = 0x0800
        case 0:  // BSD loopback: 4-byte family in host order
            guard end - p >= 4 else { return nil }
            etherType = 0x0800
            p += 4
        default:
            return nil
        }
        guard etherType == 0x0800, end - p >= 20, b[p] >> 4 == 4 else { return nil }
        let ihl = Int(b[p] & 0x0F) * 4
        let totalLength = u16be(b, p + 2)
        let fragmentOffset = u16be(b, p + 6) & 0x1FFF
        guard ihl >= 20, b[p + 9] == 17, fragmentOffset == 0, totalLength >= ihl + 8 else { return nil }
        let ipEnd = min(end, p + totalLength)
        let u = p + ihl
        guard ipEnd - u >= 8 else { return nil }
        let udpLength = u16be(b, u + 4)
        let payloadEnd = min(ipEnd, u + max(udpLength, 8))
        return CapturedDatagram(
            time: 0,
            payloadStart: u + 8,
            payloadEnd: payloadEnd,
            destinationPort: UInt16(u16be(b, u + 2))
        )
    }
}
