import ArgumentParser
import Foundation
import SkyApp

/// `skywatch decode asterix SOURCE [--format raw|pcap] [--summary]`.
struct DecodeASTERIX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asterix",
        abstract: "Decode an ASTERIX recording (raw data blocks or pcap/pcapng) to one JSON line per record.",
        discussion: """
            Categories: CAT021 2.6, CAT034 1.27, CAT048 1.21, CAT062 1.18, CAT063 1.3, CAT065 1.3. \
            Malformed blocks are reported on standard error with their byte offset and item, and skipped.
            """
    )

    @Argument(help: "Input file.")
    var source: String

    @Option(
        help: "Input framing: raw (concatenated data blocks) or pcap (pcap/pcapng, UDP payloads). Default: detected."
    )
    var format: String?

    @Flag(help: "Print only counts per category, item and error code (as one JSON object).")
    var summary = false

    func validate() throws {
        if let format, ASTERIXInputFormat(rawValue: format) == nil {
            throw ValidationError("--format must be raw or pcap, not '\(format)'")
        }
        guard FileManager.default.isReadableFile(atPath: source) else {
            throw ValidationError("cannot read '\(source)'")
        }
    }

    func run() throws {
        var out = ""
        out.reserveCapacity(1 << 16)
        let s = try ASTERIXFile.decodeToJSONLines(
            path: source,
            format: format.flatMap(ASTERIXInputFormat.init(rawValue:)),
            summaryOnly: summary
        ) { line in
            out += line
            out += "\n"
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        for e in ASTERIXFile.errorMessages(s) { printError("\(source): \(e)") }
        if summary { print(ASTERIXFile.summaryJSON(s, path: source)) }
    }
}
