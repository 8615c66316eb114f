import Foundation
public import SkyGeodesy
public import SkyModel
import SkyScenario
public import SkyServer
public import SkySimulation
public import SkyTracking

/// Everything `skywatch serve` runs with: the inputs, the tracker, the outputs and the server. Read from one JSON
/// file (`docs/serve.md` documents every key with its unit and default) and/or built from command-line flags.
public struct ServeConfiguration: Sendable {
    /// One input.
    public enum Input: Sendable {
        /// ASTERIX over UDP on `address:port`, joining `group` when given.
        case asterixUDP(name: String, address: String, port: Int, group: String?)
        /// Beast over TCP from `host:port`, a receiver at `position`.
        case beastTCP(name: String, host: String, port: Int, timestamps: BeastTimestamps, position: GeodeticPosition?)
        /// The simulator in process.
        case simulator(
            name: String,
            preset: SimulationPreset,
            seed: UInt64,
            durationSeconds: Int,
            speed: Double,
            loop: Bool
        )
        /// A recording replayed (`skywatch replay`): its inputs of data time `from…to` (UNIX s) re-tracked at
        /// `speed` × real time, or with `tracks` its recorded picture played.
        case replay(name: String, path: String, from: Double, to: Double, speed: Double, tracks: Bool)

        /// The input's name.
        public var name: String {
            switch self {
            case .asterixUDP(let n, _, _, _), .beastTCP(let n, _, _, _, _), .simulator(let n, _, _, _, _, _),
                .replay(let n, _, _, _, _, _):
                n
            }
        }

        /// The kind shown in `/api/sensors`.
        public var kind: String {
            switch self {
            case .asterixUDP: "asterix-udp"
            case .beastTCP: "beast-tcp"
            case .simulator: "simulator"
            case .replay: "replay"
            }
        }
    }

    /// Inputs, in order.
    public var inputs: [Input] = []
    /// Radars (ASTERIX sensors configuration or scenario sensors.json), for ASTERIX inputs.
    public var sensors: [SensorDescription] = []
    /// The system reference point; default: the first simulator's, else the mean of the sensors and receivers.
    public var reference: GeodeticPosition?
    /// Tracker task settings.
    public var tracker = TrackerService.Configuration()
    /// The server.
    public var server = ServerConfiguration()
    /// CAT062 + CAT065 outputs, `udp://HOST:PORT`.
    public var cat062Outputs: [String] = []
    /// SDPS identity of the CAT062 output (and of the track numbers in CAT004).
    public var sdps = SensorID(sac: 0, sic: 200)
    /// CAT004 safety-net outputs, `udp://HOST:PORT`: every alert start, update and end of a kind CAT004 has a
    /// message type for (STCA, area), sent by the tracker task in the cycle it happens.
    public var cat004Outputs: [String] = []
    /// "live" or "demo" (shown in `/api/status`).
    public var mode = "live"
    /// Safety nets: alert configuration file (JSON, docs/alerts.md); `nil` = the defaults.
    public var alertConfigPath: String?
    /// Safety nets: restricted areas file (GeoJSON, ED-318, ED-269); `nil` = none.
    public var areasPath: String?

    public init() {}

    /// Applies the safety-net flags of `skywatch serve` and `skywatch demo` (`--alert-config FILE`,
    /// `--areas FILE.geojson`, `--cat004 udp://HOST:PORT`), which override the configuration file's. The files are
    /// read once here, so that a bad file is refused before the service starts.
    /// - Throws: ``ConfigError`` naming the flag, or the file's own error (with its path, feature and key).
    public mutating func applyAlertOptions(alertConfig: String?, areas: String?, cat004: [String]) throws {
        for url in cat004 {
            guard case .udp? = TrackOutputTarget(parsing: url) else {
                throw ConfigError("--cat004 must be udp://HOST:PORT, not '\(url)'")
            }
            cat004Outputs.append(url)
        }
        if let alertConfig { alertConfigPath = alertConfig }
        if let areas { areasPath = areas }
        if alertConfig != nil || areas != nil {
            _ = try makeAlertEngine(configPath: alertConfigPath, areasPath: areasPath)
        }
    }

