import Foundation
import SkyASTERIX
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

    /// A writer to `path` (`.pcap` → capture, anything else → raw data blocks). Nothing is written before `close()`.
    public init(path: String, sdps: SensorID, service: UInt8 = 1, port: UInt16 = 8600) {
        self.path = path
        self.sdps = sdps
        self.service = service
        self.port = port
        pcap = path.hasSuffix(".pcap")
    }

    /// The data blocks of one update cycle: CAT062 records of `tracks` (tentative tracks are not published),
    /// packed in blocks of ≤ 1400 octets, then a CAT065 end-of-batch block.
    public static func cycleBlocks(_ tracks: [SystemTrack], time: Double, sdps: SensorID, service: UInt8, batch: Int) -> [[UInt8]] {
        let records = tracks.filter { $0.status != .tentative }.map { CAT062Encoder.record(for: $0, sdps: sdps, service: service).slots }
        return ASTERIXBlocks.pack(records) + ASTERIXBlocks.pack([CAT065Encoder.endOfBatch(sdps: sdps, service: service, time: time, batch: batch)])
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
