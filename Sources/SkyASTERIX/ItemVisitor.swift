/// Receives the contents of a record as the walker meets them: items, sub-items, repetitions and subfields.
///
/// The walker is generic over the visitor, so a visitor with empty methods (framing only) costs nothing per
/// field after specialisation. Every method has an empty default.
public protocol ItemVisitor {
    /// A data item starts at absolute `offset`. `frn` is its field reference number, `name` e.g. `"I048/040"`.
    mutating func beginItem(frn: Int, name: String, offset: Int)
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
    public mutating func beginItem(frn: Int, name: String, offset: Int) {}
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

/// Records where each item of one record starts (framing only), for typed decoders that then read the
/// octets directly. Holds up to 64 FRNs inline, with no allocation per record.
public struct ItemLocator: ItemVisitor, Sendable {
    /// Start offset per FRN − 1, or −1 when absent.
    public var starts: InlineArray<64, Int32>
    /// Present FRNs in order.
    public var order: InlineArray<64, UInt8>
    /// Number of present items.
    public var count = 0

    public init() {
        starts = InlineArray(repeating: -1)
        order = InlineArray(repeating: 0)
    }

    /// Forgets the previous record.
    public mutating func reset() {
        for i in 0..<count { starts[Int(order[i]) - 1] = -1 }
        count = 0
    }

    public mutating func beginItem(frn: Int, name: String, offset: Int) {
        if frn <= 64 {
            starts[frn - 1] = Int32(offset)
            order[count] = UInt8(frn)
            count += 1
        }
    }

    /// The start of item `frn`, if present.
    @inlinable
    public func start(_ frn: Int) -> Int? {
        let s = starts[frn - 1]
        return s < 0 ? nil : Int(s)
    }

    /// The end (exclusive) of item `frn`: the next present item's start, or `recordEnd`.
    public func end(_ frn: Int, recordEnd: Int) -> Int {
        for i in 0..<count where Int(order[i]) == frn {
            return i + 1 < count ? Int(starts[Int(order[i + 1]) - 1]) : recordEnd
        }
        return recordEnd
    }
}
