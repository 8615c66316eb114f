import GRDB

/// The recording schema: versioned migrations and the metadata that identifies a Skywatch recording.
///
/// Every migration is registered once and never edited after it shipped; a change to the schema is a new
/// migration. `metadata.schema_version` is the number of the newest migration applied, so a recording made by an
/// older Skywatch opens (and is upgraded) in a newer one, and a newer recording is refused by an older one before
/// anything is written.
///
/// Floating-point columns are declared `ANY` in `STRICT` tables: SQLite stores an integral `REAL` as an integer and
/// so turns `-0.0` into `0`; with `ANY` a bound `Double` is kept bit for bit.
enum RecordingSchema {
    /// `PRAGMA application_id` of a Skywatch recording ("SKYW").
    static let applicationID: Int32 = 0x534B_5957
    /// `metadata.format` of a Skywatch recording.
    static let format = "skywatch-recording"
    /// The schema version this build writes (the number of the newest migration).
    static let currentVersion = 3
    /// The oldest schema version this build reads without upgrading (``Recording/open(path:)``): every later
    /// migration only adds tables or indexes, whose absence the queries allow for.
    static let oldestReadableVersion = 2

    /// The migrations, in order; identifiers are `v1`, `v2`, ….
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try createTablesV1(db)
            try setVersion(1, db)
        }
        migrator.registerMigration("v2") { db in
            try createHistoryIndexesV2(db)
            try setVersion(2, db)
        }
        migrator.registerMigration("v3") { db in
            try createRegistrationV3(db)
            try setVersion(3, db)
        }
        return migrator
    }

    /// Version 1: the tables, keyed by cycle so that retention deletes ranges of the primary keys.
    static func createTablesV1(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(
            sql: """
                CREATE TABLE metadata (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;
                INSERT INTO metadata (key, value) VALUES ('format', '\(format)');
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY,
                    start_wall_time ANY NOT NULL,
                    program_version TEXT NOT NULL,
                    configuration TEXT NOT NULL
                ) STRICT;
                CREATE TABLE cycle (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    time ANY NOT NULL,
                    wall_time ANY NOT NULL,
                    track_count INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX cycle_time ON cycle (time);
                CREATE TABLE track_update (
                    cycle_id INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    time ANY NOT NULL,
                    status INTEGER NOT NULL,
                    latitude_rad ANY NOT NULL,
                    longitude_rad ANY NOT NULL,
                    height_m ANY NOT NULL,
                    has_height INTEGER NOT NULL,
                    altitude_ft ANY,
                    velocity_east_mps ANY NOT NULL,
                    velocity_north_mps ANY NOT NULL,
                    velocity_up_mps ANY NOT NULL,
                    cov_ee ANY NOT NULL, cov_en ANY NOT NULL, cov_e_ve ANY NOT NULL, cov_e_vn ANY NOT NULL,
                    cov_nn ANY NOT NULL, cov_n_ve ANY NOT NULL, cov_n_vn ANY NOT NULL,
                    cov_ve_ve ANY NOT NULL, cov_ve_vn ANY NOT NULL, cov_vn_vn ANY NOT NULL,
                    turn_rate_rad_s ANY NOT NULL,
                    mode_a INTEGER,
                    address INTEGER,
                    callsign TEXT,
                    sources INTEGER NOT NULL,
                    sensors TEXT NOT NULL,
                    last_update_time ANY NOT NULL,
                    update_count INTEGER NOT NULL,
                    created_time ANY NOT NULL,
                    spi INTEGER NOT NULL,
                    PRIMARY KEY (cycle_id, number)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE track_event (
                    cycle_id INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    track INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    into_track INTEGER,
                    time ANY NOT NULL,
                    PRIMARY KEY (cycle_id, seq)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE input_message (
                    id INTEGER PRIMARY KEY,
                    cycle_id INTEGER NOT NULL,
                    input TEXT NOT NULL,
                    arrival_time ANY NOT NULL,
                    data_time ANY NOT NULL,
                    kind TEXT NOT NULL,
                    bytes BLOB NOT NULL
                ) STRICT;
                CREATE INDEX input_message_cycle ON input_message (cycle_id);
                CREATE INDEX input_message_data_time ON input_message (data_time);
                CREATE TABLE sensor_status (
                    cycle_id INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    time ANY NOT NULL,
                    input TEXT NOT NULL,
                    status BLOB NOT NULL,
                    PRIMARY KEY (cycle_id, seq)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE alert_event (
                    cycle_id INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    alert_id INTEGER NOT NULL,
                    phase TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    time ANY NOT NULL,
                    tracks TEXT NOT NULL,
                    area TEXT,
                    code TEXT,
                    cpa_time ANY,
                    cpa_horizontal_m ANY,
                    cpa_vertical_m ANY,
                    message TEXT NOT NULL,
                    PRIMARY KEY (cycle_id, seq)
                ) STRICT, WITHOUT ROWID;
                """
        )
    }

    /// Version 2: indexes for the history API (one track's history, events and alerts by track or time).
    static func createHistoryIndexesV2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX track_update_number ON track_update (number, cycle_id);
                CREATE INDEX track_event_track ON track_event (track);
                CREATE INDEX alert_event_time ON alert_event (time);
                """
        )
    }

    /// Version 3: the sensor registration estimates, one row per radar whose estimate changed at a cycle.
    static func createRegistrationV3(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE registration_estimate (
                    cycle_id INTEGER NOT NULL,
                    radar TEXT NOT NULL,
                    time ANY NOT NULL,
                    estimate TEXT NOT NULL,
                    PRIMARY KEY (cycle_id, radar)
                ) STRICT, WITHOUT ROWID;
                """
        )
    }

    static func setVersion(_ version: Int, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO metadata (key, value) VALUES ('schema_version', ?)",
            arguments: [String(version)]
        )
    }

    /// The metadata value for `key`, or `nil`.
    static func metadata(_ key: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM metadata WHERE key = ?", arguments: [key])
    }

    /// Records the writing program's version (and, the first time, the creating program's version).
    static func stampWriter(programVersion: String, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO metadata (key, value) VALUES ('writer_version', ?)",
            arguments: [programVersion]
        )
        try db.execute(
            sql: "INSERT OR IGNORE INTO metadata (key, value) VALUES ('created_by_version', ?)",
            arguments: [programVersion]
        )
    }
}