    /// The reference point to use: the configured one, the simulator's, else the centre of sensors and receivers.
    public func resolvedReference(simulations: [SimulationConfiguration]) -> GeodeticPosition? {
        if let reference { return reference }
        if let s = simulations.first { return s.reference }
        var sites = sensors.map(\.site)
        for case .beastTCP(_, _, _, _, let p?) in inputs { sites.append(p) }
        guard !sites.isEmpty else { return nil }
        return GeodeticPosition(
            latitude: sites.map(\.latitude).reduce(0, +) / Double(sites.count),
            longitude: sites.map(\.longitude).reduce(0, +) / Double(sites.count)
        )
    }
}

extension ServeConfiguration {
    /// Reads a configuration file (JSON). Unknown keys are errors; every error names the file, the line and the
    /// key path.
    /// - Throws: ``ConfigError``.
    public static func load(path: String) throws -> ServeConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("\(path): cannot read the configuration file")
        }
        let text = String(decoding: data, as: UTF8.self)
        let root: [String: Any]
        do {
            guard let r = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ConfigError("\(path):1: the configuration must be a JSON object")
            }
            root = r
        } catch let e as ConfigError {
            throw e
        } catch {
            throw ConfigError("\(path): not valid JSON: \(error.localizedDescription)")
        }
        var reader = StrictReader(file: path, text: text)
        return try reader.serve(root)
    }
}

/// Walks a parsed JSON configuration, rejecting unknown keys and wrong types with file, line and key path.
struct StrictReader {
    let file: String
    let text: String

    func fail(_ path: String, _ message: String) -> ConfigError {
        // The line of the key: the first line holding its last component as a JSON key.
        let key = path.split(separator: ".").last.map { String($0).replacingOccurrences(of: "]", with: "") } ?? path
        let name = key.split(separator: "[").first.map(String.init) ?? key
        var line = 1
        for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where l.contains("\"\(name)\"") {
            line = i + 1
            break
        }
        return ConfigError("\(file):\(line): \(path.isEmpty ? "top level" : path): \(message)")
    }

    func object(_ value: Any?, _ path: String, allowed: Set<String>) throws -> [String: Any] {
        guard let o = value as? [String: Any] else { throw fail(path, "expected an object") }
        for k in o.keys.sorted() where !allowed.contains(k) {
            throw fail(
                path.isEmpty ? k : "\(path).\(k)",
                "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))"
            )
        }
        return o
    }

    func string(_ o: [String: Any], _ key: String, _ path: String) throws -> String? {
        guard let v = o[key] else { return nil }
        guard let s = v as? String else { throw fail("\(path).\(key)", "expected a string") }
        return s
    }

