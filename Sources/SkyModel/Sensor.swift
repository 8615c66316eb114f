public import SkyGeodesy

/// What a sensor measures.
public enum SensorKind: String, Sendable, Hashable, CaseIterable {
    /// Primary surveillance radar: range and azimuth of skin echoes, no codes.
    case psr
    /// Secondary surveillance radar (Mode A/C): range, azimuth, Mode 3/A, Mode C.
    case ssr
    /// Mode S radar (often with co-located PSR): adds the 24-bit address and Mode S data.
    case modeS
    /// ADS-B ground receiver: positions reported by the aircraft itself.
    case adsbReceiver
}

/// The description of one sensor: where it is, what it measures and how well.
public struct SensorDescription: Sendable, Hashable {
    /// ASTERIX SAC/SIC of the sensor.
    public var id: SensorID
    /// Human-readable name.
    public var name: String
    /// Antenna position; height above the WGS-84 ellipsoid.
    public var site: GeodeticPosition
    /// Sensor kind.
    public var kind: SensorKind
    /// Antenna rotation period, seconds (clockwise rotation); `nil` for non-rotating sensors.
    public var rotationPeriodSeconds: Double?
    /// Beam azimuth at the scenario epoch, radians clockwise from north (simulated and benchmark radars).
    public var azimuthAtEpoch: Double?
    /// 1-σ slant-range noise, metres.
    public var rangeSigmaMetres: Double
    /// 1-σ azimuth noise, radians.
    public var azimuthSigma: Double
    /// Detection probability per sweep for a covered target, 0…1.
    public var detectionProbability: Double
    /// Instrumented slant-range limits, metres.
    public var minRangeMetres: Double
    public var maxRangeMetres: Double
    /// Mode C quantum, feet (25 for Mode S, 100 for Gillham-coded replies).
    public var modeCQuantumFeet: Double
    /// Mean number of false plots per sweep.
    public var falsePlotsPerScan: Double
    /// MTI blind speed of the primary channel, m/s: skin echoes whose radial speed is below it are filtered out
    /// with the ground clutter (0 = no MTI).
    public var mtiBlindSpeedMetresPerSecond: Double
    /// Whether the radar fixes the absolute frame of sensor registration when there is no ADS-B (`"reference": true`
    /// in the sensors configuration): its biases are held at zero while it has no ADS-B references of its own.
    public var isRegistrationReference: Bool

    /// A sensor description; angles in radians, lengths in metres.
    public init(
        id: SensorID,
        name: String,
        site: GeodeticPosition,
        kind: SensorKind,
        rotationPeriodSeconds: Double?,
        azimuthAtEpoch: Double? = nil,
        rangeSigmaMetres: Double,
        azimuthSigma: Double,
        detectionProbability: Double = 0.9,
        minRangeMetres: Double = 0,
        maxRangeMetres: Double = 463_000,
        modeCQuantumFeet: Double = 100,
        falsePlotsPerScan: Double = 0,
        mtiBlindSpeedMetresPerSecond: Double = 0,
        isRegistrationReference: Bool = false
    ) {
        self.id = id
        self.name = name
        self.site = site
        self.kind = kind
        self.rotationPeriodSeconds = rotationPeriodSeconds
        self.azimuthAtEpoch = azimuthAtEpoch
        self.rangeSigmaMetres = rangeSigmaMetres
        self.azimuthSigma = azimuthSigma
        self.detectionProbability = detectionProbability
        self.minRangeMetres = minRangeMetres
        self.maxRangeMetres = maxRangeMetres
        self.modeCQuantumFeet = modeCQuantumFeet
        self.falsePlotsPerScan = falsePlotsPerScan
        self.mtiBlindSpeedMetresPerSecond = mtiBlindSpeedMetresPerSecond
        self.isRegistrationReference = isRegistrationReference
    }
}
