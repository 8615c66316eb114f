import Foundation
import SkyGeodesy
import SkyModel
import SkyScenario
import Testing

struct ScenarioTests {
    static var tiny: String { Bundle.module.url(forResource: "Fixtures/tiny", withExtension: nil)!.path }

    @Test("The tiny fixture loads with every column converted to SI units")
    func loadsTiny() throws {
        let s = try Scenario.load(directory: Self.tiny)
        #expect(s.name == "tiny")
        #expect(s.epochUnixSeconds == 1_633_615_201)
        #expect(s.radars.count == 2)
        let r1 = s.radars[0].description
        #expect(r1.id == SensorID(sac: 0, sic: 1))
        #expect(r1.kind == .modeS)
        #expect(abs(r1.azimuthSigma - 0.06 * .pi / 180) < 1e-15)
        #expect(abs(r1.site.latitudeDegrees - 49.3) < 1e-12)
        #expect(s.plots.count == 8)
        let p4 = s.plots[3]
        #expect(p4.plotID == 4)
        #expect(p4.time == 1_633_615_201 + 1.25)
        #expect(p4.slantRangeMetres == 66893.0)
        #expect(abs(p4.azimuth - 109.6934 * .pi / 180) < 1e-15)
        #expect(p4.modeCFeet == 9425)
        #expect(p4.modeA?.octal == "0672")
        #expect(p4.address?.hex == "39c422")
        #expect(p4.kind == .modeS)
        #expect(s.plots[0].kind == .primary)
        #expect(s.plots[5].modeA == nil && s.plots[5].modeCFeet == 4600)
    }

    @Test("Truth rows load with codes and coverage counts")
    func loadsTruth() throws {
        let t = try Scenario.loadTruth(directory: Self.tiny)
        #expect(t.count == 3)
        #expect(t[0].truthID == 1 && t[0].time == 0 && t[0].icao24?.hex == "02a195" && t[0].coverageCount == 2)
        #expect(t[2].icao24 == nil && t[2].modeA == nil && t[2].altitudeMetres == 10000)
    }

