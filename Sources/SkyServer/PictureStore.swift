import Foundation
import SkyGeodesy
import SkyMath
public import SkyModel
import Synchronization

/// One frame for the WebSocket clients: a JSON text and the cycle it belongs to.
public struct PictureFrame: Sendable {
    /// Cycle number of the picture (snapshots and deltas); `-1` for status frames.
    public var cycle: Int
    /// The JSON text.
    public var text: String
    /// An empty snapshot after which cycle numbers start again (``PictureStore/reset()``).
    public var isReset: Bool

    /// A frame of `cycle` with `text`.
    public init(cycle: Int, text: String, isReset: Bool = false) {
        self.cycle = cycle
        self.text = text
        self.isReset = isReset
    }
}

/// The latest recognised air picture, as the server shows it: written once per cycle by the service's tracker
/// task, read by any number of HTTP handlers. Keeps each track's recent history in memory (bounded) and the
/// active alerts, and fans every cycle's delta out to the WebSocket clients.
///
/// Small shared state behind a `Mutex` (STYLE §8); the JSON of the current picture is built once per cycle, so a
/// request costs a copy, not an encoding.
public final class PictureStore: Sendable {
    struct State {
        var picture = TrackPicture(cycle: -1, time: 0, tracks: [])
        var index: [UInt32: Int] = [:]
        var history: [UInt32: [HistoryPoint]] = [:]
        var alerts: [Int: AlertEvent] = [:]
        var alertStart: [Int: Double] = [:]
        /// The JSON of every track of `picture`, built on the first request of a cycle (`nil` until then).
        var tracksJSON: String? = "[]"
        var alertsJSON = "[]"
        /// What the last delta said of each track: its last update time and status.
        var sent: [UInt32: (lastUpdate: Double, status: TrackStatus)] = [:]

        /// Every track's JSON, built once per cycle.
        mutating func allTracksJSON() -> String {
            if let t = tracksJSON { return t }
            let t = TrackJSON.array(picture.tracks)
            tracksJSON = t
            return t
        }
    }

    /// One past position of a track.
    public struct HistoryPoint: Sendable, Hashable {
        /// UNIX seconds, degrees, feet.
        public var time: Double
        public var latitudeDegrees: Double
        public var longitudeDegrees: Double
        public var altitudeFeet: Double?
    }

    private let state = Mutex(State())
    /// The WebSocket fan-out.
    public let broadcaster: PictureBroadcaster
    /// Positions kept per track (at one per cycle).
    public let historyLength: Int
    /// Keep one history point every this many seconds of data time.
    public let historyIntervalSeconds: Double

    /// A store keeping `historyLength` points per track, one every `historyIntervalSeconds`.
    public init(historyLength: Int = 300, historyIntervalSeconds: Double = 1, clientBufferFrames: Int = 8) {
        self.historyLength = historyLength
        self.historyIntervalSeconds = historyIntervalSeconds
        broadcaster = PictureBroadcaster(bufferFrames: clientBufferFrames)
    }

