import ArgumentParser
import Foundation
import SkyApp

/// `skywatch decode modes SOURCE [--format beast|avr|jsonl] [--ref LAT,LON] [--summary]`.
struct DecodeModeS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modes",
        abstract: "Decode Mode S / ADS-B frames (Beast, AVR, JSON lines) to one JSON line per frame."
    )

    @Argument(help: "Input file, or tcp://HOST[:PORT] for a receiver's Beast output (default port 30005).")
    var source: String

    @Option(help: "Live input only: stop after this many frames.")
    var maxFrames: Int?

    @Option(help: "Input format: beast, avr or jsonl (default: from the file extension).")
    var format: String?

    @Option(help: "Reference point LAT,LON in degrees (receiver): local CPR and surface decoding.")
    var ref: String?

    @Flag(help: "Print only the counters (by DF/TC, CRC failures, positions) as one JSON object.")
    var summary = false

    @Flag(help: "Repair DF17/18 frames with a single bit error (counted in the summary).")
    var correctErrors = false

    func run() async throws {
        if let endpoint = ModeSLiveDecode.endpoint(source) {
            var live = ModeSLiveDecode(host: endpoint.host, port: endpoint.port)
            (live.referenceLatitude, live.referenceLongitude) = try parseReference()
            live.maximumFrames = maxFrames
            try await live.run(
                emit: { print($0) },
                status: { FileHandle.standardError.write("\($0)\n".data(using: .utf8)!) }
            )
            return
        }
        let fmt: ModeSInputFormat
        if let format {
            guard let f = ModeSInputFormat(rawValue: format) else {
                throw ValidationError("--format must be one of beast, avr, jsonl (got '\(format)')")
            }
            fmt = f
        } else {
            guard let f = ModeSInputFormat.guess(path: source) else {
                throw ValidationError("cannot tell the format of '\(source)'; pass --format beast|avr|jsonl")
            }
            fmt = f
        }
        var pipeline = ModeSDecodePipeline(format: fmt)
        (pipeline.referenceLatitude, pipeline.referenceLongitude) = try parseReference()
        pipeline.correctsErrors = correctErrors
        guard FileManager.default.isReadableFile(atPath: source) else {
            throw ValidationError("cannot read '\(source)'")
        }
        var out = ""
        out.reserveCapacity(1 << 20)
        func flush() {
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
            out.removeAll(keepingCapacity: true)
        }
        let result = try pipeline.run(
            path: source,
            emit: summary
                ? nil
                : { line in
                    out += line
                    out += "\n"
                    if out.utf8.count > 1 << 20 { flush() }
                }
        )
        if summary { out += result.json + "\n" }
        flush()
        for e in result.firstErrors {
            FileHandle.standardError.write("warning: \(e)\n".data(using: .utf8)!)
        }
    }

    /// `--ref LAT,LON` as degrees, or nils.
    func parseReference() throws -> (Double?, Double?) {
        guard let ref else { return (nil, nil) }
        let parts = ref.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lat = parts[0], let lon = parts[1], abs(lat) <= 90, abs(lon) <= 180 else {
            throw ValidationError("--ref must be LAT,LON in degrees (got '\(ref)')")
        }
        return (lat, lon)
    }
}
