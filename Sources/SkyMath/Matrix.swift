/// A dense, fixed-size matrix of `Double`, stored column-major inline (no heap allocation).
///
/// Sized for the state vectors of surveillance filters (up to about 9×9). Dimensions are part of the type,
/// so a dimension mismatch is a compile error:
/// ```
/// let F: Matrix<6, 6>, P: Matrix<6, 6>, Q: Matrix<6, 6>
/// let predicted = F * P * F.transposed + Q     // Matrix<6, 6>
/// ```
/// The storage is `InlineArray<Cols, InlineArray<Rows, Double>>`; the subscript uses `_modify` so that
/// in-place updates do not copy a column (measured: see README, "Benchmarks").
@frozen
public struct Matrix<let Rows: Int, let Cols: Int> {
    /// Column-major storage: `columns[c][r]` is the element at row `r`, column `c`.
    public var columns: InlineArray<Cols, InlineArray<Rows, Double>>

    /// A matrix with every element equal to `value`.
    @inlinable
    public init(repeating value: Double) {
        columns = InlineArray(repeating: InlineArray(repeating: value))
    }

    /// The zero matrix.
    @inlinable
    public static var zero: Self { Self(repeating: 0) }

    /// A matrix whose elements are given by `element(row, column)`.
    @inlinable
    public init(_ element: (_ row: Int, _ column: Int) -> Double) {
        self.init(repeating: 0)
        for c in 0..<Cols {
            for r in 0..<Rows { columns[c][r] = element(r, c) }
        }
    }

    /// A matrix from row-major nested literals, e.g. `Matrix<2, 2>(rows: [[1, 2], [3, 4]])`.
    ///
    /// - Precondition: `rows.count == Rows` and every row has `Cols` elements.
    @inlinable
    public init(rows: [[Double]]) {
        precondition(rows.count == Rows, "Matrix(rows:): expected \(Rows) rows, got \(rows.count)")
        self.init(repeating: 0)
        for r in 0..<Rows {
            precondition(rows[r].count == Cols, "Matrix(rows:): row \(r) has \(rows[r].count) elements, not \(Cols)")
            for c in 0..<Cols { columns[c][r] = rows[r][c] }
        }
    }

    /// The element at `row`, `column` (both zero-based).
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { columns[column][row] }
        _modify { yield &columns[column][row] }
    }

    /// The number of rows.
    @inlinable public static var rowCount: Int { Rows }
    /// The number of columns.
    @inlinable public static var columnCount: Int { Cols }

    /// The transpose, `Aᵀ`.
    @inlinable
    public var transposed: Matrix<Cols, Rows> {
        var out = Matrix<Cols, Rows>(repeating: 0)
        for c in 0..<Cols {
            for r in 0..<Rows { out.columns[r][c] = columns[c][r] }
        }
        return out
    }

    /// Element-wise sum.
    @inlinable
    public static func + (lhs: Self, rhs: Self) -> Self {
        var out = lhs
        for c in 0..<Cols {
            for r in 0..<Rows { out.columns[c][r] += rhs.columns[c][r] }
        }
        return out
    }

    /// Element-wise difference.
    @inlinable
    public static func - (lhs: Self, rhs: Self) -> Self {
        var out = lhs
        for c in 0..<Cols {
            for r in 0..<Rows { out.columns[c][r] -= rhs.columns[c][r] }
        }
        return out
    }

    /// In-place element-wise sum.
    @inlinable
    public static func += (lhs: inout Self, rhs: Self) {
        for c in 0..<Cols {
            for r in 0..<Rows { lhs.columns[c][r] += rhs.columns[c][r] }
        }
    }

    /// In-place element-wise difference.
    @inlinable
    public static func -= (lhs: inout Self, rhs: Self) {
        for c in 0..<Cols {
            for r in 0..<Rows { lhs.columns[c][r] -= rhs.columns[c][r] }
        }
    }

    /// Scalar multiple.
    @inlinable
    public static func * (lhs: Double, rhs: Self) -> Self {
        var out = rhs
        for c in 0..<Cols {
            for r in 0..<Rows { out.columns[c][r] *= lhs }
        }
        return out
    }

    /// Matrix product `A·B`.
    ///
    /// - Complexity: O(Rows × Cols × K).
    @inlinable
    public static func * <let K: Int>(lhs: Self, rhs: Matrix<Cols, K>) -> Matrix<Rows, K> {
        var out = Matrix<Rows, K>(repeating: 0)
        for k in 0..<K {
            for c in 0..<Cols {
                let b = rhs.columns[k][c]
                for r in 0..<Rows { out.columns[k][r] += lhs.columns[c][r] * b }
            }
        }
        return out
    }

    /// Matrix–vector product `A·x`.
    @inlinable
    public static func * (lhs: Self, rhs: Vector<Cols>) -> Vector<Rows> {
        var out = Vector<Rows>(repeating: 0)
        for c in 0..<Cols {
            let b = rhs.elements[c]
            for r in 0..<Rows { out.elements[r] += lhs.columns[c][r] * b }
        }
        return out
    }

    /// The product `A·Bᵀ` without forming `Bᵀ`.
    @inlinable
    public func multipliedByTransposeOf<let K: Int>(_ rhs: Matrix<K, Cols>) -> Matrix<Rows, K> {
        var out = Matrix<Rows, K>(repeating: 0)
        for k in 0..<K {
            for c in 0..<Cols {
                let b = rhs.columns[c][k]
                for r in 0..<Rows { out.columns[k][r] += columns[c][r] * b }
            }
        }
        return out
    }

    /// The largest absolute element-wise difference to `other` (a max-norm distance, for tests and checks).
    @inlinable
    public func maxAbsDifference(to other: Self) -> Double {
        var m = 0.0
        for c in 0..<Cols {
            for r in 0..<Rows { m = Swift.max(m, abs(columns[c][r] - other.columns[c][r])) }
        }
        return m
    }
}

