import Foundation
public import SkyModel

/// A latitude/longitude box in degrees (WGS-84), west to east without crossing the antimeridian: the `bbox` of
/// `GET /api/history` (`west,south,east,north`, the GeoJSON order of RFC 7946 §5).
public struct HistoryBox: Sendable, Hashable {
    public var westDegrees: Double
    public var southDegrees: Double
    public var eastDegrees: Double
    public var northDegrees: Double

    /// A box from its edges in degrees.
    public init(westDegrees: Double, southDegrees: Double, eastDegrees: Double, northDegrees: Double) {
        self.westDegrees = westDegrees
        self.southDegrees = southDegrees
        self.eastDegrees = eastDegrees
        self.northDegrees = northDegrees
    }

    /// Parses `west,south,east,north` in degrees. - Returns: `nil` unless four finite numbers with
    /// `-180 ≤ west ≤ east ≤ 180` and `-90 ≤ south ≤ north ≤ 90`.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        guard parts.count == 4, let w = parts[0], let s = parts[1], let e = parts[2], let n = parts[3],
            -180 <= w, w <= e, e <= 180, -90 <= s, s <= n, n <= 90
        else { return nil }
        self.init(westDegrees: w, southDegrees: s, eastDegrees: e, northDegrees: n)
    }
}

/// What the server's history routes read: the recording the service writes (or replays). SkyServer declares it,
/// SkyApp implements it with SkyStorage (STYLE §1), so that the server does not depend on the database.
///
/// Every time is data time in UNIX seconds, every range closed (`from ≤ t ≤ to`). Implementations read a
/// consistent snapshot of committed cycles and must never block the recorder (SQLite WAL readers).
public protocol HistoryProvider: Sendable {
    /// The states of track `number` in every recorded cycle of `from…to`, oldest first, at most `limit`.
    func trackHistory(number: UInt32, from: Double, to: Double, limit: Int) async throws -> [SystemTrack]
    /// The recorded picture of the last cycle at or before `time`, or `nil` when nothing was recorded by then.
    func picture(at time: Double) async throws -> TrackPicture?
    /// Every recorded track state of the cycles in `from…to` (inside `box` when given), in time then track
    /// number order, at most `limit`.
    func history(from: Double, to: Double, box: HistoryBox?, limit: Int) async throws -> [SystemTrack]
}
