import SkyTestSupport
import Testing

@testable import SkyEvaluation

struct RectangularAssignmentTests {
    /// Integer cost matrices full of ties, with SciPy 1.17.1's `linear_sum_assignment` answer (generated with
    /// `numpy.random.default_rng(7).integers(-2, 1, (r, c))`). Equal-cost optima differ only in tie-breaking,
    /// so matching these pair for pair shows the ties break as in the reference scorer.
    static let scipyCases: [(rows: Int, cols: Int, cost: [Double], pairs: [[Int]])] = [
        (3, 3, [0, -1, 0, 0, -1, 0, 0, -2, -2], [[0, 1], [1, 0], [2, 2]]),
        (2, 4, [-2, -2, 0, 0, -2, -1, 0, -2], [[0, 0], [1, 3]]),
        (4, 2, [0, -2, -1, 0, -2, -1, -2, 0], [[0, 1], [2, 0]]),
        (3, 5, [-2, 0, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, -1, -1, 0], [[0, 0], [1, 1], [2, 2]]),
        (5, 3, [-1, -2, 0, -2, 0, -1, -2, -2, -1, -2, -2, -1, 0, -1, 0], [[0, 1], [1, 0], [2, 2]]),
        (4, 4, [0, 0, -1, -1, -1, -2, -1, -1, -2, 0, -2, -2, -2, 0, 0, 0], [[0, 2], [1, 1], [2, 3], [3, 0]]),
    ]

    @Test("ties break exactly as SciPy's linear_sum_assignment", arguments: 0..<6)
    func matchesSciPy(index: Int) {
        let c = Self.scipyCases[index]
        let got = RectangularAssignment.solve(rows: c.rows, cols: c.cols, cost: c.cost).map { [$0.row, $0.col] }
        #expect(got == c.pairs)
    }

    @Test("optimal against brute force on random rectangular matrices up to 6 × 7")
    func matchesBruteForce() {
        var rng = SeededRandom(seed: 0x5EED_E7A1)
        for trial in 0..<300 {
            let rows = Int.random(in: 1...6, using: &rng)
            let cols = Int.random(in: 1...7, using: &rng)
            let cost = (0..<(rows * cols)).map { _ in rng.uniform(-1e6...0) }
            let got = RectangularAssignment.solve(rows: rows, cols: cols, cost: cost)
            #expect(got.count == min(rows, cols))
            #expect(Set(got.map(\.row)).count == got.count && Set(got.map(\.col)).count == got.count)
            let total = got.reduce(0) { $0 + cost[$1.row * cols + $1.col] }
            let best = bruteForce(rows: rows, cols: cols, cost: cost)
            // Both sum the same ≤ 6 terms of magnitude ≤ 1e6 in different orders: 1e-6 absolute is ample.
            #expect(total.isClose(to: best, absoluteTolerance: 1e-6), "seed \(rng.seed) trial \(trial)")
        }
    }

    /// Minimum over all injective maps of the smaller side into the larger.
    private func bruteForce(rows: Int, cols: Int, cost: [Double]) -> Double {
        let small = min(rows, cols)
        let large = max(rows, cols)
        func at(_ a: Int, _ b: Int) -> Double { rows <= cols ? cost[a * cols + b] : cost[b * cols + a] }
        var used = [Bool](repeating: false, count: large)
        func search(_ a: Int) -> Double {
            if a == small { return 0 }
            var best = Double.infinity
            for b in 0..<large where !used[b] {
                used[b] = true
                best = min(best, at(a, b) + search(a + 1))
                used[b] = false
            }
            return best
        }
        return search(0)
    }
}
