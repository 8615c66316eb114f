public import SkyModel

/// Encodes the tracker's pictures as ASTERIX: per update cycle, CAT062 1.18 system tracks (one record per displayed
/// track, and one last record with I062/080 TSE for each track that ended or was merged away) in data blocks of at
/// most 1400 octets (one UDP datagram each), then a CAT065 end-of-batch message with the cycle number (mod 256).
///
/// With sensor registration on, the same stream also carries CAT063 sensor status messages with each radar's bias
/// estimate (``registrationBlocks(_:time:final:)``), as an ARTAS-like SDPS sends CAT063 next to CAT062.
///
/// The one CAT062 cycle encoder: files, UDP and recordings all use it.
public struct CAT062CycleEncoder: Sendable {
    /// The SDPS identity in I062/010 and I065/010.
    public var sdps: SensorID
    /// Service identification, I062/015 and I065/015.
    public var service: UInt8
    /// The last published state of each displayed track, for the TSE record of a track that ends.
    private var lastState: [UInt32: SystemTrack] = [:]
    /// Data time between two sets of CAT063 registration messages, seconds (10).
    public var registrationIntervalSeconds = 10.0
    /// Data time of the last CAT063 registration messages, UNIX seconds.
    private var lastRegistrationTime = -Double.infinity

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
        let endOfBatch = CAT065Encoder.endOfBatch(
            sdps: sdps,
            service: service,
            time: picture.time,
            batch: picture.cycle
        )
        return ASTERIXBlocks.pack(records) + ASTERIXBlocks.pack([endOfBatch])
    }

    /// CAT063 sensor status messages with the registration estimates (``CAT063Encoder/registration(sdps:service:time:_:connection:)``),
    /// one record per sensor with at least one bias item, at most once every ``registrationIntervalSeconds`` of
    /// data time; `final` (the end of a run) sends them whenever the last set was at an earlier time. A `time` before
    /// the last set's starts the interval again (a seek back).
    /// - Parameters:
    ///   - time: data time of the messages (I063/030), UNIX seconds.
    /// - Returns: the data blocks (none when not due or when no sensor has a bias to send).
    public mutating func registrationBlocks(
        _ registrations: [CAT063Encoder.Registration],
        time: Double,
        final: Bool = false
    ) -> [[UInt8]] {
        // Data time going back (a replay sought back, a feed restarted at an earlier time) is a new timeline: its
        // first estimates go at once instead of after the old timeline's interval.
        if time < lastRegistrationTime { lastRegistrationTime = -.infinity }
        let due = final ? time > lastRegistrationTime : time >= lastRegistrationTime + registrationIntervalSeconds
        guard due else { return [] }
        let records = registrations.filter(\.hasBiasItems).map {
            CAT063Encoder.registration(sdps: sdps, service: service, time: time, $0)
        }
        guard !records.isEmpty else { return [] }
        lastRegistrationTime = time
        return ASTERIXBlocks.pack(records)
    }
}
