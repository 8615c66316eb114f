public import SkyModel

/// Mode S ingest: frames → ``ModeSDecoder`` → ``AircraftTable`` (CPR pairing, plausibility) → ADS-B position
/// reports. The one path every Mode S input takes: recordings (`skywatch track --adsb`), live receivers
/// (``ModeSReceiver``) and the simulator's CAT021 ground station.
public struct ModeSIngest: Sendable {
    /// The aircraft picture.
    public private(set) var table: AircraftTable
    /// Frame decoder (counters: CRC failures, corrections).
    public private(set) var decoder = ModeSDecoder()
    /// Receiving station identity for the reports, if any.
    public var sensor: SensorID?
    /// Aircraft silent for the table's expiry are dropped, checked every so many seconds of frame time.
    public var expiryCheckSeconds: Double
    /// Positions the aircraft table rejected as implausible.
    public private(set) var rejectedPositions = 0
    private var lastExpiry = -Double.infinity

    /// An ingest with its aircraft-table configuration, station identity and expiry check interval (s).
    public init(
        configuration: AircraftTable.Configuration = .init(),
        sensor: SensorID? = nil,
        expiryCheckSeconds: Double = 60
    ) {
        table = AircraftTable(configuration: configuration)
        self.sensor = sensor
        self.expiryCheckSeconds = expiryCheckSeconds
    }

    /// Decodes `frame`, received at `time` (UNIX seconds), into the table.
    /// - Returns: the ADS-B position report when the frame gave an accepted airborne or surface position.
    public mutating func ingest(_ frame: ModeSFrame, time: Double) -> ADSBReport? {
        let u = table.update(decoder.decode(frame), time: time)
        if u.positionRejected { rejectedPositions += 1 }
        var report: ADSBReport?
        if u.positionAccepted, let i = u.index { report = table.report(at: i, sensor: sensor) }
        if time - lastExpiry > expiryCheckSeconds {
            table.expire(now: time)
            lastExpiry = time
        }
        return report
    }
}

/// A live or replayed Mode S byte stream: Beast framing → ``ModeSIngest``.
///
/// The receiver owns its state and is driven by one task. A partial frame left when a connection drops is
/// discarded (the next connection is a new byte stream), and counted.
public struct ModeSReceiver: Sendable {
    /// Decoder and aircraft table.
    public private(set) var ingest: ModeSIngest
    /// Beast framing over all connections (offsets count every byte received).
    public private(set) var stream = BeastStream()
    /// Input errors, and partial frames dropped at disconnects.
    public private(set) var inputErrors = 0, droppedPartialFrames = 0
    /// Connections made and lost.
    public private(set) var connections = 0, disconnections = 0

    /// The aircraft picture.
    public var table: AircraftTable { ingest.table }
    /// Frame decoder (counters: CRC failures, corrections).
    public var decoder: ModeSDecoder { ingest.decoder }
    /// Receiving station identity for the reports, if any.
    public var sensor: SensorID? {
        get { ingest.sensor }
        set { ingest.sensor = newValue }
    }

    /// A receiver with its aircraft-table configuration (expiry checked every 10 s of frame time).
    public init(configuration: AircraftTable.Configuration = .init(), sensor: SensorID? = nil) {
        ingest = ModeSIngest(configuration: configuration, sensor: sensor, expiryCheckSeconds: 10)
    }

    /// Consumes bytes from a connection.
    ///
    /// Frame time: `arrivalTime` (e.g. the wall clock in UNIX seconds when the chunk arrived) when given, for
    /// receivers whose 12 MHz counter is free-running; otherwise the Beast 12 MHz stamp in seconds plus
    /// `timeOffset` (the receiver clock's epoch in the caller's time base, e.g. for GPS-disciplined stamps).
    /// - Parameter report: called for each accepted ADS-B position with its report.
    public mutating func consume(
        _ bytes: [UInt8],
        timeOffset: Double = 0,
        arrivalTime: Double? = nil,
        report: (ADSBReport) -> Void = { _ in }
    ) {
        var frames: [ReceivedFrame] = []
        frames.reserveCapacity(bytes.count / 16)
        bytes.withUnsafeBufferPointer { b in
            stream.feed(b, onFrame: { frames.append($0) }, onError: { _ in inputErrors += 1 })
        }
        for f in frames {
            guard case .modeS(let frame) = f.content else { continue }
            let t = arrivalTime ?? ((f.timestampSeconds ?? 0) + timeOffset)
            if let r = ingest.ingest(frame, time: t) { report(r) }
        }
    }

    /// Notes a new connection (a new byte stream).
    public mutating func connectionOpened() { connections += 1 }

    /// Notes a lost connection: a partial frame left in the framing is discarded and counted.
    public mutating func connectionLost() {
        disconnections += 1
        if stream.hasPartialFrame { droppedPartialFrames += 1 }
        stream.discardPartialFrame()
    }
}
