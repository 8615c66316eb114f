// skywatch-bench: micro and macro benchmarks in release mode. See README "Benchmarks".
// Usage: skywatch-bench <benchmark> [options]. Each benchmark file adds one case below.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "modes":
    do {
        try ModeSBench.run(arguments: Array(arguments.dropFirst()))
    } catch {
        print("error: \(error)")
    }
default:
    print("skywatch-bench: benchmarks: modes")
}
