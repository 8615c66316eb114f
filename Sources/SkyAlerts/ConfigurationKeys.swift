/// A coding key for any string, to list the keys an object actually has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Throws when the object being decoded has a key outside `allowed`, so that a misspelt optional key is an error
/// rather than a silently kept default.
/// - Throws: `DecodingError.dataCorrupted` naming the key and its coding path.
func rejectUnknownKeys(in decoder: any Decoder, allowed: Set<String>) throws {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    for key in container.allKeys where !allowed.contains(key.stringValue) {
        throw DecodingError.dataCorrupted(
            .init(
                codingPath: decoder.codingPath + [key],
                debugDescription:
                    "unknown key '\(key.stringValue)' (allowed: \(allowed.sorted().joined(separator: ", ")))"
            )
        )
    }
}

extension CodingKey where Self: CaseIterable {
    /// The JSON names of every case.
    static var names: Set<String> { Set(allCases.map(\.stringValue)) }
}
