/// Approximate equality for floating-point test assertions.
extension Double {
    /// True when `|self − other| ≤ absoluteTolerance`.
    public func isClose(to other: Double, absoluteTolerance: Double) -> Bool {
        abs(self - other) <= absoluteTolerance
    }

    /// True when `|self − other| ≤ relativeTolerance · max(|self|, |other|)` (or both are zero).
    public func isClose(to other: Double, relativeTolerance: Double) -> Bool {
        if self == other { return true }
        return abs(self - other) <= relativeTolerance * Swift.max(abs(self), abs(other))
    }
}
