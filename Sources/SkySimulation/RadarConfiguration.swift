import RealModule
public import SkyGeodesy
public import SkyModel

/// Detection of skin echoes by a primary radar: Swerling 1 target, square-law detector, threshold set for a
/// false-alarm probability, signal-to-noise ratio from the radar equation calibrated at a reference range.
///
/// ```
/// SNR(R, σ) = SNRref · (σ / σref) · (Rref / R)⁴                       (radar equation, fixed radar terms)
/// Pd        = Pfa^(1 / (1 + SNR))                                     (Swerling 1, one look per scan)
/// SNRref    = ln Pfa / ln Pd_ref − 1                                  (so that Pd(Rref, σref) = Pd_ref)
/// ```
/// (Skolnik, *Introduction to Radar Systems*, 3rd ed., §2.8; Richards, *Fundamentals of Radar Signal Processing*,
/// §6.3.) The Swerling 1 cross-section fluctuates from scan to scan: each scan draws an exponential power.
public struct PrimaryDetectionModel: Sendable, Hashable {
    /// Range at which a `referenceCrossSection` target is detected with `referenceDetectionProbability`, metres.
    public var referenceRangeMetres: Double
    /// Detection probability at the reference range and cross-section.
    public var referenceDetectionProbability: Double
    /// Cross-section of the reference target, m².
    public var referenceCrossSectionSquareMetres: Double
    /// Probability of false alarm per resolution cell (sets the threshold; 1e-6 typical).
    public var falseAlarmProbability: Double

    /// A model; see each property.
    public init(
        referenceRangeMetres: Double,
        referenceDetectionProbability: Double = 0.8,
        referenceCrossSectionSquareMetres: Double = 1,
        falseAlarmProbability: Double = 1e-6
    ) {
        precondition(referenceDetectionProbability > falseAlarmProbability && referenceDetectionProbability < 1)
        self.referenceRangeMetres = referenceRangeMetres
        self.referenceDetectionProbability = referenceDetectionProbability
        self.referenceCrossSectionSquareMetres = referenceCrossSectionSquareMetres
        self.falseAlarmProbability = falseAlarmProbability
    }

    /// The detection threshold on the normalised (noise power 1) square-law output: −ln Pfa.
    public var threshold: Double { -Double.log(falseAlarmProbability) }

    /// The mean SNR (power ratio) at the reference range for the reference cross-section.
    public var referenceSNR: Double {
        Double.log(falseAlarmProbability) / Double.log(referenceDetectionProbability) - 1
    }

    /// The mean SNR (power ratio) of a target of cross-section `crossSection` m² at slant range `range` metres.
    public func snr(rangeMetres range: Double, crossSectionSquareMetres crossSection: Double) -> Double {
        let q = referenceRangeMetres / range
        let q2 = q * q
        return referenceSNR * (crossSection / referenceCrossSectionSquareMetres) * q2 * q2
    }

    /// The Swerling 1 detection probability at mean SNR `snr`: Pfa^(1/(1+SNR)).
    public func detectionProbability(snr: Double) -> Double {
        Double.exp(-threshold / (1 + snr))
    }

    /// One scan's detection draw: the square-law output of signal + noise is exponential with mean 1 + SNR for a
    /// Swerling 1 target (Rayleigh amplitude), compared with the threshold.
    public func detect(snr: Double, random: inout SimulationRandom) -> Bool {
        random.exponential(mean: 1 + snr) > threshold
    }
}

/// The configuration of one simulated rotating radar.
public struct RadarConfiguration: Sendable, Hashable {
    /// Radar identifier (the scenario's `radar_id`, ≥ 1); the ASTERIX SIC, with `systemAreaCode` as SAC.
    public var radarID: Int
    /// ASTERIX System Area Code used in the ASTERIX output.
    public var systemAreaCode: UInt8
    /// Label.
    public var name: String
    /// Antenna phase centre; `heightMetres` is the antenna height above the ellipsoid.
    public var site: GeodeticPosition
    /// `.psr` (primary only), `.ssr` (Mode A/C) or `.modeS` (Mode S).
    public var kind: SensorKind
    /// Whether a primary channel is fitted (always for `.psr`; co-located PSR for SSR and Mode S radars).
    public var hasPrimary: Bool
    /// Antenna rotation period, seconds (clockwise).
    public var rotationPeriodSeconds: Double
    /// Beam azimuth at the epoch, radians clockwise from north.
    public var azimuthAtEpoch: Double
    /// 1-σ range noise, metres; 1-σ azimuth noise, radians.
    public var rangeSigmaMetres: Double
    public var azimuthSigma: Double
    /// Systematic errors added to every plot: range offset (m), azimuth offset (rad), time-stamp offset (s).
    /// The measured slant range is `(1 + rangeGainPPM·10⁻⁶)·ρ + rangeBiasMetres + noise`.
    public var rangeBiasMetres: Double
    /// Range gain error, parts per million of the slant range (set after `init`; 0 = none).
    public var rangeGainPPM: Double = 0
    public var azimuthBias: Double
    public var timeBiasSeconds: Double
    /// Instrumented slant-range limits, metres.
    public var minRangeMetres: Double
    public var maxRangeMetres: Double
    /// Elevation above which the target is in the cone of silence, radians (40° in the benchmark).
    public var coneOfSilenceElevation: Double
    /// Primary detection model.
    public var primary: PrimaryDetectionModel
    /// Probability that an equipped, covered target replies to the interrogation of a scan.
    public var secondaryReplyProbability: Double
    /// Given a reply: probability of a Mode 3/A code, of a Mode C code, of the Mode S address (Mode S radars).
    public var modeAProbability: Double
    public var modeCProbability: Double
    public var addressProbability: Double
    /// Mean number of false plots per scan (Poisson, uniform in area over the range annulus).
    public var falsePlotsPerScan: Double
    /// Mode C quantum, feet: 25 (Mode S) or 100 (Gillham).
    public var modeCQuantumFeet: Double
    /// Number of CAT034 sectors per revolution (sector-crossing messages).
    public var sectorCount: Int
    /// MTI blind speed of the primary channel, m/s: echoes with |radial speed| below it are cancelled with the
    /// ground clutter (hovering drones, tangential crossings). 0 = no MTI notch. Set after `init`.
    public var mtiBlindSpeed: Double = 0

