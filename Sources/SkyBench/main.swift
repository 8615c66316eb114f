// skywatch-bench: micro and macro benchmarks, run in release mode (`swift run -c release skywatch-bench NAME`).
// Each benchmark lives in its own file and registers in `benchmarks` below.
import Foundation

let benchmarks: [String: ([String]) throws -> Void] = [
    "matrix": MatrixBenchmark.run,
    "evaluate": EvaluateBenchmark.run,
    "geodesy": GeodesyBenchmark.run,
    "modes": { try ModeSBench.run(arguments: $0) },
    "tracking": TrackingBenchmark.run,
    "simulate": SimulationBenchmark.run,
    "asterix": { try ASTERIXBench.run(arguments: $0) },
    "asterix-sample": { try ASTERIXSample.run(arguments: $0) },
    "alerts-replay": AlertsReplay.run,
    "alerts": AlertsBenchmark.run,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let bench = benchmarks[name] else {
    print("usage: skywatch-bench NAME [options]\nbenchmarks: \(benchmarks.keys.sorted().joined(separator: ", "))")
    exit(arguments.isEmpty ? 0 : 2)
}
do {
    try bench(Array(arguments.dropFirst()))
} catch {
    print("error: \(error)")
    exit(1)
}
