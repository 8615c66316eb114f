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

/// One radar's sensor registration estimate at a cycle, as a JSON document the application defines (SkyStorage
/// stores it opaquely). Recorded when it changes, so a radar's estimate at a cycle is its latest row at or before it.
public struct RecordedRegistration: Sendable, Hashable {
    /// The radar, `SAC/SIC`.
    public var radar: String
    /// Data time of the estimate, UNIX seconds.
    public var time: Double
    /// The estimate (UTF-8 JSON text).
    public var json: String

    /// An estimate; time in UNIX seconds.
    public init(radar: String, time: Double, json: String) {
        self.radar = radar
        self.time = time
        self.json = json
    }
}

/// What a cycle holds besides its picture, as replay and export read it back.
public struct RecordedCycleEvents: Sendable, Hashable {
    /// Alert events raised, updated or ended in the cycle, in order.
    public var alerts: [AlertEvent] = []
    /// Registration estimates that changed at the cycle, by radar.
    public var registration: [RecordedRegistration] = []

    /// Events; see the properties.
    public init(alerts: [AlertEvent] = [], registration: [RecordedRegistration] = []) {
        self.alerts = alerts
        self.registration = registration
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
    /// Sensor registration estimates that changed since the previous recorded ones (empty with registration off).
    public var registration: [RecordedRegistration]
    /// Wall-clock time the cycle was produced, UNIX seconds.
    public var wallTime: Double

    /// A cycle; times in UNIX seconds.
    public init(
        inputs: [RecordedInput] = [],
        picture: TrackPicture,
        alerts: [AlertEvent] = [],
        sensorStatus: [RecordedSensorStatus] = [],
        registration: [RecordedRegistration] = [],
        wallTime: Double
    ) {
        self.inputs = inputs
        self.picture = picture
        self.alerts = alerts
        self.sensorStatus = sensorStatus
        self.registration = registration
        self.wallTime = wallTime
    }
}