extension Matrix where Rows == Cols {
    /// The identity matrix.
    @inlinable
    public static var identity: Self {
        var out = Self(repeating: 0)
        for i in 0..<Rows { out.columns[i][i] = 1 }
        return out
    }

    /// A diagonal matrix from `diagonal`.
    @inlinable
    public init(diagonal: Vector<Rows>) {
        self.init(repeating: 0)
        for i in 0..<Rows { columns[i][i] = diagonal.elements[i] }
    }

    /// The congruence `A·self·Aᵀ` (e.g. `F·P·Fᵀ`), symmetrised: the result is exactly symmetric.
    ///
    /// - Complexity: O(n³) with n = max(Rows, M).
    @inlinable
    public func congruence<let M: Int>(by a: Matrix<M, Rows>) -> Matrix<M, M> {
        let ap = a * self
        var out = ap.multipliedByTransposeOf(a)
        out.symmetrize()
        return out
    }

    /// Replaces the matrix by `(A + Aᵀ)/2`, removing round-off asymmetry of covariance updates.
    @inlinable
    public mutating func symmetrize() {
        for c in 0..<Cols {
            for r in 0..<c {
                let m = 0.5 * (columns[c][r] + columns[r][c])
                columns[c][r] = m
                columns[r][c] = m
            }
        }
    }

    /// The trace, `Σ Aᵢᵢ`.
    @inlinable
    public var trace: Double {
        var s = 0.0
        for i in 0..<Rows { s += columns[i][i] }
        return s
    }

    /// True when `|Aᵢⱼ − Aⱼᵢ| ≤ tolerance` for all i, j.
    @inlinable
    public func isSymmetric(tolerance: Double = 0) -> Bool {
        for c in 0..<Cols {
            for r in 0..<c where abs(columns[c][r] - columns[r][c]) > tolerance { return false }
        }
        return true
    }
}

extension Matrix: Sendable {}

extension Matrix: Equatable {
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        for c in 0..<Cols {
            for r in 0..<Rows where lhs.columns[c][r] != rhs.columns[c][r] { return false }
        }
        return true
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        var lines: [String] = []
        for r in 0..<Rows {
            var row: [String] = []
            for c in 0..<Cols { row.append("\(columns[c][r])") }
            lines.append("[" + row.joined(separator: ", ") + "]")
        }
        return "Matrix<\(Rows), \(Cols)>(" + lines.joined(separator: ", ") + ")"
    }
}
