import Foundation
import SkyASTERIX
import SkyTestSupport
import Testing

/// Mutated inputs through the block decoder: no crash, errors with offset (and item inside items), and the
/// valid block after a bad one still decodes.
struct FuzzTests {
    static let seed: UInt64 = 0xF022_0000_ABCD_0001

    /// Counts records that start at or after `tailStart`, and checks every error.
    struct CheckingSink: RecordSink {
        var tailStart = 0
        var tailRecords = 0
        var errors = 0
        var badErrors = 0
        var limit = 0
        mutating func beginRecord(category: UInt8, offset: Int) {}
        mutating func endRecord(end: Int) {}
        mutating func recordStarted(_ offset: Int) {}
        mutating func error(_ e: DecodeError) {
            errors += 1
            let itemExpected = e.code == .badRepetition || e.code == .badExplicitLength
            if e.offset < 0 || e.offset > limit || (itemExpected && e.item == nil) || e.message.isEmpty {
                badErrors += 1
            }
        }
    }

    struct TailCounter: RecordSink {
        var inner: CheckingSink
        var started = 0
        mutating func beginRecord(category: UInt8, offset: Int) { started = offset }
        mutating func endRecord(end: Int) { if started >= inner.tailStart { inner.tailRecords += 1 } }
        mutating func error(_ e: DecodeError) { inner.error(e) }
    }

    /// Valid blocks to mutate: the real samples and random records of every category.
    static func corpus() -> [[UInt8]] {
        var blocks: [[UInt8]] = []
        for name in Fixture.names {
            let bytes = Fixture.bytes(name)
            for (s, e) in Fixture.payloads(bytes) {
                var o = s
                while o + 3 <= e {
                    let len = Int(bytes[o + 1]) << 8 | Int(bytes[o + 2])
                    blocks.append(Array(bytes[o..<(o + len)]))
                    o += len
                }
            }
        }
        var gen = RandomRecords(rng: SeededRandom(seed: seed))
        for uap in UAP.all {
            for _ in 0..<20 { blocks.append(ASTERIXRecord.block((0..<3).map { _ in gen.record(uap) })) }
        }
        return blocks
    }

