import Foundation
import SkyGeodesy
import SkyMath
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

struct TrackerTests {
    static let reference = GeodeticPosition(latitudeDegrees: 48.85, longitudeDegrees: 2.40)

    /// Runs the IMM + GNN tracker over plots and returns the displayed tracks at every whole second.
    static func run(
        _ plots: [RadarPlot],
        sensors: [SensorDescription],
        duration: Int,
        associator: AssociatorKind = .gnn,
        configuration: TrackerConfiguration = TrackerConfiguration()
    ) -> (reports: [(time: Double, track: TrackReport)], statistics: TrackerStatistics) {
        var reports: [(Double, TrackReport)] = []
        let stats = TestDriver.run(
            plots: plots,
            sensors: sensors,
            reference: reference,
            configuration: configuration,
            associator: associator,
            reportTimes: 0...duration
        ) { t, r, _ in reports.append((t, r)) }
        return (reports, stats.tracker)
    }

    @Test("two crossing aircraft at the same level and code keep their tracks", arguments: AssociatorKind.allCases)
    func crossingTargets(associator: AssociatorKind) throws {
        let radar = SimulatedRadar(latitude: 48.85, longitude: 2.0, period: 4)
        let plane = StereographicPlane(reference: Self.reference)
        // Two aircraft on an X at 90°, crossing at t = 150 s at the same point and flight level, both squawking
        // the conspicuity code 7000 (weak evidence): only the kinematics separate them.
        let a = PlaneTarget(plane: plane, start: SIMD2(-30_000, -30_000), velocity: SIMD2(200, 200), height: 6_000)
        let b = PlaneTarget(plane: plane, start: SIMD2(30_000, -30_000), velocity: SIMD2(-200, 200), height: 6_000)
        var rng = SeededRandom(seed: 42)
        var plots: [RadarPlot] = []
        var t = 0.5
        while t < 300 {
            for target in [a, b] {
                plots.append(radar.plot(of: target.geodetic(at: t), time: t, rng: &rng, modeA: Mode3ACode(0o7000)))
            }
            t += 4
        }
        plots.sort { $0.time < $1.time }
        let (reports, _) = Self.run(plots, sensors: [radar.description], duration: 300, associator: associator)
        // Each confirmed track must stay nearest to the same truth before and after the crossing.
        var owner: [UInt32: Int] = [:]
        var swaps = 0
        for (time, report) in reports where abs(time - 150) > 12 {
            let da = simd_distance(report.position, a.planePosition(at: time))
            let db = simd_distance(report.position, b.planePosition(at: time))
            let nearest = da < db ? 0 : 1
            if let previous = owner[report.number], previous != nearest { swaps += 1 }
            owner[report.number] = nearest
        }
        #expect(swaps == 0, "seed \(rng.seed): tracks swapped \(swaps) times")
        // One track per aircraft at the end.
        let last = reports.filter { $0.time == 299 }
        #expect(last.count == 2)
    }

    @Test("clutter-only input produces no confirmed track")
    func clutterOnly() {
        let radar = SimulatedRadar(period: 4)
        var rng = SeededRandom(seed: 1_234)
        // 20 false plots per scan, uniform in area over 2–150 km, for 10 minutes (3,000 plots), no codes.
        let plots = radar.clutter(scans: 150, perScan: 20, rng: &rng)
        let (reports, stats) = Self.run(plots, sensors: [radar.description], duration: 600)
        #expect(stats.tracksConfirmed == 0, "seed \(rng.seed): \(stats.tracksConfirmed) clutter tracks confirmed")
        #expect(reports.isEmpty)
        #expect(stats.tracksInitiated > 0)
    }

