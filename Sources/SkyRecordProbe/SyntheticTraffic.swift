import Foundation
import SkyGeodesy
import SkyMath
import SkyModel
import SkyStorage

/// Deterministic synthetic traffic for the recorder: `count` tracks flying straight lines around 48.85° N 2.35° E
/// with every `SystemTrack` field filled, so rows have their real size.
struct SyntheticTraffic {
    let count: Int
    let startTime: Double
    private var tracks: [SystemTrack] = []

    init(count: Int, startTime: Double) {
        self.count = count
        self.startTime = startTime
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let radians = Double.pi / 180
        for k in 0..<count {
            let speed = 80 + 170 * uniform()
            let heading = 2 * Double.pi * uniform()
            var covariance = Matrix<4, 4>.identity
            let sp = 200 + 400 * uniform()
            let sv = 2 + 5 * uniform()
            covariance[0, 0] = sp * sp
            covariance[1, 1] = sp * sp * 0.9
            covariance[0, 1] = sp * sp * 0.1
            covariance[1, 0] = sp * sp * 0.1
            covariance[2, 2] = sv * sv
            covariance[3, 3] = sv * sv
            covariance[0, 2] = sp * sv * 0.3
            covariance[2, 0] = sp * sv * 0.3
            covariance[1, 3] = sp * sv * 0.3
            covariance[3, 1] = sp * sv * 0.3
            let feet = (1_000 + 39_000 * uniform()).rounded()
            tracks.append(
                SystemTrack(
                    number: UInt32(k + 1),
                    time: startTime,
                    position: GeodeticPosition(
                        latitude: (44 + 10 * uniform()) * radians,
                        longitude: (-3 + 11 * uniform()) * radians,
                        heightMetres: feet * 0.3048
                    ),
                    velocity: ENUVector(east: speed * _sin(heading), north: speed * _cos(heading), up: 0),
                    covariance: covariance,
                    status: .confirmed,
                    modeA: Mode3ACode(UInt16(k % 4096)),
                    address: ICAOAddress(UInt32(0x40_0000 + k)),
                    callsign: Callsign("SKY\(k % 100_000)"),
                    barometricAltitudeFeet: feet,
                    contributingSensors: [SensorID(sac: 0, sic: UInt8(k % 7 + 1)), SensorID(sac: 0, sic: 9)],
                    updateCount: 10,
                    createdTime: startTime - 60,
                    sources: [.ssr, .modeS]
                )
            )
        }
    }

    /// The picture at data time `time`: every track moved along its velocity from the start.
    mutating func picture(cycle: Int, time: Double) -> TrackPicture {
        let dt = time - startTime
        let metresPerRadian = 6_371_000.0
        var out = tracks
        for i in out.indices {
            let v = out[i].velocity
            out[i].time = time
            out[i].lastUpdateTime = time
            out[i].updateCount += cycle
            out[i].position.latitude += v.north * dt / metresPerRadian
            out[i].position.longitude += v.east * dt / metresPerRadian
        }
        return TrackPicture(cycle: cycle, time: time, tracks: out)
    }

    /// Input messages standing for the plots of one cycle: `blocks` blocks of 1,400 bytes (a full ASTERIX UDP
    /// datagram) each.
    static func inputs(blocks: Int, time: Double, wallTime: Double) -> [RecordedInput] {
        (0..<blocks).map { b in
            RecordedInput(
                inputName: "radar-\(b % 4)",
                arrivalTime: wallTime,
                dataTime: time + Double(b) * 1e-4,
                kind: "asterix",
                bytes: [UInt8](repeating: UInt8(truncatingIfNeeded: b), count: 1_400)
            )
        }
    }
}

@inline(__always) func _sin(_ x: Double) -> Double { sin(x) }
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
