public import SkyModel

/// The one driving loop: inputs in (any order within the reorder window), the engine fed in data-time order, and
/// a picture published at every update cycle. The batch commands (`for` over files) and the service
/// (`for await` over sockets) both push through this type, so they give the same tracks on the same data.
///
/// Cycles fall on multiples of ``cyclePeriodSeconds`` (UNIX time). Cycle time `T` is published when the first input
/// later than `T` is released (inputs at exactly `T` are processed first), or when the caller's clock passes `T`
/// (``advanceClock(to:_:)``), or at the end (``finish(_:)``). A batch run gives a fixed range of cycle times (the
/// scenario's whole seconds); a live run starts at the first input.
public struct TrackingLoop<Engine: TrackingEngine>: Sendable {
    /// The engine (owned: one task mutates it).
    public var engine: Engine
    /// The reorder window.
    public var reorder: InputReorderBuffer
    /// The reorder window asked for, s; the buffer's own window also covers the time offsets the engine corrects
    /// (``TrackingEngine/inputTimeCorrection``).
    public let reorderWindowSeconds: Double
    /// Update cycle, seconds of data time.
    public let cyclePeriodSeconds: Double
    /// The cycle times to publish: first and last (inclusive), or `nil` for no pictures (tracking only).
    public private(set) var nextCycleTime: Double?
    /// The last cycle time to publish (`+∞` when live).
    public let lastCycleTime: Double
    private let live: Bool
    /// Cycles published so far.
    public private(set) var cycleCount = 0
    /// Late inputs, and late radar plots that were older than ``maximumPlotLatenessSeconds`` and could not be used.
    public private(set) var latePlotsUsed = 0
    public private(set) var latePlotsDropped = 0
    /// A late radar plot is used (at its own time, its tracks predicted back to it) when it is at most this late,
    /// seconds; older ones are counted in ``latePlotsDropped``.
    public var maximumPlotLatenessSeconds = 1.0
    /// Live runs only: when data time jumps further than this past the next cycle (a receiver back after a long
    /// outage, a feed restarted at another time), the cycles of the gap are skipped — every track would have
    /// ended in it — so that one jump cannot make the loop publish hours of empty pictures. Seconds; counted in
    /// ``cyclesSkipped``.
    public var maximumLiveGapSeconds = 120.0
    /// Cycles skipped over gaps longer than ``maximumLiveGapSeconds``.
    public private(set) var cyclesSkipped = 0
    /// Data time of the last input handed to the engine, UNIX seconds.
    public private(set) var lastInputTime = -Double.infinity
    private var scratch: [InputReorderBuffer.Release] = []
    /// The engine's input time correction as last asked (``push(_:publish:)``), and the data time to ask again.
    private var correction: (active: Bool, maximumDelaySeconds: Double) = (false, 0)
    private var nextCorrectionCheck = -Double.infinity

    /// A loop around `engine`.
    /// - Parameters:
    ///   - cyclePeriodSeconds: the update cycle, s.
    ///   - cycles: the cycle times to publish (batch: the scenario's span); `nil` with `live: false` publishes
    ///     nothing; with `live: true` cycles start at the first input and never end.
    ///   - reorderWindowSeconds: how long inputs wait for stragglers, s of data time (0 for files).
    public init(
        engine: Engine,
        cyclePeriodSeconds: Double = 1,
        cycles: ClosedRange<Double>? = nil,
        live: Bool = false,
        reorderWindowSeconds: Double = 0,
        reorderCapacity: Int = 1 << 20
    ) {
        precondition(cyclePeriodSeconds > 0)
        self.engine = engine
        self.cyclePeriodSeconds = cyclePeriodSeconds
        self.live = live && cycles == nil
        reorder = InputReorderBuffer(windowSeconds: reorderWindowSeconds, capacity: reorderCapacity)
        self.reorderWindowSeconds = reorderWindowSeconds
        if let cycles {
            nextCycleTime = cycles.lowerBound
            lastCycleTime = cycles.upperBound
        } else {
            nextCycleTime = live ? .nan : nil
            lastCycleTime = live ? .infinity : -.infinity
        }
    }

