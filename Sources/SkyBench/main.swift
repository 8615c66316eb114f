// skywatch-bench: micro and macro benchmarks in release mode. See README "Benchmarks".
// Each benchmark file registers itself in `allBenchmarks` below.
print("skywatch-bench")