    func number(_ o: [String: Any], _ key: String, _ path: String, range: ClosedRange<Double>? = nil) throws -> Double?
    {
        guard let v = o[key] else { return nil }
        // JSON true/false arrive as NSNumbers of type "c"; `is Bool` would also take the numbers 0 and 1.
        guard let n = v as? NSNumber, !Self.isBoolean(n) else { throw fail("\(path).\(key)", "expected a number") }
        let d = n.doubleValue
        if let range, !range.contains(d) {
            throw fail("\(path).\(key)", "\(d) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return d
    }

    static func isBoolean(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

    func bool(_ o: [String: Any], _ key: String, _ path: String) throws -> Bool? {
        guard let v = o[key] else { return nil }
        guard let n = v as? NSNumber, Self.isBoolean(n) else { throw fail("\(path).\(key)", "expected true or false") }
        return n.boolValue
    }

    func position(_ o: [String: Any], _ path: String) throws -> GeodeticPosition? {
        let lat = try number(o, "lat", path, range: -90...90)
        let lon = try number(o, "lon", path, range: -180...180)
        guard let lat, let lon else {
            if lat != nil || lon != nil { throw fail(path, "give both lat and lon (degrees)") }
            return nil
        }
        return GeodeticPosition(
            latitudeDegrees: lat,
            longitudeDegrees: lon,
            heightMetres: try number(o, "height_m", path) ?? 0
        )
    }

    mutating func serve(_ root: [String: Any]) throws -> ServeConfiguration {
        var c = ServeConfiguration()
        let top = try object(
            root,
            "",
            allowed: ["server", "tracker", "reference", "inputs", "sensors", "outputs", "alerts"]
        )
        if let s = top["server"] {
            let o = try object(s, "server", allowed: ["bind", "port", "token_file", "max_body_bytes"])
            if let b = try string(o, "bind", "server") { c.server.bindAddress = b }
            if let p = try number(o, "port", "server", range: 0...65_535) { c.server.port = Int(p) }
            if let f = try string(o, "token_file", "server") {
                c.server.token = try readToken(f, path: "server.token_file")
            }
            if let m = try number(o, "max_body_bytes", "server", range: 1...1e9) { c.server.maximumBodyBytes = Int(m) }
        }
        if let t = top["tracker"] {
            let o = try object(
                t,
                "tracker",
                allowed: [
                    "cycle_s", "reorder_window_s", "filter", "associator", "parameters_file", "registration",
                    "registration_references", "registrationReferences",
                ]
            )
            if let v = try number(o, "cycle_s", "tracker", range: 0.01...60) { c.tracker.cyclePeriodSeconds = v }
            if let v = try number(o, "reorder_window_s", "tracker", range: 0...60) {
                c.tracker.reorderWindowSeconds = v
            }
            if let f = try string(o, "filter", "tracker") {
                guard let k = FilterKind(rawValue: f) else {
                    throw fail("tracker.filter", "'\(f)' is not imm, imm-ct, imm-ca or kf")
                }
                c.tracker.tracking.filter = k
            }
            if let a = try string(o, "associator", "tracker") {
                guard let k = AssociatorKind(rawValue: a) else {
                    throw fail("tracker.associator", "'\(a)' is not gnn or jpda")
                }
                c.tracker.tracking.associator = k
            }
            if let p = try string(o, "parameters_file", "tracker") {
                c.tracker.tracking = try TrackingConfiguration.load(
                    path: p,
                    filter: c.tracker.tracking.filter,
                    associator: c.tracker.tracking.associator
                )
            }
            // Sensor registration (docs/registration.md): these keys override the parameters file's.
            if let m = try string(o, "registration", "tracker") {
                guard let mode = RegistrationMode(rawValue: m) else {
                    throw fail("tracker.registration", "'\(m)' is not off, estimate or correct")
                }
                c.tracker.tracking.tracker.registration = mode
            }
            for key in ["registration_references", "registrationReferences"] {
                guard let list = o[key] else { continue }
                guard let ids = list as? [String],
                    ids.allSatisfy({ $0.split(separator: "/").compactMap { UInt8($0) }.count == 2 })
                else { throw fail("tracker.\(key)", "expected an array of \"SAC/SIC\" strings") }
                c.tracker.tracking.tracker.registrationReferences = ids
            }
        }
        if let r = top["reference"] {
            let o = try object(r, "reference", allowed: ["lat", "lon", "height_m"])
            c.reference = try position(o, "reference")
        }
        if let s = top["sensors"] {
            guard let path = s as? String else { throw fail("sensors", "expected the path of a sensors file") }
            c.sensors = try Self.loadSensors(path: path)
        }
        if let list = top["inputs"] {
            guard let array = list as? [Any] else { throw fail("inputs", "expected an array of inputs") }
            for (i, item) in array.enumerated() { c.inputs.append(try input(item, "inputs[\(i)]")) }
            let names = c.inputs.map(\.name)
            if Set(names).count != names.count { throw fail("inputs", "input names must be unique") }
        }
        if let a = top["alerts"] {
            let o = try object(a, "alerts", allowed: ["config", "areas"])
            c.alertConfigPath = try string(o, "config", "alerts")
            c.areasPath = try string(o, "areas", "alerts")
        }
        if let list = top["outputs"] {
            guard let array = list as? [Any] else { throw fail("outputs", "expected an array of outputs") }
            for (i, item) in array.enumerated() {
                let path = "outputs[\(i)]"
                let o = try object(item, path, allowed: ["kind", "url", "sdps"])
                let kind = try string(o, "kind", path)
                guard kind == "cat062-udp" || kind == "cat004-udp" else {
                    throw fail("\(path).kind", "cat062-udp or cat004-udp")
                }
                guard let url = try string(o, "url", path), url.hasPrefix("udp://") else {
                    throw fail("\(path).url", "expected udp://HOST:PORT")
                }
                if kind == "cat004-udp" { c.cat004Outputs.append(url) } else { c.cat062Outputs.append(url) }
                if let s = try string(o, "sdps", path) {
                    let p = s.split(separator: "/").compactMap { UInt8($0) }
                    guard p.count == 2 else { throw fail("\(path).sdps", "expected SAC/SIC") }
                    c.sdps = SensorID(sac: p[0], sic: p[1])
                }
            }
        }
        return c
    }

    func input(_ item: Any, _ path: String) throws -> ServeConfiguration.Input {
        guard let kind = (item as? [String: Any])?["kind"] as? String else { throw fail(path, "an input needs a kind") }
        switch kind {
        case "asterix-udp":
            let o = try object(item, path, allowed: ["kind", "name", "address", "port", "group"])
            guard let port = try number(o, "port", path, range: 1...65_535) else {
                throw fail("\(path).port", "missing")
            }
            return .asterixUDP(
                name: try string(o, "name", path) ?? "asterix-\(Int(port))",
                address: try string(o, "address", path) ?? "127.0.0.1",
                port: Int(port),
                group: try string(o, "group", path)
            )
        case "beast-tcp":
            let o = try object(
                item,
                path,
                allowed: ["kind", "name", "host", "port", "timestamps", "lat", "lon", "height_m"]
            )
            let ts = try string(o, "timestamps", path) ?? "arrival"
            guard let timestamps = BeastTimestamps(rawValue: ts) else {
                throw fail("\(path).timestamps", "'\(ts)' is not arrival or gps")
            }
            return .beastTCP(
                name: try string(o, "name", path) ?? "beast",
                host: try string(o, "host", path) ?? "127.0.0.1",
                port: Int(try number(o, "port", path, range: 1...65_535) ?? 30_005),
                timestamps: timestamps,
                position: try position(o, path)
            )
        case "simulator":
            let o = try object(item, path, allowed: ["kind", "name", "preset", "seed", "duration_s", "speed", "loop"])
            let p = try string(o, "preset", path) ?? "airport"
            guard let preset = SimulationPreset(rawValue: p) else {
                throw fail("\(path).preset", "'\(p)' is not airport, enroute, border or stress")
            }
            return .simulator(
                name: try string(o, "name", path) ?? "simulator",
                preset: preset,
                seed: UInt64(try number(o, "seed", path, range: 0...1e15) ?? 1),
                durationSeconds: Int(try number(o, "duration_s", path, range: 1...1e7) ?? 3_600),
                speed: try number(o, "speed", path, range: 0.01...1_000) ?? 1,
                loop: try bool(o, "loop", path) ?? true
            )
        default:
            throw fail("\(path).kind", "'\(kind)' is not asterix-udp, beast-tcp or simulator")
        }
    }

    func readToken(_ file: String, path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else { throw fail(path, "cannot read \(file)") }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.count >= 16 else { throw fail(path, "the token in \(file) is shorter than 16 characters") }
        return token
    }

    /// Radars from an ASTERIX sensors configuration or a scenario's sensors.json.
    static func loadSensors(path: String) throws -> [SensorDescription] {
        try ServeConfiguration.loadSensorsFile(path: path)
    }
}

extension ServeConfiguration {
    /// Radars from an ASTERIX sensors configuration or a scenario's sensors.json.
    /// - Throws: errors naming the file.
    public static func loadSensorsFile(path: String) throws -> [SensorDescription] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError("\(path): cannot read") }
        let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        if root?["radars"] != nil {
            return try Scenario.loadSensorsFile(path: path).radars.map(\.description)
        }
        return try ASTERIXSensorsConfig.load(path: path).sensors
    }
}

/// A token file's content: at least 16 characters, surrounding white space removed.
public func readTokenFile(_ file: String) throws -> String {
    try StrictReader(file: file, text: "").readToken(file, path: "--token-file")
}
