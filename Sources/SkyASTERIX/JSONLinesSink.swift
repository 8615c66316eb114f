/// Writes each well-formed record as one JSON line in the schema of Skywatch's ASTERIX reference files
/// (`{"cat":48,"len":45,"hex":"…","I048/010":{"SAC":25,"SIC":201},…}`).
///
/// Subfield names are the specification's short names; scaled subfields print in engineering units
/// (raw × LSB), codes as integers, Mode 3/A as four octal digits, addresses as uppercase hexadecimal,
/// identifications as strings (their printable part: NUL padding and other control characters are dropped, see
/// `characters(_:raw:)`). FX, spare and presence bits are not printed. Compound items are objects of sub-items,
/// repetitive items arrays; Comm-B registers print their `BDS` code and raw `MB` data.
public struct JSONLinesSink: RecordSink {
    /// Called with each finished line (without newline).
    public var emit: (String) -> Void
    private var body = ""
    private var category: UInt8 = 0
    private var start = 0
    private let input: [UInt8]
    // Per nesting level: 0 nothing opened yet, 1 object, 2 array; and how many entries were written.
    private var open: [UInt8] = []
    private var count: [Int] = []

    /// A sink for records decoded from `input` (the same bytes the decoder reads; used to print `hex`).
    public init(input: [UInt8], emit: @escaping (String) -> Void) {
        self.input = input
        self.emit = emit
    }

    public mutating func beginRecord(category: UInt8, offset: Int) {
        self.category = category
        start = offset
        body.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        count.removeAll(keepingCapacity: true)
    }

    public mutating func endRecord(end: Int) {
        var line = "{\"cat\":\(category),\"len\":\(end - start),\"hex\":\""
        for i in start..<end { Self.appendHex(UInt64(input[i]), digits: 2, lowercase: true, to: &line) }
        line += "\""
        line += body
        line += "}"
        emit(line)
    }

    public mutating func beginItem(frn: Int, name: String, offset: Int) {
        body += ",\"\(name)\":"
        push()
    }

    public mutating func endItem() { close() }

    public mutating func field(_ field: FieldSpec, raw: UInt64) {
        guard field.kind == .value else { return }
        key(field.name)
        Self.appendValue(field, raw: raw, to: &body)
    }

    public mutating func beginSubitem(_ name: String) {
        key(name)
        push()
    }

    public mutating func endSubitem() { close() }

    public mutating func beginRepetition(count: Int) {
        body += "["
        open[open.count - 1] = 2
    }

    public mutating func beginElement() {
        if count[count.count - 1] > 0 { body += "," }
        count[count.count - 1] += 1
        push()
    }

    public mutating func endElement() { close() }

    public mutating func commB(mbData: UInt64, bds: UInt8) {
        key("BDS")
        body += "\""
        Self.appendHex(UInt64(bds), digits: 2, to: &body)
        body += "\""
        key("MB")
        body += "\""
        Self.appendHex(mbData, digits: 14, to: &body)
        body += "\""
        // Register contents are not expanded here: the typed view `CommBRegister` reads BDS 4,0 5,0 6,0.
    }

    public mutating func explicit(_ payload: UnsafeRawBufferPointer) {
        key("LEN")
        body += String(payload.count + 1)
        key("DATA")
        body += "\""
        for b in payload { Self.appendHex(UInt64(b), digits: 2, to: &body) }
        body += "\""
    }

    private mutating func push() {
        open.append(0)
        count.append(0)
    }

    private mutating func key(_ name: String) {
        let top = open.count - 1
        if open[top] == 0 {
            body += "{"
            open[top] = 1
        }
        if count[top] > 0 { body += "," }
        count[top] += 1
        body += "\""
        body += name
        body += "\":"
    }

    private mutating func close() {
        switch open.removeLast() {
        case 0: body += "{}"
        case 1: body += "}"
        default: body += "]"
        }
        count.removeLast()
    }

    /// Appends the JSON form of one subfield value.
    static func appendValue(_ f: FieldSpec, raw: UInt64, to s: inout String) {
        switch f.encoding {
        case .unsigned, .signed:
            if f.scale != nil {
                s += String(describing: f.value(raw: raw))
            } else if f.encoding == .signed {
                s += String(f.signedValue(raw: raw))
            } else {
                s += String(raw)
            }
        case .octal:
            let digits = (f.width + 2) / 3
            var chars = [UInt8](repeating: 0x30, count: digits)
            var v = raw
            for i in (0..<digits).reversed() {
                chars[i] = 0x30 + UInt8(v & 7)
                v >>= 3
            }
            s += "\"" + String(decoding: chars, as: UTF8.self) + "\""
        case .hex:
            s += "\""
            appendHex(raw, digits: (f.width + 3) / 4, to: &s)
            s += "\""
        case .sixBitChars, .ascii:
            s += "\"" + jsonEscaped(Self.characters(f, raw: raw)) + "\""
        }
    }

    /// The characters of an ICAO 6-bit or ASCII subfield (ICAO Annex 10 Vol IV, 3.1.2.9: 1–26 → A–Z,
    /// 32 → space, 48–57 → digits; other 6-bit codes print as spaces).
    ///
    /// ASCII subfields (I062/390 callsign, runway, aerodromes…) are often padded with NUL rather than spaces:
    /// only the printable part is returned. NUL and other control octets (below 0x20, 0x7F) and octets above
    /// 0x7F (not ASCII) are dropped, so the text never carries control characters into JSON or a display.
    public static func characters(_ f: FieldSpec, raw: UInt64) -> String {
        let bitsPer = f.encoding == .sixBitChars ? 6 : 8
        let n = f.width / bitsPer
        var out: [UInt8] = []
        out.reserveCapacity(n)
        for i in (0..<n).reversed() {
            let c = UInt8(truncatingIfNeeded: raw >> UInt64(i * bitsPer)) & (bitsPer == 6 ? 0x3F : 0xFF)
            if bitsPer == 8 {
                if c >= 0x20 && c < 0x7F { out.append(c) }
            } else if c >= 1 && c <= 26 {
                out.append(c + 64)
            } else if c == 32 || (c >= 48 && c <= 57) {
                out.append(c)
            } else {
                out.append(0x20)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func appendHex(_ v: UInt64, digits: Int, lowercase: Bool = false, to s: inout String) {
        let table = lowercase ? lowerDigits : upperDigits
        for i in (0..<digits).reversed() { s.unicodeScalars.append(table[Int((v >> UInt64(4 * i)) & 0xF)]) }
    }

    private static let upperDigits: [Unicode.Scalar] = Array("0123456789ABCDEF".unicodeScalars)
    private static let lowerDigits: [Unicode.Scalar] = Array("0123456789abcdef".unicodeScalars)

    static func jsonEscaped(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20 || u.value == 0x7F:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
