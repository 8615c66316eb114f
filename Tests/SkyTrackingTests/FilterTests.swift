import Foundation
import SkyMath
import SkyTestSupport
import SkyTracking
import Testing

struct KalmanFilterTests {
    /// Steady-state gain of the CV Kalman filter against the fixed point of the discrete algebraic Riccati
    /// equation `P = F(P − PHᵀ(HPHᵀ + r)⁻¹HP)Fᵀ + Q`, iterated here in scalar form for one axis (independent of
    /// the Matrix code). The gain is read from the filter's response to noisy measurements.
    @Test("steady-state Kalman gain equals the Riccati fixed point")
    func steadyStateGain() throws {
        let T = 4.0
        let q = 2.0
        let r = 50.0 * 50.0
        // Scalar per-axis Riccati iteration on the prediction covariance [a b; b c].
        var a = 1e6
        var b = 0.0
        var c = 1e4
        for _ in 0..<2_000 {
            // Update.
            let s = a + r
            let ua = a - a * a / s
            let ub = b - a * b / s
            let uc = c - b * b / s
            // Predict: F = [1 T; 0 1], Q = q[T³/3 T²/2; T²/2 T].
            a = ua + 2 * T * ub + T * T * uc + q * T * T * T / 3
            b = ub + T * uc + q * T * T / 2
            c = uc + q * T
        }
        let alpha = a / (a + r)
        let beta = b / (a + r) * T

        let filter = KalmanFilter(model: ConstantVelocityModel(noiseIntensity: q))
        var m = PlanePositionMeasurement(position: .zero, covariance: Matrix<2, 2>(diagonal: Vector<2>([r, r])))
        var state = filter.initiate(m, velocitySigma: 100)
        var gain = 0.0
        var gainV = 0.0
        var rng = SeededRandom(seed: 11)
        for _ in 1...500 {
            let predicted = filter.predict(state, by: T)
            m.position = Vector<2>([50 * rng.gaussian(), 0])
            let updated = try #require(filter.update(predicted, with: m))
            // Gain from the response to a unit innovation on x: Δx = K ν.
            let nu = m.position[0] - predicted.mean[0]
            gain = (updated.mean[0] - predicted.mean[0]) / nu
            gainV = (updated.mean[2] - predicted.mean[2]) / nu * T
            state = updated
        }
        // Both converge geometrically; after 500 steps they agree to round-off.
        #expect(gain.isClose(to: alpha, relativeTolerance: 1e-9), "α \(gain) vs Riccati \(alpha)")
        #expect(gainV.isClose(to: beta, relativeTolerance: 1e-9), "β \(gainV) vs Riccati \(beta)")
        // Stability region of an α–β filter (Kalata 1984): 0 < α < 1, 0 < β < 4 − 2α.
        #expect(alpha > 0 && alpha < 1 && beta > 0 && beta < 4 - 2 * alpha)
    }

    /// After convergence the posterior covariance is stationary, symmetric and positive definite.
    @Test("steady-state covariance is symmetric positive definite and stationary")
    func stationaryCovariance() throws {
        let filter = KalmanFilter(model: ConstantVelocityModel(noiseIntensity: 1))
        var m = PlanePositionMeasurement(
            position: .zero,
            covariance: Matrix<2, 2>(diagonal: Vector<2>([900, 2500]))
        )
        var state = filter.initiate(m, velocitySigma: 300)
        var previous = state.covariance
        for k in 1...400 {
            m.position = Vector<2>([Double(k) * 10, 0])
            state = try #require(filter.update(filter.predict(state, by: 2), with: m))
            if k < 400 { previous = state.covariance }
        }
        #expect(state.covariance.isSymmetric(tolerance: 1e-9))
        #expect(state.covariance.cholesky() != nil)
        #expect(state.covariance.maxAbsDifference(to: previous) < 1e-6)
    }
}

