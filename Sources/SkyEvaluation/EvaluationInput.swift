/// Builds the evaluator's samples from file rows with the reference scorer's reading rules.
///
/// Rules (`load_truth` / `load_tracks` in `evaluate.py`): identifiers are compared as given (track identifiers
/// as text, so `"7"` and `"07"` differ) and interned to dense integers in order of first appearance; a track row
/// counts at epoch round(time) (half to even, as Python's `round`) when |time − round(time)| ≤ 0.01 s, and is
/// otherwise dropped and counted in `rowsOffEpoch`; a non-finite altitude is absent.
public struct EvaluationInput: Sendable {
    /// Truth rows in input order.
    public private(set) var truth: [TruthSample] = []
    /// Track rows on whole seconds, in input order.
    public private(set) var tracks: [TrackSample] = []
    /// The file's `truth_id` of each dense truth identifier.
    public private(set) var truthNames: [Int] = []
    /// The file's `track_id` of each dense track identifier.
    public private(set) var trackNames: [String] = []
    /// Track rows dropped for being more than 0.01 s off a whole second.
    public private(set) var rowsOffEpoch = 0
    private var truthIndex: [Int: Int] = [:]
    private var trackIndex: [String: Int] = [:]

    /// An empty input.
    public init() {}

    /// Adds a truth row.
    /// - Parameters: `time` whole seconds since the scenario epoch; angles in degrees; altitude in metres;
    ///   `coverageCount` radars covering the object (0 = not scored).
    public mutating func appendTruth(
        time: Int,
        truthID: Int,
        latitudeDegrees: Double,
        longitudeDegrees: Double,
        altitudeMetres: Double?,
        coverageCount: Int
    ) {
        let id: Int
        if let known = truthIndex[truthID] {
            id = known
        } else {
            id = truthNames.count
            truthIndex[truthID] = id
            truthNames.append(truthID)
        }
        truth.append(
            TruthSample(
                time: time,
                truthID: id,
                latitudeDegrees: latitudeDegrees,
                longitudeDegrees: longitudeDegrees,
                altitudeMetres: altitudeMetres.flatMap { $0.isFinite ? $0 : nil },
                coverageCount: coverageCount
            )
        )
    }

    /// Adds a track row, or counts it in `rowsOffEpoch` when it is off a whole second.
    /// - Parameters: `time` seconds since the scenario epoch; angles in degrees; altitude in metres.
    public mutating func appendTrack(
        time: Double,
        trackID: String,
        latitudeDegrees: Double,
        longitudeDegrees: Double,
        altitudeMetres: Double?
    ) {
        let whole = time.rounded(.toNearestOrEven)
        guard abs(time - whole) <= 0.01, abs(whole) < 1e15 else {
            rowsOffEpoch += 1
            return
        }
        let id: Int
        if let known = trackIndex[trackID] {
            id = known
        } else {
            id = trackNames.count
            trackIndex[trackID] = id
            trackNames.append(trackID)
        }
        tracks.append(
            TrackSample(
                time: Int(whole),
                trackID: id,
                latitudeDegrees: latitudeDegrees,
                longitudeDegrees: longitudeDegrees,
                altitudeMetres: altitudeMetres.flatMap { $0.isFinite ? $0 : nil }
            )
        )
    }
}
