import Foundation
import SkyGeodesy
import SkyModel
import SkyScenario
public import SkySimulation

extension SimulationScenarioFile {
    /// Builds the simulation configuration. Command-line values (`seed`, `duration`) override the file's.
    /// - Throws: `SimulationOutputError` for values out of range (naming the entry) or an unreadable replay file.
    public func configuration(
        seed cliSeed: UInt64?,
        durationSeconds cliDuration: Int?,
        file: String
    ) throws
        -> SimulationConfiguration
    {
        func fail(_ message: String) -> SimulationOutputError { SimulationOutputError(message: "\(file): \(message)") }
        let seed = cliSeed ?? self.seed ?? 1
        let duration = cliDuration ?? durationS ?? 600
        let epoch = epochUnixS ?? SimulationPreset.defaultEpoch
        var base: SimulationConfiguration
        if let name = preset {
            guard let p = SimulationPreset(rawValue: name) else { throw fail("unknown preset '\(name)'") }
            base = p.configuration(seed: seed, durationSeconds: duration, epochUnixSeconds: epoch)
        } else {
            base = SimulationConfiguration(
                name: name ?? "custom",
                epochUnixSeconds: epoch,
                durationSeconds: duration,
                reference: reference?.geodetic ?? GeodeticPosition(latitude: 0, longitude: 0),
                seed: seed,
                radars: [],
                targets: []
            )
        }
        if let n = name { base.name = n }
        if let r = reference { base.reference = r.geodetic }
        var setupRandom = SimulationRandom(seed: seed, stream: 0x6669_6c65)
        for (i, r) in (radars ?? []).enumerated() {
            guard (1...255).contains(r.radarId) else { throw fail("radars[\(i)].radar_id must be 1…255") }
            guard r.rotationPeriodS > 0, r.maxRangeM > (r.minRangeM ?? 926), r.sigmaRangeM >= 0, r.sigmaAzimuthDeg >= 0
            else { throw fail("radars[\(i)]: needs rotation_period_s > 0, max_range_m > min_range_m, sigmas ≥ 0") }
            let kind: SensorKind
            switch r.kind ?? "mode_s" {
            case "psr": kind = .psr
            case "ssr": kind = .ssr
            case "mode_s", "modeS": kind = .modeS
            default: throw fail("radars[\(i)].kind must be psr, ssr or mode_s")
            }
            let pd = r.psrReferencePd ?? 0.8
            let pfa = r.psrPfa ?? 1e-6
            guard pd > pfa, pd < 1 else { throw fail("radars[\(i)].psr_reference_pd must be in (pfa, 1)") }
            let rad = Double.pi / 180
            base.radars.removeAll { $0.radarID == r.radarId }
            base.radars.append(
                RadarConfiguration(
                    radarID: r.radarId,
                    systemAreaCode: r.sac ?? 0,
                    name: r.name ?? "radar \(r.radarId)",
                    site: GeodeticPosition(latitudeDegrees: r.lat, longitudeDegrees: r.lon, heightMetres: r.altM),
                    kind: kind,
                    hasPrimary: r.hasPrimary ?? true,
                    rotationPeriodSeconds: r.rotationPeriodS,
                    azimuthAtEpoch: (r.azimuthAtT0Deg ?? setupRandom.uniform(0, 360)) * rad,
                    rangeSigmaMetres: r.sigmaRangeM,
                    azimuthSigma: r.sigmaAzimuthDeg * rad,
                    rangeBiasMetres: r.rangeBiasM ?? 0,
                    azimuthBias: (r.azimuthBiasDeg ?? 0) * rad,
                    timeBiasSeconds: r.timeBiasS ?? 0,
                    minRangeMetres: r.minRangeM ?? 926,
                    maxRangeMetres: r.maxRangeM,
                    coneOfSilenceElevation: (r.coneOfSilenceDeg ?? 40) * rad,
                    primary: PrimaryDetectionModel(
                        referenceRangeMetres: r.psrReferenceRangeM ?? r.maxRangeM / 2,
                        referenceDetectionProbability: pd,
                        referenceCrossSectionSquareMetres: r.psrReferenceRcsM2 ?? 1,
                        falseAlarmProbability: pfa
                    ),
                    secondaryReplyProbability: r.ssrReplyProbability ?? 0.97,
                    falsePlotsPerScan: r.falsePlotsPerScan ?? 10,
                    modeCQuantumFeet: r.modeCQuantumFt,
                    sectorCount: r.sectors ?? 16
                )
            )
            base.radars[base.radars.count - 1].mtiBlindSpeed = r.mtiBlindSpeedMps ?? 0
            base.radars[base.radars.count - 1].rangeGainPPM = r.rangeGainPpm ?? 0
        }
        if let receivers = adsbReceivers {
            base.adsbReceivers = try receivers.enumerated().map { i, r in
                let p = r.receptionProbability ?? 0.95
                guard (0...1).contains(p), (r.maxRangeM ?? 463_000) > 0 else {
                    throw fail("adsb_receivers[\(i)]: reception_probability in 0…1 and max_range_m > 0")
                }
                return ADSBReceiverConfiguration(
                    site: GeodeticPosition(latitudeDegrees: r.lat, longitudeDegrees: r.lon, heightMetres: r.altM),
                    maxRangeMetres: r.maxRangeM ?? 463_000,
                    receptionProbability: p
                )
            }
        } else if preset == nil {
            base.adsbReceivers = base.radars.map { ADSBReceiverConfiguration(site: $0.site) }
        }
        guard !base.radars.isEmpty else { throw fail("no radars: give 'radars' or a 'preset'") }
        if let receivers = adsbReceivers {
            base.adsbReceivers = try receivers.enumerated().map { i, r in
                let p = r.receptionProbability ?? 0.95
                guard (0...1).contains(p), (r.maxRangeM ?? 463_000) > 0 else {
                    throw fail("adsb_receivers[\(i)]: reception_probability in 0…1 and max_range_m > 0")
                }
                return ADSBReceiverConfiguration(
                    site: GeodeticPosition(latitudeDegrees: r.lat, longitudeDegrees: r.lon, heightMetres: r.altM),
                    maxRangeMetres: r.maxRangeM ?? 463_000,
                    receptionProbability: p
                )
            }
        } else if preset == nil {
            // Default: a 1090ES station at every radar site, as in the presets.
            base.adsbReceivers = base.radars.map { ADSBReceiverConfiguration(site: $0.site) }
        }
        var factory = TrafficFactory(seed: seed ^ 0x5CE7_A210)
        // Continue truth identifiers after the preset's traffic.
        for _ in 0..<base.targets.count { _ = factory.takeTruthID() }
        try addTraffic(to: &base, factory: &factory, file: file, fail: fail)
        return base
    }

