import GRDB
import GRDBSQLite
public import SkyModel

/// A latitude/longitude box in degrees (WGS-84), west to east without crossing the antimeridian.
public struct GeoBox: Sendable, Hashable {
    public var minLatitudeDegrees: Double
    public var minLongitudeDegrees: Double
    public var maxLatitudeDegrees: Double
    public var maxLongitudeDegrees: Double

    /// A box from its corners in degrees.
    public init(
        minLatitudeDegrees: Double,
        minLongitudeDegrees: Double,
        maxLatitudeDegrees: Double,
        maxLongitudeDegrees: Double
    ) {
        self.minLatitudeDegrees = minLatitudeDegrees
        self.minLongitudeDegrees = minLongitudeDegrees
        self.maxLatitudeDegrees = maxLatitudeDegrees
        self.maxLongitudeDegrees = maxLongitudeDegrees
    }
}

/// History queries. Every time is data time in UNIX seconds and every range is closed (`from ≤ t ≤ to`).
/// Each query reads one consistent snapshot (a WAL read transaction), concurrently with the recorder.
extension Recording {
    /// The data times of the first and last recorded cycles, or `nil` for an empty recording.
    /// - Throws: `DatabaseError`.
    public func timeRange() throws -> ClosedRange<Double>? {
        try reader.read { db in try Self.timeRange(db) }
    }

    /// ``timeRange()`` without blocking a thread of the concurrency pool.
    public func timeRange() async throws -> ClosedRange<Double>? {
        try await reader.read { db in try Self.timeRange(db) }
    }

    /// The states of track `number` in every recorded cycle of `from…to`, in time order, at most `limit`.
    /// - Complexity: O(log n + k) through the `(number, cycle_id)` index.
    /// - Throws: `DatabaseError`.
    public func trackHistory(number: UInt32, from: Double, to: Double, limit: Int = .max) throws -> [SystemTrack] {
        try reader.read { db in try Self.trackHistory(number: number, from: from, to: to, limit: limit, db) }
    }

    /// ``trackHistory(number:from:to:limit:)`` without blocking a thread of the concurrency pool.
    public func trackHistory(
        number: UInt32,
        from: Double,
        to: Double,
        limit: Int = .max
    ) async throws
        -> [SystemTrack]
    {
        try await reader.read { db in try Self.trackHistory(number: number, from: from, to: to, limit: limit, db) }
    }

    /// The picture of the last cycle at or before `time` (its tracks and life-cycle events), or `nil` when
    /// nothing was recorded by then.
    /// - Throws: `DatabaseError`.
    public func picture(at time: Double) throws -> TrackPicture? {
        try reader.read { db in try Self.picture(at: time, db) }
    }

    /// ``picture(at:)`` without blocking a thread of the concurrency pool.
    public func picture(at time: Double) async throws -> TrackPicture? {
        try await reader.read { db in try Self.picture(at: time, db) }
    }

    /// Every track state of the cycles in `from…to`, optionally only those inside `bbox`, in time then track
    /// number order, at most `limit` rows.
    /// - Throws: `DatabaseError`.
    public func history(
        from: Double,
        to: Double,
        bbox: GeoBox? = nil,
        limit: Int = 1_000_000
    ) throws
        -> [SystemTrack]
    {
        try reader.read { db in try Self.history(from: from, to: to, bbox: bbox, limit: limit, db) }
    }

    /// ``history(from:to:bbox:limit:)`` without blocking a thread of the concurrency pool.
    public func history(
        from: Double,
        to: Double,
        bbox: GeoBox? = nil,
        limit: Int = 1_000_000
    ) async throws
        -> [SystemTrack]
    {
        try await reader.read { db in try Self.history(from: from, to: to, bbox: bbox, limit: limit, db) }
    }

