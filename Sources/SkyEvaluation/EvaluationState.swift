import RealModule

/// Running sums and association memory of one evaluation (the loop body of `evaluate.py`).
struct EvaluationState {
    let configuration: EvaluationConfiguration
    var matcher: EpochMatcher

    // OSPA / GOSPA per epoch.
    var ospa: [Double] = []
    var gospa: [Double] = []
    var gospaLocalisation = 0.0
    var gospaMissed = 0
    var gospaFalse = 0
    var tracksPerEpoch = 0
    var visibleTruthPerEpoch = 0

    // CLEAR-MOT association memory, indexed by dense identifiers (-1 = none).
    var previousTrackOfTruth: [Int]
    var previousSet: [Int] = []
    var lastMatchOfTruth: [Int]
    var pendingBreak: [Bool]
    var firstVisible: [Int]
    var firstMatch: [Int]
    var tracksOfTruth: [Set<Int>]
    var localOfTrack: [Int]

    /// Per-truth tallies, indexed by dense truth identifier (for scores by class).
    var tallies: [TruthTally]

    // Per-track tallies.
    var trackSeconds: [Int]
    var trackMatched: [Bool]
    var firstTruthOfTrack: [Int?]

    // Totals.
    var visibleSeconds = 0
    var matchedSeconds = 0
    var errors: [Double] = []
    var altitudeErrors: [Double] = []
    var idSwitches = 0
    var breaks = 0
    var unmatchedTrackSeconds = 0
    var duplicateTrackSeconds = 0
    var truthSecondsCarriedByTwo = 0
    var carriedByTwo: [Bool]
    var events: [EvaluationEvent] = []
    /// (duplicate track, truth) pairs flagged at the previous epoch, to report each episode once.
    var previousDuplicates: Set<Pair> = []

    struct Pair: Hashable {
        var track: Int
        var truth: Int
    }

    init(truthIDs: Int, trackIDs: Int, configuration: EvaluationConfiguration) {
        self.configuration = configuration
        matcher = EpochMatcher(configuration: configuration)
        previousTrackOfTruth = [Int](repeating: -1, count: truthIDs)
        lastMatchOfTruth = [Int](repeating: -1, count: truthIDs)
        pendingBreak = [Bool](repeating: false, count: truthIDs)
        firstVisible = [Int](repeating: -1, count: truthIDs)
        firstMatch = [Int](repeating: -1, count: truthIDs)
        tracksOfTruth = [Set<Int>](repeating: [], count: truthIDs)
        carriedByTwo = [Bool](repeating: false, count: truthIDs)
        tallies = [TruthTally](repeating: TruthTally(), count: truthIDs)
        localOfTrack = [Int](repeating: -1, count: trackIDs)
        trackSeconds = [Int](repeating: 0, count: trackIDs)
        trackMatched = [Bool](repeating: false, count: trackIDs)
        firstTruthOfTrack = [Int?](repeating: nil, count: trackIDs)
    }

    /// OSPA and GOSPA of one epoch from the pure optimal assignment.
    ///
    /// ```
    /// X = visible truths, Y = tracks not matched to an invisible truth, k = matched visible pairs
    /// OSPA  = ((Σ dᵖ + cᵖ (max(|X|,|Y|) − k)) / max(|X|,|Y|))^(1/p)     (0 when both are empty)
    /// GOSPA = (Σ dᵖ + cᵖ/2 · (|X| − k + |Y| − k))^(1/p)                 (α = 2)
    /// ```
    /// Schuhmacher, Vo & Vo 2008 (OSPA); Rahmathullah, García-Fernández & Svensson 2017 (GOSPA).
    mutating func scoreOSPA(_ e: Epoch) {
        let c = configuration.cutoffMetres
        let p = configuration.order
        let cp = configuration.power(c)
        let optimal = matcher.optimalMatch(truthCount: e.truth.count, trackCount: e.tracks.count, pairs: e.pairs)
        var dontCareTracks = 0
        var k = 0
        var localisation = 0.0
        for m in optimal {
            if e.isVisible(m.truth) {
                k += 1
                localisation += configuration.power(m.distance)
            } else {
                dontCareTracks += 1
            }
        }
        let nX = (0..<e.truth.count).reduce(0) { $0 + (e.isVisible($1) ? 1 : 0) }
        let nY = e.tracks.count - dontCareTracks
        let n = Swift.max(nX, nY)
        ospa.append(n == 0 ? 0 : root((localisation + cp * Double(n - k)) / Double(n), p))
        let missed = nX - k
        let falseCount = nY - k
        gospa.append(root(localisation + cp / 2 * Double(missed + falseCount), p))
        gospaLocalisation += localisation
        gospaMissed += missed
        gospaFalse += falseCount
        visibleTruthPerEpoch += nX
        tracksPerEpoch += nY
    }

    private func root(_ x: Double, _ p: Double) -> Double {
        p == 2 ? x.squareRoot() : Double.pow(x, 1 / p)
    }
}
