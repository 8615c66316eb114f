import ArgumentParser

/// `skywatch decode …`: decoders for recorded surveillance data (one subcommand per family).
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode recorded surveillance data (ASTERIX, Mode S / ADS-B) to JSON lines.",
        subcommands: [DecodeASTERIX.self, DecodeModeS.self]
    )
}
