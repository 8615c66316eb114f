/// Why a recording file could not be opened or used. The description always names the file.
public struct RecordingError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure (a struct over a private enum, as NIO's `FileSystemError.Code`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case notSQLite, notARecording, truncated, newerSchema, olderSchema, io
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The file does not start with the SQLite header.
        public static let notSQLite = Code(.notSQLite)
        /// An SQLite database, but not a Skywatch recording (no recording metadata).
        public static let notARecording = Code(.notARecording)
        /// The file is shorter than its SQLite header says.
        public static let truncated = Code(.truncated)
        /// A recording made by a newer Skywatch with a schema this version does not know.
        public static let newerSchema = Code(.newerSchema)
        /// A recording from an older schema opened read-only (it must be opened for recording once to upgrade).
        public static let olderSchema = Code(.olderSchema)
        /// The file could not be read or written.
        public static let io = Code(.io)

        public var description: String {
            switch value {
            case .notSQLite: "not an SQLite file"
            case .notARecording: "not a Skywatch recording"
            case .truncated: "truncated"
            case .newerSchema: "newer schema"
            case .olderSchema: "older schema"
            case .io: "I/O error"
            }
        }
    }

    /// The kind of failure.
    public var code: Code
    /// The recording's path as given by the caller.
    public var path: String
    /// A human-readable explanation.
    public var message: String

    /// An error about the file at `path`.
    public init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
