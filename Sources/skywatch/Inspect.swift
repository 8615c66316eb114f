import ArgumentParser

/// `skywatch inspect --scenario DIR`: reads a benchmark scenario and prints a summary.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Read a scenario folder and print a short summary.")

    @Option(help: "Scenario folder (sensors.json, plots.csv, optional truth.csv) or 'builtin'.")
    var scenario: String

    func run() throws {
        print("scenario \(scenario)")
    }
}
