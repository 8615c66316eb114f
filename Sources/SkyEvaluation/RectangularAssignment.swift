/// Optimal rectangular linear assignment (minimum total cost), private to the evaluator.
///
/// This is the shortest-augmenting-path algorithm of Crouse (2016, "On implementing 2D rectangular assignment
/// algorithms", IEEE TAES 52(4), pp. 1685–1686), in the exact form SciPy's `linear_sum_assignment` uses
/// (`scipy/optimize/rectangular_lsap`): rows are augmented in index order, the free columns are scanned in
/// the same order, and among columns of equal reduced cost a free one wins. Keeping those choices identical
/// makes ties (equal distances) break the same way as in `evaluate.py`, so the matching is the same pair by
/// pair, not only in total cost.
///
/// The tracker has its own assignment; this one is kept here so the scorer stays independent of the code it scores.
struct RectangularAssignment {
    /// Solves `min Σ cost[r][col(r)]` over one-to-one assignments of min(rows, cols) pairs.
    ///
    /// - Parameters:
    ///   - cost: row-major `rows × cols` matrix of finite costs.
    /// - Returns: the assigned (row, column) pairs, sorted by row.
    /// - Complexity: O(n² m) for n = min(rows, cols), m = max(rows, cols).
    static func solve(rows: Int, cols: Int, cost: [Double]) -> [(row: Int, col: Int)] {
        precondition(cost.count == rows * cols, "cost matrix size")
        if rows == 0 || cols == 0 { return [] }
        // A tall matrix is transposed so that every row gets a column (as SciPy does).
        let transposed = cols < rows
        let nr = transposed ? cols : rows
        let nc = transposed ? rows : cols
        var c = cost
        if transposed {
            for i in 0..<rows {
                for j in 0..<cols { c[j * rows + i] = cost[i * cols + j] }
            }
        }
        let col4row = augment(nr: nr, nc: nc, cost: c)
        if transposed {
            // Output sorted by original row = by col4row value (argsort of col4row, a permutation subset).
            return (0..<nr).map { (row: col4row[$0], col: $0) }.sorted { $0.row < $1.row }
        }
        return (0..<nr).map { (row: $0, col: col4row[$0]) }
    }

    /// The augmentation loop for a wide matrix (`nr ≤ nc`); returns the column of each row.
    private static func augment(nr: Int, nc: Int, cost: [Double]) -> [Int] {
        var u = [Double](repeating: 0, count: nr)
        var v = [Double](repeating: 0, count: nc)
        var shortest = [Double](repeating: .infinity, count: nc)
        var path = [Int](repeating: -1, count: nc)
        var col4row = [Int](repeating: -1, count: nr)
        var row4col = [Int](repeating: -1, count: nc)
        var inSR = [Bool](repeating: false, count: nr)
        var inSC = [Bool](repeating: false, count: nc)
        var remaining = [Int](repeating: 0, count: nc)

        for currentRow in 0..<nr {
            // Dijkstra-like search for the shortest augmenting path from `currentRow`.
            for k in 0..<nc { remaining[k] = nc - k - 1 }  // reverse order, as SciPy (identity on constant costs)
            var remainingCount = nc
            for k in 0..<nr { inSR[k] = false }
            for k in 0..<nc {
                inSC[k] = false
                shortest[k] = .infinity
            }
            var minVal = 0.0
            var i = currentRow
            var sink = -1
            while sink == -1 {
                var index = -1
                var lowest = Double.infinity
                inSR[i] = true
                for it in 0..<remainingCount {
                    let j = remaining[it]
                    let r = minVal + cost[i * nc + j] - u[i] - v[j]
                    if r < shortest[j] {
                        path[j] = i
                        shortest[j] = r
                    }
                    if shortest[j] < lowest || (shortest[j] == lowest && row4col[j] == -1) {
                        lowest = shortest[j]
                        index = it
                    }
                }
                // Costs are finite, so a column is always found.
                precondition(index >= 0 && lowest.isFinite, "assignment: non-finite cost")
                minVal = lowest
                let j = remaining[index]
                if row4col[j] == -1 { sink = j } else { i = row4col[j] }
                inSC[j] = true
                remainingCount -= 1
                remaining[index] = remaining[remainingCount]
            }
            // Dual update.
            u[currentRow] += minVal
            for r in 0..<nr where inSR[r] && r != currentRow {
                u[r] += minVal - shortest[col4row[r]]
            }
            for j in 0..<nc where inSC[j] {
                v[j] -= minVal - shortest[j]
            }
            // Augment along the path.
            var j = sink
            while true {
                let r = path[j]
                row4col[j] = r
                swap(&col4row[r], &j)
                if r == currentRow { break }
            }
        }
        return col4row
    }
}