    /// Two plots fit any velocity, so a speed no airliner flies waits for a third plot: an aircraft replying
    /// with its Mode S address confirms on its second plot at 230 m/s, and only on its third at 900 m/s (a fast
    /// jet, still tracked).
    @Test("a track faster than an airliner needs a third plot to confirm")
    func fastTrackConfirmation() throws {
        let radar = SimulatedRadar(period: 4)
        let plane = StereographicPlane(reference: Self.reference)
        for (speed, plotsToConfirm) in [(230.0, 2), (900.0, 3)] {
            let target = PlaneTarget(
                plane: plane,
                start: SIMD2(-40_000, 20_000),
                velocity: SIMD2(speed, 0),
                height: 9_000
            )
            var rng = SeededRandom(seed: 5)
            var plots: [RadarPlot] = []
            var t = 0.3
            while t < 40 {
                plots.append(
                    radar.plot(
                        of: target.geodetic(at: t),
                        time: t,
                        rng: &rng,
                        modeA: Mode3ACode(0o2567),
                        address: ICAOAddress(0x3C_13E0)
                    )
                )
                t += 4
            }
            let (reports, stats) = Self.run(plots, sensors: [radar.description], duration: 40)
            #expect(stats.tracksConfirmed == 1, "\(speed) m/s")
            let first = try #require(reports.first?.time, "\(speed) m/s: never displayed")
            // Displayed from the first whole second after the confirming plot.
            let confirmingPlot = plots[plotsToConfirm - 1].time
            #expect(first == confirmingPlot.rounded(.up), "\(speed) m/s: first shown at \(first) s")
            if let last = reports.last {
                #expect(abs(hypot(last.track.velocity.x, last.track.velocity.y) - speed) < 30, "\(speed) m/s")
            }
        }
    }

    @Test("a primary-only aircraft is still tracked")
    func primaryOnly() {
        let radar = SimulatedRadar(period: 4)
        let plane = StereographicPlane(reference: Self.reference)
        let target = PlaneTarget(plane: plane, start: SIMD2(60_000, 30_000), velocity: SIMD2(-150, 60), height: 3_000)
        var rng = SeededRandom(seed: 99)
        var plots: [RadarPlot] = []
        var t = 0.3
        while t < 120 {
            plots.append(radar.plot(of: target.geodetic(at: t), time: t, rng: &rng, withModeC: false))
            t += 4
        }
        let (reports, stats) = Self.run(plots, sensors: [radar.description], duration: 120)
        #expect(stats.tracksConfirmed == 1)
        let final = reports.filter { $0.time == 110 }
        #expect(final.count == 1)
        if let r = final.first {
            // Without Mode C the conversion assumes a height (5 km): at ≈ 50 km the ground-range error of a target
            // at 3 km is (5² − 3²) km² / 2·50 km ≈ 160 m.
            #expect(simd_distance(r.track.position, target.planePosition(at: 110)) < 300)
        }
    }

    /// A plot without Mode C gets the height prior (5 ± 4 km) truncated to what the radar can see at its slant
    /// range: unchanged far out, and below the cone of silence (40°) near the radar, where 5 km would exceed the
    /// slant range itself.
    @Test("assumed height of a plot without Mode C is bounded by the cone of silence near the radar")
    func assumedHeightNearRadar() {
        let c = TrackerConfiguration()
        let far = c.assumedHeight(antennaHeight: 100, slantRangeMetres: 150_000)
        #expect(far.height == 5_000 && far.variance == 4_000 * 4_000)
        let near = c.assumedHeight(antennaHeight: 100, slantRangeMetres: 2_000)
        let top = 100 + 2_000 * sin(40 * Double.pi / 180)  // 1,386 m
        #expect(near.height > 0 && near.height < top, "height \(near.height)")
        // Nearly uniform over [0, top] (the prior is almost flat there): mean ≈ top/2, σ ≈ top/√12.
        #expect(abs(near.height - top / 2) < 60, "height \(near.height)")
        #expect(abs(near.variance.squareRoot() - top / 12.squareRoot()) < 30, "σ \(near.variance.squareRoot())")
    }

