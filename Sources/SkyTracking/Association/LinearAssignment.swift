/// An optimal solver of the rectangular linear assignment problem: the shortest augmenting path form of the
/// Jonker–Volgenant algorithm.
///
/// Given an `rows × columns` cost matrix with `rows ≤ columns`, finds the assignment of every row to a distinct
/// column that minimises the total cost. Entries equal to `+∞` are forbidden pairs. Jonker & Volgenant,
/// *A shortest augmenting path algorithm for dense and sparse linear assignment problems*, Computing 38 (1987);
/// the rectangular variant after Crouse, *On implementing 2D rectangular assignment algorithms*, IEEE TAES 52 (2016).
///
/// The solver owns its work buffers and reuses them between calls, so solving many small clusters does not
/// allocate once the buffers have grown to the largest cluster.
public struct LinearAssignmentSolver: Sendable {
    private var u: [Double] = []
    private var v: [Double] = []
    private var shortest: [Double] = []
    private var path: [Int] = []
    private var row4col: [Int] = []
    private var remaining: [Int] = []
    private var visitedRow: [Bool] = []
    private var visitedColumn: [Bool] = []
    /// The column assigned to each row after `solve` (`-1` if the problem was infeasible).
    public private(set) var columnForRow: [Int] = []

    /// An empty solver.
    public init() {}

    /// Solves the assignment problem for the row-major `costs` of size `rows × columns`.
    ///
    /// - Precondition: `rows ≤ columns` and `costs.count == rows * columns`; no cost is `-∞` or NaN.
    /// - Returns: the minimal total cost, or `nil` if some row has no finite-cost completion
    ///   (`columnForRow` then holds the partial result).
    /// - Complexity: O(rows² × columns).
    @discardableResult
    public mutating func solve(costs: UnsafeBufferPointer<Double>, rows: Int, columns: Int) -> Double? {
        precondition(rows <= columns, "LinearAssignmentSolver: rows (\(rows)) > columns (\(columns))")
        precondition(costs.count == rows * columns, "LinearAssignmentSolver: cost buffer size mismatch")
        reset(&u, rows, 0.0)
        reset(&v, columns, 0.0)
        reset(&shortest, columns, .infinity)
        reset(&path, columns, -1)
        reset(&row4col, columns, -1)
        reset(&remaining, columns, 0)
        reset(&visitedRow, rows, false)
        reset(&visitedColumn, columns, false)
        reset(&columnForRow, rows, -1)
        for currentRow in 0..<rows {
            guard let (sink, minValue) = augmentingPath(costs: costs, rows: rows, columns: columns, from: currentRow)
            else { return nil }
            // Update the dual variables.
            u[currentRow] += minValue
            for i in 0..<rows where visitedRow[i] && i != currentRow {
                u[i] += minValue - shortest[columnForRow[i]]
            }
            for j in 0..<columns where visitedColumn[j] {
                v[j] -= minValue - shortest[j]
            }
            // Augment along the alternating path ending at `sink`.
            var j = sink
            while true {
                let i = path[j]
                row4col[j] = i
                let previous = columnForRow[i]
                columnForRow[i] = j
                j = previous
                if i == currentRow { break }
            }
        }
        var total = 0.0
        for i in 0..<rows { total += costs[i * columns + columnForRow[i]] }
        return total
    }

    /// Dijkstra-like search for the shortest augmenting path from `start` in the reduced costs.
    private mutating func augmentingPath(
        costs: UnsafeBufferPointer<Double>,
        rows: Int,
        columns: Int,
        from start: Int
    ) -> (sink: Int, minValue: Double)? {
        var minValue = 0.0
        var remainingCount = columns
        for it in 0..<columns { remaining[it] = columns - it - 1 }
        for i in 0..<rows { visitedRow[i] = false }
        for j in 0..<columns {
            visitedColumn[j] = false
            shortest[j] = .infinity
        }
        var sink = -1
        var i = start
        while sink == -1 {
            var index = -1
            var lowest = Double.infinity
            visitedRow[i] = true
            let base = i * columns
            for it in 0..<remainingCount {
                let j = remaining[it]
                let reduced = minValue + costs[base + j] - u[i] - v[j]
                if reduced < shortest[j] {
                    path[j] = i
                    shortest[j] = reduced
                }
                // Prefer an unassigned column on ties: it ends the search one step earlier.
                if shortest[j] < lowest || (shortest[j] == lowest && row4col[j] == -1) {
                    lowest = shortest[j]
                    index = it
                }
            }
            minValue = lowest
            guard minValue.isFinite, index >= 0 else { return nil }
            let j = remaining[index]
            if row4col[j] == -1 { sink = j } else { i = row4col[j] }
            visitedColumn[j] = true
            remainingCount -= 1
            remaining[index] = remaining[remainingCount]
        }
        return (sink, minValue)
    }

    private func reset<T>(_ array: inout [T], _ count: Int, _ value: T) {
        if array.count != count {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(value, count: count))
        } else {
            for k in 0..<count { array[k] = value }
        }
    }
}
