import SkyMath
import SkyTestSupport
import Testing

struct MatrixTests {
    @Test("Product, transpose and sum match hand-computed values")
    func productTransposeSum() {
        let a = Matrix<2, 3>(rows: [[1, 2, 3], [4, 5, 6]])
        let b = Matrix<3, 2>(rows: [[7, 8], [9, 10], [11, 12]])
        #expect(a * b == Matrix<2, 2>(rows: [[58, 64], [139, 154]]))
        #expect(a.transposed == Matrix<3, 2>(rows: [[1, 4], [2, 5], [3, 6]]))
        #expect(a + a == 2 * a)
        #expect(a - a == .zero)
        #expect(a.multipliedByTransposeOf(a) == a * a.transposed)
        let x = Vector<3>([1, -1, 2])
        #expect((a * x).array == [5, 11])
    }

    @Test("Congruence F·P·Fᵀ equals the explicit product and is exactly symmetric")
    func congruence() {
        var rng = SeededRandom(seed: 42)
        for _ in 0..<100 {
            let f = Matrix<6, 6> { _, _ in rng.uniform(-1...1) }
            let l = Matrix<6, 6> { r, c in r >= c ? rng.uniform(-1...1) : 0 }
            let p = l.multipliedByTransposeOf(l) + Matrix<6, 6>.identity
            let explicit = f * p * f.transposed
            let fpf = p.congruence(by: f)
            // Reassociated sums differ by a few ulps of entries of order 10.
            #expect(fpf.maxAbsDifference(to: explicit) < 1e-12, "seed \(rng.seed)")
            #expect(fpf.isSymmetric())
        }
    }

    @Test("Cholesky of a known SPD matrix gives the textbook factor")
    func choleskyKnown() throws {
        // Golub & Van Loan style example: A = L Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]].
        let a = Matrix<3, 3>(rows: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let f = try #require(a.cholesky())
        #expect(f.lower == Matrix<3, 3>(rows: [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]))
        #expect(f.determinant == 36)
        #expect(abs(f.logDeterminant - 3.58351893845611) < 1e-12)  // ln 36
        let x = f.solve(Vector<3>([1, 2, 3]))
        let back = a * x
        #expect(abs(back[0] - 1) < 1e-12 && abs(back[1] - 2) < 1e-12 && abs(back[2] - 3) < 1e-12)
    }

    @Test("Cholesky refuses matrices that are not positive definite")
    func choleskyRejects() {
        let indefinite = Matrix<2, 2>(rows: [[1, 2], [2, 1]])
        #expect(indefinite.cholesky() == nil)
        #expect(indefinite.inverseSPD() == nil)
        #expect(indefinite.solveSPD(Vector<2>([1, 1])) == nil)
        let singular = Matrix<2, 2>(rows: [[1, 1], [1, 1]])
        #expect(singular.cholesky() == nil)
        let nan = Matrix<2, 2>(rows: [[Double.nan, 0], [0, 1]])
        #expect(nan.cholesky() == nil)
    }

    @Test("SPD inverse times the matrix is the identity; Mahalanobis agrees with xᵀA⁻¹x")
    func inverseAndMahalanobis() throws {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<200 {
            let l = Matrix<4, 4> { r, c in r >= c ? rng.uniform(-2...2) : 0 }
            let a = l.multipliedByTransposeOf(l) + 0.5 * Matrix<4, 4>.identity
            let inv = try #require(a.inverseSPD(), "seed \(rng.seed)")
            #expect((a * inv).maxAbsDifference(to: .identity) < 1e-9, "seed \(rng.seed)")
            let x = Vector<4> { _ in rng.uniform(-3...3) }
            let d2 = try #require(a.cholesky()).mahalanobisSquared(x)
            #expect(abs(d2 - x.dot(inv * x)) < 1e-9 * max(1, d2), "seed \(rng.seed)")
        }
    }

    @Test("Kalman steady state for a 1-D random walk matches the closed-form Riccati solution")
    func scalarRiccati() throws {
        // x_{k+1} = x_k + w (var q), z = x + v (var r). Steady-state prior P solves P = P - P²/(P+r) + q:
        // P = (q + sqrt(q² + 4qr))/2; gain K = P/(P+r).
        let q = 2.0
        let r = 5.0
        var p = Matrix<1, 1>(rows: [[100]])
        for _ in 0..<200 {
            let s = p + Matrix<1, 1>(rows: [[r]])
            let k = p * (try #require(s.inverseSPD()))
            p = (Matrix<1, 1>.identity - k) * p + Matrix<1, 1>(rows: [[q]])
        }
        let expected = (q + (q * q + 4 * q * r).squareRoot()) / 2
        #expect(abs(p[0, 0] - expected) < 1e-12)
    }
}

struct AngleTests {
    static let wrapCases: [(Double, Double)] = [
        (0.0, 0.0), (Double.pi, -Double.pi), (-Double.pi, -Double.pi), (3 * Double.pi, -Double.pi),
        (7.0, 7.0 - 2 * Double.pi), (-7.0, -7.0 + 2 * Double.pi), (1e-300, 1e-300),
    ]

    @Test("Wrapping to ±π", arguments: wrapCases)
    func wrap(input: Double, expected: Double) {
        #expect(abs(Angle.wrapToPi(input) - expected) < 1e-15)
    }

    @Test("Difference of bearings takes the short way round")
    func differences() {
        let deg = Angle.radiansPerDegree
        #expect(abs(Angle.difference(359 * deg, 1 * deg) - (-2 * deg)) < 1e-12)
        #expect(abs(Angle.difference(1 * deg, 359 * deg) - 2 * deg) < 1e-12)
        #expect(abs(Angle.difference(90 * deg, 270 * deg) - (-180 * deg)) < 1e-12)
        #expect(Angle.wrapToTwoPi(-1e-18) < 2 * Double.pi)
        #expect(abs(Angle.wrapToTwoPi(-90 * deg) - 270 * deg) < 1e-12)
    }

    @Test("Random angles wrap into [−π, π) and keep their value modulo 2π")
    func wrapProperty() {
        var rng = SeededRandom(seed: 99)
        for _ in 0..<10_000 {
            let a = rng.uniform(-1000...1000)
            let w = Angle.wrapToPi(a)
            #expect(w >= -Double.pi && w < Double.pi, "seed \(rng.seed)")
            let k = ((a - w) / (2 * Double.pi)).rounded()
            #expect(abs(a - w - k * 2 * Double.pi) < 1e-9, "seed \(rng.seed)")
        }
    }
}