    /// A primary-only drone 150 m up, 2–3 km from the radar. With the unbounded 5 km prior every plot was
    /// converted onto the antenna (the height difference exceeds the slant range). With the cone-bounded prior
    /// (≈ 0.8 km at that range) it is tracked ≈ 180 m off in ground range; once its speed shows a low flyer,
    /// its plots are converted at the low-flyer height (150 ± 200 m) and the error drops to ≈ 30 m.
    @Test("a primary-only drone close to the radar is tracked where it is")
    func droneNearRadar() {
        let radar = SimulatedRadar(period: 4)
        let plane = StereographicPlane(reference: Self.reference)
        let site = plane.project(radar.description.site)
        let target = PlaneTarget(plane: plane, start: site + SIMD2(2_000, 1_000), velocity: SIMD2(8, 5), height: 150)
        var rng = SeededRandom(seed: 17)
        var plots: [RadarPlot] = []
        var t = 0.2
        while t < 120 {
            plots.append(radar.plot(of: target.geodetic(at: t), time: t, rng: &rng, withModeC: false))
            t += 4
        }
        var generic = TrackerConfiguration()
        generic.lowFlyerSpeed = 0
        for (configuration, limit) in [(generic, 400.0), (TrackerConfiguration(), 60)] {
            let (reports, stats) = Self.run(
                plots,
                sensors: [radar.description],
                duration: 120,
                configuration: configuration
            )
            #expect(stats.tracksConfirmed == 1)
            let final = reports.filter { $0.time == 110 }
            #expect(final.count == 1)
            if let r = final.first {
                let error = simd_distance(r.track.position, target.planePosition(at: 110))
                #expect(error < limit, "low-flyer speed \(configuration.lowFlyerSpeed): error \(error) m")
                #expect(simd_distance(r.track.position, site) > 1_500, "track on the antenna")
            }
        }
    }

    /// A primary-only drone flies, hovers for 40 s, then flies on. Hovering, its radial speed is below the radar's
    /// MTI blind speed (2.5 m/s) and the radar reports nothing; the track coasts through (it is expected to be
    /// invisible) and keeps its number, where the ordinary deletion after 2.2 rotation periods broke it.
    @Test("a drone hovering in the MTI blind band keeps its track")
    func hoveringDrone() {
        let radar = SimulatedRadar(period: 4)
        var sensor = radar.description
        sensor.mtiBlindSpeedMetresPerSecond = 2.5
        let plane = StereographicPlane(reference: Self.reference)
        let site = plane.project(sensor.site)
        let start = site + SIMD2(4_000, 2_000)
        let velocity = SIMD2<Double>(6, -8)
        // Flies 0–60 s, hovers 60–100 s, flies on from 100 s.
        func position(_ t: Double) -> SIMD2<Double> {
            start + velocity * (Swift.min(t, 60) + Swift.max(0, t - 100))
        }
        var rng = SeededRandom(seed: 31)
        var plots: [RadarPlot] = []
        var t = 0.4
        while t < 160 {
            if t < 60 || t > 100 {
                var g = plane.unproject(position(t))
                g.heightMetres = 120
                plots.append(radar.plot(of: g, time: t, rng: &rng, withModeC: false))
            }
            t += 4
        }
        var noBlindCoast = TrackerConfiguration()
        noBlindCoast.blindCoastSeconds = 0
        for (configuration, expectedTracks) in [(TrackerConfiguration(), 1), (noBlindCoast, 2)] {
            let (reports, _) = Self.run(plots, sensors: [sensor], duration: 160, configuration: configuration)
            let numbers = Set(reports.map(\.track.number))
            #expect(numbers.count == expectedTracks, "blind coast \(configuration.blindCoastSeconds) s: \(numbers)")
            if expectedTracks == 1 {
                // Shown through the hover, coasting on its last velocity (10 m/s: ≤ 400 m off after 40 s, well
                // inside the 1 km association gate of the evaluation), and back on the drone afterwards.
                let hover = reports.filter { $0.time >= 62 && $0.time <= 98 }
                #expect(hover.count == 37, "rows while hovering: \(hover.count)")
                for r in hover {
                    #expect(simd_distance(r.track.position, position(r.time)) < 450, "t \(r.time)")
                }
                for r in reports where r.time >= 130 {
                    #expect(simd_distance(r.track.position, position(r.time)) < 150, "t \(r.time)")
                }
            }
        }
    }

