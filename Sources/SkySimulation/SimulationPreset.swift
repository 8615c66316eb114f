import RealModule
public import SkyGeodesy
import SkyModel

/// The built-in scenarios of `skywatch simulate --preset`.
public enum SimulationPreset: String, Sendable, CaseIterable {
    /// Busy terminal area: approach and en-route Mode S radars, arrivals (some holding), departures, light
    /// aircraft, helicopters and drones near the field.
    case airport
    /// Four radars over 400 km with 1,500 aircraft en route.
    case enroute
    /// One long-range radar seeing to 450 km; mixed traffic including Mach 2–4 objects and drones.
    case border
    /// 20,000 simultaneous targets and four radars (throughput test).
    case stress
    /// `airport` with the en-route Mode S radar 2 biased (``biasedRadars``).
    case airportBiased = "airport-biased"
    /// `enroute` with radars 2 (SSR) and 3 (Mode S) biased (``biasedRadars``), for sensor registration.
    case enrouteBiased = "enroute-biased"
    /// `border` with its radar biased (``biasedRadars``), for sensor registration against ADS-B.
    case borderBiased = "border-biased"

    /// Default scenario epoch: 2026-01-15T12:00:00Z.
    public static let defaultEpoch = 1_768_478_400

    /// The configuration of this preset for `seed`, `durationSeconds` and `epochUnixSeconds`.
    public func configuration(
        seed: UInt64,
        durationSeconds: Int,
        epochUnixSeconds: Int = defaultEpoch
    )
        -> SimulationConfiguration
    {
        var factory = TrafficFactory(seed: seed)
        let built: (GeodeticPosition, [RadarConfiguration], [TargetSpecification]) =
            switch self {
            case .airport, .airportBiased: Self.airport(&factory, duration: durationSeconds)
            case .enroute, .enrouteBiased: Self.enroute(&factory)
            case .border, .borderBiased: Self.border(&factory)
            case .stress: Self.stress(&factory)
            }
        var radars = built.1
        for i in radars.indices {
            radars[i].azimuthAtEpoch = factory.random.uniform(0, 2 * .pi)
            // MTI: echoes slower than 2.5 m/s (≈ 5 kt) radially are cancelled with the clutter.
            radars[i].mtiBlindSpeed = 2.5
            // The biases are applied after every random draw of the scene, so a biased preset has the unbiased
            // preset's traffic, antenna phases and noise, draw for draw: only the systematic errors differ.
            if let b = biasedRadars[radars[i].radarID] {
                radars[i].rangeBiasMetres = b.rangeBiasMetres
                radars[i].rangeGainPPM = b.rangeGainPPM
                radars[i].azimuthBias = Self.degrees(b.azimuthBiasDegrees)
                radars[i].timeBiasSeconds = b.timeBiasSeconds
            }
        }
        // One 1090ES ground station at each radar site (250 NM, 95 % decoding in coverage).
        let receivers = radars.map { ADSBReceiverConfiguration(site: $0.site) }
        return SimulationConfiguration(
            name: rawValue,
            epochUnixSeconds: epochUnixSeconds,
            durationSeconds: durationSeconds,
            reference: built.0,
            seed: seed,
            radars: radars,
            targets: built.2,
            adsbReceivers: receivers
        )
    }

    /// The systematic errors of a biased preset's radars, by radar id (empty for the unbiased presets). The first
    /// biased radar of each preset has the biases of issue 18's example (180 m, 500 ppm, 0.12°, 0.3 s); the second
    /// radar of `enroute-biased` has smaller ones of the opposite sign.
    public var biasedRadars:
        [Int: (
            rangeBiasMetres: Double, rangeGainPPM: Double, azimuthBiasDegrees: Double,
            timeBiasSeconds: Double
        )]
    {
        let example = (rangeBiasMetres: 180.0, rangeGainPPM: 500.0, azimuthBiasDegrees: 0.12, timeBiasSeconds: 0.3)
        return switch self {
        case .airport, .enroute, .border, .stress: [:]
        case .airportBiased: [2: example]
        case .enrouteBiased:
            [
                2: example,
                3: (rangeBiasMetres: -120, rangeGainPPM: -300, azimuthBiasDegrees: -0.08, timeBiasSeconds: -0.2),
            ]
        case .borderBiased: [1: example]
        }
    }

    static let nm = 1852.0
    static let ft = 0.3048
    static func degrees(_ d: Double) -> Double { d * .pi / 180 }

    static func approachRadar(id: Int, site: GeodeticPosition) -> RadarConfiguration {
        RadarConfiguration(
            radarID: id,
            name: "APP \(id)",
            site: site,
            kind: .modeS,
            rotationPeriodSeconds: 4,
            rangeSigmaMetres: 30,
            azimuthSigma: degrees(0.07),
            minRangeMetres: 0.5 * nm,
            maxRangeMetres: 80 * nm,
            primary: PrimaryDetectionModel(referenceRangeMetres: 60 * nm, referenceDetectionProbability: 0.9),
            falsePlotsPerScan: 10
        )
    }

