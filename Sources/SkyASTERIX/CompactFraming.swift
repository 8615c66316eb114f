/// Finds the items of a record from a `FramingTable`, without reference counting: the framing half of
/// `RecordWalker`, with the same checks, error codes, offsets and item names (the tests compare the two).
enum CompactFraming {
    /// Walks one record at `start`, reporting each item's byte range to `sink`. - Returns: the offset past the record.
    @inline(__always)
    static func walk<S: FramedItemSink>(
        _ t: FramingTable,
        _ base: UnsafeRawBufferPointer,
        start: Int,
        end: Int,
        sink: inout S
    ) throws(DecodeError) -> Int {
        var p = start
        var n = 0
        let maxOctets = (t.items.count + 6) / 7
        var fspecEnd = start
        while true {
            guard p < end else { throw DecodeError(.truncated, offset: p, "record ends inside the FSPEC") }
            guard n < maxOctets else {
                throw DecodeError(
                    .fspecTooLong,
                    offset: p,
                    "FSPEC longer than the \(maxOctets) octets of CAT\(t.category) \(t.edition)"
                )
            }
            let b = base[p]
            n += 1
            p += 1
            if b & 1 == 0 { break }
        }
        fspecEnd = p
        if n == 1 && base[start] == 0 { throw DecodeError(.emptyRecord, offset: start, "empty FSPEC") }
        for octet in 0..<n {
            var bits = base[start + octet] & 0xFE
            while bits != 0 {
                let lz = bits.leadingZeroBitCount
                bits &= ~(0x80 >> UInt8(lz))
                let frn = octet * 7 + lz + 1
                guard frn <= t.items.count, t.items[frn - 1].kind != .absent else {
                    throw DecodeError(
                        .undefinedItem,
                        offset: start + octet,
                        "FSPEC sets FRN \(frn), undefined in CAT\(t.category) \(t.edition)"
                    )
                }
                let itemStart = p
                let layout = t.items[frn - 1]
                if layout.kind == .fixed && layout.length <= end - p {
                    p += layout.length  // the common case, inline
                } else {
                    do {
                        p = try item(t, layout, base, at: p, end: end)
                    } catch {
                        var e = error
                        e.item = t.itemNames[frn - 1]
                        throw e
                    }
                }
                sink.framed(frn: frn, start: itemStart, end: p, base: base)
            }
        }
        _ = fspecEnd
        return p
    }

    /// Walks one record, recording item starts in `locator`.
    static func walk(
        _ t: FramingTable,
        _ base: UnsafeRawBufferPointer,
        start: Int,
        end: Int,
        locator: inout ItemLocator
    ) throws(DecodeError) -> Int {
        try walk(t, base, start: start, end: end, sink: &locator)
    }

    static func item(
        _ t: FramingTable,
        _ l: ItemLayout,
        _ base: UnsafeRawBufferPointer,
        at p: Int,
        end: Int
    ) throws(DecodeError) -> Int {
        switch l.kind {
        case .fixed:
            guard l.length <= end - p else {
                throw DecodeError(.truncated, offset: p, "item needs \(l.length) octets, \(end - p) left")
            }
            return p + l.length
        case .variable:
            var q = p
            var i = 0
            while true {
                let len = l.partLength(i)
                guard len <= end - q else {
                    throw DecodeError(.truncated, offset: q, "item needs \(len) octets, \(end - q) left")
                }
                q += len
                if base[q - 1] & 1 == 0 { return q }
                i += 1
            }
        case .repetitive, .bds:
            guard p < end else { throw DecodeError(.truncated, offset: p, "missing repetition factor") }
            let count = Int(base[p])
            guard count * l.length <= end - p - 1 else {
                throw DecodeError(.badRepetition, offset: p, "REP \(count) × \(l.length) octets overruns the record")
            }
            return p + 1 + count * l.length
        case .explicit:
            guard p < end else { throw DecodeError(.truncated, offset: p, "missing explicit length") }
            let len = Int(base[p])
            guard len >= 1, len <= end - p else {
                throw DecodeError(.badExplicitLength, offset: p, "explicit length \(len) invalid or overruns")
            }
            return p + len
        case .compound:
            var q = p
            var primary: UInt64 = 0
            var octets = 0
            while true {
                guard q < end else {
                    throw DecodeError(.truncated, offset: q, "record ends inside a compound primary subfield")
                }
                let b = base[q]
                primary |= UInt64(b) << UInt64(8 * (7 - octets))
                // A presence bit past the defined sub-items is an error at its part's offset.
                let partMask = l.presenceMask & (0xFF << UInt64(8 * (7 - octets)))
                let before = (l.presenceMask & ~((1 << UInt64(8 * (8 - octets))) &- 1)).nonzeroBitCount
                var set = UInt64(b) << UInt64(8 * (7 - octets)) & partMask
                var k = before
                var bit = UInt64(1) << UInt64(8 * (7 - octets) + 7)
                while set != 0 && bit != 0 {
                    if partMask & bit != 0 {
                        if set & bit != 0 {
                            guard k < l.subCount else {
                                throw DecodeError(.undefinedItem, offset: q, "presence bit \(k + 1) has no sub-item")
                            }
                            set &= ~bit
                        }
                        k += 1
                    }
                    bit >>= 1
                }
                q += 1
                octets += 1
                if b & 1 == 0 { break }
                guard octets < 8 else {
                    throw DecodeError(.fspecTooLong, offset: q, "compound primary subfield never ends")
                }
            }
            var present = primary & l.presenceMask
            while present != 0 {
                let lz = present.leadingZeroBitCount
                let bit = UInt64(1) << UInt64(63 - lz)
                present &= ~bit
                let index = (l.presenceMask & ~((bit << 1) &- 1)).nonzeroBitCount
                q = try item(t, t.subitems[l.firstSub + index], base, at: q, end: end)
            }
            return q
        case .absent:
            throw DecodeError(.undefinedItem, offset: p, "undefined item")
        }
    }
}

/// Receives the byte range of each item found by `CompactFraming`.
protocol FramedItemSink {
    mutating func framed(frn: Int, start: Int, end: Int, base: UnsafeRawBufferPointer)
}

extension ItemLocator: FramedItemSink {
    mutating func framed(frn: Int, start: Int, end: Int, base: UnsafeRawBufferPointer) {
        beginItem(frn: frn, name: "", offset: start)
    }
}

extension ItemSlots: FramedItemSink {
    /// Stores the item's octets: inline when ≤ 8 (one unaligned big-endian load when 8 bytes are readable).
    @inline(__always)
    mutating func framed(frn: Int, start: Int, end: Int, base: UnsafeRawBufferPointer) {
        let n = end - start
        if n <= 8 {
            var v: UInt64
            if start + 8 <= base.count {
                v = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: start, as: UInt64.self)) &>> UInt64(64 - 8 * n)
            } else {
                v = 0
                for k in start..<end { v = v &<< 8 | UInt64(base[k]) }
            }
            present |= 1 &<< UInt64(frn - 1)
            inline[frn - 1] = v
            length[frn - 1] = UInt8(n)
        } else {
            set(frn, bytes: UnsafeRawBufferPointer(rebasing: base[start..<end]))
        }
    }
}
