import Foundation
import SkyGeodesy
import SkyMath
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// ADS-B fusion: measurement model, address-first association, verification, initiation.
struct ADSBFusionTests {
    static let reference = GeodeticPosition(latitudeDegrees: 48.85, longitudeDegrees: 2.40)

    /// An ADS-B report of a target at `truth` with a per-axis position error of σ(NACp) (white), barometric
    /// altitude = height.
    static func report(
        _ truth: GeodeticPosition,
        time: Double,
        address: UInt32,
        nacP: UInt8? = 9,
        rng: inout SeededRandom,
        offsetMetres: SIMD2<Double> = .zero
    ) -> ADSBReport {
        let sigma = nacP.flatMap { ADSBReport.estimatedPositionUncertaintyMetres(nacP: $0) }.map { $0 / 2.4477 } ?? 0
        let east = sigma * rng.gaussian() + offsetMetres.x
        let north = sigma * rng.gaussian() + offsetMetres.y
        let m = WGS84.meridianRadiusMetres(latitude: truth.latitude)
        let n = WGS84.primeVerticalRadiusMetres(latitude: truth.latitude)
        let p = GeodeticPosition(
            latitude: truth.latitude + north / m,
            longitude: truth.longitude + east / (n * cos(truth.latitude)),
            heightMetres: truth.heightMetres
        )
        return ADSBReport(
            time: time,
            address: ICAOAddress(address),
            position: p,
            barometricAltitudeFeet: (truth.heightMetres / 0.3048 / 25).rounded() * 25,
            nacP: nacP
        )
    }

    /// Runs the fused tracker and returns the displayed tracks at every whole second.
    static func run(
        plots: [RadarPlot],
        reports: [ADSBReport],
        sensors: [SensorDescription],
        duration: Int,
        adsb: ADSBFusionConfiguration = ADSBFusionConfiguration()
    ) -> (reports: [(time: Double, track: TrackReport)], statistics: TestDriver.FusedStatistics) {
        var out: [(Double, TrackReport)] = []
        let stats = TestDriver.run(
            plots: plots,
            reports: reports,
            sensors: sensors,
            reference: reference,
            configuration: TrackerConfiguration(),
            adsbConfiguration: adsb,
            reportTimes: 0...duration
        ) { t, r, _ in out.append((t, r)) }
        return (out, stats)
    }

    @Test("NACp gives σ = EPU / 2.4477, floored; without NACp the NIC's containment radius; NACp 0 is unusable")
    func measurementCovariance() throws {
        let model = ADSBMeasurementModel(plane: StereographicPlane(reference: Self.reference))
        // NACp 9: EPU 30 m → 12.256 m; NACp 8: 92.6 m → 37.83 m (relative 1e-4: the constant's 5 digits).
        #expect(try #require(model.positionSigma(nacP: 9)).isClose(to: 12.256, relativeTolerance: 1e-4))
        #expect(try #require(model.positionSigma(nacP: 8)).isClose(to: 37.831, relativeTolerance: 1e-4))
        // NACp 10 and 11 (4.1 m, 1.2 m) are floored at 7.5 m.
        #expect(model.positionSigma(nacP: 11) == 7.5)
        #expect(model.positionSigma(nacP: 10) == 7.5)
        // No NACp, NIC 8 (version 0, TC 11): Rc = 0.1 NM → 75.66 m; neither: the assumed NACp 6 (0.3 NM) → 227 m.
        #expect(try #require(model.positionSigma(nacP: nil, nic: 8)).isClose(to: 75.66, relativeTolerance: 1e-3))
        #expect(try #require(model.positionSigma(nacP: nil)).isClose(to: 227.0, relativeTolerance: 1e-3))
        #expect(model.positionSigma(nacP: 0) == nil)

        // The measurement: projected position, isotropic covariance scaled by the point scale factor.
        let p = GeodeticPosition(latitudeDegrees: 49.5, longitudeDegrees: 3.4, heightMetres: 9_000)
        let r = ADSBReport(
            time: 10,
            address: ICAOAddress(0x3C_0001),
            position: p,
            barometricAltitudeFeet: 29_525,
            nacP: 9
        )
        let m = try #require(model.measurement(of: r))
        let xy = model.plane.project(p)
        #expect(m.measurement.position[0] == xy.x && m.measurement.position[1] == xy.y)
        let k = model.plane.pointScaleFactor(at: p)
        #expect(m.measurement.covariance[0, 0].isClose(to: k * k * 12.256 * 12.256, relativeTolerance: 1e-4))
        #expect(m.measurement.covariance[0, 1] == 0)
        #expect(m.height == 29_525 * 0.3048)
        // 25 ft quantum: (7.62 m)² / 12.
        #expect(m.heightVariance.isClose(to: 7.62 * 7.62 / 12, relativeTolerance: 1e-12))
        var bad = r
        bad.nacP = 0
        #expect(model.measurement(of: bad) == nil)
    }

