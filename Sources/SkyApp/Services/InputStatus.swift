import Foundation
public import SkyModel
import Synchronization

/// The live state of one input, shown in `/api/sensors` and `/metrics`: what it is, whether data flows, how
/// much, and what went wrong, by error code.
public final class InputStatus: Sendable {
    /// What the input's state is now.
    public enum State: String, Sendable {
        /// Connected or listening, and data came within the silence limit.
        case connected
        /// Connected or listening, but no data for longer than the silence limit.
        case silent
        /// Not connected (a TCP input between attempts).
        case disconnected
        /// A finite input (file, simulation) that ended.
        case ended
    }

    struct Counters {
        var state = State.disconnected
        var peer: String?
        var lastMessageWall: Double?
        var connectedWall: Double?
        var messages = 0
        var bytes = 0
        var inputs = 0
        var errors: [String: Int] = [:]
        var dropped = 0
        var outages = 0
        var lastError: String?
        var rotationPeriodSeconds: Double?
        var recentMessages: [(wall: Double, count: Int)] = []
    }

    /// The input's name (from the configuration).
    public let name: String
    /// Its kind: `asterix-udp`, `beast-tcp`, `avr-tcp`, `simulator`, `file`, `replay`.
    public let kind: String
    /// Seconds without data after which a connected input is `silent`.
    public let silenceSeconds: Double
    private let counters = Mutex(Counters())

    /// A status for input `name` of `kind`.
    public init(name: String, kind: String, silenceSeconds: Double = 10) {
        self.name = name
        self.kind = kind
        self.silenceSeconds = silenceSeconds
    }

    /// Data arrived: `bytes` bytes in one message, producing `inputs` surveillance inputs.
    public func received(bytes: Int, inputs: Int, wall: Double) {
        counters.withLock { c in
            c.messages += 1
            c.bytes += bytes
            c.inputs += inputs
            c.lastMessageWall = wall
            if c.state != .ended { c.state = .connected }
            if let last = c.recentMessages.last, wall - last.wall < 1 {
                c.recentMessages[c.recentMessages.count - 1].count += 1
            } else {
                c.recentMessages.append((wall, 1))
                if c.recentMessages.count > 12 { c.recentMessages.removeFirst() }
            }
        }
    }

    /// Errors met in the data, by code.
    public func errors(_ byCode: [String: Int], lastError: String? = nil) {
        counters.withLock { c in
            for (code, n) in byCode { c.errors[code, default: 0] += n }
            if let lastError { c.lastError = lastError }
        }
    }

    /// One error of `code`.
    public func error(_ code: String, message: String? = nil) {
        counters.withLock { c in
            c.errors[code, default: 0] += 1
            if let message { c.lastError = message }
        }
    }

    /// Inputs lost because the tracker's queue was full.
    public func dropped(_ n: Int) { counters.withLock { $0.dropped += n } }

    /// The input connected (or started listening) to `peer` at wall time `wall` (UNIX s; the silence limit counts
    /// from it until the first message).
    public func connected(peer: String?, wall: Double? = nil) {
        counters.withLock { c in
            c.state = .connected
            c.peer = peer
            c.connectedWall = wall
        }
    }

    /// The connection was lost.
    public func disconnected(error: String?) {
        counters.withLock { c in
            if c.state != .disconnected { c.outages += 1 }
            c.state = .disconnected
            if let error { c.lastError = error }
        }
    }

    /// A finite input ended.
    public func ended() { counters.withLock { $0.state = .ended } }

    /// The rotation period learnt from the data, seconds.
    public func rotationPeriod(_ seconds: Double) { counters.withLock { $0.rotationPeriodSeconds = seconds } }

    /// The state at wall time `now` (UNIX s): `connected` turns `silent` after the silence limit.
    public func state(now: Double) -> State {
        counters.withLock { c in
            let since = max(c.lastMessageWall ?? -.infinity, c.connectedWall ?? -.infinity)
            if c.state == .connected, now - since > silenceSeconds,
                c.lastMessageWall != nil || c.peer != nil
            {
                return .silent
            }
            return c.state
        }
    }

    /// Totals: messages, bytes, inputs, errors, dropped, outages.
    public var totals: (messages: Int, bytes: Int, inputs: Int, errors: Int, dropped: Int, outages: Int) {
        counters.withLock { c in
            (c.messages, c.bytes, c.inputs, c.errors.values.reduce(0, +), c.dropped, c.outages)
        }
    }

    /// Errors by code.
    public var errorsByCode: [String: Int] { counters.withLock { $0.errors } }

    /// The `/api/sensors` entry.
    public func json(now: Double) -> [String: Any] {
        let state = state(now: now)
        return counters.withLock { c -> [String: Any] in
            let window = c.recentMessages.filter { now - $0.wall < 10 }
            let span = max(1, min(10, now - (window.first?.wall ?? now)))
            return [
                "name": name, "kind": kind, "state": state.rawValue, "peer": c.peer ?? NSNull(),
                "last_message": c.lastMessageWall ?? NSNull(),
                "messages_per_second": Double(window.reduce(0) { $0 + $1.count }) / span,
                "messages": c.messages, "bytes": c.bytes, "inputs": c.inputs, "errors": c.errors,
                "last_error": c.lastError ?? NSNull(), "dropped": c.dropped, "outages": c.outages,
                "rotation_period_s": c.rotationPeriodSeconds ?? NSNull(),
            ]
        }
    }
}
