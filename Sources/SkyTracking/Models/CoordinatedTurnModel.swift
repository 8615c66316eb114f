import RealModule
public import SkyMath

/// The coordinated-turn motion model with a known, fixed turn rate on the plane: a linear model, so that an IMM
/// can cover turns with a pair of modes (left and right) without a turn-rate state.
///
/// State `[x, y, vx, vy]`, turn rate ω (rad/s, positive = counter-clockwise, i.e. a left turn with x east and
/// y north). Bar-Shalom, Li & Kirubarajan 2001, §11.7.1:
/// ```
///        | 1  0   sin ωT/ω     −(1 − cos ωT)/ω |
/// F(T) = | 0  1  (1 − cos ωT)/ω   sin ωT/ω     |
///        | 0  0   cos ωT          −sin ωT      |
///        | 0  0   sin ωT           cos ωT      |
/// ```
/// Process noise: the continuous white-noise acceleration `Q(T)` of ``ConstantVelocityModel`` with intensity
/// `noiseIntensity` (m²/s³), covering the mismatch between the true and the modelled turn rate.
public struct CoordinatedTurnModel: Sendable {
    /// Turn rate, rad/s (positive counter-clockwise).
    public var turnRate: Double
    /// Acceleration noise intensity, m²/s³.
    public var noiseIntensity: Double

    /// A model turning at `turnRate` rad/s with noise intensity `noiseIntensity` m²/s³.
    public init(turnRate: Double, noiseIntensity: Double) {
        self.turnRate = turnRate
        self.noiseIntensity = noiseIntensity
    }

    /// The transition matrix `F(T)`.
    public func transitionMatrix(_ dt: Double) -> Matrix<4, 4> {
        let w = turnRate
        guard abs(w * dt) > 1e-9 else { return ConstantVelocityModel(noiseIntensity: 0).transitionMatrix(dt) }
        let s = Double.sin(w * dt)
        let c = Double.cos(w * dt)
        var f = Matrix<4, 4>.identity
        f[0, 2] = s / w
        f[0, 3] = -(1 - c) / w
        f[1, 2] = (1 - c) / w
        f[1, 3] = s / w
        f[2, 2] = c
        f[2, 3] = -s
        f[3, 2] = s
        f[3, 3] = c
        return f
    }

    /// The prediction over `dt` seconds (`dt` may be slightly negative within a batch; noise uses `|dt|`).
    public func predict(_ state: PlaneState, by dt: Double) -> PlaneState {
        let f = transitionMatrix(dt)
        var p = state.covariance.congruence(by: f)
        p += ConstantVelocityModel(noiseIntensity: noiseIntensity).processNoise(abs(dt))
        return PlaneState(mean: f * state.mean, covariance: p)
    }
}