    @Test("radar plots and ADS-B reports of one aircraft make one track, more accurate than radar alone")
    func oneTrackAndMoreAccurate() throws {
        let radar = SimulatedRadar(latitude: 48.85, longitude: 2.0, period: 4)
        let plane = StereographicPlane(reference: Self.reference)
        let target = PlaneTarget(
            plane: plane,
            start: SIMD2(-40_000, 20_000),
            velocity: SIMD2(220, -60),
            height: 7_000,
            turnRate: 0.02,
            turnStart: 120,
            turnEnd: 170
        )
        let address: UInt32 = 0x4B_1234
        var rng = SeededRandom(seed: 2_024)
        var plots: [RadarPlot] = []
        var reports: [ADSBReport] = []
        var t = 0.7
        while t < 300 {
            plots.append(radar.plot(of: target.geodetic(at: t), time: t, rng: &rng, address: ICAOAddress(address)))
            t += 4
        }
        t = 0.2
        while t < 300 {
            reports.append(Self.report(target.geodetic(at: t), time: t, address: address, rng: &rng))
            t += 0.5
        }
        let radarOnly = Self.run(plots: plots, reports: [], sensors: [radar.description], duration: 300)
        let fused = Self.run(plots: plots, reports: reports, sensors: [radar.description], duration: 300)

        // One track number for the aircraft over the whole run, carrying its address.
        let numbers = Set(fused.reports.map(\.track.number))
        #expect(numbers.count == 1, "seed \(rng.seed): \(numbers.count) tracks")
        #expect(fused.reports.allSatisfy { $0.track.address == ICAOAddress(address) })
        #expect(fused.statistics.adsb.rejectedByPositionGate == 0)
        #expect(fused.statistics.adsb.applied == reports.count)
        // The first report (0.2 s) started the track, so every plot went to it.
        #expect(fused.statistics.tracker.plotsAssociated == plots.count)
        #expect(fused.statistics.adsb.tracksInitiated == 1)

        func rms(_ rs: [(time: Double, track: TrackReport)]) -> Double {
            let e = rs.filter { $0.time >= 20 }.map { r in
                let d = r.track.position - target.planePosition(at: r.time)
                return (d * d).sum()
            }
            return (e.reduce(0, +) / Double(e.count)).squareRoot()
        }
        let radarRMS = rms(radarOnly.reports)
        let fusedRMS = rms(fused.reports)
        // Radar σ ≈ 40 m range, 0.06° ≈ 45 m cross-range at 43 km; ADS-B NACp 9, σ 12 m at 2 Hz.
        #expect(fusedRMS < 0.5 * radarRMS, "seed \(rng.seed): fused \(fusedRMS) m, radar only \(radarRMS) m")
        #expect(fusedRMS < 15, "seed \(rng.seed): fused \(fusedRMS) m")
        // The barometric altitude feeds the vertical filter: within a few metres of 7,000 m.
        let last = try #require(fused.reports.last)
        #expect(abs((last.track.height ?? 0) - 7_000) < 10)
    }

    @Test("a report failing the kinematic verification is counted, not applied, and never hijacks another track")
    func verificationRejects() throws {
        // Aircraft A: radar (with address) + ADS-B. Aircraft B: Mode A/C only (no address), 5 km east of A.
        let radar = SimulatedRadar(latitude: 48.85, longitude: 2.0, period: 4)
        let plane = StereographicPlane(reference: Self.reference)
        let a = PlaneTarget(plane: plane, start: SIMD2(-30_000, 0), velocity: SIMD2(200, 0), height: 6_000)
        let b = PlaneTarget(plane: plane, start: SIMD2(-25_000, 0), velocity: SIMD2(200, 0), height: 6_000)
        let addressA: UInt32 = 0x39_AC01
        var rng = SeededRandom(seed: 7)
        var plots: [RadarPlot] = []
        var reports: [ADSBReport] = []
        var t = 0.5
        while t < 200 {
            plots.append(radar.plot(of: a.geodetic(at: t), time: t, rng: &rng, address: ICAOAddress(addressA)))
            plots.append(radar.plot(of: b.geodetic(at: t), time: t + 0.01, rng: &rng, modeA: Mode3ACode(0o4321)))
            t += 4
        }
        t = 0.3
        var bogus = 0
        while t < 200 {
            // From t = 100 s every fourth report of A claims B's position (a CPR decoding error, or spoofing).
            let spoof = t > 100 && Int(t * 2) % 4 == 0
            if spoof { bogus += 1 }
            reports.append(
                Self.report(
                    spoof ? b.geodetic(at: t) : a.geodetic(at: t),
                    time: t,
                    address: addressA,
                    rng: &rng
                )
            )
            t += 0.5
        }
        let run = Self.run(plots: plots, reports: reports, sensors: [radar.description], duration: 200)
        #expect(run.statistics.adsb.rejectedByPositionGate == bogus, "seed \(rng.seed)")
        #expect(run.statistics.adsb.applied == reports.count - bogus)
        // Two tracks, one per aircraft, all the way; B never takes A's address, A stays on A.
        let final = run.reports.filter { $0.time == 199 }
        #expect(final.count == 2)
        #expect(Set(run.reports.map(\.track.number)).count == 2)
        for r in run.reports where r.time > 20 {
            let da = simd_distance(r.track.position, a.planePosition(at: r.time))
            let db = simd_distance(r.track.position, b.planePosition(at: r.time))
            if r.track.address == ICAOAddress(addressA) {
                #expect(da < 60, "seed \(rng.seed): A's track \(da) m off at \(r.time)")
            } else {
                #expect(db < 300 && r.track.address == nil, "seed \(rng.seed): B's track at \(r.time)")
            }
        }
    }