    @Test("10^6 mutated inputs: no crash, located errors, recovery at the next block")
    func fuzz() throws {
        let corpus = Self.corpus()
        let tail = corpus[0]  // the real CAT048 block: one record
        var rng = SeededRandom(seed: Self.seed)
        var buffer: [UInt8] = []
        var totalErrors = 0
        var lostTails = 0
        var badErrors = 0
        for n in 0..<1_000_000 {
            let base = corpus[Int(rng.next() % UInt64(corpus.count))]
            buffer.removeAll(keepingCapacity: true)
            buffer += base
            var headerIntact = true
            switch n % 8 {
            case 0, 1, 2:  // bit flips in the records
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let i = 3 + Int(rng.next() % UInt64(max(1, base.count - 3)))
                    if i < buffer.count { buffer[i] ^= 1 << UInt8(rng.next() % 8) }
                }
            case 3:  // truncation, with LEN fixed up so the block frame stays valid
                let cut = 3 + Int(rng.next() % UInt64(max(1, base.count - 3)))
                buffer.removeLast(buffer.count - min(cut, buffer.count))
                buffer[1] = UInt8(buffer.count >> 8)
                buffer[2] = UInt8(buffer.count & 0xFF)
            case 4:  // LEN too large or too small
                let len = rng.next() % 2 == 0 ? base.count + 1 + Int(rng.next() % 300) : Int(rng.next() % 3)
                buffer[1] = UInt8(truncatingIfNeeded: len >> 8)
                buffer[2] = UInt8(truncatingIfNeeded: len)
                headerIntact = false
            case 5:  // an FSPEC that never ends
                for i in 3..<buffer.count { buffer[i] = 0xFF }
            case 6:  // unknown category
                buffer[0] = [UInt8(7), 8, 10, 19, 20, 240, 255][Int(rng.next() % 7)]
            default:  // repetition factors / explicit lengths overrunning: large bytes sprayed over the records
                for _ in 0..<3 {
                    let i = 3 + Int(rng.next() % UInt64(max(1, base.count - 3)))
                    if i < buffer.count { buffer[i] = 0xF0 | UInt8(rng.next() % 16) }
                }
            }
            let tailStart = buffer.count
            buffer += tail
            var sink = TailCounter(inner: CheckingSink(tailStart: tailStart, limit: buffer.count))
            BlockDecoder.decode(buffer, into: &sink)
            totalErrors += sink.inner.errors
            badErrors += sink.inner.badErrors
            if headerIntact && sink.inner.tailRecords != 1 { lostTails += 1 }
        }
        #expect(badErrors == 0, "seed \(Self.seed)")
        #expect(lostTails == 0, "seed \(Self.seed): valid block after a bad one not decoded")
        #expect(totalErrors > 300_000)
    }

    @Test("Specific malformations give their error code, offset and item")
    func specificErrors() {
        // CAT048 block whose one record has I048/250 with REP = 200 (overruns).
        var b: [UInt8] = [48, 0, 0, 0x01, 0x20, 200, 1, 2, 3]
        b[2] = UInt8(b.count)
        var sink = RecordRangeSink()
        BlockDecoder.decode(b, into: &sink)
        #expect(sink.errors.first?.code == .badRepetition)
        #expect(sink.errors.first?.offset == 5)
        #expect(sink.errors.first?.item == "I048/250")
        // LEN larger than the data.
        sink = RecordRangeSink()
        BlockDecoder.decode([48, 0, 50, 0x80, 1, 2], into: &sink)
        #expect(sink.errors.first?.code == .badBlockLength)
        #expect(sink.errors.first?.offset == 1)
        // Unknown category, then a good CAT034 block that still decodes.
        sink = RecordRangeSink()
        let good: [UInt8] = [
            0x22, 0x00, 0x10, 0xF6, 0x19, 0x0E, 0x02, 0x3A, 0x69, 0x2B, 0x40, 0x88, 0x40, 0x40, 0x80, 0x00,
        ]
        BlockDecoder.decode([7, 0, 5, 0xAA, 0xBB] + good, into: &sink)
        #expect(sink.errors.first?.code == .unknownCategory)
        #expect(sink.ranges.count == 1 && sink.ranges.first?.category == 34)
        // FSPEC that never ends.
        sink = RecordRangeSink()
        BlockDecoder.decode([65, 0, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], into: &sink)
        #expect(sink.errors.first?.code == .fspecTooLong)
        // Truncated item: I048/040 needs 4 octets.
        sink = RecordRangeSink()
        BlockDecoder.decode([48, 0, 6, 0x10, 0x01, 0x02], into: &sink)
        #expect(sink.errors.first?.code == .truncated)
        #expect(sink.errors.first?.item == "I048/040")
        #expect(sink.errors.first?.offset == 4)
    }
}

/// The JSON-lines path on mutated input: every line printed is valid JSON with the record's category.
struct JSONFuzzTests {
    @Test("2·10^4 mutated blocks of every category through JSONLinesSink give parseable lines")
    func jsonLinesStayValid() throws {
        var gen = RandomRecords(rng: SeededRandom(seed: FuzzTests.seed ^ 0x15))
        var rng = SeededRandom(seed: FuzzTests.seed ^ 0x16)
        var lines = 0
        var invalid = 0
        for n in 0..<20_000 {
            var block = ASTERIXRecord.block((0..<2).map { _ in gen.record(UAP.all[n % UAP.all.count]) })
            for _ in 0..<Int(rng.next() % 3) {
                let i = 3 + Int(rng.next() % UInt64(block.count - 3))
                block[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            var out: [String] = []
            var sink = JSONLinesSink(input: block) { out.append($0) }
            BlockDecoder.decode(block, into: &sink)
            for line in out {
                lines += 1
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                if object?["cat"] as? Int != Int(block[0]) { invalid += 1 }
            }
        }
        #expect(lines > 20_000)
        #expect(invalid == 0, "seed \(FuzzTests.seed)")
    }
}
