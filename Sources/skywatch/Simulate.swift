import ArgumentParser
import Foundation
import SkyApp
import SkySimulation

/// `skywatch simulate`: traffic, radars and ADS-B to a scenario folder or live streams.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate traffic, radars and ADS-B emitters to a scenario folder or live streams.",
        discussion: """
            --out DIR writes sensors.json, plots.csv, truth.csv, plots_truth.csv (the benchmark scenario format), \
            radar.ast (ASTERIX CAT048 + CAT034, or CAT001 + CAT002 with --radar-format cat001) and adsb.beast \
            (Beast binary, DF17) of the same run; with --adsb-format cat021 the ADS-B reports are ASTERIX CAT021 in \
            radar.ast instead, and no adsb.beast is written.
            --out udp://GROUP:PORT sends ASTERIX datagrams to PORT and Beast to PORT+1; --out tcp://HOST:PORT \
            serves ASTERIX on PORT and Beast on PORT+1 to every client; --out live://HOST:PORT sends ASTERIX \
            datagrams to PORT and serves Beast over TCP on PORT+1, as radars and a dump1090 would (with \
            --adsb-format cat021, ADS-B goes with the ASTERIX and nothing is sent on PORT+1). Streams are paced at \
            --speed × real time (default 1); files are written as fast as possible unless --speed is given. ASTERIX \
            formats: docs/asterix.md.
            Scenario file format: docs/simulation.md.
            """
    )

    @Option(help: "Built-in scenario: \(SimulationPreset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preset: String?

    @Option(help: "JSON scenario file (see docs/simulation.md).")
    var scenario: String?

    @Option(help: "Random seed (same seed → byte-identical output).")
    var seed: UInt64?

    @Option(help: "Duration, seconds.")
    var duration: Int?

    @Option(help: "Output: DIR, udp://GROUP:PORT, tcp://HOST:PORT or live://HOST:PORT.")
    var out: String

    @Option(help: "Pacing: N × real time (streams default to 1; files to as fast as possible).")
    var speed: Double?

    @Option(
        help: """
            Scenario epoch: UNIX seconds or 'now'. Default: 'now' for live streams (so ASTERIX and Beast time stamps \
            are current), the preset's or file's fixed epoch for folders (so the output is reproducible).
            """
    )
    var epoch: String?

    @Option(help: "Keep only the scenario's first N targets (e.g. the stress preset scaled down to 5000).")
    var targets: Int?

    @Option(
        help: """
            Radar output: cat048 (CAT048 1.31 + CAT034 1.27) or cat001 (legacy radars: CAT001 1.4 plots + \
            CAT002 1.2; no Mode S address, range LSB 1/128 NM).
            """
    )
    var radarFormat: String = SimulationRadarFormat.cat048.rawValue

    @Option(
        help: """
            ADS-B output: beast (DF17 frames) or cat021 (CAT021 2.6 reports of a ground station, SAC/SIC \
            0/100, on the ASTERIX output).
            """
    )
    var adsbFormat: String = SimulationADSBFormat.beast.rawValue

    @Flag(help: "With --out DIR, also write adsb.csv (every DF17 frame in hex with its encoded position).")
    var adsbDiagnostics = false

    func validate() throws {
        guard (preset == nil) != (scenario == nil) else {
            throw ValidationError("give exactly one of --preset or --scenario")
        }
        if let p = preset, SimulationPreset(rawValue: p) == nil {
            throw ValidationError(
                "unknown preset '\(p)'; choose \(SimulationPreset.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        guard SimulationRadarFormat(rawValue: radarFormat) != nil else {
            throw ValidationError("--radar-format must be cat048 or cat001, not '\(radarFormat)'")
        }
        guard SimulationADSBFormat(rawValue: adsbFormat) != nil else {
            throw ValidationError("--adsb-format must be beast or cat021, not '\(adsbFormat)'")
        }
        if let d = duration, d < 1 || d > 86_400 { throw ValidationError("--duration must be 1…86400 s") }
        if let n = targets, n < 1 { throw ValidationError("--targets must be at least 1") }
        if let s = speed, !(s > 0) { throw ValidationError("--speed must be positive") }
        if let e = epoch, e != "now", Int(e) == nil { throw ValidationError("--epoch must be UNIX seconds or 'now'") }
        guard SimulationOutput(parsing: out) != nil else {
            throw ValidationError("--out must be a folder, udp://GROUP:PORT, tcp://HOST:PORT or live://HOST:PORT")
        }
    }

    func run() async throws {
        var configuration: SimulationConfiguration
        if let p = preset.flatMap(SimulationPreset.init(rawValue:)) {
            configuration = p.configuration(seed: seed ?? 1, durationSeconds: duration ?? 600)
        } else {
            let path = scenario!
            configuration = try SimulationScenarioFile.load(path: path).configuration(
                seed: seed,
                durationSeconds: duration,
                file: path
            )
        }
        if let n = targets, n < configuration.targets.count {
            configuration.targets.removeLast(configuration.targets.count - n)
        }
        let output = SimulationOutput(parsing: out)!
        let isStream = if case .directory = output { false } else { true }
        switch epoch ?? (isStream ? "now" : nil) {
        case "now"?: configuration.epochUnixSeconds = Int(Date().timeIntervalSince1970)
        case let e?: configuration.epochUnixSeconds = Int(e)!
        case nil: break
        }
        switch output {
        case .udp(let host, let port), .tcp(let host, let port), .live(let host, let port):
            let (a, b) = out.hasPrefix("udp") ? ("udp", "udp") : out.hasPrefix("tcp") ? ("tcp", "tcp") : ("udp", "tcp")
            let beast = adsbFormat == "beast" ? ", Beast on \(b)://\(host):\(port + 1)" : " (with CAT021)"
            FileHandle.standardError.write(
                Data("ASTERIX on \(a)://\(host):\(port)\(beast), \(speed ?? 1)× real time\n".utf8)
            )
        case .directory: break
        }
        let summary = try await SimulationRun.run(
            configuration,
            output: output,
            speed: speed,
            adsbDiagnostics: adsbDiagnostics,
            radarFormat: SimulationRadarFormat(rawValue: radarFormat)!,
            adsbFormat: SimulationADSBFormat(rawValue: adsbFormat)!
        ) { s in
            FileHandle.standardError.write(
                Data("  t = \(s.seconds) s: \(s.plots) plots, \(s.adsbMessages) ADS-B\n".utf8)
            )
        }
        let ratio = Double(summary.seconds) / max(summary.wallSeconds, 1e-9)
        print(
            "simulated \(summary.seconds) s: \(configuration.targets.count) targets (max \(summary.maxSimultaneousTargets) "
                + "simultaneous), \(configuration.radars.count) radars, \(summary.plots) plots, \(summary.adsbMessages) "
                + "ADS-B messages in \(String(format: "%.2f", summary.wallSeconds)) s wall "
                + "(\(String(format: "%.1f", ratio))× real time)"
        )
    }
}
