import Foundation
public import SkyEvaluation

extension EvaluationReport {
    /// The summary as one JSON line with the keys, order and rounding of `evaluate.py`, followed by this
    /// evaluator's extra keys (`duplicate_track_seconds`, `truth_seconds_carried_by_two_tracks`,
    /// `n_truth_carried_by_two_tracks`).
    ///
    /// Numbers are printed as Python's `json.dumps(round(x, n))` does: rounded half-even on the exact binary
    /// value (C `printf`, like Python's `round`), then the shortest repr (`175.1`, `1000.0`).
    public var jsonLine: String {
        let items = (referenceFields + extraFields).map { "\"\($0.key)\": \(Self.json($0.value))" }
        return "{" + items.joined(separator: ", ") + "}"
    }

    static func json(_ value: ReferenceField.Value) -> String {
        switch value {
        case .integer(let n): return String(n)
        case .null: return "null"
        case .real(let x, let decimals):
            guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "Infinity" : "-Infinity") }
            let rounded = decimals.map { Double(String(format: "%.\($0)f", x)) ?? x } ?? x
            return "\(rounded == 0 ? 0 : rounded)"  // no "-0.0"
        }
    }

    /// A few human-readable lines (for standard error).
    public var summaryLines: [String] {
        func m(_ x: Double?) -> String { x.map { String(format: "%.1f m", $0) } ?? "–" }
        func s(_ x: Double?) -> String { x.map { String(format: "%.0f s", $0) } ?? "–" }
        return [
            String(
                format: "OSPA %.1f m, GOSPA %.1f m (c = %.0f m, p = %g) over %d epochs",
                ospaMeanMetres,
                gospaMeanMetres,
                configuration.cutoffMetres,
                configuration.order,
                epochs
            ),
            String(
                format: "completeness %.4f of %d visible truth-seconds (%d truths, %d never tracked)",
                completeness,
                truthSecondsVisible,
                truthCount,
                truthNeverTrackedCount
            ),
            "position error RMS \(m(positionRMSMetres)), median \(m(positionMedianMetres)), "
                + "p95 \(m(positionP95Metres)); altitude RMS \(m(altitudeRMSMetres))",
            "tracks \(trackCount): false \(falseTrackCount) (\(falseTrackSeconds) s), ID switches \(idSwitches), "
                + "track breaks \(trackBreaks), initiation delay median \(s(initiationDelayMedianSeconds)), "
                + "p90 \(s(initiationDelayP90Seconds))",
            "truths carried by two tracks at once: \(truthsCarriedByTwoTracks) "
                + "(\(truthSecondsCarriedByTwoTracks) truth-seconds, \(duplicateTrackSeconds) duplicate track-seconds)"
                + (rowsOffEpoch > 0 ? "; \(rowsOffEpoch) rows off a whole second ignored" : ""),
        ]
    }
}

extension EvaluationRun {
    /// One line per ID switch, track break, duplicate-track start and false track, in time order, with the
    /// file's identifiers (for `skywatch evaluate --events`).
    public var eventLines: [String] {
        var lines: [(time: Int, text: String)] = report.events.map { e in
            let truth = "truth \(truthNames[e.truthID])"
            let track = trackNames[e.trackID]
            let previous = e.previousTrackID.map { trackNames[$0] } ?? "?"
            let at = String(format: "(%.5f, %.5f)", e.latitudeDegrees, e.longitudeDegrees)
            switch e.kind {
            case .idSwitch: return (e.time, "t=\(e.time) s \(truth): ID switch \(previous) → \(track) at \(at)")
            case .trackBreak: return (e.time, "t=\(e.time) s \(truth): track break, reacquired by \(track) at \(at)")
            case .duplicate:
                return (e.time, "t=\(e.time) s \(truth): carried by two tracks, \(previous) and \(track) at \(at)")
            }
        }
        var span: [Int: (first: Int, last: Int, rows: Int)] = [:]
        for t in tracks {
            let s = span[t.trackID] ?? (t.time, t.time, 0)
            span[t.trackID] = (Swift.min(s.first, t.time), Swift.max(s.last, t.time), s.rows + 1)
        }
        for (id, truth) in report.firstTruthOfTrack.enumerated() where truth == nil {
            guard let s = span[id] else { continue }
            lines.append((s.first, "t=\(s.first) s false track \(trackNames[id]): \(s.rows) s, until t=\(s.last) s"))
        }
        return lines.sorted { $0.time < $1.time }.map(\.text)
    }
}

