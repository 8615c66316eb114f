import Foundation
import SkyGeodesy
import SkyModel
public import SkyScenario

/// A printable summary of a scenario folder (`skywatch inspect`).
public struct ScenarioSummary: Sendable {
    /// The text, one item per line.
    public var lines: [String]

    /// Summarises a scenario: sensors, plots per sensor by kind, time span, and truth objects when `truth.csv` exists.
    /// - Throws: `ScenarioError` naming file:line:column of the first malformed value.
    public static func make(directory: String) throws(ScenarioError) -> ScenarioSummary {
        let scenario = try Scenario.load(directory: directory)
        var lines: [String] = []
        let epoch = Date(timeIntervalSince1970: scenario.epochUnixSeconds)
        lines.append("scenario \(scenario.name) (\(scenario.directory))")
        lines.append(
            "epoch \(ISO8601DateFormatter().string(from: epoch)) (\(Int(scenario.epochUnixSeconds)) s), "
                + "duration \(format(scenario.durationSeconds, 0)) s, reference "
                + "\(format(scenario.reference.latitudeDegrees, 4)), \(format(scenario.reference.longitudeDegrees, 4))"
        )
        lines.append("sensors: \(scenario.radars.count)")
        var counts: [Int: (all: Int, modeS: Int, coded: Int, primary: Int)] = [:]
        for p in scenario.plots {
            let id = Int(p.sensor.sic)
            var c = counts[id] ?? (0, 0, 0, 0)
            c.all += 1
            if p.address != nil { c.modeS += 1 }
            if p.modeA != nil || p.modeCFeet != nil { c.coded += 1 }
            if p.kind == .primary { c.primary += 1 }
            counts[id] = c
        }
        for r in scenario.radars {
            let d = r.description
            let c = counts[r.radarID] ?? (0, 0, 0, 0)
            lines.append(
                "  radar \(r.radarID) \"\(d.name)\" \(d.kind.rawValue) at \(format(d.site.latitudeDegrees, 4)), "
                    + "\(format(d.site.longitudeDegrees, 4)), \(format(d.site.heightMetres, 0)) m; "
                    + "period \(format(d.rotationPeriodSeconds ?? 0, 1)) s; σ \(format(d.rangeSigmaMetres, 0)) m / "
                    + "\(format(d.azimuthSigma * 180 / .pi, 3))°; max \(format(d.maxRangeMetres / 1852, 0)) NM; "
                    + "plots \(c.all) (Mode S \(c.modeS), with codes \(c.coded), primary-only \(c.primary))"
            )
        }
        if let first = scenario.plots.first, let last = scenario.plots.last {
            lines.append(
                "plots: \(scenario.plots.count), time \(format(first.time - scenario.epochUnixSeconds, 3)) … "
                    + "\(format(last.time - scenario.epochUnixSeconds, 3)) s"
            )
        } else {
            lines.append("plots: 0")
        }
        let truthPath = (directory == "builtin" ? Scenario.builtinDirectory ?? "" : directory) + "/truth.csv"
        if FileManager.default.fileExists(atPath: truthPath) {
            let truth = try Scenario.loadTruth(directory: directory)
            let ids = Set(truth.map(\.truthID))
            var perSecond: [Int: Int] = [:]
            for t in truth { perSecond[t.time, default: 0] += 1 }
            let mean = perSecond.isEmpty ? 0 : Double(truth.count) / Double(perSecond.count)
            lines.append(
                "truth: \(ids.count) objects, \(truth.count) rows, mean \(format(mean, 1)) / max "
                    + "\(perSecond.values.max() ?? 0) simultaneous"
            )
        } else {
            lines.append("truth: none (no truth.csv)")
        }
        return ScenarioSummary(lines: lines)
    }

    static func format(_ v: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", v) }
}
