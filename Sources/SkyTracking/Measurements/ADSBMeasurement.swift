public import SkyGeodesy
import SkyMath
public import SkyModel

/// The parameters of ADS-B fusion, with units and defaults.
///
/// Defaults come from the standards, not from one scenario: the position accuracy from the NACp the aircraft
/// declares (DO-260B table 2-70), the altitude quantum from the barometric altitude code (25 ft with Q = 1), and
/// a gate whose false-rejection probability for a genuine report is negligible.
public struct ADSBFusionConfiguration: Sendable, Codable, Hashable {
    /// Smallest per-axis position standard deviation given to an ADS-B report, metres.
    ///
    /// NACp 10 and 11 declare 95 % bounds of 10 m and 3 m, i.e. σ of 4 m and 1.2 m. Errors the NACp does not
    /// cover then dominate: airborne CPR quantisation (5.1 m cells, σ ≈ 1.5 m), and the transponder's
    /// extrapolation of the position to the transmission time (DO-260B allows a residual latency of a few tens
    /// of milliseconds: 20 ms at 250 m/s is 5 m along track). 7.5 m keeps these inside 1 σ.
    public var minimumPositionSigma = 7.5
    /// NACp assumed when a report carries neither NACp nor NIC: 6, a 95 % bound of 0.3 NM (σ ≈ 227 m).
    ///
    /// A report without NACp but with a NIC (version 0 transmitters, whose position type code gives NUCp and
    /// thereby the NIC; or any aircraft before its first operational status message) takes the NIC's containment
    /// radius Rc as its 95 % bound instead: Rc bounds the error with probability 1 − 10⁻⁷ (integrity), so it
    /// also bounds the 95 % accuracy, conservatively (NUCp 7 / NIC 8: Rc = 0.1 NM, σ ≈ 76 m).
    public var assumedNACp: UInt8 = 6
    /// Chi-square gate (2 degrees of freedom) on the position innovation of a report against the track holding
    /// its address: the kinematic verification. A genuine report fails with probability `exp(−g/2)` (46.1 ↔
    /// 10⁻¹⁰); CPR decoding errors and spoofed positions, kilometres off, fail.
    public var gateThreshold = 46.1
    /// Quantum of the barometric altitude in the airborne position message, feet (25 ft with the Q bit set).
    public var barometricQuantumFeet = 25.0
    /// Whether a report whose address no track holds may be associated with a nearby track without any Mode S
    /// address (e.g. fed by Mode A/C radars only): only when exactly one such track passes the ordinary
    /// chi-square gate (`TrackerConfiguration.gateThreshold`) and no code contradicts it.
    public var associatesUnaddressedTracks = true
    /// Consecutive reports of one address rejected by the position gate, while the track holding the address is
    /// coasting, after which that track loses the address and the reports start a track of their own (10 ≈ 5 s
    /// at the 2 Hz airborne position rate); 0 never splits.
    public var identitySplitRejections: Int32 = 10
    /// A track younger than this many rotation periods (of the slowest radar) whose address's reports it rejected
    /// ``identitySplitRejections`` times in a row starts again from the report, keeping its number and identity
    /// (0: never). Such a young track holds at most a plot or two of each radar, which a stream of its own
    /// aircraft's reports contradicts: a plot of a radar with an uncorrected bias (before sensor registration has
    /// an estimate) can pull a young track's velocity hundreds of m/s off, after which every report fails the
    /// gate until the track coasts (12 s at a 10 s radar) and the address goes to a new track.
    public var reanchorMaximumAgePeriods = 2.0
    /// Reports older than their track's last update by at most this are applied (retrodicted, like the plots of
    /// one radar batch); older ones are counted as late and dropped, s.
    public var maximumLateness = 0.5

    /// The defaults.
    public init() {}