    /// A radar with benchmark-like defaults; angles in radians, lengths in metres.
    public init(
        radarID: Int,
        systemAreaCode: UInt8 = 0,
        name: String,
        site: GeodeticPosition,
        kind: SensorKind,
        hasPrimary: Bool = true,
        rotationPeriodSeconds: Double,
        azimuthAtEpoch: Double = 0,
        rangeSigmaMetres: Double,
        azimuthSigma: Double,
        rangeBiasMetres: Double = 0,
        azimuthBias: Double = 0,
        timeBiasSeconds: Double = 0,
        minRangeMetres: Double = 926,
        maxRangeMetres: Double,
        coneOfSilenceElevation: Double = 40 * .pi / 180,
        primary: PrimaryDetectionModel? = nil,
        secondaryReplyProbability: Double = 0.97,
        modeAProbability: Double = 0.99,
        modeCProbability: Double = 0.97,
        addressProbability: Double = 0.99,
        falsePlotsPerScan: Double = 10,
        modeCQuantumFeet: Double? = nil,
        sectorCount: Int = 16
    ) {
        precondition((1...255).contains(radarID), "radar_id is the ASTERIX SIC: 1…255")
        precondition(rotationPeriodSeconds > 0 && maxRangeMetres > minRangeMetres && minRangeMetres >= 0)
        precondition(kind != .adsbReceiver, "a rotating radar is PSR, SSR or Mode S")
        self.radarID = radarID
        self.systemAreaCode = systemAreaCode
        self.name = name
        self.site = site
        self.kind = kind
        self.hasPrimary = kind == .psr ? true : hasPrimary
        self.rotationPeriodSeconds = rotationPeriodSeconds
        self.azimuthAtEpoch = azimuthAtEpoch
        self.rangeSigmaMetres = rangeSigmaMetres
        self.azimuthSigma = azimuthSigma
        self.rangeBiasMetres = rangeBiasMetres
        self.azimuthBias = azimuthBias
        self.timeBiasSeconds = timeBiasSeconds
        self.minRangeMetres = minRangeMetres
        self.maxRangeMetres = maxRangeMetres
        self.coneOfSilenceElevation = coneOfSilenceElevation
        self.primary = primary ?? PrimaryDetectionModel(referenceRangeMetres: 0.5 * maxRangeMetres)
        self.secondaryReplyProbability = secondaryReplyProbability
        self.modeAProbability = modeAProbability
        self.modeCProbability = modeCProbability
        self.addressProbability = addressProbability
        self.falsePlotsPerScan = falsePlotsPerScan
        self.modeCQuantumFeet = modeCQuantumFeet ?? (kind == .modeS ? 25 : 100)
        self.sectorCount = sectorCount
    }

    /// Whether the radar interrogates transponders (SSR or Mode S).
    public var hasSecondary: Bool { kind != .psr }

    /// ASTERIX sensor identifier (SAC = `systemAreaCode`, SIC = `radarID`).
    public var sensorID: SensorID { SensorID(sac: systemAreaCode, sic: UInt8(radarID)) }

    /// The SkyModel description of this radar (for the scenario files and the tracker).
    public var sensorDescription: SensorDescription {
        SensorDescription(
            id: sensorID,
            name: name,
            site: site,
            kind: kind,
            rotationPeriodSeconds: rotationPeriodSeconds,
            azimuthAtEpoch: azimuthAtEpoch,
            rangeSigmaMetres: rangeSigmaMetres,
            azimuthSigma: azimuthSigma,
            detectionProbability: hasSecondary ? secondaryReplyProbability : primary.referenceDetectionProbability,
            minRangeMetres: minRangeMetres,
            maxRangeMetres: maxRangeMetres,
            modeCQuantumFeet: modeCQuantumFeet,
            falsePlotsPerScan: falsePlotsPerScan
        )
    }
}
