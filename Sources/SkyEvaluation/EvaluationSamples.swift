import RealModule

/// One row of ground truth at one evaluation epoch.
///
/// Source: the benchmark's `truth.csv` (see `SCHEMA.md`), one row per airborne target per whole second.
/// Identifiers are dense integers chosen by the caller (the file's `truth_id` text interned to `0..<n`), so the
/// evaluator never hashes strings in its loop.
public struct TruthSample: Sendable, Hashable {
    /// Evaluation epoch: whole seconds since the scenario epoch.
    public var time: Int
    /// Dense identifier of the truth object, `0..<truthCount`.
    public var truthID: Int
    /// WGS-84 geodetic latitude, degrees.
    public var latitudeDegrees: Double
    /// WGS-84 geodetic longitude, degrees.
    public var longitudeDegrees: Double
    /// Altitude, metres (barometric altitude as in the benchmark); `nil` when absent.
    public var altitudeMetres: Double?
    /// Number of radars covering the object at this second; 0 means "not scored" (don't care).
    public var coverageCount: Int

    /// A truth sample; angles in degrees, altitude in metres.
    public init(
        time: Int,
        truthID: Int,
        latitudeDegrees: Double,
        longitudeDegrees: Double,
        altitudeMetres: Double?,
        coverageCount: Int
    ) {
        self.time = time
        self.truthID = truthID
        self.latitudeDegrees = latitudeDegrees
        self.longitudeDegrees = longitudeDegrees
        self.altitudeMetres = altitudeMetres
        self.coverageCount = coverageCount
    }
}

/// One displayed system track at one evaluation epoch (a row of the tracker's `tracks.csv`).
///
/// Identifiers are dense integers chosen by the caller (the file's `track_id` text interned to `0..<n`).
public struct TrackSample: Sendable, Hashable {
    /// Evaluation epoch: whole seconds since the scenario epoch. Rows off a whole second are the caller's to
    /// drop and count (`rows_off_epoch`); rows before 0 are ignored, as the reference scorer does.
    public var time: Int
    /// Dense identifier of the system track, `0..<trackCount`.
    public var trackID: Int
    /// WGS-84 geodetic latitude, degrees.
    public var latitudeDegrees: Double
    /// WGS-84 geodetic longitude, degrees.
    public var longitudeDegrees: Double
    /// Track altitude, metres; `nil` when the track has none (no Mode C).
    public var altitudeMetres: Double?

    /// A track sample; angles in degrees, altitude in metres.
    public init(time: Int, trackID: Int, latitudeDegrees: Double, longitudeDegrees: Double, altitudeMetres: Double?) {
        self.time = time
        self.trackID = trackID
        self.latitudeDegrees = latitudeDegrees
        self.longitudeDegrees = longitudeDegrees
        self.altitudeMetres = altitudeMetres
    }
}

/// Parameters of the scorer; the defaults are those of the benchmark (`evaluate.py`: c = 1000 m, p = 2).
public struct EvaluationConfiguration: Sendable, Hashable {
    /// OSPA/GOSPA cut-off c, which is also the association gate of the track-quality metrics, metres.
    public var cutoffMetres: Double
    /// OSPA/GOSPA order p (≥ 1). GOSPA uses α = 2.
    public var order: Double
    /// Radius of the coverage tally (not in the reference), metres: a visible truth-second is covered when any
    /// track lies within it, whatever the association (`TruthTally.coveredSeconds`).
    public var coverageRadiusMetres: Double

    /// A configuration; `cutoffMetres` > 0, `order` ≥ 1, `coverageRadiusMetres` > 0.
    public init(cutoffMetres: Double = 1000, order: Double = 2, coverageRadiusMetres: Double = 2000) {
        precondition(cutoffMetres > 0 && order >= 1, "cut-off must be positive and order at least 1")
        precondition(coverageRadiusMetres > 0, "coverage radius must be positive")
        self.cutoffMetres = cutoffMetres
        self.order = order
        self.coverageRadiusMetres = coverageRadiusMetres
    }

    /// `x^p`, with the exact square for p = 2 (NumPy's `**` also squares for a scalar exponent of 2).
    @inline(__always)
    func power(_ x: Double) -> Double {
        order == 2 ? x * x : Double.pow(x, order)
    }
}
