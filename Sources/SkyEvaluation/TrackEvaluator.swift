/// Scores system tracks against ground truth exactly as the benchmark's `evaluate.py` does.
///
/// Method (the reference's docstring, reproduced rule for rule):
/// * Epochs are the whole seconds 0…t_end, t_end the latest truth or track time. Rows before 0 are ignored.
/// * Distance is horizontal: haversine on the mean-Earth sphere (`MeanSphere`). Altitude is scored separately.
/// * A truth is visible when its coverage count is ≥ 1; an invisible truth is "don't care": a track matched to
///   it is neither credited nor counted as false.
/// * OSPA/GOSPA (cut-off c, order p, GOSPA α = 2) use a pure optimal assignment at each epoch over pairs closer
///   than c, with min Σ(dᵖ − cᵖ); the epoch values are averaged.
/// * Track-quality metrics use a CLEAR-MOT style association with the same gate: a (truth, track) pair matched
///   at the previous epoch is kept while still closer than c; the remaining rows are matched optimally.
///   ID switches, track breaks, completeness, errors and initiation delays follow from that association.
/// Ties in the assignment break as in SciPy's `linear_sum_assignment` (see `RectangularAssignment`).
public struct TrackEvaluator: Sendable {
    /// Cut-off, order.
    public var configuration: EvaluationConfiguration

    /// An evaluator with the given parameters (benchmark defaults c = 1000 m, p = 2).
    public init(configuration: EvaluationConfiguration = EvaluationConfiguration()) {
        self.configuration = configuration
    }

    /// Scores `tracks` against `truth`.
    ///
    /// - Parameters:
    ///   - truth: truth rows in file order (the order within an epoch matters only for exact ties).
    ///   - tracks: track rows in file order, already on whole seconds.
    ///   - rowsOffEpoch: track rows the reader dropped for being off a whole second (reported as is).
    /// - Returns: the metrics, unrounded.
    /// - Complexity: O(E + N log N) plus the per-epoch assignments, for E epochs and N rows.
    public func evaluate(truth: [TruthSample], tracks: [TrackSample], rowsOffEpoch: Int = 0) -> EvaluationReport {
        let tEnd = Swift.max(truth.map(\.time).max() ?? 0, tracks.map(\.time).max() ?? 0, 0)
        let truthByEpoch = EpochIndex(times: truth.map(\.time), epochs: tEnd + 1)
        let tracksByEpoch = EpochIndex(times: tracks.map(\.time), epochs: tEnd + 1)
        let truthIDCount = (truth.map(\.truthID).max() ?? -1) + 1
        let trackIDCount = (tracks.map(\.trackID).max() ?? -1) + 1
        var state = EvaluationState(truthIDs: truthIDCount, trackIDs: trackIDCount, configuration: configuration)
        var truthPoints = EpochPoints()
        var trackPoints = EpochPoints()
        var pairs: [CandidatePair] = []
        var covered: [Bool] = []
        for t in 0...tEnd {
            let truthRows = truthByEpoch.rows(at: t)
            let trackRows = tracksByEpoch.rows(at: t)
            truthPoints.reset()
            trackPoints.reset()
            for r in truthRows {
                truthPoints.append(
                    latitudeDegrees: truth[r].latitudeDegrees,
                    longitudeDegrees: truth[r].longitudeDegrees
                )
            }
            for r in trackRows {
                trackPoints.append(
                    latitudeDegrees: tracks[r].latitudeDegrees,
                    longitudeDegrees: tracks[r].longitudeDegrees
                )
            }
            state.matcher.candidatePairs(truth: truthPoints, tracks: trackPoints, into: &pairs)
            state.matcher.coveredTruths(
                truth: truthPoints,
                tracks: trackPoints,
                radius: configuration.coverageRadiusMetres,
                into: &covered
            )
            for (i, r) in truthRows.enumerated() where covered[i] && truth[r].coverageCount >= 1 {
                state.tallies[truth[r].truthID].coveredSeconds += 1
            }
            let epoch = Epoch(
                truth: truthRows.map { truth[$0] },
                tracks: trackRows.map { tracks[$0] },
                truthPoints: truthPoints,
                trackPoints: trackPoints,
                pairs: pairs
            )
            state.scoreOSPA(epoch)
            state.associate(epoch, time: t)
        }
        return state.report(epochs: tEnd + 1, rowsOffEpoch: rowsOffEpoch)
    }
}

/// Row indices grouped by whole-second epoch, stable (file order within an epoch), as a CSR table.
struct EpochIndex {
    private var offsets: [Int]
    private var rowsFlat: [Int]

    init(times: [Int], epochs: Int) {
        var counts = [Int](repeating: 0, count: epochs + 1)
        for t in times where t >= 0 && t < epochs { counts[t + 1] += 1 }
        for e in 0..<epochs { counts[e + 1] += counts[e] }
        offsets = counts
        var fill = counts
        rowsFlat = [Int](repeating: 0, count: counts[epochs])
        for (r, t) in times.enumerated() where t >= 0 && t < epochs {
            rowsFlat[fill[t]] = r
            fill[t] += 1
        }
    }

    func rows(at epoch: Int) -> ArraySlice<Int> { rowsFlat[offsets[epoch]..<offsets[epoch + 1]] }
}

/// The rows and candidate pairs of one epoch.
struct Epoch {
    var truth: [TruthSample]
    var tracks: [TrackSample]
    var truthPoints: EpochPoints
    var trackPoints: EpochPoints
    var pairs: [CandidatePair]

    func isVisible(_ i: Int) -> Bool { truth[i].coverageCount >= 1 }
}
