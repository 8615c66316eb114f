import Foundation
public import NIOCore
import SkyGeodesy
import SkyMath
public import SkyModel
import Synchronization

/// One frame for the WebSocket clients: a JSON text, encoded once and shared by every client it goes to, and the
/// cycle it belongs to.
public struct PictureFrame: Sendable {
    /// Cycle number of the picture (snapshots and deltas); `-1` for status frames.
    public var cycle: Int
    /// The JSON text, UTF-8 (a `ByteBuffer` shares its storage: sending it to many clients copies nothing).
    public var data: ByteBuffer
    /// An empty snapshot after which cycle numbers start again (``PictureStore/reset()``).
    public var isReset: Bool

    /// A frame of `cycle` with the UTF-8 JSON `data`.
    public init(cycle: Int, data: ByteBuffer, isReset: Bool = false) {
        self.cycle = cycle
        self.data = data
        self.isReset = isReset
    }

    /// A frame of `cycle` with `text`.
    public init(cycle: Int, text: String, isReset: Bool = false) {
        self.init(cycle: cycle, data: ByteBuffer(string: text), isReset: isReset)
    }

    /// The JSON text (a copy; for tests and logs).
    public var text: String { String(buffer: data) }
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
        /// The JSON of the active alerts, built on the first request after a change (`nil` until then).
        var alertsJSON: String? = "[]"
        /// The delta streams, by cycles per frame (1: the full-rate stream, always there; others while a client
        /// asked for a lower rate).
        var streams: [Int: DeltaStream] = [
            1: DeltaStream(cyclesPerFrame: 1, startingFrom: TrackPicture(cycle: -1, time: 0, tracks: []))
        ]

        /// The active alerts' JSON, built once per change.
        mutating func activeAlertsJSON() -> String {
            if let a = alertsJSON { return a }
            let a = PictureStore.alertsArray(alerts.values.sorted { $0.alertID < $1.alertID }, starts: alertStart)
            alertsJSON = a
            return a
        }

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

    /// The service's update cycle, seconds (turns a client's frame rate into cycles per frame).
    public let cyclePeriodSeconds: Double

    /// A store keeping `historyLength` points per track, one every `historyIntervalSeconds`, for a service whose
    /// cycle is `cyclePeriodSeconds`.
    public init(
        historyLength: Int = 300,
        historyIntervalSeconds: Double = 1,
        clientBufferFrames: Int = 8,
        cyclePeriodSeconds: Double = 0.25
    ) {
        self.cyclePeriodSeconds = cyclePeriodSeconds
        self.historyLength = historyLength
        self.historyIntervalSeconds = historyIntervalSeconds
        broadcaster = PictureBroadcaster(bufferFrames: clientBufferFrames)
    }

