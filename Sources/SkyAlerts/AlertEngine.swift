public import SkyModel

/// Every safety net's parameters: the alert configuration file (JSON, snake_case keys; a missing section or key
/// keeps its default). Documented key by key in `docs/alerts.md`.
public struct AlertConfiguration: Sendable, Hashable {
    /// `stca`: short-term conflict alert.
    public var stca = STCAConfiguration()
    /// `area`: area proximity warning.
    public var area = AreaProximityConfiguration()
    /// `emergency`: emergency codes.
    public var emergency = EmergencyConfiguration()
    /// `adsb`: ADS-B integrity.
    public var adsb = ADSBIntegrityConfiguration()

    /// The defaults.
    public init() {}
}

extension AlertConfiguration: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case stca, area, emergency, adsb }

    /// Decodes the four optional sections.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.names)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stca = try c.decodeIfPresent(STCAConfiguration.self, forKey: .stca) ?? STCAConfiguration()
        area = try c.decodeIfPresent(AreaProximityConfiguration.self, forKey: .area) ?? AreaProximityConfiguration()
        emergency = try c.decodeIfPresent(EmergencyConfiguration.self, forKey: .emergency) ?? EmergencyConfiguration()
        adsb = try c.decodeIfPresent(ADSBIntegrityConfiguration.self, forKey: .adsb) ?? ADSBIntegrityConfiguration()
    }
}

/// All safety nets over one stream of track pictures: STCA, area proximity, emergencies, ADS-B integrity.
///
/// A value type owned by one task: feed it every picture in time order, and it returns the alert events of
/// that cycle (ends first, then starts, then updates; by alert id within each). Alert ids are unique for the
/// engine's life.
public struct AlertEngine: Sendable {
    /// Short-term conflict alert.
    public private(set) var stca: ShortTermConflictAlert
    /// Area proximity warning.
    public private(set) var areaProximity: AreaProximityWarning
    /// Emergencies.
    public private(set) var emergencies: EmergencyMonitor
    /// ADS-B integrity.
    public private(set) var adsbIntegrity: ADSBIntegrityMonitor
    /// Turn and vertical rates estimated from successive pictures for tracks that carry none.
    public private(set) var kinematics = TrackKinematics()
    private var nextAlertID = 1

    /// An engine.
    /// - Parameters:
    ///   - configuration: every net's parameters.
    ///   - areas: restricted areas for the area proximity warning.
    public init(configuration: AlertConfiguration = AlertConfiguration(), areas: [RestrictedArea] = []) {
        stca = ShortTermConflictAlert(configuration: configuration.stca)
        areaProximity = AreaProximityWarning(areas: areas, configuration: configuration.area)
        emergencies = EmergencyMonitor(configuration: configuration.emergency)
        adsbIntegrity = ADSBIntegrityMonitor(configuration: configuration.adsb)
    }

    /// Processes one cycle: completes missing turn and vertical rates (``TrackKinematics``), then runs every net.
    /// - Parameters:
    ///   - picture: the tracker's picture.
    ///   - consistency: ADS-B/radar comparison samples gathered by the tracker since the previous cycle.
    /// - Returns: the events of this cycle.
    /// - Complexity: O(n + candidate pairs) for STCA, O(n × areas) for the area warning.
    public mutating func process(
        _ picture: TrackPicture,
        consistency: [ADSBRadarConsistency] = []
    ) -> [AlertEvent] {
        // The tracker may publish no turn rate (a CV/turn IMM without a turn-rate state): the turn hypothesis of
        // STCA and the helicopter class of the area warning need one, so it is estimated here from the headings.
        var picture = picture
        kinematics.complete(&picture)
        var events = emergencies.process(picture, nextAlertID: &nextAlertID)
        events += stca.process(picture, nextAlertID: &nextAlertID)
        events += areaProximity.process(picture, nextAlertID: &nextAlertID)
        events += adsbIntegrity.process(picture, nextAlertID: &nextAlertID)
        events += adsbIntegrity.process(consistency: consistency, nextAlertID: &nextAlertID)
        events.sort { a, b in
            let ra = Self.rank(a.phase)
            let rb = Self.rank(b.phase)
            return ra != rb ? ra < rb : a.alertID < b.alertID
        }
        return events
    }

    private static func rank(_ phase: AlertPhase) -> Int {
        switch phase {
        case .end: 0
        case .start: 1
        case .update: 2
        }
    }
}
