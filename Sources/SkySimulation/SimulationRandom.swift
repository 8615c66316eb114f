public import RealModule

/// The simulator's random-number generator: xoshiro256** (Blackman & Vigna 2018) seeded through SplitMix64.
///
/// Every draw the simulator makes goes through this type with hand-written transforms (uniform from the top
/// 53 bits, Box–Muller normals, Poisson by multiplication), so the output for a given seed depends only on
/// this file — not on the standard library's `Double.random(in:using:)`, whose algorithm may change between
/// releases. Same seed → same bits on every platform with IEEE-754 doubles and the same `RealModule` functions.
///
/// Independent streams (one per target, one per radar) come from `SimulationRandom(seed:stream:)`, so adding a
/// target does not perturb the draws of the others.
public struct SimulationRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator for `seed` and sub-stream `stream` (the state is four SplitMix64 outputs of a mix of both).
    public init(seed: UInt64, stream: UInt64 = 0) {
        var sm = seed ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ 0x5851_F42D_4C95_7F2D
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&sm)
        s1 = splitMix(&sm)
        s2 = splitMix(&sm)
        s3 = splitMix(&sm)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let m = s1 &* 5
        let result = (m << 7 | m >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform double in [lower, upper).
    @inlinable
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * unit() }

    /// A uniform integer in 0..<n (Lemire's multiply-shift; bias below n/2⁶⁴).
    @inlinable
    public mutating func index(below n: Int) -> Int {
        precondition(n > 0, "index(below:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// `true` with probability `p`.
    @inlinable
    public mutating func bernoulli(_ p: Double) -> Bool { unit() < p }

    /// A standard normal draw (Box–Muller, one value per call; the partner value is discarded so that the
    /// sequence does not depend on call parity).
    @inlinable
    public mutating func gaussian() -> Double {
        let u1 = 1 - unit()  // (0, 1]
        let u2 = unit()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }

    /// A normal draw with mean `mean` and standard deviation `sigma`.
    @inlinable
    public mutating func gaussian(mean: Double = 0, sigma: Double) -> Double { mean + sigma * gaussian() }

    /// An exponential draw with the given mean.
    @inlinable
    public mutating func exponential(mean: Double) -> Double { -mean * Double.log(1 - unit()) }

    /// An exact Poisson draw with mean `lambda` ≥ 0.
    ///
    /// Knuth's multiplication method on chunks of mean ≤ 20 (a Poisson(λ) is the sum of independent
    /// Poisson(λᵢ) with Σλᵢ = λ), so `exp(−λᵢ)` never underflows and the draw is exact for any λ.
    /// - Complexity: O(λ + 1) uniform draws.
    public mutating func poisson(mean lambda: Double) -> Int {
        precondition(lambda >= 0 && lambda.isFinite, "Poisson mean must be finite and non-negative")
        var remaining = lambda
        var total = 0
        while remaining > 0 {
            let chunk = Swift.min(remaining, 20)
            remaining -= chunk
            let limit = Double.exp(-chunk)
            var product = unit()
            while product > limit {
                total += 1
                product *= unit()
            }
        }
        return total
    }
}
