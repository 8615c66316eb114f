import Foundation

extension SimulationScenarioFile {
    /// The keys each object of the file may have (snake case, as written in the file).
    static let allowedKeys: [String: Set<String>] = [
        "": [
            "name", "preset", "epoch_unix_s", "duration_s", "seed", "reference", "radars", "adsb_receivers", "traffic",
        ],
        "adsb_receivers": ["lat", "lon", "alt_m", "max_range_m", "reception_probability"],
        "point": ["lat", "lon", "alt_m"],
        "radars": [
            "radar_id", "name", "lat", "lon", "alt_m", "kind", "has_primary", "rotation_period_s", "azimuth_at_t0_deg",
            "sigma_range_m", "sigma_azimuth_deg", "range_bias_m", "range_gain_ppm", "azimuth_bias_deg", "time_bias_s",
            "min_range_m", "max_range_m", "cone_of_silence_deg", "psr_reference_range_m", "psr_reference_pd",
            "psr_reference_rcs_m2", "psr_pfa", "ssr_reply_probability", "false_plots_per_scan", "mode_c_quantum_ft",
            "sectors", "sac", "mti_blind_speed_mps",
        ],
        "traffic": ["random", "aircraft", "drones", "fast_objects", "replay_truth"],
        "random": ["category", "count", "centre", "radius_m"],
        "aircraft": [
            "category", "start_s", "position", "heading_deg", "speed_mps", "waypoints", "continue_after_last",
            "transponder", "mode_a", "icao24", "callsign", "rcs_m2", "adsb",
        ],
        "waypoints": ["lat", "lon", "alt_m", "speed_mps", "hold"],
        "hold": ["inbound_course_deg", "leg_s", "right", "laps"],
        "adsb": ["version", "nacp", "nacv", "nic", "accuracy_fraction"],
        "drones": ["centre", "radius_m", "speed_mps", "height_m", "start_s"],
        "fast_objects": ["position", "heading_deg", "mach", "turn_rate_deg_s", "start_s"],
    ]

    /// Rejects keys the format does not know (a misspelt optional key would otherwise be silently ignored).
    /// - Throws: `SimulationOutputError` naming the file, the JSON path and the key.
    static func checkKeys(_ data: Data, file: String) throws {
        guard let root = try? JSONSerialization.jsonObject(with: data) else { return }
        func visit(_ value: Any, kind: String, path: String) throws {
            if let array = value as? [Any] {
                for (i, element) in array.enumerated() { try visit(element, kind: kind, path: "\(path)[\(i)]") }
                return
            }
            guard let object = value as? [String: Any], let allowed = allowedKeys[kind] else { return }
            for key in object.keys.sorted() {
                guard allowed.contains(key) else {
                    throw SimulationOutputError(
                        message: "\(file): unknown key '\(key)' at \(path.isEmpty ? "top level" : path)"
                    )
                }
                let child: String? =
                    switch key {
                    case "reference", "centre", "position": "point"
                    case "radars", "adsb_receivers", "traffic", "random", "aircraft", "waypoints", "hold", "adsb",
                        "drones",
                        "fast_objects":
                        key
                    default: nil
                    }
                if let child { try visit(object[key]!, kind: child, path: "\(path).\(key)") }
            }
        }
        try visit(root, kind: "", path: "")
    }
}
