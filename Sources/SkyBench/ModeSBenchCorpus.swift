import Foundation
import SkyModeS
import SkyModel

/// Builds the benchmark's Beast corpus from the real fixtures (see `ModeSBench`).
enum ModeSBenchCorpus {
    struct Item {
        var frame: ModeSFrame
        var ticks: UInt64
        var signal: UInt8
    }

    /// One "session": the dump1090 Beast sample, then the rs1090 CDG departure (AVR, no time stamps:
    /// its 6000 frames are spread at their real mean rate, 1189 s / 6000).
    static func session(fixtures: String) throws -> (items: [Item], spanTicks: UInt64) {
        var items: [Item] = []
        let beast = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtures + "/dump1090_sample.beast")))
        var first: UInt64?
        var last: UInt64 = 0
        beast.withUnsafeBufferPointer { b in
            var p = BeastParser()
            p.parse(
                b,
                isFinal: true,
                onFrame: { f in
                    guard case .modeS(let frame) = f.content, let t = f.timestamp12MHz else { return }
                    if first == nil { first = t }
                    last = t - first!
                    items.append(Item(frame: frame, ticks: last, signal: f.signalLevel ?? 0))
                },
                onError: { _ in }
            )
        }
        let avr = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtures + "/rs1090_lfpg_departure.avr")))
        let step = UInt64(1189.467 / 6000 * 12_000_000)
        var t = last + 12_000_000
        avr.withUnsafeBufferPointer { b in
            var p = AVRParser()
            p.parse(
                b,
                isFinal: true,
                onFrame: { f in
                    guard case .modeS(let frame) = f.content else { return }
                    items.append(Item(frame: frame, ticks: t, signal: 40))
                    t += step
                },
                onError: { _ in }
            )
        }
        return (items, t + 12_000_000)
    }

    /// The same frame for another aircraft: the 24-bit address XOR `mask`, parity recomputed so that DF17/18
    /// stay valid, DF11 keeps its II code and address/parity formats overlay the new address.
    static func remap(_ f: ModeSFrame, mask: UInt32) -> ModeSFrame {
        guard mask != 0 else { return f }
        let df = f.downlinkFormat
        let remainder = CRC24.remainder(f)
        switch df {
        case 11, 17, 18:
            let shift = UInt128(f.isLong ? 96 : 96)
            let bits = f.bits ^ (UInt128(mask) << shift)
            return CRC24.withParity(ModeSFrame(bits: bits, isLong: f.isLong), overlay: remainder)
        case 0, 4, 5, 16, 20, 21:
            return CRC24.withParity(f, overlay: remainder ^ mask)
        default:
            return f
        }
    }

    /// A Beast byte stream of at least `frames` Mode S frames.
    static func beast(frames: Int, fixtures: String) throws -> [UInt8] {
        let (items, span) = try session(fixtures: fixtures)
        var out: [UInt8] = []
        out.reserveCapacity(frames * 24)
        var count = 0
        var repetition: UInt32 = 0
        while count < frames {
            // 4096 distinct address masks; consecutive repetitions overlap in time by a factor of 8 (the
            // shift is an eighth of the span) so about eight copies of each flight are live at once.
            let mask = (repetition % 4096) &* 0x9E5
            let offset = UInt64(repetition) * (span / 8)
            for it in items where count < frames {
                let f = remap(it.frame, mask: mask & 0xFF_FFFF)
                append(&out, frame: f, ticks: it.ticks + offset, signal: it.signal)
                count += 1
            }
            repetition += 1
        }
        return out
    }

    static func append(_ out: inout [UInt8], frame: ModeSFrame, ticks: UInt64, signal: UInt8) {
        @inline(__always) func put(_ b: UInt8) {
            out.append(b)
            if b == 0x1A { out.append(0x1A) }
        }
        out.append(0x1A)
        out.append(frame.isLong ? 0x33 : 0x32)
        for k in stride(from: 40, through: 0, by: -8) { put(UInt8(truncatingIfNeeded: ticks >> UInt64(k))) }
        put(signal)
        for k in 0..<frame.byteCount { put(frame.byte(k)) }
    }
}