    /// The JSON keys (a configuration's `"adsb"` object may give any subset; others are errors).
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case minimumPositionSigma, assumedNACp, gateThreshold, barometricQuantumFeet, associatesUnaddressedTracks,
            maximumLateness, identitySplitRejections, reanchorMaximumAgePeriods
    }

    /// Every key the `"adsb"` object of a configuration file may give.
    public static let configurationKeys = Set(CodingKeys.allCases.map(\.rawValue))

    /// A configuration from JSON-decoded keys: every key is optional and falls back to its default.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.decodeIfPresent(into: &minimumPositionSigma, forKey: .minimumPositionSigma)
        try c.decodeIfPresent(into: &assumedNACp, forKey: .assumedNACp)
        try c.decodeIfPresent(into: &gateThreshold, forKey: .gateThreshold)
        try c.decodeIfPresent(into: &barometricQuantumFeet, forKey: .barometricQuantumFeet)
        try c.decodeIfPresent(into: &associatesUnaddressedTracks, forKey: .associatesUnaddressedTracks)
        try c.decodeIfPresent(into: &maximumLateness, forKey: .maximumLateness)
        try c.decodeIfPresent(into: &identitySplitRejections, forKey: .identitySplitRejections)
        try c.decodeIfPresent(into: &reanchorMaximumAgePeriods, forKey: .reanchorMaximumAgePeriods)
    }
}

/// An ADS-B report converted for the tracker: a position measurement on the system plane and a barometric
/// height. Trivially copyable.
@frozen
public struct ADSBMeasurement: Sendable, BitwiseCopyable {
    /// Time of applicability, UNIX seconds.
    public var time: Double
    /// Position on the system plane and its covariance (isotropic, from NACp), metres and m².
    public var measurement: PlanePositionMeasurement
    /// Barometric altitude as height (1 ft = 0.3048 m, the tracker's Mode C convention), m, and its variance, m².
    public var height: Double
    public var heightVariance: Double
    /// Whether the report carries a barometric altitude.
    public var hasHeight: Bool
    /// Aircraft address (24 bits).
    public var address: UInt32
    /// Mode 3/A code (valid when `hasModeA`) and whether it is discrete.
    public var modeA: UInt16
    public var hasModeA: Bool
    public var modeAIsDiscrete: Bool
    /// Per-axis position standard deviation used, metres on the ground.
    public var positionSigma: Double
}

/// Converts ADS-B reports into tracker measurements: the measurement model geodetic → system plane.
///
/// **Position.** The reported WGS-84 position (a GNSS fix, CPR-decoded) is projected onto the stereographic
/// system plane. **Covariance.** NACp bounds the horizontal error with 95 % probability (EPU). Taken as a circular
/// 2-D Gaussian with per-axis σ, `P(r ≤ R) = 1 − exp(−R²/2σ²)`, so
/// ```
/// σ = max(EPU / √(2 ln 20), σ_min) = max(EPU / 2.4477, σ_min),     R = (k σ)² I₂
/// ```
/// with k the projection's point scale factor at the report (plane metres per ground metre). NACp 0 (accuracy
/// unknown) makes the report unusable for position. **Height.** The barometric altitude (feet) times 0.3048,
/// with the quantisation variance q²/12 — the convention of the tracker's Mode C.
public struct ADSBMeasurementModel: Sendable {
    /// The system plane.
    public let plane: StereographicPlane
    /// The parameters.
    public var configuration: ADSBFusionConfiguration

    /// √(2 ln 20): the 95 % radius of a circular 2-D Gaussian in units of its per-axis σ.
    public static let radius95PerSigma = 2.447_746_830_680_816

    /// A model onto `plane`.
    public init(plane: StereographicPlane, configuration: ADSBFusionConfiguration = ADSBFusionConfiguration()) {
        self.plane = plane
        self.configuration = configuration
    }

    /// The per-axis position standard deviation of a report, metres (`nil` for NACp 0: unknown accuracy).
    /// - Parameters:
    ///   - nacP: the declared NACp, if received.
    ///   - nic: the NIC, used when there is no NACp (its containment radius as the 95 % bound).
    /// - Returns: `max(bound / 2.4477, σ_min)`; ``ADSBFusionConfiguration/assumedNACp`` without NACp and NIC.
    public func positionSigma(nacP: UInt8?, nic: UInt8? = nil) -> Double? {
        let bound: Double?
        if let nacP {
            bound = ADSBReport.estimatedPositionUncertaintyMetres(nacP: nacP)
        } else if let nic, let rc = Self.containmentRadiusMetres(nic: nic) {
            bound = rc
        } else {
            bound = ADSBReport.estimatedPositionUncertaintyMetres(nacP: configuration.assumedNACp)
        }
        guard let bound else { return nil }
        return Swift.max(bound / Self.radius95PerSigma, configuration.minimumPositionSigma)
    }

