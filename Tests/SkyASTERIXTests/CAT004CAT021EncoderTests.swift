import Foundation
import SkyASTERIX
import SkyGeodesy
import SkyModel
import SkyTestSupport
import Testing

/// CAT004 from alert events, CAT021 from ADS-B reports, and text fields padded with NUL.
struct CAT004CAT021EncoderTests {
    static func json(_ block: [UInt8]) -> (lines: [[String: Any]], errors: [DecodeError]) {
        var lines: [String] = []
        var sink = JSONLinesSink(input: block) { lines.append($0) }
        var ranges = RecordRangeSink()
        BlockDecoder.decode(block, into: &sink)
        BlockDecoder.decode(block, into: &ranges)
        return (lines.map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }, ranges.errors)
    }

    @Test("CAT004: an STCA start with its closest approach, and its end as End Of Conflict")
    func stca() throws {
        let t = 1_700_000_000.0
        let sdps = SensorID(sac: 25, sic: 100)
        let start = AlertEvent(
            alertID: 70_001,
            phase: .start,
            kind: .stca,
            time: t,
            tracks: [12, 345],
            closestApproach: ClosestApproach(time: t + 75.5, horizontalMetres: 1234.5, verticalMetres: 152.4)
        )
        let m = try #require(CAT004Encoder.record(for: start, sdps: sdps))
        #expect(m.messageTypeCode == 7)
        #expect(m.dataSource == sdps && m.sdps == sdps)
        #expect(m.alertID == UInt16(70_001 % 65_536))
        #expect(m.trackNumber1 == 12 && m.trackNumber2 == 345)
        #expect(m.timeOfMessage128 == ASTERIXTime.timeOfDay128(unixSeconds: t))
        let cpa = try #require(m.closestApproach)
        #expect(cpa.timeSeconds == 75.5 && cpa.horizontalMetres == 1234.5 && cpa.verticalFeet == 500)
        // Lossless and decodable: encode(decode(bytes)) == bytes, every item through the table walker.
        let block = ItemSlots.block([m.slots])
        var again = CAT004Message()
        _ = try ItemSlots.decode(.cat004, bytes: block, start: 3, end: block.count, into: &again.slots)
        #expect(again == m && ItemSlots.block([again.slots]) == block)
        let (lines, errors) = Self.json(block)
        #expect(errors.isEmpty)
        let line = try #require(lines.first)
        #expect((line["I004/000"] as? [String: Any])?["000"] as? Int == 7)
        #expect(((line["I004/070"] as? [String: Any])?["MHS"] as? [String: Any])?["MHS"] as? Double == 1234.5)
        var end = start
        end.phase = .end
        #expect(CAT004Encoder.record(for: end, sdps: sdps)?.messageTypeCode == 17)
    }

    @Test("CAT004: area alerts carry the area name; emergencies need a deployment's message type")
    func areaAndEmergency() throws {
        let t = 1_700_000_100.0
        let sdps = SensorID(sac: 1, sic: 2)
        let area = AlertEvent(alertID: 3, phase: .start, kind: .area, time: t, tracks: [77], area: "LFPG-R1")
        let m = try #require(CAT004Encoder.record(for: area, sdps: sdps))
        #expect(m.messageTypeCode == 5)
        #expect(m.areaName == "LFPG R1")  // '-' has no ICAO 6-bit code: a space
        #expect(m.trackNumber2 == nil)
        let emergency = AlertEvent(alertID: 4, phase: .start, kind: .emergency, time: t, tracks: [9], code: "7700")
        #expect(CAT004Encoder.record(for: emergency, sdps: sdps) == nil)
        let e = try #require(
            CAT004Encoder.record(for: emergency, sdps: sdps, messageTypes: [.emergency: 99])
        )
        #expect(e.messageTypeCode == 99 && e.mode3A1 == Mode3ACode(0o7700))
        let blocks = CAT004Encoder.blocks(
            for: [area, emergency],
            sdps: sdps,
            messageTypes: [.area: 5, .emergency: 99]
        )
        #expect(blocks.count == 1)
        let (lines, errors) = Self.json(blocks[0])
        #expect(errors.isEmpty && lines.count == 2)
        // 6-bit text prints all eight characters, blank-padded (as callsigns in I048/240).
        #expect(((lines[0]["I004/100"] as? [String: Any])?["AN"] as? [String: Any])?["AN"] as? String == "LFPG R1 ")
    }

    @Test("CAT021: ADSBReport → CAT021 → ADSBReport within the LSBs, 10^3 random reports")
    func adsbRoundTrip() throws {
        var rng = SeededRandom(seed: 0xAD5B_0021)
        let reference = 1_700_000_000.0
        for n in 0..<1000 {
            func u(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double(rng.next() % 1_000_000) / 1_000_000 }
            let baro = u(-1000, 45_000)
            let gnss = (baro + u(-500, 500)) * 0.3048
            let report = ADSBReport(
                time: reference + u(-3000, 3000),
                sensor: SensorID(sac: 25, sic: UInt8(n % 200)),
                address: ICAOAddress(UInt32(rng.next() % 0xFF_FFFF)),
                position: GeodeticPosition(
                    latitudeDegrees: u(-89, 89),
                    longitudeDegrees: u(-179.9, 179.9),
                    heightMetres: gnss
                ),
                barometricAltitudeFeet: baro,
                gnssHeightMetres: gnss,
                velocity: ENUVector(east: u(-250, 250), north: u(-250, 250), up: u(-30, 30)),
                callsign: Callsign(["AFR1234", "DLH65A", "EZY12AB"][n % 3]),
                modeA: Mode3ACode(UInt16(rng.next() % 4096)),
                nacP: UInt8(rng.next() % 12),
                nic: UInt8(rng.next() % 12),
                onGround: n % 7 == 0
            )
            let record = CAT021Encoder.record(for: report)
            let bytes = ASTERIXRecord.block([record])
            let decoded = try #require(try ASTERIXRecord.decodeBlocks(bytes).first)
            #expect(decoded == record)  // decode(encode(x)) == x
            #expect(ASTERIXRecord.block([decoded]) == bytes)  // encode(decode(bytes)) == bytes
            let back = try #require(CAT021Converter.report(decoded, nearReference: reference))
            // Tolerances: half an LSB of each item (I021/073 1/128 s, I021/131 180/2³⁰ °, I021/140 6.25 ft,
            // I021/145 ¼ FL, I021/160 2⁻¹⁴ NM/s and 360/2¹⁶ °, I021/157 6.25 ft/min).
            #expect(abs(back.time - report.time) <= 0.5 / 128 + 1e-6)
            #expect(back.address == report.address && back.sensor == report.sensor)
            #expect(abs(back.position.latitudeDegrees - report.position.latitudeDegrees) <= 90.0 / 1_073_741_824)
            #expect(abs(back.position.longitudeDegrees - report.position.longitudeDegrees) <= 90.0 / 1_073_741_824)
            #expect(abs(back.gnssHeightMetres! - gnss) <= 3.125 * 0.3048 + 1e-9)
            #expect(abs(back.position.heightMetres - gnss) <= 3.125 * 0.3048 + 1e-9)
            #expect(abs(back.barometricAltitudeFeet! - baro) <= 12.5 + 1e-9)
            let v = try #require(back.velocity)
            let speed =
                (report.velocity!.east * report.velocity!.east + report.velocity!.north * report.velocity!.north)
                .squareRoot()
            let dv =
                ((v.east - report.velocity!.east) * (v.east - report.velocity!.east)
                + (v.north - report.velocity!.north) * (v.north - report.velocity!.north)).squareRoot()
            #expect(dv <= 0.5 * 1852 / 16_384 + speed * .pi / 65_536 + 1e-9)
            #expect(abs(v.up - report.velocity!.up) <= 3.125 * 0.3048 / 60 + 1e-9)
            #expect(back.callsign == report.callsign && back.modeA == report.modeA)
            #expect(back.nacP == report.nacP && back.nic == report.nic && back.onGround == report.onGround)
        }
    }

    @Test("NUL-padded text (I062/390 callsign and runway) prints only its printable part")
    func nulPadding() throws {
        var r = ASTERIXRecord(category: 62)
        r.items[1] = .fixed([25, 100])  // I062/010
        r.items[4] = .fixed([0x123456])  // I062/070
        func ascii(_ s: [UInt8]) -> UInt64 { s.reduce(0) { $0 << 8 | UInt64($1) } }
        // I062/390: CS "AFR12" + two NULs; RDS "27" + NUL; DEP "LF" + NUL + 0x07 (a control octet).
        r.items[21] = .compound([
            1: .fixed([ascii(Array("AFR12".utf8) + [0, 0])]),
            6: .fixed([ascii(Array("LF".utf8) + [0, 7])]),
            8: .fixed([UInt64(Character("2").asciiValue!), UInt64(Character("7").asciiValue!), 0]),
        ])
        let block = ASTERIXRecord.block([r])
        var raw: [String] = []
        var sink = JSONLinesSink(input: block) { raw.append($0) }
        BlockDecoder.decode(block, into: &sink)
        let line = try #require(raw.first)
        // No control character, escaped or not, anywhere in the line.
        #expect(!line.contains("\\u00") && !line.unicodeScalars.contains { $0.value < 0x20 })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let fpps = try #require(object["I062/390"] as? [String: Any])
        #expect((fpps["CS"] as? [String: Any])?["CS"] as? String == "AFR12")
        #expect((fpps["DEP"] as? [String: Any])?["DEP"] as? String == "LF")
        let rds = try #require(fpps["RDS"] as? [String: Any])
        #expect(rds["NU1"] as? String == "2" && rds["NU2"] as? String == "7" && rds["LTR"] as? String == "")
        // The octets themselves are kept: re-encoding is lossless.
        #expect(ASTERIXRecord.block(try ASTERIXRecord.decodeBlocks(block)) == block)
    }
}
