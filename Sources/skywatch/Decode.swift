import ArgumentParser

/// `skywatch decode …`: decoders for recorded surveillance data.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode recorded surveillance data to JSON lines.",
        subcommands: [DecodeASTERIX.self])
}
