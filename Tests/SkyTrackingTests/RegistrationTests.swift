import Foundation
import SkyGeodesy
import SkyMath
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// Sensor registration: the bias estimator against closed-form least squares, observability, jumps, and
/// honest σ on simulated traffic.
struct RegistrationTests {
    static let siteA = GeodeticPosition(latitudeDegrees: 48.85, longitudeDegrees: 2.40, heightMetres: 100)
    static let siteB = GeodeticPosition(latitudeDegrees: 48.20, longitudeDegrees: 3.50, heightMetres: 150)

    static func radar(
        _ sic: UInt8,
        _ site: GeodeticPosition,
        rangeSigma: Double = 30,
        azimuthSigmaDegrees: Double = 0.05
    ) -> SensorDescription {
        SensorDescription(
            id: SensorID(sac: 0, sic: sic),
            name: "R\(sic)",
            site: site,
            kind: .modeS,
            rotationPeriodSeconds: 4,
            rangeSigmaMetres: rangeSigma,
            azimuthSigma: azimuthSigmaDegrees * .pi / 180,
            maxRangeMetres: 300_000,
            modeCQuantumFeet: 25
        )
    }

    /// A straight-flying target: a line in the ENU frame of `siteA`, 8–11 km up, 150–250 m/s.
    struct Target {
        let start: SIMD3<Double>
        let velocity: SIMD3<Double>
        static let frame = LocalTangentPlane(origin: RegistrationTests.siteA)

        init(rng: inout SeededRandom) {
            let r = rng.uniform(30_000...200_000)
            let bearing = rng.uniform(0...(2 * .pi))
            start = SIMD3(r * sin(bearing), r * cos(bearing), rng.uniform(8_000...11_000))
            let heading = rng.uniform(0...(2 * .pi))
            let speed = rng.uniform(150...250)
            velocity = SIMD3(speed * sin(heading), speed * cos(heading), 0)
        }

        func position(at t: Double) -> GeodeticPosition { Self.frame.geodetic(of: ENUVector(start + velocity * t)) }

        /// The velocity ENU at the target's position at `t`, m/s.
        func velocityENU(at t: Double) -> ENUVector {
            let local = LocalTangentPlane(origin: position(at: t))
            return ENUVector(local.enu(of: position(at: t + 1)).vector - local.enu(of: position(at: t)).vector)
        }
    }

    /// A plot of `target` by `sensor` at true time `t`, with `bias` and Gaussian noise from the description.
    static func plot(
        _ target: Target,
        by sensor: SensorDescription,
        at t: Double,
        bias: RadarBias,
        rng: inout SeededRandom
    ) -> RadarPlot {
        let truth = target.position(at: t)
        let polar = RadarSite(antenna: sensor.site).polar(of: truth)
        let range =
            (1 + bias.rangeGainPPM * 1e-6) * polar.slantRangeMetres + bias.rangeOffsetMetres
            + sensor.rangeSigmaMetres * rng.gaussian()
        let azimuth = Angle.wrapToTwoPi(polar.azimuth + bias.azimuthOffset + sensor.azimuthSigma * rng.gaussian())
        return RadarPlot(
            time: t + bias.timeOffsetSeconds,
            sensor: sensor.id,
            slantRangeMetres: range,
            azimuth: azimuth,
            modeCFeet: truth.heightMetres / 0.3048,
            kind: .modeS
        )
    }

    /// 1 Hz ADS-B position reports of `target` for 600 s from `phase` (s), 5 m noise per axis, NACp 9.
    static func adsbReports(
        _ target: Target,
        address: ICAOAddress,
        phase: Double,
        rng: inout SeededRandom
    ) -> [SurveillanceInput] {
        var reports: [SurveillanceInput] = []
        var ta = phase
        while ta < 600 {
            let position = target.position(at: ta)
            let noise = ENUVector(east: 5 * rng.gaussian(), north: 5 * rng.gaussian(), up: 0)
            reports.append(
                .adsb(
                    ADSBReport(
                        time: ta,
                        address: address,
                        position: LocalTangentPlane(origin: position).geodetic(of: noise),
                        barometricAltitudeFeet: (position.heightMetres / 0.3048 / 25).rounded() * 25,
                        nacP: 9
                    )
                )
            )
            ta += 1
        }
        return reports
    }

    /// The default configuration solving every minute instead of every 20 s (fewer solutions for the debug build).
    static var configuration: RegistrationConfiguration {
        var c = RegistrationConfiguration()
        c.solveIntervalSeconds = 60
        return c
    }

