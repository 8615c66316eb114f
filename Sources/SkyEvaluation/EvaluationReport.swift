/// Everything the scorer measures on one run, unrounded (rounding for display belongs to the writer).
///
/// Field for field this is the JSON of `../shared/bench/evaluate.py` (key in brackets), plus the duplicate-track
/// counts that the reference does not report. Optional values are `nil` where the reference prints `null`.
public struct EvaluationReport: Sendable {
    /// Number of evaluation epochs, 0…t_end [`epochs`].
    public var epochs: Int
    /// The configuration used (c [`c_m`], p [`p`]).
    public var configuration: EvaluationConfiguration

    // MARK: OSPA / GOSPA
    /// OSPA distance at each epoch, metres (for plots).
    public var ospaPerEpoch: [Double]
    /// GOSPA distance (α = 2) at each epoch, metres.
    public var gospaPerEpoch: [Double]
    /// Mean OSPA over epochs, metres [`ospa_mean_m`].
    public var ospaMeanMetres: Double
    /// Mean GOSPA over epochs, metres [`gospa_mean_m`].
    public var gospaMeanMetres: Double
    /// √(Σ GOSPA localisation terms / number of matched truth-seconds), metres [`gospa_loc_rms_m`].
    public var gospaLocalisationRMSMetres: Double?
    /// Mean GOSPA missed targets per epoch [`gospa_missed_per_epoch`].
    public var gospaMissedPerEpoch: Double
    /// Mean GOSPA false tracks per epoch [`gospa_false_per_epoch`].
    public var gospaFalsePerEpoch: Double

    // MARK: Track quality (CLEAR-MOT association)
    /// Truth objects visible at least once [`n_truth`].
    public var truthCount: Int
    /// Visible truth-seconds [`truth_seconds_visible`].
    public var truthSecondsVisible: Int
    /// Matched / visible truth-seconds [`completeness`].
    public var completeness: Double
    /// RMS horizontal error of matched truth-seconds, metres [`pos_rms_m`].
    public var positionRMSMetres: Double?
    /// Median horizontal error, metres [`pos_median_m`].
    public var positionMedianMetres: Double?
    /// 95th percentile (linear interpolation) of the horizontal error, metres [`pos_p95_m`].
    public var positionP95Metres: Double?
    /// RMS of track minus truth altitude where both exist, metres [`alt_rms_m`].
    public var altitudeRMSMetres: Double?
    /// Fraction of matched truth-seconds with both altitudes [`alt_coverage`].
    public var altitudeCoverage: Double
    /// Distinct track identifiers [`n_tracks`].
    public var trackCount: Int
    /// Tracks matched at least once, to any truth (visible or not) [`n_tracks_matched`].
    public var matchedTrackCount: Int
    /// Tracks never matched [`n_false_tracks`].
    public var falseTrackCount: Int
    /// Seconds displayed by the false tracks [`false_track_seconds`].
    public var falseTrackSeconds: Int
    /// Track-seconds not matched to any truth [`unmatched_track_seconds`].
    public var unmatchedTrackSeconds: Int
    /// Mean number of tracks per epoch, excluding those matched to invisible truths [`mean_tracks_per_epoch`].
    public var meanTracksPerEpoch: Double
    /// Mean number of visible truths per epoch [`mean_visible_truth_per_epoch`].
    public var meanVisibleTruthPerEpoch: Double
    /// Changes of the track matched to a truth [`id_switches`].
    public var idSwitches: Int
    /// Re-acquisitions after a visible truth lost its track [`track_breaks`].
    public var trackBreaks: Int
    /// Mean number of distinct tracks matched to each truth [`tracks_per_truth`].
    public var tracksPerTruth: Double
    /// Visible truths never matched [`n_truth_never_tracked`].
    public var truthNeverTrackedCount: Int
    /// Median of (first match − first visible), seconds [`init_delay_median_s`].
    public var initiationDelayMedianSeconds: Double?
    /// 90th percentile of the initiation delay, seconds [`init_delay_p90_s`].
    public var initiationDelayP90Seconds: Double?
    /// Track rows more than 0.01 s off a whole second, counted by the reader [`rows_off_epoch`].
    public var rowsOffEpoch: Int

    // MARK: Duplicates (not in the reference)
    /// Track-seconds of unmatched tracks lying within c of a visible truth that another track carries.
    public var duplicateTrackSeconds: Int
    /// Truth-seconds at which a visible truth was carried by its matched track and at least one more.
    public var truthSecondsCarriedByTwoTracks: Int
    /// Truth objects carried by two tracks at once at least once.
    public var truthsCarriedByTwoTracks: Int

    // MARK: Per-object detail (for drawing)
    /// For each dense track identifier, the truth it was first matched to, or `nil` for a false track.
    public var firstTruthOfTrack: [Int?]
    /// ID switches, track breaks and duplicate-track starts in time order.
    public var events: [EvaluationEvent]
    /// For each dense truth identifier, its own tallies (for scores by class, `classScores`).
    public var truthTallies: [TruthTally]

    /// ID switches divided by max(1, truth count) [`id_switches_per_truth`].
    public var idSwitchesPerTruth: Double { Double(idSwitches) / Double(Swift.max(1, truthCount)) }
    /// Track breaks divided by max(1, truth count) [`track_breaks_per_truth`].
    public var trackBreaksPerTruth: Double { Double(trackBreaks) / Double(Swift.max(1, truthCount)) }
}
