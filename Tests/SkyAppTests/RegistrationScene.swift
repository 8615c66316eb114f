import Foundation
import SkyGeodesy
import SkyModel
import SkyTestSupport
import SkyTracking

@testable import SkyApp

/// A small biased scene for the registration outputs: one Mode S radar with a range offset, an azimuth offset and
/// a time offset (no gain, like the simulator), `targets` straight-flying Mode S aircraft 30–200 km out, seen every
/// 4 s, and each aircraft's ADS-B once a second (5 m noise, NACp 9). The same construction as
/// `SkyTrackingTests/RegistrationTests.trackerCollectsADSBPairs`; the estimate converges after about 200 s.
enum RegistrationScene {
    static let epoch = 1_768_478_400.0
    static let site = GeodeticPosition(latitudeDegrees: 48.85, longitudeDegrees: 2.40, heightMetres: 100)
    static let truth = RadarBias(rangeOffsetMetres: 180, azimuthOffsetDegrees: 0.12, timeOffsetSeconds: 0.3)
    static let radar = SensorDescription(
        id: SensorID(sac: 0, sic: 1),
        name: "R1",
        site: site,
        kind: .modeS,
        rotationPeriodSeconds: 4,
        rangeSigmaMetres: 30,
        azimuthSigma: 0.05 * .pi / 180,
        maxRangeMetres: 300_000,
        modeCQuantumFeet: 25
    )

    /// The plots and ADS-B reports, each sorted by time (UNIX seconds from ``epoch``).
    static func make(seconds: Double = 360, targets: Int = 20, seed: UInt64 = 11) -> TrackInput {
        var rng = SeededRandom(seed: seed)
        let frame = LocalTangentPlane(origin: site)
        let polarFrame = RadarSite(antenna: site)
        var plots: [RadarPlot] = []
        var reports: [ADSBReport] = []
        for k in 0..<targets {
            let r = rng.uniform(30_000...200_000)
            let bearing = rng.uniform(0...(2 * .pi))
            let start = SIMD3(r * sin(bearing), r * cos(bearing), rng.uniform(8_000...11_000))
            let heading = rng.uniform(0...(2 * .pi))
            let speed = rng.uniform(150...250)
            let velocity = SIMD3(speed * sin(heading), speed * cos(heading), 0)
            func position(_ t: Double) -> GeodeticPosition { frame.geodetic(of: ENUVector(start + velocity * t)) }
            let address = ICAOAddress(UInt32(0x3C_0000 + k))
            var t = 4 * Double(k) / Double(targets)
            while t < seconds {
                let truePosition = position(t)
                let polar = polarFrame.polar(of: truePosition)
                var azimuth = polar.azimuth + truth.azimuthOffset + radar.azimuthSigma * rng.gaussian()
                if azimuth < 0 { azimuth += 2 * .pi } else if azimuth >= 2 * .pi { azimuth -= 2 * .pi }
                plots.append(
                    RadarPlot(
                        time: epoch + t + truth.timeOffsetSeconds,
                        sensor: radar.id,
                        slantRangeMetres: polar.slantRangeMetres + truth.rangeOffsetMetres
                            + radar.rangeSigmaMetres * rng.gaussian(),
                        azimuth: azimuth,
                        modeCFeet: (truePosition.heightMetres / 0.3048 / 25).rounded() * 25,
                        address: address,
                        kind: .modeS
                    )
                )
                t += 4
            }
            var ta = 0.3 * Double(k) / Double(targets)
            while ta < seconds {
                let p = position(ta)
                let noise = ENUVector(east: 5 * rng.gaussian(), north: 5 * rng.gaussian(), up: 0)
                reports.append(
                    ADSBReport(
                        time: epoch + ta,
                        address: address,
                        position: LocalTangentPlane(origin: p).geodetic(of: noise),
                        barometricAltitudeFeet: (p.heightMetres / 0.3048 / 25).rounded() * 25,
                        nacP: 9
                    )
                )
                ta += 1
            }
        }
        plots.sort { $0.time < $1.time }
        reports.sort { $0.time < $1.time }
        return TrackInput(
            name: "registration",
            sensors: [radar],
            reference: site,
            plots: plots,
            reports: reports,
            epochUnixSeconds: epoch,
            durationSeconds: seconds
        )
    }
}
