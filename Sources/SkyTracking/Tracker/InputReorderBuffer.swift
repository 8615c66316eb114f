public import SkyModel

/// Puts surveillance inputs that arrive slightly out of order (several radars and receivers, network jitter) back
/// into data-time order before the tracker.
///
/// An input is held until the newest data time seen is `windowSeconds` past it (or the caller's clock says so,
/// ``release(through:_:)``), then released in (time, kind) order. An input older than what was already released is
/// **late**: it is counted, released at once, and stamped ``Release/late`` so the caller can decide how to use it
/// (the tracker takes late ADS-B reports by retrodiction and late plots at the release time). The buffer holds at
/// most ``capacity`` inputs; beyond that the oldest is released early and counted in ``forcedReleases``.
///
/// With `windowSeconds == 0` and inputs already in order (files), every input is released as it arrives, in the
/// same order: the batch commands and the service run one code path.
public struct InputReorderBuffer: Sendable {
    /// One released input.
    public struct Release: Sendable {
        /// The input.
        public var input: SurveillanceInput
        /// Whether it arrived after later inputs were already released, and by how much, seconds (0 if on time).
        public var latenessSeconds: Double
        /// The data time it was ordered by: its own time, or the time the caller gave with it
        /// (``insert(_:at:_:)``), UNIX seconds.
        public var time: Double
        /// Whether it is late.
        public var late: Bool { latenessSeconds > 0 }

        /// A released input, ordered by `time` (its own time by default).
        public init(input: SurveillanceInput, latenessSeconds: Double, time: Double? = nil) {
            self.input = input
            self.latenessSeconds = latenessSeconds
            self.time = time ?? input.time
        }
    }

    /// How long an input is held for stragglers, seconds of data time.
    public var windowSeconds: Double
    /// The most inputs held at once.
    public var capacity: Int
    /// Data time of the last released input (the watermark), UNIX seconds.
    public private(set) var releasedTime = -Double.infinity
    /// Newest data time seen, UNIX seconds.
    public private(set) var newestTime = -Double.infinity
    /// Inputs that arrived after the watermark had passed them.
    public private(set) var lateCount = 0
    /// The largest lateness seen, seconds.
    public private(set) var maximumLatenessSeconds = 0.0
    /// Inputs released before their window because the buffer was full.
    public private(set) var forcedReleases = 0
    /// Inputs held now.
    public var count: Int { heap.count }

    private var heap: [Entry] = []
    private var sequence: UInt64 = 0

    private struct Entry: Sendable {
        var time: Double
        var rank: Int
        var sequence: UInt64
        var input: SurveillanceInput

        func precedes(_ o: Entry) -> Bool {
            if time != o.time { return time < o.time }
            if rank != o.rank { return rank < o.rank }
            return sequence < o.sequence
        }
    }

    /// A buffer holding inputs for `windowSeconds` of data time, at most `capacity` at once.
    public init(windowSeconds: Double = 0, capacity: Int = 1 << 20) {
        precondition(windowSeconds >= 0 && capacity > 0)
        self.windowSeconds = windowSeconds
        self.capacity = capacity
    }

    /// Takes one input and releases every input that is now ready, in order.
    /// - Complexity: O(log n) per input held.
    public mutating func insert(_ input: SurveillanceInput, _ release: (Release) -> Void) {
        insert(input, at: input.time, release)
    }

    /// Takes one input to be ordered by data time `time` rather than its own (a radar plot whose time stamp its
    /// radar's registered time offset corrects: it is used at the corrected time but arrives on the clock of its
    /// stamp); the clock (``newestTime``) still advances by the input's own time. Releases every input that is now
    /// ready, in order.
    /// - Complexity: O(log n) per input held.
    public mutating func insert(_ input: SurveillanceInput, at time: Double, _ release: (Release) -> Void) {
        if time < releasedTime {
            let lateness = releasedTime - time
            lateCount += 1
            maximumLatenessSeconds = Swift.max(maximumLatenessSeconds, lateness)
            release(Release(input: input, latenessSeconds: lateness, time: time))
            return
        }
        let clock = Swift.max(time, input.time)
        if clock > newestTime { newestTime = clock }
        if windowSeconds == 0 && heap.isEmpty && time == input.time {
            // In order with no window (files): straight through.
            releasedTime = time
            release(Release(input: input, latenessSeconds: 0))
            return
        }
        push(Entry(time: time, rank: input.kindRank, sequence: sequence, input: input))
        sequence &+= 1
        while heap.count > capacity {
            forcedReleases += 1
            releaseFirst(release)
        }
        self.release(through: newestTime - windowSeconds, release)
    }

    /// With no window and nothing held, an in-order input passes straight through (the batch fast path): records it
    /// as released and returns `true`; otherwise returns `false` and the caller uses ``insert(_:_:)``.
    public mutating func passesStraightThrough(_ input: SurveillanceInput) -> Bool {
        let time = input.time
        guard windowSeconds == 0, heap.isEmpty, time >= releasedTime else { return false }
        releasedTime = time
        if time > newestTime { newestTime = time }
        return true
    }

    /// Releases, in order, every held input with data time ≤ `time` (the caller's clock: data has gone quiet).
    public mutating func release(through time: Double, _ release: (Release) -> Void) {
        while let first = heap.first, first.time <= time { releaseFirst(release) }
    }

    /// Releases everything held, in order (end of input).
    public mutating func releaseAll(_ release: (Release) -> Void) {
        while !heap.isEmpty { releaseFirst(release) }
    }

    private mutating func releaseFirst(_ release: (Release) -> Void) {
        let e = popFirst()
        if e.time > releasedTime { releasedTime = e.time }
        release(Release(input: e.input, latenessSeconds: 0, time: e.time))
    }

    // MARK: - Binary heap (min by time, kind, arrival)

    private mutating func push(_ e: Entry) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].precedes(heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func popFirst() -> Entry {
        let first = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < heap.count && heap[l].precedes(heap[m]) { m = l }
                if r < heap.count && heap[r].precedes(heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return first
    }
}
