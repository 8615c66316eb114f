/// A malformed ASTERIX input: what went wrong, at which byte offset, in which item.
///
/// Thrown by every decoder in this module (typed throws); the block reader records it, skips the rest of the
/// bad data block and continues with the next one.
public struct DecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Error kinds (a struct over a private enum so cases can be added without breaking clients, NIO style).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case truncated, badBlockLength, unknownCategory, fspecTooLong, undefinedItem
            case badRepetition, badExplicitLength, emptyRecord, badCapture
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input ends inside a block, record or item.
        public static let truncated = Code(.truncated)
        /// A data block's LEN is below 3 or beyond the available bytes.
        public static let badBlockLength = Code(.badBlockLength)
        /// The category has no implemented UAP.
        public static let unknownCategory = Code(.unknownCategory)
        /// The FSPEC extends beyond the UAP's last FRN (or never ends).
        public static let fspecTooLong = Code(.fspecTooLong)
        /// The FSPEC sets a spare FRN, or a compound item a sub-item the edition does not define.
        public static let undefinedItem = Code(.undefinedItem)
        /// A repetitive item's REP overruns the record.
        public static let badRepetition = Code(.badRepetition)
        /// An explicit item's length is zero or overruns the record.
        public static let badExplicitLength = Code(.badExplicitLength)
        /// A record with an empty FSPEC.
        public static let emptyRecord = Code(.emptyRecord)
        /// A malformed capture file (pcap header, packet record).
        public static let badCapture = Code(.badCapture)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// Byte offset in the input (from the start of the file or buffer given to the decoder).
    public var offset: Int
    /// The data item being decoded, e.g. `"I048/250"`, if any.
    public var item: String?
    /// A human-readable explanation.
    public var message: String

    public init(_ code: Code, offset: Int, item: String? = nil, _ message: String) {
        self.code = code
        self.offset = offset
        self.item = item
        self.message = message
    }

    public var description: String {
        "\(code) at byte \(offset)\(item.map { " in \($0)" } ?? ""): \(message)"
    }
}
