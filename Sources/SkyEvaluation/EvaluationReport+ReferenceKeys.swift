/// One entry of the reference scorer's JSON summary.
public struct ReferenceField: Sendable {
    /// How the reference prints a value.
    public enum Value: Sendable {
        /// An integer count.
        case integer(Int)
        /// A float; `decimals` is the reference's `round(x, decimals)`, `nil` when printed unrounded.
        case real(Double, decimals: Int?)
        /// `null` (no matched pair, no delay).
        case null
    }

    /// The JSON key of `evaluate.py`.
    public var key: String
    /// The value.
    public var value: Value

    /// A field; `key` as printed in the JSON line.
    public init(key: String, value: Value) {
        self.key = key
        self.value = value
    }

    /// The value as a number (`nil` for `null`), unrounded.
    public var number: Double? {
        switch value {
        case .integer(let n): Double(n)
        case .real(let x, _): x
        case .null: nil
        }
    }
}

extension EvaluationReport {
    /// The summary in the key order and rounding of `../shared/bench/evaluate.py`.
    public var referenceFields: [ReferenceField] {
        func r(_ key: String, _ x: Double?, _ decimals: Int?) -> ReferenceField {
            ReferenceField(key: key, value: x.map { .real($0, decimals: decimals) } ?? .null)
        }
        func i(_ key: String, _ n: Int) -> ReferenceField { ReferenceField(key: key, value: .integer(n)) }
        return [
            i("epochs", epochs), r("c_m", configuration.cutoffMetres, nil), r("p", configuration.order, nil),
            r("ospa_mean_m", ospaMeanMetres, 1), r("gospa_mean_m", gospaMeanMetres, 1),
            r("gospa_loc_rms_m", gospaLocalisationRMSMetres, 1),
            r("gospa_missed_per_epoch", gospaMissedPerEpoch, 2), r("gospa_false_per_epoch", gospaFalsePerEpoch, 2),
            i("n_truth", truthCount), i("truth_seconds_visible", truthSecondsVisible),
            r("completeness", completeness, 4), r("pos_rms_m", positionRMSMetres, 1),
            r("pos_median_m", positionMedianMetres, 1), r("pos_p95_m", positionP95Metres, 1),
            r("alt_rms_m", altitudeRMSMetres, 1), r("alt_coverage", altitudeCoverage, 4),
            i("n_tracks", trackCount), i("n_tracks_matched", matchedTrackCount), i("n_false_tracks", falseTrackCount),
            i("false_track_seconds", falseTrackSeconds), i("unmatched_track_seconds", unmatchedTrackSeconds),
            r("mean_tracks_per_epoch", meanTracksPerEpoch, 2),
            r("mean_visible_truth_per_epoch", meanVisibleTruthPerEpoch, 2),
            i("id_switches", idSwitches), r("id_switches_per_truth", idSwitchesPerTruth, 3),
            i("track_breaks", trackBreaks), r("track_breaks_per_truth", trackBreaksPerTruth, 3),
            r("tracks_per_truth", tracksPerTruth, 3), i("n_truth_never_tracked", truthNeverTrackedCount),
            r("init_delay_median_s", initiationDelayMedianSeconds, nil),
            r("init_delay_p90_s", initiationDelayP90Seconds, nil), i("rows_off_epoch", rowsOffEpoch),
        ]
    }

    /// The counts this evaluator adds to the reference's summary (keys not in `evaluate.py`).
    public var extraFields: [ReferenceField] {
        [
            ReferenceField(key: "duplicate_track_seconds", value: .integer(duplicateTrackSeconds)),
            ReferenceField(key: "truth_seconds_carried_by_two_tracks", value: .integer(truthSecondsCarriedByTwoTracks)),
            ReferenceField(key: "n_truth_carried_by_two_tracks", value: .integer(truthsCarriedByTwoTracks)),
        ]
    }
}
