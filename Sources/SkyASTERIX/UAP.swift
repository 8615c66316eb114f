/// The layout of one subfield (a run of bits) inside a part of an ASTERIX data item.
///
/// Bits are numbered as in the EUROCONTROL specifications: bit 1 is the least significant bit of the part's
/// last octet, bit `8·length` the most significant bit of its first octet.
public struct FieldSpec: Sendable {
    /// What the bits mean to the framing.
    public enum Kind: UInt8, Sendable {
        /// A data value.
        case value
        /// Spare or constant bits (kept for lossless re-encoding, not reported).
        case spare
        /// The field extension bit of a variable-length part.
        case fx
        /// A sub-item presence bit in the primary subfield of a compound item.
        case presence
    }

    /// How the raw bits are interpreted.
    public enum Encoding: UInt8, Sendable {
        case unsigned
        /// Two's complement over the field width.
        case signed
        /// Octal digits (Mode 3/A codes), 3 bits per digit.
        case octal
        /// Hexadecimal digits (addresses, BDS codes), 4 bits per digit.
        case hex
        /// ICAO 6-bit characters (aircraft identification), 6 bits per character.
        case sixBitChars
        /// 8-bit ASCII characters.
        case ascii
    }

    /// The short name of the subfield (as in the specification, e.g. `RHO`).
    public let name: String
    /// Most significant bit number (1-based from the part's least significant bit).
    public let msb: Int
    /// Least significant bit number.
    public let lsb: Int
    public let kind: Kind
    public let encoding: Encoding
    /// The value of one LSB in the engineering unit of the specification (NM, deg, s, FL, kt…), or `nil` for
    /// codes and counts reported as integers.
    public let scale: Double?

    /// Number of bits.
    @inlinable public var width: Int { msb - lsb + 1 }

    init(_ name: String, _ msb: Int, _ lsb: Int, kind: Kind, encoding: Encoding, scale: Double?) {
        precondition(msb >= lsb && msb - lsb < 57, "field \(name) is wider than 57 bits")
        self.name = name
        self.msb = msb
        self.lsb = lsb
        self.kind = kind
        self.encoding = encoding
        self.scale = scale
    }

    /// The engineering value of a raw bit pattern: `raw × scale` (two's complement first for signed fields).
    /// - Returns: the scaled value, or the integer value as `Double` when the field has no scale.
    @inlinable
    public func value(raw: UInt64) -> Double {
        let v = encoding == .signed ? Double(signedValue(raw: raw)) : Double(raw)
        if let scale { return v * scale }
        return v
    }

    /// The raw bits sign-extended from the field width.
    @inlinable
    public func signedValue(raw: UInt64) -> Int64 {
        let shift = 64 - UInt64(width)
        return Int64(bitPattern: raw &<< shift) &>> Int64(shift)
    }
}

/// Shorthand used by the generated tables.
func F(
    _ name: String,
    _ msb: Int,
    _ lsb: Int,
    kind: FieldSpec.Kind = .value,
    encoding: FieldSpec.Encoding = .unsigned,
    scale: Double? = nil
) -> FieldSpec {
    FieldSpec(name, msb, lsb, kind: kind, encoding: encoding, scale: scale)
}

/// A fixed-length run of octets and its subfields (a fixed item, one part of a variable item, one element of a
/// repetitive item). Subfields cover every bit; the FX bit, if any, is bit 1.
public struct PartSpec: Sendable {
    /// Length in octets.
    public let length: Int
    /// Subfields, most significant first.
    public let fields: [FieldSpec]
    /// Whether bit 1 is a field extension bit.
    public let hasFX: Bool

    init(_ length: Int, _ fields: [FieldSpec]) {
        self.length = length
        self.fields = fields
        self.hasFX = fields.contains { $0.kind == .fx }
    }
}

/// Shorthand used by the generated tables.
func P(_ length: Int, _ fields: [FieldSpec]) -> PartSpec { PartSpec(length, fields) }

