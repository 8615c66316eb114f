/// One input to the tracking engine, in data time: what every decoder and source produces and the only thing the
/// engine consumes.
public enum SurveillanceInput: Sendable, Hashable {
    /// A radar plot (ASTERIX CAT048/CAT001, a scenario's plots.csv, the simulator).
    case radar(RadarPlot)
    /// An ADS-B position report (Mode S DF17/18 after CPR decoding, ASTERIX CAT021).
    case adsb(ADSBReport)
    /// A sensor timing event (ASTERIX CAT034/CAT002 north marker or sector crossing).
    case scan(SensorScanEvent)

    /// Data time of the input, seconds since the UNIX epoch (UTC).
    @inlinable public var time: Double {
        switch self {
        case .radar(let p): p.time
        case .adsb(let r): r.time
        case .scan(let s): s.time
        }
    }

    /// Order among inputs of the same time: plots before ADS-B reports before scan events (the order the batch
    /// tracker has always used for plots and reports of equal times).
    @inlinable public var kindRank: Int {
        switch self {
        case .radar: 0
        case .adsb: 1
        case .scan: 2
        }
    }
}

/// A rotating sensor's timing message: the antenna crossed north or a sector boundary.
///
/// ASTERIX CAT034 (I034/000 message type 1 north marker, 2 sector crossing; I034/041 antenna rotation period) and
/// CAT002 carry these.
public struct SensorScanEvent: Sendable, Hashable {
    /// What kind of crossing.
    public enum Kind: UInt8, Sendable, Hashable {
        /// North marker: the beam crossed 0°.
        case north
        /// Sector crossing at ``SensorScanEvent/azimuth``.
        case sector
    }

    /// Time of the crossing, UNIX seconds.
    public var time: Double
    /// The sensor.
    public var sensor: SensorID
    /// Kind of message.
    public var kind: Kind
    /// Beam azimuth at `time`, radians clockwise from north (0 for a north marker; NaN for a sector crossing that
    /// did not say which sector).
    public var azimuth: Double
    /// Antenna rotation period the sensor declares (I034/041), seconds, if sent.
    public var rotationPeriodSeconds: Double?

    /// An event; angles in radians, times in UNIX seconds.
    public init(time: Double, sensor: SensorID, kind: Kind, azimuth: Double = 0, rotationPeriodSeconds: Double? = nil) {
        self.time = time
        self.sensor = sensor
        self.kind = kind
        self.azimuth = azimuth
        self.rotationPeriodSeconds = rotationPeriodSeconds
    }
}