    /// The alert events with data time in `from…to`, in time order.
    /// - Throws: `DatabaseError`.
    public func alerts(from: Double, to: Double) throws -> [AlertEvent] {
        try reader.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT alert_id, phase, kind, time, tracks, area, code, cpa_time, cpa_horizontal_m,
                        cpa_vertical_m, message
                    FROM alert_event WHERE time BETWEEN ? AND ? ORDER BY time, cycle_id, seq
                    """,
                arguments: [from, to]
            ).compactMap(AlertEventRecord.decode)
        }
    }

    // MARK: - Implementations on one connection

    static func timeRange(_ db: Database) throws -> ClosedRange<Double>? {
        guard let row = try Row.fetchOne(db, sql: "SELECT min(time), max(time) FROM cycle"),
            let low: Double = row[0], let high: Double = row[1]
        else { return nil }
        return low...high
    }

    static func trackHistory(
        number: UInt32,
        from: Double,
        to: Double,
        limit: Int = .max,
        _ db: Database
    ) throws
        -> [SystemTrack]
    {
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(TrackUpdateRecord.columns) FROM track_update
                WHERE number = ? AND cycle_id BETWEEN
                    (SELECT ifnull(min(id), 0) FROM cycle WHERE time >= ?)
                    AND (SELECT ifnull(max(id), -1) FROM cycle WHERE time <= ?)
                ORDER BY cycle_id LIMIT ?
                """
        )
        try statement.setArguments([number, from, to, limit])
        return try collectTracks(statement, db)
    }

    static func picture(at time: Double, _ db: Database) throws -> TrackPicture? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT id, number, time FROM cycle WHERE time <= ? ORDER BY time DESC, id DESC LIMIT 1",
                arguments: [time]
            )
        else { return nil }
        return try picture(cycleID: row[0], number: row[1], time: row[2], db)
    }

    /// The picture of the cycle row `cycleID`.
    static func picture(cycleID: Int64, number: Int, time: Double, _ db: Database) throws -> TrackPicture {
        let statement = try db.cachedStatement(
            sql: "SELECT \(TrackUpdateRecord.columns) FROM track_update WHERE cycle_id = ? ORDER BY number"
        )
        try statement.setArguments([cycleID])
        let tracks = try collectTracks(statement, db)
        let events = try Row.fetchAll(
            db,
            sql: "SELECT track, kind, into_track, time FROM track_event WHERE cycle_id = ? ORDER BY seq",
            arguments: [cycleID]
        ).compactMap { row in
            TrackEventRecord.decode(kind: row[1], track: row[0], into: row[2], time: row[3])
        }
        return TrackPicture(cycle: number, time: time, tracks: tracks, events: events)
    }

    static func history(
        from: Double,
        to: Double,
        bbox: GeoBox?,
        limit: Int,
        _ db: Database
    ) throws
        -> [SystemTrack]
    {
        var sql = """
            SELECT \(TrackUpdateRecord.columns) FROM track_update
            WHERE cycle_id BETWEEN (SELECT ifnull(min(id), 0) FROM cycle WHERE time >= ?)
                AND (SELECT ifnull(max(id), -1) FROM cycle WHERE time <= ?)
            """
        var arguments: StatementArguments = [from, to]
        if let bbox {
            let radians = Double.pi / 180
            sql += " AND latitude_rad BETWEEN ? AND ? AND longitude_rad BETWEEN ? AND ?"
            arguments += [
                bbox.minLatitudeDegrees * radians, bbox.maxLatitudeDegrees * radians,
                bbox.minLongitudeDegrees * radians, bbox.maxLongitudeDegrees * radians,
            ]
        }
        sql += " ORDER BY cycle_id, number LIMIT ?"
        arguments += [limit]
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        return try collectTracks(statement, db)
    }

    /// Steps a statement selecting ``TrackUpdateRecord/columns`` and decodes every row.
    static func collectTracks(_ statement: Statement, _ db: Database) throws -> [SystemTrack] {
        var tracks: [SystemTrack] = []
        try forEachTrack(statement, db) { tracks.append($0) }
        return tracks
    }

    static func forEachTrack(_ statement: Statement, _ db: Database, _ body: (SystemTrack) throws -> Void) throws {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: rc),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                    sql: statement.sql
                )
            }
            try body(TrackUpdateRecord.track(from: s, first: 0))
        }
    }
}
