import Foundation
import GRDB

/// How much of a recording to keep. The newest cycle is always kept.
public struct RetentionPolicy: Sendable, Hashable {
    /// Cycles older than this (data time before the newest cycle minus the age) are deleted; `nil`: no age limit.
    public var maxAgeSeconds: Double?
    /// Bound on the file size (database plus WAL), bytes; `nil`: no size limit.
    public var maxBytes: Int64?
    /// When over `maxBytes`, delete the oldest cycles until the data fills at most this fraction of it, so that
    /// pruning runs in steps rather than at every cycle.
    public var lowWaterFraction: Double
    /// Time between background prunes.
    public var interval: Duration

    /// A policy; age in seconds, size in bytes.
    public init(
        maxAgeSeconds: Double? = nil,
        maxBytes: Int64? = nil,
        lowWaterFraction: Double = 0.8,
        interval: Duration = .seconds(10)
    ) {
        self.maxAgeSeconds = maxAgeSeconds
        self.maxBytes = maxBytes
        self.lowWaterFraction = lowWaterFraction
        self.interval = interval
    }
}

/// What one prune did.
public struct PruneReport: Sendable, Hashable {
    /// Cycles deleted (with their track updates, events, inputs, status and alerts).
    public var cyclesDeleted: Int
    /// File size (database plus WAL) after the prune, bytes.
    public var fileBytes: Int64
}

/// Bounded retention: deletes the oldest cycles and every row that belongs to them, then gives the space back.
public enum Retention {
    /// Prunes once by age and by size.
    ///
    /// Size: when the live pages (`page_count − freelist_count`) plus the WAL exceed
    /// `lowWaterFraction × maxBytes`, the oldest cycles holding the excess (estimated from the mean bytes per cycle)
    /// are deleted; repeated until under, the newest cycle kept. Freed pages are reused by later cycles; when the
    /// file itself is over the cap they are returned with `PRAGMA incremental_vacuum`, and the WAL is truncated
    /// with `PRAGMA wal_checkpoint(TRUNCATE)` (which succeeds when no reader holds an old snapshot).
    /// - Throws: `DatabaseError`.
    @discardableResult
    public static func prune(_ recorder: Recorder, policy: RetentionPolicy) throws -> PruneReport {
        let pool = recorder.pool
        let walPath = recorder.path + "-wal"
        var deleted = 0
        if let age = policy.maxAgeSeconds {
            deleted += try pool.write { db in
                guard let newest = try Double.fetchOne(db, sql: "SELECT max(time) FROM cycle") else { return 0 }
                let cutoff = try Int64.fetchOne(
                    db,
                    sql: "SELECT min(id) FROM cycle WHERE time >= ?",
                    arguments: [newest - age]
                )
                return try deleteCycles(before: cutoff, db)
            }
        }
        if let maxBytes = policy.maxBytes {
            let target = Double(maxBytes) * policy.lowWaterFraction
            for _ in 0..<16 {
                let step = try pool.write { db -> Int in
                    let live = try liveBytes(db)
                    let excess = Double(live + walBytes(walPath)) - target
                    guard excess > 0 else { return 0 }
                    let cycles = try Int.fetchOne(db, sql: "SELECT count(*) FROM cycle") ?? 0
                    guard cycles > 1 else { return 0 }
                    let perCycle = Double(live) / Double(cycles)
                    let n = min(cycles - 1, max(1, Int((excess / perCycle).rounded(.up))))
                    let cutoff = try Int64.fetchOne(
                        db,
                        sql: "SELECT id FROM cycle ORDER BY id LIMIT 1 OFFSET ?",
                        arguments: [n]
                    )
                    return try deleteCycles(before: cutoff, db)
                }
                deleted += step
                try pool.writeWithoutTransaction { db in
                    if try fileBytes(db) + walBytes(walPath) > maxBytes {
                        try db.execute(sql: "PRAGMA incremental_vacuum")
                    }
                    _ = try? db.checkpoint(.truncate)
                }
                if step == 0 { break }
            }
        } else if deleted > 0 {
            pool.writeWithoutTransaction { db in _ = try? db.checkpoint(.truncate) }
        }
        let size = try pool.read { db in try fileBytes(db) } + walBytes(walPath)
        return PruneReport(cyclesDeleted: deleted, fileBytes: size)
    }

    /// Prunes every `policy.interval` on `clock` until the task is cancelled. Errors are retried at the next
    /// interval.
    /// - Throws: `CancellationError`.
    public static func run<C: Clock>(recorder: Recorder, policy: RetentionPolicy, clock: C) async throws
    where C.Duration == Duration {
        while true {
            try await clock.sleep(for: policy.interval)
            _ = try? prune(recorder, policy: policy)
        }
    }

    /// Deletes every cycle with an id below `cutoff` and its rows; returns the number of cycles deleted.
    static func deleteCycles(before cutoff: Int64?, _ db: Database) throws -> Int {
        guard let cutoff else { return 0 }
        for table in [
            "track_update", "track_event", "input_message", "sensor_status", "alert_event", "registration_estimate",
        ] {
            try db.execute(sql: "DELETE FROM \(table) WHERE cycle_id < ?", arguments: [cutoff])
        }
        try db.execute(sql: "DELETE FROM cycle WHERE id < ?", arguments: [cutoff])
        return db.changesCount
    }

    static func liveBytes(_ db: Database) throws -> Int64 {
        let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
        let size = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        return (pages - free) * size
    }

    static func fileBytes(_ db: Database) throws -> Int64 {
        let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let size = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        return pages * size
    }

    /// The size of the file at `path`, 0 when absent.
    static func walBytes(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
