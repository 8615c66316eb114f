import Foundation
public import SkyASTERIX

/// How an ASTERIX input file is framed.
public enum ASTERIXInputFormat: String, Sendable, CaseIterable {
    /// Concatenated data blocks (CAT, LEN, records).
    case raw
    /// A pcap or pcapng capture; each UDP payload holds one or more data blocks.
    case pcap
}

/// Reads ASTERIX recordings (raw block files or packet captures) and decodes them with `SkyASTERIX`.
public enum ASTERIXFile {
    /// Reads a whole file.
    /// - Throws: a Foundation error naming the file when it cannot be read.
    public static func read(path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Guesses the framing from the first bytes: a pcap/pcapng magic number means `.pcap`.
    public static func detectFormat(_ bytes: [UInt8]) -> ASTERIXInputFormat {
        bytes.withUnsafeBytes { PacketCapture.isCapture($0) } ? .pcap : .raw
    }

    /// Runs every data block of `bytes` through `sink`.
    ///
    /// For captures, each UDP payload is decoded on its own, so a bad payload costs only its own blocks.
    /// Offsets reported to the sink index `bytes`.
    /// - Throws: `DecodeError` when the capture itself is malformed (decoding errors go to the sink).
    public static func decode<S: RecordSink>(
        _ bytes: [UInt8],
        format: ASTERIXInputFormat,
        into sink: inout S,
        datagram: ((CapturedDatagram) -> Void)? = nil
    ) throws(DecodeError) {
        let result: Result<Void, DecodeError> = bytes.withUnsafeBytes { base in
            switch format {
            case .raw:
                BlockDecoder.decode(base, into: &sink)
            case .pcap:
                let datagrams: [CapturedDatagram]
                do throws(DecodeError) {
                    datagrams = try PacketCapture.udpDatagrams(base)
                } catch {
                    return .failure(error)
                }
                for d in datagrams {
                    datagram?(d)
                    BlockDecoder.decode(base, start: d.payloadStart, end: d.payloadEnd, into: &sink)
                }
            }
            return .success(())
        }
        try result.get()
    }

    /// Decodes a file and writes one JSON line per record (FORMAT.md, ASTERIX section) through `write`,
    /// or only the summary when `summaryOnly` is set.
    /// - Returns: the counts of records, items and errors.
    /// - Throws: when the file cannot be read or the capture is malformed.
    public static func decodeToJSONLines(
        path: String,
        format: ASTERIXInputFormat?,
        summaryOnly: Bool,
        write: @escaping (String) -> Void
    ) throws -> DecodeSummary {
        let bytes = try read(path: path)
        let format = format ?? detectFormat(bytes)
        var sink = JSONAndSummarySink(bytes: bytes, writeLines: !summaryOnly, write: write)
        try decode(bytes, format: format, into: &sink)
        return sink.summary
    }

    /// The first errors of a summary as messages (`code at byte N in ITEM: …`).
    public static func errorMessages(_ s: DecodeSummary) -> [String] {
        let total = s.errors.values.reduce(0, +)
        var lines = s.firstErrors.map(\.description)
        if total > lines.count { lines.append("… \(total - lines.count) more errors (counts per code: --summary)") }
        return lines
    }

    /// The summary as a JSON object (records per category, items, errors per code, first errors).
    public static func summaryJSON(_ s: DecodeSummary, path: String) -> String {
        func obj(_ d: [String: Int]) -> String {
            "{" + d.keys.sorted().map { "\"\($0)\":\(d[$0]!)" }.joined(separator: ",") + "}"
        }
        let cats = Dictionary(uniqueKeysWithValues: s.records.map { (String($0.key), $0.value) })
        let errs = s.firstErrors.map { e in
            "{\"code\":\"\(e.code)\",\"offset\":\(e.offset),\"item\":\(e.item.map { "\"\($0)\"" } ?? "null"),"
                + "\"message\":\"\(e.message.replacingOccurrences(of: "\"", with: "'"))\"}"
        }
        return "{\"file\":\"\(path)\",\"records\":\(obj(cats)),\"items\":\(obj(s.items)),\"errors\":\(obj(s.errors)),"
            + "\"first_errors\":[\(errs.joined(separator: ","))]}"
    }
}

/// Forwards to a JSON-lines sink (optionally) and a summary at once.
struct JSONAndSummarySink: RecordSink {
    var json: JSONLinesSink
    var summary = DecodeSummary()
    let writeLines: Bool
    let bytes: [UInt8]

    init(bytes: [UInt8], writeLines: Bool, write: @escaping (String) -> Void) {
        self.bytes = bytes
        self.writeLines = writeLines
        self.json = JSONLinesSink(input: bytes, emit: write)
    }

    mutating func beginRecord(category: UInt8, offset: Int) {
        if writeLines { json.beginRecord(category: category, offset: offset) }
        summary.beginRecord(category: category, offset: offset)
    }
    mutating func endRecord(end: Int) {
        if writeLines { json.endRecord(end: end) }
        summary.endRecord(end: end)
    }
    mutating func abortRecord() { summary.abortRecord() }
    mutating func error(_ error: DecodeError) { summary.error(error) }
    mutating func beginItem(frn: Int, name: String, offset: Int) {
        if writeLines { json.beginItem(frn: frn, name: name, offset: offset) }
        summary.beginItem(frn: frn, name: name, offset: offset)
    }
    mutating func endItem() { if writeLines { json.endItem() } }
    mutating func field(_ field: FieldSpec, raw: UInt64) { if writeLines { json.field(field, raw: raw) } }
    mutating func beginSubitem(_ name: String) { if writeLines { json.beginSubitem(name) } }
    mutating func endSubitem() { if writeLines { json.endSubitem() } }
    mutating func beginRepetition(count: Int) { if writeLines { json.beginRepetition(count: count) } }
    mutating func beginElement() { if writeLines { json.beginElement() } }
    mutating func endElement() { if writeLines { json.endElement() } }
    mutating func commB(mbData: UInt64, bds: UInt8) { if writeLines { json.commB(mbData: mbData, bds: bds) } }
    mutating func explicit(_ payload: UnsafeRawBufferPointer) { if writeLines { json.explicit(payload) } }
}
