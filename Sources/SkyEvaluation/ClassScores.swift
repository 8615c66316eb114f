/// What the association found for one truth object over the whole run (not in the reference scorer).
///
/// Seconds count only the epochs at which the truth is visible (coverage count ≥ 1), as the reference's totals do.
public struct TruthTally: Sendable, Hashable {
    /// Visible seconds.
    public var visibleSeconds = 0
    /// Visible seconds matched to a track by the CLEAR-MOT association (gate c).
    public var matchedSeconds = 0
    /// Visible seconds with any track closer than `EvaluationConfiguration.coverageRadiusMetres`, matched or not.
    public var coveredSeconds = 0
    /// Σ d² of the matched seconds' horizontal errors, m².
    public var squaredErrorSumSquareMetres = 0.0
    /// ID switches of this truth.
    public var idSwitches = 0
    /// First visible epoch, whole seconds since the scenario epoch; `nil` if never visible.
    public var firstVisibleTime: Int?
    /// First matched epoch, whole seconds; `nil` if never matched while visible.
    public var firstMatchTime: Int?

    /// An empty tally.
    public init() {}
}

/// The track-quality figures of one class of truth objects (airliner, drone, fast object …).
///
/// Each figure is the reference definition restricted to the class's truths: completeness is matched over
/// visible truth-seconds, the initiation delay is first match − first visible, the RMS is over matched seconds.
/// `coverage` is not in the reference: the fraction of visible truth-seconds with any track within the coverage
/// radius (2 km by default), which still credits a track that lags the object by more than c = 1 km.
public struct ClassScore: Sendable, Hashable {
    /// Class name as written in the truth file (`airliner`, `fast_object` …).
    public var className: String
    /// Truths of the class visible at least once.
    public var truthCount: Int
    /// Visible truth-seconds of the class.
    public var truthSecondsVisible: Int
    /// Matched / visible truth-seconds.
    public var completeness: Double
    /// Covered / visible truth-seconds (any track within the coverage radius).
    public var coverage: Double
    /// RMS horizontal error of the matched truth-seconds, metres; `nil` when none.
    public var positionRMSMetres: Double?
    /// Median initiation delay, seconds; `nil` when no truth of the class was matched.
    public var initiationDelayMedianSeconds: Double?
    /// Largest initiation delay, seconds.
    public var initiationDelayMaxSeconds: Double?
    /// The median delay divided by the scan period, when one was given.
    public var initiationDelayMedianScans: Double?
    /// The largest delay divided by the scan period, when one was given.
    public var initiationDelayMaxScans: Double?
    /// Visible truths of the class never matched.
    public var truthNeverTrackedCount: Int
    /// ID switches of the class's truths.
    public var idSwitches: Int
}

extension EvaluationReport {
    /// The figures of each class, classes sorted by name.
    ///
    /// - Parameters:
    ///   - classOfTruth: the class name of each dense truth identifier (`nil`: not scored by class).
    ///   - scanPeriodSeconds: the radar scan period used to express delays in scans (`nil`: seconds only).
    /// - Returns: one score per class that has at least one visible truth; empty when no truth has a class.
    /// - Complexity: O(n log n) for n truths.
    public func classScores(classOfTruth: [String?], scanPeriodSeconds: Double? = nil) -> [ClassScore] {
        var members: [String: [Int]] = [:]
        for (id, name) in classOfTruth.enumerated() where id < truthTallies.count {
            guard let name, truthTallies[id].firstVisibleTime != nil else { continue }
            members[name, default: []].append(id)
        }
        return members.keys.sorted().map { name in
            let tallies = members[name]!.map { truthTallies[$0] }
            let visible = tallies.reduce(0) { $0 + $1.visibleSeconds }
            let matched = tallies.reduce(0) { $0 + $1.matchedSeconds }
            let covered = tallies.reduce(0) { $0 + $1.coveredSeconds }
            let squared = tallies.reduce(0.0) { $0 + $1.squaredErrorSumSquareMetres }
            let delays = tallies.compactMap { t -> Double? in
                guard let first = t.firstVisibleTime, let match = t.firstMatchTime else { return nil }
                return Double(match - first)
            }
            .sorted()
            let median = delays.isEmpty ? nil : Statistics.median(sorted: delays)
            let worst = delays.last
            let period = scanPeriodSeconds.flatMap { $0 > 0 ? $0 : nil }
            return ClassScore(
                className: name,
                truthCount: tallies.count,
                truthSecondsVisible: visible,
                completeness: Double(matched) / Double(Swift.max(1, visible)),
                coverage: Double(covered) / Double(Swift.max(1, visible)),
                positionRMSMetres: matched == 0 ? nil : (squared / Double(matched)).squareRoot(),
                initiationDelayMedianSeconds: median,
                initiationDelayMaxSeconds: worst,
                initiationDelayMedianScans: period.flatMap { p in median.map { $0 / p } },
                initiationDelayMaxScans: period.flatMap { p in worst.map { $0 / p } },
                truthNeverTrackedCount: tallies.count - delays.count,
                idSwitches: tallies.reduce(0) { $0 + $1.idSwitches }
            )
        }
    }
}
