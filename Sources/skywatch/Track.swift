public import ArgumentParser
import Foundation
import SkyApp
import SkyModel
import SkyTracking

extension FilterKind: ExpressibleByArgument {}
extension AssociatorKind: ExpressibleByArgument {}
extension RegistrationMode: ExpressibleByArgument {}

/// `skywatch track`: any radar input (scenario folder or ASTERIX recording), optional ADS-B, any output.
struct Track: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the multi-radar tracker on a scenario or an ASTERIX recording and write the track picture.",
        discussion: """
            Reads sensors.json and plots.csv (never the truth) or an ASTERIX recording (CAT048 + CAT034, and \
            CAT021 ADS-B), optionally fuses ADS-B from a Mode S recording, tracks with the chosen filter and \
            associator, and writes one row per displayed track per whole second (tracks.csv; docs/scenario-format.md) \
            or CAT062 + CAT065 per cycle to a file or by UDP as each cycle is computed (docs/fusion.md). With \
            --alerts, also runs the safety nets on every cycle's picture and writes alerts.jsonl (docs/alerts.md). \
            Prints plots, tracks confirmed, wall time and plots/s, and the alerts raised by kind.
            """
    )

    @Option(help: "Scenario folder, or 'builtin' for the embedded 10-minute Paris scenario.")
    var scenario: String?

    @OptionGroup var io: TrackInputOptions

    @Option(help: "Output: tracks.csv path, tracks.ast or tracks.pcap (CAT062 + CAT065), or udp://GROUP:PORT.")
    var out: String = "tracks.csv"

    @Option(help: "Associator: gnn (optimal assignment) or jpda.")
    var associator: AssociatorKind = .gnn

    @Option(
        help:
            "Filter: imm (CV + turn IMM), imm-ct (IMM with estimated turn rate), imm-ca (CV + constant-acceleration IMM) or kf (single CV)."
    )
    var filter: FilterKind = .imm

    @Option(
        help: "JSON file of tracker parameters (any subset; see the SkyTracking DocC article ConfiguringTheTracker)."
    )
    var config: String?

    @Option(
        help: "Also run the safety nets (STCA, area proximity, emergencies, ADS-B integrity) and write alerts.jsonl."
    )
    var alerts: String?

    @Option(help: "Restricted areas for the area proximity warning (GeoJSON, ED-318 or ED-269; needs --alerts).")
    var areas: String?

    @Option(help: "JSON file of safety-net parameters (any subset; docs/alerts.md; needs --alerts).")
    var alertConfig: String?

    @Option(
        help: """
            Sensor registration: off, estimate (report each radar's biases) or correct (also correct the plots \
            once converged); overrides --config's 'registration'.
            """
    )
    var registrationMode: RegistrationMode?

    @Option(help: "Write the registration estimates as JSON (turns registration on in 'estimate' mode if it is off).")
    var registration: String?

    func validate() throws {
        guard (scenario == nil) != (io.asterix == nil) else {
            throw ValidationError("give exactly one radar input: --scenario DIR or --asterix FILE --sensors CONFIG")
        }
        guard TrackOutputTarget(parsing: out) != nil else {
            throw ValidationError("--out must end in .csv, .ast or .pcap, or be udp://GROUP:PORT, not '\(out)'")
        }
        guard alerts != nil || (areas == nil && alertConfig == nil) else {
            throw ValidationError("--areas and --alert-config need --alerts FILE.jsonl")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            var configuration =
                try config.map { try TrackingConfiguration.load(path: $0, filter: filter, associator: associator) }
                ?? TrackingConfiguration(filter: filter, associator: associator)
            if let registrationMode { configuration.tracker.registration = registrationMode }
            if registration != nil && configuration.tracker.registration == .off {
                configuration.tracker.registration = .estimate
            }
            var input: TrackInput
            if let path = io.asterix, let sensors = io.sensors {
                input = try TrackInput.asterix(path: path, sensors: sensors)
            } else {
                input = try TrackInput.scenario(directory: scenario ?? "builtin")
            }
            if let path = io.adsb, let format = io.adsbInputFormat {
                try input.addADSB(
                    path: path,
                    format: format,
                    timeBase: io.adsbTimeOffset.map { .offset($0) } ?? .utcMidnight
                )
            }
            let sdps = io.sdpsID.map { SensorID(sac: $0.sac, sic: $0.sic) } ?? SensorID(sac: 0, sic: 200)
            let sink = try await TrackOutputTarget(parsing: out)!.makeSink(
                epochUnixSeconds: input.epochUnixSeconds,
                sdps: sdps
            )
            var sinks: [any PictureSink] = [sink]
            if let path = alerts {
                let engine = try makeAlertEngine(configPath: alertConfig, areasPath: areas)
                sinks.append(try AlertsJSONLSink(path: path, engine: engine, epochUnixSeconds: input.epochUnixSeconds))
            }
            let loaded = clock.now - start
            let summary = try await TrackingPipeline.run(
                input: input,
                configuration: configuration,
                sinks: sinks,
                speed: io.speed,
                loadSeconds: Double(loaded.components.seconds) + Double(loaded.components.attoseconds) * 1e-18
            )
            for line in summary.lines { print(line) }
            if let path = registration {
                try RadarRegistrationEstimate.json(summary.registration).write(
                    toFile: path,
                    atomically: true,
                    encoding: .utf8
                )
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