    static func enrouteRadar(
        id: Int,
        site: GeodeticPosition,
        kind: SensorKind,
        maxRangeNM: Double = 250
    )
        -> RadarConfiguration
    {
        RadarConfiguration(
            radarID: id,
            name: "ENR \(id)",
            site: site,
            kind: kind,
            rotationPeriodSeconds: kind == .modeS ? 8 : 10,
            rangeSigmaMetres: kind == .modeS ? 40 : 70,
            azimuthSigma: degrees(kind == .modeS ? 0.06 : 0.1),
            minRangeMetres: 0.5 * nm,
            maxRangeMetres: maxRangeNM * nm,
            primary: PrimaryDetectionModel(referenceRangeMetres: 120 * nm, referenceDetectionProbability: 0.8),
            falsePlotsPerScan: 15
        )
    }

    /// An airliner cruising through the area on a two- or three-leg great-circle route, already under way.
    public static func cruiser(
        _ f: inout TrafficFactory,
        centre: GeodeticPosition,
        radius: Double,
        climbers: Double
    )
        -> TargetSpecification
    {
        let start = f.point(within: radius, of: centre, height: 0)
        var heading = f.random.uniform(0, 2 * .pi)
        let level = (250 + 10 * Double(f.random.index(below: 16))) * 100 * ft
        let speed = f.random.uniform(200, 250)
        var height = level
        if f.random.bernoulli(climbers) { height = f.random.uniform(3_000, level - 1_000) }
        var waypoints: [Waypoint] = []
        var p = start
        for _ in 0..<3 {
            heading += f.random.uniform(-0.6, 0.6)
            p = TrafficFactory.point(
                from: p,
                bearing: heading,
                distance: f.random.uniform(80_000, 250_000),
                height: level
            )
            waypoints.append(Waypoint(position: p, speed: speed))
        }
        let first = EllipsoidKinematics.bearingAndDistance(from: start, to: waypoints[0].position).bearing
        var s = start
        s.heightMetres = height
        return f.target(
            category: .airliner,
            position: s,
            heading: first,
            speed: speed,
            motion: .flightPlan(FlightPlan(waypoints: waypoints, continuesAfterLastWaypoint: true), .airliner)
        )
    }

    /// A drone flying erratically within `radius` of a point near `centre`.
    public static func drone(
        _ f: inout TrafficFactory,
        near centre: GeodeticPosition,
        within: Double
    )
        -> TargetSpecification
    {
        let home = f.point(within: within, of: centre, height: 0)
        let area = f.random.uniform(300, 1_500)
        let height = f.random.uniform(40, 120) + centre.heightMetres
        let p = f.point(within: area, of: home, height: height)
        return f.target(
            category: .drone,
            position: p,
            heading: f.random.uniform(0, 2 * .pi),
            speed: 8,
            motion: .erratic(
                ErraticMotion(
                    centre: home,
                    radiusMetres: area,
                    meanSpeed: f.random.uniform(5, 15),
                    meanHeightMetres: height,
                    heightSigmaMetres: 15,
                    meanTimeBetweenManoeuvres: f.random.uniform(10, 40)
                )
            )
        )
    }

    /// A light aircraft or helicopter on a local tour of 3–5 legs.
    public static func local(
        _ f: inout TrafficFactory,
        category: TargetCategory,
        centre: GeodeticPosition,
        radius: Double
    )
        -> TargetSpecification
    {
        let helicopter = category == .helicopter
        let height = helicopter ? f.random.uniform(150, 600) : f.random.uniform(450, 1_500)
        let speed = helicopter ? f.random.uniform(30, 70) : f.random.uniform(45, 75)
        let start = f.point(within: radius, of: centre, height: height)
        var waypoints: [Waypoint] = []
        for _ in 0..<(3 + f.random.index(below: 3)) {
            waypoints.append(Waypoint(position: f.point(within: radius, of: centre, height: height), speed: speed))
        }
        let course = EllipsoidKinematics.bearingAndDistance(from: start, to: waypoints[0].position).bearing
        return f.target(
            category: category,
            position: start,
            heading: course,
            speed: speed,
            motion: .flightPlan(
                FlightPlan(waypoints: waypoints, continuesAfterLastWaypoint: true),
                helicopter ? .helicopter : .generalAviation
            )
        )
    }

    /// A Mach 2–4 object at 15–20 km, straight or gently curving (up to 0.3°/s).
    public static func fastObject(
        _ f: inout TrafficFactory,
        centre: GeodeticPosition,
        radius: Double
    )
        -> TargetSpecification
    {
        let mach = f.random.uniform(2, 4)
        let speed = mach * SteadyMotion.stratosphereSpeedOfSound
        let p = f.point(within: radius, of: centre, height: f.random.uniform(15_000, 20_000))
        let turn = f.random.bernoulli(0.5) ? 0 : degrees(f.random.uniform(-0.3, 0.3))
        return f.target(
            category: .fastObject,
            position: p,
            heading: f.random.uniform(0, 2 * .pi),
            speed: speed,
            motion: .steady(SteadyMotion(speed: speed, turnRate: turn))
        )
    }
}
