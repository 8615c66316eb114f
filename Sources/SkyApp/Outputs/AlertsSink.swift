import SkyASTERIX
public import SkyAlerts
import SkyIO
public import SkyModel
import SkyScenario

/// The safety nets as a picture sink: runs ``SkyAlerts/AlertEngine`` on every picture and writes the events to
/// alerts.jsonl (`docs/alerts.md`): times in seconds since the epoch of tracks.csv, track ids the track numbers
/// (as in tracks.csv).
public actor AlertsJSONLSink: PictureSink {
    private var engine: AlertEngine
    private var writer: AlertsJSONL.Writer?
    /// Alerts raised so far (start events), by kind.
    public private(set) var alertCounts: [AlertKind: Int] = [:]
    /// The events of the last picture written, in the engine's order (ends, starts, updates).
    public private(set) var lastEvents: [AlertEvent] = []
    /// Data duration seen, seconds: from the first picture to the last.
    public private(set) var durationSeconds = 0.0
    private var firstTime: Double?
    private var events = 0
    let path: String

    /// A sink writing to `path` (created or truncated).
    /// - Parameters:
    ///   - engine: the safety nets (configuration and areas; see ``makeAlertEngine(configPath:areasPath:)``).
    ///   - epochUnixSeconds: time zero of the written times, UNIX seconds (the scenario epoch, as tracks.csv).
    /// - Throws: when the file cannot be created.
    public init(path: String, engine: AlertEngine, epochUnixSeconds: Double) throws {
        writer = try AlertsJSONL.Writer(path: path, epochUnixSeconds: epochUnixSeconds)
        self.engine = engine
        self.path = path
    }

    public func write(_ picture: TrackPicture) async throws {
        let out = engine.process(picture)
        lastEvents = out
        for e in out where e.phase == .start { alertCounts[e.kind, default: 0] += 1 }
        events += out.count
        if firstTime == nil { firstTime = picture.time }
        durationSeconds = picture.time - (firstTime ?? picture.time)
        try writer?.write(out)
    }

    public func finish() async throws {
        if let w = writer.take() { try w.close() }
    }

    /// Alerts raised per hour of data, by kind.
    public var alertsPerHour: [AlertKind: Double] {
        let hours = durationSeconds / 3600
        return alertCounts.mapValues { hours > 0 ? Double($0) / hours : 0 }
    }

    public var summary: String {
        let hours = durationSeconds / 3600
        var s = "wrote \(path): \(events) alert events, "
        let started = alertCounts.values.reduce(0, +)
        s += "\(started) alerts"
        if started > 0 {
            let parts = AlertKind.allCases.compactMap { kind -> String? in
                guard let n = alertCounts[kind] else { return nil }
                let rate = hours > 0 ? Double(n) / hours : 0
                return "\(kind.rawValue) \(n) (\((rate * 10).rounded() / 10)/h)"
            }
            s += " (" + parts.joined(separator: ", ") + ")"
        }
        return s
    }

    public var itemsWritten: Int { events }
}

/// The safety nets' events as ASTERIX CAT004 over UDP (`skywatch serve` output `cat004-udp`): every start,
/// update and end of an alert kind that has a CAT004 message type (STCA → 7, area → 5, ends → 17 End Of
/// Conflict; ``SkyASTERIX/CAT004Encoder``), packed into data blocks of at most 1,400 octets, one datagram each,
/// sent by the tracker task in the cycle the events happen.
public actor CAT004UDPSink: AlertEventSink {
    private let sender: UDPSender
    private let sdps: SensorID
    private let source: SensorID?
    /// Datagrams sent so far.
    public private(set) var datagrams = 0
    /// Alert events encoded so far (events of kinds without a CAT004 message type are not counted).
    public private(set) var messages = 0
    /// `udp://HOST:PORT`.
    public let destination: String

    /// A sink sending to `host:port` (unicast, or an IPv4 multicast group with TTL 1).
    /// - Parameters:
    ///   - sdps: the system whose track numbers the alerts name (I004/015).
    ///   - source: the safety-net server's identity (I004/010); `nil` = `sdps`.
    /// - Throws: when the address cannot be resolved or the socket bound.
    public init(host: String, port: Int, sdps: SensorID, source: SensorID? = nil) async throws {
        sender = try await UDPSender.open(host: host, port: port)
        self.sdps = sdps
        self.source = source
        destination = "udp://\(host):\(port)"
    }

    /// Encodes and sends the events of one cycle (`time`, UNIX s, is the cycle's; each event carries its own).
    public func write(_ events: [AlertEvent], time: Double) async throws {
        let encoded = events.filter { CAT004Encoder.defaultMessageTypes[$0.kind] != nil }
        guard !encoded.isEmpty else { return }
        for block in CAT004Encoder.blocks(for: encoded, sdps: sdps, source: source) {
            try await sender.send(block)
            datagrams += 1
        }
        messages += encoded.count
    }

    /// Closes the socket.
    public func close() async throws { try await sender.close() }
}
