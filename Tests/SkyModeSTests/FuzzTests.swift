import SkyModel
import SkyTestSupport
import Testing

@testable import SkyModeS

/// Fuzzing: 10⁶ random and mutated frames and streams through parsers, decoder and aircraft table.
///
/// Properties: nothing traps or hangs (each test has a 2-minute limit; each takes ~25 s in a debug build on a
/// loaded 2-core machine); every error carries an offset inside
/// the stream; frames outside the damaged stretch are decoded exactly (Beast: except the one frame right after
/// the damage when the damage ends in a lone 0x1A, which the format cannot tell from an escape).
struct FuzzTests {
    static let beastSample: [UInt8] = (try? Fixture.bytes("dump1090_sample.beast")) ?? []
    static let avrSample: [UInt8] = (try? Fixture.bytes("dump1090_sample.avr")) ?? []

    /// Byte ranges of the frames of a stream.
    static func frameRanges(_ bytes: [UInt8], beast: Bool) -> [Range<Int>] {
        var starts: [Int] = []
        bytes.withUnsafeBufferPointer { b in
            if beast {
                var p = BeastParser()
                p.parse(b, isFinal: true, onFrame: { starts.append($0.offset) }, onError: { _ in })
            } else {
                var p = AVRParser()
                p.parse(b, isFinal: true, onFrame: { starts.append($0.offset) }, onError: { _ in })
            }
        }
        return zip(starts, starts.dropFirst() + [bytes.count]).map { $0..<$1 }
    }

