public import SkyModel

/// The life cycle of one track: tentative → confirmed ⇄ coasting → ended (or merged away).
///
/// Each `mutating` method takes one happening and returns the action the tracker publishes, as swift-nio's state
/// machines do (`NIOTLS/ProtocolNegotiationHandlerStateMachine.swift`): the tracker applies the new state and
/// appends the event; outputs never diff cycles to find ended tracks. Tentative tracks are never shown, so their
/// deletion publishes nothing.
///
/// ```
/// tentative --confirm--> confirmed --silent--> coasting --update--> confirmed
///     |                      |                    |
///     +--delete (silent)     +--delete/merge------+--> terminated (ended | merged)
/// ```
public struct TrackLifecycleStateMachine: Sendable, Hashable {
    /// What the tracker publishes after a transition.
    public enum Action: Sendable, Hashable {
        /// Nothing to publish (no change, or a tentative track's change).
        case none
        /// Publish this event.
        case publish(TrackLifecycleEvent)
    }

    /// The current status.
    public private(set) var status: TrackStatus

    /// A machine in `status` (a new track starts `.tentative`).
    public init(status: TrackStatus = .tentative) { self.status = status }

    /// The track met its confirmation rule.
    public mutating func confirm(track: UInt32, time: Double) -> Action {
        switch status {
        case .tentative:
            status = .confirmed
            return .publish(.confirmed(track: track, time: time))
        case .confirmed, .coasting, .terminated:
            return .none
        }
    }

    /// A measurement updated the track.
    public mutating func update(track: UInt32, time: Double) -> Action {
        switch status {
        case .coasting:
            status = .confirmed
            return .publish(.resumed(track: track, time: time))
        case .tentative, .confirmed, .terminated:
            return .none
        }
    }

    /// Maintenance found the track silent (`coasting == true`) or fresh again (`false`).
    public mutating func maintain(track: UInt32, time: Double, coasting: Bool) -> Action {
        switch (status, coasting) {
        case (.confirmed, true):
            status = .coasting
            return .publish(.coasting(track: track, time: time))
        case (.coasting, false):
            status = .confirmed
            return .publish(.resumed(track: track, time: time))
        case (.tentative, _), (.terminated, _), (.confirmed, false), (.coasting, true):
            return .none
        }
    }

    /// The track is deleted: merged into `survivor` when given, else ended.
    public mutating func end(track: UInt32, time: Double, mergedInto survivor: UInt32? = nil) -> Action {
        let wasShown = status == .confirmed || status == .coasting
        guard status != .terminated else { return .none }
        status = .terminated
        guard wasShown else { return .none }
        if let survivor { return .publish(.merged(track: track, into: survivor, time: time)) }
        return .publish(.ended(track: track, time: time))
    }
}