    /// Takes one input; publishes every cycle that it closes.
    ///
    /// Inputs are ordered by the time the engine uses them at (``TrackingEngine/registeredTime(of:)``): a radar
    /// whose time stamps registration corrects (it stamps its plots 0.3 s late) has its plots used 0.3 s before
    /// the clock they arrive on, so while such a correction is in force the window grows by it, and ADS-B
    /// reports and other radars' plots of those 0.3 s wait for them. Without a time correction (registration
    /// off, or no significant time offset) inputs keep their own times and a file passes straight through.
    public mutating func push(_ input: SurveillanceInput, publish: (TrackPicture) throws -> Void) rethrows {
        // The engine's corrections change at its registration solutions (at most once a second of data time): ask
        // once a second rather than per input (the question costs as much as a quarter of a plot's tracking).
        if input.time >= nextCorrectionCheck || input.time < nextCorrectionCheck - 1 {
            nextCorrectionCheck = input.time + 1
            correction = engine.inputTimeCorrection
            let window = reorderWindowSeconds + (correction.active ? correction.maximumDelaySeconds : 0)
            if reorder.windowSeconds != window { reorder.windowSeconds = window }
        }
        if !correction.active, reorder.passesStraightThrough(input) {
            try feed(InputReorderBuffer.Release(input: input, latenessSeconds: 0), publish: publish)
            return
        }
        var pending = scratch
        scratch = []
        let time = correction.active ? engine.registeredTime(of: input) : input.time
        reorder.insert(input, at: time) { pending.append($0) }
        for r in pending { try feed(r, publish: publish) }
        pending.removeAll(keepingCapacity: true)
        scratch = pending
    }

    /// The caller's clock says data time `time` has come (live data went quiet): releases held inputs up to
    /// `time − window` and publishes the cycles up to that time.
    public mutating func advanceClock(to time: Double, publish: (TrackPicture) throws -> Void) rethrows {
        var pending: [InputReorderBuffer.Release] = []
        let watermark = time - reorder.windowSeconds
        reorder.release(through: watermark) { pending.append($0) }
        for r in pending { try feed(r, publish: publish) }
        try publishCycles(through: watermark, inclusive: true, publish: publish)
    }

    /// End of input: releases everything, publishes the remaining cycles, and lets the engine catch up.
    public mutating func finish(publish: (TrackPicture) throws -> Void) rethrows {
        var pending: [InputReorderBuffer.Release] = []
        reorder.releaseAll { pending.append($0) }
        for r in pending { try feed(r, publish: publish) }
        if lastCycleTime.isFinite { try publishCycles(through: lastCycleTime, inclusive: true, publish: publish) }
        if lastInputTime.isFinite {
            engine.advance(to: lastInputTime)
            engine.finishRegistration(at: lastInputTime)
        }
    }

    private mutating func feed(_ r: InputReorderBuffer.Release, publish: (TrackPicture) throws -> Void) rethrows {
        let input = r.input
        if r.late, case .radar = input {
            // A late plot is used at its own time: its tracks are predicted back to it (as late ADS-B reports
            // are retrodicted), within the limit; older ones are counted and not used.
            guard r.latenessSeconds <= maximumPlotLatenessSeconds else {
                latePlotsDropped += 1
                return
            }
            latePlotsUsed += 1
        }
        let time = r.time
        if let next = nextCycleTime, next.isNaN {
            // Live: the first cycle is the first multiple of the period after the first input.
            nextCycleTime = (time / cyclePeriodSeconds).rounded(.down) * cyclePeriodSeconds + cyclePeriodSeconds
        }
        try publishCycles(through: time, inclusive: false, publish: publish)
        engine.process(input)
        if time > lastInputTime { lastInputTime = time }
    }

    private mutating func publishCycles(
        through time: Double,
        inclusive: Bool,
        publish: (TrackPicture) throws -> Void
    ) rethrows {
        if live, let next = nextCycleTime, !next.isNaN, time - next > maximumLiveGapSeconds {
            let resume = ((time - maximumLiveGapSeconds) / cyclePeriodSeconds).rounded(.down) * cyclePeriodSeconds
            if resume > next {
                cyclesSkipped += Int(((resume - next) / cyclePeriodSeconds).rounded())
                nextCycleTime = resume
            }
        }
        while let next = nextCycleTime, !next.isNaN, next <= lastCycleTime, inclusive ? next <= time : next < time {
            let picture = engine.picture(at: next, cycle: cycleCount)
            cycleCount += 1
            nextCycleTime = next + cyclePeriodSeconds
            try publish(picture)
        }
    }
}
