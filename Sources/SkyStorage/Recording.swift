public import GRDB

/// Read access to a recording: history queries, the recorded inputs for replay, and export.
///
/// From ``Recorder/recording`` it shares the recorder's `DatabasePool` and reads committed cycles while the
/// recorder writes (WAL: readers never block the writer). ``open(path:)`` opens a file read-only (another process
/// may be recording into it).
public struct Recording: Sendable {
    /// The file's path as given.
    public let path: String
    /// The GRDB reader (a pool) the queries run on.
    public let reader: any DatabaseReader

    init(path: String, reader: any DatabaseReader) {
        self.path = path
        self.reader = reader
    }

    /// Opens the recording at `path` read-only; the file is not changed.
    /// - Throws: ``RecordingError`` naming the file: not a recording, truncated, a newer schema, or a schema older
    ///   than this build reads without upgrading (open it once with a ``Recorder`` to upgrade it). A recording one
    ///   or more versions old but readable opens as it is; what it lacks reads as empty.
    public static func open(path: String) throws(RecordingError) -> Recording {
        switch try RecordingFile.inspect(path: path) {
        case .new:
            throw RecordingError(code: .notARecording, path: path, message: "no recording (missing or empty file)")
        case .recording(let version) where version < RecordingSchema.oldestReadableVersion:
            throw RecordingError(
                code: .olderSchema,
                path: path,
                message: "recording schema version \(version) is older than \(RecordingSchema.oldestReadableVersion); "
                    + "open it once for recording to upgrade it"
            )
        case .recording:
            break
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "SkyStorage.Recording"
        configuration.busyMode = .timeout(10)
        do {
            return Recording(path: path, reader: try DatabasePool(path: path, configuration: configuration))
        } catch {
            throw RecordingError(code: .io, path: path, message: "cannot open the recording: \(error)")
        }
    }
}
