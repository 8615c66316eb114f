/// A volume with its own STCA separation thresholds (EUROCONTROL STCA Specification, "parameters per volume").
public struct STCAVolume: Sendable, Hashable {
    /// The volume (pressure altitude band, optional polygon).
    public var volume: AirspaceVolume
    /// Horizontal threshold inside the volume, nautical miles.
    public var horizontalNM: Double
    /// Vertical threshold inside the volume, feet.
    public var verticalFeet: Double

    /// A threshold volume; NM and feet.
    public init(volume: AirspaceVolume, horizontalNM: Double, verticalFeet: Double) {
        self.volume = volume
        self.horizontalNM = horizontalNM
        self.verticalFeet = verticalFeet
    }

    /// The default en-route volume: 5 NM / 1,000 ft at and above FL 195 everywhere.
    public static let enRoute = STCAVolume(
        volume: AirspaceVolume(name: "en-route (FL195+)", lowerFeet: 19_500),
        horizontalNM: 5,
        verticalFeet: 1_000
    )
}

/// Short-term conflict alert parameters. Every value has a unit in its name; defaults in brackets.
///
/// JSON keys are the snake_case names given on each property (`look_ahead_s`, …); a missing key keeps the default.
public struct STCAConfiguration: Sendable, Hashable {
    /// `look_ahead_s`: prediction horizon, seconds [120].
    public var lookAheadSeconds: Double = 120
    /// `horizontal_nm`: default horizontal threshold, nautical miles [3].
    public var horizontalNM: Double = 3
    /// `vertical_ft`: default vertical threshold, feet [1,000].
    public var verticalFeet: Double = 1_000
    /// `vertical_tolerance_ft`: the vertical test uses `vertical_ft` less this tolerance, feet [50]: pairs at the
    /// standard 1,000 ft separation are separated, yet Mode C quantisation (±50 ft for 100 ft Gillham code) and
    /// altimetry make them look a little closer.
    public var verticalToleranceFeet: Double = 50
    /// `minimum_altitude_ft`: tracks below this pressure altitude are not paired, feet [1,000]: landing and
    /// departing traffic in the aerodrome circuit is tower-controlled and a constant source of nuisance alerts.
    public var minimumAltitudeFeet: Double = 1_000
    /// `volumes`: volumes with their own thresholds; the first containing a track applies, and a pair takes the
    /// larger threshold of its two tracks [en route: 5 NM / 1,000 ft from FL195].
    public var volumes: [STCAVolume] = [.enRoute]
    /// `inhibited_volumes`: no alert for a pair when both tracks are inside the same one (e.g. parallel
    /// approaches to independent runways) [none].
    public var inhibitedVolumes: [AirspaceVolume] = []
    /// `confirmation_cycles`: consecutive cycles a conflict must be predicted before it is alerted [3].
    public var confirmationCycles = 3
    /// `confirmation_s`: … spanning at least this time, seconds [6] (pictures may come faster than radar updates).
    public var confirmationSeconds: Double = 6
    /// `clear_cycles`: consecutive conflict-free cycles before the alert ends [4].
    public var clearCycles = 4
    /// `clear_s`: … spanning at least this time, seconds [20].
    public var clearSeconds: Double = 20
    /// `update_interval_s`: minimum time between update events of a raised alert, seconds [10].
    public var updateIntervalSeconds: Double = 10
    /// `level_rate_ft_min`: vertical rates below this magnitude are treated as level flight, feet per minute [400].
    /// Mode C in 25 ft (or 100 ft) steps makes small rates noise; this is the "safe rate" of the
    /// vertically-separated nuisance filter. It applies to each track's rate and to the pair's relative rate (two
    /// aircraft climbing at 1,300 and 1,650 ft/min are not converging as far as their Mode C tells).
    public var levelRateFeetPerMinute: Double = 400
    /// `vertical_look_ahead_s`: vertical rates are extrapolated for at most this long, then level, seconds [120]
    /// (climbs and descents end at cleared levels the system does not know).
    public var verticalLookAheadSeconds: Double = 120
    /// `turn_rate_deg_s`: turn rates at or above this magnitude make the turn hypothesis the primary one, degrees
    /// per second [0.8].
    public var turnRateThresholdDegreesPerSecond: Double = 0.8
    /// `max_turn_s`: the turn hypothesis keeps turning for at most this long, then flies straight, seconds [30]
    /// (a rate-one turn through 90°; longer turns are rarer than turns that end, and over-long turn predictions
    /// were the main nuisance source on recorded traffic).
    public var maximumTurnSeconds: Double = 30
    /// `max_turn_deg`: … and for at most this change of heading, degrees [180].
    public var maximumTurnDegrees: Double = 180
    /// `roll_out_look_ahead_s`: when a track turns, the straight (roll-out-now) hypothesis is also tested, over this
    /// shorter horizon, seconds [60].
    public var rollOutLookAheadSeconds: Double = 60
    /// `manoeuvre_confirmation_s`: a conflict that only the turn hypothesis predicts (the straight prediction of
    /// both tracks over the full look-ahead sees none) must have been predicted without interruption for at least
    /// this long before it is alerted, seconds [8]. Turns end, and most turns that make such a prediction end
    /// within seconds (a heading change onto a route); 8 s is the window ``TrackKinematics`` estimates a turn rate
    /// over, so the alert rests on two turn-rate estimates from disjoint heading samples. Conflicts the straight
    /// prediction also sees keep `confirmation_s`.
    public var manoeuvreConfirmationSeconds: Double = 8
    /// `sample_step_s`: time step of the sampled (turning) predictions, seconds [2].
    public var sampleStepSeconds: Double = 2
    /// `uncertainty_factor`: the horizontal threshold grows by this many standard deviations of the predicted
    /// relative position (from the tracks' covariances) [1].
    public var uncertaintyFactor: Double = 1
    /// `max_uncertainty_fraction`: cap on that growth, as a fraction of the horizontal threshold [0.25].
    public var maximumUncertaintyFraction: Double = 0.25
    /// `require_mode_c`: ignore tracks without Mode C (barometric) altitude [true].
    public var requireModeC = true
    /// `minimum_track_age_s`: ignore tracks younger than this (their velocity is not settled yet), seconds [8].
    public var minimumTrackAgeSeconds: Double = 8
    /// `grid_cell_m`: cell size of the coarse spatial filter, metres [40,000] (about the size of a swept box).
    public var gridCellMetres: Double = 40_000
    /// `cycle_s`: the conflict prediction runs at most once per this much data time, seconds [1]; pictures that
    /// come faster (a live service publishes every 0.25 s) pass without a prediction and without events. Predicting
    /// 120 s ahead four times a second cost most of the alerting at 20,000 tracks and gave the alert nothing:
    /// confirmation needs `confirmation_s` (6 s) anyway, and a position moves at most ~250 m in 1 s against
    /// thresholds of 3–5 NM. Batch runs (one picture per second) predict every picture, as before. 0: every picture.
    public var cycleSeconds: Double = 1

