import ArgumentParser
import SkyApp
import SkyTracking

/// `skywatch track --scenario DIR|builtin [--out tracks.csv] [--associator gnn|jpda] [--config FILE]`.
struct Track: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the multi-radar tracker on a scenario and write tracks.csv.",
        discussion: """
            Reads sensors.json and plots.csv (never the truth), tracks with the IMM filter and the chosen \
            associator, and writes one row per displayed track per whole second (SCHEMA.md). Prints plots, \
            tracks confirmed, wall time and plots/s.
            """)

    @Option(help: "Scenario folder, or 'builtin' for the embedded 10-minute Paris scenario.")
    var scenario: String?

    @OptionGroup var io: TrackInputOptions

    @Option(help: "Output: tracks.csv path, tracks.ast (CAT062 + CAT065), or udp://GROUP:PORT (CAT062 + CAT065).")
    var out: String = "tracks.csv"

    @Option(help: "Associator: gnn (optimal assignment) or jpda.")
    var associator: String = "gnn"

    @Option(help: "Filter: imm (CV + fixed-rate turns IMM), imm-ct (IMM with estimated turn rate), imm-ca (CV + constant-acceleration IMM) or kf (single CV).")
    var filter: String = "imm"

    @Option(help: "JSON file of tracker parameters (any subset; see the SkyTracking DocC article).")
    var config: String?

    func validate() throws {
        try validateInputs()
        guard AssociatorKind(rawValue: associator) != nil else {
            throw ValidationError("--associator must be gnn or jpda, not '\(associator)'")
        }
        guard FilterKind(rawValue: filter) != nil else {
            throw ValidationError("--filter must be imm, imm-ct, imm-ca or kf, not '\(filter)'")
        }
    }

    func run() async throws {
        if io.isUsed || !out.hasSuffix(".csv") { return try await runFusion() }
        guard let scenario else { throw ValidationError("give --scenario DIR or --asterix FILE --sensors CONFIG") }
        let associator = AssociatorKind(rawValue: associator) ?? .gnn
        let filter = FilterKind(rawValue: filter) ?? .imm
        do {
            let configuration = try config.map { try TrackPipeline.loadConfiguration(path: $0) } ?? .init()
            let summary = try TrackPipeline.run(
                scenario: scenario, output: out, associator: associator, filter: filter, configuration: configuration)
            for line in summary.lines { print(line) }
            print("wrote \(out)")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
