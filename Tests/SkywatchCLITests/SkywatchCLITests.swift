import Foundation
import Testing

/// `skywatch` end to end: each command run as a user runs it, its output compared with the committed files in
/// `Expected/` (byte-identical; only wall-clock figures and temporary paths are masked, see `README.md`).
///
/// Inputs are all committed under `Fixtures/` (a small simulated scenario folder and two real recordings); the
/// built-in scenario is embedded in the executable. Nothing is read from `../shared`.
@Suite(.serialized)
struct SkywatchCLITests {
    /// The small scenario folder (`Fixtures/cli-small`, written by `skywatch simulate` from `cli-small.json`).
    static let small = CommandRunner.fixture("cli-small")

    @Test("simulate: a scenario file gives the committed scenario folder, byte for byte")
    func simulate() throws {
        let cli = try CommandRunner()
        var ok = true
        defer { cli.cleanUp(keep: !ok) }
        let out = cli.output("sim")
        let r = try cli.runSucceeding(["simulate", "--scenario", CommandRunner.fixture("cli-small.json"), "--out", out])
        ok = cli.compare(text: r.text, expected: "simulate-small.txt") && ok
        let files = ["sensors.json", "plots.csv", "plots_truth.csv", "truth.csv", "radar.ast", "adsb.beast"]
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == files.sorted(), "simulate wrote \(written)")
        for f in files {
            let data = try #require(FileManager.default.contents(atPath: out + "/" + f), "simulate did not write \(f)")
            // The committed scenario folder is the expected output (the other tests read it as their input).
            ok =
                CommandRunner.compare(
                    data,
                    with: URL(fileURLWithPath: Self.small).appendingPathComponent(f),
                    keepingActualIn: cli.outputDirectory,
                    sourceLocation: #_sourceLocation
                ) && ok
        }
    }

    @Test("track: the small scenario folder to tracks.csv")
    func trackScenarioToCSV() throws {
        let cli = try CommandRunner()
        var ok = true
        defer { cli.cleanUp(keep: !ok) }
        let r = try cli.runSucceeding(["track", "--scenario", Self.small, "--out", cli.output("tracks.csv")])
        ok = cli.compare(text: r.text, expected: "track-small.txt") && ok
        let csv = try #require(FileManager.default.contents(atPath: cli.output("tracks.csv")))
        ok = cli.compare(csv, expected: "track-small.csv") && ok
        // Real values, not only "unchanged": every aircraft of the scenario got its track.
        #expect(r.text.contains("confirmed 3,"), "\(r.text)")
    }

    @Test("track: ASTERIX radar recording fused with ADS-B (Beast) to CAT062 + CAT065, decoded back")
    func trackASTERIXFusedToCAT062() throws {
        let cli = try CommandRunner()
        var ok = true
        defer { cli.cleanUp(keep: !ok) }
        let r = try cli.runSucceeding([
            "track", "--asterix", Self.small + "/radar.ast", "--sensors", Self.small + "/sensors.json", "--adsb",
            Self.small + "/adsb.beast", "--out", cli.output("tracks.ast"),
        ])
        ok = cli.compare(text: r.text, expected: "track-small-fused.txt") && ok
        let ast = try #require(FileManager.default.contents(atPath: cli.output("tracks.ast")))
        ok = cli.compare(ast, expected: "track-small-fused.ast") && ok
        // Our own decoder reads every record of it back without an error.
        let d = try cli.runSucceeding(["decode", "asterix", cli.output("tracks.ast"), "--summary"])
        ok = cli.compare(text: d.text, expected: "decode-asterix-track-small-fused-summary.json") && ok
        #expect(d.text.contains(#""errors":{}"#), "\(d.text)")
    }

    @Test("track and evaluate: the built-in scenario (digest and sampled rows of tracks.csv, score)")
    func trackBuiltin() throws {
        let cli = try CommandRunner()
        var ok = true
        defer { cli.cleanUp(keep: !ok) }
        let r = try cli.runSucceeding(["track", "--scenario", "builtin", "--out", cli.output("tracks.csv")])
        ok = cli.compare(text: r.text, expected: "track-builtin.txt") && ok
        let csv = try #require(FileManager.default.contents(atPath: cli.output("tracks.csv")))
        // tracks.csv of the built-in scenario is ~900 kB: the committed file holds its size, row count and FNV-1a
        // digest (byte identity) and the rows of every whole minute (what a reviewer reads in a diff).
        ok = cli.compare(text: Self.sample(csv), expected: "track-builtin-sample.csv") && ok
        let e = try cli.runSucceeding(["evaluate", "--scenario", "builtin", "--tracks", cli.output("tracks.csv")])
        ok = cli.compare(text: e.text, expected: "evaluate-builtin.json") && ok
    }

    @Test("evaluate: the committed tracks of the small scenario against its truth")
    func evaluate() throws {
        let cli = try CommandRunner()
        var ok = true
        defer { cli.cleanUp(keep: !ok) }
        let tracks = CommandRunner.expected.appendingPathComponent("track-small.csv").path
        let r = try cli.runSucceeding(["evaluate", "--scenario", Self.small, "--tracks", tracks])
        ok = cli.compare(text: r.text, expected: "evaluate-small.json") && ok
        #expect(r.text.contains(#""id_switches": 0,"#), "\(r.text)")
    }

    @Test("decode modes: a real Beast recording, every frame; the simulated Beast file, summary")
    func decodeModeS() throws {
        let cli = try CommandRunner()
        var ok = true
        defer { cli.cleanUp(keep: !ok) }
        let r = try cli.runSucceeding(["decode", "modes", CommandRunner.fixture("dump1090_sample.beast")])
        ok = cli.compare(text: r.text, expected: "decode-modes-dump1090.jsonl") && ok
        #expect(r.text.split(separator: "\n").count == 239, "the sample holds 239 Mode S frames")
        let s = try cli.runSucceeding(["decode", "modes", Self.small + "/adsb.beast", "--summary"])
        ok = cli.compare(text: s.text, expected: "decode-modes-small-summary.json") && ok
    }

    @Test("decode asterix: a real CAT062/CAT065 capture, every record; a real CAT034/CAT048 capture, summary")
    func decodeASTERIX() throws {
        let cli = try CommandRunner()
        var ok = true
        defer { cli.cleanUp(keep: !ok) }
        let r = try cli.runSucceeding(["decode", "asterix", CommandRunner.fixture("cat_062_065.pcap")])
        ok = cli.compare(text: r.text, expected: "decode-asterix-cat_062_065.jsonl") && ok
        let s = try cli.runSucceeding([
            "decode", "asterix", CommandRunner.fixture("cat_034_048_first25.pcap"), "--summary",
        ])
        ok = cli.compare(text: s.text, expected: "decode-asterix-cat_034_048_first25-summary.json") && ok
        #expect(s.text.contains(#""records":{"34":12,"48":43}"#), "\(s.text)")
    }

    @Test("bad arguments exit non-zero with the reason on standard error")
    func badArguments() throws {
        let cli = try CommandRunner()
        defer { cli.cleanUp(keep: false) }
        let r = try cli.run(["track", "--scenario", Self.small, "--out", cli.output("tracks.txt")])
        #expect(r.status != 0)
        #expect(r.standardError.contains("--out must end in .csv, .ast or .pcap"), "\(r.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.output("tracks.txt")))
    }

    /// The committed stand-in for a large tracks.csv: its size, row count and FNV-1a 64 digest, then the header
    /// and every row whose time is a whole minute.
    static func sample(_ csv: Data) -> String {
        let text = String(decoding: csv, as: UTF8.self)
        let lines = text.split(separator: "\n")
        var out = [
            "# bytes \(csv.count), rows \(max(0, lines.count - 1)), fnv1a64 \(String(fnv1a64(csv), radix: 16))"
        ]
        if let header = lines.first { out.append(String(header)) }
        for line in lines.dropFirst() {
            if let t = Int(line.prefix { $0 != "," }), t % 60 == 0 { out.append(String(line)) }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
