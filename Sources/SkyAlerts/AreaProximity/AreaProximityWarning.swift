import SkyGeodesy
import SkyMath
public import SkyModel

/// Area proximity warning parameters. JSON keys in snake_case as given; defaults in brackets.
public struct AreaProximityConfiguration: Sendable, Hashable {
    /// `look_ahead_s`: alert when a track is predicted (straight line) to enter an area within this time,
    /// seconds [60].
    public var lookAheadSeconds: Double = 60
    /// `sample_step_s`: time step of the prediction, seconds [2].
    public var sampleStepSeconds: Double = 2
    /// `confirmation_cycles`: cycles a predicted entry must persist before it is alerted; a track already inside is
    /// alerted in its first cycle [2].
    public var confirmationCycles = 2
    /// `clear_cycles`: cycles without the hazard before the alert ends [3].
    public var clearCycles = 3
    /// `update_interval_s`: minimum time between update events, seconds [10].
    public var updateIntervalSeconds: Double = 10
    /// `alert_unknown_class`: areas limited to some classes also apply to tracks of class `unknown` [true].
    public var alertUnknownClass = true
    /// `default_ground_elevation_m`: ground elevation for AGL limits of areas that do not give one, metres AMSL
    /// [0].
    public var defaultGroundElevationMetres: Double = 0

    /// The defaults.
    public init() {}
}

extension AreaProximityConfiguration: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case lookAheadSeconds = "look_ahead_s"
        case sampleStepSeconds = "sample_step_s"
        case confirmationCycles = "confirmation_cycles"
        case clearCycles = "clear_cycles"
        case updateIntervalSeconds = "update_interval_s"
        case alertUnknownClass = "alert_unknown_class"
        case defaultGroundElevationMetres = "default_ground_elevation_m"
    }

    /// Decodes from snake_case keys; missing keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.names)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AreaProximityConfiguration()
        lookAheadSeconds = try c.decodeIfPresent(Double.self, forKey: .lookAheadSeconds) ?? d.lookAheadSeconds
        sampleStepSeconds = try c.decodeIfPresent(Double.self, forKey: .sampleStepSeconds) ?? d.sampleStepSeconds
        confirmationCycles = try c.decodeIfPresent(Int.self, forKey: .confirmationCycles) ?? d.confirmationCycles
        clearCycles = try c.decodeIfPresent(Int.self, forKey: .clearCycles) ?? d.clearCycles
        updateIntervalSeconds =
            try c.decodeIfPresent(Double.self, forKey: .updateIntervalSeconds) ?? d.updateIntervalSeconds
        alertUnknownClass = try c.decodeIfPresent(Bool.self, forKey: .alertUnknownClass) ?? d.alertUnknownClass
        defaultGroundElevationMetres =
            try c.decodeIfPresent(Double.self, forKey: .defaultGroundElevationMetres)
            ?? d.defaultGroundElevationMetres
        guard confirmationCycles >= 1, clearCycles >= 1, sampleStepSeconds > 0, lookAheadSeconds >= 0 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "cycle counts must be ≥ 1, times ≥ 0")
            )
        }
    }
}

/// Area proximity warning (APW): a track inside a restricted area, or predicted to enter one within the
/// look-ahead, raises an alert (EUROCONTROL Specification for Area Proximity Warning, 2009: "predicted and
/// actual" penetration, per-area applicability).
public struct AreaProximityWarning: Sendable {
    /// The parameters.
    public let configuration: AreaProximityConfiguration
    /// The areas.
    public let areas: [RestrictedArea]
    private var states: [UInt64: State] = [:]

    private struct State: Sendable {
        var machine: AlertStateMachine
        var alertID = 0
        var inside = false
        var entrySeconds = 0.0
        var seen = false
    }

    /// A warning over `areas`.
    /// - Precondition: positive sample step, non-negative look-ahead, cycle counts ≥ 1.
    public init(areas: [RestrictedArea], configuration: AreaProximityConfiguration = AreaProximityConfiguration()) {
        precondition(
            configuration.sampleStepSeconds > 0 && configuration.lookAheadSeconds >= 0
                && configuration.confirmationCycles >= 1 && configuration.clearCycles >= 1,
            "area proximity configuration out of range"
        )
        self.areas = areas
        self.configuration = configuration
    }

