import RealModule
import SkyGeodesy
import SkyModel

@testable import SkySimulation

/// Builders shared by the simulation tests.
enum Fixture {
    static let site = GeodeticPosition(latitudeDegrees: 48.0, longitudeDegrees: 2.0, heightMetres: 100)

    /// A stationary target (steady motion at zero speed) at `bearing`/`distance` from the site and `height`.
    static func stationary(
        id: Int,
        bearing: Double,
        distance: Double,
        height: Double,
        transponder: TransponderEquipage = .modeS,
        rcs: Double = 10
    ) -> TargetSpecification {
        let p = TrafficFactory.point(from: site, bearing: bearing, distance: distance, height: height)
        let identity = TargetIdentity(
            truthID: id,
            category: .airliner,
            transponder: transponder,
            modeA: transponder == .none ? nil : Mode3ACode(UInt16(id % 4096)),
            address: transponder == .modeS ? ICAOAddress(UInt32(0x400000 + id)) : nil,
            radarCrossSectionSquareMetres: rcs
        )
        return TargetSpecification(
            identity: identity,
            initialPosition: p,
            initialHeading: 0,
            initialSpeed: 0,
            motion: .steady(SteadyMotion(speed: 0))
        )
    }

    static func radar(
        kind: SensorKind = .modeS,
        period: Double = 4,
        sigmaRange: Double = 50,
        sigmaAzimuthDegrees: Double = 0.08,
        maxRange: Double = 470_000,
        falsePlots: Double = 0,
        replyProbability: Double = 1
    ) -> RadarConfiguration {
        RadarConfiguration(
            radarID: 7,
            name: "test",
            site: site,
            kind: kind,
            rotationPeriodSeconds: period,
            azimuthAtEpoch: 0.3,
            rangeSigmaMetres: sigmaRange,
            azimuthSigma: sigmaAzimuthDegrees * .pi / 180,
            minRangeMetres: 500,
            maxRangeMetres: maxRange,
            secondaryReplyProbability: replyProbability,
            modeAProbability: 1,
            modeCProbability: 1,
            addressProbability: 1,
            falsePlotsPerScan: falsePlots
        )
    }

    static func configuration(
        radars: [RadarConfiguration],
        targets: [TargetSpecification],
        duration: Int,
        seed: UInt64 = 1
    ) -> SimulationConfiguration {
        SimulationConfiguration(
            name: "test",
            epochUnixSeconds: 1_700_000_000,
            durationSeconds: duration,
            reference: site,
            seed: seed,
            radars: radars,
            targets: targets
        )
    }

    /// Runs a configuration to the end and returns all frames.
    static func run(_ configuration: SimulationConfiguration) -> [SimulationFrame] {
        var simulation = Simulation(configuration: configuration)
        var frames: [SimulationFrame] = []
        while let f = simulation.next() { frames.append(f) }
        return frames
    }
}

/// Sample mean and standard deviation.
func meanAndSigma(_ xs: [Double]) -> (mean: Double, sigma: Double) {
    let n = Double(xs.count)
    let mean = xs.reduce(0, +) / n
    let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, variance.squareRoot())
}
