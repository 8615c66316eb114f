import Foundation
import SkyIO
public import SkySimulation

/// Wires a simulation to its outputs: scenario files, ASTERIX and Beast, files or live streams.
public enum SimulationRun {
    /// Runs `configuration` into `output`.
    /// - Parameters:
    ///   - speed: pacing factor; `nil` = as fast as possible for folders, real time for streams.
    ///   - adsbDiagnostics: also write `adsb.csv` (folders only).
    ///   - radarFormat: radar output as CAT048 + CAT034 (default) or CAT001 + CAT002.
    ///   - adsbFormat: ADS-B output as Beast (`adsb.beast`, or the Beast channel; default) or CAT021 (in
    ///     `radar.ast`, or on the ASTERIX channel).
    ///   - progress: called every simulated minute.
    /// - Throws: output errors (file creation, socket binding).
    public static func run(
        _ configuration: SimulationConfiguration,
        output: SimulationOutput,
        speed: Double?,
        adsbDiagnostics: Bool = false,
        radarFormat: SimulationRadarFormat = .cat048,
        adsbFormat: SimulationADSBFormat = .beast,
        progress: ((SimulationRunSummary) -> Void)? = nil
    ) async throws -> SimulationRunSummary {
        var sinks: [any SimulationSink] = []
        let pacer: SimulationPacer
        switch output {
        case .directory(let dir):
            pacer = SimulationPacer(speed: speed)
            sinks.append(try SimulationScenarioWriter(configuration: configuration, directory: dir))
            sinks.append(
                try SimulationASTERIXWriter(
                    configuration: configuration,
                    directory: dir,
                    radarFormat: radarFormat,
                    adsbFormat: adsbFormat
                )
            )
            if adsbFormat == .beast || adsbDiagnostics {
                sinks.append(
                    try SimulationADSBWriter(
                        configuration: configuration,
                        directory: dir,
                        diagnostics: adsbDiagnostics,
                        beast: adsbFormat == .beast
                    )
                )
            }
        case .udp(let host, let port):
            pacer = SimulationPacer(speed: speed ?? 1)
            let transport = SimulationStreamSink.Transport.udp(
                asterix: try await UDPSender.open(host: host, port: port),
                beast: try await UDPSender.open(host: host, port: port + 1)
            )
            sinks.append(
                SimulationStreamSink(
                    configuration: configuration,
                    transport: transport,
                    pacer: pacer,
                    radarFormat: radarFormat,
                    adsbFormat: adsbFormat
                )
            )
        case .tcp(let host, let port):
            pacer = SimulationPacer(speed: speed ?? 1)
            let transport = SimulationStreamSink.Transport.tcp(
                asterix: try await TCPBroadcastServer.start(host: host, port: port),
                beast: try await TCPBroadcastServer.start(host: host, port: port + 1)
            )
            sinks.append(
                SimulationStreamSink(
                    configuration: configuration,
                    transport: transport,
                    pacer: pacer,
                    radarFormat: radarFormat,
                    adsbFormat: adsbFormat
                )
            )
        case .live(let host, let port):
            pacer = SimulationPacer(speed: speed ?? 1)
            let transport = SimulationStreamSink.Transport.live(
                asterix: try await UDPSender.open(host: host, port: port),
                beast: try await TCPBroadcastServer.start(host: host, port: port + 1)
            )
            sinks.append(
                SimulationStreamSink(
                    configuration: configuration,
                    transport: transport,
                    pacer: pacer,
                    radarFormat: radarFormat,
                    adsbFormat: adsbFormat
                )
            )
        }
        return try await SimulationRunner.run(configuration, sinks: sinks, pacer: pacer, progress: progress)
    }
}
