import Foundation
public import SkyIO
import SkyModeS
import SkyModel

/// Live decoding of a receiver's Beast TCP feed into JSON lines (FORMAT.md schema), for
/// `skywatch decode modes tcp://HOST:PORT`. Frames are timed by arrival (UNIX seconds), as receivers' 12 MHz
/// counters are usually free-running.
public struct ModeSLiveDecode: Sendable {
    /// Client settings (host, port, back-off).
    public var client: BeastTCPClient.Configuration
    /// Reference point, degrees (local CPR output and surface decoding).
    public var referenceLatitude: Double?, referenceLongitude: Double?
    /// Stop after this many frames (`nil` = until cancelled).
    public var maximumFrames: Int?

    /// A live decoder for `client`.
    public init(client: BeastTCPClient.Configuration) { self.client = client }

    /// A live decoder for `host:port` with the default back-off (0.5 s doubling to 30 s).
    public init(host: String, port: Int) { client = BeastTCPClient.Configuration(host: host, port: port) }

    /// Parses `tcp://host:port`.
    public static func endpoint(_ source: String) -> (host: String, port: Int)? {
        guard source.hasPrefix("tcp://") else { return nil }
        let rest = source.dropFirst(6)
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]) else {
            return (String(rest), 30005)
        }
        return (String(rest[..<colon]), port)
    }

    /// Runs until cancelled or `maximumFrames` frames were printed.
    /// - Parameters:
    ///   - emit: each JSON line; `status`: connection events as text.
    public func run(emit: (String) -> Void, status: (String) -> Void) async throws {
        var table = AircraftTable(
            configuration: .init(referenceLatitude: referenceLatitude, referenceLongitude: referenceLongitude)
        )
        var decoder = ModeSDecoder()
        var stream = BeastStream()
        var count = 0
        struct Enough: Error {}
        do {
            try await BeastTCPClient(configuration: client).run { event in
                switch event {
                case .connected(let n): status("connected to \(client.host):\(client.port) (attempt \(n))")
                case .disconnected(let e):
                    status("disconnected\(e.map { ": \($0)" } ?? "")")
                    stream.discardPartialFrame()
                case .backingOff(let s): status("reconnecting in \(s) s")
                case .bytes(let bytes):
                    let now = Date().timeIntervalSince1970
                    var frames: [ReceivedFrame] = []
                    bytes.withUnsafeBufferPointer { b in
                        stream.feed(b, onFrame: { frames.append($0) }, onError: { status("input error: \($0)") })
                    }
                    for f in frames {
                        guard case .modeS(let frame) = f.content else { continue }
                        let m = decoder.decode(frame)
                        let u = table.update(m, time: now)
                        emit(
                            ModeSJSONLine.record(
                                message: m,
                                hex: frame.hex,
                                time: now,
                                signal: f.signalLevel,
                                update: u
                            )
                        )
                        count += 1
                        if let max = maximumFrames, count >= max { throw Enough() }
                    }
                }
            }
        } catch is Enough {}
    }
}
