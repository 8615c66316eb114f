import RealModule
import SkyGeodesy
import SkyModel
import Testing

@testable import SkySimulation

struct TrafficTests {
    static let a = GeodeticPosition(latitudeDegrees: 45.0, longitudeDegrees: 0.0, heightMetres: 10_000)
    static let b = GeodeticPosition(latitudeDegrees: 48.0, longitudeDegrees: 4.0, heightMetres: 10_000)

    static func fly(
        _ plan: FlightPlan,
        from p: GeodeticPosition,
        heading: Double,
        speed: Double,
        seconds: Int
    )
        -> [TargetState]
    {
        let identity = TargetIdentity(
            truthID: 1,
            category: .airliner,
            transponder: .modeS,
            radarCrossSectionSquareMetres: 20
        )
        let spec = TargetSpecification(
            identity: identity,
            initialPosition: p,
            initialHeading: heading,
            initialSpeed: speed,
            motion: .flightPlan(plan, .airliner)
        )
        let frames = Fixture.run(Fixture.configuration(radars: [], targets: [spec], duration: seconds))
        return frames.compactMap { $0.truth.first?.state }
    }

    @Test("A leg flies the great circle (cross-track < 100 m over 440 km) and the target leaves at its end")
    func greatCircle() throws {
        let heading = EllipsoidKinematics.bearingAndDistance(from: Self.a, to: Self.b).bearing
        let states = Self.fly(
            FlightPlan(waypoints: [Waypoint(position: Self.b, speed: 230)]),
            from: Self.a,
            heading: heading,
            speed: 230,
            seconds: 2_500
        )
        // Normal of the plane through the earth's centre and both end points (geocentric great circle).
        let pa = GeodeticPosition(latitude: Self.a.latitude, longitude: Self.a.longitude).ecef.vector
        let pb = GeodeticPosition(latitude: Self.b.latitude, longitude: Self.b.longitude).ecef.vector
        var normal = SIMD3(pa.y * pb.z - pa.z * pb.y, pa.z * pb.x - pa.x * pb.z, pa.x * pb.y - pa.y * pb.x)
        normal /= (normal * normal).sum().squareRoot()
        var worst = 0.0
        for s in states {
            let p = GeodeticPosition(latitude: s.position.latitude, longitude: s.position.longitude).ecef.vector
            worst = max(worst, abs((p * normal).sum()))
        }
        #expect(worst < 100, "cross-track \(worst) m")
        #expect(states.count < 2_500 && states.count > 1_800, "leg flown in \(states.count) s")
        let last = try #require(states.last)
        #expect(EllipsoidKinematics.bearingAndDistance(from: last.position, to: Self.b).distance < 500)
    }

    @Test("Turns are coordinated: rate ≤ g·tan(25°)/V; climbs respect the climb rate and level off")
    func turnsAndClimbs() {
        let mid = TrafficFactory.point(from: Self.a, bearing: 0, distance: 60_000, height: 11_000)
        let end = TrafficFactory.point(from: mid, bearing: .pi / 2, distance: 80_000, height: 11_000)
        let states = Self.fly(
            FlightPlan(waypoints: [Waypoint(position: mid, speed: 220), Waypoint(position: end, speed: 220)]),
            from: Self.a,
            heading: 0,
            speed: 220,
            seconds: 800
        )
        let limit = 9.806_65 * Double.tan(25 * .pi / 180) / 220
        var maxRate = 0.0
        var maxClimb = 0.0
        for (s0, s1) in zip(states, states.dropFirst()) {
            maxRate = max(maxRate, abs(Angle2Test.difference(s1.course, s0.course)))
            maxClimb = max(maxClimb, s1.velocity.up)
        }
        #expect(maxRate <= limit * 1.001, "turn rate \(maxRate * 180 / .pi)°/s, limit \(limit * 180 / .pi)°/s")
        #expect(maxRate > limit * 0.9, "the 90° turn should use the bank limit")
        #expect(maxClimb <= 12.5 + 1e-9)
        #expect(abs(states.last!.position.heightMetres - 11_000) < 5)
        #expect(abs(Angle2Test.difference(states.last!.course, .pi / 2)) < 0.02)
    }

