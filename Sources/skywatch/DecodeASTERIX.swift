import ArgumentParser
import Foundation
import SkyASTERIX
import SkyApp

/// `skywatch decode asterix SOURCE [--format raw|pcap] [--summary]`.
struct DecodeASTERIX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asterix",
        abstract: "Decode an ASTERIX recording (raw data blocks or pcap/pcapng) to one JSON line per record.",
        discussion: """
            Categories and editions decoded (the generated tables, UAP.all): \(categoryList). \
            CAT001 plot and track records each decode with their own UAP of the edition. Records of older editions \
            (CAT048 1.21, CAT063 and CAT065 1.3) decode with these: the newer editions only add items and fields \
            (docs/asterix.md). Other categories are counted and skipped. Malformed blocks are reported on standard \
            error with their byte offset and item, and skipped.
            """
    )

    /// "CAT001 1.4, CAT002 1.2, …": every category of the generated tables with its edition, in category order.
    static var categoryList: String {
        var seen = Set<UInt8>()
        return UAP.all.sorted { $0.category < $1.category }.filter { seen.insert($0.category).inserted }
            .map { uap in
                let digits = String(uap.category)
                return "CAT" + String(repeating: "0", count: 3 - digits.count) + digits + " " + uap.edition
            }
            .joined(separator: ", ")
    }

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
