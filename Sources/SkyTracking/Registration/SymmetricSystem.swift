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

    /// Adds `w · Hᵀ W H` and `w · Hᵀ W z` of a 2-row observation block whose 4 columns start at `ca` (and `cb`).
    mutating func accumulate(_ o: RegistrationObservation, columnA ca: Int, columnB cb: Int, weight: Double) {
        // Columns of the stacked H = [H_a H_b] with their global index (−1: a fixed reference radar).
        var cols = [(Int, SIMD2<Double>)]()
        cols.reserveCapacity(8)
        for k in 0..<4 {
            if ca >= 0 { cols.append((ca + k, SIMD2(o.jacobianA[k], o.jacobianA[4 + k]))) }
            if cb >= 0 { cols.append((cb + k, SIMD2(o.jacobianB[k], o.jacobianB[4 + k]))) }
        }
        let w = o.information * weight
        for (i, hi) in cols {
            // (W h_i): the information times column i.
            let whi = SIMD2(w[0] * hi.x + w[1] * hi.y, w[1] * hi.x + w[2] * hi.y)
            rhs[i] += (whi * o.z).sum()
            for (j, hj) in cols { matrix[i * n + j] += (whi * hj).sum() }
        }
    }

    /// The solution and the diagonal of `N⁻¹` (the variances), by Cholesky on the Jacobi-scaled matrix
    /// (`D N D`, `D = diag(N)^{-1/2}`: the unknowns mix metres, ppm, radians and seconds).
    /// - Returns: `nil` when the matrix is not positive definite.
    /// - Complexity: O(n³).
    func solve() -> (x: [Double], variance: [Double])? {
        var d = [Double](repeating: 0, count: n)
        for i in 0..<n {
            guard self[i, i] > 0 else { return nil }
            d[i] = 1 / self[i, i].squareRoot()
        }
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var s = self[j, j] * d[j] * d[j]
            for k in 0..<j { s -= l[j * n + k] * l[j * n + k] }
            guard s > 1e-14 else { return nil }
            let ljj = s.squareRoot()
            l[j * n + j] = ljj
            for i in (j + 1)..<Swift.max(n, j + 1) {
                var t = self[i, j] * d[i] * d[j]
                for k in 0..<j { t -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = t / ljj
            }
        }
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
        var variance = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[i] = 1
            variance[i] = solveScaled(e)[i] * d[i] * d[i]
        }
        return (x, variance)
    }
}
