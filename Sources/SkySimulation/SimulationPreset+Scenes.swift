import RealModule
import SkyGeodesy
import SkyModel

extension SimulationPreset {
    /// Terminal area around a single-runway airport (runway 06/24 at 48.7233 N, 2.3794 E, elevation 90 m).
    static func airport(
        _ f: inout TrafficFactory,
        duration: Int
    ) -> (
        GeodeticPosition, [RadarConfiguration], [TargetSpecification]
    ) {
        let field = GeodeticPosition(latitudeDegrees: 48.7233, longitudeDegrees: 2.3794, heightMetres: 90)
        var appSite = field
        appSite.heightMetres = 120
        let enrSite = GeodeticPosition(latitudeDegrees: 49.30, longitudeDegrees: 1.95, heightMetres: 180)
        let radars = [approachRadar(id: 1, site: appSite), enrouteRadar(id: 2, site: enrSite, kind: .modeS)]
        let runway = degrees(62)  // landing direction (runway 06)
        let threshold = TrafficFactory.point(from: field, bearing: runway + .pi, distance: 1_500, height: 105)
        let faf = TrafficFactory.point(
            from: threshold,
            bearing: runway + .pi,
            distance: 10_000,
            height: 90 + 3_000 * ft
        )
        let iaf = TrafficFactory.point(
            from: threshold,
            bearing: runway + .pi,
            distance: 25_000,
            height: 90 + 5_000 * ft
        )
        var targets: [TargetSpecification] = []
        // Arrivals from four entry fixes, one every ~75 s on average, the flow already established at t = 0.
        let arrivals = Swift.max(4, (duration + 1_500) / 75)
        for _ in 0..<arrivals {
            let entryBearing = degrees(Double(45 + 90 * f.random.index(below: 4))) + f.random.uniform(-0.2, 0.2)
            let entry = TrafficFactory.point(
                from: field,
                bearing: entryBearing,
                distance: f.random.uniform(90_000, 110_000),
                height: (100 + 10 * Double(f.random.index(below: 6))) * 100 * ft
            )
            let fix = TrafficFactory.point(from: field, bearing: entryBearing, distance: 45_000, height: 8_000 * ft)
            let hold: HoldingPattern? =
                f.random.bernoulli(0.25)
                ? HoldingPattern(inboundCourse: entryBearing + .pi, laps: 1 + f.random.index(below: 2)) : nil
            let plan = FlightPlan(waypoints: [
                Waypoint(position: fix, speed: 150, hold: hold), Waypoint(position: iaf, speed: 110),
                Waypoint(position: faf, speed: 80), Waypoint(position: threshold, speed: 72),
            ])
            let start = -f.random.index(below: 1_500) + f.random.index(below: duration + 1)
            let heading = EllipsoidKinematics.bearingAndDistance(from: entry, to: fix).bearing
            targets.append(
                f.target(
                    category: .airliner,
                    start: start,
                    position: entry,
                    heading: heading,
                    speed: 200,
                    motion: .flightPlan(plan, .airliner)
                )
            )
        }
        // Departures off runway 06 at ~1 per 90 s, climbing to FL100–FL200 and leaving at 90 km.
        for _ in 0..<Swift.max(3, (duration + 600) / 90) {
            let liftOff = TrafficFactory.point(from: field, bearing: runway, distance: 1_000, height: 140)
            let exitBearing = f.random.uniform(0, 2 * .pi)
            let turn = TrafficFactory.point(from: field, bearing: runway, distance: 12_000, height: 1_500)
            let exit = TrafficFactory.point(
                from: field,
                bearing: exitBearing,
                distance: 90_000,
                height: (100 + 10 * Double(f.random.index(below: 11))) * 100 * ft
            )
            let start = -f.random.index(below: 600) + f.random.index(below: duration + 1)
            targets.append(
                f.target(
                    category: .airliner,
                    start: start,
                    position: liftOff,
                    heading: runway,
                    speed: 80,
                    motion: .flightPlan(
                        FlightPlan(waypoints: [
                            Waypoint(position: turn, speed: 130), Waypoint(position: exit, speed: 220),
                        ]),
                        .airliner
                    )
                )
            )
        }
        for _ in 0..<8 { targets.append(local(&f, category: .generalAviation, centre: field, radius: 40_000)) }
        for _ in 0..<4 { targets.append(local(&f, category: .helicopter, centre: field, radius: 25_000)) }
        for _ in 0..<10 { targets.append(drone(&f, near: field, within: 5_000)) }
        return (field, radars, targets)
    }

