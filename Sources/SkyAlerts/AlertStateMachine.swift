/// The life of one alert (one conflict pair, one track in one area, one emergency): confirmation before it is
/// raised, hysteresis before it is cleared, so that a hazard seen on and off does not make the alert flicker.
///
/// A value type whose `mutating` methods return the action the caller must take, in the manner of swift-nio's
/// `NIOTLS/ProtocolNegotiationHandlerStateMachine.swift`. Each cycle the owner calls ``observe(hazard:time:)`` once.
///
/// ```
///            hazard (count < confirm)         hazard (count and time reach confirm) → .raise
///   idle ───────────────────────────▶ pending ─────────────────────────────────▶ active
///    ▲  ◀─────────── no hazard ─────────┘                                        │ │ no hazard
///    │                                                                           │ ▼
///    └──── no hazard for `clearCycles` cycles and `clearSeconds` → .clear ──── clearing
///                                       hazard again (no event; it never stopped)  ─┘
/// ```
public struct AlertStateMachine: Sendable, Hashable {
    /// The state.
    public enum State: Sendable, Hashable {
        /// Nothing seen.
        case idle
        /// Hazard seen in `count` consecutive cycles since `since` (UNIX s), fewer than the confirmation needs.
        case pending(count: Int, since: Double)
        /// Alert raised; `lastUpdateTime` is when its last start or update was emitted (UNIX s).
        case active(lastUpdateTime: Double)
        /// Alert raised, hazard absent for `quietCycles` consecutive cycles since `quietSince` (UNIX s).
        case clearing(quietCycles: Int, quietSince: Double, lastUpdateTime: Double)
    }

    /// What the owner must do after an observation.
    public enum Action: Sendable, Hashable {
        /// Nothing to emit.
        case none
        /// Emit a start event.
        case raise
        /// Emit an update event (the alert goes on; the periodic refresh is due).
        case update
        /// Emit an end event; the machine is idle again and may be discarded.
        case clear
    }

    /// Consecutive hazard cycles needed to raise (1 = raise in the cycle the hazard is first seen).
    public let confirmationCycles: Int
    /// Consecutive hazard-free cycles needed to clear (1 = clear in the first quiet cycle).
    public let clearCycles: Int
    /// Minimum time the hazard must have persisted (first to current observation) before raising, seconds.
    public let confirmationSeconds: Double
    /// Minimum time without the hazard (first quiet observation to current) before clearing, seconds.
    public let clearSeconds: Double
    /// Minimum time between two update events of an active alert, seconds.
    public let updateIntervalSeconds: Double
    /// Current state.
    public private(set) var state: State = .idle

    /// A machine in `idle`.
    /// - Precondition: `confirmationCycles ≥ 1`, `clearCycles ≥ 1`.
    /// - Parameters:
    ///   - confirmationCycles: consecutive hazard cycles needed to raise.
    ///   - confirmationSeconds: and the time they must span, seconds (0 = cycles only).
    ///   - clearCycles: consecutive quiet cycles needed to clear.
    ///   - clearSeconds: and the time they must span, seconds (0 = cycles only).
    ///   - updateIntervalSeconds: minimum time between updates, seconds.
    public init(
        confirmationCycles: Int,
        confirmationSeconds: Double = 0,
        clearCycles: Int,
        clearSeconds: Double = 0,
        updateIntervalSeconds: Double = 10
    ) {
        precondition(confirmationCycles >= 1 && clearCycles >= 1, "cycle counts must be at least 1")
        self.confirmationCycles = confirmationCycles
        self.confirmationSeconds = confirmationSeconds
        self.clearCycles = clearCycles
        self.clearSeconds = clearSeconds
        self.updateIntervalSeconds = updateIntervalSeconds
    }

    /// Whether an alert is currently raised (active or clearing).
    public var isRaised: Bool {
        switch state {
        case .active, .clearing: true
        case .idle, .pending: false
        }
    }

    /// Feeds one cycle's verdict.
    /// - Parameters:
    ///   - hazard: whether the condition holds in this cycle.
    ///   - time: cycle time, UNIX seconds.
    ///   - mayRaise: `false` holds a confirmed hazard pending (it keeps counting) for a condition that needs more
    ///     evidence before it is alerted; ignored once raised.
    /// - Returns: the event to emit.
    public mutating func observe(hazard: Bool, time: Double, mayRaise: Bool = true) -> Action {
        switch state {
        case .idle:
            guard hazard else { return .none }
            return confirm(count: 1, since: time, time: time, mayRaise: mayRaise)
        case .pending(let count, let since):
            guard hazard else {
                state = .idle
                return .none
            }
            return confirm(count: count + 1, since: since, time: time, mayRaise: mayRaise)
        case .active(let last):
            if hazard { return refresh(last: last, time: time) }
            return quiet(cycles: 1, since: time, last: last, time: time)
        case .clearing(let quietCycles, let since, let last):
            if hazard { return refresh(last: last, time: time) }
            return quiet(cycles: quietCycles + 1, since: since, last: last, time: time)
        }
    }

    /// The tracks concerned are gone: clears a raised alert at once, forgets a pending one.
    public mutating func terminate() -> Action {
        let wasRaised = isRaised
        state = .idle
        return wasRaised ? .clear : .none
    }

    private mutating func confirm(count: Int, since: Double, time: Double, mayRaise: Bool) -> Action {
        if mayRaise && count >= confirmationCycles && time - since >= confirmationSeconds {
            state = .active(lastUpdateTime: time)
            return .raise
        }
        state = .pending(count: count, since: since)
        return .none
    }

    private mutating func refresh(last: Double, time: Double) -> Action {
        if time - last >= updateIntervalSeconds {
            state = .active(lastUpdateTime: time)
            return .update
        }
        state = .active(lastUpdateTime: last)
        return .none
    }

    private mutating func quiet(cycles: Int, since: Double, last: Double, time: Double) -> Action {
        if cycles >= clearCycles && time - since >= clearSeconds {
            state = .idle
            return .clear
        }
        state = .clearing(quietCycles: cycles, quietSince: since, lastUpdateTime: last)
        return .none
    }
}

/// The STCA pair alert life cycle is the generic one; the name the issue and the architecture use.
public typealias STCAStateMachine = AlertStateMachine
