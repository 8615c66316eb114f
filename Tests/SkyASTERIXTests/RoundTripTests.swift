import SkyASTERIX
import SkyTestSupport
import Testing

/// decode(encode(x)) == x and encode(decode(bytes)) == bytes.
struct RoundTripTests {
    static let seed: UInt64 = 0x5EED_A57E_21C0_FFEE

    @Test(
        "encode(decode(bytes)) == bytes for every real record (field level and typed slots)",
        arguments: Fixture.names
    )
    func realRecords(name: String) throws {
        let bytes = Fixture.bytes(name)
        for r in Fixture.records(bytes) {
            let original = Array(bytes[r.start..<r.end])
            let (record, end) = try ASTERIXRecord.decode(category: r.category, bytes: bytes, start: r.start, end: r.end)
            #expect(end == r.end)
            #expect(record.encoded() == original, "\(name) record at \(r.start)")
            var slots = ItemSlots(category: r.category)
            _ = try ItemSlots.decode(
                UAP.forCategory(r.category)!,
                bytes: bytes,
                start: r.start,
                end: r.end,
                into: &slots
            )
            var out: [UInt8] = []
            slots.encode(into: &out)
            #expect(out == original)
        }
    }

    /// 10^5 records for each category Skywatch encodes; 10^4 for CAT021 (49 FRNs: generic records only).
    @Test("decode(encode(x)) == x over 10^5 random records", arguments: [UInt8(1), 2, 4, 21, 34, 48, 62, 63, 65])
    func randomRecords(category: UInt8) throws {
        let count = category == 21 ? 10_000 : 100_000
        let uap = try #require(UAP.forCategory(category))
        var gen = RandomRecords(rng: SeededRandom(seed: Self.seed ^ UInt64(category)))
        var failures = 0
        for n in 0..<count {
            let x = gen.record(uap)
            let block = ASTERIXRecord.block([x])
            let decoded = try ASTERIXRecord.decodeBlocks(block)
            if decoded != [x] {
                failures += 1
                if failures < 3 { Issue.record("seed \(Self.seed) CAT\(category) #\(n): \(x) → \(decoded)") }
                continue
            }
            // Typed slots (categories with ≤ 40 FRNs): decode → encode gives the same octets, and
            // decoding those again gives the same typed value.
            guard uap.items.count <= ItemSlots.capacity else { continue }
            var slots = ItemSlots(category: category)
            _ = try ItemSlots.decode(uap, bytes: block, start: 3, end: block.count, into: &slots)
            let again = ItemSlots.block([slots])
            if again != block { failures += 1 }
            var slots2 = ItemSlots(category: category)
            _ = try ItemSlots.decode(uap, bytes: again, start: 3, end: again.count, into: &slots2)
            if slots2 != slots { failures += 1 }
        }
        #expect(failures == 0, "seed \(Self.seed)")
    }
}
