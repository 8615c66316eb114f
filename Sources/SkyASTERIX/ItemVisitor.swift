/// Receives the contents of a record as the walker meets them: items, sub-items, repetitions and subfields.
///
/// The walker is generic over the visitor, so a visitor with empty methods (framing only) costs nothing per
/// field after specialisation. Every method has an empty default.
public protocol ItemVisitor {
    /// A data item starts. `frn` is its field reference number, `name` e.g. `"I048/040"`.
    mutating func beginItem(frn: Int, name: String)
    mutating func endItem()
    /// A subfield with its raw bits (right-aligned). FX bits are not reported; spare and presence bits are.
    mutating func field(_ field: FieldSpec, raw: UInt64)
    /// A compound sub-item starts; `name` is the short name of its presence bit.
    mutating func beginSubitem(_ name: String)
    mutating func endSubitem()
    /// A repetitive item (or sub-item) with `count` elements starts.
    mutating func beginRepetition(count: Int)
    /// One element of a repetition starts.
    mutating func beginElement()
    mutating func endElement()
    mutating func endRepetition()
    /// One Mode S Comm-B register of I048/250-style items: 56-bit MB data and the BDS code (BDS1 << 4 | BDS2).
    mutating func commB(mbData: UInt64, bds: UInt8)
    /// The payload of an explicit-length item (SP, RE), without its length octet.
    mutating func explicit(_ payload: UnsafeRawBufferPointer)
}

extension ItemVisitor {
    public mutating func beginItem(frn: Int, name: String) {}
    public mutating func endItem() {}
    public mutating func field(_ field: FieldSpec, raw: UInt64) {}
    public mutating func beginSubitem(_ name: String) {}
    public mutating func endSubitem() {}
    public mutating func beginRepetition(count: Int) {}
    public mutating func beginElement() {}
    public mutating func endElement() {}
    public mutating func endRepetition() {}
    public mutating func commB(mbData: UInt64, bds: UInt8) {}
    public mutating func explicit(_ payload: UnsafeRawBufferPointer) {}
}

/// A visitor that ignores everything: walking with it only checks the framing.
public struct FramingVisitor: ItemVisitor {
    public init() {}
}
