import Foundation
import GRDB

/// Checks a file before SkyStorage opens it for writing, so that a file that is not a Skywatch recording, a
/// truncated one or one from a newer schema is refused with an error naming it and is left byte for byte as it
/// was: the header is read with plain file I/O, then the metadata through a read-only SQLite connection, and only
/// a file that passes is opened writable.
enum RecordingFile {
    /// What is at the path.
    enum State: Equatable {
        /// No file, or an empty one: a new recording is created.
        case new
        /// A Skywatch recording with this schema version (≤ ``RecordingSchema/currentVersion``).
        case recording(schemaVersion: Int)
    }

    /// The 16-byte magic string at the start of every SQLite database file.
    static let sqliteMagic: [UInt8] = Array("SQLite format 3\0".utf8)

    /// Inspects the file at `path` without changing it.
    /// - Throws: ``RecordingError`` (`notSQLite`, `truncated`, `notARecording`, `newerSchema`, `io`).
    static func inspect(path: String) throws(RecordingError) -> State {
        guard FileManager.default.fileExists(atPath: path) else { return .new }
        let size: Int
        let header: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            header = Array(try handle.read(upToCount: 100) ?? Data())
            size = Int(try handle.seekToEnd())
        } catch {
            throw RecordingError(code: .io, path: path, message: "cannot read the file: \(error)")
        }
        if size == 0 { return .new }
        // With a non-empty WAL a checkpoint may be under way in another process: it writes page 1 (the new size)
        // before the pages that extend the file, so the size check is only made on a file without a WAL.
        let walBytes =
            (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)??.intValue ?? 0
        try checkHeader(header, fileSize: size, checkSize: walBytes == 0, path: path)
        return try checkMetadata(path: path)
    }

    /// The SQLite header (sqlite.org/fileformat2.html §1.3): magic string, page size at offset 16, and the
    /// database size in pages at offset 28 (valid when the change counter at 24 equals the version-valid-for
    /// number at 92). A file shorter than its pages is truncated.
    static func checkHeader(_ header: [UInt8], fileSize: Int, checkSize: Bool, path: String) throws(RecordingError) {
        let magicLength = min(header.count, sqliteMagic.count)
        guard magicLength > 0, header[0..<magicLength].elementsEqual(sqliteMagic[0..<magicLength]) else {
            throw RecordingError(
                code: .notSQLite,
                path: path,
                message: "not a Skywatch recording: the file is not an SQLite database (no SQLite header)"
            )
        }
        guard header.count == 100 else {
            throw RecordingError(
                code: .truncated,
                path: path,
                message: "truncated: \(fileSize) bytes, shorter than the 100-byte SQLite header"
            )
        }
        func be32(_ o: Int) -> Int { header[o..<o + 4].reduce(0) { $0 << 8 | Int($1) } }
        let rawPageSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0 else {
            throw RecordingError(code: .notARecording, path: path, message: "damaged SQLite header (page size)")
        }
        let pages = be32(28)
        if checkSize, be32(24) == be32(92), pages > 0, fileSize < pages * pageSize {
            throw RecordingError(
                code: .truncated,
                path: path,
                message: "truncated: the SQLite header declares \(pages) pages of \(pageSize) bytes "
                    + "(\(pages * pageSize) bytes) but the file has \(fileSize) bytes"
            )
        }
        if checkSize, fileSize % pageSize != 0 {
            throw RecordingError(
                code: .truncated,
                path: path,
                message: "truncated: \(fileSize) bytes is not a whole number of \(pageSize)-byte pages"
            )
        }
    }

    /// Reads `PRAGMA application_id` and the metadata table through a read-only connection.
    static func checkMetadata(path: String) throws(RecordingError) -> State {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "SkyStorage.inspect"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db throws -> Result<State, RecordingError> in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let hasMetadata = try db.tableExists("metadata")
                guard applicationID == RecordingSchema.applicationID, hasMetadata,
                    try RecordingSchema.metadata("format", db) == RecordingSchema.format
                else {
                    return .failure(
                        RecordingError(
                            code: .notARecording,
                            path: path,
                            message: "not a Skywatch recording: an SQLite database without recording metadata"
                        )
                    )
                }
                let text = try RecordingSchema.metadata("schema_version", db) ?? ""
                guard let version = Int(text) else {
                    return .failure(
                        RecordingError(
                            code: .notARecording,
                            path: path,
                            message: "not a Skywatch recording: schema version '\(text)' is not a number"
                        )
                    )
                }
                let writer = try RecordingSchema.metadata("writer_version", db) ?? "an unknown version"
                if version > RecordingSchema.currentVersion {
                    return .failure(
                        RecordingError(
                            code: .newerSchema,
                            path: path,
                            message: "recording schema version \(version) (written by Skywatch \(writer)) is newer "
                                + "than this Skywatch reads (version \(RecordingSchema.currentVersion)); "
                                + "open it with a newer Skywatch"
                        )
                    )
                }
                return .success(.recording(schemaVersion: version))
            }.get()
        } catch let error as RecordingError {
            throw error
        } catch let error as DatabaseError {
            let code: RecordingError.Code =
                switch error.resultCode {
                case .SQLITE_CORRUPT: .truncated
                case .SQLITE_NOTADB: .notARecording
                default: .io
                }
            throw RecordingError(code: code, path: path, message: "cannot read the recording: \(error.message ?? "")")
        } catch {
            throw RecordingError(code: .io, path: path, message: "cannot read the recording: \(error)")
        }
    }
}
