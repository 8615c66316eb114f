import Foundation
import SkyMath
import SkyTestSupport
import SkyTracking
import Testing

struct AccelerationIMMFilterTests {
    static let filter = AccelerationIMMFilter(
        modes: [
            .init(.constantVelocity, noiseIntensity: 0.5), .init(.constantAcceleration, noiseIntensity: 0.1),
            .init(.constantVelocity, noiseIntensity: 60),
        ],
        onsetAccelerationSigma: 2,
        leaveQuietRate: 1.0 / 120,
        returnToQuietRate: 1.0 / 30
    )

    /// Flies straight for 60 s, then accelerates at 2 m/s² along track for 60 s (σ = 30 m plots every 2 s):
    /// the CA mode must take over and the velocity must follow without the constant-velocity lag.
    @Test("acceleration IMM follows a sustained along-track acceleration")
    func sustainedAcceleration() throws {
        let f = Self.filter
        var rng = SeededRandom(seed: 11)
        let sigma = 30.0
        let R = Matrix<2, 2>(diagonal: Vector<2>([sigma * sigma, sigma * sigma]))
        var state = f.initiate(PlanePositionMeasurement(position: .zero, covariance: R), velocitySigma: 300)
        var x = 0.0
        var v = 150.0
        var t = 0.0
        var caProbability: [Double] = []
        var speedErrors: [Double] = []
        while t < 120 {
            let a = t >= 60 ? 2.0 : 0.0
            x += v * 2 + 0.5 * a * 4
            v += a * 2
            t += 2
            let z = Vector<2>([x + sigma * rng.gaussian(), sigma * rng.gaussian()])
            state = try #require(
                f.update(f.predict(state, by: 2), with: PlanePositionMeasurement(position: z, covariance: R))
            )
            if t > 90 {
                caProbability.append(state.probabilities[1])
                speedErrors.append(f.estimate(state).mean[2] - v)
            }
        }
        let meanProbability = caProbability.reduce(0, +) / Double(caProbability.count)
        let meanSpeedError = speedErrors.reduce(0, +) / Double(speedErrors.count)
        #expect(meanProbability > 0.5, "seed \(rng.seed): CA-mode probability \(meanProbability)")
        // A CV filter with q = 0.5 m²/s³ lags a 2 m/s² acceleration by ≈ a·τ ≈ 2 · 8 s = 16 m/s here; the CA mode
        // removes the lag down to the estimate noise (a few m/s).
        #expect(abs(meanSpeedError) < 4, "seed \(rng.seed): mean speed error \(meanSpeedError) m/s")
    }

    @Test("acceleration IMM covariances stay symmetric positive definite")
    func covarianceStaysPositiveDefinite() throws {
        let f = Self.filter
        var rng = SeededRandom(seed: 12)
        let R = Matrix<2, 2>(diagonal: Vector<2>([400, 90_000]))
        var state = f.initiate(PlanePositionMeasurement(position: .zero, covariance: R), velocitySigma: 450)
        for step in 1...300 {
            let z = Vector<2>([Double(step) * 300 + 20 * rng.gaussian(), 300 * rng.gaussian()])
            let dt = rng.uniform(0.05...8)
            state = try #require(
                f.update(f.predict(state, by: dt), with: PlanePositionMeasurement(position: z, covariance: R))
            )
            let p = f.estimate(state).covariance
            #expect(p.isSymmetric(tolerance: 1e-6 * p.trace) && p.cholesky() != nil, "seed \(rng.seed) step \(step)")
        }
    }
}