    /// The defaults.
    public init() {}
}

extension STCAConfiguration: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case lookAheadSeconds = "look_ahead_s"
        case horizontalNM = "horizontal_nm"
        case verticalFeet = "vertical_ft"
        case verticalToleranceFeet = "vertical_tolerance_ft"
        case minimumAltitudeFeet = "minimum_altitude_ft"
        case volumes
        case inhibitedVolumes = "inhibited_volumes"
        case confirmationCycles = "confirmation_cycles"
        case confirmationSeconds = "confirmation_s"
        case clearSeconds = "clear_s"
        case clearCycles = "clear_cycles"
        case updateIntervalSeconds = "update_interval_s"
        case verticalLookAheadSeconds = "vertical_look_ahead_s"
        case levelRateFeetPerMinute = "level_rate_ft_min"
        case turnRateThresholdDegreesPerSecond = "turn_rate_deg_s"
        case maximumTurnSeconds = "max_turn_s"
        case maximumTurnDegrees = "max_turn_deg"
        case rollOutLookAheadSeconds = "roll_out_look_ahead_s"
        case manoeuvreConfirmationSeconds = "manoeuvre_confirmation_s"
        case sampleStepSeconds = "sample_step_s"
        case uncertaintyFactor = "uncertainty_factor"
        case maximumUncertaintyFraction = "max_uncertainty_fraction"
        case requireModeC = "require_mode_c"
        case minimumTrackAgeSeconds = "minimum_track_age_s"
        case gridCellMetres = "grid_cell_m"
        case cycleSeconds = "cycle_s"
    }

    /// Decodes from snake_case keys; missing keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.names)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        let d = STCAConfiguration()
        lookAheadSeconds = try value(.lookAheadSeconds, d.lookAheadSeconds)
        horizontalNM = try value(.horizontalNM, d.horizontalNM)
        verticalFeet = try value(.verticalFeet, d.verticalFeet)
        verticalToleranceFeet = try value(.verticalToleranceFeet, d.verticalToleranceFeet)
        minimumAltitudeFeet = try value(.minimumAltitudeFeet, d.minimumAltitudeFeet)
        volumes = try value(.volumes, d.volumes)
        inhibitedVolumes = try value(.inhibitedVolumes, d.inhibitedVolumes)
        confirmationCycles = try value(.confirmationCycles, d.confirmationCycles)
        clearCycles = try value(.clearCycles, d.clearCycles)
        confirmationSeconds = try value(.confirmationSeconds, d.confirmationSeconds)
        clearSeconds = try value(.clearSeconds, d.clearSeconds)
        updateIntervalSeconds = try value(.updateIntervalSeconds, d.updateIntervalSeconds)
        verticalLookAheadSeconds = try value(.verticalLookAheadSeconds, d.verticalLookAheadSeconds)
        levelRateFeetPerMinute = try value(.levelRateFeetPerMinute, d.levelRateFeetPerMinute)
        turnRateThresholdDegreesPerSecond = try value(
            .turnRateThresholdDegreesPerSecond,
            d.turnRateThresholdDegreesPerSecond
        )
        maximumTurnSeconds = try value(.maximumTurnSeconds, d.maximumTurnSeconds)
        maximumTurnDegrees = try value(.maximumTurnDegrees, d.maximumTurnDegrees)
        rollOutLookAheadSeconds = try value(.rollOutLookAheadSeconds, d.rollOutLookAheadSeconds)
        manoeuvreConfirmationSeconds = try value(.manoeuvreConfirmationSeconds, d.manoeuvreConfirmationSeconds)
        sampleStepSeconds = try value(.sampleStepSeconds, d.sampleStepSeconds)
        uncertaintyFactor = try value(.uncertaintyFactor, d.uncertaintyFactor)
        maximumUncertaintyFraction = try value(.maximumUncertaintyFraction, d.maximumUncertaintyFraction)
        requireModeC = try value(.requireModeC, d.requireModeC)
        minimumTrackAgeSeconds = try value(.minimumTrackAgeSeconds, d.minimumTrackAgeSeconds)
        gridCellMetres = try value(.gridCellMetres, d.gridCellMetres)
        cycleSeconds = try value(.cycleSeconds, d.cycleSeconds)
        guard confirmationCycles >= 1, clearCycles >= 1, lookAheadSeconds > 0, sampleStepSeconds > 0,
            gridCellMetres > 0, cycleSeconds >= 0
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "cycle counts must be ≥ 1, times and cells > 0")
            )
        }
    }
}

