import SkyASTERIX
import SkyGeodesy
import SkyModel
import Testing

/// CAT021 2.6 ADS-B target reports → `ADSBReport`.
struct CAT021ConversionTests {
    @Test("A CAT021 report built field by field converts with the specification's LSBs")
    func converts() throws {
        var r = ASTERIXRecord(category: 21)
        r.items[1] = .fixed([25, 7])  // I021/010 SAC/SIC
        // I021/040: ATP, ARC, RC, RAB; then DCR, GBS = 1, SIM, TST, SAA, CL.
        r.items[2] = .variable([[1, 0, 0, 0], [0, 1, 0, 0, 0, 0]])
        r.items[7] = .fixed([
            UInt64(bitPattern: Int64(Int32(48.5 / 180 * 1_073_741_824))) & 0xFFFF_FFFF,
            UInt64(bitPattern: Int64(Int32(-2.25 / 180 * 1_073_741_824))) & 0xFFFF_FFFF,
        ])
        r.items[11] = .fixed([0x3C6DD4])  // I021/080
        r.items[12] = .fixed([36_000 * 128])  // I021/073: 10:00:00 UTC
        r.items[16] = .fixed([UInt64(UInt16(bitPattern: 1600))])  // I021/140: 1600 × 6.25 ft = 10000 ft
        r.items[19] = .fixed([0, 0o7700])  // I021/070
        r.items[21] = .fixed([UInt64(UInt16(bitPattern: 380 * 4))])  // I021/145: FL380
        r.items[26] = .fixed([0, 8192, 16384])  // I021/160: RE, GS 0.5 NM/s, TA 90°
        let bytes = ASTERIXRecord.block([r])
        let decoded = try #require(try ASTERIXRecord.decodeBlocks(bytes).first)
        let reference = 1_700_000_000.0  // 2023-11-14 22:13:20 UTC
        let a = try #require(CAT021Converter.report(decoded, nearReference: reference))
        #expect(a.address == ICAOAddress(0x3C6DD4))
        #expect(a.sensor == SensorID(sac: 25, sic: 7))
        // 10:00:00 UTC nearest the reference (22:13:20): the next day's, 11 h 46 min 40 s later.
        #expect(a.time == reference - 80_000 + 86_400 + 36_000)
        #expect(abs(a.position.latitudeDegrees - 48.5) < 180.0 / 1_073_741_824)
        #expect(abs(a.position.longitudeDegrees + 2.25) < 180.0 / 1_073_741_824)
        #expect(a.barometricAltitudeFeet == 38_000)
        #expect(a.gnssHeightMetres == 10_000 * 0.3048)
        #expect(a.modeA == Mode3ACode(0o7700))
        #expect(a.onGround)
        let v = try #require(a.velocity)
        #expect(abs(v.east - 926) < 1e-9 && abs(v.north) < 1e-9)
    }
}
