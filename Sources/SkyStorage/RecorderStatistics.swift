import Foundation

/// A histogram of durations on logarithmic buckets (20 per decade, 1 µs to 1,000 s): constant memory, quantiles
/// within about 12 % (the bucket width), which is plenty for write times.
public struct DurationHistogram: Sendable, Hashable {
    static let bucketsPerDecade = 20.0
    static let smallestSeconds = 1e-6
    static let bucketCount = 180
    private var buckets = [UInt64](repeating: 0, count: bucketCount)
    /// Number of recorded durations.
    public private(set) var count: UInt64 = 0
    /// Sum of the recorded durations, seconds.
    public private(set) var totalSeconds = 0.0
    /// The longest recorded duration, seconds.
    public private(set) var maximumSeconds = 0.0

    /// An empty histogram.
    public init() {}

    /// Records one duration in seconds.
    public mutating func record(seconds: Double) {
        let index =
            seconds <= Self.smallestSeconds ? 0 : Int(Self.bucketsPerDecade * log10(seconds / Self.smallestSeconds))
        buckets[min(max(index, 0), Self.bucketCount - 1)] += 1
        count += 1
        totalSeconds += seconds
        maximumSeconds = max(maximumSeconds, seconds)
    }

    /// The `q` quantile (0…1), seconds: the upper edge of the bucket holding it (never above the maximum);
    /// 0 when empty.
    public func quantile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = UInt64((q * Double(count)).rounded(.up))
        var seen: UInt64 = 0
        for (i, n) in buckets.enumerated() {
            seen += n
            if seen >= max(rank, 1) {
                let edge = Self.smallestSeconds * pow(10, Double(i + 1) / Self.bucketsPerDecade)
                return min(edge, maximumSeconds)
            }
        }
        return maximumSeconds
    }
}

/// What the recorder has written since it was opened.
public struct RecorderStatistics: Sendable, Hashable {
    /// Cycles committed.
    public var cyclesWritten: UInt64 = 0
    /// Rows inserted (cycles, track updates, events, inputs, status, alerts).
    public var rowsWritten: UInt64 = 0
    /// Track update rows inserted.
    public var trackUpdatesWritten: UInt64 = 0
    /// Input message payload bytes inserted.
    public var inputBytesWritten: UInt64 = 0
    /// Cycles dropped because the queue was full (filled in by ``RecorderQueue``).
    public var overruns: UInt64 = 0
    /// Cycles whose transaction failed (disk full, I/O error); the recorder carries on with the next.
    public var failedCycles: UInt64 = 0
    /// The last write error, if any.
    public var lastError: String?
    /// Duration of each cycle's transaction (from the start of the write to the commit), seconds.
    public var writeTime = DurationHistogram()
    /// Duration of each WAL checkpoint the recorder ran between cycles (``RecorderQueue`` in idle time), seconds.
    public var checkpointTime = DurationHistogram()

    /// Empty statistics.
    public init() {}
}
