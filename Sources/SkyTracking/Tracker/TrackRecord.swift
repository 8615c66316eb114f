public import SkyModel

/// A plot converted for the tracker: trivially copyable, identity codes unpacked.
@frozen
public struct TrackerPlot: Sendable, BitwiseCopyable {
    /// Detection time, UNIX seconds.
    public var time: Double
    /// Sensor index in the tracker's converter.
    public var sensor: Int32
    /// Measured slant range, m, and azimuth, radians (kept for re-conversion at a track's height).
    public var slantRange: Double
    public var azimuth: Double
    /// The plane position and covariance at the plot's own (or the assumed) height.
    public var measurement: PlanePositionMeasurement
    /// Height used for the conversion, m, and its variance, m².
    public var height: Double
    public var heightVariance: Double
    /// Whether the plot carries Mode C.
    public var hasHeight: Bool
    /// Mode S address (valid when `hasAddress`).
    public var address: UInt32
    public var hasAddress: Bool
    /// Mode 3/A code (valid when `hasModeA`) and whether it is discrete.
    public var modeA: UInt16
    public var hasModeA: Bool
    public var modeAIsDiscrete: Bool
    /// Input identifier.
    public var plotID: Int64
    /// The sources the plot stands for (``SkyModel/TrackSources`` raw value: primary, SSR, Mode S, ADS-B).
    public var sources: UInt8

    /// Whether the plot carries any SSR reply (Mode A, Mode C or a Mode S address).
    @inlinable public var isSSR: Bool { hasHeight || hasAddress || hasModeA }
}

/// One slot of the track table: a trivially copyable record (no references), kept in a `ContiguousArray`.
///
/// The filter posterior of the slot is not here but in `Tracker.states` at the same index: the IMM state (six
/// models' means and covariances, about 1 KB) is read only by prediction and written only by the update, while the
/// record (identity, counters, the cached estimate; about 400 B) is read for every gating candidate and every
/// displayed track.
struct TrackRecord: Sendable {
    var number: UInt32
    var status: TrackStatus
    var isAlive: Bool
    /// The moment-matched estimate of the filter posterior in `Tracker.states` (cached for gating and output).
    var estimate: PlaneState
    /// Time of the last update, UNIX seconds.
    var time: Double
    var vertical: VerticalState
    var verticalTime: Double
    var createdTime: Double
    var firstPosition: SIMD2<Double>
    var firstHeight: Double
    var firstHasHeight: Bool
    /// The first plot's slant range (m) and azimuth (rad) from its radar (`lastSensor` while `hits` is 1): a
    /// height-less plot is converted again at a low flyer's height when a slow pairing shows what it is.
    var firstSlantRange = 0.0
    var firstAzimuth = 0.0
    var hits: Int32
    var ssrHits: Int32
    var addressHits: Int32
    var discreteHits: Int32
    var address: UInt32
    var hasAddress: Bool
    var modeA: UInt16
    var hasModeA: Bool
    var modeAIsDiscrete: Bool
    var lastSensor: Int32
    var mergeCount: Int32
    /// Expected detections missed since the last plot (a covering radar's beam passed without a plot).
    var misses: Int32
    /// Sensors (bit = sensor index, < 64) and sources (``SkyModel/TrackSources`` bits) that updated the track in the
    /// current contribution window starting at `contributionStart`, and in the window before it.
    var sensorBits: UInt64 = 0
    var previousSensorBits: UInt64 = 0
    var sourceBits: UInt8 = 0
    var previousSourceBits: UInt8 = 0
    var contributionStart: Double = -.infinity
    /// Track score of a tentative track: the log-likelihood ratio, nats, of "an aircraft" against "false plots or a
    /// wrong pairing", summed over its plots (Blackman & Popoli 1999 §6.2); see
    /// ``TrackerConfiguration/confirmationLogic``.
    var score: Double = 0
    /// The initiation family (the root's number) of a tentative track that has competing branches, 0 when it has
    /// none (Tracker+Hypotheses.swift).
    var family: UInt32 = 0
    /// A tentative track started by a plot whose Mode S address a live confirmed track held (that track had lost
    /// the aircraft, `Tracker.hasLost`): it confirms only if that track has had no plot since it started.
    var contestsAddress = false
    /// Time of the last plot or ADS-B report carrying the track's Mode S address (UNIX s; −∞ before any): a track
    /// fed only by other objects' anonymous plots while its address arrives elsewhere has lost its aircraft.
    var addressTime = -Double.infinity

