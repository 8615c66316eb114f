import SkyASTERIX
import SkyModel
import SkyTestSupport
import Testing

/// CAT063 sensor status messages with the registration items I063/070, 080, 081, 090, 091.
struct CAT063RegistrationTests {
    static let sdps = SensorID(sac: 25, sic: 100)

    /// The engineering values of fixed item `frn` of a decoded CAT063 record, from the table (scale, sign).
    static func values(_ record: ASTERIXRecord, frn: Int) -> [Double]? {
        guard case .fixed(let raws)? = record.items[frn], case .fixed(let part)? = UAP.cat063.items[frn - 1]?.format
        else { return nil }
        return zip(part.fields.filter { $0.kind == .value }, raws).map { $0.value(raw: $1) }
    }

    @Test("One message against a hand-computed vector")
    func handComputedVector() throws {
        let r = CAT063Encoder.Registration(
            sensor: SensorID(sac: 25, sic: 12),
            timeOffsetSeconds: 0.3,
            rangeGainPPM: -16,
            rangeOffsetMetres: 180,
            azimuthOffset: 0.12 * .pi / 180
        )
        let block = ItemSlots.block([CAT063Encoder.registration(sdps: Self.sdps, time: 10, r)])
        // FSPEC FRN 1–8: FF 80. 010: 19 64. 015: 01. 030: 10 s × 128 = 0x000500. 050: 19 0C. 060: CON 0.
        // 070: 300 ms = 0x012C. 080: SRG −16 ppm / 10 ppm = −1.6 → −2 = FFFE; SRB 180 m / (1852/128 m) = 12.44
        // → 12 = 000C. 081: 0.12° / (360/65536)° = 21.85 → 22 = 0016. Block length 3 + 19 = 22.
        let expected: [UInt8] = [
            0x3F, 0x00, 0x16, 0xFF, 0x80, 0x19, 0x64, 0x01, 0x00, 0x05, 0x00, 0x19, 0x0C, 0x00, 0x01, 0x2C,
            0xFF, 0xFE, 0x00, 0x0C, 0x00, 0x16,
        ]
        #expect(block == expected, "\(block.map { String($0, radix: 16) })")
    }

    @Test(
        "Encode → decode with the table-driven decoder within half an LSB, negative values included",
        arguments: [false, true]
    )
    func roundTrip(primary: Bool) throws {
        var rng = SeededRandom(seed: primary ? 63 : 64)
        for n in 0..<200 {
            let r = CAT063Encoder.Registration(
                sensor: SensorID(sac: 1, sic: UInt8(n % 250)),
                isPrimary: primary,
                timeOffsetSeconds: rng.uniform(-2...2),
                rangeGainPPM: rng.uniform(-3000...3000),
                rangeOffsetMetres: rng.uniform(-2000...2000),
                azimuthOffset: rng.uniform(-0.05...0.05)
            )
            let block = ItemSlots.block([CAT063Encoder.registration(sdps: Self.sdps, time: 1_000 + Double(n), r)])
            let record = try #require(try ASTERIXRecord.decodeBlocks(block).first, "seed \(rng.seed)")
            #expect(record.category == 63)
            let time = try #require(Self.values(record, frn: 6)?.first)  // ms
            #expect(abs(time / 1000 - r.timeOffsetSeconds!) <= 0.0005 + 1e-12)
            // PSR items at FRN 9/10 (I063/090, 091), SSR/Mode S at FRN 7/8 (I063/080, 081); never both.
            let (rangeFRN, azimuthFRN) = primary ? (9, 10) : (7, 8)
            #expect(record.items[primary ? 7 : 9] == nil && record.items[primary ? 8 : 10] == nil)
            let range = try #require(Self.values(record, frn: rangeFRN))  // gain (dimensionless), bias NM
            #expect(abs(range[0] * 1e6 - r.rangeGainPPM!) <= 5 + 1e-9)
            #expect(abs(range[1] * 1852 - r.rangeOffsetMetres!) <= 1852.0 / 256 + 1e-9)
            let azimuth = try #require(Self.values(record, frn: azimuthFRN)?.first)  // degrees
            #expect(abs(azimuth - r.azimuthOffset! * 180 / .pi) <= 360.0 / 131_072 + 1e-12)
            // Re-encoding the decoded record gives the same octets.
            var slots = ItemSlots(category: 63)
            _ = try ItemSlots.decode(.cat063, bytes: block, start: 3, end: block.count, into: &slots)
            var again: [UInt8] = []
            slots.encode(into: &again)
            #expect(Array(block[3...]) == again)
        }
    }

