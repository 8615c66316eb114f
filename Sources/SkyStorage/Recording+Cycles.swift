import GRDB
public import SkyModel

/// Recorded cycles one picture at a time: for export (CSV, GeoJSON, KML, and the lead's CAT062 encoder) and for
/// `replay --tracks`.
extension Recording {
    /// Calls `body` with the picture of every recorded cycle with data time in `from…to`, in recording order.
    ///
    /// Reads in one snapshot, one cycle in memory at a time.
    /// - Throws: `DatabaseError`, or what `body` throws.
    public func forEachCycle(
        from: Double = -.infinity,
        to: Double = .infinity,
        _ body: (TrackPicture) throws -> Void
    )
        throws
    {
        try reader.read { db in
            let cycles = try Row.fetchCursor(
                db,
                sql: "SELECT id, number, time FROM cycle WHERE time BETWEEN ? AND ? ORDER BY id",
                arguments: [from, to]
            )
            while let row = try cycles.next() {
                try body(try Self.picture(cycleID: row[0], number: row[1], time: row[2], db))
            }
        }
    }

    /// Calls `body` with the picture, the alert events and the registration estimates recorded with every cycle
    /// with data time in `from…to`, in recording order (what `replay --tracks` publishes and export sends).
    ///
    /// Reads in one snapshot, one cycle in memory at a time. A recording of schema version 2 has no registration.
    /// - Throws: `DatabaseError`, or what `body` throws.
    public func forEachCycleWithEvents(
        from: Double = -.infinity,
        to: Double = .infinity,
        _ body: (TrackPicture, RecordedCycleEvents) throws -> Void
    ) throws {
        try reader.read { db in
            let cycles = try Row.fetchCursor(
                db,
                sql: "SELECT id, number, time FROM cycle WHERE time BETWEEN ? AND ? ORDER BY id",
                arguments: [from, to]
            )
            let alerts = try db.makeStatement(
                sql: """
                    SELECT alert_id, phase, kind, time, tracks, area, code, cpa_time, cpa_horizontal_m,
                        cpa_vertical_m, message
                    FROM alert_event WHERE cycle_id = ? ORDER BY seq
                    """
            )
            let registration =
                try db.tableExists("registration_estimate")
                ? db.makeStatement(
                    sql: "SELECT radar, time, estimate FROM registration_estimate WHERE cycle_id = ? ORDER BY radar"
                ) : nil
            while let row = try cycles.next() {
                let cycleID: Int64 = row[0]
                let picture = try Self.picture(cycleID: cycleID, number: row[1], time: row[2], db)
                var events = RecordedCycleEvents()
                events.alerts = try Row.fetchAll(alerts, arguments: [cycleID]).compactMap(AlertEventRecord.decode)
                if let registration {
                    events.registration = try Row.fetchAll(registration, arguments: [cycleID]).map {
                        RecordedRegistration(radar: $0[0], time: $0[1], json: $0[2])
                    }
                }
                try body(picture, events)
            }
        }
    }

    /// The number of recorded cycles and track updates.
    /// - Throws: `DatabaseError`.
    public func counts() throws -> (cycles: Int, trackUpdates: Int, inputs: Int) {
        try reader.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM cycle") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM track_update") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM input_message") ?? 0
            )
        }
    }
}

/// One recording session (a `Recorder` opened on the file): what replay needs to re-run it with the same
/// configuration.
public struct RecordedRun: Sendable, Hashable {
    /// Row id; cycles refer to it.
    public var id: Int64
    /// Wall-clock start, UNIX seconds.
    public var startWallTime: Double
    /// The recording program's version.
    public var programVersion: String
    /// The configuration the run was started with (JSON text, as given to the recorder).
    public var configurationJSON: String
}

extension Recording {
    /// Every run recorded in the file, oldest first.
    /// - Throws: `DatabaseError`.
    public func runs() throws -> [RecordedRun] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, start_wall_time, program_version, configuration FROM run ORDER BY id")
                .map { RecordedRun(id: $0[0], startWallTime: $0[1], programVersion: $0[2], configurationJSON: $0[3]) }
        }
    }
}
