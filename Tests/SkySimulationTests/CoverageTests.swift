import RealModule
import SkyGeodesy
import SkyModel
import Testing

@testable import SkySimulation

struct CoverageTests {
    /// Exact tangent-ray horizon on the 4/3-earth sphere: the ray from the antenna grazing the sphere reaches a
    /// target at height hₜ when the central angle is at most acos(R'/(R'+hₐ)) + acos(R'/(R'+hₜ)); ground
    /// distances are preserved by the effective-earth construction, so d = R'·θ. (The square-root formula of
    /// the simulator is this to first order in h/R.)
    static func exactHorizon(antenna: Double, target: Double) -> Double {
        let r = 4.0 / 3.0 * 6_371_008.8
        return r * (Double.acos(r / (r + antenna)) + Double.acos(r / (r + target)))
    }

    @Test(
        "Horizon cut-off of the simulated radar matches the 4/3-earth geometry to 1 %",
        arguments: [300.0, 3_000, 10_000]
    )
    func horizonCutOff(height: Double) {
        let predicted = Self.exactHorizon(antenna: Fixture.site.heightMetres, target: height)
        var targets: [TargetSpecification] = []
        for k in 0..<1_000 {
            // Ground distances from 0.9 to 1.1 × the prediction, on three bearings.
            let d = predicted * (0.9 + 0.2 * Double(k) / 1_000)
            targets.append(Fixture.stationary(id: k + 1, bearing: Double(k % 3) * 2.1, distance: d, height: height))
        }
        let radar = Fixture.radar(maxRange: 1_000_000)
        var simulation = Simulation(
            configuration: Fixture.configuration(radars: [radar], targets: targets, duration: 0)
        )
        let frame = simulation.next()!
        let coverage = RadarCoverage(radar: radar)
        var lastCovered = 0.0
        var firstHidden = Double.infinity
        for s in frame.truth {
            let d = coverage.groundDistanceMetres(to: s.state.position)
            if s.coverageCount > 0 { lastCovered = max(lastCovered, d) } else { firstHidden = min(firstHidden, d) }
        }
        print("horizon h=\(height) m: covered to \(lastCovered) m, hidden from \(firstHidden) m, exact \(predicted) m")
        #expect(lastCovered < firstHidden, "coverage must be a clean cut-off")
        #expect(abs(lastCovered / predicted - 1) < 0.01, "cut-off \(lastCovered) m vs exact \(predicted) m")
    }

    @Test("Cone of silence: no coverage above 40° elevation; range limits respected")
    func coneOfSilence() {
        let radar = Fixture.radar(maxRange: 100_000)
        let targets = [
            Fixture.stationary(id: 1, bearing: 0, distance: 3_000, height: 10_000),  // ≈ 73° elevation
            Fixture.stationary(id: 2, bearing: 0, distance: 30_000, height: 10_000),  // ≈ 18°
            Fixture.stationary(id: 3, bearing: 1, distance: 120_000, height: 10_000),  // beyond max range
        ]
        let frames = Fixture.run(Fixture.configuration(radars: [radar], targets: targets, duration: 40))
        let truthIDs = Set(frames.flatMap { $0.plots.map(\.truthID) })
        #expect(truthIDs == [2])
        #expect(frames[0].truth.map(\.coverageCount) == [0, 1, 0])
    }

    @Test("Mode C quantised to the radar's quantum; codes only from SSR and Mode S radars")
    func codes() {
        let target = Fixture.stationary(id: 1, bearing: 0.5, distance: 50_000, height: 9_000)
        for (kind, quantum) in [(SensorKind.modeS, 25.0), (.ssr, 100)] {
            let frames = Fixture.run(
                Fixture.configuration(radars: [Fixture.radar(kind: kind)], targets: [target], duration: 60)
            )
            let plots = frames.flatMap(\.plots)
            #expect(!plots.isEmpty)
            for p in plots {
                let c = p.plot.modeCFeet ?? -1
                #expect(c == (9_000 / 0.3048 / quantum).rounded() * quantum)
                #expect(p.plot.modeA == Mode3ACode(1))
                #expect((p.plot.address != nil) == (kind == .modeS))
            }
        }
    }
}

