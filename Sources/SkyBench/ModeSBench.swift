import Foundation
import SkyModeS
import SkyModel

#if canImport(Glibc)
import Glibc
#endif

/// `skywatch-bench modes`: throughput of the full Mode S path on a Beast file of real-shaped frames:
/// Beast parsing → CRC/field decoding → CPR pairing → aircraft table (with plausibility) on one core.
///
/// The corpus repeats the real samples in `Tests/SkyModeSTests/Fixtures` (traffic 2.13 dump1090 Beast
/// sample and the rs1090 CDG departure) with, per repetition, the time stamps shifted forward and the
/// aircraft addresses remapped (parity recomputed), so the table sees many aircraft, not five.
enum ModeSBench {
    struct Options {
        var frames = 1_000_000
        var input: String?
        var write: String?
        var repeats = 5
        var fixtures = "Tests/SkyModeSTests/Fixtures"
    }

    static func run(arguments: [String]) throws {
        var o = Options()
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            let v = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch a {
            case "--frames":
                o.frames = Int(v) ?? o.frames
                i += 1
            case "--input":
                o.input = v
                i += 1
            case "--write":
                o.write = v
                i += 1
            case "--repeats":
                o.repeats = Int(v) ?? o.repeats
                i += 1
            case "--fixtures":
                o.fixtures = v
                i += 1
            default: throw ValidationFailure("unknown option \(a) (use --frames N --input F --write F --repeats N)")
            }
            i += 1
        }
        let bytes: [UInt8]
        if let input = o.input {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: input)))
        } else {
            bytes = try ModeSBenchCorpus.beast(frames: o.frames, fixtures: o.fixtures)
        }
        if let w = o.write {
            try Data(bytes).write(to: URL(fileURLWithPath: w))
            print("wrote \(w): \(bytes.count) bytes")
        }
        // Both wall time and this thread's CPU time are measured; on a shared machine the CPU time is the
        // honest "one core" figure (wall time includes slices given to other processes). Best of N passes.
        var best = Double.infinity
        var bestCPU = Double.infinity
        var result = ModeSBenchResult()
        for _ in 0..<max(1, o.repeats) {
            let c0 = threadCPUSeconds()
            let start = ContinuousClock.now
            let r = fullDecode(bytes)
            let s = (ContinuousClock.now - start) / .seconds(1)
            bestCPU = min(bestCPU, threadCPUSeconds() - c0)
            if s < best {
                best = s
                result = r
            }
        }
        func time(_ body: () -> Int) -> Double {
            var b = Double.infinity
            for _ in 0..<max(1, o.repeats) {
                let start = ContinuousClock.now
                blackHole(body())
                b = min(b, (ContinuousClock.now - start) / .seconds(1))
            }
            return b
        }
        let parseOnlySeconds = time { parseOnly(bytes) }
        let parseDecodeSeconds = time { parseAndDecode(bytes) }
        let n = Double(result.frames)
        print("{\"stage\": \"beast_parse\", \"ns_per_frame\": \(String(format: "%.1f", parseOnlySeconds * 1e9 / n))}")
        print(
            "{\"stage\": \"beast_parse+decode\", \"ns_per_frame\": \(String(format: "%.1f", parseDecodeSeconds * 1e9 / n))}"
        )
        let fps = Double(result.frames) / best
        print(
            """
            {"benchmark": "modes", "bytes": \(bytes.count), "frames": \(result.frames), \
            "seconds": \(String(format: "%.4f", best)), "frames_per_second": \(Int(fps)), \
            "ns_per_frame": \(String(format: "%.1f", best * 1e9 / Double(result.frames))), \
            "cpu_seconds": \(String(format: "%.4f", bestCPU)), "cpu_frames_per_second": \(Int(Double(result.frames) / bestCPU)), \
            "df17_valid": \(result.adsb), "global_positions": \(result.global), \
            "local_positions": \(result.local), "rejected_positions": \(result.rejected), \
            "aircraft": \(result.aircraft), "input_errors": \(result.errors), "checksum": \(result.checksum)}
            """
        )
    }

    struct ModeSBenchResult {
        var frames = 0, adsb = 0, global = 0, local = 0, rejected = 0, aircraft = 0, errors = 0
        var checksum = 0
    }

    static func parseOnly(_ bytes: [UInt8]) -> Int {
        var parser = BeastParser()
        var n = 0
        bytes.withUnsafeBufferPointer { b in
            parser.parse(
                b,
                isFinal: true,
                onFrame: { f in
                    if case .modeS(let fr) = f.content { n &+= Int(fr.byte(1)) }
                },
                onError: { _ in }
            )
        }
        return n
    }

    static func parseAndDecode(_ bytes: [UInt8]) -> Int {
        var parser = BeastParser()
        var decoder = ModeSDecoder()
        var n = 0
        bytes.withUnsafeBufferPointer { b in
            parser.parse(
                b,
                isFinal: true,
                onFrame: { f in
                    if case .modeS(let fr) = f.content { n &+= Int(decoder.decode(fr).address.rawValue & 1) }
                },
                onError: { _ in }
            )
        }
        return n
    }

    /// Full path: parse, decode, table update (one pass; the table expires every 60 s of data time).
    static func fullDecode(_ bytes: [UInt8]) -> ModeSBenchResult {
        var parser = BeastParser()
        var decoder = ModeSDecoder()
        // Reference at Paris CDG (the rs1090 recording): surface CPR needs one.
        var table = AircraftTable(configuration: .init(referenceLatitude: 49.0, referenceLongitude: 2.57))
        var r = ModeSBenchResult()
        var nextExpiry = 0.0
        bytes.withUnsafeBufferPointer { b in
            parser.parse(
                b,
                isFinal: true,
                onFrame: { f in
                    guard case .modeS(let frame) = f.content else { return }
                    let t = Double(f.timestamp12MHz ?? 0) * (1 / 12_000_000.0)
                    let m = decoder.decode(frame)
                    let u = table.update(m, time: t)
                    r.frames &+= 1
                    if case .adsb = m.content, m.parity.isValid { r.adsb &+= 1 }
                    if u.positionAccepted { r.checksum &+= u.index ?? 0 }
                    if t >= nextExpiry {
                        table.expire(now: t)
                        nextExpiry = t + 60
                    }
                },
                onError: { _ in r.errors &+= 1 }
            )
        }
        r.global = table.globalPositions
        r.local = table.localPositions
        r.rejected = table.rejectedPositions
        r.aircraft = table.count
        return r
    }
}

struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

@inline(never) func blackHole(_ x: Int) {
    if x == 0x7FFF_FFFF_FFFF { print(x) }
}
