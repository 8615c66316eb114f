import Foundation
public import SkyGeodesy
public import SkyModel
import SkySimulation
public import SkyTracking

/// What a recording keeps of the service's configuration (the `run.configuration` JSON), so that replay runs the
/// tracker as the live run did: reference point, sensors (configured and simulated radars), cycle, reorder window,
/// filter and associator, sensor registration (mode and reference radars), every tracker and ADS-B fusion parameter
/// (a `parameters_file`'s values included), and the inputs' names and kinds.
public struct RecordedSettings: Sendable {
    /// The system reference point.
    public var reference: GeodeticPosition?
    /// Every sensor the tracker knew at start.
    public var sensors: [SensorDescription] = []
    /// Update cycle and reorder window, seconds.
    public var cyclePeriodSeconds = 0.25
    public var reorderWindowSeconds = 0.1
    /// Filter and associator names (`imm`, `gnn` …).
    public var filter = "imm"
    public var associator = "gnn"
    /// Sensor registration mode (`off`, `estimate`, `correct`) and the `SAC/SIC` of the reference radars named in
    /// the tracker settings (those marked in the sensors are in ``sensors``).
    public var registration = "off"
    public var registrationReferences: [String] = []
    /// Every tracker and ADS-B fusion parameter the run used (the defaults where a recording made before they were
    /// kept has none).
    public var trackerParameters = TrackerConfiguration()
    public var adsbParameters = ADSBFusionConfiguration()
    /// The inputs' names and kinds.
    public var inputs: [(name: String, kind: String)] = []

    /// The settings of a service about to run with `configuration`.
    public init(configuration c: ServeConfiguration) {
        var simulations: [SimulationConfiguration] = []
        sensors = c.sensors
        for case .simulator(_, let preset, let seed, let duration, _, _) in c.inputs {
            let s = preset.configuration(seed: seed, durationSeconds: duration)
            simulations.append(s)
            for r in s.radars where !sensors.contains(where: { $0.id == r.sensorDescription.id }) {
                sensors.append(r.sensorDescription)
            }
        }
        reference = c.resolvedReference(simulations: simulations)
        cyclePeriodSeconds = c.tracker.cyclePeriodSeconds
        reorderWindowSeconds = c.tracker.reorderWindowSeconds
        filter = c.tracker.tracking.filter.rawValue
        associator = c.tracker.tracking.associator.rawValue
        registration = c.tracker.tracking.tracker.registration.rawValue
        registrationReferences = c.tracker.tracking.tracker.registrationReferences
        trackerParameters = c.tracker.tracking.tracker
        adsbParameters = c.tracker.tracking.adsb
        inputs = c.inputs.map { ($0.name, $0.kind) }
    }

