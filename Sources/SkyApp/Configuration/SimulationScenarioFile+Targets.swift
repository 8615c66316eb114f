import Foundation
import SkyGeodesy
import SkyModel
import SkyScenario
import SkySimulation

extension SimulationScenarioFile {
    /// One explicit aircraft of the file.
    func aircraft(
        _ a: Aircraft,
        index i: Int,
        factory f: inout TrafficFactory,
        fail: (String) -> SimulationOutputError
    )
        throws -> TargetSpecification
    {
        let category =
            try a.category.map {
                guard let c = TargetCategory(name: $0) else {
                    throw fail("traffic.aircraft[\(i)].category '\($0)' unknown")
                }
                return c
            } ?? .airliner
        guard !a.waypoints.isEmpty, a.speedMps > 0, a.waypoints.allSatisfy({ $0.speedMps > 0 }) else {
            throw fail("traffic.aircraft[\(i)]: needs waypoints and positive speeds")
        }
        var identity = f.identity(category: category)
        switch a.transponder {
        case nil: break
        case "none": identity.transponder = .none
        case "mode_ac": identity.transponder = .modeAC
        case "mode_s": identity.transponder = .modeS
        case let other?: throw fail("traffic.aircraft[\(i)].transponder '\(other)' (none, mode_ac, mode_s)")
        }
        if let m = a.modeA {
            guard let code = Mode3ACode(octal: m) else {
                throw fail("traffic.aircraft[\(i)].mode_a '\(m)' not 4 octal digits")
            }
            identity.modeA = code
        }
        if let h = a.icao24 {
            guard let address = ICAOAddress(hex: h) else {
                throw fail("traffic.aircraft[\(i)].icao24 '\(h)' not 6 hex digits")
            }
            identity.address = address
        }
        if identity.transponder == .modeS && identity.address == nil {
            identity.address = ICAOAddress(f.addressBase &+ UInt32(identity.truthID))
        }
        if identity.transponder != .modeS { identity.address = nil }
        if identity.transponder == .none { identity.modeA = nil }
        if let c = a.callsign { identity.callsign = Callsign(c) }
        if let rcs = a.rcsM2 { identity.radarCrossSectionSquareMetres = rcs }
        let adsb = a.adsb.map {
            ADSBEquipage(
                version: min(2, max(0, $0.version ?? 2)),
                nacp: min(11, max(0, $0.nacp ?? 9)),
                nacv: min(4, max(0, $0.nacv ?? 1)),
                nic: min(11, max(0, $0.nic ?? 8)),
                accuracyFraction: $0.accuracyFraction ?? 0.5
            )
        }
        let waypoints = a.waypoints.map { w in
            Waypoint(
                position: GeodeticPosition(latitudeDegrees: w.lat, longitudeDegrees: w.lon, heightMetres: w.altM),
                speed: w.speedMps,
                hold: w.hold.map {
                    HoldingPattern(
                        inboundCourse: $0.inboundCourseDeg * .pi / 180,
                        outboundLegSeconds: $0.legS ?? 60,
                        rightTurns: $0.right ?? true,
                        laps: max(1, $0.laps ?? 1)
                    )
                }
            )
        }
        let start = a.position.geodetic
        let heading =
            a.headingDeg.map { $0 * .pi / 180 }
            ?? TrafficFactory.bearing(from: start, to: waypoints[0].position)
        let performance: VehiclePerformance =
            switch category {
            case .airliner: .airliner
            case .helicopter: .helicopter
            case .fastObject: .fastObject
            default: .generalAviation
            }
        return TargetSpecification(
            identity: identity,
            adsb: identity.transponder == .modeS ? adsb : nil,
            startTime: a.startS ?? 0,
            initialPosition: start,
            initialHeading: heading,
            initialSpeed: a.speedMps,
            motion: .flightPlan(
                FlightPlan(waypoints: waypoints, continuesAfterLastWaypoint: a.continueAfterLast ?? false),
                performance
            )
        )
    }

    /// Recorded trajectories from a `truth.csv` (SCHEMA format), one target per `truth_id`, replayed with
    /// Hermite interpolation; codes from the file (Mode S when `icao24` is given, else Mode A/C).
    static func replay(path: String, factory f: inout TrafficFactory) throws -> [TargetSpecification] {
        let rows = try TruthRow.load(path: path)
        var byID: [Int: [TruthRow]] = [:]
        for r in rows { byID[r.truthID, default: []].append(r) }
        var out: [TargetSpecification] = []
        for id in byID.keys.sorted() {
            let samples = byID[id]!.sorted { $0.time < $1.time }
            var states: [TargetState] = []
            for r in samples where states.last.map({ Double(r.time) > $0.time }) ?? true {
                states.append(
                    TargetState(
                        time: Double(r.time),
                        position: GeodeticPosition(
                            latitudeDegrees: r.latitudeDegrees,
                            longitudeDegrees: r.longitudeDegrees,
                            heightMetres: r.altitudeMetres
                        ),
                        velocity: ENUVector(east: r.vx, north: r.vy, up: r.vz)
                    )
                )
            }
            let first = samples[0]
            let transponder: TransponderEquipage = first.icao24 != nil ? .modeS : first.modeA != nil ? .modeAC : .none
            let identity = TargetIdentity(
                truthID: f.takeTruthID(),
                category: .airliner,
                transponder: transponder,
                modeA: first.modeA,
                address: first.icao24,
                radarCrossSectionSquareMetres: 20
            )
            out.append(
                TargetSpecification(
                    identity: identity,
                    adsb: transponder == .modeS ? ADSBEquipage() : nil,
                    startTime: Int(states[0].time),
                    initialPosition: states[0].position,
                    initialHeading: states[0].course,
                    initialSpeed: states[0].groundSpeed,
                    motion: .recorded(RecordedTrajectory(samples: states))
                )
            )
        }
        return out
    }
}
