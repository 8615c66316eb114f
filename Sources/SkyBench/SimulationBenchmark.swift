import Foundation
import SkyApp
import SkySimulation

/// `skywatch-bench simulate [--preset stress] [--duration 60] [--seed 1] [--out DIR]`: simulated seconds per wall
/// second on one core. Without `--out` only the simulation runs (traffic, radars, ADS-B emissions); with it the
/// full output path runs too (scenario files, radar.ast, adsb.beast).
enum SimulationBenchmark {
    static func run(_ arguments: [String]) throws {
        func option(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            return arguments[i + 1]
        }
        let preset = SimulationPreset(rawValue: option("--preset") ?? "stress") ?? .stress
        let duration = Int(option("--duration") ?? "60") ?? 60
        let seed = UInt64(option("--seed") ?? "1") ?? 1
        let setup0 = Harness.now()
        let configuration = preset.configuration(seed: seed, durationSeconds: duration)
        let setup = Double(Harness.now() - setup0) / 1e9
        if let out = option("--out") {
            let semaphore = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: Result<SimulationRunSummary, any Error>?
            Task {
                do {
                    result = .success(
                        try await SimulationRun.run(configuration, output: .directory(out), speed: nil)
                    )
                } catch { result = .failure(error) }
                semaphore.signal()
            }
            semaphore.wait()
            let s = try result!.get()
            report(
                preset,
                configuration,
                seconds: s.seconds,
                wall: s.wallSeconds,
                setup: setup,
                plots: s.plots,
                adsb: s.adsbMessages,
                maxTargets: s.maxSimultaneousTargets,
                what: "simulation + files"
            )
            return
        }
        var simulation = Simulation(configuration: configuration)
        var plots = 0
        var adsb = 0
        var maxTargets = 0
        var last = 0
        let t0 = Harness.now()
        while let frame = simulation.next() {
            plots += frame.plots.count
            adsb += frame.adsb.count
            maxTargets = max(maxTargets, frame.truth.count)
            last = frame.time
        }
        let wall = Double(Harness.now() - t0) / 1e9
        report(
            preset,
            configuration,
            seconds: last,
            wall: wall,
            setup: setup,
            plots: plots,
            adsb: adsb,
            maxTargets: maxTargets,
            what: "simulation only"
        )
    }

    static func report(
        _ preset: SimulationPreset,
        _ c: SimulationConfiguration,
        seconds: Int,
        wall: Double,
        setup: Double,
        plots: Int,
        adsb: Int,
        maxTargets: Int,
        what: String
    ) {
        print(
            String(
                format: "simulate %@ (%@): %d targets (max %d simultaneous), %d radars, %d s simulated in %.2f s wall "
                    + "(+ %.2f s setup) = %.2f× real time; %d plots, %d ADS-B messages",
                preset.rawValue,
                what,
                c.targets.count,
                maxTargets,
                c.radars.count,
                seconds,
                wall,
                setup,
                Double(seconds) / wall,
                plots,
                adsb
            )
        )
    }
}
