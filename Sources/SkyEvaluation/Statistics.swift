/// Order statistics as NumPy computes them (`np.median`, `np.percentile` with the default linear method).
enum Statistics {
    /// Arithmetic mean; 0 for an empty input (callers never ask for that).
    static func mean(_ x: [Double]) -> Double {
        x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count)
    }

    /// Percentile `q` (0…100) with linear interpolation between closest ranks (Hyndman & Fan type 7).
    ///
    /// ```
    /// h = (n − 1) q / 100,  result = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])
    /// ```
    /// evaluated as NumPy's `_lerp` (from the upper neighbour when the fraction is ≥ ½).
    /// - Precondition: `sorted` is non-empty and ascending.
    static func percentile(sorted x: [Double], _ q: Double) -> Double {
        precondition(!x.isEmpty, "percentile of an empty sample")
        let h = Double(x.count - 1) * (q / 100)
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, x.count - 1)
        let t = h - Double(lo)
        let a = x[lo]
        let b = x[hi]
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }

    /// Median (average of the two middle values for an even count).
    static func median(sorted x: [Double]) -> Double {
        precondition(!x.isEmpty, "median of an empty sample")
        let n = x.count
        return n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2
    }

    /// Root mean square.
    static func rms(_ x: [Double]) -> Double {
        (x.reduce(0) { $0 + $1 * $1 } / Double(x.count)).squareRoot()
    }
}
