import Foundation
import SkyASTERIX

/// Loads the real ASTERIX samples in Fixtures/ (see Fixtures/README.md).
enum Fixture {
    static let names = ["cat048", "cat034", "cat_034_048_first25", "cat_062_065"]

    static func path(_ name: String) -> String {
        for ext in ["raw", "pcap"] {
            if let u = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: ext) { return u.path }
        }
        fatalError("fixture \(name) missing")
    }

    static func bytes(_ name: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path(name))!)
    }

    /// The reference decoding (asterix-decoder 0.7.11), one dictionary per record.
    static func references(_ name: String) -> [[String: Any]] {
        let u = Bundle.module.url(forResource: "Fixtures/\(name).ref", withExtension: "jsonl")!
        let text = try! String(contentsOf: u, encoding: .utf8)
        return text.split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// The (start, end) ranges of the data blocks in a fixture (UDP payloads for captures).
    static func payloads(_ bytes: [UInt8]) -> [(Int, Int)] {
        bytes.withUnsafeBytes { base in
            if PacketCapture.isCapture(base) {
                return try! PacketCapture.udpDatagrams(base).map { ($0.payloadStart, $0.payloadEnd) }
            }
            return [(0, base.count)]
        }
    }

    /// Every record of a fixture as (category, start, end).
    static func records(_ bytes: [UInt8]) -> [(category: UInt8, start: Int, end: Int)] {
        var sink = RangeSink()
        bytes.withUnsafeBytes { base in
            for (s, e) in payloads(bytes) { BlockDecoder.decode(base, start: s, end: e, into: &sink) }
        }
        precondition(sink.errors.isEmpty, "fixture has errors: \(sink.errors)")
        return sink.ranges
    }

    /// JSON lines of a fixture as our decoder prints them.
    static func jsonLines(_ bytes: [UInt8]) -> [[String: Any]] {
        var lines: [String] = []
        var sink = JSONLinesSink(input: bytes) { lines.append($0) }
        bytes.withUnsafeBytes { base in
            for (s, e) in payloads(bytes) { BlockDecoder.decode(base, start: s, end: e, into: &sink) }
        }
        return lines.map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }
}

/// Collects record ranges and errors.
struct RangeSink: RecordSink {
    var ranges: [(category: UInt8, start: Int, end: Int)] = []
    var errors: [DecodeError] = []
    var current: (UInt8, Int) = (0, 0)
    mutating func beginRecord(category: UInt8, offset: Int) { current = (category, offset) }
    mutating func endRecord(end: Int) { ranges.append((current.0, current.1, end)) }
    mutating func error(_ error: DecodeError) { errors.append(error) }
}

/// Flattens a decoded JSON record into leaf paths ("I048/040.RHO", "I048/250[0].BDS") and values.
func leaves(_ v: Any, _ path: String, into out: inout [String: Any]) {
    if let d = v as? [String: Any] {
        for (k, x) in d { leaves(x, path.isEmpty ? k : path + "." + k, into: &out) }
    } else if let a = v as? [Any] {
        for (i, x) in a.enumerated() { leaves(x, "\(path)[\(i)]", into: &out) }
    } else {
        out[path] = v
    }
}

/// Renames our JSON (asterix-specs subfield names and units) to asterix-decoder 0.7.11's, the names of the
/// reference files: the same table as `scripts/asterix-to-decoder-names.py` (Fixtures/asterix-decoder-names.json,
/// a copy of scripts/asterix-decoder-names.json).
enum DecoderNames {
    struct Entry {
        var fields: [String: String] = [:]
        var subitems: [String: String] = [:]
        var scale: [String: Double] = [:]
    }

    static let table: [String: Entry] = {
        let u = Bundle.module.url(forResource: "Fixtures/asterix-decoder-names", withExtension: "json")!
        let raw = try! JSONSerialization.jsonObject(with: Data(contentsOf: u)) as! [String: [String: Any]]
        return raw.mapValues { d in
            Entry(
                fields: d["fields"] as? [String: String] ?? [:],
                subitems: d["subitems"] as? [String: String] ?? [:],
                scale: (d["scale"] as? [String: NSNumber] ?? [:]).mapValues(\.doubleValue)
            )
        }
    }()

    static func rename(_ obj: [String: Any], _ e: Entry, _ prefix: String) -> [String: Any] {
        var out: [String: Any] = [:]
        for (k, v) in obj {
            let key = prefix + k
            var v = v
            if let f = e.scale[key], let n = v as? NSNumber { v = NSNumber(value: n.doubleValue * f) }
            out[e.fields[key] ?? k] = v
        }
        return out
    }

    /// One decoded record with the reference's names.
    static func translate(_ record: [String: Any]) -> [String: Any] {
        var out: [String: Any] = [:]
        for (k, v) in record {
            guard let e = table[k] else {
                out[k] = v
                continue
            }
            func item(_ v: Any) -> Any {
                if let a = v as? [Any] { return a.map(item) }
                guard let d = v as? [String: Any] else { return v }
                let compound = d.values.contains { $0 is [String: Any] || $0 is [Any] }
                guard compound else { return rename(d, e, "") }
                var o: [String: Any] = [:]
                for (sub, body) in d {
                    let name = e.subitems[sub] ?? sub
                    if let a = body as? [[String: Any]] {
                        o[name] = a.map { rename($0, e, sub + ".") }
                    } else if let b = body as? [String: Any] {
                        o[name] = rename(b, e, sub + ".")
                    } else {
                        o[name] = body
                    }
                }
                return o
            }
            out[k] = item(v)
        }
        return out
    }
}
