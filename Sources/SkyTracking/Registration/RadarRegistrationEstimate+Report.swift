import SkyModel

extension RadarRegistrationEstimate {
    /// One summary line: each bias in its edge unit with its σ, `unobservable` for the components the data do not
    /// determine, and the state (`converged`, `pinned reference`, or the observation count).
    public var summaryLine: String {
        func format(_ c: BiasComponent, _ unit: String, _ digits: Int) -> String {
            guard let v = value(c), let s = standardDeviation(c) else { return "unobservable" }
            let f = c.edgeUnitFactor
            return "\(Self.fixed(v * f, digits)) ± \(Self.fixed(s * f, digits)) \(unit)"
        }
        let state =
            isPinned
            ? "pinned reference"
            : (convergedSince.map { "converged since UNIX \(Int($0)) s" } ?? "not converged")
                + ", \(observations) obs, \(rejected) gated, \(jumps) jumps"
        return "registration \(sensor.sac)/\(sensor.sic): "
            + [
                "range offset " + format(.rangeOffset, "m", 1), "gain " + format(.rangeGain, "ppm", 0),
                "azimuth " + format(.azimuthOffset, "°", 4), "time " + format(.timeOffset, "s", 3),
            ].joined(separator: ", ") + " (\(state))"
    }

    /// The estimates as the `--registration` JSON: an array of objects with `radar_id` ("SAC/SIC"), each bias in
    /// its edge unit (`range_offset_m`, `range_gain_ppm`, `azimuth_offset_deg`, `time_offset_s`; `null` when
    /// unobservable), its `_sigma`, and `converged`, `reference`, `observations`, `jumps`.
    public static func json(_ estimates: [RadarRegistrationEstimate]) -> String {
        let objects = estimates.map { e -> String in
            var fields = ["\"radar_id\": \"\(e.sensor.sac)/\(e.sensor.sic)\""]
            for c in BiasComponent.allCases {
                let v = e.value(c).map { "\($0 * c.edgeUnitFactor)" } ?? "null"
                let s = e.standardDeviation(c).map { "\($0 * c.edgeUnitFactor)" } ?? "null"
                fields.append("\"\(c.jsonKey)\": \(v)")
                fields.append("\"\(c.jsonKey)_sigma\": \(s)")
            }
            fields.append("\"converged\": \(e.converged)")
            fields.append("\"converged_since_unix_s\": \(e.convergedSince.map { "\($0)" } ?? "null")")
            fields.append("\"reference\": \(e.isReference)")
            fields.append("\"observations\": \(e.observations)")
            fields.append("\"jumps\": \(e.jumps)")
            return "  {" + fields.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// `x` with `digits` decimals (no Foundation below L4).
    static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (abs(x) * scale).rounded()
        let whole = Int(r / scale)
        let fraction = Int(r - Double(whole) * scale)
        var f = String(fraction)
        while f.count < digits { f = "0" + f }
        return (x < 0 && r > 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + f : "")
    }
}
