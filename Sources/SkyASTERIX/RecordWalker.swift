/// Walks ASTERIX records driven by a category's UAP: FSPEC, then each present item by its format.
///
/// Offsets in errors are absolute: `base` is the whole input and all offsets index it.
enum RecordWalker {
    /// Walks one record starting at `start` (its FSPEC) and ending no later than `end`.
    /// - Returns: the offset just past the record.
    /// - Throws: `DecodeError` with the offset and item of the first malformation.
    /// - Complexity: O(record length).
    @inline(__always)
    static func walk<V: ItemVisitor>(
        _ uap: UAP,
        _ base: UnsafeRawBufferPointer,
        start: Int,
        end: Int,
        visitor: inout V
    ) throws(DecodeError) -> Int {
        // FSPEC: 7 FRN bits per octet, bit 1 = FX.
        var fspec: (UInt64, UInt64) = (0, 0)  // up to 14 FSPEC octets, 98 FRNs
        var n = 0
        var p = start
        let maxOctets = (uap.items.count + 6) / 7
        while true {
            guard p < end else { throw DecodeError(.truncated, offset: p, "record ends inside the FSPEC") }
            let b = base[p]
            guard n < maxOctets else {
                throw DecodeError(
                    .fspecTooLong,
                    offset: p,
                    "FSPEC longer than the \(maxOctets) octets of CAT\(uap.category) \(uap.edition)"
                )
            }
            if n < 8 {
                fspec.0 |= UInt64(b) &<< UInt64(56 - 8 * n)
            } else {
                fspec.1 |= UInt64(b) &<< UInt64(56 - 8 * (n - 8))
            }
            n += 1
            p += 1
            if b & 1 == 0 { break }
        }
        if n == 1 && fspec.0 == 0 { throw DecodeError(.emptyRecord, offset: start, "empty FSPEC") }
        for octet in 0..<n {
            let b = UInt8(truncatingIfNeeded: (octet < 8 ? fspec.0 : fspec.1) &>> UInt64(56 - 8 * (octet % 8)))
            var bits = b & 0xFE
            while bits != 0 {
                let lz = bits.leadingZeroBitCount
                bits &= ~(0x80 >> UInt8(lz))
                let frn = octet * 7 + lz + 1
                guard frn <= uap.items.count, let spec = uap.items[frn - 1] else {
                    throw DecodeError(
                        .undefinedItem,
                        offset: start + octet,
                        "FSPEC sets FRN \(frn), undefined in CAT\(uap.category) \(uap.edition)"
                    )
                }
                visitor.beginItem(frn: frn, name: uap.itemNames[frn - 1], offset: p)
                do {
                    p = try walkItem(spec.format, base, at: p, end: end, visitor: &visitor)
                } catch {
                    var e = error
                    e.item = uap.itemNames[frn - 1]
                    throw e
                }
                visitor.endItem()
            }
        }
        return p
    }