    /// An aircraft 30 km north of an 8 s radar, flying east at 230 m/s (clockwise across its beam), also seen by a
    /// 10 s radar 60 km away. Two sweeps of the first and one of the second are missed in a row (18.5 s without a
    /// plot, within the 22 s time limit): three misses, within the four allowed, so the track must survive. The
    /// sweep that brought the last plot used to be counted as a fourth miss, because its time, computed from the
    /// track's azimuth a second later, fell just after that plot.
    @Test("three missed sweeps in a row do not delete a track")
    func threeMissedSweeps() {
        let near = SimulatedRadar(id: 1, latitude: 48.85, longitude: 2.40, period: 8)
        let far = SimulatedRadar(id: 2, latitude: 48.85, longitude: 3.22, period: 10)
        let plane = StereographicPlane(reference: Self.reference)
        let site = plane.project(near.description.site)
        let target = PlaneTarget(
            plane: plane,
            start: site + SIMD2(-20_000, 30_000),
            velocity: SIMD2(230, 0),
            height: 9_000
        )
        var rng = SeededRandom(seed: 41)
        var plots: [RadarPlot] = []
        for (radar, period, phase, missed) in [(near, 8.0, 0.5, [80.5, 88.5]), (far, 10.0, 1.0, [81.0])] {
            var t = phase
            while t < 200 {
                if !missed.contains(where: { abs($0 - t) < 0.01 }) {
                    plots.append(
                        radar.plot(
                            of: target.geodetic(at: t),
                            time: t,
                            rng: &rng,
                            modeA: Mode3ACode(0o4521),
                            address: ICAOAddress(0x3C_6DD4)
                        )
                    )
                }
                t += period
            }
        }
        plots.sort { $0.time < $1.time }
        let (reports, stats) = Self.run(
            plots,
            sensors: [near.description, far.description],
            duration: 200
        )
        #expect(stats.tracksConfirmed == 1, "tracks confirmed \(stats.tracksConfirmed)")
        #expect(Set(reports.map(\.track.number)).count == 1)
    }

    /// A primary-only target seen by one 10 s radar, its fourth sweep missed: five plots take six sweeps. The tentative
    /// track must survive the 20 s gap (2.2 periods allowed) and the six sweeps (7 periods of window) and confirm.
    @Test("a primary-only target seen by a single radar confirms despite a missed sweep")
    func singleRadarMissedSweep() {
        let radar = SimulatedRadar(period: 10)
        let plane = StereographicPlane(reference: Self.reference)
        let target = PlaneTarget(plane: plane, start: SIMD2(40_000, 20_000), velocity: SIMD2(-60, 20), height: 2_000)
        var rng = SeededRandom(seed: 53)
        var plots: [RadarPlot] = []
        var t = 0.7
        var sweep = 0
        while t < 120 {
            if sweep != 3 { plots.append(radar.plot(of: target.geodetic(at: t), time: t, rng: &rng, withModeC: false)) }
            t += 10
            sweep += 1
        }
        let (reports, stats) = Self.run(plots, sensors: [radar.description], duration: 120)
        #expect(stats.tracksConfirmed == 1)
        // Confirmed on the fifth plot (sweep 5, t = 50.7 s).
        #expect(reports.first.map { $0.time <= 52 } ?? false, "first shown at \(reports.first?.time ?? -1) s")
    }

    @Test("plot conversion matches the exact ellipsoidal solution within 1 m")
    func conversionAccuracy() throws {
        let radar = SimulatedRadar(latitude: 49.3, longitude: 1.95, period: 8)
        let plane = StereographicPlane(reference: Self.reference)
        var converter = RadarPlotConverter(plane: plane)
        let index = converter.add(radar.description)
        var rng = SeededRandom(seed: 5)
        for _ in 0..<200 {
            let range = rng.uniform(5_000...370_000)
            let az = rng.uniform(0...(2 * .pi - 1e-9))
            let h = rng.uniform(300...12_000)
            guard let exact = radar.site.geodetic(slantRangeMetres: range, azimuth: az, targetHeightMetres: h)
            else { continue }
            let m = try #require(
                converter.convert(
                    sensorIndex: index,
                    slantRangeMetres: range,
                    azimuth: az,
                    heightMetres: h,
                    heightVariance: 1
                )
            )
            let e = plane.project(exact)
            let error = ((m.position[0] - e.x) * (m.position[0] - e.x) + (m.position[1] - e.y) * (m.position[1] - e.y))
                .squareRoot()
            #expect(error < 1, "seed \(rng.seed): range \(range) az \(az) h \(h): error \(error) m")
        }
    }
}

