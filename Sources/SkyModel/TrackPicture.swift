/// A track's life-cycle transition, reported once when it happens.
public enum TrackLifecycleEvent: Sendable, Hashable {
    /// A tentative track was confirmed (first shown).
    case confirmed(track: UInt32, time: Double)
    /// A confirmed track missed its expected updates and is extrapolated.
    case coasting(track: UInt32, time: Double)
    /// A coasting track was updated again.
    case resumed(track: UInt32, time: Double)
    /// A confirmed track ended (deleted after its coast limit).
    case ended(track: UInt32, time: Double)
    /// A track was merged into another (a duplicate of the same object); `into` lives on.
    case merged(track: UInt32, into: UInt32, time: Double)

    /// The track the event concerns.
    public var track: UInt32 {
        switch self {
        case .confirmed(let t, _), .coasting(let t, _), .resumed(let t, _), .ended(let t, _), .merged(let t, _, _): t
        }
    }

    /// Data time of the transition, UNIX seconds.
    public var time: Double {
        switch self {
        case .confirmed(_, let t), .coasting(_, let t), .resumed(_, let t), .ended(_, let t), .merged(_, _, let t): t
        }
    }

    /// Whether the track is gone after this event (ended or merged away).
    public var isTermination: Bool {
        switch self {
        case .ended, .merged: true
        case .confirmed, .coasting, .resumed: false
        }
    }
}

/// The recognised air picture at one update cycle: what leaves the tracker.
public struct TrackPicture: Sendable {
    /// Cycle number, counted from 0 by the engine.
    public var cycle: Int
    /// Cycle time (the data time every track is extrapolated to), UNIX seconds.
    public var time: Double
    /// Every displayed (confirmed or coasting) track, in track-number order.
    public var tracks: [SystemTrack]
    /// Life-cycle transitions since the previous cycle, in the order they happened. A track that ended is in
    /// `events` (``TrackLifecycleEvent/ended(track:time:)`` or `merged`) and no longer in `tracks`.
    public var events: [TrackLifecycleEvent]

    /// A picture; times in UNIX seconds.
    public init(cycle: Int, time: Double, tracks: [SystemTrack], events: [TrackLifecycleEvent] = []) {
        self.cycle = cycle
        self.time = time
        self.tracks = tracks
        self.events = events
    }

    /// Numbers of the tracks that ended or were merged away in this cycle.
    public var endedTracks: [UInt32] { events.filter(\.isTermination).map(\.track) }
}
