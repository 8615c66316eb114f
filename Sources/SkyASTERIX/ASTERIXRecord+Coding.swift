extension ASTERIXRecord {
    /// Decodes one record (FSPEC and items) of `category` at `start`.
    /// - Returns: the record and the offset past it.
    /// - Throws: `DecodeError` (unknown category, malformed FSPEC or item) with the absolute offset and item.
    public static func decode(
        category: UInt8,
        _ base: UnsafeRawBufferPointer,
        start: Int,
        end: Int
    ) throws(DecodeError) -> (ASTERIXRecord, Int) {
        guard let uap = UAP.forRecord(category: category, base, start: start, end: end) else {
            throw DecodeError(.unknownCategory, offset: start, "category \(category) is not implemented")
        }
        var framing = FramingVisitor()
        let recordEnd = try RecordWalker.walk(uap, base, start: start, end: end, visitor: &framing)
        var record = ASTERIXRecord(category: category)
        var p = start
        while base[p] & 1 == 1 { p += 1 }
        var fspecOctet = 0
        var q = p + 1
        for o in start...p {
            let b = base[o]
            for bit in 0..<7 where b & (0x80 >> UInt8(bit)) != 0 {
                let frn = fspecOctet * 7 + bit + 1
                do {
                    let (v, r) = try ItemValue.decode(uap.items[frn - 1]!.format, base, at: q, end: recordEnd)
                    record.items[frn] = v
                    q = r
                } catch {
                    var e = error
                    e.item = uap.itemNames[frn - 1]
                    throw e
                }
            }
            fspecOctet += 1
        }
        return (record, recordEnd)
    }

    /// Decodes every record of every data block in `bytes`.
    /// - Throws: the first `DecodeError`.
    public static func decodeBlocks(_ bytes: [UInt8]) throws(DecodeError) -> [ASTERIXRecord] {
        var out: [ASTERIXRecord] = []
        let result: Result<Void, DecodeError> = bytes.withUnsafeBytes { base in
            var off = 0
            while off < base.count {
                guard base.count - off >= 3 else {
                    return .failure(DecodeError(.truncated, offset: off, "trailing bytes"))
                }
                let cat = base[off]
                let len = Int(base[off + 1]) << 8 | Int(base[off + 2])
                guard len >= 3, len <= base.count - off else {
                    return .failure(DecodeError(.badBlockLength, offset: off + 1, "bad block LEN \(len)"))
                }
                var p = off + 3
                while p < off + len {
                    do throws(DecodeError) {
                        let (r, q) = try decode(category: cat, base, start: p, end: off + len)
                        out.append(r)
                        p = q
                    } catch {
                        return .failure(error)
                    }
                }
                off += len
            }
            return .success(())
        }
        try result.get()
        return out
    }

    /// The record's octets: FSPEC (minimal, no trailing empty octets) then the items in FRN order.
    /// Precondition: every item value has its format's shape, and every FRN is defined in the UAP.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    /// The profile this record encodes with: its category's, or for CAT001 the track UAP when I001/020 TYP = 1.
    var uap: UAP {
        guard let uap = UAP.forCategory(category) else { preconditionFailure("category \(category) not implemented") }
        if category == 1, case .variable(let parts)? = items[2], let first = parts.first, first.first == 1 {
            return .cat001Track
        }
        return uap
    }

    /// Appends the record's octets (see `encoded()`), with the record's own profile.
    public func encode(into out: inout [UInt8]) { encode(uap, into: &out) }

    /// Appends the record's octets (see `encoded()`).
    public func encode(_ uap: UAP, into out: inout [UInt8]) {
        let highest = items.keys.max() ?? 1
        let octets = (highest + 6) / 7
        for o in 0..<octets {
            var b: UInt8 = o < octets - 1 ? 1 : 0
            for bit in 0..<7 where items[o * 7 + bit + 1] != nil { b |= 0x80 >> UInt8(bit) }
            out.append(b)
        }
        for frn in items.keys.sorted() {
            guard frn <= uap.items.count, let spec = uap.items[frn - 1] else {
                preconditionFailure("FRN \(frn) undefined in CAT\(category)")
            }
            items[frn]!.encode(spec.format, into: &out)
        }
    }

    /// A data block (CAT, LEN, records) holding `records` of one category.
    /// Precondition: all records have the same category and the block fits in 65535 octets.
    public static func block(_ records: [ASTERIXRecord]) -> [UInt8] {
        precondition(!records.isEmpty, "a data block holds at least one record")
        var out: [UInt8] = [records[0].category, 0, 0]
        for r in records {
            precondition(r.category == records[0].category, "one category per data block")
            r.encode(into: &out)
        }
        precondition(out.count <= 65_535, "data block longer than 65535 octets")
        out[1] = UInt8(out.count >> 8)
        out[2] = UInt8(out.count & 0xFF)
        return out
    }
}