    /// Processes one picture.
    /// - Parameters:
    ///   - picture: the cycle's tracks.
    ///   - nextAlertID: the run's alert identifier counter.
    /// - Returns: area events of this cycle.
    /// - Complexity: O(tracks × areas) bounding-box tests, plus the samples of tracks near an area.
    public mutating func process(_ picture: TrackPicture, nextAlertID: inout Int) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for k in states.keys { states[k]!.seen = false }
        let active = areas.indices.filter { areas[$0].isActive(at: picture.time) }
        let degreesPerMetre = 180 / (Double.pi * earthRadiusMetres)
        for track in picture.tracks where track.status == .confirmed || track.status == .coasting {
            // Bounding-box rejection first: most tracks are nowhere near any area.
            let lat = track.position.latitudeDegrees
            let lon = track.position.longitudeDegrees
            let ve = track.velocity.east
            let vn = track.velocity.north
            let reach = (ve * ve + vn * vn).squareRoot() * configuration.lookAheadSeconds
            let dLat = reach * degreesPerMetre
            let dLon = dLat / max(cosDegrees(lat), 0.01)
            var trackClass: TrackClass? = nil
            for a in active {
                let nearby = areas[a].polygons.contains {
                    lat + dLat >= $0.minLatitude && lat - dLat <= $0.maxLatitude && lon + dLon >= $0.minLongitude
                        && lon - dLon <= $0.maxLongitude
                }
                guard nearby else { continue }
                let c = trackClass ?? classifyTrack(track)
                trackClass = c
                guard applies(areas[a], to: c), let entry = predictedEntrySeconds(track, areas[a]) else { continue }
                let key = UInt64(track.number) << 32 | UInt64(a)
                var s =
                    states[key]
                    ?? State(
                        machine: AlertStateMachine(
                            confirmationCycles: entry == 0 ? 1 : configuration.confirmationCycles,
                            clearCycles: configuration.clearCycles,
                            updateIntervalSeconds: configuration.updateIntervalSeconds
                        )
                    )
                s.seen = true
                var action = s.machine.observe(hazard: true, time: picture.time)
                if action == .raise {
                    s.alertID = nextAlertID
                    nextAlertID += 1
                } else if action == .none && s.machine.isRaised && (entry == 0) != s.inside {
                    action = .update  // inside ↔ predicted changed: tell the controller now
                }
                s.inside = entry == 0
                s.entrySeconds = entry
                emit(action, track: track.number, area: a, state: s, time: picture.time, into: &events)
                states[key] = s
            }
        }
        // Presence is only needed for alerts whose hazard went away (rare): build it then.
        var present: Set<UInt32>? = nil
        for (key, var s) in states where !s.seen {
            if present == nil { present = Set(picture.tracks.lazy.map(\.number)) }
            let number = UInt32(truncatingIfNeeded: key >> 32)
            let area = Int(key & 0xFFFF_FFFF)
            let action =
                present!.contains(number) ? s.machine.observe(hazard: false, time: picture.time) : s.machine.terminate()
            emit(action, track: number, area: area, state: s, time: picture.time, into: &events)
            states[key] = s.machine.state == .idle ? nil : s
        }
        return events
    }

    private func applies(_ area: RestrictedArea, to trackClass: TrackClass) -> Bool {
        area.applicableClasses.isEmpty || area.applicableClasses.contains(trackClass)
            || (trackClass == .unknown && configuration.alertUnknownClass)
    }

    /// Seconds until the track is inside the area (0 = inside now), or `nil` if not within the look-ahead.
    func predictedEntrySeconds(_ track: SystemTrack, _ area: RestrictedArea) -> Double? {
        let lat = track.position.latitudeDegrees
        let lon = track.position.longitudeDegrees
        let degreesPerMetre = 180 / (Double.pi * earthRadiusMetres)
        let cosLat = max(cosDegrees(lat), 0.01)
        var t = 0.0
        while t <= configuration.lookAheadSeconds {
            let pLat = lat + track.velocity.north * t * degreesPerMetre
            let pLon = lon + track.velocity.east * t * degreesPerMetre / cosLat
            if area.containsHorizontally(latitudeDegrees: pLat, longitudeDegrees: pLon),
                isInsideVertically(track, area, after: t)
            {
                return t
            }
            t += configuration.sampleStepSeconds
        }
        return nil
    }

    /// Vertical test at `t` seconds ahead; a track without any altitude (primary only) is taken as inside.
    private func isInsideVertically(_ track: SystemTrack, _ area: RestrictedArea, after t: Double) -> Bool {
        let climb = track.velocity.up * t
        let pressureMetres = track.barometricAltitudeFeet.map { $0 * metresPerFoot + climb }
        let geometricMetres = track.hasHeight ? track.position.heightMetres + climb : nil
        let ground = area.groundElevationMetres ?? configuration.defaultGroundElevationMetres
        func level(_ reference: VerticalReference) -> Double? {
            switch reference {
            case .amsl: pressureMetres ?? geometricMetres
            case .wgs84: geometricMetres ?? pressureMetres
            case .agl: (pressureMetres ?? geometricMetres).map { $0 - ground }
            }
        }
        if let lower = area.lower, let h = level(lower.reference), h < lower.metres { return false }
        if let upper = area.upper, let h = level(upper.reference), h > upper.metres { return false }
        return true
    }

    private func emit(
        _ action: AlertStateMachine.Action,
        track: UInt32,
        area: Int,
        state: State,
        time: Double,
        into events: inout [AlertEvent]
    ) {
        let phase: AlertPhase
        switch action {
        case .none: return
        case .raise: phase = .start
        case .update: phase = .update
        case .clear: phase = .end
        }
        let name = areas[area].name
        let what = state.inside ? "inside \(name)" : "entering \(name) in \(Int(state.entrySeconds.rounded())) s"
        events.append(
            AlertEvent(
                alertID: state.alertID,
                phase: phase,
                kind: .area,
                time: time,
                tracks: [track],
                area: name,
                message: "track \(track) \(what)"
            )
        )
    }
}
