import ArgumentParser
import Foundation
import SkyApp

/// `skywatch replay`: a recording's inputs re-tracked (or its picture played) and served like `serve`.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a recording through the tracker (or play its picture with --tracks) and serve it.",
        discussion: """
            The recorded input messages go through the same decoders and tracker as live data, in data-time \
            order, at --speed × real time; the recorded configuration (reference, sensors, cycle, filter) is used \
            unless --config gives another one to try on recorded traffic. Play, pause, speed and seek: the \
            display's replay controls or POST /api/replay. Times are UNIX seconds or ISO 8601 UTC.
            """
    )

    @Argument(help: "The recording.")
    var file: String

    @Option(help: "Speed, × real time.")
    var speed: Double = 1

    @Option(help: "Start of the data time range.")
    var from: String?

    @Option(help: "End of the data time range.")
    var to: String?

    @Option(
        help: "Configuration file (JSON; docs/serve.md): its tracker, sensors and reference replace the recorded ones."
    )
    var config: String?

    @Flag(help: "Play the recorded picture instead of re-tracking the inputs.")
    var tracks = false

    @OptionGroup var service: ServiceOptions

    func run() async throws {
        guard speed > 0 && speed <= 10_000 else { throw ValidationError("--speed must be > 0 and at most 10000") }
        var c: ServeConfiguration
        do {
            var range: (Double?, Double?) = (nil, nil)
            for (i, text) in [from, to].enumerated() {
                guard let text else { continue }
                guard let t = RecordingTime.parse(text) else {
                    throw ValidationError(
                        "--\(i == 0 ? "from" : "to") must be UNIX seconds or ISO 8601 UTC, not '\(text)'"
                    )
                }
                if i == 0 { range.0 = t } else { range.1 = t }
            }
            c = try ReplaySetup.configuration(
                recording: file,
                from: range.0,
                to: range.1,
                speed: speed,
                tracks: tracks,
                configPath: config
            )
            try service.apply(to: &c)
        } catch let e as ValidationError {
            throw e
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        try await ServiceRunner.run(c, logLevel: service.logLevel, statusLine: true, record: service.recording())
    }
}
