import Foundation
import SkyGeodesy
import SkyMath
import SkyModel

/// The fields of a track that change rarely (status, identity, sensors, the kind guess, creation time): a delta
/// row carries them only when one of them changed since the stream's last frame (all of them for a new track).
struct TrackIdentity: Equatable {
    var status: TrackStatus
    var callsign: Callsign?
    var address: ICAOAddress?
    var modeA: Mode3ACode?
    var sources: TrackSources
    var sensors: [SensorID]
    var kind: TrackKindGuess
    var spi: Bool
    /// UNIX seconds.
    var createdTime: Double

    init(_ t: borrowing SystemTrack) {
        status = t.status
        callsign = t.callsign
        address = t.address
        modeA = t.modeA
        sources = t.sources
        sensors = t.contributingSensors
        kind = TrackKindGuess(
            groundSpeedMetresPerSecond: t.groundSpeedMetresPerSecond,
            altitudeFeet: t.barometricAltitudeFeet,
            cooperative: t.address != nil || t.sources.contains(.adsb)
        )
        spi = t.spi
        createdTime = t.createdTime
    }
}

/// One stream of compact delta frames (`docs/api.md`, "WebSocket /ws"): the full-rate stream sends a frame every
/// cycle; a slower stream (`/ws?rate=…`) sends one every `cyclesPerFrame` cycles that merges the cycles in between,
/// so its clients lose no information (each changed track's latest state, every track ended, every alert's latest
/// event). The frame is encoded once and shared by every client of the stream.
///
/// A delta is relative to the stream's previous frame (its `base` cycle): a client whose last frame or snapshot
/// is older than `base` has lost a frame and must resynchronise.
struct DeltaStream {
    /// What the stream last sent of a track: its last measurement time and its identity fields.
    struct Sent {
        var lastUpdate: Double
        var identity: TrackIdentity
    }

    /// Cycles merged into one frame (1: every cycle).
    let cyclesPerFrame: Int
    var sent: [UInt32: Sent] = [:]
    /// The cycle of the stream's last frame (the next frame's `base`); −1 before the first.
    var lastCycle: Int
    /// Tracks ended since the last frame.
    var pendingEnded: [UInt32] = []
    /// Alert events since the last frame (their JSON), the latest per alert, and where each alert is in the list.
    var pendingAlerts: [String] = []
    var pendingAlertIndex: [Int: Int] = [:]
    /// Earliest arrival (UNIX s) among the input batches that no frame of this stream has carried yet.
    var oldestArrival: Double?

    /// A stream whose clients start from `picture` (what a snapshot taken now shows).
    init(cyclesPerFrame: Int, startingFrom picture: TrackPicture) {
        self.cyclesPerFrame = max(1, cyclesPerFrame)
        lastCycle = picture.cycle
        for t in picture.tracks { sent[t.number] = Sent(lastUpdate: t.lastUpdateTime, identity: TrackIdentity(t)) }
    }

