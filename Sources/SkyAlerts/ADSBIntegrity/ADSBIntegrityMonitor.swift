import SkyGeodesy
import SkyMath
public import SkyModel

/// ADS-B integrity parameters. JSON keys in snake_case; defaults in brackets.
public struct ADSBIntegrityConfiguration: Sendable, Hashable {
    /// `radar_sigma_factor`: an ADS-B/radar offset is inconsistent beyond `EPU(NACp) + factor·σradar + margin` [3.5]
    /// (a 2-D Gaussian exceeds 3.5 σ with probability e^(−3.5²/2) ≈ 0.2 %).
    public var radarSigmaFactor: Double = 3.5
    /// `consistency_margin_m`: extra allowance for time alignment between the two positions, metres [150].
    public var consistencyMarginMetres: Double = 150
    /// `confirmation_samples`: consecutive inconsistent samples before the alert [2].
    public var confirmationSamples = 2
    /// `clear_samples`: consecutive consistent samples before the alert ends [3].
    public var clearSamples = 3
    /// `coverage_volumes`: volumes of good radar coverage; an ADS-B-only track inside one is alerted. Empty
    /// disables the ADS-B-only check [none].
    public var coverageVolumes: [AirspaceVolume] = []
    /// `adsb_only_minimum_s`: an ADS-B-only track must stay so inside coverage this long before the alert,
    /// seconds [30] (radar needs a few scans to initiate its own track).
    public var adsbOnlyMinimumSeconds: Double = 30
    /// `max_speed_mps`: ground speeds above this, reported or implied by the position change between cycles, are
    /// kinematically implausible, m/s [450] (≈ 875 kt).
    public var maximumSpeedMetresPerSecond: Double = 450
    /// `max_vertical_rate_mps`: vertical rates above this, implied by the altitude change between cycles, are
    /// implausible, m/s [120] (≈ 24,000 ft/min).
    public var maximumVerticalRateMetresPerSecond: Double = 120
    /// `implausible_clear_cycles`: plausible cycles before an implausibility alert ends [5].
    public var implausibleClearCycles = 5

    /// The defaults.
    public init() {}
}

extension ADSBIntegrityConfiguration: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case radarSigmaFactor = "radar_sigma_factor"
        case consistencyMarginMetres = "consistency_margin_m"
        case confirmationSamples = "confirmation_samples"
        case clearSamples = "clear_samples"
        case coverageVolumes = "coverage_volumes"
        case adsbOnlyMinimumSeconds = "adsb_only_minimum_s"
        case maximumSpeedMetresPerSecond = "max_speed_mps"
        case maximumVerticalRateMetresPerSecond = "max_vertical_rate_mps"
        case implausibleClearCycles = "implausible_clear_cycles"
    }

    /// Decodes from snake_case keys; missing keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.names)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ADSBIntegrityConfiguration()
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        radarSigmaFactor = try value(.radarSigmaFactor, d.radarSigmaFactor)
        consistencyMarginMetres = try value(.consistencyMarginMetres, d.consistencyMarginMetres)
        confirmationSamples = max(1, try value(.confirmationSamples, d.confirmationSamples))
        clearSamples = max(1, try value(.clearSamples, d.clearSamples))
        coverageVolumes = try value(.coverageVolumes, d.coverageVolumes)
        adsbOnlyMinimumSeconds = try value(.adsbOnlyMinimumSeconds, d.adsbOnlyMinimumSeconds)
        maximumSpeedMetresPerSecond = try value(.maximumSpeedMetresPerSecond, d.maximumSpeedMetresPerSecond)
        maximumVerticalRateMetresPerSecond = try value(
            .maximumVerticalRateMetresPerSecond,
            d.maximumVerticalRateMetresPerSecond
        )
        implausibleClearCycles = max(1, try value(.implausibleClearCycles, d.implausibleClearCycles))
    }
}

/// ADS-B integrity checks feasible on system tracks plus the tracker's consistency samples:
/// - **inconsistency**: ADS-B position vs the radar position of the same address (``ADSBRadarConsistency``),
///   beyond what NACp and the radar accuracy allow, in ≥ `confirmationSamples` consecutive samples;
/// - **ADS-B only**: a track updated by ADS-B alone (`sources == [.adsb]`) inside a volume of good radar coverage
///   for `adsbOnlyMinimumSeconds`: a real aircraft there would be seen by radar;
/// - **implausible**: a track with ADS-B whose reported or implied speed or vertical rate between cycles is
///   beyond what aircraft do (a position jump, a teleport).
public struct ADSBIntegrityMonitor: Sendable {
    /// The parameters.
    public let configuration: ADSBIntegrityConfiguration
    private var consistency: [ICAOAddress: Flag] = [:]
    private var adsbOnly: [UInt32: Flag] = [:]
    private var implausible: [UInt32: Flag] = [:]
    private var previous: [UInt32: (time: Double, lat: Double, lon: Double, altitude: Double?)] = [:]

    private struct Flag: Sendable {
        var machine: AlertStateMachine
        var alertID = 0
        var since = 0.0
        var detail = ""
        var track: UInt32 = 0
    }

    /// A monitor.
    public init(configuration: ADSBIntegrityConfiguration = ADSBIntegrityConfiguration()) {
        self.configuration = configuration
    }

    /// Whether a sample's offset exceeds its bound `EPU(NACp) + k·σradar + margin` (`false` for NACp 0).
    public func isInconsistent(_ sample: ADSBRadarConsistency) -> Bool {
        guard let epu = ADSBRadarConsistency.estimatedPositionUncertaintyMetres(nacp: sample.nacp) else {
            return false
        }
        let bound =
            epu + configuration.radarSigmaFactor * sample.radarSigmaMetres
            + configuration.consistencyMarginMetres
        return sample.offsetMetres > bound
    }

