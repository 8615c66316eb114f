import RealModule
import SkyGeodesy
public import SkyModel

/// Builds ASTERIX CAT021 2.6 ADS-B target reports from `ADSBReport`s (an ADS-B ground station's output), the
/// inverse of `CAT021Converter.report(_:nearReference:)`.
///
/// Items written (LSBs of the specification; values rounded to the nearest LSB and clamped to the field):
/// ```
/// I021/010  SAC/SIC of report.sensor (0/0 when unknown)
/// I021/040  ATP 1 (24-bit ICAO address), GBS from onGround (first extension)
/// I021/073  time of reception of position, 1/128 s of the UTC day
/// I021/131  high-resolution position, 180/2³⁰ °
/// I021/080  target address
/// I021/140  geometric height, 6.25 ft            (from gnssHeightMetres)
/// I021/090  NUCp/NIC and NACp                       (NACp in the first extension)
/// I021/070  Mode 3/A
/// I021/145  flight level, 1/4 FL                    (from barometricAltitudeFeet)
/// I021/157  geometric vertical rate, 6.25 ft/min    (from velocity.up)
/// I021/160  ground speed 2⁻¹⁴ NM/s, track angle 360/2¹⁶ °  (from velocity east/north)
/// I021/170  target identification, eight ICAO 6-bit characters
/// ```
/// The position's height is not sent as such: the converter rebuilds it from I021/140, else I021/145.
public enum CAT021Encoder {
    /// The CAT021 record of `report`.
    public static func record(for report: ADSBReport) -> ASTERIXRecord {
        let uap = UAP.cat021
        var r = ASTERIXRecord(category: 21)
        func put(_ id: String, _ values: [String: Int64]) {
            guard let frn = uap.frn(of: id), let spec = uap.items[frn - 1] else { return }
            switch spec.format {
            case .fixed(let p):
                r.items[frn] = .fixed(raws(p, values))
            case .variable(let ps):
                // As many parts as needed for the last named field, FX chaining them.
                var last = 0
                for (i, p) in ps.enumerated() where p.fields.contains(where: { values[$0.name] != nil }) { last = i }
                r.items[frn] = .variable((0...last).map { raws(ps[$0], values) })
            default:
                preconditionFailure("I021/\(id) is not fixed or extended")
            }
        }
        let sensor = report.sensor ?? SensorID(sac: 0, sic: 0)
        put("010", ["SAC": Int64(sensor.sac), "SIC": Int64(sensor.sic)])
        put("040", ["ATP": 1, "GBS": report.onGround ? 1 : 0])
        put("073", ["073": Int64(ASTERIXTime.timeOfDay128(unixSeconds: report.time))])
        let lsb = 180.0 / Double(1 << 30)
        put(
            "131",
            [
                "LAT": Int64((report.position.latitudeDegrees / lsb).rounded()),
                "LON": Int64((report.position.longitudeDegrees / lsb).rounded()),
            ]
        )
        put("080", ["080": Int64(report.address.rawValue)])
        if let h = report.gnssHeightMetres { put("140", ["140": clamp(h / 0.3048 / 6.25, bits: 16)]) }
        if report.nacP != nil || report.nic != nil {
            var q: [String: Int64] = ["NUCPNIC": Int64(report.nic ?? 0)]
            if let n = report.nacP { q["NACP"] = Int64(n) }
            put("090", q)
        }
        if let a = report.modeA { put("070", ["MODE3A": Int64(a.rawValue)]) }
        if let ft = report.barometricAltitudeFeet { put("145", ["145": clamp(ft / 25, bits: 16)]) }
        if let v = report.velocity {
            put("157", ["GVR": clamp(v.up / 0.3048 * 60 / 6.25, bits: 15)])
            let speedNMs = (v.east * v.east + v.north * v.north).squareRoot() / 1852
            var track = Double.atan2(y: v.east, x: v.north) * 180 / .pi
            if track < 0 { track += 360 }
            put(
                "160",
                [
                    "GS": Int64(max(0, min(32_767, (speedNMs * 16_384).rounded()))),
                    "TA": Int64((track / 360 * 65_536).rounded()) & 0xFFFF,
                ]
            )
        }
        if let c = report.callsign { put("170", ["170": Int64(SixBitText.encode(c.string, count: 8))]) }
        return r
    }

    /// Data blocks (each ≤ `maxBlockBytes`) holding the records of `reports`.
    public static func blocks(for reports: [ADSBReport], maxBlockBytes: Int = 1400) -> [[UInt8]] {
        var blocks: [[UInt8]] = []
        var current: [ASTERIXRecord] = []
        var size = 3
        for rep in reports {
            let r = record(for: rep)
            let n = r.encoded().count
            if !current.isEmpty && size + n > maxBlockBytes {
                blocks.append(ASTERIXRecord.block(current))
                current = []
                size = 3
            }
            current.append(r)
            size += n
        }
        if !current.isEmpty { blocks.append(ASTERIXRecord.block(current)) }
        return blocks
    }

    /// The raw fields of `part` (FX excluded), from `values` by name (two's complement cut to the width), 0 else.
    static func raws(_ part: PartSpec, _ values: [String: Int64]) -> [UInt64] {
        part.fields.filter { $0.kind != .fx }.map { f in
            guard f.kind == .value, let v = values[f.name] else { return 0 }
            return UInt64(bitPattern: v) & (f.width >= 64 ? ~0 : (1 &<< UInt64(f.width)) &- 1)
        }
    }

    /// `x` rounded and clamped to a signed field of `bits`.
    static func clamp(_ x: Double, bits: Int) -> Int64 {
        let hi = Double((1 << (bits - 1)) - 1)
        return Int64(max(-hi - 1, min(hi, x.rounded())))
    }
}
