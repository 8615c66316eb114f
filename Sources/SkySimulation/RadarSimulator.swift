import RealModule
import SkyGeodesy
import SkyMath
import SkyModel

/// The positions of all targets at one whole second, struct-of-arrays (the radars sweep these in a loop).
struct TrafficSnapshot: Sendable {
    var time: Double = 0
    var active: [Bool] = []
    var states: [TargetState] = []
    /// ECEF position and velocity, metres and m/s.
    var ecef: [SIMD3<Double>] = []
    var ecefVelocity: [SIMD3<Double>] = []

    /// Cubic Hermite interpolation in ECEF between two snapshots for target `i` at time `t`.
    static func interpolate(_ a: TrafficSnapshot, _ b: TrafficSnapshot, target i: Int, at t: Double) -> SIMD3<Double> {
        let h = b.time - a.time
        let s = (t - a.time) / h
        let s2 = s * s
        let s3 = s2 * s
        let h00 = 2 * s3 - 3 * s2 + 1
        let h10 = s3 - 2 * s2 + s
        let h01 = -2 * s3 + 3 * s2
        let h11 = s3 - s2
        return h00 * a.ecef[i] + (h10 * h) * a.ecefVelocity[i] + h01 * b.ecef[i] + (h11 * h) * b.ecefVelocity[i]
    }
}

/// The simulation of one rotating radar over the traffic: beam-crossing times, coverage, detection,
/// measurement errors, false plots, and the antenna's north and sector crossings.
struct RadarSimulator: Sendable {
    let configuration: RadarConfiguration
    let index: Int
    let epochUnixSeconds: Double
    let frame: LocalTangentPlane
    let coverage: RadarCoverage
    /// Beam angular rate ω = 2π/T, rad/s.
    let omega: Double
    var random: SimulationRandom
    /// Per target: whether the unwrapped crossing function below is initialised, the last azimuth (rad) and
    /// g = β(t) − unwrapped azimuth(t), the beam's lead over the target (crossings where g = 2πk).
    var tracked: [Bool] = []
    var lastAzimuth: [Double] = []
    var lastLead: [Double] = []

    init(configuration: RadarConfiguration, index: Int, epochUnixSeconds: Double, seed: UInt64) {
        self.configuration = configuration
        self.index = index
        self.epochUnixSeconds = epochUnixSeconds
        frame = LocalTangentPlane(origin: configuration.site)
        coverage = RadarCoverage(radar: configuration)
        omega = 2 * Double.pi / configuration.rotationPeriodSeconds
        random = SimulationRandom(seed: seed, stream: 0x5241_4441_5200 + UInt64(index))
    }

    /// Beam azimuth (unwrapped), radians: β(t) = φ₀ + ωt.
    func beam(_ t: Double) -> Double { configuration.azimuthAtEpoch + omega * t }

    /// Scan counter at time t: ⌊β(t)/2π⌋ (the `scan` column of plots.csv).
    func scan(_ t: Double) -> Int { Int((beam(t) / (2 * Double.pi) + 1e-12).rounded(.down)) }

    /// Processes the interval (a.time, b.time]: appends plots, false plots and markers, and adds this radar's
    /// coverage of every target at `b.time` to `coverageCount`.
    mutating func observe(
        from a: TrafficSnapshot,
        to b: TrafficSnapshot,
        identities: [TargetIdentity],
        coverageCount: inout [Int],
        plots: inout [SimulatedPlot],
        markers: inout [RadarMarker]
    ) {
        let n = b.active.count
        if tracked.count < n {
            tracked.append(contentsOf: repeatElement(false, count: n - tracked.count))
            lastAzimuth.append(contentsOf: repeatElement(0, count: n - lastAzimuth.count))
            lastLead.append(contentsOf: repeatElement(0, count: n - lastLead.count))
        }
        let twoPi = 2 * Double.pi
        for i in 0..<n {
            guard b.active[i] else {
                tracked[i] = false
                continue
            }
            let enu = frame.enu(of: ECEFPosition(b.ecef[i]))
            let az = Double.atan2(y: enu.east, x: enu.north)
            if coverage.covers(enu: enu, position: b.states[i].position) { coverageCount[i] += 1 }
            guard tracked[i], i < a.active.count, a.active[i] else {
                tracked[i] = true
                lastAzimuth[i] = az
                lastLead[i] = beam(b.time) - az
                continue
            }
            let az0 = lastAzimuth[i]
            let g0 = lastLead[i]
            // A target inside ~1 km can outrun the beam in azimuth; keep g non-decreasing (no crossing then).
            let g1 = Swift.max(g0, beam(b.time) - (az0 + Angle.wrapToPi(az - az0)))
            let k0 = (g0 / twoPi).rounded(.down)
            let k1 = (g1 / twoPi).rounded(.down)
            if k1 > k0 {
                var k = k0 + 1
                while k <= k1 {
                    let t = crossingTime(a, b, target: i, az0: az0, g0: g0, g1: g1, level: k * twoPi)
                    detect(a, b, target: i, at: t, identity: identities[i], plots: &plots)
                    k += 1
                }
            }
            // Keep the azimuth unwrapped, consistent with g: storing the wrapped atan2 value made the next step's
            // g jump by 2π after a target crossed due south (±π), which produced a spurious plot at a step boundary.
            lastAzimuth[i] = az0 + Angle.wrapToPi(az - az0)
            lastLead[i] = g1
        }
        falsePlots(from: a.time, to: b.time, plots: &plots)
        sectorCrossings(from: a.time, to: b.time, markers: &markers)
    }

    /// Solves g(t) = level on [a.time, b.time] by regula falsi (Illinois variant) on the Hermite-interpolated
    /// target position; g is nearly linear (ω dominates), so 4 iterations reach well below a microsecond.
    func crossingTime(
        _ a: TrafficSnapshot,
        _ b: TrafficSnapshot,
        target i: Int,
        az0: Double,
        g0: Double,
        g1: Double,
        level: Double
    ) -> Double {
        var tLo = a.time
        var tHi = b.time
        var fLo = g0 - level
        var fHi = g1 - level
        var t = tLo
        var side = 0  // −1: the last update moved tLo, +1: tHi (Illinois: halve the stale end on repeats)
        for _ in 0..<8 {
            guard fHi != fLo else { break }
            t = tLo - fLo * (tHi - tLo) / (fHi - fLo)
            let enu = frame.enu(of: ECEFPosition(TrafficSnapshot.interpolate(a, b, target: i, at: t)))
            let az = Double.atan2(y: enu.east, x: enu.north)
            let f = beam(t) - (az0 + Angle.wrapToPi(az - az0)) - level
            if abs(f) < 1e-12 { break }
            if f < 0 {
                tLo = t
                fLo = f
                if side == -1 { fHi /= 2 }
                side = -1
            } else {
                tHi = t
                fHi = f
                if side == 1 { fLo /= 2 }
                side = 1
            }
        }
        return Swift.min(Swift.max(t, a.time), b.time)
    }
}
