public import ArgumentParser
import Foundation
public import SkyApp

extension RecordingExport.Format: ExpressibleByArgument {}

/// `skywatch export`: a recording's picture as tracks.csv, GeoJSON, KML or CAT062 + CAT065 (+ CAT063).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Export a recording: tracks.csv (benchmark schema), GeoJSON, KML or ASTERIX CAT062 + CAT065 (+ CAT063).",
        discussion: """
            Times (--from, --to, --epoch) are UNIX seconds or ISO 8601 UTC (2026-01-15T12:00:00Z). The CSV's time \
            column counts whole seconds from --epoch (default: the recording's first whole second), so that \
            skywatch evaluate scores it against the scenario's truth.csv when --epoch is the scenario epoch.
            """
    )

    @Argument(help: "The recording (SQLite file written by serve --record, demo or replay --record).")
    var file: String

    @Option(help: "csv, geojson, kml or ast.")
    var format: RecordingExport.Format

    @Option(help: "Start of the data time range.")
    var from: String?

    @Option(help: "End of the data time range.")
    var to: String?

    @Option(help: "Time zero of tracks.csv (default: the recording's first whole second).")
    var epoch: String?

    @Option(help: "Output file (default: FILE with the format's extension).")
    var out: String?

    func run() throws {
        func time(_ text: String?, _ name: String) throws -> Double? {
            guard let text else { return nil }
            guard let t = RecordingTime.parse(text) else {
                throw ValidationError("\(name) must be UNIX seconds or ISO 8601 UTC, not '\(text)'")
            }
            return t
        }
        let fromTime = try time(from, "--from") ?? -.infinity
        let toTime = try time(to, "--to") ?? .infinity
        let epochTime = try time(epoch, "--epoch")
        let output = out ?? RecordingExport.defaultOutput(for: file, format: format)
        guard output != file else { throw ValidationError("--out must not be the recording itself") }
        do {
            let summary = try RecordingExport.run(
                path: file,
                format: format,
                out: output,
                from: fromTime,
                to: toTime,
                epochUnixSeconds: epochTime
            ) { done, total in
                printError("export: \(done) of \(total) cycles")
            }
            print(summary)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
