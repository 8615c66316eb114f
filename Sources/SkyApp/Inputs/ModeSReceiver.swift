public import SkyIO
public import SkyModeS
public import SkyModel

/// A live Mode S feed: Beast TCP client → Beast stream parser → decoder → aircraft table → ADS-B reports.
///
/// The receiver owns its state and is driven by one task (`run`). A partial frame left when a connection
/// drops is discarded (the next connection is a new byte stream), and counted.
public struct ModeSReceiver: Sendable {
    /// The aircraft picture.
    public private(set) var table: AircraftTable
    /// Frame decoder (counters: CRC failures, corrections).
    public private(set) var decoder = ModeSDecoder()
    /// Beast framing over all connections (offsets count every byte received).
    public private(set) var stream = BeastStream()
    /// Input errors, and partial frames dropped at disconnects.
    public private(set) var inputErrors = 0, droppedPartialFrames = 0
    /// Connections made and lost.
    public private(set) var connections = 0, disconnections = 0
    /// Receiving station identity for the reports, if any.
    public var sensor: SensorID?
    private var lastExpiry = 0.0

    /// A receiver with its aircraft-table configuration.
    public init(configuration: AircraftTable.Configuration = .init(), sensor: SensorID? = nil) {
        table = AircraftTable(configuration: configuration)
        self.sensor = sensor
    }

    /// Consumes bytes from a connection.
    ///
    /// Frame time: `arrivalTime` (e.g. the wall clock in UNIX seconds when the chunk arrived) when given, for
    /// receivers whose 12 MHz counter is free-running; otherwise the Beast 12 MHz stamp in seconds plus
    /// `timeOffset` (the receiver clock's epoch in the caller's time base, e.g. for GPS-disciplined stamps).
    /// - Parameter report: called for each accepted ADS-B position with its report.
    public mutating func consume(
        _ bytes: [UInt8], timeOffset: Double = 0, arrivalTime: Double? = nil, report: (ADSBReport) -> Void = { _ in }
    ) {
        var frames: [ReceivedFrame] = []
        frames.reserveCapacity(bytes.count / 16)
        bytes.withUnsafeBufferPointer { b in
            stream.feed(b, onFrame: { frames.append($0) }, onError: { _ in inputErrors += 1 })
        }
        for f in frames {
            guard case .modeS(let frame) = f.content else { continue }
            let t = arrivalTime ?? ((f.timestampSeconds ?? 0) + timeOffset)
            let u = table.update(decoder.decode(frame), time: t)
            if u.positionAccepted, let i = u.index, let r = table.report(at: i, sensor: sensor) { report(r) }
            if t - lastExpiry > 10 {
                table.expire(now: t)
                lastExpiry = t
            }
        }
    }

    /// Handles a connection event of `BeastTCPClient`.
    public mutating func handle(
        _ event: BeastTCPClient.Event, timeOffset: Double = 0, arrivalTime: Double? = nil,
        report: (ADSBReport) -> Void = { _ in }
    ) {
        switch event {
        case .connected:
            connections += 1
        case .bytes(let b):
            consume(b, timeOffset: timeOffset, arrivalTime: arrivalTime, report: report)
        case .disconnected:
            disconnections += 1
            if stream.hasPartialFrame { droppedPartialFrames += 1 }
            stream.discardPartialFrame()
        case .backingOff:
            break
        }
    }
}
