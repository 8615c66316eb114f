import SkyTestSupport
import SkyTracking
import Testing

struct LinearAssignmentTests {
    /// Minimum total cost over all injective row → column maps, by enumeration.
    static func bruteForce(_ costs: [Double], rows: Int, columns: Int) -> Double {
        var best = Double.infinity
        var used = [Bool](repeating: false, count: columns)
        func go(_ i: Int, _ sum: Double) {
            if i == rows {
                best = min(best, sum)
                return
            }
            for j in 0..<columns where !used[j] {
                let c = costs[i * columns + j]
                guard c.isFinite else { continue }
                used[j] = true
                go(i + 1, sum + c)
                used[j] = false
            }
        }
        go(0, 0)
        return best
    }

    @Test("optimal assignment equals brute force on random matrices (n ≤ 7, rectangular, forbidden pairs)")
    func matchesBruteForce() {
        var rng = SeededRandom(seed: 7_2025)
        var solver = LinearAssignmentSolver()
        for trial in 0..<600 {
            let rows = Int.random(in: 1...7, using: &rng)
            let columns = Int.random(in: rows...7, using: &rng)
            var costs = [Double](repeating: 0, count: rows * columns)
            for k in 0..<costs.count {
                // Mixed signs and some forbidden (+∞) pairs, as in gated association costs.
                costs[k] = Double.random(in: 0..<1, using: &rng) < 0.2 ? .infinity : rng.uniform(-20...40)
            }
            let expected = Self.bruteForce(costs, rows: rows, columns: columns)
            let got = costs.withUnsafeBufferPointer { solver.solve(costs: $0, rows: rows, columns: columns) }
            if expected.isFinite {
                let total = try? #require(got)
                #expect(
                    total.map { $0.isClose(to: expected, absoluteTolerance: 1e-9) } == true,
                    "seed \(rng.seed) trial \(trial): \(String(describing: got)) vs brute force \(expected)"
                )
                // The assignment is injective and uses finite entries only.
                let cols = solver.columnForRow
                #expect(Set(cols).count == rows)
                #expect(cols.allSatisfy { $0 >= 0 && $0 < columns })
            } else {
                #expect(got == nil, "seed \(rng.seed) trial \(trial): infeasible problem reported feasible")
            }
        }
    }

    @Test("GNN leaves a plot unassigned when every pair costs more than the unassigned cost")
    func gnnUnassigned() {
        // Exercised through the tracker's cluster type: 2 plots, 1 track.
        var solver = LinearAssignmentSolver()
        // Columns: track, dummy(plot0), dummy(plot1).
        let inf = Double.infinity
        let costs: [Double] = [3, 40, inf, 1, inf, 40]
        let total = costs.withUnsafeBufferPointer { solver.solve(costs: $0, rows: 2, columns: 3) }
        #expect(total == 41)
        #expect(solver.columnForRow == [1, 0])
    }
}
