import RealModule
public import SkyGeodesy
import SkyModel

/// An ADS-B ground station (1090 MHz receiver): which transmissions reach the Beast output.
///
/// A message is received when the aircraft is within `maxRangeMetres` slant range and above the station's
/// 4/3-earth radio horizon (the same geometry as the radars, `RadarCoverage`), with probability
/// `receptionProbability` (losses to garbling and FRUIT on a busy channel). With several stations a message is
/// output once if any station hears it.
public struct ADSBReceiverConfiguration: Sendable, Hashable {
    /// Antenna position; `heightMetres` above the ellipsoid.
    public var site: GeodeticPosition
    /// Maximum slant range, metres (250 NM ≈ 463 km is typical for a well-sited 1090ES station).
    public var maxRangeMetres: Double
    /// Probability that a transmission within coverage is decoded.
    public var receptionProbability: Double

    /// A station; see each property.
    public init(site: GeodeticPosition, maxRangeMetres: Double = 463_000, receptionProbability: Double = 0.95) {
        precondition(maxRangeMetres > 0 && (0...1).contains(receptionProbability))
        self.site = site
        self.maxRangeMetres = maxRangeMetres
        self.receptionProbability = receptionProbability
    }
}

/// The receiving side: coverage of each station, evaluated at the transmitting target's position.
struct ADSBReception: Sendable {
    let coverages: [RadarCoverage]
    let frames: [LocalTangentPlane]
    let probabilities: [Double]
    var random: SimulationRandom

    init(receivers: [ADSBReceiverConfiguration], seed: UInt64) {
        coverages = receivers.map {
            RadarCoverage(
                radar: RadarConfiguration(
                    radarID: 1,
                    name: "ADS-B",
                    site: $0.site,
                    kind: .modeS,
                    rotationPeriodSeconds: 1,
                    rangeSigmaMetres: 0,
                    azimuthSigma: 0,
                    minRangeMetres: 0,
                    maxRangeMetres: $0.maxRangeMetres,
                    coneOfSilenceElevation: .pi / 2
                )
            )
        }
        frames = receivers.map { LocalTangentPlane(origin: $0.site) }
        probabilities = receivers.map(\.receptionProbability)
        random = SimulationRandom(seed: seed, stream: 0x4144_5342)
    }

    /// The probability that at least one station decodes a message sent from `position` (ECEF `ecef`):
    /// 1 − Π(1 − pₖ) over the stations whose coverage holds the target; 0 outside all coverage.
    func receptionProbability(position: GeodeticPosition, ecef: SIMD3<Double>) -> Double {
        var miss = 1.0
        for k in coverages.indices
        where coverages[k].covers(enu: frames[k].enu(of: ECEFPosition(ecef)), position: position) {
            miss *= 1 - probabilities[k]
        }
        return 1 - miss
    }

    /// Keeps the messages `messages[from...]` that are received, given the sender's reception probability.
    mutating func filter(_ messages: inout [ADSBEmission], from start: Int, probability: Double) {
        guard start < messages.count else { return }
        if probability >= 1 { return }
        var kept = start
        for m in start..<messages.count where random.bernoulli(probability) {
            messages[kept] = messages[m]
            kept += 1
        }
        messages.removeLast(messages.count - kept)
    }
}
