import Foundation
import SkyApp

/// `skywatch-bench evaluate --tracks FILE [--scenario DIR] [--runs N]`: wall time of `skywatch evaluate`'s work
/// (reading truth.csv and tracks.csv, then scoring), fastest and median of N runs.
enum EvaluateBenchmark {
    static func run(_ arguments: [String]) throws {
        func value(_ flag: String) -> String? {
            arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        guard let tracks = value("--tracks") else {
            print("usage: skywatch-bench evaluate --tracks FILE [--scenario DIR (../shared/bench/dev)] [--runs N]")
            exit(2)
        }
        let scenario = value("--scenario") ?? "../shared/bench/dev"
        let runs = value("--runs").flatMap(Int.init) ?? 10
        var load: [Double] = []
        var score: [Double] = []
        var rows = (truth: 0, tracks: 0)
        for _ in 0..<runs {
            let r = try EvaluationRun.run(scenarioDirectory: scenario, tracksPath: tracks)
            load.append(r.loadSeconds)
            score.append(r.evaluateSeconds)
            rows = (r.truth.count, r.tracks.count)
        }
        load.sort()
        score.sort()
        print(
            String(
                format: "evaluate %@ (%d truth rows, %d track rows), %d runs: read min %.1f ms median %.1f ms, "
                    + "score min %.1f ms median %.1f ms",
                scenario,
                rows.truth,
                rows.tracks,
                runs,
                load[0] * 1e3,
                load[runs / 2] * 1e3,
                score[0] * 1e3,
                score[runs / 2] * 1e3
            )
        )
    }
}
