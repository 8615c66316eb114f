import Foundation
import SkyIO
public import SkySimulation

/// Wires a simulation to its outputs: scenario files, ASTERIX and Beast, files or live streams.
public enum SimulationRun {
    /// Runs `configuration` into `output`.
    /// - Parameters:
    ///   - speed: pacing factor; `nil` = as fast as possible for folders, real time for streams.
    ///   - adsbDiagnostics: also write `adsb.csv` (folders only).
    ///   - progress: called every simulated minute.
    /// - Throws: output errors (file creation, socket binding).
    public static func run(
        _ configuration: SimulationConfiguration,
        output: SimulationOutput,
        speed: Double?,
        adsbDiagnostics: Bool = false,
        progress: ((SimulationRunSummary) -> Void)? = nil
    ) async throws -> SimulationRunSummary {
        var sinks: [any SimulationSink] = []
        let pacer: SimulationPacer
        switch output {
        case .directory(let dir):
            pacer = SimulationPacer(speed: speed)
            sinks.append(try SimulationScenarioWriter(configuration: configuration, directory: dir))
            sinks.append(try SimulationASTERIXWriter(configuration: configuration, directory: dir))
            sinks.append(
                try SimulationADSBWriter(configuration: configuration, directory: dir, diagnostics: adsbDiagnostics)
            )
        case .udp(let host, let port):
            pacer = SimulationPacer(speed: speed ?? 1)
            let transport = SimulationStreamSink.Transport.udp(
                asterix: try await UDPSender.open(host: host, port: port),
                beast: try await UDPSender.open(host: host, port: port + 1)
            )
            sinks.append(SimulationStreamSink(configuration: configuration, transport: transport, pacer: pacer))
        case .tcp(let host, let port):
            pacer = SimulationPacer(speed: speed ?? 1)
            let transport = SimulationStreamSink.Transport.tcp(
                asterix: try await TCPBroadcastServer.start(host: host, port: port),
                beast: try await TCPBroadcastServer.start(host: host, port: port + 1)
            )
            sinks.append(SimulationStreamSink(configuration: configuration, transport: transport, pacer: pacer))
        case .live(let host, let port):
            pacer = SimulationPacer(speed: speed ?? 1)
            let transport = SimulationStreamSink.Transport.live(
                asterix: try await UDPSender.open(host: host, port: port),
                beast: try await TCPBroadcastServer.start(host: host, port: port + 1)
            )
            sinks.append(SimulationStreamSink(configuration: configuration, transport: transport, pacer: pacer))
        }
        return try await SimulationRunner.run(configuration, sinks: sinks, pacer: pacer, progress: progress)
    }
}
