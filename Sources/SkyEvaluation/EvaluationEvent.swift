/// A track-quality event found by the association, with where and when it happened (for diagnosis and drawing).
public struct EvaluationEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// The truth's matched track changed from `previousTrackID` to `trackID`.
        case idSwitch
        /// The truth had lost its track while visible and is matched again (to `trackID`).
        case trackBreak
        /// `trackID` started to sit within c of the truth while another track carries it.
        case duplicate
    }

    /// Kind of event.
    public var kind: Kind
    /// Epoch, whole seconds since the scenario epoch.
    public var time: Int
    /// Dense truth identifier.
    public var truthID: Int
    /// Dense identifier of the track matched after the event (the duplicate track for `.duplicate`).
    public var trackID: Int
    /// Dense identifier of the track matched before (`.idSwitch`), or of the carrying track (`.duplicate`).
    public var previousTrackID: Int?
    /// Truth position at the event, WGS-84 degrees.
    public var latitudeDegrees: Double
    public var longitudeDegrees: Double
}
