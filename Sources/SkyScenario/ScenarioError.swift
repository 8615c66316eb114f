/// A malformed scenario file: names the file, the 1-based line and column, and what was wrong.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// Path of the file.
    public var file: String
    /// 1-based line number (0 when the error concerns the whole file).
    public var line: Int
    /// 1-based byte column within the line (0 when not applicable).
    public var column: Int
    /// What was wrong.
    public var message: String

    /// An error at `file:line:column`.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the format compilers use, so editors can jump to it.
    public var description: String {
        if line == 0 { return "\(file): \(message)" }
        return "\(file):\(line):\(column): \(message)"
    }
}
