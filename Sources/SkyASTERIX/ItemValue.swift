/// The contents of one data item as raw subfield values, shaped like its `ItemFormat`.
///
/// Subfields are right-aligned raw bits in the order of the part's `fields` without the FX bit (spare and
/// presence bits included), so encoding a decoded value gives back the same octets. Engineering values come
/// from `FieldSpec.value(raw:)`.
public indirect enum ItemValue: Sendable, Hashable {
    /// A fixed item: one raw value per non-FX subfield.
    case fixed([UInt64])
    /// An extended item: the subfields of each part (FX bits implied by the number of parts).
    case variable([[UInt64]])
    /// A repetitive item: the subfields of each element.
    case repetitive([[UInt64]])
    /// Mode S Comm-B registers: each `MB data (56 bits) << 8 | BDS1 << 4 | BDS2`.
    case commB([UInt64])
    /// A compound item: present sub-items by 0-based sub-item index (presence bits implied).
    case compound([Int: ItemValue])
    /// An explicit item's payload (after the length octet).
    case explicit([UInt8])
}

/// One ASTERIX record decoded into raw item values, keyed by FRN.
public struct ASTERIXRecord: Sendable, Hashable {
    /// ASTERIX category.
    public var category: UInt8
    /// Present items by FRN (1-based).
    public var items: [Int: ItemValue]

    public init(category: UInt8, items: [Int: ItemValue] = [:]) {
        self.category = category
        self.items = items
    }
}

extension ItemValue {
    /// Decodes an item of `format` at `p` (bounds checked; malformed input throws).
    /// - Returns: the value and the offset past the item.
    static func decode(
        _ format: ItemFormat,
        _ base: UnsafeRawBufferPointer,
        at p: Int,
        end: Int
    ) throws(DecodeError) -> (ItemValue, Int) {
        func part(_ spec: PartSpec, _ q: Int) throws(DecodeError) -> [UInt64] {
            guard spec.length <= end - q else { throw DecodeError(.truncated, offset: q, "item truncated") }
            return spec.fields.lazy.filter { $0.kind != .fx }.map { spec.raw($0, in: base, start: q) }
        }
        switch format {
        case .fixed(let spec):
            return (.fixed(try part(spec, p)), p + spec.length)
        case .variable(let specs):
            var parts: [[UInt64]] = []
            var q = p
            while true {
                let spec = specs[min(parts.count, specs.count - 1)]
                parts.append(try part(spec, q))
                q += spec.length
                if base[q - 1] & 1 == 0 { return (.variable(parts), q) }
            }
        case .repetitive(let spec):
            var visitor = FramingVisitor()
            let q = try RecordWalker.walkItem(format, base, at: p, end: end, visitor: &visitor)
            var elements: [[UInt64]] = []
            var r = p + 1
            while r < q {
                elements.append(try part(spec, r))
                r += spec.length
            }
            return (.repetitive(elements), q)
        case .bds:
            var visitor = FramingVisitor()
            let q = try RecordWalker.walkItem(format, base, at: p, end: end, visitor: &visitor)
            var regs: [UInt64] = []
            var r = p + 1
            while r < q {
                var v: UInt64 = 0
                for k in 0..<8 { v = v &<< 8 | UInt64(base[r + k]) }
                regs.append(v)
                r += 8
            }
            return (.commB(regs), q)
        case .compound(let primary, let subitems):
            var present: [Int] = []
            var k = 0
            var q = p
            var i = 0
            while true {
                let spec = primary[min(i, primary.count - 1)]
                guard spec.length <= end - q else { throw DecodeError(.truncated, offset: q, "item truncated") }
                for f in spec.fields where f.kind == .presence {
                    if spec.raw(f, in: base, start: q) != 0 { present.append(k) }
                    k += 1
                }
                q += spec.length
                if !spec.hasFX || base[q - 1] & 1 == 0 { break }
                i += 1
                guard i < 8 else { throw DecodeError(.fspecTooLong, offset: q, "compound primary never ends") }
            }
            var subs: [Int: ItemValue] = [:]
            for idx in present {
                guard idx < subitems.count else {
                    throw DecodeError(.undefinedItem, offset: p, "no sub-item \(idx + 1)")
                }
                let (v, r) = try decode(subitems[idx], base, at: q, end: end)
                subs[idx] = v
                q = r
            }
            return (.compound(subs), q)
        case .explicit:
            guard p < end else { throw DecodeError(.truncated, offset: p, "missing explicit length") }
            let len = Int(base[p])
            guard len >= 1, len <= end - p else {
                throw DecodeError(.badExplicitLength, offset: p, "explicit length \(len) invalid or overruns")
            }
            return (.explicit(Array(base[(p + 1)..<(p + len)])), p + len)
        }
    }