    /// Takes one cycle's picture and alert events, and sends the delta to every WebSocket client: the tracks that
    /// are new, received a measurement or changed status since the previous cycle (the others keep the position
    /// last sent; a radar-only track moves once a scan, as on a radar display), and the ended ones.
    /// - Parameters:
    ///   - wallSeconds: when the picture is published, UNIX seconds (the frame's `"wall"`: a client's receive time
    ///     minus it is the delivery delay).
    ///   - inputLatencySeconds: the longest wait, among the input batches this picture is the first to carry, from
    ///     a batch's arrival to now (the frame's `"input_latency_s"`).
    /// - Complexity: O(tracks).
    public func publish(
        _ picture: TrackPicture,
        alerts: [AlertEvent] = [],
        wallSeconds: Double? = nil,
        inputLatencySeconds: Double? = nil
    ) {
        let ended = picture.endedTracks
        let frame = state.withLock { s -> String in
            s.picture = picture
            s.index.removeAll(keepingCapacity: true)
            var updated = "["
            var updatedCount = 0  // (String.count is O(length))
            for (i, t) in picture.tracks.enumerated() {
                s.index[t.number] = i
                if let last = s.sent[t.number], last.lastUpdate == t.lastUpdateTime, last.status == t.status {
                } else {
                    s.sent[t.number] = (t.lastUpdateTime, t.status)
                    if updatedCount > 0 { updated += "," }
                    updatedCount += 1
                    TrackJSON.append(t, to: &updated)
                }
                var h = s.history[t.number] ?? []
                if let last = h.last, picture.time - last.time < historyIntervalSeconds {
                } else {
                    h.append(
                        HistoryPoint(
                            time: picture.time,
                            latitudeDegrees: t.position.latitudeDegrees,
                            longitudeDegrees: t.position.longitudeDegrees,
                            altitudeFeet: t.barometricAltitudeFeet
                        )
                    )
                    if h.count > historyLength { h.removeFirst(h.count - historyLength) }
                }
                s.history[t.number] = h
            }
            updated += "]"
            for n in ended {
                s.history[n] = nil
                s.sent[n] = nil
            }
            if s.sent.count > picture.tracks.count {
                // Tracks that left the display without an ended event (dropped before confirmation, or merged).
                let shown = Set(picture.tracks.map(\.number))
                s.sent = s.sent.filter { shown.contains($0.key) }
            }
            for a in alerts {
                if a.phase == .end {
                    s.alerts[a.alertID] = nil
                    s.alertStart[a.alertID] = nil
                } else {
                    if s.alertStart[a.alertID] == nil { s.alertStart[a.alertID] = a.time }
                    s.alerts[a.alertID] = a
                }
            }
            s.tracksJSON = nil
            s.alertsJSON = Self.alertsArray(s.alerts.values.sorted { $0.alertID < $1.alertID }, starts: s.alertStart)
            let events = Self.alertsArray(alerts, starts: s.alertStart)
            let timing =
                (wallSeconds.map { "\"wall\":\(TrackJSON.fixed($0, 3))," } ?? "")
                + (inputLatencySeconds.map { "\"input_latency_s\":\(TrackJSON.fixed($0, 4))," } ?? "")
            return "{\"type\":\"delta\",\"time\":\(TrackJSON.fixed(picture.time, 3)),\"cycle\":\(picture.cycle),"
                + timing + "\"updated\":\(updated),\"deleted\":[\(ended.map(String.init).joined(separator: ","))],"
                + "\"alerts\":\(events)}"
        }
        broadcaster.broadcast(PictureFrame(cycle: picture.cycle, text: frame))
    }

    /// Forgets the picture, the track histories and the alerts (a replay went back in time and its tracker
    /// starts again), and sends every client an empty snapshot of cycle −1, after which cycle numbers start again.
    public func reset() {
        state.withLock { $0 = State() }
        broadcaster.broadcast(
            PictureFrame(
                cycle: -1,
                text: "{\"type\":\"snapshot\",\"time\":0,\"cycle\":-1,\"tracks\":[],\"alerts\":[]}",
                isReset: true
            )
        )
    }

    /// The first frame for a new client: the whole picture and the active alerts.
    public func snapshotFrame() -> PictureFrame {
        state.withLock { s in
            PictureFrame(
                cycle: s.picture.cycle,
                text: "{\"type\":\"snapshot\",\"time\":\(TrackJSON.fixed(s.picture.time, 3)),"
                    + "\"cycle\":\(s.picture.cycle),\"tracks\":\(s.allTracksJSON()),\"alerts\":\(s.alertsJSON)}"
            )
        }
    }

    /// `GET /api/tracks`.
    public func tracksResponse() -> String {
        state.withLock { s in
            "{\"time\":\(TrackJSON.fixed(s.picture.time, 3)),\"cycle\":\(s.picture.cycle),\"tracks\":\(s.allTracksJSON())}"
        }
    }

    /// `GET /api/alerts`.
    public func alertsResponse() -> String { state.withLock { s in "{\"alerts\":\(s.alertsJSON)}" } }

    /// `GET /api/tracks/{number}`: the track with its history, or `nil` when it is not displayed.
    public func trackResponse(number: UInt32) -> String? {
        state.withLock { s in
            guard let i = s.index[number] else { return nil }
            var out = ""
            TrackJSON.append(s.picture.tracks[i], to: &out)
            out.removeLast()
            let points = (s.history[number] ?? []).map {
                "[\(TrackJSON.fixed($0.time, 3)),\(TrackJSON.fixed($0.latitudeDegrees, 6)),"
                    + "\(TrackJSON.fixed($0.longitudeDegrees, 6)),\($0.altitudeFeet.map { TrackJSON.fixed($0, 0) } ?? "null")]"
            }
            return out + ",\"history\":[" + points.joined(separator: ",") + "]}"
        }
    }

