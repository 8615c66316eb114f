public import SkyModel

/// Encodes the tracker's pictures as ASTERIX: per update cycle, CAT062 1.18 system tracks (one record per displayed
/// track, and one last record with I062/080 TSE for each track that ended or was merged away) in data blocks of at
/// most 1400 octets (one UDP datagram each), then a CAT065 end-of-batch message with the cycle number (mod 256).
///
/// The one CAT062 cycle encoder: files, UDP and recordings all use it.
public struct CAT062CycleEncoder: Sendable {
    /// The SDPS identity in I062/010 and I065/010.
    public var sdps: SensorID
    /// Service identification, I062/015 and I065/015.
    public var service: UInt8
    /// The last published state of each displayed track, for the TSE record of a track that ends.
    private var lastState: [UInt32: SystemTrack] = [:]

    /// An encoder for SDPS `sdps` (default SAC 0, SIC 200).
    public init(sdps: SensorID = SensorID(sac: 0, sic: 200), service: UInt8 = 1) {
        self.sdps = sdps
        self.service = service
    }

    /// The data blocks of one cycle, in order.
    /// - Complexity: O(tracks in the picture).
    public mutating func blocks(for picture: TrackPicture) -> [[UInt8]] {
        var records: [ItemSlots] = []
        records.reserveCapacity(picture.tracks.count + picture.events.count)
        for track in picture.tracks where track.status != .tentative {
            records.append(CAT062Encoder.record(for: track, sdps: sdps, service: service).slots)
        }
        for event in picture.events where event.isTermination {
            guard var ended = lastState.removeValue(forKey: event.track) else { continue }
            ended.status = .terminated
            ended.time = picture.time
            records.append(CAT062Encoder.record(for: ended, sdps: sdps, service: service).slots)
        }
        for track in picture.tracks { lastState[track.number] = track }
        let endOfBatch = CAT065Encoder.endOfBatch(sdps: sdps, service: service, time: picture.time, batch: picture.cycle)
        return ASTERIXBlocks.pack(records) + ASTERIXBlocks.pack([endOfBatch])
    }
}