func simd_distance(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
    let d = a - b
    return (d * d).sum().squareRoot()
}

struct MultiRadarTests {
    @Test("overlapping radars give one system track per aircraft", arguments: AssociatorKind.allCases)
    func oneTrackPerObject(associator: AssociatorKind) {
        // Two radars 60 km apart with different periods and accuracies, three aircraft in their common coverage;
        // one aircraft has a Mode S address, one a discrete code, one the conspicuity code 7000.
        let north = SimulatedRadar(
            id: 1,
            latitude: 49.10,
            longitude: 2.40,
            period: 8,
            rangeSigma: 40,
            azimuthSigmaDegrees: 0.06
        )
        let south = SimulatedRadar(
            id: 2,
            latitude: 48.60,
            longitude: 2.40,
            period: 5,
            rangeSigma: 70,
            azimuthSigmaDegrees: 0.1
        )
        let plane = StereographicPlane(reference: TrackerTests.reference)
        let targets = [
            PlaneTarget(plane: plane, start: SIMD2(-20_000, -5_000), velocity: SIMD2(220, 30), height: 9_000),
            PlaneTarget(plane: plane, start: SIMD2(15_000, 10_000), velocity: SIMD2(-120, -150), height: 4_500),
            PlaneTarget(plane: plane, start: SIMD2(0, -15_000), velocity: SIMD2(60, 180), height: 6_000),
        ]
        let identities: [(Mode3ACode?, ICAOAddress?)] = [
            (Mode3ACode(0o1000), ICAOAddress(0x3C6DD4)), (Mode3ACode(0o4512), nil), (Mode3ACode(0o7000), nil),
        ]
        var rng = SeededRandom(seed: 77)
        var plots: [RadarPlot] = []
        for (radar, offset) in [(north, 0.3), (south, 1.7)] {
            var t = offset
            while t < 240 {
                for (k, target) in targets.enumerated() {
                    let address = radar.description.id.sic == 1 ? identities[k].1 : nil
                    plots.append(
                        radar.plot(
                            of: target.geodetic(at: t),
                            time: t + 0.01 * Double(k),
                            rng: &rng,
                            modeA: identities[k].0,
                            address: address
                        )
                    )
                }
                t += radar.description.rotationPeriodSeconds!
            }
        }
        plots.sort { $0.time < $1.time }
        let (reports, stats) = TrackerTests.run(
            plots,
            sensors: [north.description, south.description],
            duration: 240,
            associator: associator
        )
        for time in stride(from: 30.0, through: 239, by: 1) {
            let shown = reports.filter { $0.time == time }
            #expect(shown.count == 3, "seed \(rng.seed): \(shown.count) tracks displayed at \(time) s")
        }
        #expect(stats.tracksConfirmed == 3, "seed \(rng.seed): \(stats.tracksConfirmed) tracks confirmed")
        // Each displayed track is within 300 m of its aircraft at the end.
        for r in reports where r.time == 239 {
            let nearest = targets.map { simd_distance(r.track.position, $0.planePosition(at: 239)) }.min()!
            #expect(nearest < 300, "seed \(rng.seed): track \(r.track.number) \(nearest) m from the nearest aircraft")
        }
    }
}

struct TrackerConfigurationTests {
    @Test("a partial JSON configuration keeps the defaults of missing keys")
    func partialJSON() throws {
        let json = Data(
            #"{"turnRate": 1.5, "confirmHitsPrimary": 6, "initiationHypotheses": 4, "initiationPruningScans": 3}"#.utf8
        )
        let c = try JSONDecoder().decode(TrackerConfiguration.self, from: json)
        #expect(c.turnRate == 1.5)
        #expect(c.confirmHitsPrimary == 6)
        #expect(c.initiationHypotheses == 4)
        #expect(c.initiationPruningScans == 3)
        #expect(TrackerConfiguration().initiationHypotheses == 2)
        #expect(c.gateThreshold == TrackerConfiguration().gateThreshold)
        #expect(c.deleteAfterMisses == TrackerConfiguration().deleteAfterMisses)
    }
}
