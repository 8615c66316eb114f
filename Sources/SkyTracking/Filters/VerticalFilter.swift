/// The vertical state of a track from Mode C: height and vertical rate with their covariance.
///
/// A nearly-constant-velocity Kalman filter in one dimension (Bar-Shalom, Li & Kirubarajan 2001, §6.2.2):
/// ```
/// F = |1 Δt|,  Q = q |Δt³/3 Δt²/2|,  H = [1 0],  R = σ²(quantum) + σ²(Mode C)
///     |0  1|         |Δt²/2   Δt |
/// ```
/// Heights are metres above the ellipsoid as the benchmark geometry defines them (barometric altitude
/// taken as geometric height), rates m/s.
@frozen
public struct VerticalState: Sendable, BitwiseCopyable {
    /// Height, metres.
    public var height: Double
    /// Vertical rate, m/s (positive up).
    public var rate: Double
    /// Covariance elements: var(h) m², cov(h, ḣ) m²/s, var(ḣ) m²/s².
    public var p00: Double, p01: Double, p11: Double
    /// Whether any Mode C has been received.
    public var isValid: Bool

    /// No height known.
    public static let none = VerticalState(height: 0, rate: 0, p00: 0, p01: 0, p11: 0, isValid: false)

    /// A state from a first Mode C height, with vertical-rate standard deviation `rateSigma` m/s.
    @inlinable
    public init(firstHeight h: Double, variance r: Double, rateSigma: Double) {
        self.init(height: h, rate: 0, p00: r, p01: 0, p11: rateSigma * rateSigma, isValid: true)
    }

    @inlinable
    init(height: Double, rate: Double, p00: Double, p01: Double, p11: Double, isValid: Bool) {
        self.height = height
        self.rate = rate
        self.p00 = p00
        self.p01 = p01
        self.p11 = p11
        self.isValid = isValid
    }

    /// The prediction over `dt` seconds with acceleration noise intensity `q` (m²/s³).
    @inlinable
    public func predicted(by dt: Double, noiseIntensity q: Double) -> VerticalState {
        var s = self
        let a = abs(dt)
        s.height += dt * rate
        s.p00 = p00 + 2 * dt * p01 + dt * dt * p11 + q * a * a * a / 3
        s.p01 = p01 + dt * p11 + q * a * a / 2
        s.p11 = p11 + q * a
        return s
    }

    /// The update with a measured height `z` (metres) of variance `r` (m²).
    @inlinable
    public mutating func update(height z: Double, variance r: Double) {
        let s = p00 + r
        let k0 = p00 / s
        let k1 = p01 / s
        let nu = z - height
        height += k0 * nu
        rate += k1 * nu
        let n00 = p00 - k0 * p00
        let n01 = p01 - k0 * p01
        let n11 = p11 - k1 * p01
        p00 = n00
        p01 = n01
        p11 = n11
    }
}
