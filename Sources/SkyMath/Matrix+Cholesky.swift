public import RealModule

/// The Cholesky factor `L` of a symmetric positive-definite matrix, `A = L·Lᵀ`, with `L` lower triangular.
///
/// Used for Kalman innovation covariances: the solve gives the gain, `log det` and the Mahalanobis distance
/// without forming an inverse. Golub & Van Loan, *Matrix Computations*, 4th ed., §4.2 (Cholesky–Banachiewicz).
@frozen
public struct CholeskyFactor<let N: Int>: Sendable {
    /// The lower-triangular factor; the strict upper triangle is zero.
    public var lower: Matrix<N, N>

    @inlinable
    init(lower: Matrix<N, N>) { self.lower = lower }

    /// Solves `A·x = b` by forward and back substitution.
    @inlinable
    public func solve(_ b: Vector<N>) -> Vector<N> {
        var y = b
        for i in 0..<N {
            var s = y[i]
            for k in 0..<i { s -= lower[i, k] * y[k] }
            y[i] = s / lower[i, i]
        }
        var x = y
        var i = N - 1
        while i >= 0 {
            var s = x[i]
            for k in (i + 1)..<N { s -= lower[k, i] * x[k] }
            x[i] = s / lower[i, i]
            i -= 1
        }
        return x
    }

    /// Solves `A·X = B` column by column.
    @inlinable
    public func solve<let M: Int>(_ b: Matrix<N, M>) -> Matrix<N, M> {
        var out = b
        for c in 0..<M {
            var col = Vector<N>(repeating: 0)
            for r in 0..<N { col[r] = b[r, c] }
            let x = solve(col)
            for r in 0..<N { out[r, c] = x[r] }
        }
        return out
    }

    /// The squared Mahalanobis length `bᵀ·A⁻¹·b`, computed as `|L⁻¹b|²`.
    @inlinable
    public func mahalanobisSquared(_ b: Vector<N>) -> Double {
        var y = b
        var d2 = 0.0
        for i in 0..<N {
            var s = y[i]
            for k in 0..<i { s -= lower[i, k] * y[k] }
            y[i] = s / lower[i, i]
            d2 += y[i] * y[i]
        }
        return d2
    }

    /// `log det A = 2 Σ log Lᵢᵢ`.
    @inlinable
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<N { s += Double.log(lower[i, i]) }
        return 2 * s
    }

    /// `det A = Π Lᵢᵢ²`.
    @inlinable
    public var determinant: Double {
        var p = 1.0
        for i in 0..<N { p *= lower[i, i] * lower[i, i] }
        return p
    }

    /// The inverse `A⁻¹` (symmetric).
    @inlinable
    public var inverse: Matrix<N, N> {
        var out = solve(Matrix<N, N>.identity)
        out.symmetrize()
        return out
    }
}

extension Matrix where Rows == Cols {
    /// The Cholesky factorisation `A = L·Lᵀ` of this symmetric matrix.
    ///
    /// Only the lower triangle is read.
    /// - Returns: `nil` when the matrix is not (numerically) positive definite: a pivot ≤ 0 or not finite.
    /// - Complexity: O(n³/3).
    @inlinable
    public func cholesky() -> CholeskyFactor<Rows>? {
        var l = Matrix<Rows, Rows>(repeating: 0)
        for j in 0..<Rows {
            var d = self[j, j]
            for k in 0..<j { d -= l[j, k] * l[j, k] }
            guard d > 0, d.isFinite else { return nil }
            let ljj = d.squareRoot()
            l[j, j] = ljj
            let inv = 1 / ljj
            for i in (j + 1)..<Rows {
                var s = self[i, j]
                for k in 0..<j { s -= l[i, k] * l[j, k] }
                l[i, j] = s * inv
            }
        }
        return CholeskyFactor(lower: l)
    }

    /// Solves `A·x = b` for symmetric positive-definite `A`.
    ///
    /// - Returns: `nil` when `A` is not positive definite.
    @inlinable
    public func solveSPD(_ b: Vector<Rows>) -> Vector<Rows>? {
        cholesky()?.solve(b)
    }

    /// The inverse of a symmetric positive-definite matrix.
    ///
    /// - Returns: `nil` when the matrix is not positive definite.
    @inlinable
    public func inverseSPD() -> Self? {
        cholesky()?.inverse
    }
}