/// The structure of an ASTERIX data item (EUROCONTROL ASTERIX Part 1, section 4.3.2).
public indirect enum ItemFormat: Sendable {
    /// Fixed length.
    case fixed(PartSpec)
    /// Extended length: parts chained by their FX bit; the last spec repeats for further extents.
    case variable([PartSpec])
    /// Repetitive: a one-octet repetition factor REP, then REP elements.
    case repetitive(PartSpec)
    /// Repetitive Mode S Comm-B registers: REP, then REP × (56-bit MB data, BDS1, BDS2).
    case bds
    /// Compound: a primary subfield of presence bits (FX-chained), then the present sub-items in order.
    case compound(primary: [PartSpec], subitems: [ItemFormat])
    /// Explicit length (SP and RE fields): a one-octet length including itself, then opaque bytes kept raw.
    case explicit
}

/// One data item of a category.
public struct ItemSpec: Sendable {
    /// Item number within the category, e.g. `"040"`, or `"SP"` / `"RE"`.
    public let id: String
    public let format: ItemFormat
}

/// A category's User Application Profile: which item each field reference number (FRN) denotes.
public struct UAP: Sendable {
    /// ASTERIX category number.
    public let category: UInt8
    /// Edition of the specification implemented, e.g. `"1.31"`.
    public let edition: String
    /// Items by FRN − 1 (`nil` for spare FRNs).
    public let items: [ItemSpec?]
    /// Item names as printed, `I<cat>/<id>`, by FRN − 1.
    public let itemNames: [String]

    init(category: UInt8, edition: String, items: [ItemSpec?]) {
        self.category = category
        self.edition = edition
        self.items = items
        let c = String(category)
        let cat = String(repeating: "0", count: 3 - c.count) + c
        self.itemNames = items.enumerated().map { n, item in "I\(cat)/\(item?.id ?? "FRN\(n + 1)")" }
    }

    /// The FRN (1-based) of an item id such as `"040"`, if the profile has it.
    public func frn(of id: String) -> Int? {
        items.firstIndex { $0?.id == id }.map { $0 + 1 }
    }

    /// The profiles Skywatch implements (editions as in asterix-specs): CAT001 1.4 (plots), CAT002 1.2, CAT004 1.13,
    /// CAT021 2.6, CAT034 1.27, CAT048 1.31, CAT062 1.18, CAT063 1.6, CAT065 1.6. CAT001's track UAP
    /// (`cat001Track`) is chosen per record by `forRecord(category:_:start:end:)`.
    public static let all: [UAP] = [.cat001, .cat002, .cat004, .cat021, .cat034, .cat048, .cat062, .cat063, .cat065]

    /// The profile of a category, or `nil` if it is not implemented. For CAT001 this is the plot UAP.
    public static func forCategory(_ category: UInt8) -> UAP? {
        switch category {
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

    /// The profile of the record whose FSPEC starts at `start`: as `forCategory(_:)`, except that CAT001 has two
    /// UAPs (plot and track) told apart by I001/020 TYP (bit 8 of its first octet, 1 = track). FRNs 1 (I001/010)
    /// and 2 (I001/020) are the same in both, so TYP is read before the profile is chosen; a record too short to
    /// tell gets the plot UAP (its walk then reports the truncation).
    public static func forRecord(category: UInt8, _ base: UnsafeRawBufferPointer, start: Int, end: Int) -> UAP? {
        guard category == 1 else { return forCategory(category) }
        return cat001IsTrack(base, start: start, end: end) ? cat001Track : cat001
    }

    /// Whether this is CAT001's track UAP (FRN 3 is I001/161, the track number; the plot UAP has I001/040).
    var isCAT001Track: Bool { category == 1 && items.count > 2 && items[2]?.id == "161" }

    /// Whether a CAT001 record (FSPEC at `start`) is a track report by its I001/020 TYP bit.
    static func cat001IsTrack(_ base: UnsafeRawBufferPointer, start: Int, end: Int) -> Bool {
        var p = start
        while p < end, base[p] & 1 == 1 { p += 1 }
        guard p < end, base[start] & 0x40 != 0 else { return false }  // FRN 2 (I001/020) absent
        let typ = p + 1 + (base[start] & 0x80 != 0 ? 2 : 0)
        return typ < end && base[typ] & 0x80 != 0
    }
}
