/// What a safety net alerts on.
public enum AlertKind: String, Sendable, Hashable, CaseIterable {
    /// Short-term conflict alert: two tracks predicted to lose separation.
    case stca
    /// Area proximity warning: a track inside, or about to enter, a restricted or danger area.
    case area
    /// Emergency: Mode 3/A 7500, 7600, 7700, ADS-B emergency status, SPI.
    case emergency
    /// ADS-B position inconsistent with the radar track of the same address.
    case adsbInconsistency = "adsb_inconsistency"
    /// ADS-B-only target inside good radar coverage that no radar sees.
    case adsbOnly = "adsb_only"
    /// Kinematically impossible ADS-B track (jumps, impossible speeds).
    case adsbImplausible = "adsb_implausible"
}

/// The phase of an alert's life an ``AlertEvent`` reports.
public enum AlertPhase: String, Sendable, Hashable {
    /// The alert was raised.
    case start
    /// The alert goes on with new values (closest point of approach, tracks).
    case update
    /// The alert was cleared.
    case end
}

/// The predicted closest point of approach of a conflict pair.
public struct ClosestApproach: Sendable, Hashable {
    /// Time of the closest approach, UNIX seconds.
    public var time: Double
    /// Horizontal miss distance, metres.
    public var horizontalMetres: Double
    /// Vertical miss distance, metres (absolute).
    public var verticalMetres: Double

    /// A closest point of approach; time in UNIX seconds, distances in metres.
    public init(time: Double, horizontalMetres: Double, verticalMetres: Double) {
        self.time = time
        self.horizontalMetres = horizontalMetres
        self.verticalMetres = verticalMetres
    }
}

/// One safety-net event: an alert started, updated or ended.
public struct AlertEvent: Sendable, Hashable {
    /// Alert identifier, unique for the run; the same for the start, updates and end of one alert.
    public var alertID: Int
    /// Start, update or end.
    public var phase: AlertPhase
    /// The safety net.
    public var kind: AlertKind
    /// Data time of the event, UNIX seconds.
    public var time: Double
    /// Track numbers involved (two for a conflict).
    public var tracks: [UInt32]
    /// Area name, for area alerts.
    public var area: String?
    /// The Mode 3/A code or status, for emergencies ("7700", "7600", "7500", "SPI", "ADS-B emergency").
    public var code: String?
    /// Predicted closest point of approach, for conflicts.
    public var closestApproach: ClosestApproach?
    /// A short human-readable explanation.
    public var message: String

    /// An event; times in UNIX seconds.
    public init(
        alertID: Int,
        phase: AlertPhase,
        kind: AlertKind,
        time: Double,
        tracks: [UInt32],
        area: String? = nil,
        code: String? = nil,
        closestApproach: ClosestApproach? = nil,
        message: String = ""
    ) {
        self.alertID = alertID
        self.phase = phase
        self.kind = kind
        self.time = time
        self.tracks = tracks
        self.area = area
        self.code = code
        self.closestApproach = closestApproach
        self.message = message
    }
}
