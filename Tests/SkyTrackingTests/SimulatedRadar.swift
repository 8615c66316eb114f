import Foundation
import SkyGeodesy
import SkyModel
import SkyTestSupport
import SkyTracking

/// A test radar: antenna at a site, noise from its description, plots of straight or turning targets.
struct SimulatedRadar {
    let description: SensorDescription
    let site: RadarSite

    init(
        id: UInt8 = 1,
        latitude: Double = 48.85,
        longitude: Double = 2.40,
        period: Double = 4,
        rangeSigma: Double = 40,
        azimuthSigmaDegrees: Double = 0.06
    ) {
        let position = GeodeticPosition(latitudeDegrees: latitude, longitudeDegrees: longitude, heightMetres: 100)
        description = SensorDescription(
            id: SensorID(sac: 0, sic: id),
            name: "test",
            site: position,
            kind: .ssr,
            rotationPeriodSeconds: period,
            rangeSigmaMetres: rangeSigma,
            azimuthSigma: azimuthSigmaDegrees * .pi / 180,
            detectionProbability: 1,
            minRangeMetres: 500,
            maxRangeMetres: 400_000,
            modeCQuantumFeet: 25
        )
        site = RadarSite(antenna: position)
    }

    /// False plots only: `perScan` per rotation for `scans` rotations, uniform in area over 2–150 km, no codes, timed
    /// by their azimuth on the sweep, in time order.
    func clutter(scans: Int, perScan: Int, rng: inout SeededRandom) -> [RadarPlot] {
        let period = description.rotationPeriodSeconds ?? 4
        var plots: [RadarPlot] = []
        for scan in 0..<scans {
            for _ in 0..<perScan {
                let r = (rng.uniform(0...1) * (150_000.0 * 150_000 - 2_000 * 2_000) + 2_000 * 2_000).squareRoot()
                let az = rng.uniform(0...(2 * .pi - 1e-9))
                let time = Double(scan) * period + az / (2 * .pi) * period
                plots.append(
                    RadarPlot(time: time, sensor: description.id, slantRangeMetres: r, azimuth: az, kind: .primary)
                )
            }
        }
        return plots.sorted { $0.time < $1.time }
    }

    /// A primary-only plot, without noise, of plane position `xy` on `plane` at `height` (m) at `time`.
    func exactPrimaryPlot(_ xy: SIMD2<Double>, plane: StereographicPlane, height: Double, time: Double) -> RadarPlot {
        var g = plane.unproject(xy)
        g.heightMetres = height
        let polar = site.polar(of: g)
        return RadarPlot(
            time: time,
            sensor: description.id,
            slantRangeMetres: polar.slantRangeMetres,
            azimuth: polar.azimuth < 0 ? polar.azimuth + 2 * .pi : polar.azimuth,
            kind: .primary
        )
    }

    /// A noisy plot of a target at `position` (height = Mode C) at `time`.
    func plot(
        of position: GeodeticPosition,
        time: Double,
        rng: inout SeededRandom,
        modeA: Mode3ACode? = nil,
        address: ICAOAddress? = nil,
        withModeC: Bool = true
    ) -> RadarPlot {
        let polar = site.polar(of: position)
        var az = polar.azimuth + rng.gaussian() * description.azimuthSigma
        if az < 0 { az += 2 * .pi }
        if az >= 2 * .pi { az -= 2 * .pi }
        return RadarPlot(
            time: time,
            sensor: description.id,
            slantRangeMetres: polar.slantRangeMetres + rng.gaussian() * description.rangeSigmaMetres,
            azimuth: az,
            modeCFeet: withModeC ? (position.heightMetres / 0.3048 / 25).rounded() * 25 : nil,
            modeA: modeA,
            address: address,
            kind: modeA == nil && address == nil && !withModeC ? .primary : .combined
        )
    }
}

/// A target moving on the plane of a reference point: constant velocity, optionally turning at a constant rate.
struct PlaneTarget {
    var plane: StereographicPlane
    var start: SIMD2<Double>
    var velocity: SIMD2<Double>
    var height: Double
    /// Turn rate, rad/s (positive = clockwise), and when it starts and ends, s.
    var turnRate = 0.0
    var turnStart = Double.infinity
    var turnEnd = Double.infinity

    /// Position on the plane at time t (s), integrating in 0.1 s steps.
    func planePosition(at t: Double) -> SIMD2<Double> {
        var p = start
        var v = velocity
        var s = 0.0
        let dt = 0.1
        while s < t - 1e-9 {
            let h = Swift.min(dt, t - s)
            if s >= turnStart && s < turnEnd {
                let a = -turnRate * h  // clockwise
                let c = cos(a)
                let sn = sin(a)
                v = SIMD2(c * v.x - sn * v.y, sn * v.x + c * v.y)
            }
            p += v * h
            s += h
        }
        return p
    }

    func geodetic(at t: Double) -> GeodeticPosition {
        var g = plane.unproject(planePosition(at: t))
        g.heightMetres = height
        return g
    }
}
