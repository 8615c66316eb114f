import Foundation
import GRDB
import SkyGeodesy
import SkyModel
import Testing

@testable import SkyStorage

struct MigrationTests {
    @Test("A new or empty file is migrated to the current schema, with metadata and a run row")
    func emptyFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let recorder = try Recorder(
            path: path,
            programVersion: "9.8.7",
            configurationJSON: "{\"k\":2}",
            startWallTime: 42
        )
        let (version, writer, format, applicationID, migrations, run) = try recorder.pool.read { db in
            (
                try RecordingSchema.metadata("schema_version", db), try RecordingSchema.metadata("writer_version", db),
                try RecordingSchema.metadata("format", db), try Int32.fetchOne(db, sql: "PRAGMA application_id"),
                try RecordingSchema.migrator.appliedIdentifiers(db),
                try Row.fetchOne(db, sql: "SELECT start_wall_time, program_version, configuration FROM run")
            )
        }
        #expect(version == "3")
        #expect(writer == "9.8.7")
        #expect(format == "skywatch-recording")
        #expect(applicationID == 0x534B_5957)
        #expect(migrations == ["v1", "v2", "v3"])
        #expect(run?[0] == 42.0)
        #expect(run?[2] == "{\"k\":2}")
        let modes = try recorder.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA auto_vacuum"))
        }
        #expect(modes.0 == "wal")
        #expect(modes.1 == 2)  // incremental
        try recorder.close()
        #expect(try RecordingFile.inspect(path: path) == .recording(schemaVersion: 3))
        // A second session appends a run; both configurations are kept for replay.
        let second = try Recorder(
            path: path,
            programVersion: "9.9.0",
            configurationJSON: "{\"k\":3}",
            startWallTime: 43
        )
        #expect(
            try second.recording.runs() == [
                RecordedRun(id: 1, startWallTime: 42, programVersion: "9.8.7", configurationJSON: "{\"k\":2}"),
                RecordedRun(id: 2, startWallTime: 43, programVersion: "9.9.0", configurationJSON: "{\"k\":3}"),
            ]
        )
        try second.close()
    }

    @Test("A recording made at schema version 1 opens in this version, is upgraded, and keeps its data")
    func olderRecordingUpgrades() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("old.sqlite")
        // Build a version-1 file as an older Skywatch would have: migrations up to v1 only, one cycle written.
        do {
            let pool = try DatabasePool(path: path)
            try RecordingSchema.migrator.migrate(pool, upTo: "v1")
            try pool.write { db in
                try RecordingSchema.stampWriter(programVersion: "0.1", db)
                try db.execute(
                    sql: "INSERT INTO run (start_wall_time, program_version, configuration) VALUES (0, '0.1', '{}')"
                )
                _ = try Recorder.insert(
                    RecordedCycle(picture: Pictures.picture(cycle: 0, count: 3), wallTime: 1),
                    runID: 1,
                    db
                )
            }
            try pool.close()
        }
        #expect(try RecordingFile.inspect(path: path) == .recording(schemaVersion: 1))
        #expect(throws: RecordingError.self) { try Recording.open(path: path) }  // read-only cannot upgrade
        let recorder = try Recorder(path: path, programVersion: "0.2", startWallTime: 0)
        let history = try recorder.recording.trackHistory(number: 4, from: 0, to: .infinity)
        #expect(history.count == 1)
        expectBitExact(history[0], Pictures.picture(cycle: 0, count: 3).tracks[1])
        let (version, created, indexes) = try recorder.pool.read { db in
            (
                try RecordingSchema.metadata("schema_version", db),
                try RecordingSchema.metadata("created_by_version", db),
                try db.indexes(on: "track_update").map(\.name)
            )
        }
        #expect(version == "3")
        #expect(created == "0.1")
        #expect(indexes.contains("track_update_number"))
        try recorder.close()
    }
}