    /// The horizontal containment radius Rc of a NIC, metres (DO-260B table 2-14; for NIC 6 the largest
    /// of its supplement variants, 0.6 NM). `nil` for NIC 0 (unknown).
    public static func containmentRadiusMetres(nic: UInt8) -> Double? {
        let nm = 1852.0
        switch nic {
        case 11: return 7.5
        case 10: return 25
        case 9: return 75
        case 8: return 0.1 * nm
        case 7: return 0.2 * nm
        case 6: return 0.6 * nm
        case 5: return 1 * nm
        case 4: return 2 * nm
        case 3: return 4 * nm
        case 2: return 8 * nm
        case 1: return 20 * nm
        default: return nil
        }
    }

    /// The measurement of a report.
    /// - Returns: `nil` when the report cannot be used: NACp 0, or a non-finite position.
    public func measurement(of report: ADSBReport) -> ADSBMeasurement? {
        let p = report.position
        guard p.latitude.isFinite, p.longitude.isFinite, report.time.isFinite,
            let sigma = positionSigma(nacP: report.nacP, nic: report.nic)
        else { return nil }
        let xy = plane.project(p)
        guard xy.x.isFinite, xy.y.isFinite else { return nil }
        let k = plane.pointScaleFactor(at: p)
        let variance = k * k * sigma * sigma
        var position = Vector<2>.zero
        position[0] = xy.x
        position[1] = xy.y
        var covariance = Matrix<2, 2>.zero
        covariance[0, 0] = variance
        covariance[1, 1] = variance
        let feet = report.barometricAltitudeFeet
        let q = configuration.barometricQuantumFeet * 0.3048
        return ADSBMeasurement(
            time: report.time,
            measurement: PlanePositionMeasurement(position: position, covariance: covariance),
            height: (feet ?? 0) * 0.3048,
            heightVariance: q * q / 12,
            hasHeight: feet?.isFinite ?? false,
            address: report.address.rawValue,
            modeA: report.modeA?.rawValue ?? 0,
            hasModeA: report.modeA != nil,
            modeAIsDiscrete: report.modeA?.isDiscrete ?? false,
            positionSigma: sigma
        )
    }
}

/// Counters of ADS-B fusion.
public struct ADSBFusionStatistics: Sendable, Hashable {
    /// Reports received.
    public var reports = 0
    /// Reports applied to a track (as an update, including initiations).
    public var applied = 0
    /// Reports applied to the track already holding their address.
    public var appliedByAddress = 0
    /// Reports that gave a track without a Mode S address its address (kinematic association).
    public var adoptedByUnaddressedTrack = 0
    /// Tracks initiated from an ADS-B report.
    public var tracksInitiated = 0
    /// Reports that failed the kinematic verification (position gate) against their address's track: not applied.
    public var rejectedByPositionGate = 0
    /// Reports that failed the altitude gate against their address's track: not applied.
    public var rejectedByAltitudeGate = 0
    /// Reports without usable accuracy (NACp 0) or position.
    public var unusable = 0
    /// Reports older than their track's last update by more than the allowed lateness: dropped.
    public var late = 0
    /// Reports applied although up to `maximumLateness` older than their track's last update.
    public var appliedLate = 0
    /// Addresses taken from a coasting track whose reports it kept rejecting (see
    /// ``ADSBFusionConfiguration/identitySplitRejections``).
    public var identitySplits = 0
    /// Young tracks started again from their address's reports after rejecting them (see
    /// ``ADSBFusionConfiguration/reanchorMaximumAgePeriods``).
    public var reanchored = 0
    /// Reports whose address matched no track while several unaddressed tracks were in the gate (a new track
    /// was started instead of guessing).
    public var ambiguous = 0

    public init() {}
}