    /// Takes one cycle's picture and alert events, and sends the compact delta (`docs/api.md`) to every WebSocket
    /// client: the tracks that are new, received a measurement or changed status or identity since the stream's
    /// previous frame (the others keep the position last sent; a radar-only track moves once a scan, as on a radar
    /// display), and the ended ones. Each stream's frame is encoded once and shared by its clients; a stream
    /// slower than the cycle (``subscribe(cyclesPerFrame:)``) merges the cycles in between.
    /// - Parameters:
    ///   - wallSeconds: when the picture is published, UNIX seconds (the frame's `"wall"`: a client's receive time
    ///     minus it is the delivery delay).
    ///   - inputLatencySeconds: the longest wait, among the input batches this picture is the first to carry, from
    ///     a batch's arrival to now (the frame's `"input_latency_s"`).
    /// - Complexity: O(tracks) per stream that sends a frame this cycle.
    public func publish(
        _ picture: TrackPicture,
        alerts: [AlertEvent] = [],
        wallSeconds: Double? = nil,
        inputLatencySeconds: Double? = nil
    ) {
        let ended = picture.endedTracks
        let rates = broadcaster.activeCyclesPerFrame
        let frames = state.withLock { s -> [(cyclesPerFrame: Int, bytes: [UInt8])] in
            // A stream for a newly asked rate starts from the picture its first client's snapshot shows.
            for k in rates where s.streams[k] == nil {
                s.streams[k] = DeltaStream(cyclesPerFrame: k, startingFrom: s.picture)
            }
            for k in s.streams.keys where k != 1 && !rates.contains(k) { s.streams[k] = nil }
            s.picture = picture
            s.index.removeAll(keepingCapacity: true)
            let interval = historyIntervalSeconds
            let length = historyLength
            picture.tracks.withUnsafeBufferPointer { tracks in
                // The tracks' fields are read in place (no copy of each track).
                for i in tracks.indices {
                    let number = tracks[i].number
                    s.index[number] = i
                    if let last = s.history[number]?.last, picture.time - last.time < interval { continue }
                    // In place (no copy of the array); trimmed a quarter at a time, so the shift is amortised.
                    s.history[number, default: []].append(
                        HistoryPoint(
                            time: picture.time,
                            latitudeDegrees: tracks[i].position.latitudeDegrees,
                            longitudeDegrees: tracks[i].position.longitudeDegrees,
                            altitudeFeet: tracks[i].barometricAltitudeFeet
                        )
                    )
                    if let count = s.history[number]?.count, count > length + length / 4 {
                        s.history[number]!.removeFirst(count - length)
                    }
                }
            }
            for n in ended { s.history[n] = nil }
            if s.history.count > picture.tracks.count {
                // Tracks that left the display without an ended event (dropped before confirmation, or merged).
                s.history = s.history.filter { s.index[$0.key] != nil }
            }
            for a in alerts {
                if a.phase == .end {
                    s.alerts[a.alertID] = nil
                } else if s.alertStart[a.alertID] == nil {
                    s.alertStart[a.alertID] = a.time
                }
                if a.phase != .end { s.alerts[a.alertID] = a }
            }
            s.tracksJSON = nil
            if !alerts.isEmpty { s.alertsJSON = nil }
            // Each event's JSON once, for every stream.
            let events = alerts.map {
                (id: $0.alertID, json: Self.alertJSON($0, start: s.alertStart[$0.alertID] ?? $0.time))
            }
            var frames: [(cyclesPerFrame: Int, bytes: [UInt8])] = []
            for k in s.streams.keys.sorted() {
                if let bytes = s.streams[k]!.take(
                    picture,
                    alerts: events,
                    wallSeconds: wallSeconds,
                    inputLatencySeconds: inputLatencySeconds
                ) {
                    frames.append((k, bytes))
                }
            }
            for a in alerts where a.phase == .end { s.alertStart[a.alertID] = nil }
            return frames
        }
        for f in frames {
            broadcaster.broadcast(
                PictureFrame(cycle: picture.cycle, data: ByteBuffer(bytes: f.bytes)),
                cyclesPerFrame: f.cyclesPerFrame
            )
        }
    }

    /// Registers a WebSocket client that wants one frame every `cyclesPerFrame` cycles (each merging the cycles
    /// since the previous one). - Returns: its identifier (for ``PictureBroadcaster/unsubscribe(_:)``) and frames.
    public func subscribe(cyclesPerFrame: Int = 1) -> (id: Int, frames: AsyncStream<PictureFrame>) {
        broadcaster.subscribe(cyclesPerFrame: cyclesPerFrame)
    }

    /// Cycles per frame for a client asking for `framesPerSecond` (at least 1: never more than one per cycle).
    public func cyclesPerFrame(framesPerSecond: Double) -> Int {
        guard framesPerSecond.isFinite, framesPerSecond > 0 else { return 1 }
        return max(1, min(3_600, Int((1 / (framesPerSecond * cyclePeriodSeconds)).rounded())))
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
                    + "\"cycle\":\(s.picture.cycle),\"tracks\":\(s.allTracksJSON()),\"alerts\":\(s.activeAlertsJSON())}"
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
    public func alertsResponse() -> String { state.withLock { s in "{\"alerts\":\(s.activeAlertsJSON())}" } }

    /// `GET /api/tracks/{number}`: the track with its history, or `nil` when it is not displayed.
    public func trackResponse(number: UInt32) -> String? {
        state.withLock { s in
            guard let i = s.index[number] else { return nil }
            var out = ""
            TrackJSON.append(s.picture.tracks[i], to: &out)
            out.removeLast()
            let points = (s.history[number] ?? []).suffix(historyLength).map {
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