extension STCAVolume: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case horizontalNM = "horizontal_nm"
        case verticalFeet = "vertical_ft"
    }

    /// Decodes an ``AirspaceVolume`` plus `horizontal_nm` and `vertical_ft` (both required).
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.names.union(AirspaceVolume.CodingKeys.names))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        volume = try AirspaceVolume(decoding: decoder)
        horizontalNM = try c.decode(Double.self, forKey: .horizontalNM)
        verticalFeet = try c.decode(Double.self, forKey: .verticalFeet)
    }
}

extension AirspaceVolume: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case polygon = "polygon_lat_lon"
        case lowerFeet = "lower_ft"
        case upperFeet = "upper_ft"
    }

    /// Decodes `name`, `polygon_lat_lon` (`[[lat, lon], …]`, degrees; omitted = everywhere), `lower_ft` and
    /// `upper_ft` (pressure altitude feet; omitted = unbounded).
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.names)
        try self.init(decoding: decoder)
    }

    /// Decodes the volume's keys without checking for others (an ``STCAVolume`` adds its own).
    init(decoding decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "volume"
        lowerFeet = try c.decodeIfPresent(Double.self, forKey: .lowerFeet)
        upperFeet = try c.decodeIfPresent(Double.self, forKey: .upperFeet)
        if let vertices = try c.decodeIfPresent([[Double]].self, forKey: .polygon) {
            guard vertices.count >= 3, vertices.allSatisfy({ $0.count == 2 }) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .polygon,
                    in: c,
                    debugDescription: "need at least 3 [lat, lon] pairs"
                )
            }
            polygon = GeoPolygon(vertices.map { GeoPoint(latitudeDegrees: $0[0], longitudeDegrees: $0[1]) })
        } else {
            polygon = nil
        }
    }
}