    /// The current picture.
    public var picture: TrackPicture { state.withLock { $0.picture } }

    /// The active alerts, by identifier.
    public var activeAlerts: [AlertEvent] {
        state.withLock { Array($0.alerts.values).sorted { $0.alertID < $1.alertID } }
    }

    static func alertsArray(_ alerts: [AlertEvent], starts: [Int: Double]) -> String {
        "[" + alerts.map { alertJSON($0, start: starts[$0.alertID] ?? $0.time) }.joined(separator: ",") + "]"
    }

    /// One alert as the API's `AlertDTO`.
    public static func alertJSON(_ a: AlertEvent, start: Double) -> String {
        var out = "{\"id\":\(a.alertID),\"kind\":\"\(a.kind.rawValue)\",\"phase\":\"\(a.phase.rawValue)\""
        out += ",\"start\":\(TrackJSON.fixed(start, 3)),\"time\":\(TrackJSON.fixed(a.time, 3))"
        out += ",\"tracks\":[\(a.tracks.map(String.init).joined(separator: ","))]"
        out += ",\"area\":" + (a.area.map(TrackJSON.quoted) ?? "null")
        out += ",\"code\":" + (a.code.map(TrackJSON.quoted) ?? "null")
        if let c = a.closestApproach {
            out +=
                ",\"cpa\":{\"time\":\(TrackJSON.fixed(c.time, 3)),\"horizontal_m\":\(TrackJSON.fixed(c.horizontalMetres, 0)),"
                + "\"vertical_m\":\(TrackJSON.fixed(c.verticalMetres, 0))}"
        } else {
            out += ",\"cpa\":null"
        }
        return out + ",\"message\":\(TrackJSON.quoted(a.message))}"
    }
}

/// Fans frames out to WebSocket clients. Each client has a bounded buffer of the newest frames; a client that
/// cannot keep up loses whole frames (the oldest first), and every loss is counted. Publishing never waits for a
/// client, so a slow client never slows the tracker.
public final class PictureBroadcaster: Sendable {
    private let clients = Mutex<[Int: AsyncStream<PictureFrame>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)
    private let sent = Atomic<Int>(0)
    /// Frames buffered per client.
    public let bufferFrames: Int

    /// A broadcaster buffering `bufferFrames` frames per client.
    public init(bufferFrames: Int) { self.bufferFrames = bufferFrames }

    /// Registers a client. - Returns: its identifier and its frames.
    public func subscribe() -> (id: Int, frames: AsyncStream<PictureFrame>) {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<PictureFrame>.makeStream(
            bufferingPolicy: .bufferingNewest(bufferFrames)
        )
        clients.withLock { $0[id] = continuation }
        return (id, stream)
    }

    /// Removes a client.
    public func unsubscribe(_ id: Int) {
        let c = clients.withLock { $0.removeValue(forKey: id) }
        c?.finish()
    }

    /// Sends a frame to every client.
    public func broadcast(_ frame: PictureFrame) {
        clients.withLock { all in
            for c in all.values {
                switch c.yield(frame) {
                case .dropped: dropped.add(1, ordering: .relaxed)
                case .enqueued: sent.add(1, ordering: .relaxed)
                case .terminated: break
                @unknown default: break
                }
            }
        }
    }

    /// Connected clients.
    public var clientCount: Int { clients.withLock { $0.count } }
    /// Frames lost by clients that could not keep up.
    public var droppedFrames: Int { dropped.load(ordering: .relaxed) }
    /// Frames queued for clients.
    public var queuedFrames: Int { sent.load(ordering: .relaxed) }

    /// Ends every client's stream (shutdown).
    public func finishAll() {
        let all = clients.withLock { c -> [AsyncStream<PictureFrame>.Continuation] in
            defer { c.removeAll() }
            return Array(c.values)
        }
        for c in all { c.finish() }
    }
}