    /// Appends the octets of this value laid out as `format`.
    ///
    /// Precondition (programmer error): the value has the shape of `format` (subfield counts, raw values that
    /// fit their widths, at most 255 repetitions, explicit payload ≤ 254 octets).
    public func encode(_ format: ItemFormat, into out: inout [UInt8]) {
        switch (self, format) {
        case (.fixed(let raws), .fixed(let spec)):
            Self.appendPart(spec, raws, more: false, into: &out)
        case (.variable(let parts), .variable(let specs)):
            precondition(!parts.isEmpty, "a variable item needs at least one part")
            for (i, raws) in parts.enumerated() {
                Self.appendPart(specs[min(i, specs.count - 1)], raws, more: i < parts.count - 1, into: &out)
            }
        case (.repetitive(let elements), .repetitive(let spec)):
            precondition(elements.count <= 255, "REP is one octet")
            out.append(UInt8(elements.count))
            for raws in elements { Self.appendPart(spec, raws, more: false, into: &out) }
        case (.commB(let regs), .bds):
            precondition(regs.count <= 255, "REP is one octet")
            out.append(UInt8(regs.count))
            for r in regs {
                for k in (0..<8).reversed() { out.append(UInt8(truncatingIfNeeded: r &>> UInt64(8 * k))) }
            }
        case (.compound(let subs), .compound(let primary, let subitems)):
            let highest = subs.keys.max() ?? 0
            var k = 0
            var i = 0
            while true {
                let spec = primary[min(i, primary.count - 1)]
                var raws: [UInt64] = []
                var lastIndexInPart = k
                for f in spec.fields where f.kind != .fx {
                    if f.kind == .presence {
                        raws.append(subs[k] != nil ? 1 : 0)
                        lastIndexInPart = k
                        k += 1
                    } else {
                        raws.append(0)
                    }
                }
                let more = spec.hasFX && highest > lastIndexInPart
                Self.appendPart(spec, raws, more: more, into: &out)
                if !more { break }
                i += 1
            }
            for idx in subs.keys.sorted() { subs[idx]!.encode(subitems[idx], into: &out) }
        case (.explicit(let payload), .explicit):
            precondition(payload.count <= 254, "explicit length is one octet")
            out.append(UInt8(payload.count + 1))
            out.append(contentsOf: payload)
        default:
            preconditionFailure("item value \(self) does not match its format")
        }
    }

    static func appendPart(_ spec: PartSpec, _ raws: [UInt64], more: Bool, into out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: spec.length))
        var i = 0
        for f in spec.fields {
            let raw: UInt64
            if f.kind == .fx {
                raw = more ? 1 : 0
            } else {
                precondition(i < raws.count, "too few subfields for a \(spec.length)-octet part")
                raw = raws[i]
                i += 1
            }
            precondition(
                f.width >= 64 || raw >> UInt64(f.width) == 0,
                "\(f.name) = \(raw) does not fit \(f.width) bits"
            )
            // Spread raw over the octets holding bits lsb…msb.
            var bit = f.lsb
            var v = raw
            while bit <= f.msb {
                let byteIndex = start + spec.length - 1 - (bit - 1) / 8
                let shift = (bit - 1) % 8
                let take = min(8 - shift, f.msb - bit + 1)
                let chunk = UInt8(truncatingIfNeeded: v & ((1 &<< UInt64(take)) &- 1))
                out[byteIndex] |= chunk &<< UInt8(shift)
                v &>>= UInt64(take)
                bit += take
            }
        }
        precondition(i == raws.count, "too many subfields for a \(spec.length)-octet part")
    }
}
