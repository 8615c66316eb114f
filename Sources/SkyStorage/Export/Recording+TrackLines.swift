import GRDB
import SkyGeodesy
public import SkyModel

/// One track's recorded path: what the GeoJSON and KML exporters draw.
public struct TrackLine: Sendable {
    /// Track number.
    public var number: UInt32
    /// The latest callsign, Mode S address and Mode 3/A code seen on the track in the range.
    public var callsign: Callsign?
    public var address: ICAOAddress?
    public var modeA: Mode3ACode?
    /// Data times of the first and last states, UNIX seconds.
    public var firstTime: Double
    public var lastTime: Double
    /// Positions in time order (degrees, metres; `heightMetres` is `nil` for a track without height).
    public var points: [(latitudeDegrees: Double, longitudeDegrees: Double, heightMetres: Double?)]
}

extension Recording {
    /// Calls `body` with the path of every track that has a state in the cycles of `from…to`, in track-number
    /// order, one track in memory at a time (the query walks the `(number, cycle_id)` index).
    /// - Throws: `DatabaseError`, or what `body` throws.
    public func forEachTrackLine(from: Double, to: Double, _ body: (TrackLine) throws -> Void) throws {
        try reader.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT \(TrackUpdateRecord.columns) FROM track_update INDEXED BY track_update_number
                    WHERE number >= 0 AND cycle_id BETWEEN (SELECT ifnull(min(id), 0) FROM cycle WHERE time >= ?)
                        AND (SELECT ifnull(max(id), -1) FROM cycle WHERE time <= ?)
                    ORDER BY number, cycle_id
                    """
            )
            try statement.setArguments([from, to])
            var line: TrackLine?
            try Self.forEachTrack(statement, db) { track in
                if let current = line, current.number != track.number {
                    try body(current)
                    line = nil
                }
                if line == nil {
                    line = TrackLine(
                        number: track.number,
                        firstTime: track.time,
                        lastTime: track.time,
                        points: []
                    )
                }
                line!.lastTime = track.time
                if let c = track.callsign { line!.callsign = c }
                if let a = track.address { line!.address = a }
                if let m = track.modeA { line!.modeA = m }
                line!.points.append(
                    (
                        track.position.latitudeDegrees, track.position.longitudeDegrees,
                        track.hasHeight ? track.position.heightMetres : nil
                    )
                )
            }
            if let line { try body(line) }
        }
    }
}