extension EvaluationRun {
    /// The report's JSON line, plus a `by_class` object when the truth names classes:
    /// `{"airliner": {"n_truth": …, "completeness": …, "coverage_2km": …, "pos_rms_m": …, "init_delay_median_s": …,
    /// "init_delay_max_s": …, "init_delay_median_scans": …, "init_delay_max_scans": …, "n_truth_never_tracked": …,
    /// "id_switches": …}, …}` (scans only when the scenario declares a rotation period).
    public var jsonLine: String {
        let base = report.jsonLine
        guard !classScores.isEmpty else { return base }
        let radius = String(format: "%.0f", report.configuration.coverageRadiusMetres / 1000)
        let classes = classScores.map { s in
            var fields: [ReferenceField] = [
                ReferenceField(key: "n_truth", value: .integer(s.truthCount)),
                ReferenceField(key: "truth_seconds_visible", value: .integer(s.truthSecondsVisible)),
                ReferenceField(key: "completeness", value: .real(s.completeness, decimals: 4)),
                ReferenceField(key: "coverage_\(radius)km", value: .real(s.coverage, decimals: 4)),
                ReferenceField(key: "pos_rms_m", value: s.positionRMSMetres.map { .real($0, decimals: 1) } ?? .null),
                ReferenceField(
                    key: "init_delay_median_s",
                    value: s.initiationDelayMedianSeconds.map { .real($0, decimals: nil) } ?? .null
                ),
                ReferenceField(
                    key: "init_delay_max_s",
                    value: s.initiationDelayMaxSeconds.map { .real($0, decimals: nil) } ?? .null
                ),
            ]
            if scanPeriodSeconds != nil {
                fields.append(
                    ReferenceField(
                        key: "init_delay_median_scans",
                        value: s.initiationDelayMedianScans.map { .real($0, decimals: 2) } ?? .null
                    )
                )
                fields.append(
                    ReferenceField(
                        key: "init_delay_max_scans",
                        value: s.initiationDelayMaxScans.map { .real($0, decimals: 2) } ?? .null
                    )
                )
            }
            fields.append(ReferenceField(key: "n_truth_never_tracked", value: .integer(s.truthNeverTrackedCount)))
            fields.append(ReferenceField(key: "id_switches", value: .integer(s.idSwitches)))
            let items = fields.map { "\"\($0.key)\": \(EvaluationReport.json($0.value))" }
            return "\"\(s.className)\": {" + items.joined(separator: ", ") + "}"
        }
        return String(base.dropLast()) + ", \"by_class\": {" + classes.joined(separator: ", ") + "}}"
    }

    /// One human-readable line per target class (empty when the truth names none).
    public var classLines: [String] {
        func m(_ x: Double?) -> String { x.map { String(format: "%.0f m", $0) } ?? "–" }
        func s(_ x: Double?) -> String { x.map { String(format: "%.0f s", $0) } ?? "–" }
        func n(_ x: Double?) -> String { x.map { String(format: " (%.1f scans)", $0) } ?? "" }
        let radius = String(format: "%.0f km", report.configuration.coverageRadiusMetres / 1000)
        return classScores.map { c in
            "\(c.className): \(c.truthCount) truths, "
                + String(format: "completeness %.4f, covered within ", c.completeness)
                + radius + String(format: " %.4f, RMS ", c.coverage) + m(c.positionRMSMetres) + ", "
                + "initiation median \(s(c.initiationDelayMedianSeconds))\(n(c.initiationDelayMedianScans)), "
                + "max \(s(c.initiationDelayMaxSeconds))\(n(c.initiationDelayMaxScans)), "
                + "never tracked \(c.truthNeverTrackedCount), ID switches \(c.idSwitches)"
        }
    }
}
