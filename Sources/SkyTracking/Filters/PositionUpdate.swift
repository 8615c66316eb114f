public import SkyMath

/// The Kalman update shared by every state whose first two elements are the plane position `[x, y, …]`
/// (``PlaneState``, ``TurnState``, ``AccelerationState``): one kernel, generic over the state size.
///
/// ```
/// ν = z − H·x⁻,  S = H·P⁻·Hᵀ + R,  K = P⁻·Hᵀ·S⁻¹          H = [I₂ 0]
/// x = x⁻ + K·ν,  P = (I − K·H)·P⁻·(I − K·H)ᵀ + K·R·Kᵀ      (Joseph form)
/// ```
/// The Joseph form keeps `P` symmetric positive semi-definite under rounding, where the short form
/// `P⁻ − K·S·Kᵀ` can lose definiteness by cancellation when `R` is much smaller than `P⁻` in one direction
/// (a plot near the radar, whose cross-range variance `d²σ²_az` tends to 0).
/// - Returns: the posterior mean and covariance, the squared Mahalanobis distance `νᵀS⁻¹ν` and `det S` (m⁴);
///   `nil` when `S` is not positive definite.
@inlinable
func positionUpdate<let N: Int>(
    mean: Vector<N>,
    covariance p: Matrix<N, N>,
    with m: PlanePositionMeasurement
) -> (mean: Vector<N>, covariance: Matrix<N, N>, d2: Double, detS: Double)? {
    let s00 = p[0, 0] + m.covariance[0, 0]
    let s01 = p[0, 1] + m.covariance[0, 1]
    let s11 = p[1, 1] + m.covariance[1, 1]
    let det = s00 * s11 - s01 * s01
    guard det > 0, det.isFinite, s00 > 0 else { return nil }
    let i00 = s11 / det
    let i01 = -s01 / det
    let i11 = s00 / det
    let n0 = m.position[0] - mean[0]
    let n1 = m.position[1] - mean[1]
    let d2 = n0 * (i00 * n0 + i01 * n1) + n1 * (i01 * n0 + i11 * n1)
    // K = P[:, 0..1] · S⁻¹ (N×2); A = I − K·H is the identity with columns 0 and 1 reduced by K.
    var k = Matrix<N, 2>.zero
    var a = Matrix<N, N>.identity
    var x = mean
    for r in 0..<N {
        k[r, 0] = p[r, 0] * i00 + p[r, 1] * i01
        k[r, 1] = p[r, 0] * i01 + p[r, 1] * i11
        x[r] += k[r, 0] * n0 + k[r, 1] * n1
        a[r, 0] -= k[r, 0]
        a[r, 1] -= k[r, 1]
    }
    var covariance = p.congruence(by: a)
    covariance += m.covariance.congruence(by: k)
    covariance.symmetrize()
    return (x, covariance, d2, det)
}

/// The moment-matched collapse of two weighted Gaussians (IMM mixing and output):
/// ```
/// m = (wa·ma + wb·mb)/(wa + wb),  P = Σ uᵢ·(Pᵢ + (mᵢ − m)(mᵢ − m)ᵀ)
/// ```
@inlinable
func momentMatched<let N: Int>(
    _ ma: Vector<N>,
    _ pa: Matrix<N, N>,
    _ wa: Double,
    _ mb: Vector<N>,
    _ pb: Matrix<N, N>,
    _ wb: Double
) -> (mean: Vector<N>, covariance: Matrix<N, N>) {
    let w = wa + wb
    let ua = wa / w
    let ub = wb / w
    let m = ua * ma + ub * mb
    let da = ma - m
    let db = mb - m
    var p = ua * pa + ub * pb
    p += ua * da.outer(da)
    p += ub * db.outer(db)
    p.symmetrize()
    return (m, p)
}

/// The horizontal marginal `[x, y, vx, vy]` of a state whose first four elements are position and velocity.
@inlinable
func planeMarginal<let N: Int>(mean: Vector<N>, covariance: Matrix<N, N>) -> PlaneState {
    var m = Vector<4>.zero
    var p = Matrix<4, 4>.zero
    for r in 0..<4 {
        m[r] = mean[r]
        for c in 0..<4 { p[r, c] = covariance[r, c] }
    }
    return PlaneState(mean: m, covariance: p)
}
