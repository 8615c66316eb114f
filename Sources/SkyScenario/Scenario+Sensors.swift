import Foundation
import SkyGeodesy
import SkyModel

extension Scenario {
    /// Parses `sensors.json`; plots are left empty.
    static func loadSensors(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, line: 0, column: 0, message: "cannot read file")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let (line, column) = JSONLocator.position(of: error, in: data)
            throw ScenarioError(file: path, line: line, column: column, message: "invalid JSON: \(error)")
        }
        let locate = JSONLocator(path: path, data: data)
        guard let root = object as? [String: Any] else {
            throw ScenarioError(file: path, line: 1, column: 1, message: "expected a JSON object at top level")
        }
        let name = root["scenario"] as? String ?? "unnamed"
        let epoch = try locate.number(root, "epoch_unix_s", occurrence: 0)
        let duration = try locate.number(root, "duration_s", occurrence: 0)
        guard let radarList = root["radars"] as? [[String: Any]], !radarList.isEmpty else {
            throw locate.error(key: "radars", occurrence: 0, "expected a non-empty array 'radars'")
        }
        var radars: [ScenarioRadar] = []
        for (i, r) in radarList.enumerated() {
            let id = try locate.number(r, "radar_id", occurrence: i)
            guard id >= 0, id < 256, id == id.rounded() else {
                throw locate.error(key: "radar_id", occurrence: i, "radar_id must be an integer 0…255, got \(id)")
            }
            let lat = try locate.number(r, "lat", occurrence: i)
            let lon = try locate.number(r, "lon", occurrence: i)
            guard abs(lat) <= 90, abs(lon) <= 360 else {
                throw locate.error(key: "lat", occurrence: i, "radar position out of range: \(lat), \(lon)")
            }
            let modeS = r["mode_s"] as? Bool ?? false
            // Optional extension key written by `skywatch simulate`: "psr", "ssr" or "mode_s" (SCHEMA.md's
            // `mode_s` alone cannot say that a radar is primary-only).
            var kind: SensorKind = modeS ? .modeS : .ssr
            if let text = r["kind"] as? String {
                switch text {
                case "psr": kind = .psr
                case "ssr": kind = .ssr
                case "mode_s", "modeS": kind = .modeS
                default:
                    throw locate.error(key: "kind", occurrence: i, "kind must be psr, ssr or mode_s, found '\(text)'")
                }
            }
            // Optional extension key: `"reference": true` marks a radar that fixes sensor registration's
            // absolute frame when there is no ADS-B (docs/registration.md).
            var isReference = false
            if let value = r["reference"] {
                guard let flag = value as? Bool else {
                    throw locate.error(key: "reference", occurrence: i, "'reference' must be true or false")
                }
                isReference = flag
            }
            let sigmaRange = try locate.number(r, "sigma_range_m", occurrence: i)
            let sigmaAz = try locate.number(r, "sigma_azimuth_deg", occurrence: i)
            guard sigmaRange > 0, sigmaAz > 0 else {
                throw locate.error(key: "sigma_range_m", occurrence: i, "measurement sigmas must be positive")
            }
            let desc = SensorDescription(
                id: Scenario.sensorID(radarID: Int(id)),
                name: r["name"] as? String ?? "radar \(Int(id))",
                site: GeodeticPosition(
                    latitudeDegrees: lat,
                    longitudeDegrees: lon,
                    heightMetres: try locate.number(r, "alt_m", occurrence: i)
                ),
                kind: kind,
                rotationPeriodSeconds: try locate.number(r, "rotation_period_s", occurrence: i),
                azimuthAtEpoch: (r["azimuth_at_t0_deg"] as? NSNumber).map { $0.doubleValue * .pi / 180 },
                rangeSigmaMetres: sigmaRange,
                azimuthSigma: sigmaAz * .pi / 180,
                detectionProbability: (r["pd"] as? NSNumber)?.doubleValue ?? 0.9,
                minRangeMetres: (r["min_range_m"] as? NSNumber)?.doubleValue ?? 0,
                maxRangeMetres: try locate.number(r, "max_range_m", occurrence: i),
                modeCQuantumFeet: (r["mode_c_quantum_ft"] as? NSNumber)?.doubleValue ?? (modeS ? 25 : 100),
                falsePlotsPerScan: (r["false_plots_per_scan"] as? NSNumber)?.doubleValue ?? 0,
                mtiBlindSpeedMetresPerSecond: (r["mti_blind_speed_mps"] as? NSNumber)?.doubleValue ?? 0,
                isRegistrationReference: isReference
            )
            radars.append(ScenarioRadar(radarID: Int(id), description: desc, reportsModeS: modeS))
        }
        var reference = GeodeticPosition(latitude: 0, longitude: 0)
        if let ref = root["reference"] as? [String: Any], let lat = (ref["lat"] as? NSNumber)?.doubleValue,
            let lon = (ref["lon"] as? NSNumber)?.doubleValue
        {
            reference = GeodeticPosition(latitudeDegrees: lat, longitudeDegrees: lon)
        } else {
            // Mean of the radar sites.
            let n = Double(radars.count)
            reference = GeodeticPosition(
                latitude: radars.map(\.description.site.latitude).reduce(0, +) / n,
                longitude: radars.map(\.description.site.longitude).reduce(0, +) / n
            )
        }
        return Scenario(
            name: name,
            epochUnixSeconds: epoch,
            durationSeconds: duration,
            reference: reference,
            radars: radars,
            plots: [],
            directory: ""
        )
    }
}

