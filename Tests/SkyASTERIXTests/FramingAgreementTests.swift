import SkyTestSupport
import Testing

@testable import SkyASTERIX

/// The fast framing (`CompactFraming`, flat tables) and the table walker (`RecordWalker`) must agree on every
/// input: same record boundaries, same error code, offset and item.
struct FramingAgreementTests {
    static let seed: UInt64 = 0xA9EE_0000_0000_0062

    /// Decodes the records of one block both ways.
    static func both(_ bytes: [UInt8]) -> (walker: [String], compact: [String]) {
        bytes.withUnsafeBytes { base in
            guard base.count >= 3, let uap = UAP.forCategory(base[0]), let table = FramingTable.forCategory(base[0])
            else {
                return ([], [])
            }
            func run(_ f: (Int) throws(DecodeError) -> Int) -> [String] {
                var out: [String] = []
                var p = 3
                while p < base.count {
                    do throws(DecodeError) {
                        p = try f(p)
                        out.append("end \(p)")
                    } catch {
                        out.append("\(error.code) \(error.offset) \(error.item ?? "-")")
                        break
                    }
                }
                return out
            }
            var visitor = FramingVisitor()
            var locator = ItemLocator()
            let w = run { (p) throws(DecodeError) in
                try RecordWalker.walk(uap, base, start: p, end: base.count, visitor: &visitor)
            }
            // The production path: framing straight into ItemSlots (CAT021, with 49 FRNs, through the locator).
            var slots = ItemSlots(category: uap.category)
            let c = run { (p) throws(DecodeError) in
                if uap.items.count <= ItemSlots.capacity {
                    return try ItemSlots.decode(table, base, start: p, end: base.count, into: &slots)
                }
                locator.reset()
                return try CompactFraming.walk(table, base, start: p, end: base.count, locator: &locator)
            }
            return (w, c)
        }
    }

    @Test("Same boundaries and errors on 10^5 mutated blocks of every category")
    func agree() {
        var gen = RandomRecords(rng: SeededRandom(seed: Self.seed))
        var rng = SeededRandom(seed: Self.seed ^ 1)
        var disagreements = 0
        for n in 0..<100_000 {
            let uap = UAP.all[n % UAP.all.count]
            var block = ASTERIXRecord.block((0..<2).map { _ in gen.record(uap) })
            for _ in 0..<Int(rng.next() % 4) {
                let i = 3 + Int(rng.next() % UInt64(block.count - 3))
                block[i] =
                    rng.next() % 2 == 0
                    ? block[i] ^ (1 << UInt8(rng.next() % 8)) : UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.next() % 4 == 0 { block.removeLast(Int(rng.next() % UInt64(block.count - 3))) }
            let (w, c) = Self.both(block)
            if w != c {
                disagreements += 1
                if disagreements <= 3 {
                    Issue.record("seed \(Self.seed) #\(n) CAT\(uap.category): walker \(w) compact \(c)")
                }
            }
        }
        #expect(disagreements == 0)
    }
}
