import Foundation
import SkyGeodesy
import SkyModel
import SkyScenario
import SkySimulation

extension SimulationScenarioWriter {
    /// `sensors.json` with the SCHEMA keys first, then the simulator's extra radar keys (`kind`, `has_primary`,
    /// biases, detection model), in a fixed order.
    func sensorsJSON() -> String {
        let c = configuration
        var radars: [String] = []
        for r in c.radars {
            var fields: [(String, String)] = [
                ("radar_id", "\(r.radarID)"), ("name", Self.quoted(r.name)),
                ("lat", Self.number(r.site.latitudeDegrees, 6)), ("lon", Self.number(r.site.longitudeDegrees, 6)),
                ("alt_m", Self.number(r.site.heightMetres, 1)),
                ("rotation_period_s", Self.number(r.rotationPeriodSeconds, 3)),
                ("azimuth_at_t0_deg", Self.number(Self.degrees360(r.azimuthAtEpoch), 3)),
                ("sigma_range_m", Self.number(r.rangeSigmaMetres, 2)),
                ("sigma_azimuth_deg", Self.number(r.azimuthSigma * 180 / .pi, 4)),
                ("pd", Self.number(r.sensorDescription.detectionProbability, 3)),
                ("max_range_m", Self.number(r.maxRangeMetres, 1)), ("min_range_m", Self.number(r.minRangeMetres, 1)),
                ("mode_s", r.kind == .modeS ? "true" : "false"),
                ("mode_c_quantum_ft", "\(Int(r.modeCQuantumFeet))"),
                ("false_plots_per_scan", Self.number(r.falsePlotsPerScan, 3)),
                ("kind", Self.quoted(r.kind == .modeS ? "mode_s" : r.kind.rawValue)),
                ("has_primary", r.hasPrimary ? "true" : "false"),
                ("range_bias_m", Self.number(r.rangeBiasMetres, 2)),
                ("azimuth_bias_deg", Self.number(r.azimuthBias * 180 / .pi, 4)),
                ("time_bias_s", Self.number(r.timeBiasSeconds, 3)),
                ("psr_reference_range_m", Self.number(r.primary.referenceRangeMetres, 1)),
                ("psr_reference_pd", Self.number(r.primary.referenceDetectionProbability, 3)),
                ("psr_reference_rcs_m2", Self.number(r.primary.referenceCrossSectionSquareMetres, 3)),
                ("psr_pfa", "\(r.primary.falseAlarmProbability)"),
                ("ssr_reply_probability", Self.number(r.secondaryReplyProbability, 3)),
                ("cone_of_silence_deg", Self.number(r.coneOfSilenceElevation * 180 / .pi, 2)),
                ("mti_blind_speed_mps", Self.number(r.mtiBlindSpeed, 2)),
            ]
            // Written only when present, so that unbiased scenarios keep their files byte for byte.
            if r.rangeGainPPM != 0, let i = fields.firstIndex(where: { $0.0 == "range_bias_m" }) {
                fields.insert(("range_gain_ppm", Self.number(r.rangeGainPPM, 1)), at: i + 1)
            }
            radars.append("  {\n" + fields.map { "   \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n  }")
        }
        let epoch = Date(timeIntervalSince1970: TimeInterval(c.epochUnixSeconds))
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: "UTC")
        let categories = Dictionary(grouping: c.targets, by: \.identity.category).mapValues(\.count)
        let categoryText = TargetCategory.allCases.map { "\"\($0.name)\": \(categories[$0] ?? 0)" }.joined(
            separator: ", "
        )
        let meanSimultaneous = frames > 0 ? Double(simultaneousSum) / Double(frames) : 0
        return """
            {
             "scenario": \(Self.quoted(c.name)),
             "generator_version": "1",
             "generator": "skywatch simulate \(SkywatchVersion.string)",
             "epoch_utc": "\(iso.string(from: epoch))",
             "epoch_unix_s": \(c.epochUnixSeconds),
             "duration_s": \(c.durationSeconds),
             "reference": {
              "lat": \(Self.number(c.reference.latitudeDegrees, 6)),
              "lon": \(Self.number(c.reference.longitudeDegrees, 6)),
              "note": "suggested origin for a local plane; trackers may use any projection"
             },
             "geometry": "WGS84. range_m = 3-D slant range from antenna (lat, lon, alt_m) to target; azimuth_deg = clockwise from true north in the antenna's local horizontal (ENU) plane. Target altitude for geometry = barometric altitude treated as height above ellipsoid.",
             "radars": [
            \(radars.joined(separator: ",\n"))
             ],
             "summary": {
              "n_truth": \(c.targets.count),
              "n_plots": \(plotCount),
              "n_false_plots": \(falsePlotCount),
              "n_truth_rows": \(truthRowCount),
              "mean_simultaneous_targets": \(Self.number(meanSimultaneous, 1)),
              "max_simultaneous_targets": \(maxSimultaneous),
              "truth_seconds_covered": \(coveredSeconds),
              "categories": {\(categoryText)}
             },
             "source": {
              "simulator": "SkySimulation",
              "seed": \(c.seed)
             }
            }

            """
    }

    static func number(_ x: Double, _ decimals: Int) -> String {
        var b: [UInt8] = []
        NumberFormat.appendFixed(x, decimals: decimals, to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    static func degrees360(_ radians: Double) -> Double {
        var d = (radians * 180 / .pi).truncatingRemainder(dividingBy: 360)
        if d < 0 { d += 360 }
        return d
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }
}