/// Finds where a key sits in a JSON text, so value errors can name a line and column.
struct JSONLocator {
    let path: String
    let data: Data

    /// The value of `key` in `object` as a number.
    func number(_ object: [String: Any], _ key: String, occurrence: Int) throws(ScenarioError) -> Double {
        guard let value = object[key] else { throw error(key: key, occurrence: occurrence, "missing key '\(key)'") }
        guard type(of: value) != Bool.self, let n = value as? NSNumber, n.doubleValue.isFinite else {
            throw error(key: key, occurrence: occurrence, "'\(key)' must be a number, found \(value)")
        }
        return n.doubleValue
    }

    /// An error located at the `occurrence`-th appearance of `"key"` in the text (line 1 if not found).
    func error(key: String, occurrence: Int, _ message: String) -> ScenarioError {
        let bytes = [UInt8](data)
        let needle = Array("\"\(key)\"".utf8)
        var seen = 0
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && Array(bytes[i..<i + needle.count]) == needle {
                if seen == occurrence {
                    let (l, c) = Self.lineColumn(bytes, offset: i)
                    return ScenarioError(file: path, line: l, column: c, message: message)
                }
                seen += 1
            }
            i += 1
        }
        return ScenarioError(file: path, line: 1, column: 1, message: message)
    }

    static func lineColumn(_ bytes: [UInt8], offset: Int) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<Swift.min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// Line and column of a JSONSerialization error (Foundation reports a character index).
    static func position(of error: any Error, in data: Data) -> (Int, Int) {
        let ns = error as NSError
        if let index = ns.userInfo["NSJSONSerializationErrorIndex"] as? Int {
            return lineColumn([UInt8](data), offset: index)
        }
        let text = "\(ns.userInfo)" + ns.localizedDescription
        // swift-corelibs-foundation: "Invalid value around character 135."
        if let r = text.range(of: "character "), let index = Int(text[r.upperBound...].prefix { $0.isNumber }) {
            return lineColumn([UInt8](data), offset: index)
        }
        // "… around line 3, column 5."
        if let r = text.range(of: "line "), let l = Int(text[r.upperBound...].prefix { $0.isNumber }),
            let rc = text.range(of: "column "), let c = Int(text[rc.upperBound...].prefix { $0.isNumber })
        {
            return (l, c)
        }
        return (1, 1)
    }
}
