/// How the HTTP/WebSocket server listens and whom it lets in.
public struct ServerConfiguration: Sendable, Hashable {
    /// Address to bind (default loopback only).
    public var bindAddress: String
    /// TCP port (0: any free port).
    public var port: Int
    /// Bearer token required on every API request and WebSocket upgrade; `nil` for none (loopback only).
    public var token: String?
    /// Largest request body accepted, bytes (larger: 413).
    public var maximumBodyBytes: Int
    /// Seconds between status frames on the WebSocket.
    public var statusIntervalSeconds: Double
    /// Folder of the browser display's files (`nil`: the bundled display).
    public var displayFolder: String?

    /// A configuration; see each property.
    public init(
        bindAddress: String = "127.0.0.1",
        port: Int = 8080,
        token: String? = nil,
        maximumBodyBytes: Int = 16_384,
        statusIntervalSeconds: Double = 2,
        displayFolder: String? = nil
    ) {
        self.bindAddress = bindAddress
        self.port = port
        self.token = token
        self.maximumBodyBytes = maximumBodyBytes
        self.statusIntervalSeconds = statusIntervalSeconds
        self.displayFolder = displayFolder
    }

    /// Whether the bind address is a loopback address (127.0.0.0/8, ::1, localhost).
    public var isLoopback: Bool {
        bindAddress == "localhost" || bindAddress == "::1" || bindAddress.hasPrefix("127.")
    }

    /// Why this configuration must not start, or `nil`: a non-loopback bind needs a token.
    public var refusal: String? {
        if !isLoopback && (token ?? "").isEmpty {
            return "refusing to listen on \(bindAddress): an address reachable from other machines needs a token "
                + "(--token-file FILE); without one, bind 127.0.0.1"
        }
        return nil
    }
}

/// What the server asks the running service for (implemented by SkyApp, stubbed in tests).
public protocol ServiceStatusProvider: Sendable {
    /// `GET /api/status` body (JSON object).
    func statusJSON() -> String
    /// `GET /api/sensors` body (JSON object).
    func sensorsJSON() -> String
    /// `GET /metrics` body (Prometheus text format).
    func metricsText() -> String
    /// `GET /data/receiver.json` position: the receiver's or the system reference point (degrees).
    var receiverPosition: (latitudeDegrees: Double, longitudeDegrees: Double)? { get }
    /// `GET /api/areas` body (GeoJSON FeatureCollection).
    func areasGeoJSON() -> String
    /// Replay control, when the service replays a recording.
    var replay: (any ReplayControl)? { get }
}

/// Play, pause, speed and seek of a replay (`/api/replay`).
public protocol ReplayControl: Sendable {
    /// The replay object of the API (JSON).
    func stateJSON() -> String
    /// Applies an action: "play", "pause", "seek" (with `time`), "speed" (with `speed`).
    /// - Returns: an error message, or `nil` when applied.
    func apply(action: String, time: Double?, speed: Double?) -> String?
}
