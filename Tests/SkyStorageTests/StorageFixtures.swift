import Foundation
import SkyGeodesy
import SkyMath
import SkyModel
import SkyTestSupport
import Testing

@testable import SkyStorage

/// A temporary directory per test (removed when the value goes away), as GRDB's tests make a temporary database
/// per test.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "skystorage-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Hand-made pictures with every field of `SystemTrack` filled, awkward values included (−0.0, subnormals,
/// values with no short decimal form, absent optionals).
enum Pictures {
    static let start = 1_800_000_000.0

    /// `count` tracks at cycle `cycle` (one second apart), from a seeded generator.
    static func picture(cycle: Int, count: Int, seed: UInt64 = 1) -> TrackPicture {
        var rng = SeededRandom(seed: seed &+ UInt64(cycle))
        let time = start + Double(cycle)
        var tracks: [SystemTrack] = []
        for k in 0..<count {
            var covariance = Matrix<4, 4>.zero
            for r in 0..<4 {
                for c in r..<4 {
                    let v = r == c ? rng.uniform(1...1e6) : rng.uniform(-1e3...1e3)
                    covariance[r, c] = v
                    covariance[c, r] = v
                }
            }
            let odd = k % 2 == 1
            let position = GeodeticPosition(
                latitude: rng.uniform(0.75...0.95),
                longitude: rng.uniform(-0.05...0.15),
                heightMetres: odd ? rng.uniform(300...12_000) : 0
            )
            let velocity = ENUVector(
                east: rng.uniform(-250...250),
                north: rng.uniform(-250...250),
                up: k == 0 ? -0.0 : .leastNonzeroMagnitude
            )
            let trackTime: Double = time - rng.uniform(0...0.5)
            let feet: Double? = odd ? rng.uniform(1_000...40_000) : nil
            let turnRate: Double = odd ? rng.uniform(-0.05...0.05) : -0.0
            let sensors: [SensorID] = odd ? [SensorID(sac: 0, sic: 1), SensorID(sac: 25, sic: 255)] : []
            tracks.append(
                SystemTrack(
                    number: UInt32(k * 3 + 1),
                    time: trackTime,
                    position: position,
                    hasHeight: odd,
                    velocity: velocity,
                    covariance: covariance,
                    status: odd ? .coasting : .confirmed,
                    modeA: odd ? Mode3ACode(UInt16(k % 4096)) : nil,
                    address: odd ? nil : ICAOAddress(UInt32(0x3C_0000 + k)),
                    callsign: odd ? Callsign("AFR\(k)") : nil,
                    barometricAltitudeFeet: feet,
                    contributingSensors: sensors,
                    lastUpdateTime: time - 1.0 / 3.0,
                    updateCount: k * 7,
                    turnRate: turnRate,
                    createdTime: start - 0.1,
                    sources: odd ? [.ssr, .modeS] : [.adsb],
                    spi: k % 5 == 0
                )
            )
        }
        let events: [TrackLifecycleEvent] =
            cycle % 2 == 0
            ? [
                .confirmed(track: 1, time: time), .merged(track: 99, into: 4, time: time - 0.25),
                .ended(track: 98, time: time),
            ]
            : [.coasting(track: 4, time: time), .resumed(track: 7, time: time)]
        return TrackPicture(cycle: cycle, time: time, tracks: tracks, events: events)
    }

    /// Input messages of one cycle: `count` messages with distinct bytes and data times out of order.
    static func inputs(cycle: Int, count: Int) -> [RecordedInput] {
        var inputs: [RecordedInput] = []
        for i in 0..<count {
            let base: Double = start + Double(cycle)
            let offset: Double = Double((i * 7) % count) * 0.01
            let bytes: [UInt8] = (0..<(i + 1) * 3).map { UInt8(truncatingIfNeeded: $0 * 31 + cycle) }
            inputs.append(
                RecordedInput(
                    inputName: "radar-\(i % 2)",
                    arrivalTime: base + 0.5,
                    dataTime: base - offset,
                    kind: i % 2 == 0 ? "asterix" : "beast",
                    bytes: bytes
                )
            )
        }
        return inputs
    }

    /// A recorder on a new file in `directory`.
    static func recorder(_ directory: TemporaryDirectory, name: String = "rec.sqlite") throws -> Recorder {
        try Recorder(
            path: directory.file(name),
            programVersion: "test-1.0",
            configurationJSON: "{\"a\":1}",
            startWallTime: 1e9
        )
    }
}

/// Bit-exact comparison of two tracks (every Double by its bit pattern).
func expectBitExact(_ a: SystemTrack, _ b: SystemTrack, sourceLocation: SourceLocation = #_sourceLocation) {
    func bits(_ t: SystemTrack) -> [UInt64] {
        var v: [Double] = [
            t.time, t.position.latitude, t.position.longitude, t.position.heightMetres, t.velocity.east,
            t.velocity.north, t.velocity.up, t.turnRate, t.lastUpdateTime, t.createdTime,
            t.barometricAltitudeFeet ?? 12345.678,
        ]
        for r in 0..<4 { for c in 0..<4 { v.append(t.covariance[r, c]) } }
        return v.map(\.bitPattern)
    }
    #expect(bits(a) == bits(b), "track \(a.number)", sourceLocation: sourceLocation)
    #expect(a.number == b.number, sourceLocation: sourceLocation)
    #expect(a.status == b.status && a.hasHeight == b.hasHeight && a.spi == b.spi, sourceLocation: sourceLocation)
    #expect(a.modeA == b.modeA && a.address == b.address && a.callsign == b.callsign, sourceLocation: sourceLocation)
    #expect((a.barometricAltitudeFeet == nil) == (b.barometricAltitudeFeet == nil), sourceLocation: sourceLocation)
    #expect(a.contributingSensors == b.contributingSensors && a.sources == b.sources, sourceLocation: sourceLocation)
    #expect(a.updateCount == b.updateCount, sourceLocation: sourceLocation)
}

/// The bytes of the files at `path`, `path-wal` and `path-shm` (absent ones as empty).
func fileBytes(_ path: String) -> [Data] {
    ["", "-wal"].map { FileManager.default.contents(atPath: path + $0) ?? Data() }
}
