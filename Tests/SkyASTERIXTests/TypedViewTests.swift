import SkyASTERIX
import SkyModel
import SkyTestSupport
import Testing

/// The hand-written typed views (`CAT048Report`) agree with the table-driven decoding of the same octets.
struct TypedViewTests {
    static let seed: UInt64 = 0x7E57_0048

    /// The engineering value of subfield `name` of fixed item `frn` in a generic record.
    static func value(_ r: ASTERIXRecord, _ frn: Int, _ name: String) -> Double? {
        guard case .fixed(let raws)? = r.items[frn], case .fixed(let part)? = UAP.cat048.items[frn - 1]?.format else {
            return nil
        }
        let fields = part.fields.filter { $0.kind != .fx }
        guard let i = fields.firstIndex(where: { $0.name == name }) else { return nil }
        return fields[i].value(raw: raws[i])
    }

    @Test("CAT048Report accessors equal the UAP-table values over 2·10^4 random records")
    func cat048Agrees() throws {
        var gen = RandomRecords(rng: SeededRandom(seed: Self.seed))
        var report = CAT048Report()
        typealias F = CAT048Report.FRN
        for n in 0..<20_000 {
            let g = gen.record(.cat048)
            let block = ASTERIXRecord.block([g])
            _ = try ItemSlots.decode(.cat048, bytes: block, start: 3, end: block.count, into: &report.slots)
            func check(_ typed: Double?, _ frn: Int, _ name: String, _ line: Int = #line) {
                let table = Self.value(g, frn, name)
                if typed != table {
                    let message =
                        "seed \(Self.seed) #\(n) line \(line): \(name) typed \(String(describing: typed)) "
                        + "table \(String(describing: table))"
                    Issue.record("\(message)")
                }
            }
            check(report.dataSource.map { Double($0.sac) }, F.dataSource, "SAC")
            check(report.timeOfDaySeconds, F.timeOfDay, "140")
            check(report.polar?.rangeNM, F.polar, "RHO")
            check(report.polar?.azimuthDegrees, F.polar, "THETA")
            check(report.mode3A.map { Double($0.code.rawValue) }, F.mode3A, "MODE3A")
            check(report.mode3A.map { $0.garbled ? 1 : 0 }, F.mode3A, "G")
            check(report.flightLevel?.flightLevel, F.flightLevel, "FL")
            check(report.address.map { Double($0.rawValue) }, F.address, "220")
            check(report.identificationRaw.map { Double($0) }, F.identification, "240")
            check(report.trackNumber.map(Double.init), F.trackNumber, "TRN")
            check(report.cartesian.map { Double($0.x) / 128 }, F.cartesian, "X")
            check(report.cartesian.map { Double($0.y) / 128 }, F.cartesian, "Y")
            check(report.groundSpeedKnots.map { $0 / 3600 }, F.velocity, "GSP")  // asterix-specs: NM/s
            check(report.headingDegrees, F.velocity, "HDG")
            check(report.trackQuality?.sigmaXNM, F.accuracy, "SIGX")
            check(report.trackQuality.map { $0.sigmaSpeedKnots / 3600 }, F.accuracy, "SIGV")
            check(report.trackQuality?.sigmaHeadingDegrees, F.accuracy, "SIGH")
            check(report.height3DFeet, F.height3D, "3DH")
            check(report.capability.map { Double($0 >> 13) }, F.capability, "COM")
            check(report.mode1.map { Double($0.code) }, F.mode1, "MODE1")
            check(report.mode2.map { Double($0.code.rawValue) }, F.mode2, "MODE2")
            check(report.modeCCode.map { Double($0.code) }, F.modeCConfidence, "MODEC")
            if case .commB(let regs)? = g.items[F.commB] {
                #expect(
                    report.commBCount == regs.count
                        && (0..<regs.count).allSatisfy { report.commBRegister($0) == regs[$0] }
                )
            } else {
                #expect(report.commBCount == 0)
            }
        }
    }
}
