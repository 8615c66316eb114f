/// One frame read from a receiver stream (Beast binary, AVR text, or JSON lines).
public struct ReceivedFrame: Sendable {
    /// Receiver time stamp: Beast / AVR-MLAT 12 MHz counter ticks, or `nil` when the input has none.
    public var timestamp12MHz: UInt64?
    /// Signal level byte (Beast only; RSSI-like, receiver specific).
    public var signalLevel: UInt8?
    /// What was received.
    public var content: Content
    /// Byte offset of the frame's first byte in the stream.
    public var offset: Int

    /// A Mode S frame or a Mode A/C reply.
    public enum Content: Sendable {
        /// A 56- or 112-bit Mode S frame.
        case modeS(ModeSFrame)
        /// A Mode A/C reply: the 16 bits as the receiver gives them (Beast type '1').
        case modeAC(UInt16)
    }

    /// A received frame; `offset` is the byte offset of its first byte in the stream.
    @inlinable
    public init(timestamp12MHz: UInt64?, signalLevel: UInt8?, content: Content, offset: Int) {
        self.timestamp12MHz = timestamp12MHz
        self.signalLevel = signalLevel
        self.content = content
        self.offset = offset
    }

    /// The time stamp in seconds (12 MHz ticks / 12·10⁶).
    @inlinable public var timestampSeconds: Double? { timestamp12MHz.map { Double($0) / 12_000_000 } }
}

/// A malformed piece of an input stream. Decoders count it by `code` and carry on from the next sync point.
public struct ModeSInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Error category.
    public var code: Code
    /// Byte offset (from the start of the stream) where the bad data begins.
    public var offset: Int
    /// Line number (1-based) for text inputs, else `nil`.
    public var line: Int?
    /// Human-readable detail.
    public var message: String

    /// An error.
    public init(code: Code, offset: Int, line: Int? = nil, message: String) {
        self.code = code
        self.offset = offset
        self.line = line
        self.message = message
    }

    /// Error categories (a struct over a private enum, as NIO does, so new codes are not breaking).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Int, Sendable, Hashable, CaseIterable {
            case unsynchronised, unknownFrameType, truncatedFrame, badHexDigit, badLength, missingTerminator
        }
        private let value: Value
        /// Bytes outside any frame (garbage before a sync byte / marker).
        public static let unsynchronised = Code(value: .unsynchronised)
        /// Beast type byte other than '1', '2', '3'.
        public static let unknownFrameType = Code(value: .unknownFrameType)
        /// A frame cut short by a new sync marker or by the end of the stream.
        public static let truncatedFrame = Code(value: .truncatedFrame)
        /// A character that is not a hex digit inside a text frame.
        public static let badHexDigit = Code(value: .badHexDigit)
        /// A text frame whose hex length is not 14 or 28 (+12 for MLAT time stamps).
        public static let badLength = Code(value: .badLength)
        /// A text frame without its ';' terminator.
        public static let missingTerminator = Code(value: .missingTerminator)
        /// All codes, for counters.
        public static let all: [Code] = Value.allCases.map { Code(value: $0) }
        /// Dense index 0..<all.count.
        public var index: Int { value.rawValue }
        public var description: String { "\(value)" }
    }

    public var description: String {
        "\(code) at byte \(offset)\(line.map { " (line \($0))" } ?? ""): \(message)"
    }
}

/// Per-code error counters.
public struct ModeSInputErrorCounts: Sendable, Hashable {
    /// Count per `ModeSInputError.Code.index`.
    public var counts: [Int] = Array(repeating: 0, count: ModeSInputError.Code.all.count)
    /// Total errors.
    public var total: Int { counts.reduce(0, +) }
    /// Count for a code.
    public subscript(code: ModeSInputError.Code) -> Int { counts[code.index] }
    mutating func add(_ code: ModeSInputError.Code) { counts[code.index] += 1 }
}