struct SweepTimingTests {
    /// The second path passes due south of the radar, where the target's azimuth crosses ±180° (atan2's branch cut):
    /// the crossing search once lost track of the unwrapping there and added a spurious plot at a step boundary.
    @Test(
        "Moving target: plot time is when the beam points at the target (Mach 3 pass 15 km from the radar)",
        arguments: [300.0, 0.0]
    )
    func movingTarget(northSpeed: Double) throws {
        // A straight line in the radar's ENU frame, sampled every second as a recorded trajectory.
        let frame = LocalTangentPlane(origin: Fixture.site)
        let v = ENUVector(east: 1_000, north: northSpeed, up: 0)
        let p0 = ENUVector(east: -60_000, north: -15_000, up: 12_000)
        func truth(_ t: Double) -> ENUVector {
            ENUVector(east: p0.east + v.east * t, north: p0.north + v.north * t, up: p0.up)
        }
        let samples = (0...120).map { k -> TargetState in
            let t = Double(k)
            let p = frame.geodetic(of: truth(t))
            let local = LocalTangentPlane(origin: p).enuDirection(ofECEF: frame.ecefDirection(of: v))
            return TargetState(time: t, position: p, velocity: local)
        }
        let identity = TargetIdentity(
            truthID: 1,
            category: .fastObject,
            transponder: .modeS,
            radarCrossSectionSquareMetres: 5
        )
        let spec = TargetSpecification(
            identity: identity,
            initialPosition: samples[0].position,
            initialHeading: 0,
            initialSpeed: 0,
            motion: .recorded(RecordedTrajectory(samples: samples))
        )
        var radar = Fixture.radar(sigmaRange: 0, sigmaAzimuthDegrees: 0)
        radar.rotationPeriodSeconds = 5
        let frames = Fixture.run(Fixture.configuration(radars: [radar], targets: [spec], duration: 120))
        let plots = frames.flatMap(\.plots)
        #expect(plots.count >= 15)  // 24 crossings; some in the cone of silence, 3 % without reply
        var worst = 0.0
        var worstRange = 0.0
        for p in plots {
            let e = truth(p.time)
            let polar = RadarPolar(enu: e)
            // The line moves ~1 km/s, so 1 ms of timing error would be ≥ 1 m of azimuth offset at the target.
            worst = max(worst, abs(Angle2Test.difference(p.plot.azimuth, polar.azimuth)) * polar.slantRangeMetres)
            worstRange = max(worstRange, abs(p.plot.slantRangeMetres - polar.slantRangeMetres))
        }
        print("moving target: \(plots.count) plots, worst cross-range offset \(worst) m, range offset \(worstRange) m")
        #expect(worst < 1, "beam/target azimuth mismatch \(worst) m at the target")
        #expect(worstRange < 1)
        if northSpeed == 0 {
            // Below the cone of silence all the way (≤ 38.7° elevation) and every reply kept: one plot per sweep,
            // also across due south.
            let times = plots.map(\.time).sorted()
            let largestGap = zip(times.dropFirst(), times).map { $0 - $1 }.max() ?? 0
            #expect(largestGap < 1.5 * 5, "a sweep without a plot: gap \(largestGap) s")
            #expect(plots.count == 24)
        }
    }
}

struct MTITests {
    @Test("MTI notch: a hovering primary-only target vanishes, a radially moving one stays; SSR replies unaffected")
    func blindSpeed() {
        var radar = Fixture.radar(kind: .psr)
        radar.mtiBlindSpeed = 2.5
        let hover = Fixture.stationary(id: 1, bearing: 1, distance: 20_000, height: 500, transponder: .none, rcs: 5)
        let bearing = 2.0
        var moving = Fixture.stationary(
            id: 2,
            bearing: bearing,
            distance: 20_000,
            height: 500,
            transponder: .none,
            rcs: 5
        )
        moving.initialHeading = bearing  // flying away from the radar at 20 m/s
        moving.initialSpeed = 20
        moving.motion = .steady(SteadyMotion(speed: 20))
        let frames = Fixture.run(Fixture.configuration(radars: [radar], targets: [hover, moving], duration: 200))
        let plots = frames.flatMap(\.plots)
        #expect(!plots.contains { $0.truthID == 1 })
        #expect(plots.filter { $0.truthID == 2 }.count >= 45)  // 50 scans, Pd ≈ 1 at 20 km
        var ssr = Fixture.radar(kind: .modeS)
        ssr.mtiBlindSpeed = 2.5
        let equipped = Fixture.stationary(id: 3, bearing: 1, distance: 20_000, height: 500)
        let ssrPlots = Fixture.run(Fixture.configuration(radars: [ssr], targets: [equipped], duration: 200))
            .flatMap(\.plots)
        #expect(ssrPlots.count >= 45 && ssrPlots.allSatisfy { $0.plot.kind == .modeS })
    }
}
