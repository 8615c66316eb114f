import Foundation
import SkyASTERIX
import SkyIO
import Synchronization
public import SkyModel

/// Writes the tracker's output as ASTERIX: per update cycle, CAT062 system tracks then a CAT065 end-of-batch
/// (`--out tracks.ast`), as a raw block file or, for paths ending in `.pcap`, a capture of UDP datagrams.
public final class ASTERIXTrackWriter {
    /// The SDPS identity in I062/010 and I065/010.
    public let sdps: SensorID
    /// Service identification (I062/015, I065/015).
    public let service: UInt8
    /// UDP port recorded in pcap output.
    public let port: UInt16
    private let path: String
    private let pcap: Bool
    private var raw: [UInt8] = []
    private var capture = PacketCaptureWriter()
    private var batch = 0

    /// A writer to `path` (`.pcap` → capture, anything else → raw data blocks).
    /// Nothing is written before `close()`.
    public init(path: String, sdps: SensorID, service: UInt8 = 1, port: UInt16 = 8600) {
        self.path = path
        self.sdps = sdps
        self.service = service
        self.port = port
        pcap = path.hasSuffix(".pcap")
    }

    /// The data blocks of one update cycle: CAT062 records of `tracks` (tentative tracks are not published),
    /// packed in blocks of ≤ 1400 octets, then a CAT065 end-of-batch block.
    public static func cycleBlocks(_ tracks: [SystemTrack], time: Double, sdps: SensorID, service: UInt8, batch: Int)
        -> [[UInt8]]
    {
        let records = tracks.filter { $0.status != .tentative }.map {
            CAT062Encoder.record(for: $0, sdps: sdps, service: service).slots
        }
        return ASTERIXBlocks.pack(records)
            + ASTERIXBlocks.pack([CAT065Encoder.endOfBatch(sdps: sdps, service: service, time: time, batch: batch)])
    }

    /// Adds one update cycle at `time` (UNIX seconds).
    public func write(tracks: [SystemTrack], time: Double) {
        batch += 1
        for b in Self.cycleBlocks(tracks, time: time, sdps: sdps, service: service, batch: batch) {
            if pcap { capture.append(payload: b, port: port, time: time) } else { raw += b }
        }
    }

    /// Writes the file.
    /// - Throws: when the file cannot be written.
    public func close() throws {
        try Data(pcap ? capture.bytes : raw).write(to: URL(fileURLWithPath: path))
    }
}

/// Sends the tracker's output as ASTERIX over UDP (`--out udp://GROUP:PORT`): per update cycle, CAT062 data blocks
/// (≤ 1400 octets each, one per datagram) then a CAT065 end-of-batch.
public final class ASTERIXTrackSender: Sendable {
    private let sender: UDPSender
    /// The SDPS identity in I062/010 and I065/010.
    public let sdps: SensorID
    /// Service identification (I062/015, I065/015).
    public let service: UInt8
    private let batch = Mutex(0)

    private init(sender: UDPSender, sdps: SensorID, service: UInt8) {
        self.sender = sender
        self.sdps = sdps
        self.service = service
    }

    /// Opens a sender to `url` (`udp://HOST:PORT`, unicast or IPv4 multicast group).
    /// - Throws: `ConfigError` for a malformed URL, NIO errors for socket failures.
    public static func open(url: String, sdps: SensorID, service: UInt8 = 1, multicastTTL: Int = 1) async throws
        -> ASTERIXTrackSender
    {
        guard let (host, port) = UDPSender.parse(url: url) else {
            throw ConfigError("'\(url)' is not udp://HOST:PORT")
        }
        return ASTERIXTrackSender(
            sender: try await UDPSender.open(host: host, port: port, multicastTTL: multicastTTL),
            sdps: sdps,
            service: service
        )
    }

    /// Sends one update cycle at `time` (UNIX seconds).
    /// - Throws: NIO errors from the socket.
    public func send(tracks: [SystemTrack], time: Double) async throws {
        let n = batch.withLock {
            $0 += 1; return $0
        }
        for b in ASTERIXTrackWriter.cycleBlocks(tracks, time: time, sdps: sdps, service: service, batch: n) {
            try await sender.send(b)
        }
    }

    /// Closes the socket.
    public func close() async throws { try await sender.close() }
}
