/// A trivially copyable summary of an item's structure: just what framing (finding item boundaries) needs.
///
/// The table-driven walker (`RecordWalker`) reads `ItemFormat`s, whose payloads hold arrays and strings; copying
/// them costs reference counting on every item. Framing for the typed decoders uses this flat form instead.
@usableFromInline
struct ItemLayout: Sendable {
    enum Kind: UInt8, Sendable { case absent, fixed, variable, repetitive, bds, compound, explicit }
    var kind: Kind = .absent
    /// Fixed: octets. Repetitive: octets per element.
    var length: Int = 0
    /// Variable items and compound primary subfields: octets of part i in byte i (the last repeats), ≤ 8 parts.
    var partLengths: UInt64 = 0
    var partCount = 0
    /// Compound: presence bits of the primary subfield, as if its octets were read big-endian into 64 bits
    /// (the last defined part repeated up to 8 octets).
    var presenceMask: UInt64 = 0
    /// Compound: sub-item layouts at `FramingTable.subitems[firstSub ..< firstSub + subCount]`.
    var firstSub = 0
    var subCount = 0

    func partLength(_ i: Int) -> Int {
        Int(truncatingIfNeeded: partLengths >> UInt64(8 * min(i, partCount - 1))) & 0xFF
    }
}

/// The framing layouts of one UAP, by FRN − 1, plus the compound sub-item layouts.
@usableFromInline
struct FramingTable: Sendable {
    var items: [ItemLayout] = []
    var subitems: [ItemLayout] = []
    var itemNames: [String] = []
    var category: UInt8 = 0
    var edition = ""

    init(_ uap: UAP) {
        category = uap.category
        edition = uap.edition
        itemNames = uap.itemNames
        items = uap.items.map { $0.map { layout($0.format) } ?? ItemLayout() }
    }

    private mutating func layout(_ format: ItemFormat) -> ItemLayout {
        var l = ItemLayout()
        func packParts(_ parts: [PartSpec]) {
            precondition(parts.count <= 8 && parts.allSatisfy { $0.length < 256 }, "part layout too large")
            l.partCount = parts.count
            for (i, p) in parts.enumerated() { l.partLengths |= UInt64(p.length) << UInt64(8 * i) }
        }
        switch format {
        case .fixed(let p):
            l.kind = .fixed
            l.length = p.length
        case .variable(let parts):
            l.kind = .variable
            packParts(parts)
        case .repetitive(let p):
            l.kind = .repetitive
            l.length = p.length
        case .bds:
            l.kind = .bds
            l.length = 8
        case .explicit:
            l.kind = .explicit
        case .compound(let primary, let subs):
            l.kind = .compound
            packParts(primary)
            // Presence bits over 8 octets: only one-octet primary parts occur in the implemented editions.
            precondition(primary.allSatisfy { $0.length == 1 }, "multi-octet compound primary parts")
            for octet in 0..<8 {
                let p = primary[min(octet, primary.count - 1)]
                for f in p.fields where f.kind == .presence {
                    l.presenceMask |= 1 << UInt64(8 * (7 - octet) + f.lsb - 1)
                }
            }
            let subLayouts = subs.map { layout($0) }
            l.firstSub = subitems.count
            l.subCount = subLayouts.count
            subitems += subLayouts
        }
        return l
    }

    /// The tables of the implemented UAPs, built once.
    static let cat001 = FramingTable(.cat001), cat002 = FramingTable(.cat002), cat004 = FramingTable(.cat004)
    static let cat001Track = FramingTable(.cat001Track)
    static let cat021 = FramingTable(.cat021), cat034 = FramingTable(.cat034), cat048 = FramingTable(.cat048)
    static let cat062 = FramingTable(.cat062), cat063 = FramingTable(.cat063), cat065 = FramingTable(.cat065)

    static func forCategory(_ c: UInt8) -> FramingTable? {
        switch c {
        case 1: cat001
        case 2: cat002
        case 4: cat004
        case 21: cat021
        case 34: cat034
        case 48: cat048
        case 62: cat062
        case 63: cat063
        case 65: cat065
        default: nil
        }
    }
}
