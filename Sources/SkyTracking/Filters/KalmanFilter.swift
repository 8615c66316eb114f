import SkyMath

/// The linear Kalman filter on the plane with the nearly-constant-velocity model and converted position
/// measurements (Bar-Shalom, Li & Kirubarajan 2001, §5.2).
public struct KalmanFilter: TrackFilter {
    /// The motion model.
    public var model: ConstantVelocityModel

    /// A filter with the given motion model.
    public init(model: ConstantVelocityModel) { self.model = model }

    public typealias State = PlaneState

    public func initiate(_ measurement: PlanePositionMeasurement, velocitySigma: Double) -> PlaneState {
        var p = Matrix<4, 4>.zero
        p[0, 0] = measurement.covariance[0, 0]
        p[0, 1] = measurement.covariance[0, 1]
        p[1, 0] = measurement.covariance[1, 0]
        p[1, 1] = measurement.covariance[1, 1]
        p[2, 2] = velocitySigma * velocitySigma
        p[3, 3] = velocitySigma * velocitySigma
        var x = Vector<4>.zero
        x[0] = measurement.position[0]
        x[1] = measurement.position[1]
        return PlaneState(mean: x, covariance: p)
    }

    @inlinable
    public func predict(_ state: PlaneState, by dt: Double) -> PlaneState { model.predict(state, by: dt) }

    @inlinable
    public func estimate(_ state: PlaneState) -> PlaneState { state }

    @inlinable
    public func update(_ predicted: PlaneState, with measurement: PlanePositionMeasurement) -> PlaneState? {
        predicted.updated(with: measurement)?.state
    }

    public func update(
        _ predicted: PlaneState,
        with measurements: UnsafeBufferPointer<PlanePositionMeasurement>,
        weights: UnsafeBufferPointer<Double>,
        missWeight: Double
    ) -> PlaneState? {
        PlaneState.pdaUpdate(predicted, measurements: measurements, weights: weights, missWeight: missWeight)?.state
    }
}

extension PlaneState {
    /// The PDA update of one Gaussian: each measurement's Kalman posterior, plus the prediction for "none",
    /// collapsed with the given weights.
    ///
    /// - Returns: the collapsed posterior and the weighted measurement likelihood `Σ wᵢ N(νᵢ; 0, Sᵢ) / Σ wᵢ`
    ///   (for IMM mode probabilities); `nil` on numerical failure.
    @inlinable
    static func pdaUpdate(
        _ predicted: PlaneState,
        measurements: UnsafeBufferPointer<PlanePositionMeasurement>,
        weights: UnsafeBufferPointer<Double>,
        missWeight: Double
    ) -> (state: PlaneState, likelihood: Double)? {
        var acc = predicted
        var accWeight = missWeight
        var lik = 0.0
        var likWeight = 0.0
        for i in 0..<measurements.count where weights[i] > 0 {
            guard let u = predicted.updated(with: measurements[i]) else { return nil }
            lik += weights[i] * likelihood(d2: u.d2, detS: u.detS)
            likWeight += weights[i]
            acc = accWeight > 0 ? collapse(acc, accWeight, u.state, weights[i]) : u.state
            accWeight += weights[i]
        }
        return (acc, likWeight > 0 ? lik / likWeight : 0)
    }
}