    /// Takes one cycle's picture and returns the frame's bytes when the cycle is one of the stream's frame cycles
    /// (`cycle` a multiple of `cyclesPerFrame`), `nil` otherwise (the cycle is merged into the next frame).
    /// - Parameters:
    ///   - wallSeconds: publication time, UNIX s (the frame's `wall`).
    ///   - inputLatencySeconds: the cycle's longest input wait, s (see ``PictureStore/publish(_:alerts:wallSeconds:inputLatencySeconds:)``).
    ///   - alerts: the cycle's alert events: identifier and `AlertDTO` JSON.
    /// - Complexity: O(tracks) on a frame cycle, O(ended + alerts) otherwise.
    mutating func take(
        _ picture: TrackPicture,
        alerts: [(id: Int, json: String)],
        wallSeconds: Double?,
        inputLatencySeconds: Double?
    ) -> [UInt8]? {
        pendingEnded += picture.endedTracks
        for a in alerts {
            if let i = pendingAlertIndex[a.id] {
                pendingAlerts[i] = a.json
            } else {
                pendingAlertIndex[a.id] = pendingAlerts.count
                pendingAlerts.append(a.json)
            }
        }
        if let wall = wallSeconds, let latency = inputLatencySeconds {
            oldestArrival = min(oldestArrival ?? .infinity, wall - latency)
        }
        guard picture.cycle % cyclesPerFrame == 0 else { return nil }
        var out = JSONBytes(capacity: 64 + 64 * sent.count / 2)
        out.append(#"{"type":"delta","time":"#)
        out.appendRaw(TrackJSON.fixed(picture.time, 3))
        out.append(#","cycle":"#)
        out.append(picture.cycle)
        out.append(#","base":"#)
        out.append(lastCycle)
        if let wall = wallSeconds {
            out.append(#","wall":"#)
            out.appendRaw(TrackJSON.fixed(wall, 3))
            if let oldest = oldestArrival {
                out.append(#","input_latency_s":"#)
                out.appendRaw(TrackJSON.fixed(max(0, wall - oldest), 4))
            }
        }
        out.append(#","updated":["#)
        var first = true
        // One hash lookup per track, no copy of the track (its fields are read in place).
        picture.tracks.withUnsafeBufferPointer { tracks in
            for i in tracks.indices {
                let number = tracks[i].number
                let lastUpdate = tracks[i].lastUpdateTime
                let identity = TrackIdentity(tracks[i])
                var previous: TrackIdentity?
                if let slot = sent.index(forKey: number) {
                    if sent.values[slot].lastUpdate == lastUpdate && sent.values[slot].identity == identity { continue }
                    previous = sent.values[slot].identity
                    sent.values[slot] = Sent(lastUpdate: lastUpdate, identity: identity)
                } else {
                    sent[number] = Sent(lastUpdate: lastUpdate, identity: identity)
                }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                Self.appendRow(tracks[i], identity: identity, previous: previous, pictureTime: picture.time, to: &out)
            }
        }
        out.append(#"],"deleted":["#)
        // Ended tracks, and tracks that left the picture without an ended event (dropped before confirmation);
        // a number that is displayed again (new track) is not deleted. Every displayed track is in `sent` now,
        // so `sent` holds more only when some left.
        var deleted = Set<UInt32>()
        if !pendingEnded.isEmpty || sent.count > picture.tracks.count {
            let shown = Set(picture.tracks.lazy.map(\.number))
            deleted = Set(pendingEnded.filter { !shown.contains($0) })
            if sent.count > shown.count {
                for n in sent.keys where !shown.contains(n) { deleted.insert(n) }
            }
        }
        first = true
        for n in deleted.sorted() {
            sent[n] = nil
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(Int(n))
        }
        out.append(#"],"alerts":["#)
        for (i, a) in pendingAlerts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.appendRaw(a)
        }
        out.append("]}")
        pendingEnded.removeAll(keepingCapacity: true)
        pendingAlerts.removeAll(keepingCapacity: true)
        pendingAlertIndex.removeAll(keepingCapacity: true)
        oldestArrival = nil
        lastCycle = picture.cycle
        return out.bytes
    }

    /// One compact row: `[number, time_ms, lat_e5, lon_e5, altitude_ft|null, vertical_rate_fpm, velocity_east_cm_s,
    /// velocity_north_cm_s, turn_rate_cdeg_s, sigma_dm, last_update_ms]`, then an object of the identity fields
    /// that differ from `previous` (all of them when `previous` is `nil`), when any do. Times are milliseconds
    /// relative to the frame's `time`.
    static func appendRow(
        _ t: borrowing SystemTrack,
        identity: TrackIdentity,
        previous: TrackIdentity?,
        pictureTime: Double,
        to out: inout JSONBytes
    ) {
        out.append(UInt8(ascii: "["))
        out.append(Int(t.number))
        out.append(UInt8(ascii: ","))
        out.appendScaled(t.time - pictureTime, 1e3)
        out.append(UInt8(ascii: ","))
        out.appendScaled(t.position.latitudeDegrees, 1e5)
        out.append(UInt8(ascii: ","))
        out.appendScaled(t.position.longitudeDegrees, 1e5)
        out.append(UInt8(ascii: ","))
        if let feet = t.barometricAltitudeFeet { out.appendScaled(feet, 1) } else { out.append("null") }
        out.append(UInt8(ascii: ","))
        out.appendScaled(t.velocity.up / 0.3048 * 60, 1)
        out.append(UInt8(ascii: ","))
        out.appendScaled(t.velocity.east, 100)
        out.append(UInt8(ascii: ","))
        out.appendScaled(t.velocity.north, 100)
        out.append(UInt8(ascii: ","))
        out.appendScaled(t.turnRate * 180 / .pi, 100)
        out.append(UInt8(ascii: ","))
        out.appendScaled(TrackJSON.positionSigma(t), 10)
        out.append(UInt8(ascii: ","))
        out.appendScaled(t.lastUpdateTime - pictureTime, 1e3)
        if previous != identity {
            out.append(",{")
            appendIdentity(identity, previous: previous, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// The identity fields that differ from `previous`, with the keys of `TrackDTO` (`created`: UNIX s, from
    /// which a client derives `age_s`).
    static func appendIdentity(_ i: TrackIdentity, previous p: TrackIdentity?, to out: inout JSONBytes) {
        var first = true
        func key(_ k: StaticString, _ out: inout JSONBytes) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(k)
        }
        if p?.status != i.status {
            key(#""status":""#, &out)
            out.appendRaw(TrackJSON.status(i.status))
            out.append(UInt8(ascii: "\""))
        }
        if p == nil || p?.callsign != i.callsign {
            key(#""callsign":"#, &out)
            out.appendRaw(i.callsign.map { TrackJSON.quoted($0.string) } ?? "null")
        }
        if p == nil || p?.address != i.address {
            key(#""address":"#, &out)
            out.appendRaw(i.address.map { "\"\($0.hex.lowercased())\"" } ?? "null")
        }
        if p == nil || p?.modeA != i.modeA {
            key(#""mode_a":"#, &out)
            out.appendRaw(i.modeA.map { "\"\($0.octal)\"" } ?? "null")
            key(#""emergency":"#, &out)
            out.append((i.modeA?.isEmergency ?? false) ? "true" : "false")
        }
        if p?.sources != i.sources {
            key(#""sources":["#, &out)
            out.appendRaw(TrackJSON.sourceNames(i.sources).map { "\"\($0)\"" }.joined(separator: ","))
            out.append(UInt8(ascii: "]"))
        }
        if p?.sensors != i.sensors {
            key(#""sensors":["#, &out)
            out.appendRaw(i.sensors.map { "\"\($0)\"" }.joined(separator: ","))
            out.append(UInt8(ascii: "]"))
        }
        if p?.kind != i.kind {
            key(#""kind":""#, &out)
            out.appendRaw(i.kind.rawValue)
            out.append(UInt8(ascii: "\""))
        }
        if p?.spi != i.spi {
            key(#""spi":"#, &out)
            out.append(i.spi ? "true" : "false")
        }
        if p?.createdTime != i.createdTime {
            key(#""created":"#, &out)
            out.appendRaw(TrackJSON.fixed(i.createdTime, 3))
        }
    }
}