    /// Four radars at the corners of a 260 km square around 47.0 N, 2.5 E; 1,500 airliners en route.
    static func enroute(_ f: inout TrafficFactory) -> (GeodeticPosition, [RadarConfiguration], [TargetSpecification]) {
        let centre = GeodeticPosition(latitudeDegrees: 47.0, longitudeDegrees: 2.5)
        var radars: [RadarConfiguration] = []
        for (k, bearing) in [45.0, 135, 225, 315].enumerated() {
            let site = TrafficFactory.point(from: centre, bearing: degrees(bearing), distance: 184_000, height: 300)
            radars.append(enrouteRadar(id: k + 1, site: site, kind: k % 2 == 0 ? .modeS : .ssr))
        }
        var targets: [TargetSpecification] = []
        for _ in 0..<1_500 { targets.append(cruiser(&f, centre: centre, radius: 200_000, climbers: 0.2)) }
        return (centre, radars, targets)
    }

    /// One long-range Mode S radar with primary (antenna 800 m, 475 km) and mixed traffic within 450 km,
    /// including fast objects and drones.
    static func border(_ f: inout TrafficFactory) -> (GeodeticPosition, [RadarConfiguration], [TargetSpecification]) {
        let site = GeodeticPosition(latitudeDegrees: 47.5, longitudeDegrees: 7.0, heightMetres: 800)
        var radar = enrouteRadar(id: 1, site: site, kind: .modeS, maxRangeNM: 256)
        radar.name = "LRR border"
        radar.rotationPeriodSeconds = 10
        radar.primary = PrimaryDetectionModel(referenceRangeMetres: 200 * nm, referenceDetectionProbability: 0.8)
        var targets: [TargetSpecification] = []
        for _ in 0..<300 { targets.append(cruiser(&f, centre: site, radius: 450_000, climbers: 0.15)) }
        for _ in 0..<30 { targets.append(local(&f, category: .generalAviation, centre: site, radius: 150_000)) }
        for _ in 0..<10 { targets.append(local(&f, category: .helicopter, centre: site, radius: 100_000)) }
        for _ in 0..<15 { targets.append(drone(&f, near: site, within: 30_000)) }
        for _ in 0..<12 { targets.append(fastObject(&f, centre: site, radius: 350_000)) }
        return (site, [radar], targets)
    }

    /// 20,000 simultaneous targets over a 900 km × 900 km area seen by four 250 NM radars.
    static func stress(_ f: inout TrafficFactory) -> (GeodeticPosition, [RadarConfiguration], [TargetSpecification]) {
        let centre = GeodeticPosition(latitudeDegrees: 47.0, longitudeDegrees: 2.5)
        var radars: [RadarConfiguration] = []
        for (k, bearing) in [45.0, 135, 225, 315].enumerated() {
            let site = TrafficFactory.point(from: centre, bearing: degrees(bearing), distance: 200_000, height: 300)
            radars.append(enrouteRadar(id: k + 1, site: site, kind: k % 2 == 0 ? .modeS : .ssr))
        }
        var targets: [TargetSpecification] = []
        targets.reserveCapacity(20_000)
        for k in 0..<20_000 {
            switch k % 20 {
            case 0: targets.append(local(&f, category: .generalAviation, centre: centre, radius: 450_000))
            case 1: targets.append(local(&f, category: .helicopter, centre: centre, radius: 450_000))
            case 2: targets.append(drone(&f, near: centre, within: 400_000))
            case 3 where k % 100 == 3: targets.append(fastObject(&f, centre: centre, radius: 300_000))
            default: targets.append(cruiser(&f, centre: centre, radius: 450_000, climbers: 0.2))
            }
        }
        return (centre, radars, targets)
    }
}
