import SkyASTERIX
import SkyTestSupport

/// Random structurally valid records drawn from a category's UAP (every subfield random over its width).
struct RandomRecords {
    var rng: SeededRandom

    mutating func bits(_ width: Int) -> UInt64 {
        width >= 64 ? rng.next() : rng.next() & ((1 &<< UInt64(width)) &- 1)
    }

    mutating func part(_ p: PartSpec) -> [UInt64] {
        p.fields.filter { $0.kind != .fx }.map { bits($0.width) }
    }

    mutating func value(_ f: ItemFormat) -> ItemValue {
        switch f {
        case .fixed(let p):
            return .fixed(part(p))
        case .variable(let ps):
            let n = 1 + Int(rng.next() % UInt64(ps.count + 1))
            return .variable((0..<n).map { part(ps[min($0, ps.count - 1)]) })
        case .repetitive(let p):
            return .repetitive((0..<Int(rng.next() % 4)).map { _ in part(p) })
        case .bds:
            return .commB((0..<Int(rng.next() % 4)).map { _ in rng.next() })
        case .compound(_, let subs):
            var d: [Int: ItemValue] = [:]
            for i in subs.indices where rng.next() % 4 == 0 { d[i] = value(subs[i]) }
            return .compound(d)
        case .explicit:
            return .explicit((0..<Int(rng.next() % 12)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        }
    }

    mutating func record(_ uap: UAP) -> ASTERIXRecord {
        var r = ASTERIXRecord(category: uap.category)
        while r.items.isEmpty {
            for (i, spec) in uap.items.enumerated() {
                if let spec, rng.next() % 3 == 0 { r.items[i + 1] = value(spec.format) }
            }
        }
        // CAT001: the plot UAP only holds for I001/020 TYP = 0 (TYP = 1 selects the track UAP).
        if uap.category == 1, case .variable(var parts)? = r.items[2], !parts.isEmpty, !parts[0].isEmpty {
            parts[0][0] = 0
            r.items[2] = .variable(parts)
        }
        return r
    }
}