    @Test("an aircraft seen only by ADS-B is tracked; a Mode A/C-only radar track adopts the address")
    func initiationAndAdoption() throws {
        let radar = SimulatedRadar(latitude: 48.85, longitude: 2.0, period: 4)
        let plane = StereographicPlane(reference: Self.reference)
        let onlyADSB = PlaneTarget(plane: plane, start: SIMD2(50_000, 50_000), velocity: SIMD2(-150, 0), height: 9_000)
        let modeAC = PlaneTarget(plane: plane, start: SIMD2(-20_000, -40_000), velocity: SIMD2(0, 180), height: 4_000)
        var rng = SeededRandom(seed: 11)
        var plots: [RadarPlot] = []
        var reports: [ADSBReport] = []
        var t = 0.5
        while t < 120 {
            plots.append(radar.plot(of: modeAC.geodetic(at: t), time: t, rng: &rng, modeA: Mode3ACode(0o2345)))
            t += 4
        }
        t = 0.1
        while t < 120 {
            reports.append(Self.report(onlyADSB.geodetic(at: t), time: t, address: 0x40_0001, rng: &rng))
            // The Mode A/C aircraft starts broadcasting ADS-B at 60 s (after its radar track is confirmed).
            if t >= 60 {
                reports.append(Self.report(modeAC.geodetic(at: t), time: t + 0.001, address: 0x40_0002, rng: &rng))
            }
            t += 0.5
        }
        let run = Self.run(plots: plots, reports: reports, sensors: [radar.description], duration: 120)
        #expect(run.statistics.adsb.tracksInitiated == 1, "seed \(rng.seed)")
        #expect(run.statistics.adsb.adoptedByUnaddressedTrack == 1)
        let final = run.reports.filter { $0.time == 119 }
        #expect(final.count == 2)
        #expect(Set(run.reports.map(\.track.number)).count == 2)
        let adsbOnly = try #require(final.first { $0.track.address == ICAOAddress(0x40_0001) })
        #expect(simd_distance(adsbOnly.track.position, onlyADSB.planePosition(at: 119)) < 30)
        let adopted = try #require(final.first { $0.track.address == ICAOAddress(0x40_0002) })
        #expect(adopted.track.modeA == Mode3ACode(0o2345))
        #expect(simd_distance(adopted.track.position, modeAC.planePosition(at: 119)) < 30)
    }

