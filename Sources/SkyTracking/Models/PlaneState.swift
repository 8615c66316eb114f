public import SkyMath

/// A Gaussian horizontal state on the system plane: mean `[x, y, vx, vy]` and its covariance.
///
/// Frame: the stereographic system plane about the scenario reference point (x east, y north, metres;
/// velocities m/s). Covariance units: m², m²/s, m²/s².
@frozen
public struct PlaneState: Sendable, BitwiseCopyable {
    /// Mean `[x, y, vx, vy]`: metres and metres per second.
    public var mean: Vector<4>
    /// Covariance of `mean` (symmetric positive definite).
    public var covariance: Matrix<4, 4>

    /// A state from its mean and covariance.
    @inlinable
    public init(mean: Vector<4>, covariance: Matrix<4, 4>) {
        self.mean = mean
        self.covariance = covariance
    }

    /// The position `[x, y]`, metres.
    @inlinable public var position: SIMD2<Double> { SIMD2(mean[0], mean[1]) }
    /// The velocity `[vx, vy]`, m/s.
    @inlinable public var velocity: SIMD2<Double> { SIMD2(mean[2], mean[3]) }

    /// The 2×2 position block of the covariance, m².
    @inlinable
    public var positionCovariance: Matrix<2, 2> {
        var p = Matrix<2, 2>.zero
        p[0, 0] = covariance[0, 0]
        p[0, 1] = covariance[0, 1]
        p[1, 0] = covariance[1, 0]
        p[1, 1] = covariance[1, 1]
        return p
    }
}

/// A plane position measurement: a converted plot on the system plane with its covariance.
@frozen
public struct PlanePositionMeasurement: Sendable, BitwiseCopyable {
    /// Position `[x, y]` on the system plane, metres.
    public var position: Vector<2>
    /// Measurement covariance `R`, m² (symmetric positive definite).
    public var covariance: Matrix<2, 2>

    /// A measurement from its position and covariance.
    @inlinable
    public init(position: Vector<2>, covariance: Matrix<2, 2>) {
        self.position = position
        self.covariance = covariance
    }
}
