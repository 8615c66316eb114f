public import SkyModel

/// One input message as it arrived: the raw bytes (an ASTERIX data block, a Beast frame, a CSV line …) with
/// where and when it came from. Replay feeds these bytes through the same decoders as the live inputs.
public struct RecordedInput: Sendable, Hashable {
    /// The configured input's name (`inputs[].name` of the configuration).
    public var inputName: String
    /// Wall-clock time of arrival, UNIX seconds.
    public var arrivalTime: Double
    /// Data time of the message (the time the decoder gave it; for a block with several records, the first),
    /// UNIX seconds. Replay orders by this time.
    public var dataTime: Double
    /// The input format (e.g. `asterix`, `beast`, `avr`, `plots-csv`): tells replay which decoder to use.
    public var kind: String
    /// The message bytes, exactly as received.
    public var bytes: [UInt8]

    /// A message; times in UNIX seconds.
    public init(inputName: String, arrivalTime: Double, dataTime: Double, kind: String, bytes: [UInt8]) {
        self.inputName = inputName
        self.arrivalTime = arrivalTime
        self.dataTime = dataTime
        self.kind = kind
        self.bytes = bytes
    }
}

/// One input's status at a cycle, as a JSON document the application defines (SkyStorage stores it opaquely).
public struct RecordedSensorStatus: Sendable, Hashable {
    /// The configured input's name.
    public var inputName: String
    /// Data time of the status, UNIX seconds.
    public var time: Double
    /// UTF-8 JSON.
    public var json: [UInt8]

    /// A status; time in UNIX seconds.
    public init(inputName: String, time: Double, json: [UInt8]) {
        self.inputName = inputName
        self.time = time
        self.json = json
    }
}

/// Everything recorded for one update cycle, written in one transaction.
public struct RecordedCycle: Sendable {
    /// The input messages that arrived since the previous cycle.
    public var inputs: [RecordedInput]
    /// The picture of this cycle (tracks and life-cycle events).
    public var picture: TrackPicture
    /// Alert events raised, updated or ended in this cycle.
    public var alerts: [AlertEvent]
    /// Input status at this cycle (may be empty when nothing changed).
    public var sensorStatus: [RecordedSensorStatus]
    /// Wall-clock time the cycle was produced, UNIX seconds.
    public var wallTime: Double

    /// A cycle; times in UNIX seconds.
    public init(
        inputs: [RecordedInput] = [],
        picture: TrackPicture,
        alerts: [AlertEvent] = [],
        sensorStatus: [RecordedSensorStatus] = [],
        wallTime: Double
    ) {
        self.inputs = inputs
        self.picture = picture
        self.alerts = alerts
        self.sensorStatus = sensorStatus
        self.wallTime = wallTime
    }
}
