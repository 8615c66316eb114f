import SkyMath

/// A dense symmetric positive definite linear system `N x = g` of run-time size, for the registration normal
/// equations (4 unknowns per radar, so tens of unknowns). Row-major storage of the full matrix.
struct SymmetricSystem: Sendable {
    let n: Int
    var matrix: [Double]
    var rhs: [Double]

    init(size: Int) {
        n = size
        matrix = Array(repeating: 0, count: size * size)
        rhs = Array(repeating: 0, count: size)
    }

    subscript(i: Int, j: Int) -> Double {
        get { matrix[i * n + j] }
        set { matrix[i * n + j] = newValue }
    }

    /// Adds `w · Hᵀ W H` and `w · Hᵀ W z` of a 2-row observation block whose 4 columns start at `ca` (and `cb`;
    /// −1 for a radar held fixed).
    mutating func accumulate(_ o: RegistrationObservation, columnA ca: Int, columnB cb: Int, weight: Double) {
        let w = o.information * weight
        let n = self.n
        // Rows of Hᵀ W for each block: (W h_k) for column k.
        func weighted(_ h: SIMD8<Double>, _ k: Int) -> SIMD2<Double> {
            SIMD2(w[0] * h[k] + w[1] * h[4 + k], w[1] * h[k] + w[2] * h[4 + k])
        }
        matrix.withUnsafeMutableBufferPointer { m in
            rhs.withUnsafeMutableBufferPointer { g in
                // Block (ci, cj) of Hᵀ W H and block ci of Hᵀ W z (no per-observation arrays: this is the hot loop).
                @inline(__always) func block(_ ci: Int, _ hi: SIMD8<Double>, _ cj: Int, _ hj: SIMD8<Double>, rhs: Bool)
                {
                    for k in 0..<4 {
                        let whk = weighted(hi, k)
                        if rhs { g[ci + k] += whk[0] * o.z[0] + whk[1] * o.z[1] }
                        let row = (ci + k) * n + cj
                        for l in 0..<4 { m[row + l] += whk[0] * hj[l] + whk[1] * hj[4 + l] }
                    }
                }
                if ca >= 0 {
                    block(ca, o.jacobianA, ca, o.jacobianA, rhs: true)
                    if cb >= 0 { block(ca, o.jacobianA, cb, o.jacobianB, rhs: false) }
                }
                if cb >= 0 {
                    block(cb, o.jacobianB, cb, o.jacobianB, rhs: true)
                    if ca >= 0 { block(cb, o.jacobianB, ca, o.jacobianA, rhs: false) }
                }
            }
        }
    }

    /// The solution, the diagonal of `N⁻¹` (the variances) and its 4×4 diagonal blocks (each radar's covariance;
    /// `size` is a multiple of 4, a radar's unknowns are 4 consecutive columns), by Cholesky on the Jacobi-scaled
    /// matrix (`D N D`, `D = diag(N)^{-1/2}`: the unknowns mix metres, ppm, radians and seconds).
    /// - Returns: `nil` when the matrix is not positive definite.
    /// - Complexity: O(n³).
    func solve() -> (x: [Double], variance: [Double], blocks: [Matrix<4, 4>])? {
        var d = [Double](repeating: 0, count: n)
        for i in 0..<n {
            guard self[i, i] > 0 else { return nil }
            d[i] = 1 / self[i, i].squareRoot()
        }
        var l = [Double](repeating: 0, count: n * n)
        let positive = l.withUnsafeMutableBufferPointer { l in
            matrix.withUnsafeBufferPointer { m in
                let base = l.baseAddress!
                for j in 0..<n {
                    let s = m[j * n + j] * d[j] * d[j] - Self.dot(base + j * n, base + j * n, count: j)
                    guard s > 1e-14 else { return false }
                    let ljj = s.squareRoot()
                    l[j * n + j] = ljj
                    var i = j + 1
                    while i < n {
                        let t = m[i * n + j] * d[i] * d[j] - Self.dot(base + i * n, base + j * n, count: j)
                        l[i * n + j] = t / ljj
                        i += 1
                    }
                }
                return true
            }
        }
        guard positive else { return nil }
        func solveScaled(_ b: [Double]) -> [Double] {
            var y = b
            for i in 0..<n {
                var s = y[i]
                for k in 0..<i { s -= l[i * n + k] * y[k] }
                y[i] = s / l[i * n + i]
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var s = y[i]
                for k in (i + 1)..<Swift.max(n, i + 1) { s -= l[k * n + i] * y[k] }
                y[i] = s / l[i * n + i]
            }
            return y
        }
        let y = solveScaled((0..<n).map { rhs[$0] * d[$0] })
        let x = (0..<n).map { y[$0] * d[$0] }
        // N_s⁻¹ = L⁻ᵀ L⁻¹: (N_s⁻¹)_ij = (L⁻¹ e_i)·(L⁻¹ e_j), and L⁻¹ e_i is zero above row i, so one forward
        // substitution from row i per column (n³/6 multiply-adds in all, against 2n³ for n full solves); the four
        // columns of a radar are kept for its block's dot products.
        var variance = [Double](repeating: 0, count: n)
        var blocks = [Matrix<4, 4>](repeating: .zero, count: n / 4)
        var columns = [Double](repeating: 0, count: 4 * n)
        l.withUnsafeBufferPointer { l in
            columns.withUnsafeMutableBufferPointer { c in
                let lp = l.baseAddress!
                let cp = c.baseAddress!
                for i in 0..<n {
                    let base = (i % 4) * n
                    for r in 0..<i { c[base + r] = 0 }
                    c[base + i] = 1 / l[i * n + i]
                    var r = i + 1
                    while r < n {
                        let row = r * n
                        let t = -Self.dot(lp + row + i, cp + base + i, count: r - i)
                        c[base + r] = t / l[row + r]
                        r += 1
                    }
                    guard i % 4 == 3 else { continue }
                    let first = i - 3
                    for a in 0..<4 {
                        for b in a..<4 {
                            let from = first + b
                            let sum = Self.dot(cp + a * n + from, cp + b * n + from, count: n - from)
                            let value = sum * d[first + a] * d[first + b]
                            blocks[first / 4][a, b] = value
                            blocks[first / 4][b, a] = value
                        }
                        variance[first + a] = blocks[first / 4][a, a]
                    }
                }
            }
        }
        return (x, variance, blocks)
    }

    /// `Σ a[k] b[k]` for `k < count`, four lanes at a time (the factorisation's inner loops; a scalar loop does
    /// not vectorise, since floating-point addition is not reassociated).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        var sum = SIMD4<Double>.zero
        var k = 0
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        while k + 4 <= count {
            let offset = k * MemoryLayout<Double>.stride
            sum +=
                ra.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            k += 4
        }
        var total = sum.sum()
        while k < count {
            total += a[k] * b[k]
            k += 1
        }
        return total
    }
}