    @Test("Unknown components are omitted, not sent as 0; out-of-range values are clamped")
    func omittedAndClamped() throws {
        // Only the azimuth: no I063/070, no I063/080 (the gain is unknown, so the range bias cannot go either).
        let partial = CAT063Encoder.Registration(
            sensor: SensorID(sac: 1, sic: 2),
            rangeOffsetMetres: 50,
            azimuthOffset: -0.001
        )
        let p = try #require(
            try ASTERIXRecord.decodeBlocks(
                ItemSlots.block([
                    CAT063Encoder.registration(sdps: Self.sdps, time: 0, partial)
                ])
            ).first
        )
        #expect(Set(p.items.keys) == [1, 2, 3, 4, 5, 8])
        let azimuthDegrees: Double = try #require(Self.values(p, frn: 8)?.first)
        let expectedDegrees: Double = -0.001 * 180 / Double.pi
        #expect(abs(azimuthDegrees - expectedDegrees) <= 360.0 / 131_072)
        #expect(!CAT063Encoder.Registration(sensor: SensorID(sac: 1, sic: 2), rangeGainPPM: 5).hasBiasItems)

        // Beyond the 16-bit range: the largest value of the item, with the sign.
        let huge = CAT063Encoder.Registration(
            sensor: SensorID(sac: 1, sic: 2),
            timeOffsetSeconds: -100,
            rangeGainPPM: 1e6,
            rangeOffsetMetres: -1e6,
            azimuthOffset: .pi
        )
        let h = try #require(
            try ASTERIXRecord.decodeBlocks(
                ItemSlots.block([
                    CAT063Encoder.registration(sdps: Self.sdps, time: 0, huge)
                ])
            ).first
        )
        #expect(h.items[6] == .fixed([0x8000]))  // −32768 ms
        #expect(h.items[7] == .fixed([0x7FFF, 0x8000]))  // SRG +0.32767, SRB −256 NM
        #expect(h.items[8] == .fixed([0x7FFF]))  // +180° − 1 LSB
    }

    @Test("The cycle encoder sends CAT063 at most every 10 s of data time, at the end, and at once after a seek back")
    func cycleEncoderInterval() throws {
        var encoder = CAT062CycleEncoder(sdps: Self.sdps)
        let r = [
            CAT063Encoder.Registration(sensor: SensorID(sac: 0, sic: 1), timeOffsetSeconds: 0.1),
            CAT063Encoder.Registration(sensor: SensorID(sac: 0, sic: 2)),  // nothing to send: no record
        ]
        var sentAt: [Double] = []
        for t in stride(from: 100.0, through: 125, by: 1) where !encoder.registrationBlocks(r, time: t).isEmpty {
            sentAt.append(t)
        }
        #expect(sentAt == [100, 110, 120])
        #expect(encoder.registrationBlocks(r, time: 120, final: true).isEmpty)
        let last = encoder.registrationBlocks(r, time: 125, final: true)
        let records = try ASTERIXRecord.decodeBlocks(last.flatMap { $0 })
        #expect(records.count == 1 && records[0].items[4] == .fixed([0, 1]))
        #expect(encoder.registrationBlocks([r[1]], time: 200).isEmpty)
        // Data time back (a replay sought back to 105 s): sent at once, then every 10 s from there.
        #expect(!encoder.registrationBlocks(r, time: 105).isEmpty)
        #expect(encoder.registrationBlocks(r, time: 114).isEmpty)
        #expect(!encoder.registrationBlocks(r, time: 115).isEmpty)
    }
}
