import Foundation
import GRDB
import GRDBSQLite
public import SkyModel
import Synchronization

/// Writes a recording: one SQLite file opened through a GRDB `DatabasePool` in WAL mode (`synchronous=NORMAL`:
/// a process crash loses nothing committed; a power cut may lose the last transactions, never the file), one
/// transaction per update cycle.
///
/// Readers (``Recording``, the history API) use the same pool, so they see committed cycles while the recorder
/// writes and never block it (WAL). Feed the recorder through a ``RecorderQueue`` so that a slow disk never
/// stalls the tracker.
public final class Recorder: Sendable {
    /// The file's path as given.
    public let path: String
    /// The `run` row of this session.
    public let runID: Int64
    let pool: DatabasePool
    private let counters = Mutex(RecorderStatistics())

    /// Opens (creating if absent or empty) the recording at `path`, upgrading an older schema, and starts a run.
    ///
    /// A file that is not a recording, truncated, or from a newer schema is refused before anything is written.
    /// - Parameters:
    ///   - path: The SQLite file.
    ///   - programVersion: The writing program's version, stored in `metadata.writer_version` and the run.
    ///   - configurationJSON: The run's configuration (JSON text), stored in the `run` row for replay.
    ///   - startWallTime: Wall-clock start of the run, UNIX seconds.
    /// - Throws: ``RecordingError`` naming the file.
    public init(
        path: String,
        programVersion: String,
        configurationJSON: String = "{}",
        startWallTime: Double
    )
        throws(RecordingError)
    {
        self.path = path
        _ = try RecordingFile.inspect(path: path)
        var configuration = Configuration()
        configuration.label = "SkyStorage.Recorder"
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            // Before WAL is switched on and before any table exists (a no-op on an existing file): lets
            // retention give pages back with `PRAGMA incremental_vacuum`.
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try RecordingSchema.migrator.migrate(pool)
            runID = try pool.write { db in
                try RecordingSchema.stampWriter(programVersion: programVersion, db)
                try db.execute(
                    sql: "INSERT INTO run (start_wall_time, program_version, configuration) VALUES (?, ?, ?)",
                    arguments: [startWallTime, programVersion, configurationJSON]
                )
                return db.lastInsertedRowID
            }
            // Page 1 (application id, schema) goes to the main file at once, not only to the WAL.
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        } catch {
            throw RecordingError(code: .io, path: path, message: "cannot open the recording for writing: \(error)")
        }
    }

    /// A reader over this recording (history queries, export), sharing the recorder's pool.
    public var recording: Recording { Recording(path: path, reader: pool) }

    /// The recording's size on disk: the database file plus its WAL, bytes.
    public var fileBytes: Int64 { Retention.walBytes(path) + Retention.walBytes(path + "-wal") }

    /// What has been written so far.
    public var statistics: RecorderStatistics { counters.withLock { $0 } }

    /// Writes one cycle in one transaction, blocking the calling thread until it is committed.
    /// - Throws: `DatabaseError` (the transaction is rolled back; nothing of the cycle is written).
    public func record(_ cycle: RecordedCycle) throws {
        let start = ContinuousClock.now
        do {
            let rows = try pool.write { db in try Self.insert(cycle, runID: runID, db) }
            account(cycle, rows: rows, since: start)
        } catch {
            counters.withLock {
                $0.failedCycles += 1
                $0.lastError = "\(error)"
            }
            throw error
        }
    }

    /// Writes one cycle in one transaction without blocking a thread of the concurrency pool.
    /// - Throws: `DatabaseError` (the transaction is rolled back; nothing of the cycle is written).
    public func record(_ cycle: RecordedCycle) async throws {
        let start = ContinuousClock.now
        let runID = self.runID
        do {
            let rows = try await pool.write { db in try Self.insert(cycle, runID: runID, db) }
            account(cycle, rows: rows, since: start)
        } catch {
            counters.withLock {
                $0.failedCycles += 1
                $0.lastError = "\(error)"
            }
            throw error
        }
    }

    /// Writes one cycle: the convenience form of ``record(_:)-(RecordedCycle)`` with the parts named.
    /// - Throws: `DatabaseError`.
    public func record(
        inputs: [RecordedInput],
        picture: TrackPicture,
        alerts: [AlertEvent] = [],
        sensorStatus: [RecordedSensorStatus] = [],
        wallTime: Double
    ) throws {
        try record(
            RecordedCycle(
                inputs: inputs,
                picture: picture,
                alerts: alerts,
                sensorStatus: sensorStatus,
                wallTime: wallTime
            )
        )
    }

    /// Switches the writer between SQLite's automatic checkpoints (at commit, once the WAL holds 1,000 pages: the
    /// committing cycle pays for copying the WAL into the file and its fsync) and checkpoints run by the caller
    /// with ``checkpoint()`` (``RecorderQueue`` runs them when it has nothing to write).
    /// - Throws: `DatabaseError`.
    public func setAutomaticCheckpoints(_ enabled: Bool) throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(enabled ? 1_000 : 0)")
        }
    }

    /// Copies the WAL into the database file as far as readers allow (`PRAGMA wal_checkpoint(PASSIVE)`), timed
    /// in ``RecorderStatistics/checkpointTime``.
    /// - Returns: the WAL size in bytes before the checkpoint.
    /// - Throws: `DatabaseError`.
    @discardableResult
    public func checkpoint() async throws -> Int64 {
        let start = ContinuousClock.now
        let walBytes = Retention.walBytes(path + "-wal")
        try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        counters.withLock { $0.checkpointTime.record(seconds: seconds) }
        return walBytes
    }

    /// Counts an overrun (a cycle dropped before it reached the recorder).
    func countOverrun() { counters.withLock { $0.overruns += 1 } }

    /// Closes the pool (checkpointing the WAL into the file). The recorder must not be used afterwards.
    /// - Throws: `DatabaseError` when a connection is still in use.
    public func close() throws { try pool.close() }

    private func account(_ cycle: RecordedCycle, rows: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let bytes = cycle.inputs.reduce(0) { $0 + $1.bytes.count }
        counters.withLock {
            $0.cyclesWritten += 1
            $0.rowsWritten += UInt64(rows)
            $0.trackUpdatesWritten += UInt64(cycle.picture.tracks.count)
            $0.inputBytesWritten += UInt64(bytes)
            $0.writeTime.record(seconds: seconds)
        }
    }

    /// Inserts every row of `cycle` into the open transaction.
    /// - Returns: the number of rows inserted.
    static func insert(_ cycle: RecordedCycle, runID: Int64, _ db: Database) throws -> Int {
        let picture = cycle.picture
        try db.execute(
            sql: "INSERT INTO cycle (run_id, number, time, wall_time, track_count) VALUES (?, ?, ?, ?, ?)",
            arguments: [runID, picture.cycle, picture.time, cycle.wallTime, picture.tracks.count]
        )
        let cycleID = db.lastInsertedRowID
        var rows = 1
        let tracks = try db.cachedStatement(sql: TrackUpdateRecord.insertSQL)
        for track in picture.tracks {
            try TrackUpdateRecord.insert(track, cycleID: cycleID, into: tracks, db)
        }
        rows += picture.tracks.count
        if !picture.events.isEmpty {
            let statement = try db.cachedStatement(
                sql: "INSERT INTO track_event (cycle_id, seq, track, kind, into_track, time) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for (seq, event) in picture.events.enumerated() {
                let (kind, into) = TrackEventRecord.encode(event)
                try statement.execute(arguments: [cycleID, seq, event.track, kind, into, event.time])
            }
            rows += picture.events.count
        }
        if !cycle.inputs.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO input_message (cycle_id, input, arrival_time, data_time, kind, bytes)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """
            )
            for input in cycle.inputs {
                try statement.execute(arguments: [
                    cycleID, input.inputName, input.arrivalTime, input.dataTime, input.kind, Data(input.bytes),
                ])
            }
            rows += cycle.inputs.count
        }
        if !cycle.sensorStatus.isEmpty {
            let statement = try db.cachedStatement(
                sql: "INSERT INTO sensor_status (cycle_id, seq, time, input, status) VALUES (?, ?, ?, ?, ?)"
            )
            for (seq, status) in cycle.sensorStatus.enumerated() {
                try statement.execute(arguments: [cycleID, seq, status.time, status.inputName, Data(status.json)])
            }
            rows += cycle.sensorStatus.count
        }
        if !cycle.alerts.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO alert_event (cycle_id, seq, alert_id, phase, kind, time, tracks, area, code,
                        cpa_time, cpa_horizontal_m, cpa_vertical_m, message)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
            for (seq, alert) in cycle.alerts.enumerated() {
                try statement.execute(arguments: AlertEventRecord.arguments(alert, cycleID: cycleID, seq: seq))
            }
            rows += cycle.alerts.count
        }
        if !cycle.registration.isEmpty {
            let statement = try db.cachedStatement(
                sql:
                    "INSERT OR REPLACE INTO registration_estimate (cycle_id, radar, time, estimate) VALUES (?, ?, ?, ?)"
            )
            for r in cycle.registration {
                try statement.execute(arguments: [cycleID, r.radar, r.time, r.json])
            }
            rows += cycle.registration.count
        }
        return rows
    }
}
