import ArgumentParser
import SkyApp

/// The `skywatch` command: subcommands only; the work is done in `SkyApp` and the modules below it.
@main
struct Skywatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skywatch",
        abstract: "Skywatch: open airspace surveillance — live service and display, decode, track, simulate, evaluate.",
        version: SkywatchVersion.string,
        subcommands: [
            Demo.self,
            Serve.self,
            Replay.self,
            Export.self,
            Inspect.self,
            Track.self,
            Evaluate.self,
            Decode.self,
            Simulate.self,
        ]
    )
}