    @Test("A holding pattern adds its laps and returns to the route")
    func holding() {
        let fix = TrafficFactory.point(from: Self.a, bearing: 0, distance: 40_000, height: 3_000)
        let end = TrafficFactory.point(from: fix, bearing: 0, distance: 40_000, height: 3_000)
        func duration(_ hold: HoldingPattern?) -> Int {
            Self.fly(
                FlightPlan(waypoints: [
                    Waypoint(position: fix, speed: 120, hold: hold), Waypoint(position: end, speed: 120),
                ]),
                from: TrafficFactory.point(from: Self.a, bearing: 0, distance: 0, height: 3_000),
                heading: 0,
                speed: 120,
                seconds: 3_000
            ).count
        }
        let direct = duration(nil)
        let held = duration(HoldingPattern(inboundCourse: 0, outboundLegSeconds: 60, laps: 2))
        // One lap: two 180° rate-limited turns (≈ 60 s each at 3°/s) and two legs of ≈ 60 s: about 4 minutes.
        let perLap = Double(held - direct) / 2
        #expect(perLap > 200 && perLap < 320, "lap \(perLap) s (direct \(direct) s, held \(held) s)")
    }

    @Test("Drones stay slow, low and near their area; fast objects keep Mach 2–4 at altitude")
    func dronesAndFastObjects() {
        var factory = TrafficFactory(seed: 5)
        let centre = GeodeticPosition(latitudeDegrees: 48, longitudeDegrees: 2, heightMetres: 0)
        var specs: [TargetSpecification] = []
        for _ in 0..<20 { specs.append(SimulationPreset.drone(&factory, near: centre, within: 3_000)) }
        for _ in 0..<5 { specs.append(SimulationPreset.fastObject(&factory, centre: centre, radius: 100_000)) }
        let frames = Fixture.run(Fixture.configuration(radars: [], targets: specs, duration: 600))
        for f in frames {
            for s in f.truth {
                let spec = specs[s.targetIndex]
                if case .erratic(let m) = spec.motion {
                    #expect(s.state.groundSpeed <= 25)
                    #expect(s.state.position.heightMetres < 250)
                    let d = EllipsoidKinematics.bearingAndDistance(from: s.state.position, to: m.centre).distance
                    #expect(d < m.radiusMetres + 500)
                } else {
                    let mach = s.state.groundSpeed / SteadyMotion.stratosphereSpeedOfSound
                    #expect(mach >= 2 && mach <= 4)
                    #expect(s.state.position.heightMetres >= 15_000)
                }
            }
        }
        #expect(frames.last!.truth.count == 25)
    }

    @Test("Replay: Hermite interpolation of recorded samples reproduces a constant-velocity track within 1 m")
    func replay() throws {
        let frame = LocalTangentPlane(origin: Self.a)
        let v = ENUVector(east: 150, north: -80, up: 5)
        func truth(_ t: Double) -> TargetState {
            let p = frame.geodetic(of: ENUVector(east: v.east * t, north: v.north * t, up: v.up * t))
            // Velocity expressed in the local frame at the point (the ENU frames rotate by metres over 30 km).
            let ecefV = frame.ecefDirection(of: v)
            let local = LocalTangentPlane(origin: p).enuDirection(ofECEF: ecefV)
            return TargetState(time: t, position: p, velocity: local)
        }
        let recording = RecordedTrajectory(samples: stride(from: 0.0, through: 200, by: 10).map(truth))
        var worst = 0.0
        for t in stride(from: 0.0, through: 200, by: 0.7) {
            let s = try #require(recording.state(at: t))
            let e = frame.enu(of: s.position).vector - frame.enu(of: truth(t).position).vector
            worst = max(worst, (e * e).sum().squareRoot())
        }
        #expect(worst < 1, "replay error \(worst) m")
        #expect(recording.state(at: 201) == nil)
    }
}

enum Angle2Test {
    static func difference(_ a: Double, _ b: Double) -> Double {
        var d = (a - b).truncatingRemainder(dividingBy: 2 * .pi)
        if d >= .pi { d -= 2 * .pi } else if d < -.pi { d += 2 * .pi }
        return d
    }
}