struct IMMFilterTests {
    /// A target flies straight for 120 s, turns at 3 °/s for 40 s, then flies straight: the manoeuvre mode's
    /// probability must be low before, rise above 0.5 in the turn and fall back after it.
    @Test("IMM mode probability switches on a manoeuvre")
    func modeSwitching() throws {
        let filter = IMMFilter(
            quietNoiseIntensity: 0.5,
            manoeuvreNoiseIntensity: 60,
            quietToManoeuvreRate: 1.0 / 120,
            manoeuvreToQuietRate: 1.0 / 30
        )
        var rng = SeededRandom(seed: 20_251_126)
        let sigma = 40.0
        let R = Matrix<2, 2>(diagonal: Vector<2>([sigma * sigma, sigma * sigma]))
        var position = SIMD2<Double>(0, 0)
        var velocity = SIMD2<Double>(220, 0)
        var state = filter.initiate(PlanePositionMeasurement(position: .zero, covariance: R), velocitySigma: 300)
        let T = 4.0
        var before: [Double] = []
        var during: [Double] = []
        var after: [Double] = []
        var t = 0.0
        while t < 280 {
            // Truth integration over one revisit in 0.1 s steps.
            for _ in 0..<40 {
                if t >= 120 && t < 160 {
                    let w = -3.0 * .pi / 180 * 0.1
                    velocity = SIMD2(
                        cos(w) * velocity.x - sin(w) * velocity.y,
                        sin(w) * velocity.x + cos(w) * velocity.y
                    )
                }
                position += velocity * 0.1
                t += 0.1
            }
            let z = Vector<2>([position.x + sigma * rng.gaussian(), position.y + sigma * rng.gaussian()])
            state = try #require(
                filter.update(filter.predict(state, by: T), with: PlanePositionMeasurement(position: z, covariance: R))
            )
            if t > 60 && t < 120 { before.append(state.manoeuvreProbability) }
            if t > 132 && t < 160 { during.append(state.manoeuvreProbability) }
            if t > 220 { after.append(state.manoeuvreProbability) }
        }
        let meanBefore = before.reduce(0, +) / Double(before.count)
        let meanDuring = during.reduce(0, +) / Double(during.count)
        let meanAfter = after.reduce(0, +) / Double(after.count)
        #expect(meanBefore < 0.3, "seed \(rng.seed): μ(manoeuvre) before the turn \(meanBefore)")
        #expect(meanDuring > 0.5, "seed \(rng.seed): μ(manoeuvre) in the turn \(meanDuring)")
        #expect(meanAfter < 0.3, "seed \(rng.seed): μ(manoeuvre) after the turn \(meanAfter)")
    }
}

struct TurnRateIMMFilterTests {
    /// In a steady 3 °/s turn the turn mode dominates and its turn-rate estimate converges to the true rate.
    @Test("turn-rate IMM estimates the turn rate of a steady turn")
    func turnRateEstimate() throws {
        let filter = TurnRateIMMFilter(
            quietNoiseIntensity: 0.5,
            turnNoiseIntensity: 4,
            turnRateNoiseIntensity: 1e-5,
            manoeuvreNoiseIntensity: 60,
            leaveQuietRate: 1.0 / 120,
            returnToQuietRate: 1.0 / 30
        )
        var rng = SeededRandom(seed: 3)
        let sigma = 30.0
        let R = Matrix<2, 2>(diagonal: Vector<2>([sigma * sigma, sigma * sigma]))
        var position = SIMD2<Double>(0, 0)
        var velocity = SIMD2<Double>(200, 0)
        var state = filter.initiate(PlanePositionMeasurement(position: .zero, covariance: R), velocitySigma: 300)
        let omega = 3.0 * .pi / 180  // left (counter-clockwise) turn after 60 s of straight flight
        var t = 0.0
        var turnProbability: [Double] = []
        var rateEstimate: [Double] = []
        while t < 180 {
            for _ in 0..<40 {
                if t >= 60 {
                    let w = omega * 0.1
                    velocity = SIMD2(
                        cos(w) * velocity.x - sin(w) * velocity.y,
                        sin(w) * velocity.x + cos(w) * velocity.y
                    )
                }
                position += velocity * 0.1
                t += 0.1
            }
            let z = Vector<2>([position.x + sigma * rng.gaussian(), position.y + sigma * rng.gaussian()])
            state = try #require(
                filter.update(filter.predict(state, by: 4), with: PlanePositionMeasurement(position: z, covariance: R))
            )
            if t > 120 {
                turnProbability.append(state.probabilities[1])
                rateEstimate.append(state.estimates[1].mean[4])
            }
        }
        let meanProbability = turnProbability.reduce(0, +) / Double(turnProbability.count)
        let meanRate = rateEstimate.reduce(0, +) / Double(rateEstimate.count)
        #expect(meanProbability > 0.5, "seed \(rng.seed): turn-mode probability \(meanProbability)")
        // Within 10 % of the true rate: the estimate's noise at σ = 30 m and 4 s revisits is a few percent.
        #expect(meanRate.isClose(to: omega, relativeTolerance: 0.1), "seed \(rng.seed): ω̂ \(meanRate) vs \(omega)")
    }
}

