import Foundation
import SkyASTERIX
import SkyModel

/// `skywatch-bench asterix --input FILE [--repeat N]`: decodes a raw CAT048 file (concatenated data blocks) on one
/// core, every item of every record into typed values (`CAT048Report` accessors in engineering units), and prints
/// records/s and MB/s. Build the ≥ 100 MB input with `scripts/bench-asterix.sh` (real samples, repeated).
enum ASTERIXBench {
    static func run(arguments: [String]) throws {
        var input: String?
        var repeats = 3
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--input":
                input = arguments[i + 1]
                i += 2
            case "--repeat":
                repeats = Int(arguments[i + 1]) ?? 3
                i += 2
            default: throw BenchError("unknown option \(arguments[i]) (use --input FILE [--repeat N])")
            }
        }
        guard let input else { throw BenchError("--input FILE is required (a raw CAT048 file)") }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: input)))
        var best = Double.infinity
        var records = 0
        var checksum = 0.0
        var errors = 0
        for _ in 0..<repeats {
            let t0 = Harness.now()
            let r = decodeAll(bytes)
            let t1 = Harness.now()
            best = min(best, Double(t1 - t0) / 1e9)
            records = r.records
            checksum = r.checksum
            errors = r.errors
        }
        let mb = Double(bytes.count) / 1e6
        print(
            String(
                format:
                    "skywatch asterix: %d records, %.1f MB, %d errors in %.3f s (best of %d): "
                    + "%.0f records/s, %.1f MB/s (checksum %.6e)",
                records,
                mb,
                errors,
                best,
                repeats,
                Double(records) / best,
                mb / best,
                checksum
            )
        )
        print(
            "{\"decoder\":\"skywatch\",\"records\":\(records),\"bytes\":\(bytes.count),\"seconds\":\(best),"
                + "\"records_per_s\":\(Double(records) / best),\"mb_per_s\":\(mb / best)}"
        )
    }

    /// Decodes every block and record; sums the typed values so none is optimised away.
    static func decodeAll(_ bytes: [UInt8]) -> (records: Int, checksum: Double, errors: Int) {
        var report = CAT048Report()
        var decoder = TypedRecordDecoder(category: 48)!
        var records = 0
        var errors = 0
        var sum = 0.0
        bytes.withUnsafeBytes { base in
            var off = 0
            while off + 3 <= base.count {
                let len = Int(base[off + 1]) << 8 | Int(base[off + 2])
                guard len >= 3, off + len <= base.count, base[off] == 48 else {
                    errors += 1
                    break
                }
                var p = off + 3
                while p < off + len {
                    do {
                        p = try decoder.decode(base, start: p, end: off + len, into: &report.slots)
                    } catch {
                        errors += 1
                        break
                    }
                    sum += typedSum(report)
                    records += 1
                }
                off += len
            }
        }
        return (records, sum, errors)
    }

    /// Every CAT048 item present, as typed values in engineering units.
    @inline(__always)
    static func typedSum(_ r: borrowing CAT048Report) -> Double {
        var s = 0.0
        if let id = r.dataSource { s += Double(id.packed) }
        if let t = r.timeOfDaySeconds { s += t }
        if let d = r.descriptor { s += Double(d.typ) + (d.spi ? 1 : 0) }
        if let p = r.polar { s += p.rangeMetres + p.azimuth }
        if let a = r.mode3A { s += Double(a.code.rawValue) + (a.garbled ? 1 : 0) }
        if let f = r.flightLevel { s += f.feet + (f.notValidated ? 1 : 0) }
        if let pc = r.plotCharacteristics {
            s += (pc.ssrRunLengthDegrees ?? 0) + Double(pc.ssrReplies ?? 0) + Double(pc.ssrAmplitudeDBm ?? 0)
            s += (pc.psrRunLengthDegrees ?? 0) + Double(pc.psrAmplitudeDBm ?? 0) + (pc.rangeDifferenceNM ?? 0)
            s += pc.azimuthDifferenceDegrees ?? 0
        }
        if let a = r.address { s += Double(a.rawValue) }
        if let c = r.identification { s += Double(c.bytes[0]) + Double(c.bytes[7]) }
        for i in 0..<r.commBCount {
            // Comm-B registers: BDS 4,0 / 5,0 / 6,0 fields in ICAO units (other registers: the BDS code).
            let b = CommBRegister(rawValue: r.commBRegister(i))
            s += Double(b.bds) + (b.selectedAltitudeMCPFeet ?? 0) + (b.selectedAltitudeFMSFeet ?? 0)
            s += (b.barometricSettingHPa ?? 0) + (b.rollAngleDegrees ?? 0) + (b.trueTrackDegrees ?? 0)
            s += (b.groundSpeedKnots ?? 0) + (b.trueAirspeedKnots ?? 0) + (b.magneticHeadingDegrees ?? 0)
            s += (b.indicatedAirspeedKnots ?? 0) + (b.mach ?? 0) + (b.barometricVerticalRateFeetPerMinute ?? 0)
            s += b.inertialVerticalRateFeetPerMinute ?? 0
        }
        if let tn = r.trackNumber { s += Double(tn) }
        if let xy = r.cartesian { s += Double(xy.x) / 128 + Double(xy.y) / 128 }
        if let v = r.groundSpeedKnots, let h = r.headingDegrees { s += v + h }
        if let st = r.trackStatusFirstOctet { s += Double(st >> 7) }
        if let h = r.height3DFeet { s += h }
        if let c = r.capability { s += Double(c >> 13) }
        return s
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
