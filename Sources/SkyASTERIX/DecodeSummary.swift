/// Counts records per category and item, and errors per code (`skywatch decode asterix --summary`).
public struct DecodeSummary: RecordSink, Sendable {
    /// Well-formed records per category.
    public private(set) var records: [UInt8: Int] = [:]
    /// Occurrences per item name (`"I048/040"`), in well-formed records.
    public private(set) var items: [String: Int] = [:]
    /// Errors per code.
    public private(set) var errors: [String: Int] = [:]
    /// The first few errors, for messages.
    public private(set) var firstErrors: [DecodeError] = []
    /// How many errors to keep in `firstErrors`.
    public var keepErrors = 10
    private var pending: [String] = []
    private var category: UInt8 = 0

    public init() {}

    public mutating func beginRecord(category: UInt8, offset: Int) {
        self.category = category
        pending.removeAll(keepingCapacity: true)
    }
    public mutating func beginItem(frn: Int, name: String, offset: Int) { pending.append(name) }
    public mutating func endRecord(end: Int) {
        records[category, default: 0] += 1
        for n in pending { items[n, default: 0] += 1 }
    }
    public mutating func error(_ error: DecodeError) {
        errors[error.code.description, default: 0] += 1
        if firstErrors.count < keepErrors { firstErrors.append(error) }
    }

    /// Adds another summary's counts to this one.
    public mutating func merge(_ other: DecodeSummary) {
        for (k, v) in other.records { records[k, default: 0] += v }
        for (k, v) in other.items { items[k, default: 0] += v }
        for (k, v) in other.errors { errors[k, default: 0] += v }
        for e in other.firstErrors where firstErrors.count < keepErrors { firstErrors.append(e) }
    }
}
