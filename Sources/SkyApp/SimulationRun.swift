import Foundation
public import SkySimulation

/// Wires a simulation to its outputs: scenario files, ASTERIX and Beast, files or live streams.
public enum SimulationRun {
    /// Runs `configuration` into `output`.
    /// - Parameters:
    ///   - speed: pacing factor; `nil` = as fast as possible for folders, real time for streams.
    ///   - progress: called every simulated minute.
    /// - Throws: output errors (file creation, socket binding).
    public static func run(
        _ configuration: SimulationConfiguration, output: SimulationOutput, speed: Double?,
        progress: ((SimulationRunSummary) -> Void)? = nil
    ) async throws -> SimulationRunSummary {
        var sinks: [any SimulationSink] = []
        let pacer: SimulationPacer
        switch output {
        case .directory(let dir):
            pacer = SimulationPacer(speed: speed)
            sinks.append(try SimulationScenarioWriter(configuration: configuration, directory: dir))
            sinks.append(try SimulationADSBWriter(configuration: configuration, directory: dir))
        case .udp, .tcp:
            pacer = SimulationPacer(speed: speed ?? 1)
        }
        return try await SimulationRunner.run(configuration, sinks: sinks, pacer: pacer, progress: progress)
    }
}