extension MigrationTests {
    @Test("A version-2 recording opens read-only as it is (replay, export): its cycles and alerts, no registration")
    func version2ReadsWithoutUpgrade() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v2.sqlite")
        let alert = AlertEvent(alertID: 3, phase: .start, kind: .emergency, time: 10, tracks: [4], code: "7700")
        do {
            let pool = try DatabasePool(path: path)
            try RecordingSchema.migrator.migrate(pool, upTo: "v2")
            try pool.write { db in
                try RecordingSchema.stampWriter(programVersion: "0.2", db)
                try db.execute(
                    sql: "INSERT INTO run (start_wall_time, program_version, configuration) VALUES (0, '0.2', '{}')"
                )
                var picture = Pictures.picture(cycle: 0, count: 3)
                picture.time = 10
                _ = try Recorder.insert(RecordedCycle(picture: picture, alerts: [alert], wallTime: 1), runID: 1, db)
            }
            try pool.close()
        }
        #expect(try RecordingFile.inspect(path: path) == .recording(schemaVersion: 2))
        let recording = try Recording.open(path: path)
        var seen: [(Int, RecordedCycleEvents)] = []
        try recording.forEachCycleWithEvents { seen.append(($0.tracks.count, $1)) }
        #expect(seen.count == 1 && seen[0].0 == 3)
        #expect(seen[0].1 == RecordedCycleEvents(alerts: [alert], registration: []))
        #expect(try RecordingFile.inspect(path: path) == .recording(schemaVersion: 2), "not upgraded by reading")
    }

    @Test("Registration rows round-trip with their cycle and go with retention")
    func registrationRows() throws {
        let dir = try TemporaryDirectory()
        let recorder = try Recorder(path: dir.file("reg.sqlite"), programVersion: "t", startWallTime: 0)
        let rows = [
            RecordedRegistration(radar: "0/1", time: 10, json: #"{"a":1}"#),
            RecordedRegistration(radar: "0/2", time: 10, json: #"{"b":-0.0}"#),
        ]
        try recorder.record(
            RecordedCycle(picture: Pictures.picture(cycle: 0, count: 2), registration: rows, wallTime: 1)
        )
        try recorder.record(RecordedCycle(picture: Pictures.picture(cycle: 1, count: 2), wallTime: 2))
        var seen: [[RecordedRegistration]] = []
        try recorder.recording.forEachCycleWithEvents { seen.append($1.registration) }
        #expect(seen == [rows, []])
        try recorder.pool.write { db in _ = try Retention.deleteCycles(before: 2, db) }
        let left = try recorder.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM registration_estimate")
        }
        #expect(left == 0)
        try recorder.close()
    }
}

struct BadInputTests {
    /// Expects opening `path` for writing and for reading to fail with `code` and an error naming the file,
    /// and the file to be byte for byte unchanged.
    func expectRefused(_ path: String, _ code: RecordingError.Code, mentioning words: String) throws {
        let before = fileBytes(path)
        for attempt in 0..<2 {
            do {
                if attempt == 0 {
                    _ = try Recorder(path: path, programVersion: "t", startWallTime: 0)
                } else {
                    _ = try Recording.open(path: path)
                }
                Issue.record("opened \(path)")
            } catch {
                #expect(error.code == code)
                #expect(error.description.hasPrefix(path + ": "), "\(error)")
                #expect(error.description.contains(words), "\(error)")
            }
        }
        #expect(fileBytes(path) == before, "the file changed")
    }

    @Test("A text file is refused: not an SQLite file, file unchanged")
    func textFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("notes.sqlite")
        try Data("time,track_id,lat,lon\n0,1,48.8,2.3\n".utf8).write(to: URL(fileURLWithPath: path))
        try expectRefused(path, .notSQLite, mentioning: "not a Skywatch recording")
    }

    @Test("An SQLite database that is not a recording is refused, file unchanged")
    func otherDatabase() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("other.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE metadata (key TEXT, value TEXT); INSERT INTO metadata VALUES ('a', 'b')")
        }
        try queue.close()
        try expectRefused(path, .notARecording, mentioning: "not a Skywatch recording")
    }

    @Test("A recording from a newer schema is refused naming both versions, file unchanged")
    func newerSchema() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("newer.sqlite")
        let recorder = try Pictures.recorder(dir, name: "newer.sqlite")
        try recorder.record(inputs: [], picture: Pictures.picture(cycle: 0, count: 2), wallTime: 0)
        try recorder.pool.write { db in
            try db.execute(sql: "UPDATE metadata SET value = '7' WHERE key = 'schema_version'")
            try db.execute(sql: "UPDATE metadata SET value = '3.0' WHERE key = 'writer_version'")
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v7')")
        }
        try recorder.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        try expectRefused(path, .newerSchema, mentioning: "schema version 7 (written by Skywatch 3.0) is newer")
    }

    @Test("A truncated recording is refused, file unchanged")
    func truncated() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("cut.sqlite")
        let recorder = try Pictures.recorder(dir, name: "cut.sqlite")
        for c in 0..<5 {
            try recorder.record(
                inputs: Pictures.inputs(cycle: c, count: 20),
                picture: Pictures.picture(cycle: c, count: 50),
                wallTime: 0
            )
        }
        try recorder.close()
        let whole = try #require(FileManager.default.contents(atPath: path))
        #expect(whole.count > 40_000)
        try whole.prefix(whole.count / 2 + 100).write(to: URL(fileURLWithPath: path))
        try expectRefused(path, .truncated, mentioning: "truncated")
        try whole.prefix(60).write(to: URL(fileURLWithPath: path))
        try expectRefused(path, .truncated, mentioning: "shorter than the 100-byte SQLite header")
    }
}