    @Test("A truth file with a class column gives each row its class; a file without it reads as before")
    func loadsTruthClass() throws {
        #expect(try Scenario.loadTruth(directory: Self.tiny).allSatisfy { $0.targetClass == nil })
        let dir = try corrupted("truth.csv", "mode_a,n_cov\n", "mode_a,n_cov,class\n")
        var text = try String(contentsOfFile: dir + "/truth.csv", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        text =
            ([String(lines[0])] + zip(lines.dropFirst(), [",airliner", ",airliner", ","]).map { $0 + $1 })
            .joined(separator: "\n") + "\n"
        try text.write(toFile: dir + "/truth.csv", atomically: true, encoding: .utf8)
        let t = try Scenario.loadTruth(directory: dir)
        #expect(t.map(\.targetClass) == ["airliner", "airliner", nil])
        #expect(t[0].coverageCount == 2 && t[0].icao24?.hex == "02a195")
    }

    @Test("The built-in scenario is embedded and covers 10 minutes of real flights")
    func builtin() throws {
        let s = try Scenario.builtin()
        #expect(s.radars.count == 3)
        #expect(s.durationSeconds == 600)
        #expect(s.plots.count == 10_679)
        #expect(s.plots.last!.time - s.epochUnixSeconds <= 600)
        let truth = try Scenario.loadTruth(directory: "builtin")
        #expect(Set(truth.map(\.truthID)).count == 42)
    }

    /// Copies the fixture to a temporary folder, replaces `old` by `new` in `file`, and returns the folder.
    func corrupted(_ file: String, _ old: String, _ new: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skywatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["sensors.json", "plots.csv", "truth.csv"] {
            var text = try String(contentsOfFile: Self.tiny + "/" + name, encoding: .utf8)
            if name == file {
                #expect(text.contains(old))
                text = text.replacingOccurrences(of: old, with: new)
            }
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    /// A corruption of one fixture file and where the error must point.
    struct Corruption: Sendable, CustomTestStringConvertible {
        var file: String, old: String, new: String, line: Int, column: Int, text: String
        var testDescription: String { "\(file): \(text)" }
    }

    static let corruptions: [Corruption] = [
        Corruption(
            file: "plots.csv",
            old: "4,1.250,1,0,66893.0",
            new: "4,1.250,1,0,668x3.0",
            line: 5,
            column: 13,
            text: "range_m"
        ),
        Corruption(file: "plots.csv", old: "6,4.163,2,1", new: "6,4.1z3,2,1", line: 7, column: 3, text: "time"),
        Corruption(
            file: "plots.csv",
            old: ",0672,39c422\n5",
            new: ",0692,39c422\n5",
            line: 5,
            column: 35,
            text: "mode_a"
        ),
        Corruption(file: "plots.csv", old: "8,9.001,2,2", new: "8,9.001,7,2", line: 9, column: 9, text: "radar_id 7"),
        Corruption(file: "plots.csv", old: "5,4.037", new: "5,0.037", line: 6, column: 3, text: "earlier"),
        Corruption(
            file: "plots.csv",
            old: "plot_id,time,radar_id",
            new: "plot_id,tme,radar_id",
            line: 1,
            column: 1,
            text: "missing column 'time'"
        ),
        Corruption(
            file: "truth.csv",
            old: "1,1,48.998429",
            new: "1,1,98.998429",
            line: 3,
            column: 5,
            text: "lat out of range"
        ),
        Corruption(
            file: "sensors.json",
            old: "\"sigma_range_m\": 30.0",
            new: "\"sigma_range_m\": \"x\"",
            line: 13,
            column: 4,
            text: "sigma_range_m"
        ),
        Corruption(
            file: "sensors.json",
            old: "\"duration_s\": 20,",
            new: "\"duration_s\": 20,,",
            line: 6,
            column: 0,
            text: "invalid JSON"
        ),
    ]

    @Test("Malformed input names file, line and column", arguments: corruptions)
    func malformed(_ c: Corruption) throws {
        let (file, old, new, line, column, text) = (c.file, c.old, c.new, c.line, c.column, c.text)
        let dir = try corrupted(file, old, new)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try Scenario.load(directory: dir)
            if file == "truth.csv" { _ = try Scenario.loadTruth(directory: dir) }
            Issue.record("expected an error")
        } catch {
            #expect(error.file.hasSuffix(file))
            #expect(error.line == line, "\(error)")
            if column > 0 { #expect(error.column == column, "\(error)") }
            #expect(error.message.contains(text), "\(error)")
            #expect(error.description.hasPrefix("\(dir)/\(file):\(line):"))
        }
    }

    @Test("The simulator's optional radar kind key marks primary-only radars")
    func radarKind() throws {
        let dir = try corrupted("sensors.json", "\"mode_s\": false,", "\"mode_s\": false, \"kind\": \"psr\",")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try Scenario.load(directory: dir)
        #expect(s.radars[0].description.kind == .modeS)
        #expect(s.radars[1].description.kind == .psr)
        let bad = try corrupted("sensors.json", "\"mode_s\": false,", "\"mode_s\": false, \"kind\": \"lidar\",")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        #expect(throws: ScenarioError.self) { try Scenario.load(directory: bad) }
    }

    @Test("tracks.csv written by the writer reads back to the same values")
    func tracksRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tracks-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var w = try TracksCSV.Writer(path: path)
        try w.write(
            time: 12,
            trackID: 7,
            latitudeDegrees: 48.123_456_78,
            longitudeDegrees: -0.000_000_04,
            altitudeMetres: 3048.04,
            vx: -12.345,
            vy: 250,
            modeA: Mode3ACode(octal: "0672"),
            icao24: ICAOAddress(hex: "39c422")
        )
        try w.write(
            time: 13,
            trackID: 8,
            latitudeDegrees: -33.5,
            longitudeDegrees: 151.25,
            altitudeMetres: nil,
            vx: 0,
            vy: 0,
            modeA: nil,
            icao24: nil
        )
        try w.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text == TracksCSV.header + "12,7,48.1234568,0.0000000,3048.0,-12.3,250.0,0672,39c422\n"
                + "13,8,-33.5000000,151.2500000,,0.0,0.0,,\n"
        )
        let rows = try TracksCSV.read(path: path)
        #expect(rows.count == 2)
        #expect(rows[0].trackID == "7" && rows[0].time == 12 && rows[0].latitudeDegrees == 48.1234568)
        #expect(rows[0].icao24?.hex == "39c422" && rows[0].modeA?.octal == "0672" && rows[0].vx == -12.3)
        #expect(rows[1].altitudeMetres == nil && rows[1].modeA == nil)
    }
}