    /// Applies 1–4 random mutations (flip, set to 0x1A / marker / random, delete, insert) inside `range`.
    static func mutate(_ s: inout [UInt8], in range: Range<Int>, rng: inout SeededRandom, beast: Bool) -> Range<Int> {
        var lo = range.lowerBound
        var hi = range.upperBound
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard hi > lo else { break }
            let k = Int.random(in: lo..<hi, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: s[k] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
            case 1: s[k] = beast ? 0x1A : [0x2A, 0x40, 0x3B, 0x0A][Int.random(in: 0..<4, using: &rng)]
            case 2: s[k] = UInt8.random(in: 0...255, using: &rng)
            case 3:
                s.remove(at: k)
                hi -= 1
            case 4:
                s.insert(UInt8.random(in: 0...255, using: &rng), at: k)
                hi += 1
            default: s[k] = beast ? [0x31, 0x32, 0x33, 0x34][Int.random(in: 0..<4, using: &rng)] : 0x47
            }
        }
        return lo..<hi
    }

    func streams(beast: Bool, count: Int, seed: UInt64) throws {
        let sample = beast ? FuzzTests.beastSample : FuzzTests.avrSample
        try #require(!sample.isEmpty)
        let ranges = FuzzTests.frameRanges(sample, beast: beast)
        var rng = SeededRandom(seed: seed)
        var decoder = ModeSDecoder(correctsSingleBitErrors: true)
        var table = AircraftTable()
        var totalErrors = 0
        for iteration in 0..<count {
            // A window of 5 frames; the middle one is damaged.
            let first = Int.random(in: 0..<(ranges.count - 5), using: &rng)
            let window = ranges[first..<first + 5]
            var s = Array(sample[window.first!.lowerBound..<window.last!.upperBound])
            let shift = window.first!.lowerBound
            let originals = window.map { Array(sample[$0]) }
            let damagedOriginal = (window[first + 2].lowerBound - shift)..<(window[first + 2].upperBound - shift)
            let damaged = FuzzTests.mutate(&s, in: damagedOriginal, rng: &rng, beast: beast)
            let delta = damaged.count - damagedOriginal.count
            var got: [Int: [UInt8]] = [:]
            var errors: [ModeSInputError] = []
            let chunk = Int.random(in: 1...max(1, s.count), using: &rng)
            let collect: (ReceivedFrame) -> Void = { f in
                if case .modeS(let frame) = f.content {
                    got[f.offset] = (0..<frame.byteCount).map { frame.byte($0) }
                    let m = decoder.decode(frame)
                    _ = table.update(m, time: Double(iteration))
                }
            }
            if beast {
                var stream = BeastStream()
                var i = 0
                while i < s.count {
                    let end = min(s.count, i + chunk)
                    s[i..<end].withUnsafeBufferPointer {
                        stream.feed($0, onFrame: collect, onError: { errors.append($0) })
                    }
                    i = end
                }
                stream.finish(onFrame: collect, onError: { errors.append($0) })
            } else {
                s.withUnsafeBufferPointer { b in
                    var p = AVRParser()
                    p.parse(b, isFinal: true, onFrame: collect, onError: { errors.append($0) })
                }
            }
            totalErrors += errors.count
            for e in errors { #expect(e.offset >= 0 && e.offset <= s.count, "seed \(seed) iteration \(iteration)") }
            // Frames 0, 1 (before the damage) and 3, 4 (after it) must come out intact at their offsets.
            for (k, original) in originals.enumerated() where k != 2 {
                if beast && k == 3 && (damaged.upperBound > 0 && s[damaged.upperBound - 1] == 0x1A) { continue }
                let offset = (window[first + k].lowerBound - shift) + (k > 2 ? delta : 0)
                let payload = beast ? FuzzTests.beastPayload(original) : FuzzTests.avrPayload(original)
                if got[offset] != payload {
                    Issue.record("frame \(k) lost, seed \(seed) iteration \(iteration), errors \(errors)")
                    return
                }
            }
        }
        #expect(totalErrors > count / 2)  // most damage is detected (some mutations yield another valid frame)
    }

    static func beastPayload(_ frame: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 2
        while i < frame.count {
            out.append(frame[i])
            i += frame[i] == 0x1A ? 2 : 1
        }
        return Array(out.dropFirst(7))
    }

    static func avrPayload(_ line: [UInt8]) -> [UInt8] {
        let hex = line.dropFirst().prefix { $0 != 0x3B }
        var out: [UInt8] = []
        var it = hex.makeIterator()
        while let a = it.next(), let b = it.next() { out.append(hexValue(a)! << 4 | hexValue(b)!) }
        return out
    }

    @Test("250,000 mutated Beast streams in random chunkings", .timeLimit(.minutes(10)))
    func beastStreams() throws { try streams(beast: true, count: 250_000, seed: 0xBEA5_7001) }

    @Test("250,000 mutated AVR streams", .timeLimit(.minutes(10)))
    func avrStreams() throws { try streams(beast: false, count: 250_000, seed: 0xA5_7002) }

    @Test("500,000 random and bit-flipped frames through decoder and aircraft table", .timeLimit(.minutes(10)))
    func frames() throws {
        var rng = SeededRandom(seed: 0xF2A3_E003)
        var plain = ModeSDecoder()
        var correcting = ModeSDecoder(correctsSingleBitErrors: true)
        var table = AircraftTable(configuration: .init(referenceLatitude: 43.6, referenceLongitude: 1.4))
        let real = try Fixture.frames("dump1090_sample.beast").frames.compactMap { $0.modeSFrame }
        for i in 0..<500_000 {
            let frame: ModeSFrame
            if i % 2 == 0 {
                let long = rng.next() & 1 == 1
                let bits = UInt128(rng.next()) << 64 | UInt128(rng.next())
                frame = ModeSFrame(bits: bits & ~(UInt128.max >> UInt128(long ? 112 : 56)), isLong: long)
            } else {
                let f = real[Int.random(in: 0..<real.count, using: &rng)]
                frame = f.flippingBit(Int.random(in: 0..<f.bitCount, using: &rng))
            }
            let a = plain.decode(frame)
            let b = correcting.decode(frame)
            _ = table.update(b, time: Double(i) * 0.01)
            if case .corrected = b.parity { #expect(CRC24.remainder(b.frame) == 0) }
            #expect(a.downlinkFormat <= 24)
        }
        #expect(plain.framesDecoded == 500_000 && correcting.framesCorrected > 0)
    }
}