    func addTraffic(
        to base: inout SimulationConfiguration,
        factory f: inout TrafficFactory,
        file: String,
        fail: (String) -> SimulationOutputError
    ) throws {
        guard let traffic else { return }
        for (i, g) in (traffic.random ?? []).enumerated() {
            guard let category = TargetCategory(name: g.category) else {
                throw fail("traffic.random[\(i)].category must be one of \(TargetCategory.allCases.map(\.name))")
            }
            let centre = g.centre.geodetic
            for _ in 0..<max(0, g.count) {
                switch category {
                case .airliner:
                    base.targets.append(SimulationPreset.cruiser(&f, centre: centre, radius: g.radiusM, climbers: 0.2))
                case .generalAviation, .helicopter:
                    base.targets.append(
                        SimulationPreset.local(&f, category: category, centre: centre, radius: g.radiusM)
                    )
                case .drone: base.targets.append(SimulationPreset.drone(&f, near: centre, within: g.radiusM))
                case .fastObject:
                    base.targets.append(SimulationPreset.fastObject(&f, centre: centre, radius: g.radiusM))
                }
            }
        }
        for (i, a) in (traffic.aircraft ?? []).enumerated() {
            base.targets.append(try aircraft(a, index: i, factory: &f, fail: fail))
        }
        for d in traffic.drones ?? [] {
            let centre = d.centre.geodetic
            let height = d.heightM ?? 80
            var spec = f.target(
                category: .drone,
                start: d.startS ?? 0,
                position: GeodeticPosition(
                    latitude: centre.latitude,
                    longitude: centre.longitude,
                    heightMetres: height
                ),
                heading: 0,
                speed: d.speedMps ?? 10,
                motion: .erratic(
                    ErraticMotion(
                        centre: centre,
                        radiusMetres: d.radiusM ?? 800,
                        meanSpeed: d.speedMps ?? 10,
                        meanHeightMetres: height
                    )
                )
            )
            spec.adsb = nil
            base.targets.append(spec)
        }
        for o in traffic.fastObjects ?? [] {
            let speed = o.mach * SteadyMotion.stratosphereSpeedOfSound
            base.targets.append(
                f.target(
                    category: .fastObject,
                    start: o.startS ?? 0,
                    position: o.position.geodetic,
                    heading: o.headingDeg * .pi / 180,
                    speed: speed,
                    motion: .steady(SteadyMotion(speed: speed, turnRate: (o.turnRateDegS ?? 0) * .pi / 180))
                )
            )
        }
        if let path = traffic.replayTruth {
            // "builtin" = the embedded real-flight scenario's truth; relative paths are taken from the scenario
            // file's folder first, then the working directory.
            let folder = (file as NSString).deletingLastPathComponent
            let besideFile = (folder as NSString).appendingPathComponent(path)
            let resolved =
                path == "builtin"
                ? (Scenario.builtinDirectory ?? "builtin") + "/truth.csv"
                : !path.hasPrefix("/") && FileManager.default.fileExists(atPath: besideFile) ? besideFile : path
            base.targets.append(contentsOf: try Self.replay(path: resolved, factory: &f))
        }
    }
}