    /// An estimator with the test configuration holding `sensor`.
    static func estimator(holding sensor: SensorDescription) -> BiasEstimator {
        var estimator = BiasEstimator(configuration: configuration)
        estimator.addRadar(sensor)
        return estimator
    }

    /// Drives `inputs` through a ``TrackingLoop`` around `engine`, finished as the pipeline does; its estimates.
    static func registrationThroughLoop<E: TrackingEngine>(
        _ engine: E,
        _ inputs: [SurveillanceInput]
    ) -> [RadarRegistrationEstimate] {
        var loop = TrackingLoop(engine: engine)
        for input in inputs { loop.push(input) { _ in } }
        loop.finish { _ in }
        return loop.engine.registrationEstimates
    }

    /// Feeds `minutes` of ADS-B-referenced plots (40 targets, one plot each per 4 s scan) to `estimator`,
    /// updating it every scan; the bias may change at `jumpTime`.
    static func runWithADSB(
        _ estimator: inout BiasEstimator,
        sensor: SensorDescription,
        minutes: Double,
        bias: RadarBias,
        biasAfterJump: RadarBias? = nil,
        jumpTime: Double = .infinity,
        referenceSigma: Double = 5,
        rng: inout SeededRandom,
        afterUpdate: (BiasEstimator, _ now: Double, _ solved: Bool) -> Void = { _, _, _ in }
    ) {
        let targets = (0..<40).map { _ in Target(rng: &rng) }
        var t = 0.0
        while t < minutes * 60 {
            for (k, target) in targets.enumerated() {
                let tk = t + 4 * Double(k) / Double(targets.count)
                let b = tk >= jumpTime ? (biasAfterJump ?? bias) : bias
                let p = plot(target, by: sensor, at: tk, bias: b, rng: &rng)
                // The ADS-B-fused reference at the plot's reported time, with its own (NACp) noise.
                let truth = target.position(at: p.time)
                let noise = ENUVector(
                    east: referenceSigma * rng.gaussian(),
                    north: referenceSigma * rng.gaussian(),
                    up: 0
                )
                let reference = LocalTangentPlane(origin: truth).geodetic(of: noise)
                estimator.addReference(
                    plot: p,
                    reference: reference,
                    velocity: target.velocityENU(at: p.time),
                    referenceSigmaMetres: referenceSigma
                )
            }
            t += 4
            let solved = estimator.update(now: t)
            afterUpdate(estimator, t, solved)
        }
    }

