import Foundation
public import SkyIO
import SkyModel
public import SkySimulation

/// Streams a run live: ASTERIX data blocks (CAT048 + CAT034 or CAT001 + CAT002, as `SimulationASTERIXEncoder`
/// releases them per sector) on one channel and Beast DF17 frames on another, over UDP or TCP, paced by a
/// `SimulationPacer` in 100 ms slots of simulation time. With CAT021 ADS-B output the reports go on the ASTERIX
/// channel and nothing on the Beast channel.
public final class SimulationStreamSink: SimulationSink {
    /// The two byte channels.
    public enum Transport: Sendable {
        /// Datagrams: ASTERIX one block per datagram; Beast frames packed up to 1400 octets per datagram.
        case udp(asterix: UDPSender, beast: UDPSender)
        /// Broadcast TCP servers.
        case tcp(asterix: TCPBroadcastServer, beast: TCPBroadcastServer)
        /// ASTERIX datagrams (radars) and a Beast TCP server (a receiver), as a live site delivers them.
        case live(asterix: UDPSender, beast: TCPBroadcastServer)
        /// In process: the bytes go to these handlers (the service's simulator input decodes them with the same
        /// ASTERIX and Beast decoders as network data).
        case inProcess(
            asterix: @Sendable ([UInt8]) async throws -> Void,
            beast: @Sendable ([UInt8]) async throws -> Void
        )
    }

    let transport: Transport
    let pacer: SimulationPacer
    let epoch: Double
    let duration: Double
    let sendsBeast: Bool
    var asterix: SimulationASTERIXEncoder
    var blocks: [(time: Double, block: [UInt8])] = []
    /// ASTERIX blocks and Beast frames sent.
    public private(set) var asterixBlocksSent = 0
    public private(set) var beastFramesSent = 0

    /// A sink over `transport`, paced by `pacer`, with the radar and ADS-B output formats.
    public init(
        configuration: SimulationConfiguration,
        transport: Transport,
        pacer: SimulationPacer,
        radarFormat: SimulationRadarFormat = .cat048,
        adsbFormat: SimulationADSBFormat = .beast
    ) {
        self.transport = transport
        self.pacer = pacer
        epoch = Double(configuration.epochUnixSeconds)
        duration = Double(configuration.durationSeconds)
        sendsBeast = adsbFormat == .beast
        asterix = SimulationASTERIXEncoder(
            configuration: configuration,
            radarFormat: radarFormat,
            adsbFormat: adsbFormat
        )
    }

    public func consume(_ frame: SimulationFrame) async throws {
        blocks.removeAll(keepingCapacity: true)
        asterix.encode(frame, into: &blocks)
        var b = 0
        var e = 0
        let emissions = sendsBeast ? frame.adsb : []
        // Merge both time-ordered lists slot by slot (100 ms of simulation time).
        while b < blocks.count || e < emissions.count {
            let next = min(
                b < blocks.count ? blocks[b].time : .infinity,
                e < emissions.count ? emissions[e].time : .infinity
            )
            let slotEnd = ((next * 10).rounded(.down) + 1) / 10
            try await pacer.wait(untilSimulationTime: next)
            while b < blocks.count && blocks[b].time < slotEnd {
                try await sendASTERIX(blocks[b].block)
                b += 1
            }
            var beast: [UInt8] = []
            while e < emissions.count && emissions[e].time < slotEnd {
                let start = beast.count
                SimulationWire.appendBeast(
                    SimulationWire.frame(for: emissions[e]),
                    unixSeconds: epoch + emissions[e].time,
                    signal: 0x80,
                    to: &beast
                )
                if case .udp = transport, beast.count > 1_400 {
                    try await sendBeast(Array(beast[..<start]))
                    beast.removeFirst(start)
                }
                e += 1
                beastFramesSent += 1
            }
            if !beast.isEmpty { try await sendBeast(beast) }
        }
    }

    func sendASTERIX(_ block: [UInt8]) async throws {
        asterixBlocksSent += 1
        switch transport {
        case .udp(let a, _), .live(let a, _): try await a.send(block)
        case .tcp(let a, _): a.broadcast(block)
        case .inProcess(let a, _): try await a(block)
        }
    }

    func sendBeast(_ bytes: [UInt8]) async throws {
        switch transport {
        case .udp(_, let s): try await s.send(bytes)
        case .tcp(_, let s), .live(_, let s): s.broadcast(bytes)
        case .inProcess(_, let s): try await s(bytes)
        }
    }

    public func finish() async throws {
        blocks.removeAll()
        asterix.drain(at: duration, into: &blocks)
        for b in blocks { try await sendASTERIX(b.block) }
        switch transport {
        case .udp(let a, let s):
            try await a.close()
            try await s.close()
        case .tcp(let a, let s):
            try await a.close()
            try await s.close()
        case .live(let a, let s):
            try await a.close()
            try await s.close()
        case .inProcess:
            break
        }
    }
}
