import Foundation
public import SkySimulation

/// Where `skywatch simulate` writes: a folder, a UDP multicast group, or a TCP server.
public enum SimulationOutput: Sendable, Equatable {
    /// Scenario folder plus `radar.ast` and `adsb.beast`.
    case directory(String)
    /// UDP datagrams to `host:port` (ASTERIX) and `host:port+1` (Beast); a multicast group or any address.
    case udp(host: String, port: Int)
    /// TCP server on `host:port` (ASTERIX) and `host:port+1` (Beast) streaming to every connected client.
    case tcp(host: String, port: Int)
    /// What a live site delivers: ASTERIX datagrams to `host:port` (radars over UDP) and Beast served over TCP on
    /// `host:port+1` (as dump1090 / readsb serve it).
    case live(host: String, port: Int)

    /// Parses `DIR`, `udp://GROUP:PORT`, `tcp://HOST:PORT` or `live://HOST:PORT`.
    /// - Returns: `nil` for a malformed URL (bad port, missing host).
    public init?(parsing text: String) {
        for (scheme, make) in [("udp://", Self.udp), ("tcp://", Self.tcp), ("live://", Self.live)]
        where text.hasPrefix(scheme) {
            let rest = text.dropFirst(scheme.count)
            guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]),
                (1...65_534).contains(port), colon > rest.startIndex
            else { return nil }
            var host = String(rest[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            self = make(host, port)
            return
        }
        guard !text.isEmpty, !text.contains("://") else { return nil }
        self = .directory(text)
    }
}

/// Wall-clock pacing of a run: simulation time t is due at start + t / speed (nil speed = as fast as possible).
public final class SimulationPacer: Sendable {
    /// Speed factor (1 = real time), or `nil` for unpaced.
    public let speed: Double?
    let start: ContinuousClock.Instant

    /// A pacer starting now.
    public init(speed: Double?) {
        precondition(speed.map { $0 > 0 } ?? true, "speed must be positive")
        self.speed = speed
        start = ContinuousClock.now
    }

    /// Sleeps until simulation time `t` (seconds since the epoch) is due.
    public func wait(untilSimulationTime t: Double) async throws {
        guard let speed else { return }
        let due = start.advanced(by: .nanoseconds(Int64(t / speed * 1e9)))
        if due > ContinuousClock.now { try await Task.sleep(until: due, clock: .continuous) }
    }
}

/// Counts of one run, printed by the CLI.
public struct SimulationRunSummary: Sendable {
    /// Simulated seconds, plots, ADS-B messages, truth samples, maximum simultaneous targets.
    public var seconds = 0
    public var plots = 0
    public var adsbMessages = 0
    public var truthSamples = 0
    public var maxSimultaneousTargets = 0
    /// Wall time of the run, seconds.
    public var wallSeconds = 0.0
}

/// Drives a simulation into its sinks.
public enum SimulationRunner {
    /// Runs `configuration` to the end, handing every frame to every sink, paced by `pacer`.
    /// - Throws: the first sink error.
    public static func run(
        _ configuration: SimulationConfiguration,
        sinks: [any SimulationSink],
        pacer: SimulationPacer,
        progress: ((SimulationRunSummary) -> Void)? = nil
    ) async throws -> SimulationRunSummary {
        var simulation = Simulation(configuration: configuration)
        var summary = SimulationRunSummary()
        let started = ContinuousClock.now
        while let frame = simulation.next() {
            try await pacer.wait(untilSimulationTime: Double(frame.time) - 1)
            for sink in sinks { try await sink.consume(frame) }
            summary.seconds = frame.time
            summary.plots += frame.plots.count
            summary.adsbMessages += frame.adsb.count
            summary.truthSamples += frame.truth.count
            summary.maxSimultaneousTargets = max(summary.maxSimultaneousTargets, frame.truth.count)
            if frame.time % 60 == 0 { progress?(summary) }
        }
        for sink in sinks { try await sink.finish() }
        let elapsed = ContinuousClock.now - started
        summary.wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return summary
    }
}
