import RealModule

/// The three distance and longitude integrals of a geodesic on the auxiliary sphere (Karney 2013, eqs. 7, 8, 38),
/// as Fourier series in the arc length σ:
/// ```
/// I(σ) = ∫₀^σ g(σ′) dσ′ = a₀ σ + Σ_{l=1..6} c_l sin 2lσ
///   I₁: g = √(1 + k² sin²σ)                       s = b I₁
///   J : g = k² sin²σ / √(1 + k² sin²σ)            J = I₁ − I₂ (reduced length)
///   I₃: g = (2 − f) / (1 + (1 − f)√(1 + k² sin²σ))  λ = ω − f sin α₀ I₃
/// ```
/// with k² = e′² cos²α₀. Karney expands the coefficients as truncated Taylor series in ε = (√(1+k²) − 1)/(√(1+k²) + 1)
/// and the third flattening; here they are computed numerically instead, by an 8-point discrete cosine transform
/// of g (an even, π-periodic, analytic function): the coefficient of cos 2lσ decays like εˡ (ε ≤ 0.0017 on WGS 84),
/// so aliasing from harmonic 16 − l is ~ε¹⁰ and truncation after l = 6 is ~ε⁷ ≈ 4e-20: the series are exact to
/// rounding on WGS 84 and for flattenings up to about 1/150 (ε⁷ < 1e-16). This trades a few dozen multiplications
/// per evaluation for not carrying six-digit rational coefficient tables.
struct GeodesicIntegrals {
    /// Secular terms a₀ of I₁, J and I₃.
    var a1: Double, aJ: Double, a3: Double
    /// Coefficients c₁…c₆ of sin 2lσ (lanes 0…5; lanes 6, 7 zero).
    var c1: SIMD8<Double>, cJ: SIMD8<Double>, c3: SIMD8<Double>

    /// cos(l θ_j), θ_j = (j + ½)π/8, rows l = 0…6 (the DCT-II basis), and sin²σ_j = (1 − cos θ_j)/2.
    static let basis: [SIMD8<Double>] = (0...6).map { l in
        SIMD8((0..<8).map { j in Double.cos(Double(l) * (Double(j) + 0.5) * Double.pi / 8) })
    }
    static let sinSquared: SIMD8<Double> = (1 - basis[1]) / 2

    /// The integrals for the geodesic with k² = e′² cos²α₀ on an ellipsoid of flattening f.
    init(kSquared k2: Double, flattening f: Double) {
        let x = k2 * Self.sinSquared
        let root = (1 + x).squareRoot()
        let g1 = root
        let gJ = x / root
        let g3 = (2 - f) / (1 + (1 - f) * root)
        a1 = g1.sum() / 8
        aJ = gJ.sum() / 8
        a3 = g3.sum() / 8
        c1 = .zero
        cJ = .zero
        c3 = .zero
        for l in 1...6 {
            // cos-coefficient (2/8) Σ g_j cos(lθ_j), integrated: ÷ 2l for sin 2lσ.
            let w = Self.basis[l] / Double(8 * l)
            c1[l - 1] = (g1 * w).sum()
            cJ[l - 1] = (gJ * w).sum()
            c3[l - 1] = (g3 * w).sum()
        }
    }

    /// Σ_{l=1..6} c_l sin 2lσ by Clenshaw summation, from sin σ and cos σ.
    static func sineSeries(_ c: SIMD8<Double>, sin s: Double, cos co: Double) -> Double {
        let y = 2 * (co - s) * (co + s)  // 2 cos 2σ
        var b1 = 0.0
        var b2 = 0.0
        for l in stride(from: 5, through: 0, by: -1) {
            let b0 = c[l] + y * b1 - b2
            b2 = b1
            b1 = b0
        }
        return b1 * 2 * s * co  // b₁ sin 2σ
    }

    /// I₁(σ₂) − I₁(σ₁) given σ₁₂ = σ₂ − σ₁ and the sines and cosines of the ends.
    func distance(sigma12: Double, _ s1: Double, _ c1s: Double, _ s2: Double, _ c2s: Double) -> Double {
        a1 * sigma12 + Self.sineSeries(c1, sin: s2, cos: c2s) - Self.sineSeries(c1, sin: s1, cos: c1s)
    }

    /// J(σ₂) − J(σ₁).
    func reducedLengthIntegral(sigma12: Double, _ s1: Double, _ c1s: Double, _ s2: Double, _ c2s: Double) -> Double {
        aJ * sigma12 + Self.sineSeries(cJ, sin: s2, cos: c2s) - Self.sineSeries(cJ, sin: s1, cos: c1s)
    }

    /// I₃(σ₂) − I₃(σ₁).
    func longitudeIntegral(sigma12: Double, _ s1: Double, _ c1s: Double, _ s2: Double, _ c2s: Double) -> Double {
        a3 * sigma12 + Self.sineSeries(c3, sin: s2, cos: c2s) - Self.sineSeries(c3, sin: s1, cos: c1s)
    }

    /// σ such that I₁(σ) = `target`, by Newton's method (I₁′ = √(1 + k² sin²σ) ≥ 1; quadratic convergence from
    /// σ = target / a₁, three or four steps to rounding).
    func sigma(distanceIntegral target: Double, kSquared k2: Double) -> Double {
        var sigma = target / a1
        for _ in 0..<8 {
            let s = Double.sin(sigma)
            let c = Double.cos(sigma)
            let value = a1 * sigma + Self.sineSeries(c1, sin: s, cos: c)
            let step = (value - target) / (1 + k2 * s * s).squareRoot()
            sigma -= step
            if abs(step) < 1e-15 * Swift.max(1, abs(sigma)) { break }
        }
        return sigma
    }
}
