import RealModule

/// The mode-switching model shared by the IMM filters: mode 0 is the quiet mode, every other mode a manoeuvre.
///
/// A continuous-time Markov chain: the quiet mode is left at rate `leaveQuietRate` (1/s, the inverse of the mean
/// time between manoeuvres), spread evenly over the manoeuvre modes; a manoeuvre mode returns to quiet at rate
/// `returnToQuietRate` (1/s, the inverse of the mean manoeuvre duration) and never jumps to another manoeuvre
/// directly. Over an interval `dt` the probability of staying is `exp(−rate·|dt|)`, so the chain behaves the same
/// whatever the update rate (Bar-Shalom, Li & Kirubarajan 2001, §11.6.3).
enum ModeSwitching {
    /// Transition probability πᵢⱼ from mode `i` to mode `j` over `dt` seconds.
    @inline(__always)
    static func transition(
        _ i: Int,
        _ j: Int,
        _ dt: Double,
        modeCount: Int,
        leaveQuietRate: Double,
        returnToQuietRate: Double
    ) -> Double {
        let rate = i == 0 ? leaveQuietRate : returnToQuietRate
        let stay = Double.exp(-rate * abs(dt))
        if i == j { return stay }
        if i == 0 { return (1 - stay) / Double(modeCount - 1) }
        return j == 0 ? 1 - stay : 0
    }

    /// Mode probabilities of a new track: mostly quiet (0.7), the rest spread evenly over the manoeuvre modes.
    static func initialProbabilities<let N: Int>(modeCount: Int) -> InlineArray<N, Double> {
        var p = InlineArray<N, Double>(repeating: 0)
        p[0] = modeCount == 1 ? 1 : 0.7
        for j in 1..<modeCount { p[j] = 0.3 / Double(modeCount - 1) }
        return p
    }
}
