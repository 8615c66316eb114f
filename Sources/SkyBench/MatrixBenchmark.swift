import SkyMath

/// The covariance prediction of a 6-state filter, `F·P·Fᵀ + Q`, the innermost operation of every track update.
enum MatrixBenchmark {
    static func run(_ arguments: [String]) {
        // Constant-acceleration-like F for dt = 4 s, P and Q symmetric positive definite.
        let dt = 4.0
        var f = Matrix<6, 6>.identity
        f[0, 1] = dt
        f[0, 2] = dt * dt / 2
        f[1, 2] = dt
        f[3, 4] = dt
        f[3, 5] = dt * dt / 2
        f[4, 5] = dt
        var p = Matrix<6, 6> { r, c in r == c ? 100.0 + Double(r) : 1.0 / Double(1 + r + c) }
        let q = Matrix<6, 6> { r, c in r == c ? 0.5 : 0 }
        var scale = 1.0
        Harness.measure("6x6 F·P·Fᵀ + Q (congruence, symmetrised)") {
            // Feed the result back (scaled) so each iteration depends on the last and cannot be hoisted.
            p = scale * (p.congruence(by: f) + q)
            scale = 1 / (1 + p[0, 0] * 1e-30)
            p[0, 0] = 100
        }
        Harness.measure("6x6 F·P·Fᵀ + Q (plain products)") {
            p = scale * (f * p * f.transposed + q)
            p[0, 0] = 100
        }
        var s = Matrix<3, 3> { r, c in r == c ? 4.0 : 0.5 }
        Harness.measure("3x3 Cholesky + solve") {
            let x = s.solveSPD(Vector<3>([1, 2, 3]))!
            s[0, 0] = 4 + x[0] * 1e-30
        }
        blackHole(p)
        blackHole(s)
    }
}