    /// Non-finite parameters as strings, the same both ways.
    private static let nonFinite = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    /// A parameter object decoded from the settings JSON (`nil` when absent or not decodable).
    private static func parameters<T: Decodable>(_ value: Any?, as: T.Type) -> T? {
        guard let value, JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(withJSONObject: value)
        else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: nonFinite.positiveInfinity,
            negativeInfinity: nonFinite.negativeInfinity,
            nan: nonFinite.nan
        )
        return try? decoder.decode(T.self, from: data)
    }

    /// A parameter object as JSON text (`{}` if it cannot be encoded: replay then uses the defaults).
    private static func parametersJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: nonFinite.positiveInfinity,
            negativeInfinity: nonFinite.negativeInfinity,
            nan: nonFinite.nan
        )
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads the settings back from a run's configuration JSON; unknown or missing keys keep their defaults.
    public init(json: String) {
        func double(_ value: Any?) -> Double? {
            if let t = value as? String { return Double(t) }
            return (value as? NSNumber)?.doubleValue
        }
        guard let o = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return }
        if let r = o["reference"] as? [String: Any], let lat = double(r["lat_rad"]), let lon = double(r["lon_rad"]) {
            reference = GeodeticPosition(latitude: lat, longitude: lon, heightMetres: double(r["height_m"]) ?? 0)
        }
        if let t = o["tracker"] as? [String: Any] {
            cyclePeriodSeconds = double(t["cycle_s"]) ?? cyclePeriodSeconds
            reorderWindowSeconds = double(t["reorder_window_s"]) ?? reorderWindowSeconds
            filter = t["filter"] as? String ?? filter
            associator = t["associator"] as? String ?? associator
            registration = t["registration"] as? String ?? registration
            registrationReferences = t["registration_references"] as? [String] ?? registrationReferences
            trackerParameters = Self.parameters(t["parameters"], as: TrackerConfiguration.self) ?? trackerParameters
            adsbParameters = Self.parameters(t["adsb_parameters"], as: ADSBFusionConfiguration.self) ?? adsbParameters
        }
        for case let i as [String: Any] in o["inputs"] as? [Any] ?? [] {
            inputs.append((i["name"] as? String ?? "?", i["kind"] as? String ?? "?"))
        }
        for case let s as [String: Any] in o["sensors"] as? [Any] ?? [] {
            guard let sac = s["sac"] as? Int, let sic = s["sic"] as? Int,
                let kind = SensorKind(rawValue: s["kind"] as? String ?? ""), let lat = double(s["lat_rad"]),
                let lon = double(s["lon_rad"])
            else { continue }
            sensors.append(
                SensorDescription(
                    id: SensorID(sac: UInt8(clamping: sac), sic: UInt8(clamping: sic)),
                    name: s["name"] as? String ?? "",
                    site: GeodeticPosition(latitude: lat, longitude: lon, heightMetres: double(s["height_m"]) ?? 0),
                    kind: kind,
                    rotationPeriodSeconds: double(s["rotation_period_s"]),
                    azimuthAtEpoch: double(s["azimuth_at_epoch_rad"]),
                    rangeSigmaMetres: double(s["range_sigma_m"]) ?? 0,
                    azimuthSigma: double(s["azimuth_sigma_rad"]) ?? 0,
                    detectionProbability: double(s["detection_probability"]) ?? 0.9,
                    minRangeMetres: double(s["min_range_m"]) ?? 0,
                    maxRangeMetres: double(s["max_range_m"]) ?? 463_000,
                    modeCQuantumFeet: double(s["mode_c_quantum_ft"]) ?? 100,
                    falsePlotsPerScan: double(s["false_plots_per_scan"]) ?? 0,
                    mtiBlindSpeedMetresPerSecond: double(s["mti_blind_speed_mps"]) ?? 0,
                    isRegistrationReference: s["reference"] as? Bool ?? false
                )
            )
        }
    }

    /// The settings as JSON text (doubles as strings in their shortest form, which read back exactly).
    public func json() -> String {
        func number(_ v: Double) -> String { v.isFinite ? "\"\(v)\"" : "null" }
        func string(_ t: String) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: [t], options: [])) ?? Data("[\"\"]".utf8)
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
        func object(_ pairs: [(String, String)]) -> String {
            "{" + pairs.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
        }
        var top: [(String, String)] = [
            (
                "tracker",
                object([
                    ("cycle_s", number(cyclePeriodSeconds)), ("reorder_window_s", number(reorderWindowSeconds)),
                    ("filter", string(filter)), ("associator", string(associator)),
                    ("registration", string(registration)),
                    ("registration_references", "[" + registrationReferences.map(string).joined(separator: ",") + "]"),
                    ("parameters", Self.parametersJSON(trackerParameters)),
                    ("adsb_parameters", Self.parametersJSON(adsbParameters)),
                ])
            ),
            (
                "inputs",
                "["
                    + inputs.map { object([("name", string($0.name)), ("kind", string($0.kind))]) }.joined(
                        separator: ","
                    ) + "]"
            ),
            (
                "sensors",
                "["
                    + sensors.map { s in
                        var d: [(String, String)] = [
                            ("sac", "\(s.id.sac)"), ("sic", "\(s.id.sic)"), ("name", string(s.name)),
                            ("kind", string(s.kind.rawValue)), ("lat_rad", number(s.site.latitude)),
                            ("lon_rad", number(s.site.longitude)), ("height_m", number(s.site.heightMetres)),
                            ("range_sigma_m", number(s.rangeSigmaMetres)),
                            ("azimuth_sigma_rad", number(s.azimuthSigma)),
                            ("detection_probability", number(s.detectionProbability)),
                            ("min_range_m", number(s.minRangeMetres)), ("max_range_m", number(s.maxRangeMetres)),
                            ("mode_c_quantum_ft", number(s.modeCQuantumFeet)),
                            ("false_plots_per_scan", number(s.falsePlotsPerScan)),
                            ("mti_blind_speed_mps", number(s.mtiBlindSpeedMetresPerSecond)),
                        ]
                        if let p = s.rotationPeriodSeconds { d.append(("rotation_period_s", number(p))) }
                        if let a = s.azimuthAtEpoch { d.append(("azimuth_at_epoch_rad", number(a))) }
                        if s.isRegistrationReference { d.append(("reference", "true")) }
                        return object(d)
                    }.joined(separator: ",") + "]"
            ),
        ]
        if let reference {
            top.append(
                (
                    "reference",
                    object([
                        ("lat_rad", number(reference.latitude)), ("lon_rad", number(reference.longitude)),
                        ("height_m", number(reference.heightMetres)),
                    ])
                )
            )
        }
        return object(top)
    }

    /// The settings applied to `c`: the reference and sensors where `c` has none, and the tracker settings
    /// (cycle, window, filter, associator, tracker and ADS-B parameters, registration) unless `keepTracker`.
    public func apply(to c: inout ServeConfiguration, keepTracker: Bool = false) {
        if c.reference == nil { c.reference = reference }
        if c.sensors.isEmpty { c.sensors = sensors }
        guard !keepTracker else { return }
        c.tracker.cyclePeriodSeconds = cyclePeriodSeconds
        c.tracker.reorderWindowSeconds = reorderWindowSeconds
        if let f = FilterKind(rawValue: filter) { c.tracker.tracking.filter = f }
        if let a = AssociatorKind(rawValue: associator) { c.tracker.tracking.associator = a }
        c.tracker.tracking.tracker = trackerParameters
        c.tracker.tracking.adsb = adsbParameters
        if let m = RegistrationMode(rawValue: registration) { c.tracker.tracking.tracker.registration = m }
        c.tracker.tracking.tracker.registrationReferences = registrationReferences
    }
}
