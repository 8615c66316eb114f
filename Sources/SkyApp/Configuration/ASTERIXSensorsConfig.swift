public import Foundation
import SkyGeodesy
public import SkyModel

/// The sensor configuration of an ASTERIX recording: SAC/SIC → site and accuracy (a small JSON file).
///
/// ```json
/// {"reference_date": "2019-03-01",
///  "sensors": [{"sac": 25, "sic": 201, "name": "Radar A", "latitude_deg": 45.81, "longitude_deg": 15.98,
///               "height_m": 350, "kind": "modeS", "range_sigma_m": 60, "azimuth_sigma_deg": 0.06,
///               "rotation_period_s": 4.95}]}
/// ```
/// `kind` is one of `psr`, `ssr`, `modeS`, `adsbReceiver` (default `modeS`); `rotation_period_s` may be left out
/// and is then learnt from CAT034 I034/041. Optional: `detection_probability` (0.9), `max_range_m` (463000),
/// `mode_c_quantum_ft` (25 for Mode S, else 100), `reference` (`false`; `true` marks a radar that fixes sensor
/// registration's absolute frame when there is no ADS-B, docs/registration.md). `reference_date` (UTC day, `YYYY-MM-DD`) resolves ASTERIX times
/// of day in raw files, which carry no date; captures use their packet times.
public struct ASTERIXSensorsConfig: Sendable {
    /// The sensors, in file order.
    public var sensors: [SensorDescription]
    /// UNIX time of 12:00 UTC on the reference date (the midpoint resolves any time of that day), if given.
    public var referenceUnixSeconds: Double?

    struct Entry: Decodable {
        var sac: UInt8
        var sic: UInt8
        var name: String?
        var latitude_deg: Double
        var longitude_deg: Double
        var height_m: Double
        var kind: String?
        var range_sigma_m: Double
        var azimuth_sigma_deg: Double
        var rotation_period_s: Double?
        var detection_probability: Double?
        var max_range_m: Double?
        var mode_c_quantum_ft: Double?
        var reference: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case sac, sic, name, latitude_deg, longitude_deg, height_m, kind, range_sigma_m, azimuth_sigma_deg
            case rotation_period_s, detection_probability, max_range_m, mode_c_quantum_ft, reference
        }
    }

    struct File: Decodable {
        var reference_date: String?
        var sensors: [Entry]
    }

    /// Parses a configuration file.
    /// - Throws: an error naming the file and the problem (unreadable, not JSON, missing key, bad value).
    public static func load(path: String) throws -> ASTERIXSensorsConfig {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try parse(data, name: path)
    }

    /// Parses configuration JSON; `name` is used in error messages.
    public static func parse(_ data: Data, name: String = "sensors config") throws -> ASTERIXSensorsConfig {
        // Unknown keys first (a misspelt optional key would otherwise be a silently kept default), with their line.
        let reader = StrictReader(file: name, text: String(decoding: data, as: UTF8.self))
        if let root = try? JSONSerialization.jsonObject(with: data) {
            let top = try reader.object(root, "", allowed: ["reference_date", "sensors"])
            for (i, entry) in (top["sensors"] as? [Any] ?? []).enumerated() {
                _ = try reader.object(
                    entry,
                    "sensors[\(i)]",
                    allowed: Set(Entry.CodingKeys.allCases.map(\.rawValue))
                )
            }
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw reader.fail(error)
        } catch {
            throw ConfigError("\(name): not a valid sensors configuration (\(error))")
        }
        var seen = Set<SensorID>()
        var sensors: [SensorDescription] = []
        for (i, e) in file.sensors.enumerated() {
            let id = SensorID(sac: e.sac, sic: e.sic)
            guard seen.insert(id).inserted else { throw ConfigError("\(name): sensors[\(i)]: duplicate SAC/SIC \(id)") }
            guard let kind = SensorKind(rawValue: e.kind ?? "modeS") else {
                throw ConfigError("\(name): sensors[\(i)]: unknown kind '\(e.kind ?? "")'")
            }
            guard abs(e.latitude_deg) <= 90, abs(e.longitude_deg) <= 180, e.range_sigma_m > 0, e.azimuth_sigma_deg > 0
            else { throw ConfigError("\(name): sensors[\(i)]: position or sigmas out of range") }
            sensors.append(
                SensorDescription(
                    id: id,
                    name: e.name ?? "radar \(id)",
                    site: GeodeticPosition(
                        latitudeDegrees: e.latitude_deg,
                        longitudeDegrees: e.longitude_deg,
                        heightMetres: e.height_m
                    ),
                    kind: kind,
                    rotationPeriodSeconds: e.rotation_period_s,
                    rangeSigmaMetres: e.range_sigma_m,
                    azimuthSigma: e.azimuth_sigma_deg * .pi / 180,
                    detectionProbability: e.detection_probability ?? 0.9,
                    maxRangeMetres: e.max_range_m ?? 463_000,
                    modeCQuantumFeet: e.mode_c_quantum_ft ?? (kind == .modeS ? 25 : 100),
                    isRegistrationReference: e.reference ?? false
                )
            )
        }
        var reference: Double?
        if let d = file.reference_date {
            let parts = d.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
                throw ConfigError("\(name): reference_date '\(d)' is not YYYY-MM-DD")
            }
            reference = Double(daysFromCivil(parts[0], parts[1], parts[2])) * 86_400 + 43_200
        }
        return ASTERIXSensorsConfig(sensors: sensors, referenceUnixSeconds: reference)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// A configuration file error with its message.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
