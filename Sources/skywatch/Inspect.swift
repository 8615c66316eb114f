import ArgumentParser
import SkyApp
import SkyScenario

/// `skywatch inspect --scenario DIR`: reads a benchmark scenario folder and prints a summary.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a scenario folder (sensors.json, plots.csv, truth.csv) and print a short summary.",
        discussion: "A malformed file is reported as file:line:column and the command exits with status 1."
    )

    @Option(help: "Scenario folder, or 'builtin' for the embedded 10-minute Paris scenario.")
    var scenario: String

    func run() throws {
        do {
            let summary = try ScenarioSummary.make(directory: scenario)
            for line in summary.lines { print(line) }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
