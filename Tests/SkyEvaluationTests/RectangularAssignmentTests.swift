@testable import SkyEvaluation
import SkyTestSupport
import Testing

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
            let rows = Int.random(in: 1...6, using: &rng), cols = Int.random(in: 1...7, using: &rng)
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
        let small = min(rows, cols), large = max(rows, cols)
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

struct GeometryAndStatisticsTests {
    @Test("haversine on the mean sphere equals geo.horizontal_distance")
    func haversine() {
        // Values from `geo.horizontal_distance` (NumPy); the same formula in the same order, so only libm
        // differences remain (1e-12 relative).
        let d = MeanSphere.distanceMetres(latitude1: 48.85, longitude1: 2.4, latitude2: 49.3, longitude2: 1.95)
        #expect(d.isClose(to: 59_817.764_744_539_01, relativeTolerance: 1e-12))
        let small = MeanSphere.distanceMetres(
            latitude1: 48.0, longitude1: 3.0, latitude2: 48.0 + 1e-5, longitude2: 3.0 + 1e-5)
        // A 1.3 m distance: the inputs' own rounding (1e-5° steps) limits agreement to ~1e-9 relative.
        #expect(small.isClose(to: 1.337_920_202_995_436_5, relativeTolerance: 1e-9))
    }

    @Test("stereographic projection equals geo.Stereo.forward")
    func stereographic() {
        let p = MeanSphereStereographic(centreLatitudeDegrees: 48.85, centreLongitudeDegrees: 2.4)
        let xy = p.project(latitudeDegrees: 49.3, longitudeDegrees: 1.95)
        // geo.Stereo(48.85, 2.4).forward(49.3, 1.95); millimetre agreement is far below drawing resolution.
        #expect(xy.x.isClose(to: -32_629.944_105_080_136, absoluteTolerance: 1e-3))
        #expect(xy.y.isClose(to: 50_134.861_116_940_08, absoluteTolerance: 1e-3))
    }

    @Test("median and percentiles follow NumPy's linear method")
    func percentiles() {
        let x = [3.0, 1, 4, 1, 5, 9, 2, 6].sorted()
        // np.median → 3.5, np.percentile(x, 95) → 7.949999999999998, 90 → 6.8999999999999995.
        #expect(Statistics.median(sorted: x) == 3.5)
        #expect(Statistics.percentile(sorted: x, 95).isClose(to: 7.95, absoluteTolerance: 1e-12))
        #expect(Statistics.percentile(sorted: x, 90).isClose(to: 6.9, absoluteTolerance: 1e-12))
        #expect(Statistics.percentile(sorted: [0, 0, 1, 3, 3], 90) == 3)
    }
}
