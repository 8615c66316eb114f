public import SkyMath

/// The nearly-constant-velocity motion model on the plane (continuous white-noise acceleration).
///
/// State `[x, y, vx, vy]`. Bar-Shalom, Li & Kirubarajan, *Estimation with Applications to Tracking and
/// Navigation* (2001), §6.2.2:
/// ```
/// F(Δt) = | I  Δt·I |      Q(Δt) = q · | Δt³/3·I  Δt²/2·I |
///         | 0    I  |                  | Δt²/2·I    Δt·I   |
/// ```
/// `q` is the power spectral density of the acceleration noise, m²/s³ per axis. As a rule of thumb
/// `√(q/Δt)` is the RMS acceleration over a revisit `Δt`: q = 1 m²/s³ covers the drift of cruising
/// aircraft; q ≈ 50–100 m²/s³ a rate-one turn (≈ 3 °/s at 250 m/s, ≈ 13 m/s² over ≈ 4 s revisits).
public struct ConstantVelocityModel: Sendable {
    /// Acceleration noise power spectral density per axis, m²/s³.
    public var noiseIntensity: Double

    /// A model with acceleration noise intensity `noiseIntensity`, m²/s³.
    @inlinable
    public init(noiseIntensity: Double) { self.noiseIntensity = noiseIntensity }

    /// The transition matrix `F(Δt)`.
    @inlinable
    public func transitionMatrix(_ dt: Double) -> Matrix<4, 4> {
        var f = Matrix<4, 4>.identity
        f[0, 2] = dt
        f[1, 3] = dt
        return f
    }

    /// The process noise `Q(Δt)`, covariance units of the state.
    @inlinable
    public func processNoise(_ dt: Double) -> Matrix<4, 4> {
        let q = noiseIntensity
        let a = q * dt * dt * dt / 3
        let b = q * dt * dt / 2
        let c = q * dt
        var m = Matrix<4, 4>.zero
        m[0, 0] = a
        m[1, 1] = a
        m[0, 2] = b
        m[2, 0] = b
        m[1, 3] = b
        m[3, 1] = b
        m[2, 2] = c
        m[3, 3] = c
        return m
    }

    /// The prediction `x⁻ = F·x`, `P⁻ = F·P·Fᵀ + Q` over `dt` seconds (written out for the block structure).
    ///
    /// `dt` may be negative (retrodiction by a few milliseconds when plots of one batch are not in time order);
    /// the noise then uses `|dt|`.
    @inlinable
    public func predict(_ s: PlaneState, by dt: Double) -> PlaneState {
        var out = s
        out.mean[0] += dt * s.mean[2]
        out.mean[1] += dt * s.mean[3]
        // F·P·Fᵀ with F = [I dt·I; 0 I]: P11 += dt(P13 + P31) + dt² P33 etc., element-wise on the blocks.
        let p = s.covariance
        var n = p
        for r in 0..<2 {
            for c in 0..<2 {
                // Position–position block.
                n[r, c] = p[r, c] + dt * (p[r, c + 2] + p[r + 2, c]) + dt * dt * p[r + 2, c + 2]
                // Position–velocity blocks.
                n[r, c + 2] = p[r, c + 2] + dt * p[r + 2, c + 2]
                n[r + 2, c] = p[r + 2, c] + dt * p[r + 2, c + 2]
            }
        }
        let adt = abs(dt)
        n += processNoise(adt)
        n.symmetrize()
        out.covariance = n
        return out
    }
}