    @Test("a coasting track that keeps rejecting its address's reports gives the address to a track of their own")
    func identitySplit() throws {
        // Radar plots labelled A follow P until 40 s, then stop: the track coasts once the beam has passed it
        // without a plot, and is deleted after three such misses. From 42 s the reports of A are consistently
        // 15 km away, on Q: the label was wrong (or P is another aircraft), not the reports.
        let radar = SimulatedRadar(latitude: 48.85, longitude: 2.0, period: 10)
        let plane = StereographicPlane(reference: Self.reference)
        let p = PlaneTarget(plane: plane, start: SIMD2(-30_000, 0), velocity: SIMD2(200, 0), height: 6_000)
        let q = PlaneTarget(plane: plane, start: SIMD2(-30_000, 15_000), velocity: SIMD2(200, 0), height: 6_000)
        let address: UInt32 = 0x3C_ABCD
        var rng = SeededRandom(seed: 31)
        var plots: [RadarPlot] = []
        var reports: [ADSBReport] = []
        var t = 0.5
        while t < 40 {
            plots.append(radar.plot(of: p.geodetic(at: t), time: t, rng: &rng, address: ICAOAddress(address)))
            t += 10
        }
        t = 42
        while t < 100 {
            reports.append(Self.report(q.geodetic(at: t), time: t, address: address, rng: &rng))
            t += 0.5
        }
        func firstOnQ(_ reports: [(time: Double, track: TrackReport)]) -> Double? {
            reports.first {
                $0.track.address == ICAOAddress(address)
                    && simd_distance($0.track.position, q.planePosition(at: $0.time)) < 100
            }?.time
        }
        let run = Self.run(plots: plots, reports: reports, sensors: [radar.description], duration: 100)
        #expect(run.statistics.adsb.identitySplits == 1, "seed \(rng.seed)")
        // From the split on (the first rejection after the track started coasting) a track with the address
        // follows Q, and no track with the address is anywhere else.
        let first = try #require(firstOnQ(run.reports))
        #expect(first >= 46 && first <= 52, "first on Q at \(first) s")
        #expect(run.statistics.adsb.rejectedByPositionGate == 10)
        for r in run.reports where r.time >= first && r.track.address == ICAOAddress(address) {
            #expect(simd_distance(r.track.position, q.planePosition(at: r.time)) < 100)
        }
        // With splitting off, the reports wait until the old track is deleted (how long depends on the deletion
        // rules: at least a few more reports are refused and Q gets its track later).
        var never = ADSBFusionConfiguration()
        never.identitySplitRejections = 0
        let (out, stats) = Self.run(
            plots: plots,
            reports: reports,
            sensors: [radar.description],
            duration: 100,
            adsb: never
        )
        #expect(stats.adsb.identitySplits == 0)
        #expect(stats.adsb.rejectedByPositionGate >= run.statistics.adsb.rejectedByPositionGate + 6)
        #expect((firstOnQ(out) ?? 0) >= first + 3)
    }

    @Test("a young track that keeps rejecting its address's reports starts again from them and keeps its number")
    func youngTrackReanchors() throws {
        // Two Mode S plots of a 10 s radar put the aircraft 3 km north of where it is (a radar whose bias nothing
        // has estimated yet) and confirm a track; from 11 s its ADS-B reports, on Q, fail that track's gate. The
        // track is 10 s old, younger than two rotations: after 10 rejections it starts again from the reports,
        // keeping its number, instead of waiting to coast (1.2 rotations after its last plot) and splitting.
        let radar = SimulatedRadar(latitude: 48.85, longitude: 2.0, period: 10)
        let plane = StereographicPlane(reference: Self.reference)
        let q = PlaneTarget(plane: plane, start: SIMD2(-30_000, 0), velocity: SIMD2(200, 0), height: 6_000)
        let p = PlaneTarget(plane: plane, start: SIMD2(-30_000, 3_000), velocity: SIMD2(200, 0), height: 6_000)
        let address: UInt32 = 0x3C_BEEF
        var rng = SeededRandom(seed: 77)
        let plots = [0.5, 10.5].map {
            radar.plot(of: p.geodetic(at: $0), time: $0, rng: &rng, address: ICAOAddress(address))
        }
        var reports: [ADSBReport] = []
        var t = 11.0
        while t < 40 {
            reports.append(Self.report(q.geodetic(at: t), time: t, address: address, rng: &rng))
            t += 0.5
        }
        func run(_ adsb: ADSBFusionConfiguration) -> ([(time: Double, track: TrackReport)], TestDriver.FusedStatistics)
        {
            Self.run(plots: plots, reports: reports, sensors: [radar.description], duration: 40, adsb: adsb)
        }
        let (out, stats) = run(ADSBFusionConfiguration())
        #expect(stats.adsb.reanchored == 1 && stats.adsb.identitySplits == 0)
        let withAddress = out.filter { $0.track.address == ICAOAddress(address) }
        let first = try #require(withAddress.first)
        #expect(first.time <= 11, "confirmed on the two plots")
        #expect(Set(withAddress.map(\.track.number)) == [first.track.number], "one number throughout")
        let onQ = try #require(
            withAddress.first { simd_distance($0.track.position, q.planePosition(at: $0.time)) < 100 }
        )
        #expect(onQ.time >= 15 && onQ.time <= 17, "on Q at \(onQ.time) s: ten rejected reports after 11 s")
        for r in withAddress where r.time >= onQ.time + 1 {
            #expect(simd_distance(r.track.position, q.planePosition(at: r.time)) < 100, "at \(r.time) s")
        }
        // Without it the track keeps refusing the reports until it coasts; then the address goes to a new number.
        var never = ADSBFusionConfiguration()
        never.reanchorMaximumAgePeriods = 0
        let (old, oldStats) = run(never)
        #expect(oldStats.adsb.reanchored == 0 && oldStats.adsb.identitySplits == 1)
        let numbers = Set(old.filter { $0.track.address == ICAOAddress(address) }.map(\.track.number))
        #expect(numbers.count == 2)
    }
}