    /// Walks one item of `format` at `p`. - Returns: the offset past the item.
    static func walkItem<V: ItemVisitor>(
        _ format: ItemFormat,
        _ base: UnsafeRawBufferPointer,
        at p: Int,
        end: Int,
        visitor: inout V
    ) throws(DecodeError) -> Int {
        switch format {
        case .fixed(let part):
            return try walkPart(part, base, at: p, end: end, visitor: &visitor)
        case .variable(let parts):
            var q = p
            var i = 0
            while true {
                let part = parts[min(i, parts.count - 1)]
                q = try walkPart(part, base, at: q, end: end, visitor: &visitor)
                if !part.hasFX || base[q - 1] & 1 == 0 { return q }
                i += 1
            }
        case .repetitive(let part):
            guard p < end else { throw DecodeError(.truncated, offset: p, "missing repetition factor") }
            let count = Int(base[p])
            guard count * part.length <= end - p - 1 else {
                throw DecodeError(
                    .badRepetition,
                    offset: p,
                    "REP \(count) × \(part.length) octets overruns the record"
                )
            }
            visitor.beginRepetition(count: count)
            var q = p + 1
            for _ in 0..<count {
                visitor.beginElement()
                q = try walkPart(part, base, at: q, end: end, visitor: &visitor)
                visitor.endElement()
            }
            visitor.endRepetition()
            return q
        case .bds:
            guard p < end else { throw DecodeError(.truncated, offset: p, "missing repetition factor") }
            let count = Int(base[p])
            guard count * 8 <= end - p - 1 else {
                throw DecodeError(.badRepetition, offset: p, "REP \(count) × 8 octets overruns the record")
            }
            visitor.beginRepetition(count: count)
            var q = p + 1
            for _ in 0..<count {
                var mb: UInt64 = 0
                for k in 0..<7 { mb = mb &<< 8 | UInt64(base[q + k]) }
                visitor.beginElement()
                visitor.commB(mbData: mb, bds: base[q + 7])
                visitor.endElement()
                q += 8
            }
            visitor.endRepetition()
            return q
        case .compound(let primary, let subitems):
            return try walkCompound(primary, subitems, base, at: p, end: end, visitor: &visitor)
        case .explicit:
            guard p < end else { throw DecodeError(.truncated, offset: p, "missing explicit length") }
            let len = Int(base[p])
            guard len >= 1, len <= end - p else {
                throw DecodeError(.badExplicitLength, offset: p, "explicit length \(len) invalid or overruns")
            }
            visitor.explicit(UnsafeRawBufferPointer(rebasing: base[(p + 1)..<(p + len)]))
            return p + len
        }
    }

    static func walkCompound<V: ItemVisitor>(
        _ primary: [PartSpec],
        _ subitems: [ItemFormat],
        _ base: UnsafeRawBufferPointer,
        at p: Int,
        end: Int,
        visitor: inout V
    ) throws(DecodeError) -> Int {
        var present: UInt64 = 0
        var k = 0
        var q = p
        var i = 0
        while true {
            let part = primary[min(i, primary.count - 1)]
            guard part.length <= end - q else {
                throw DecodeError(.truncated, offset: q, "record ends inside a compound primary subfield")
            }
            for f in part.fields where f.kind == .presence {
                if part.raw(f, in: base, start: q) != 0 {
                    guard k < subitems.count else {
                        throw DecodeError(.undefinedItem, offset: q, "presence bit \(k + 1) has no sub-item")
                    }
                    present |= 1 &<< UInt64(k)
                }
                k += 1
            }
            q += part.length
            if !part.hasFX || base[q - 1] & 1 == 0 { break }
            i += 1
            guard i < 8 else { throw DecodeError(.fspecTooLong, offset: q, "compound primary subfield never ends") }
        }
        while present != 0 {
            let idx = present.trailingZeroBitCount
            present &= present &- 1
            guard idx < subitems.count else {
                throw DecodeError(.undefinedItem, offset: p, "presence bit \(idx + 1) has no sub-item")
            }
            visitor.beginSubitem(presenceName(primary, idx))
            q = try walkItem(subitems[idx], base, at: q, end: end, visitor: &visitor)
            visitor.endSubitem()
        }
        return q
    }

    /// The short name of the `index`-th (0-based) presence bit of a compound primary subfield.
    static func presenceName(_ primary: [PartSpec], _ index: Int) -> String {
        var k = 0
        for part in primary {
            for f in part.fields where f.kind == .presence {
                if k == index { return f.name }
                k += 1
            }
        }
        // Presence bits past the last defined part repeat the last part's layout.
        return "SUB\(index + 1)"
    }

    @inline(__always)
    static func walkPart<V: ItemVisitor>(
        _ part: PartSpec,
        _ base: UnsafeRawBufferPointer,
        at p: Int,
        end: Int,
        visitor: inout V
    ) throws(DecodeError) -> Int {
        guard part.length <= end - p else {
            throw DecodeError(.truncated, offset: p, "item needs \(part.length) octets, \(end - p) left")
        }
        for f in part.fields where f.kind != .fx {
            visitor.field(f, raw: part.raw(f, in: base, start: p))
        }
        return p + part.length
    }
}
