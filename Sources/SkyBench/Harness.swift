import Foundation

/// A minimal benchmark harness: runs `body` in batches until enough wall time has passed and reports the
/// per-iteration time of the fastest and the median batch (the fastest is the least disturbed by the other core).
enum Harness {
    /// Monotonic time in nanoseconds.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Measures `body` and prints `name: min … ns, median … ns per iteration`.
    /// - Returns: the minimum nanoseconds per iteration.
    @discardableResult
    static func measure(_ name: String, batch: Int = 10_000, batches: Int = 50, _ body: () -> Void) -> Double {
        for _ in 0..<batch { body() }  // warm up
        var perIteration: [Double] = []
        for _ in 0..<batches {
            let t0 = now()
            for _ in 0..<batch { body() }
            let t1 = now()
            perIteration.append(Double(t1 - t0) / Double(batch))
        }
        perIteration.sort()
        let minimum = perIteration[0]
        let median = perIteration[perIteration.count / 2]
        print(String(format: "%@: min %.1f ns, median %.1f ns per iteration", name, minimum, median))
        return minimum
    }
}

/// Prevents the optimiser from removing a computed value.
@inline(never)
func blackHole<T>(_ value: T) {
    withUnsafePointer(to: value) { _ = $0 }
}

/// CPU time consumed by the calling thread, seconds (CLOCK_THREAD_CPUTIME_ID): excludes the time the shared machine
/// gave to other processes, so throughput figures are per core actually used.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