    @Test("The estimator equals the closed-form weighted least-squares solution on a hand-made geometry")
    func closedForm() throws {
        // Five absolute observations with hand-chosen ranges and range/azimuth rates (all different, so every
        // component is determined) and noise of at most 1 σ (every Huber weight is 1).
        let rows: [(rho: Double, rhoDot: Double, thetaDot: Double, noise: SIMD2<Double>)] = [
            (40_000, 200, 0.004, SIMD2(10, -0.0004)), (80_000, -150, -0.002, SIMD2(-25, 0.0007)),
            (120_000, 50, 0.0015, SIMD2(5, 0.0002)), (160_000, -220, 0.0008, SIMD2(20, -0.0008)),
            (200_000, 0, -0.0012, SIMD2(-12, 0.0001)),
        ]
        let sigmaRange = 30.0
        let sigmaAzimuth = 0.001
        let truth = RadarBias(rangeOffsetMetres: 150, rangeGainPPM: 400, azimuthOffset: 0.002, timeOffsetSeconds: 0.3)
        var configuration = RegistrationConfiguration()
        // A prior 10⁶ times wider than the default: its information (10⁻¹⁴ of the data's) is negligible.
        configuration.priorSigma *= 1e6
        var estimator = BiasEstimator(configuration: configuration)
        estimator.addRadar(Self.radar(1, Self.siteA))
        var normal = Matrix<4, 4>.zero
        var rhs = Vector<4>.zero
        let w = SIMD3(1 / (sigmaRange * sigmaRange), 0, 1 / (sigmaAzimuth * sigmaAzimuth))
        for (i, row) in rows.enumerated() {
            let h = SIMD8(1, 1e-6 * row.rho, 0, -row.rhoDot, 0, 0, 1, -row.thetaDot)
            let hb = truth.vector
            let z = SIMD2((h.lowHalf * hb).sum(), (h.highHalf * hb).sum()) + row.noise
            estimator.add(
                RegistrationObservation(
                    time: Double(i),
                    radarA: 0,
                    z: z,
                    jacobianA: h,
                    information: w,
                    rangeA: row.rho,
                    azimuthA: Double(i),
                    groundSpeed: 200
                )
            )
            // The closed form: N = Σ Hᵀ W H, g = Σ Hᵀ W z, b̂ = N⁻¹ g (W diagonal here).
            for k in 0..<4 {
                rhs[k] += h[k] * w[0] * z[0] + h[4 + k] * w[2] * z[1]
                for l in 0..<4 { normal[k, l] += h[k] * w[0] * h[l] + h[4 + k] * w[2] * h[4 + l] }
            }
        }
        estimator.solve(now: 10)
        let factor = try #require(normal.cholesky())
        let expected = factor.solve(rhs)
        let covariance = factor.inverse
        let e = try #require(estimator.estimates.first)
        for c in BiasComponent.allCases {
            let k = c.rawValue
            // Two independent Cholesky solutions of a system of condition ~10⁸ after scaling: 10⁻⁷ relative.
            let value = try #require(e.value(c))
            #expect(value.isClose(to: expected[k], relativeTolerance: 1e-7), "\(c): \(value) vs \(expected[k])")
            let sigma = try #require(e.standardDeviation(c))
            #expect(sigma.isClose(to: covariance[k, k].squareRoot(), relativeTolerance: 1e-7), "\(c) σ")
        }
        // The whole 4×4 covariance (the jump test between solutions uses it), correlations included: the range
        // offset and gain of these ranges are strongly correlated.
        let reported = try #require(estimator.covariance(for: Self.radar(1, Self.siteA).id))
        for k in 0..<4 {
            for l in 0..<4 {
                let scale = (covariance[k, k] * covariance[l, l]).squareRoot()
                #expect(abs(reported[k, l] - covariance[k, l]) <= 1e-7 * scale, "covariance [\(k), \(l)]")
            }
        }
        #expect(abs(covariance[0, 1]) / (covariance[0, 0] * covariance[1, 1]).squareRoot() > 0.5)
        // And the noise-free part: the closed form itself lies within 3 σ of the truth.
        for k in 0..<4 { #expect(abs(expected[k] - truth.vector[k]) < 3 * covariance[k, k].squareRoot()) }
    }

    @Test("Five radars solved jointly equal the closed-form solution, each radar's 4×4 covariance block included")
    func closedFormFiveRadars() throws {
        // 20 unknowns: the factorisation's vectorised inner products run full four-lane steps and tails.
        var rng = SeededRandom(seed: 31)
        var configuration = RegistrationConfiguration()
        configuration.priorSigma *= 1e6  // negligible prior, as in the one-radar closed form
        var estimator = BiasEstimator(configuration: configuration)
        let sensors = (1...5).map { Self.radar(UInt8($0), Self.siteA) }
        for s in sensors { estimator.addRadar(s) }
        let truth: [SIMD4<Double>] = (0..<5).map { (i: Int) -> SIMD4<Double> in
            let x = Double(i)
            return SIMD4<Double>(100 + 20 * x, 300 - 50 * x, 0.001 * (x - 2), 0.1 * x)
        }
        let w = SIMD3(1 / (30.0 * 30.0), 0, 1 / (0.001 * 0.001))
        func row() -> SIMD8<Double> {
            SIMD8(
                1,
                1e-6 * rng.uniform(20_000...250_000),
                0,
                -rng.uniform(-250...250),
                0,
                0,
                1,
                -rng.uniform(-0.004...0.004)
            )
        }
        var normal = Matrix<20, 20>.zero
        var rhs = Vector<20>.zero
        var time = 0.0
        func add(_ a: Int, _ ha: SIMD8<Double>, _ b: Int, _ hb: SIMD8<Double>) {
            let za = SIMD2<Double>((ha.lowHalf * truth[a]).sum(), (ha.highHalf * truth[a]).sum())
            var zb = SIMD2<Double>.zero
            if b >= 0 { zb = SIMD2<Double>((hb.lowHalf * truth[b]).sum(), (hb.highHalf * truth[b]).sum()) }
            // Noise within ±0.8 σ: every Huber weight is 1.
            let noise = SIMD2<Double>(30 * rng.uniform(-0.8...0.8), 0.001 * rng.uniform(-0.8...0.8))
            let z = za + zb + noise
            estimator.add(
                RegistrationObservation(
                    time: time,
                    radarA: a,
                    radarB: b,
                    z: z,
                    jacobianA: ha,
                    jacobianB: hb,
                    information: w,
                    rangeA: 1e5,
                    azimuthA: time,
                    rangeB: 1e5,
                    azimuthB: time,
                    groundSpeed: 200
                )
            )
            time += 1
            // The stacked row [H_a | H_b] of the 20-column system.
            var h0 = [Double](repeating: 0, count: 20)
            var h1 = [Double](repeating: 0, count: 20)
            for k in 0..<4 {
                h0[4 * a + k] += ha[k]
                h1[4 * a + k] += ha[4 + k]
                if b >= 0 {
                    h0[4 * b + k] += hb[k]
                    h1[4 * b + k] += hb[4 + k]
                }
            }
            for k in 0..<20 {
                rhs[k] += h0[k] * w[0] * z[0] + h1[k] * w[2] * z[1]
                for l in 0..<20 { normal[k, l] += h0[k] * w[0] * h0[l] + h1[k] * w[2] * h1[l] }
            }
        }
        for a in 0..<5 {
            for _ in 0..<6 { add(a, row(), -1, .zero) }
            for b in (a + 1)..<5 { for _ in 0..<3 { add(a, row(), b, -row()) } }
        }
        estimator.solve(now: time)
        let factor = try #require(normal.cholesky())
        let expected = factor.solve(rhs)
        let covariance = factor.inverse
        for (i, sensor) in sensors.enumerated() {
            let e = try #require(estimator.estimate(for: sensor.id))
            let block = try #require(estimator.covariance(for: sensor.id))
            for c in BiasComponent.allCases {
                let k = c.rawValue
                let value = try #require(e.value(c))
                let scale = covariance[4 * i + k, 4 * i + k].squareRoot()
                #expect(abs(value - expected[4 * i + k]) <= 1e-6 * scale, "radar \(i) \(c)")
                for l in 0..<4 {
                    let cov = covariance[4 * i + k, 4 * i + l]
                    let s = (covariance[4 * i + k, 4 * i + k] * covariance[4 * i + l, 4 * i + l]).squareRoot()
                    #expect(abs(block[k, l] - cov) <= 1e-7 * s, "radar \(i) covariance [\(k), \(l)]")
                }
            }
        }
    }

    @Test("A single radar without ADS-B reports every bias unobservable, and applies no correction")
    func singleRadarUnobservable() throws {
        var estimator = BiasEstimator()
        let sensor = Self.radar(1, Self.siteA)
        estimator.addRadar(sensor)
        var rng = SeededRandom(seed: 18)
        let target = Target(rng: &rng)
        // Its own plots cannot be paired with themselves: no data.
        let a = Self.plot(target, by: sensor, at: 0, bias: .zero, rng: &rng)
        let b = Self.plot(target, by: sensor, at: 4, bias: .zero, rng: &rng)
        let paired = estimator.addCommonTarget(a, b, heightMetres: 9000, velocity: target.velocityENU(at: 0))
        #expect(!paired)
        estimator.solve(now: 10)
        let e = try #require(estimator.estimate(for: sensor.id))
        for c in BiasComponent.allCases {
            #expect(e.value(c) == nil, "\(c) must be unobservable")
            #expect(e.standardDeviation(c) == nil)
        }
        #expect(!e.converged)
        #expect(estimator.correction(for: sensor.id) == .zero)
        // The JSON says so with nulls, not numbers.
        let json = RadarRegistrationEstimate.json(estimator.estimates)
        #expect(json.contains("\"radar_id\": \"0/1\""))
        #expect(json.contains("\"range_offset_m\": null, \"range_offset_m_sigma\": null"))
        #expect(json.contains("\"azimuth_offset_deg\": null") && json.contains("\"converged\": false"))
        #expect(e.summaryLine.contains("range offset unobservable, gain unobservable"))
    }

    @Test("With ADS-B but only hovering targets the time offset is unobservable; the other biases are estimated")
    func timeOffsetNeedsMovingTargets() throws {
        var estimator = BiasEstimator()
        let sensor = Self.radar(1, Self.siteA)
        estimator.addRadar(sensor)
        var rng = SeededRandom(seed: 7)
        let truth = RadarBias(rangeOffsetMetres: 180, rangeGainPPM: 500, azimuthOffsetDegrees: 0.12)
        for i in 0..<2000 {
            let r = 20_000 + Double(i % 50) * 3_600
            let az = Double(i % 37) * 0.17
            let position = LocalTangentPlane(origin: Self.siteA).geodetic(
                of: ENUVector(east: r * sin(az), north: r * cos(az), up: 9000)
            )
            let polar = RadarSite(antenna: Self.siteA).polar(of: position)
            let p = RadarPlot(
                time: Double(i),
                sensor: sensor.id,
                slantRangeMetres: (1 + 5e-4) * polar.slantRangeMetres + 180 + 30 * rng.gaussian(),
                azimuth: Angle.wrapToTwoPi(polar.azimuth + truth.azimuthOffset + sensor.azimuthSigma * rng.gaussian()),
                kind: .modeS
            )
            estimator.addReference(
                plot: p,
                reference: position,
                velocity: ENUVector(east: 0, north: 0, up: 0),
                referenceSigmaMetres: 5
            )
        }
        estimator.solve(now: 2000)
        let e = try #require(estimator.estimate(for: sensor.id))
        #expect(e.value(.timeOffset) == nil)
        #expect(!e.converged)
        for c in [BiasComponent.rangeOffset, .rangeGain, .azimuthOffset] {
            let value = try #require(e.value(c))
            let sigma = try #require(e.standardDeviation(c))
            #expect(abs(value - truth.vector[c.rawValue]) < 3 * sigma, "\(c): \(value) ± \(sigma)")
        }
    }

    @Test(
        "With simulated noise and ADS-B the true biases lie within 3σ, within the required accuracy",
        arguments: [
            UInt64(1), 2, 3,
        ]
    )
    func adsbReference(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let sensor = Self.radar(1, Self.siteA)
        var estimator = Self.estimator(holding: sensor)
        let truth = RadarBias(
            rangeOffsetMetres: 180,
            rangeGainPPM: 500,
            azimuthOffsetDegrees: 0.12,
            timeOffsetSeconds: 0.3
        )
        Self.runWithADSB(&estimator, sensor: sensor, minutes: 30, bias: truth, rng: &rng)
        let e = try #require(estimator.estimate(for: sensor.id))
        #expect(e.converged, "seed \(seed)")
        #expect(e.jumps == 0, "seed \(seed)")
        let limits = SIMD4(10, 100, 0.01 * Double.pi / 180, 0.020)
        for c in BiasComponent.allCases {
            let k = c.rawValue
            let value = try #require(e.value(c))
            let sigma = try #require(e.standardDeviation(c))
            let error = value - truth.vector[k]
            print("registration seed \(seed) \(c): error \(error * c.edgeUnitFactor) σ \(sigma * c.edgeUnitFactor)")
            #expect(abs(error) < 3 * sigma, "seed \(seed) \(c): error \(error), σ \(sigma)")
            #expect(abs(error) < limits[k], "seed \(seed) \(c)")
            #expect(e.isSignificant(c, significance: 3))
        }
        let correction = estimator.correction(for: sensor.id)
        #expect(correction.azimuthOffsetDegrees.isClose(to: 0.12, absoluteTolerance: 0.01))
    }

    @Test("A bias jump (north turned by 0.2° mid-run) is detected and re-estimated")
    func biasJump() throws {
        var rng = SeededRandom(seed: 42)
        let sensor = Self.radar(1, Self.siteA)
        var estimator = Self.estimator(holding: sensor)
        let before = RadarBias(rangeOffsetMetres: 100, azimuthOffsetDegrees: 0.05, timeOffsetSeconds: 0.1)
        var after = before
        after.azimuthOffset += 0.2 * .pi / 180
        Self.runWithADSB(
            &estimator,
            sensor: sensor,
            minutes: 25,
            bias: before,
            biasAfterJump: after,
            jumpTime: 600,
            rng: &rng
        )
        let e = try #require(estimator.estimate(for: sensor.id))
        #expect(e.jumps == 1)
        let jumpTime = try #require(e.lastJumpTime)
        // Converged and settled: the full solution every 180 s, the jump test every 60 s of data in between;
        // detected by the first of them after the jump (at most 64 s later).
        #expect(jumpTime > 600 && jumpTime <= 664, "detected at \(jumpTime)")
        let azimuth = try #require(e.value(.azimuthOffset))
        let sigma = try #require(e.standardDeviation(.azimuthOffset))
        print("registration jump detected at \(jumpTime) s; azimuth \(azimuth * 180 / .pi)° σ \(sigma * 180 / .pi)°")
        #expect(abs(azimuth - after.azimuthOffset) < 3 * sigma, "\(azimuth * 180 / .pi)° ± \(sigma * 180 / .pi)")
        #expect(e.converged)
        #expect(estimator.correction(for: sensor.id).azimuthOffsetDegrees.isClose(to: 0.25, absoluteTolerance: 0.01))
    }

    @Test(
        "Once every radar has converged the full solution runs every 180 s, and the jump test still every 60 s"
    )
    func settledCadence() throws {
        var rng = SeededRandom(seed: 7)
        let sensor = Self.radar(1, Self.siteA)
        var estimator = Self.estimator(holding: sensor)
        let truth = RadarBias(rangeOffsetMetres: 180, azimuthOffsetDegrees: 0.12, timeOffsetSeconds: 0.3)
        var solveTimes: [Double] = []
        var convergedAt: Double?
        Self.runWithADSB(&estimator, sensor: sensor, minutes: 15, bias: truth, rng: &rng) { e, now, solved in
            if solved { solveTimes.append(now) }
            if convergedAt == nil, e.estimates[0].converged { convergedAt = now }
        }
        // Settled once converged and past the first `considerSeconds` (300 s) of registration (first update: 4 s).
        let settled = Swift.max(try #require(convergedAt), 4 + Self.configuration.considerSeconds)
        let before = solveTimes.filter { $0 <= settled }
        let after = solveTimes.filter { $0 > settled }
        // Unsettled: the startup and regular cadences (4 s, 60 s); settled: 180 s.
        #expect(zip(before, before.dropFirst()).allSatisfy { $1 - $0 <= 60 }, "\(before)")
        #expect(after.count >= 3, "\(after)")
        #expect(zip(after, after.dropFirst()).allSatisfy { $1 - $0 == 180 }, "\(after)")
        // No jump: the test between solutions allows for the solution's own uncertainty (λ with N P N).
        #expect(estimator.estimates[0].jumps == 0)
    }

    @Test("Without ADS-B, common targets against a reference radar recover the other radar's biases")
    func relativeToReference() throws {
        var rng = SeededRandom(seed: 5)
        let a = Self.radar(1, Self.siteA)
        let b = Self.radar(2, Self.siteB)
        var estimator = BiasEstimator(configuration: Self.configuration)
        estimator.addRadar(a, isReference: true)
        estimator.addRadar(b)
        let truth = RadarBias(
            rangeOffsetMetres: 180,
            rangeGainPPM: 500,
            azimuthOffsetDegrees: 0.12,
            timeOffsetSeconds: 0.3
        )
        let targets = (0..<40).map { _ in Target(rng: &rng) }
        var t = 0.0
        while t < 1800 {
            for (k, target) in targets.enumerated() {
                let ta = t + 4 * Double(k) / 40
                let pa = Self.plot(target, by: a, at: ta, bias: .zero, rng: &rng)
                let pb = Self.plot(target, by: b, at: ta + 1.3, bias: truth, rng: &rng)
                let height = try #require(pa.modeCFeet) * 0.3048
                estimator.addCommonTarget(pa, pb, heightMetres: height, velocity: target.velocityENU(at: ta))
            }
            t += 4
            estimator.update(now: t)
        }
        let ea = try #require(estimator.estimate(for: a.id))
        #expect(ea.isPinned && ea.bias == .zero)
        let e = try #require(estimator.estimate(for: b.id))
        let limits = SIMD4(20, 200, 0.02 * Double.pi / 180, 0.040)  // twice the ADS-B limits
        for c in BiasComponent.allCases {
            let k = c.rawValue
            let value = try #require(e.value(c))
            let sigma = try #require(e.standardDeviation(c))
            let error = value - truth.vector[k]
            print("registration relative \(c): error \(error * c.edgeUnitFactor) σ \(sigma * c.edgeUnitFactor)")
            #expect(abs(error) < 3 * sigma, "\(c): error \(error), σ \(sigma)")
            #expect(abs(error) < limits[k], "\(c)")
        }
    }

    @Test("A spoofed ADS-B target (2 km off) does not bias the estimate")
    func spoofedReferenceRejected() throws {
        var rng = SeededRandom(seed: 9)
        let sensor = Self.radar(1, Self.siteA)
        var estimator = Self.estimator(holding: sensor)
        let truth = RadarBias(rangeOffsetMetres: 180, azimuthOffsetDegrees: 0.12, timeOffsetSeconds: 0.3)
        Self.runWithADSB(&estimator, sensor: sensor, minutes: 10, bias: truth, rng: &rng)
        // Then a target whose ADS-B claims a position 2 km east of where it is, for the same 10 minutes.
        let spoofed = Target(rng: &rng)
        var t = 0.0
        while t < 600 {
            let p = Self.plot(spoofed, by: sensor, at: t, bias: truth, rng: &rng)
            let claimed = LocalTangentPlane(origin: spoofed.position(at: p.time)).geodetic(
                of: ENUVector(east: 2000, north: 0, up: 0)
            )
            estimator.addReference(
                plot: p,
                reference: claimed,
                velocity: spoofed.velocityENU(at: p.time),
                referenceSigmaMetres: 5
            )
            t += 4
        }
        estimator.solve(now: 600)
        let e = try #require(estimator.estimate(for: sensor.id))
        #expect(e.rejected >= 140, "rejected \(e.rejected)")
        for c in [BiasComponent.rangeOffset, .azimuthOffset] {
            let value = try #require(e.value(c))
            let sigma = try #require(e.standardDeviation(c))
            #expect(abs(value - truth.vector[c.rawValue]) < 3 * sigma, "\(c): \(value) ± \(sigma)")
        }
    }

    @Test(
        "The tracker in estimate mode recovers a radar's biases from its own ADS-B associations; off reports nothing",
        arguments: [RegistrationMode.off, .estimate, .correct]
    )
    func trackerCollectsADSBPairs(mode: RegistrationMode) throws {
        var rng = SeededRandom(seed: 11)
        let sensor = Self.radar(1, Self.siteA)
        let truth = RadarBias(rangeOffsetMetres: 180, azimuthOffsetDegrees: 0.12, timeOffsetSeconds: 0.3)
        let targets = (0..<20).map { _ in Target(rng: &rng) }
        var inputs: [SurveillanceInput] = []
        for (k, target) in targets.enumerated() {
            let address = ICAOAddress(UInt32(0x3C_0000 + k))
            var t = 4 * Double(k) / 20
            while t < 600 {
                var p = Self.plot(target, by: sensor, at: t, bias: truth, rng: &rng)
                p.address = address
                p.modeCFeet = (try #require(p.modeCFeet) / 25).rounded() * 25
                inputs.append(.radar(p))
                t += 4
            }
            inputs += Self.adsbReports(target, address: address, phase: 0.3 * Double(k) / 20, rng: &rng)
        }
        inputs.sort { $0.time < $1.time }
        var configuration = TrackerConfiguration()
        configuration.registration = mode
        var engine = makeTrackingEngine(
            TrackingConfiguration(tracker: configuration),
            sensors: [sensor],
            reference: Self.siteA
        )
        for input in inputs { engine.process(input) }
        engine.advance(to: 601)
        guard mode != .off else {
            #expect(engine.registrationEstimates.isEmpty)
            return
        }
        let e = try #require(engine.registrationEstimates.first)
        #expect(e.converged && e.jumps == 0, "\(e.summaryLine)")
        print("registration tracker \(mode): \(e.summaryLine)")
        for c in BiasComponent.allCases {
            let value = try #require(e.value(c))
            let sigma = try #require(e.standardDeviation(c))
            #expect(abs(value - truth.vector[c.rawValue]) < 3 * sigma, "\(c): \(value) ± \(sigma)")
        }
    }

    @Test(
        "Without ADS-B the tracker registers a radar to a reference radar from common Mode S targets (the reference from registrationReferences, or from the sensor's own flag)",
        arguments: [false, true]
    )
    func trackerCommonTargets(referenceFromSensor: Bool) throws {
        var rng = SeededRandom(seed: 12)
        var a = Self.radar(1, Self.siteA)
        a.isRegistrationReference = referenceFromSensor
        let b = Self.radar(2, Self.siteB)
        let truth = RadarBias(rangeOffsetMetres: 180, azimuthOffsetDegrees: 0.12, timeOffsetSeconds: 0.3)
        let targets = (0..<20).map { _ in Target(rng: &rng) }
        var inputs: [SurveillanceInput] = []
        for (k, target) in targets.enumerated() {
            let address = ICAOAddress(UInt32(0x3C_0000 + k))
            for (sensor, bias, phase) in [(a, RadarBias.zero, 0.0), (b, truth, 1.7)] {
                var t = 4 * Double(k) / 20 + phase
                while t < 600 {
                    var p = Self.plot(target, by: sensor, at: t, bias: bias, rng: &rng)
                    p.address = address
                    p.modeCFeet = (try #require(p.modeCFeet) / 25).rounded() * 25
                    inputs.append(.radar(p))
                    t += 4
                }
            }
        }
        inputs.sort { $0.time < $1.time }
        var configuration = TrackerConfiguration()
        configuration.registration = .estimate
        configuration.registrationReferences = referenceFromSensor ? [] : ["0/1"]
        var engine = makeTrackingEngine(
            TrackingConfiguration(tracker: configuration),
            sensors: [a, b],
            reference: Self.siteA
        )
        for input in inputs { engine.process(input) }
        engine.advance(to: 601)
        let estimates = engine.registrationEstimates
        try #require(estimates.count == 2)
        #expect(estimates[0].isReference && estimates[0].isPinned && estimates[0].bias == .zero)
        #expect(!estimates[1].isReference)
        let json = RadarRegistrationEstimate.json(estimates)
        #expect(json.contains(#""radar_id": "0/1", "range_offset_m": 0.0, "range_offset_m_sigma": 0.0"#), "\(json)")
        #expect(json.components(separatedBy: #""reference": true"#).count == 2, "one reference: \(json)")
        let e = estimates[1]
        print("registration tracker common targets: \(e.summaryLine)")
        #expect(e.jumps == 0)
        for c in [BiasComponent.rangeOffset, .azimuthOffset, .timeOffset] {
            let value = try #require(e.value(c))
            let sigma = try #require(e.standardDeviation(c))
            #expect(abs(value - truth.vector[c.rawValue]) < 3 * sigma, "\(c): \(value) ± \(sigma)")
        }
    }

    @Test(
        "An SSR radar (codes, no addresses) is registered against ADS-B through the Mode 3/A codes a Mode S radar saw"
    )
    func trackerSSRThroughModeA() throws {
        var rng = SeededRandom(seed: 13)
        let a = Self.radar(1, Self.siteA)
        var b = Self.radar(2, Self.siteB)
        b.kind = .ssr
        let truth = RadarBias(
            rangeOffsetMetres: 180,
            rangeGainPPM: 500,
            azimuthOffsetDegrees: 0.12,
            timeOffsetSeconds: 0.3
        )
        let targets = (0..<20).map { _ in Target(rng: &rng) }
        var inputs: [SurveillanceInput] = []
        for (k, target) in targets.enumerated() {
            let address = ICAOAddress(UInt32(0x3C_0000 + k))
            // Targets 0 and 1 squawk the same discrete code (ambiguous), target 2 squawks 7000 (conspicuity): the
            // SSR radar's plots of these three must find no address.
            let code = Mode3ACode(k == 1 ? 0o4000 : (k == 2 ? 0o7000 : UInt16(0o4000 + k)))
            for (sensor, bias, phase) in [(a, RadarBias.zero, 0.0), (b, truth, 1.7)] {
                var t = 4 * Double(k) / 20 + phase
                while t < 600 {
                    var p = Self.plot(target, by: sensor, at: t, bias: bias, rng: &rng)
                    p.address = sensor.kind == .modeS ? address : nil
                    p.kind = sensor.kind == .modeS ? .modeS : .secondary
                    p.modeA = code
                    p.modeCFeet = (try #require(p.modeCFeet) / 25).rounded() * 25
                    inputs.append(.radar(p))
                    t += 4
                }
            }
            inputs += Self.adsbReports(target, address: address, phase: 0.3 * Double(k) / 20, rng: &rng)
        }
        inputs.sort { $0.time < $1.time }
        var configuration = TrackerConfiguration()
        configuration.registration = .estimate
        let engine = makeTrackingEngine(
            TrackingConfiguration(tracker: configuration),
            sensors: [a, b],
            reference: Self.siteA
        )
        // Through the pipeline's loop: its end solves the registration on all the data (the settled cadence's
        // last solution is up to 180 s older).
        let estimates = Self.registrationThroughLoop(engine, inputs)
        try #require(estimates.count == 2)
        let e = estimates[1]
        print("registration tracker SSR via Mode A: \(e.summaryLine)")
        #expect(e.converged && e.jumps == 0, "\(e.summaryLine)")
        // 17 usable targets × 150 scans, less the ADS-B gaps: at least 2,000 observations, none from the three
        // targets without a usable code (20 × 150 = 3,000 would mean they were used).
        #expect(e.observations > 2_000 && e.observations <= 17 * 150, "\(e.observations) observations")
        for c in BiasComponent.allCases {
            let value = try #require(e.value(c))
            let sigma = try #require(e.standardDeviation(c))
            #expect(abs(value - truth.vector[c.rawValue]) < 3 * sigma, "\(c): \(value) ± \(sigma)")
        }
    }
}
