import ArgumentParser

/// `skywatch decode …`: decoders for surveillance data formats (one subcommand per family).
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode surveillance recordings to JSON lines.",
        subcommands: [DecodeModeS.self])
}
