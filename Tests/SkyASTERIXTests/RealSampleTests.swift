import Foundation
import SkyASTERIX
import SkyModel
import Testing

/// Decoding of the real recordings against asterix-decoder 0.7.11's reference output (an independent decoder,
/// used as a reference only: our tables come from asterix-specs).
struct RealSampleTests {
    /// Reference subfields whose LSB asterix-decoder writes as a rounded decimal: one LSB of tolerance.
    static let roundedReferenceLSB: [String: Double] = [
        "I034/120.LAT": 180.0 / 8_388_608, "I034/120.Lon": 180.0 / 8_388_608,
    ]

    @Test("Every reference leaf is reproduced exactly", arguments: Fixture.names)
    func matchesReference(name: String) throws {
        // Our names are asterix-specs'; the reference's asterix-decoder's (see DecoderNames).
        let ours = Fixture.jsonLines(Fixture.bytes(name)).map(DecoderNames.translate)
        let refs = Fixture.references(name)
        #expect(ours.count == refs.count)
        var compared = 0
        for (o, r) in zip(ours, refs) {
            var ol: [String: Any] = [:]
            var rl: [String: Any] = [:]
            leaves(o, "", into: &ol)
            leaves(r, "", into: &rl)
            // Comm-B register contents (I048/250 entries other than BDS) are the reference decoder's own
            // expansion, which we do not print (as compare_asterix.py, they are optional).
            for (path, rv) in rl where path != "i" && !(path.hasPrefix("I048/250[") && !path.hasSuffix(".BDS")) {
                let ov = try #require(ol[path], "\(name): missing \(path)")
                if let rn = rv as? NSNumber, let on = ov as? NSNumber {
                    // Exact: both sides scale the same integer by the same power-of-two LSB, except where the
                    // reference's LSB is a rounded decimal (I034/120 LAT/LON: 2.145767e-05 for 180/2²³; ours is
                    // exact), which moves its value by less than one LSB.
                    let tolerance = Self.roundedReferenceLSB[
                        path.split(separator: ".").prefix(2).joined(separator: ".")
                    ]
                    #expect(
                        abs(rn.doubleValue - on.doubleValue) <= (tolerance ?? 0),
                        "\(name) \(path): \(on) vs \(rn)"
                    )
                } else if let rs = rv as? String, let os = ov as? String {
                    #expect(rs.trimmingCharacters(in: .whitespaces) == os.trimmingCharacters(in: .whitespaces))
                } else {
                    Issue.record("\(name) \(path): types differ")
                }
                compared += 1
            }
        }
        #expect(compared > 20)
    }

    @Test("CAT048 sample: typed values of the one record")
    func cat048Typed() throws {
        let bytes = Fixture.bytes("cat048")
        let r = try #require(Fixture.records(bytes).first)
        var report = CAT048Report()
        _ = try ItemSlots.decode(.cat048, bytes: bytes, start: r.start, end: r.end, into: &report.slots)
        #expect(report.dataSource == SensorID(sac: 25, sic: 201))
        #expect(report.timeOfDaySeconds == 27354.6015625)
        #expect(report.descriptor?.typ == 5)
        #expect(report.polar?.rangeNM == 197.68359375)
        #expect(report.polar?.azimuthDegrees == 340.13671875)
        #expect(report.mode3A?.code.octal == "1000")
        #expect(report.flightLevel?.flightLevel == 330)
        #expect(report.address?.hex == "3c660c")
        #expect(report.identification?.string == "DLH65A")
        #expect(report.trackNumber == 3563)
        #expect(report.groundSpeedKnots == 434.3994140625)
        #expect(report.headingDegrees == 124.002685546875)
        #expect(report.commB.count == 1)
        #expect(report.commB.first.map { $0 & 0xFF } == 0x40)
        #expect(report.capability == 0b001_000_0_0_1_1_1_1_0101)
    }

    @Test("Comm-B registers of the capture: BDS 4,0 and 6,0 typed values")
    func commBTyped() throws {
        let bytes = Fixture.bytes("cat_034_048_first25")
        var report = CAT048Report()
        var registers: [CommBRegister] = []
        for r in Fixture.records(bytes) where r.category == 48 {
            _ = try ItemSlots.decode(.cat048, bytes: bytes, start: r.start, end: r.end, into: &report.slots)
            registers += (0..<report.commBCount).map { CommBRegister(rawValue: report.commBRegister($0)) }
        }
        #expect(registers.filter { $0.bds == 0x40 }.count == 23)
        #expect(registers.filter { $0.bds == 0x60 }.count == 10)
        // First record (DLH65A): MCP 33008 ft, QNH setting 227.0 over 800 hPa; FMS status clear.
        let b40 = try #require(registers.first)
        #expect(b40.selectedAltitudeMCPFeet == 33008)
        #expect(b40.selectedAltitudeFMSFeet == nil)
        #expect(abs(b40.barometricSettingHPa! - 1027.0) < 1e-9)
        // First BDS 6,0 of the reference: HDG −45° (= 315°), IAS 251 kt, Mach 0.76, BAR 384 ft/min, IVV 64 ft/min.
        let b60 = try #require(registers.first { $0.bds == 0x60 })
        #expect(b60.magneticHeadingDegrees == 315)
        #expect(b60.indicatedAirspeedKnots == 251)
        #expect(abs(b60.mach! - 0.76) < 1e-12)
        #expect(b60.barometricVerticalRateFeetPerMinute == 384)
        #expect(b60.inertialVerticalRateFeetPerMinute == 64)
        #expect(b60.selectedAltitudeMCPFeet == nil)
    }

    @Test("CAT034 sample: sector crossing at 90°")
    func cat034Typed() throws {
        let bytes = Fixture.bytes("cat034")
        let r = try #require(Fixture.records(bytes).first)
        var m = CAT034Message()
        _ = try ItemSlots.decode(.cat034, bytes: bytes, start: r.start, end: r.end, into: &m.slots)
        #expect(m.messageType == .sectorCrossing)
        #expect(m.dataSource == SensorID(sac: 25, sic: 14))
        #expect(m.sectorAzimuthDegrees == 90)
        #expect(m.timeOfDay128.map { Double($0) / 128 } == 29906.3359375)
        #expect(m.commonStatus == 0b0100_0000)
    }

    @Test("CAT062 sample: first track's typed values")
    func cat062Typed() throws {
        let bytes = Fixture.bytes("cat_062_065")
        let recs = Fixture.records(bytes)
        #expect(recs.map(\.category) == [62, 62, 65])
        var t = CAT062TrackReport()
        _ = try ItemSlots.decode(.cat062, bytes: bytes, start: recs[0].start, end: recs[0].end, into: &t.slots)
        #expect(t.trackNumber == 4713)
        #expect(t.mode3A?.code.octal == "1275")
        #expect(t.timeOfTrack128.map { Double($0) / 128 } == 45827.3984375)
        #expect(t.latitudeDegrees == 41.167123317718506)
        #expect(t.longitudeDegrees == 15.708866715431213)
        #expect(t.velocity.map { Double($0.vx) / 4 } == 228.75)
        #expect(t.velocity.map { Double($0.vy) / 4 } == -47.25)
        #expect(t.address?.hex == "4ca7a8")
        #expect(t.measuredFlightLevel.map { Double($0) * 25 } == 39000)
    }

    @Test("The 25-packet capture holds 33 blocks: 12 CAT034 and 43 CAT048 records")
    func captureCounts() {
        let recs = Fixture.records(Fixture.bytes("cat_034_048_first25"))
        #expect(recs.filter { $0.category == 34 }.count == 12)
        #expect(recs.filter { $0.category == 48 }.count == 43)
    }
}
