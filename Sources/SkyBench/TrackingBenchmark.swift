import Foundation
import SkyGeodesy
import SkyModel
import SkyScenario
import SkyTracking

/// Throughput of the multi-radar tracker on benchmark scenarios: `skywatch-bench tracking [--runs N]
/// [--associator gnn|jpda] [--registration off|estimate|correct] DIR...`.
///
/// For each scenario: loads plots (not timed), then runs the IMM tracker over all plots `runs` times (best run
/// reported; the machine is shared) without and with the per-second display output (the complete
/// ``SkyModel/SystemTrack``s of a picture each second), and prints plots/s (wall and thread CPU time),
/// nanoseconds per plot, the real-time factor and the process's peak resident memory.
enum TrackingBenchmark {
    static func run(_ arguments: [String]) throws {
        var runs = 3
        var associator = AssociatorKind.gnn
        var tracker = TrackerConfiguration()
        var directories: [String] = []
        var k = 0
        while k < arguments.count {
            switch arguments[k] {
            case "--runs":
                k += 1
                runs = Int(arguments[k]) ?? 3
            case "--associator":
                k += 1
                associator = AssociatorKind(rawValue: arguments[k]) ?? .gnn
            case "--registration":
                k += 1
                guard let mode = RegistrationMode(rawValue: arguments[k]) else {
                    throw BenchError("--registration: off, estimate or correct, not '\(arguments[k])'")
                }
                tracker.registration = mode
            default:
                directories.append(arguments[k])
            }
            k += 1
        }
        if directories.isEmpty { directories = ["../shared/bench/dev"] }
        for directory in directories {
            let scenario = try Scenario.load(directory: directory)
            let sensors = scenario.radars.map(\.description)
            let epoch = Int(scenario.epochUnixSeconds)
            let reportTimes = epoch...(epoch + Int(scenario.durationSeconds))
            var best = Double.infinity
            var bestWithOutput = Double.infinity
            var bestCPU = Double.infinity
            var bestOutputCPU = Double.infinity
            var statistics = TrackerStatistics()
            var rows = 0
            // One engine made from the configuration, opened once (the value is copied fresh for every run).
            let engine = makeTrackingEngine(
                TrackingConfiguration(associator: associator, tracker: tracker),
                sensors: sensors,
                reference: scenario.reference
            )
            func measure<E: TrackingEngine>(_ prototype: E) {
                let c0 = threadCPUSeconds()
                let t0 = Harness.now()
                var loop = TrackingLoop(engine: prototype)
                for plot in scenario.plots { loop.push(.radar(plot)) { _ in } }
                loop.finish { _ in }
                statistics = loop.engine.statistics
                let t1 = Harness.now()
                let c1 = threadCPUSeconds()
                bestCPU = min(bestCPU, c1 - c0)
                var count = 0
                var shown = TrackingLoop(
                    engine: prototype,
                    cycles: Double(reportTimes.lowerBound)...Double(reportTimes.upperBound)
                )
                let publish = { (picture: TrackPicture) in
                    count += picture.tracks.count
                    for t in picture.tracks { blackHole(t.position.latitude) }
                }
                for plot in scenario.plots { shown.push(.radar(plot), publish: publish) }
                shown.finish(publish: publish)
                let t2 = Harness.now()
                bestOutputCPU = min(bestOutputCPU, threadCPUSeconds() - c1)
                rows = count
                best = min(best, Double(t1 - t0) * 1e-9)
                bestWithOutput = min(bestWithOutput, Double(t2 - t1) * 1e-9)
            }
            for _ in 0..<runs { measure(engine) }
            let n = Double(scenario.plots.count)
            var usage = rusage()
            #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            let peakMiB = Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
            #else
            getrusage(RUSAGE_SELF, &usage)
            let peakMiB = Double(usage.ru_maxrss) / (1024 * 1024)  // bytes on macOS
            #endif
            print(
                "scenario \(scenario.name): \(scenario.plots.count) plots, \(scenario.radars.count) radars, "
                    + "\(Int(scenario.durationSeconds)) s, associator \(associator.rawValue), registration \(tracker.registration.rawValue)"
            )
            print(
                String(
                    format: "  tracking only:        %.3f s  %9.0f plots/s  %7.0f ns/plot  %7.0f× real time",
                    best,
                    n / best,
                    best / n * 1e9,
                    scenario.durationSeconds / best
                )
            )
            print(
                String(
                    format:
                        "  tracking only, CPU:   %.3f s  %9.0f plots/s  %7.0f ns/plot  (thread CPU time: robust to load)",
                    bestCPU,
                    n / bestCPU,
                    bestCPU / n * 1e9
                )
            )
            print(
                String(
                    format: "  with display output:  %.3f s  %9.0f plots/s  %7.0f ns/plot  (%d track rows)",
                    bestWithOutput,
                    n / bestWithOutput,
                    bestWithOutput / n * 1e9,
                    rows
                )
            )
            print(
                String(
                    format: "  with display, CPU:    %.3f s  %9.0f plots/s  %7.0f ns/plot  (thread CPU time)",
                    bestOutputCPU,
                    n / bestOutputCPU,
                    bestOutputCPU / n * 1e9
                )
            )
            print(
                "  tracks initiated \(statistics.tracksInitiated), confirmed \(statistics.tracksConfirmed), "
                    + "largest cluster \(statistics.largestClusterPlots)×\(statistics.largestClusterTracks)"
            )
            print(String(format: "  peak resident memory (process, incl. plots): %.1f MiB", peakMiB))
            print(
                String(
                    format: "  tracker buffers at the end: %.1f MiB (%d track slots, %d B/slot)",
                    Double(statistics.trackerBytes) / 1_048_576,
                    statistics.trackSlots,
                    statistics.trackerBytes / Swift.max(1, statistics.trackSlots)
                )
            )
        }
    }
}