struct LateralAccelerationModeTests {
    /// A lateral-acceleration mode turns the velocity at ω = a / v: a 3 m/s² mode rotates a 60 m/s velocity by
    /// 0.2 rad in 4 s and a 240 m/s one by 0.05 rad; with a velocity σ above the speed (a young track) the rate
    /// uses the σ instead, so the turn stays gentle.
    @Test("lateral-acceleration turn mode turns at a / speed")
    func turnRateFromSpeed() throws {
        let filter = IMMFilter(
            modes: [IMMFilter.Mode(lateralAcceleration: 3, noiseIntensity: 0)],
            leaveQuietRate: 1.0 / 120,
            returnToQuietRate: 1.0 / 30
        )
        let R = Matrix<2, 2>(diagonal: Vector<2>([100, 100]))
        let cases: [(speed: Double, velocityVariance: Double, expectedRate: Double)] = [
            (60, 1, 3.0 / 60), (240, 1, 3.0 / 240), (60, 40_000, 3.0 / 200),
        ]
        for (speed, velocityVariance, expectedRate) in cases {
            var state = filter.initiate(PlanePositionMeasurement(position: .zero, covariance: R), velocitySigma: 1)
            var mean = Vector<4>.zero
            mean[2] = speed
            var covariance = Matrix<4, 4>.identity
            covariance[2, 2] = velocityVariance / 2
            covariance[3, 3] = velocityVariance / 2
            state.estimates[0] = PlaneState(mean: mean, covariance: covariance)
            let predicted = filter.predict(state, by: 4).estimates[0]
            let heading = atan2(predicted.mean[3], predicted.mean[2])
            #expect(heading.isClose(to: expectedRate * 4, relativeTolerance: 1e-9), "v \(speed): heading \(heading)")
            // Speed is kept and the position follows the arc: chord 2 (v/ω) sin(ωT/2) at half the turn angle.
            let w = expectedRate
            #expect(hypot(predicted.mean[2], predicted.mean[3]).isClose(to: speed, relativeTolerance: 1e-12))
            let chord = 2 * speed / w * sin(w * 4 / 2)
            #expect(hypot(predicted.mean[0], predicted.mean[1]).isClose(to: chord, relativeTolerance: 1e-9))
        }
    }

    /// The same bank angle flown by a slow and a fast aircraft: a 4 m/s² (22° bank) left turn at 60 m/s
    /// (3.8 °/s) and at 230 m/s (1.0 °/s). The matching left-turn mode carries the IMM in both.
    @Test("IMM with lateral-acceleration modes follows the same bank angle at two speeds")
    func bankAngleAtTwoSpeeds() throws {
        let filter = IMMFilter(
            modes: [
                IMMFilter.Mode(noiseIntensity: 0.5), IMMFilter.Mode(lateralAcceleration: 4, noiseIntensity: 1),
                IMMFilter.Mode(lateralAcceleration: -4, noiseIntensity: 1), IMMFilter.Mode(noiseIntensity: 60),
            ],
            leaveQuietRate: 1.0 / 120,
            returnToQuietRate: 1.0 / 30
        )
        for speed in [60.0, 230.0] {
            var rng = SeededRandom(seed: 77)
            let sigma = 30.0
            let R = Matrix<2, 2>(diagonal: Vector<2>([sigma * sigma, sigma * sigma]))
            var position = SIMD2<Double>(0, 0)
            var velocity = SIMD2<Double>(speed, 0)
            var state = filter.initiate(PlanePositionMeasurement(position: .zero, covariance: R), velocitySigma: 300)
            let omega = 4 / speed
            var t = 0.0
            var leftProbability: [Double] = []
            while t < 160 {
                for _ in 0..<40 {
                    if t >= 40 {
                        let w = omega * 0.1
                        velocity = SIMD2(
                            cos(w) * velocity.x - sin(w) * velocity.y,
                            sin(w) * velocity.x + cos(w) * velocity.y
                        )
                    }
                    position += velocity * 0.1
                    t += 0.1
                }
                let z = Vector<2>([position.x + sigma * rng.gaussian(), position.y + sigma * rng.gaussian()])
                state = try #require(
                    filter.update(
                        filter.predict(state, by: 4),
                        with: PlanePositionMeasurement(position: z, covariance: R)
                    )
                )
                if t > 80 { leftProbability.append(state.probabilities[1]) }
            }
            let mean = leftProbability.reduce(0, +) / Double(leftProbability.count)
            #expect(mean > 0.5, "v \(speed) m/s: left-turn mode probability \(mean)")
        }
    }
}