    var isConfirmed: Bool { status == .confirmed || status == .coasting }
    var isCoded: Bool { hasAddress || hasModeA || vertical.isValid }
}

/// A displayed track extrapolated to a time: what the tracker publishes.
@frozen
public struct TrackReport: Sendable {
    /// Track number (stable for the track's life).
    public var number: UInt32
    /// Status at the report time.
    public var status: TrackStatus
    /// Plane position (x east, y north), m, and velocity, m/s.
    public var position: SIMD2<Double>
    public var velocity: SIMD2<Double>
    /// Height above the ellipsoid (from Mode C), m, if known; vertical rate, m/s.
    public var height: Double?
    public var verticalRate: Double
    /// Identity.
    public var address: ICAOAddress?
    public var modeA: Mode3ACode?
    /// Time of the last plot, UNIX seconds.
    public var lastUpdateTime: Double
    /// Horizontal position covariance on the plane, m² (xx, xy, yy).
    public var positionCovariance: SIMD3<Double>

    /// A report; plane metres and seconds.
    public init(
        number: UInt32,
        status: TrackStatus,
        position: SIMD2<Double>,
        velocity: SIMD2<Double>,
        height: Double?,
        verticalRate: Double,
        address: ICAOAddress?,
        modeA: Mode3ACode?,
        lastUpdateTime: Double,
        positionCovariance: SIMD3<Double>
    ) {
        self.number = number
        self.status = status
        self.position = position
        self.velocity = velocity
        self.height = height
        self.verticalRate = verticalRate
        self.address = address
        self.modeA = modeA
        self.lastUpdateTime = lastUpdateTime
        self.positionCovariance = positionCovariance
    }
}

/// Counters of the tracker's work and of its rare events.
public struct TrackerStatistics: Sendable, Hashable {
    /// Plots received.
    public var plots = 0
    /// Plots assigned to a track.
    public var plotsAssociated = 0
    /// Plots that could not be converted (range shorter than the height difference) or from unknown sensors.
    public var plotsRejected = 0
    /// Tracks started (tentative).
    public var tracksInitiated = 0
    /// Tracks confirmed.
    public var tracksConfirmed = 0
    /// Branches started at initiation: a tentative track's competing continuation with another plot of its gate
    /// (``TrackerConfiguration/initiationHypotheses``), and branches ended because a sibling confirmed or by
    /// N-scan pruning.
    public var initiationBranches = 0
    public var initiationBranchesPruned = 0
    /// Tracks deleted.
    public var tracksDeleted = 0
    /// Duplicate tracks merged away.
    public var tracksMerged = 0
    /// Confirmed tracks ended because plots of their Mode S address came from elsewhere while they had lost the
    /// aircraft (`Tracker.endLostTrack`); the aircraft's next track takes the number back.
    public var tracksLostByAddress = 0
    /// Filter updates that failed numerically (track dropped).
    public var numericalFailures = 0
    /// Sum of the squared normalised innovations (2 dof) of confirmed-track hard updates, and their number: the
    /// mean should be ≈ 2 when the noise model is consistent (NIS test, Bar-Shalom et al. 2001, §5.4).
    public var innovationChiSquareSum = 0.0
    public var innovationCount = 0
    /// Track-table slots at the end of the run, and the bytes held by the tracker's own buffers (track table,
    /// spatial index, association scratch), excluding the input plots.
    public var trackSlots = 0
    public var trackerBytes = 0
    /// Clusters handed to the associator, and the largest one (plots × tracks).
    public var clusters = 0
    public var largestClusterPlots = 0
    public var largestClusterTracks = 0

    public init() {}
}
