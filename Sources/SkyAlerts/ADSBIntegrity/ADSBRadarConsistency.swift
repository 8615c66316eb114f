public import SkyModel

/// One comparison sample of an ADS-B position against the radar-derived position of the same aircraft, at the
/// same time, as the tracker sees them when both update the track of one Mode S address.
///
/// SkyAlerts only sees fused system tracks, where the two are already mixed; the tracker, which holds both
/// measurements, builds these samples (for example at each radar update of a track that also has ADS-B: the
/// ADS-B report extrapolated to the plot time, and the plot).
public struct ADSBRadarConsistency: Sendable, Hashable {
    /// Time of the comparison, UNIX seconds.
    public var time: Double
    /// The aircraft's Mode S address.
    public var address: ICAOAddress
    /// The system track number both update.
    public var trackNumber: UInt32
    /// ADS-B position, degrees.
    public var adsbPosition: GeoPoint
    /// Radar-derived position at the same time, degrees.
    public var radarPosition: GeoPoint
    /// Navigation accuracy category for position (NACp, 0…11) the ADS-B report carried.
    public var nacp: Int
    /// One-sigma horizontal accuracy of the radar-derived position per axis, metres (range and azimuth noise at
    /// the target's range; about 200 m at 100 NM for a 0.06° azimuth sigma).
    public var radarSigmaMetres: Double

    /// A sample; time in UNIX seconds, positions in degrees, sigma in metres.
    public init(
        time: Double,
        address: ICAOAddress,
        trackNumber: UInt32,
        adsbPosition: GeoPoint,
        radarPosition: GeoPoint,
        nacp: Int,
        radarSigmaMetres: Double
    ) {
        self.time = time
        self.address = address
        self.trackNumber = trackNumber
        self.adsbPosition = adsbPosition
        self.radarPosition = radarPosition
        self.nacp = nacp
        self.radarSigmaMetres = radarSigmaMetres
    }

    /// Horizontal distance between the two positions, metres (flat Earth at the mean latitude).
    public var offsetMetres: Double {
        let cosLat = cosDegrees(0.5 * (adsbPosition.latitudeDegrees + radarPosition.latitudeDegrees))
        let k = Double.pi / 180 * earthRadiusMetres
        let dx = (adsbPosition.longitudeDegrees - radarPosition.longitudeDegrees) * k * cosLat
        let dy = (adsbPosition.latitudeDegrees - radarPosition.latitudeDegrees) * k
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The 95 % horizontal position bound (EPU) of a NACp, metres (RTCA DO-260B table 2-70); `nil` for NACp 0
    /// (unknown, ≥ 10 NM).
    public static func estimatedPositionUncertaintyMetres(nacp: Int) -> Double? {
        switch nacp {
        case 11: 3
        case 10: 10
        case 9: 30
        case 8: 92.6
        case 7: 185.2
        case 6: 555.6
        case 5: 926
        case 4: 1_852
        case 3: 3_704
        case 2: 7_408
        case 1: 18_520
        default: nil
        }
    }
}
