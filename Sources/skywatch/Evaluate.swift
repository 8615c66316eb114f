import ArgumentParser
import Foundation
import SkyApp

/// `skywatch evaluate --scenario DIR --tracks FILE [--svg FILE]`: scores a tracker's output like
/// `../shared/bench/evaluate.py` and prints its JSON line.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score tracks.csv against a scenario's truth (OSPA, GOSPA, completeness, errors, ID switches…).",
        discussion: """
            Prints one JSON line on standard output with the keys of the benchmark scorer evaluate.py (and three \
            extra duplicate-track counts), and a human summary on standard error. When truth.csv has a 'class' \
            column (files from 'skywatch simulate'), the line also has "by_class": completeness, coverage within \
            2 km, position RMS, initiation delay (median and max, in seconds and in scans of the fastest radar \
            of sensors.json) and ID switches per target class.
            """
    )

    @Option(help: "Scenario folder with truth.csv (and sensors.json for --svg), or 'builtin'.")
    var scenario: String

    @Option(help: "The tracker's tracks.csv.")
    var tracks: String

    @Option(help: "Also draw truth against tracks on a map and OSPA over time into this SVG file.")
    var svg: String?

    @Option(name: .customLong("c"), help: "OSPA/GOSPA cut-off and association gate, metres.")
    var cutoff: Double = 1000

    @Option(name: .customLong("p"), help: "OSPA/GOSPA order.")
    var order: Double = 2

    @Option(help: "Also write the JSON line to this file.")
    var out: String?

    @Flag(help: "List ID switches, track breaks, duplicate tracks and false tracks on standard error.")
    var events = false

    func validate() throws {
        guard cutoff > 0, cutoff.isFinite else { throw ValidationError("--c must be a positive number of metres") }
        guard order >= 1, order.isFinite else { throw ValidationError("--p must be at least 1") }
    }

    func run() throws {
        let result: EvaluationRun
        do {
            result = try EvaluationRun.run(
                scenarioDirectory: scenario,
                tracksPath: tracks,
                cutoffMetres: cutoff,
                order: order
            )
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let line = result.jsonLine
        print(line)
        if let out {
            try (line + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        }
        if events {
            for l in result.eventLines { printError(l) }
        }
        for l in result.report.summaryLines { printError(l) }
        for l in result.classLines { printError(l) }
        printError(
            String(
                format: "read %d truth rows and %d track rows in %.3f s, scored in %.3f s",
                result.truth.count,
                result.tracks.count,
                result.loadSeconds,
                result.evaluateSeconds
            )
        )
        if let svg {
            do {
                try EvaluationPlot.write(run: result, scenarioDirectory: scenario, to: svg)
                printError("wrote \(svg)")
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