    /// Processes the consistency samples of a cycle (in time order).
    public mutating func process(
        consistency samples: [ADSBRadarConsistency],
        nextAlertID: inout Int
    ) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for sample in samples {
            let bad = isInconsistent(sample)
            var f =
                consistency[sample.address]
                ?? Flag(
                    machine: AlertStateMachine(
                        confirmationCycles: configuration.confirmationSamples,
                        clearCycles: configuration.clearSamples,
                        updateIntervalSeconds: 30
                    )
                )
            guard bad || f.machine.state != .idle else { continue }
            let action = f.machine.observe(hazard: bad, time: sample.time)
            if action == .raise {
                f.alertID = nextAlertID
                nextAlertID += 1
            }
            f.track = sample.trackNumber
            if bad { f.detail = "ADS-B \(Int(sample.offsetMetres.rounded())) m from radar (NACp \(sample.nacp))" }
            emit(action, kind: .adsbInconsistency, flag: f, time: sample.time, into: &events)
            consistency[sample.address] = f.machine.state == .idle ? nil : f
        }
        return events
    }

    /// Processes one picture: the ADS-B-only and implausibility checks.
    public mutating func process(_ picture: TrackPicture, nextAlertID: inout Int) -> [AlertEvent] {
        var events: [AlertEvent] = []
        let c = configuration
        var onlyNow: [UInt32: String] = [:]
        var implausibleNow: [UInt32: String] = [:]
        var present = Set<UInt32>()
        for t in picture.tracks where t.status == .confirmed || t.status == .coasting {
            guard t.sources.contains(.adsb) else { continue }  // every check concerns tracks with ADS-B
            present.insert(t.number)
            if t.sources == [.adsb], let v = c.coverageVolumes.first(where: { $0.contains(t) }) {
                onlyNow[t.number] = "ADS-B only inside radar coverage \(v.name)"
            }
            let speed = t.groundSpeedMetresPerSecond
            let lat = t.position.latitudeDegrees
            let lon = t.position.longitudeDegrees
            let altitude = t.altitudeFeetForAlerts.map { $0 * metresPerFoot }
            if speed > c.maximumSpeedMetresPerSecond {
                implausibleNow[t.number] = "reported speed \(Int(speed)) m/s"
            } else if let p = previous[t.number], t.time - p.time > 0 {
                let dt = t.time - p.time
                let jump = ADSBRadarConsistency(
                    time: t.time,
                    address: ICAOAddress(0),
                    trackNumber: t.number,
                    adsbPosition: GeoPoint(latitudeDegrees: lat, longitudeDegrees: lon),
                    radarPosition: GeoPoint(latitudeDegrees: p.lat, longitudeDegrees: p.lon),
                    nacp: 0,
                    radarSigmaMetres: 0
                ).offsetMetres
                if jump / dt > c.maximumSpeedMetresPerSecond {
                    implausibleNow[t.number] = "jump of \(Int(jump)) m in \(dt) s"
                } else if let a = altitude, let b = p.altitude, abs(a - b) / dt > c.maximumVerticalRateMetresPerSecond {
                    implausibleNow[t.number] = "altitude jump of \(Int(abs(a - b))) m in \(dt) s"
                }
            }
            previous[t.number] = (t.time, lat, lon, altitude)
        }
        for gone in previous.keys where !present.contains(gone) { previous[gone] = nil }
        update(
            &adsbOnly,
            hazards: onlyNow,
            present: present,
            kind: .adsbOnly,
            time: picture.time,
            minimumSeconds: c.adsbOnlyMinimumSeconds,
            clearCycles: 2,
            nextAlertID: &nextAlertID,
            into: &events
        )
        update(
            &implausible,
            hazards: implausibleNow,
            present: present,
            kind: .adsbImplausible,
            time: picture.time,
            minimumSeconds: 0,
            clearCycles: c.implausibleClearCycles,
            nextAlertID: &nextAlertID,
            into: &events
        )
        return events
    }

    private func update(
        _ flags: inout [UInt32: Flag],
        hazards: [UInt32: String],
        present: Set<UInt32>,
        kind: AlertKind,
        time: Double,
        minimumSeconds: Double,
        clearCycles: Int,
        nextAlertID: inout Int,
        into events: inout [AlertEvent]
    ) {
        for (track, detail) in hazards {
            var f =
                flags[track]
                ?? Flag(
                    machine: AlertStateMachine(
                        confirmationCycles: 1,
                        clearCycles: clearCycles,
                        updateIntervalSeconds: 60
                    ),
                    since: time
                )
            f.track = track
            f.detail = detail
            // Hold off until the condition has lasted `minimumSeconds` (ADS-B only: radar needs time to see it).
            if time - f.since >= minimumSeconds {
                let action = f.machine.observe(hazard: true, time: time)
                if action == .raise {
                    f.alertID = nextAlertID
                    nextAlertID += 1
                }
                emit(action, kind: kind, flag: f, time: time, into: &events)
            }
            flags[track] = f
        }
        for (track, var f) in flags where hazards[track] == nil {
            let action =
                present.contains(track) ? f.machine.observe(hazard: false, time: time) : f.machine.terminate()
            emit(action, kind: kind, flag: f, time: time, into: &events)
            flags[track] = f.machine.state == .idle ? nil : f
        }
    }

    private func emit(
        _ action: AlertStateMachine.Action,
        kind: AlertKind,
        flag: Flag,
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
        events.append(
            AlertEvent(
                alertID: flag.alertID,
                phase: phase,
                kind: kind,
                time: time,
                tracks: [flag.track],
                message: "track \(flag.track): \(flag.detail)"
            )
        )
    }
}
