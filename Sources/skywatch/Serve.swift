public import ArgumentParser
import Foundation
import Logging
import SkyApp
import SkyGeodesy
import SkyModel
import SkyServer
import SkySimulation

extension SimulationPreset: ExpressibleByArgument {}

/// The options `serve` and `demo` share.
struct ServiceOptions: ParsableArguments {
    @Option(help: "TCP port of the HTTP/WebSocket server and the display.")
    var port: Int?

    @Option(help: "Address to bind (default 127.0.0.1; any other address needs --token-file).")
    var bind: String?

    @Option(help: "File holding the bearer token (at least 16 characters) required on the API and WebSocket.")
    var tokenFile: String?

    @Option(help: "Update cycle, seconds (default 0.25).")
    var cycle: Double?

    @Option(help: "Reorder window, seconds of data time (default 0.1).")
    var reorderWindow: Double?

    @Option(help: "Send CAT062 + CAT065 every cycle to udp://HOST:PORT (unicast or multicast).")
    var cat062: [String] = []

    @Option(help: "Send the safety nets' alerts (STCA, area) as ASTERIX CAT004 to udp://HOST:PORT.")
    var cat004: [String] = []

    @Option(help: "Restricted areas for the area proximity warning (GeoJSON, ED-318 or ED-269; docs/alerts.md).")
    var areas: String?

    @Option(help: "Safety-net parameters (JSON; docs/alerts.md).")
    var alertConfig: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: Logger.Level = .info

    @Option(help: "Record inputs and picture to this SQLite file (appends to an existing recording).")
    var record: String?

    @Flag(help: "Do not record (the demo records to ./skywatch-demo.sqlite by default).")
    var noRecord = false

    @Option(help: "Keep at most this many hours of recording (oldest pruned in the background).")
    var retainHours: Double?

    @Option(help: "Keep the recording under this many MB (oldest pruned in the background).")
    var retainMb: Double?

    /// The recording to make: `--record`, else `defaultPath`, none with `--no-record`.
    func recording(defaultPath: String? = nil) -> RecordingOptions? {
        guard !noRecord, let path = record ?? defaultPath else { return nil }
        return RecordingOptions(path: path, retainHours: retainHours, retainMegabytes: retainMb)
    }

    func apply(to c: inout ServeConfiguration) throws {
        if let port {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535") }
            c.server.port = port
        }
        if let bind { c.server.bindAddress = bind }
        if let tokenFile { c.server.token = try readTokenFile(tokenFile) }
        if let cycle {
            guard cycle >= 0.01 && cycle <= 60 else { throw ValidationError("--cycle must be 0.01…60 s") }
            c.tracker.cyclePeriodSeconds = cycle
        }
        if let reorderWindow {
            guard reorderWindow >= 0 && reorderWindow <= 60 else {
                throw ValidationError("--reorder-window must be 0…60 s")
            }
            c.tracker.reorderWindowSeconds = reorderWindow
        }
        for url in cat062 {
            guard url.hasPrefix("udp://"), TrackOutputTarget(parsing: url) != nil else {
                throw ValidationError("--cat062 must be udp://HOST:PORT, not '\(url)'")
            }
            c.cat062Outputs.append(url)
        }
        do {
            try c.applyAlertOptions(alertConfig: alertConfig, areas: areas, cat004: cat004)
        } catch let e as ConfigError {
            throw ValidationError(e.description)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `skywatch serve`: the live surveillance service.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the live service: inputs → tracker → CAT062, HTTP/WebSocket API and the browser display.",
        discussion: """
            An ADS-B receiver owner's whole set-up: skywatch serve --beast 127.0.0.1:30005 --receiver-position LAT,LON
            Radars: --asterix udp://0.0.0.0:8600 --sensors sensors.json (CAT048 + CAT034, CAT021).
            Everything else, and several inputs of each kind: --config FILE (docs/serve.md). Stop with Ctrl-C: the \
            inputs stop, the tracker drains and every output is flushed.
            """
    )

    @Option(help: "Configuration file (JSON; docs/serve.md). Flags override it.")
    var config: String?

    @Option(help: "Run the simulator in process: airport, enroute, border or stress.")
    var simulate: SimulationPreset?

    @Option(help: "Simulator speed, × real time.")
    var speed: Double = 1

    @Option(help: "Simulator seed.")
    var seed: UInt64 = 1

    @Option(help: "Beast TCP feed of dump1090/readsb, HOST:PORT (repeat for several receivers).")
    var beast: [String] = []

    @Option(help: "Receiver position for --beast, LAT,LON in degrees.")
    var receiverPosition: String?

    @Option(help: "Beast time stamps: arrival (free-running 12 MHz counters, the default) or gps.")
    var beastTimestamps: String = "arrival"

    @Option(help: "ASTERIX over UDP, udp://ADDRESS:PORT or udp://GROUP:PORT for a multicast group.")
    var asterix: [String] = []

    @Option(help: "Sensors of the ASTERIX radars: an ASTERIX sensors configuration or a scenario sensors.json.")
    var sensors: String?

    @OptionGroup var service: ServiceOptions

    func run() async throws {
        var c: ServeConfiguration
        do {
            c = try config.map { try ServeConfiguration.load(path: $0) } ?? ServeConfiguration()
            try service.apply(to: &c)
            if let sensors { c.sensors = try ServeConfiguration.loadSensorsFile(path: sensors) }
            var receiver: GeodeticPosition?
            if let text = receiverPosition {
                let p = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard p.count == 2, (-90...90).contains(p[0]), (-180...180).contains(p[1]) else {
                    throw ValidationError("--receiver-position must be LAT,LON in degrees, not '\(text)'")
                }
                receiver = GeodeticPosition(latitudeDegrees: p[0], longitudeDegrees: p[1])
            }
            guard let timestamps = BeastTimestamps(rawValue: beastTimestamps) else {
                throw ValidationError("--beast-timestamps must be arrival or gps")
            }
            for (i, b) in beast.enumerated() {
                guard let colon = b.lastIndex(of: ":"), let port = Int(b[b.index(after: colon)...]),
                    (1...65_535).contains(port)
                else { throw ValidationError("--beast must be HOST:PORT, not '\(b)'") }
                c.inputs.append(
                    .beastTCP(
                        name: beast.count == 1 ? "beast" : "beast-\(i + 1)",
                        host: String(b[..<colon]),
                        port: port,
                        timestamps: timestamps,
                        position: receiver
                    )
                )
            }
            for (i, a) in asterix.enumerated() {
                guard case .udp(let host, let port)? = TrackOutputTarget(parsing: a) else {
                    throw ValidationError("--asterix must be udp://ADDRESS:PORT, not '\(a)'")
                }
                let first = host.split(separator: ".").first.flatMap { Int($0) } ?? 0
                let multicast = (224...239).contains(first)
                c.inputs.append(
                    .asterixUDP(
                        name: asterix.count == 1 ? "asterix" : "asterix-\(i + 1)",
                        address: multicast ? "0.0.0.0" : host,
                        port: port,
                        group: multicast ? host : nil
                    )
                )
            }
            if let simulate {
                c.inputs.append(
                    .simulator(
                        name: "simulator",
                        preset: simulate,
                        seed: seed,
                        durationSeconds: 3_600,
                        speed: speed,
                        loop: true
                    )
                )
            }
            if c.reference == nil, let receiver { c.reference = receiver }
        } catch let e as ValidationError {
            throw e
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        try await ServiceRunner.run(c, logLevel: service.logLevel, statusLine: false, record: service.recording())
    }
}

/// `skywatch demo`: simulated radars and ADS-B over an airport scene, the tracker and the display, no set-up.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a live air picture: simulated radars and ADS-B → tracker → browser display (no set-up).",
        discussion: """
            Runs the simulator's airport scene (airliners, light aircraft, helicopters, primary-only drones, a fast \
            object) at real time, in a loop, with the tracker and the display at http://127.0.0.1:8080. Prints the \
            URL and a status line every few seconds. Stop with Ctrl-C.
            """
    )

    @Option(help: "Scene: airport (default), enroute, border or stress.")
    var preset: SimulationPreset = .airport

    @Option(help: "Simulator speed, × real time.")
    var speed: Double = 1

    @Option(help: "Simulator seed.")
    var seed: UInt64 = 1

    @OptionGroup var service: ServiceOptions

    func run() async throws {
        var c = ServeConfiguration()
        c.mode = "demo"
        try service.apply(to: &c)
        c.inputs = [
            .simulator(name: "simulator", preset: preset, seed: seed, durationSeconds: 1_800, speed: speed, loop: true)
        ]
        try await ServiceRunner.run(
            c,
            logLevel: service.logLevel,
            statusLine: true,
            record: service.recording(defaultPath: "skywatch-demo.sqlite")
        )
    }
}

/// Starts the service, prints where it listens, and (for the demo) a status line every few seconds.
enum ServiceRunner {
    /// One line on standard output, flushed at once: when stdout is a file or a pipe (a log, a supervisor, a script
    /// waiting for the URL) `print` alone would hold it in the buffer; this writes unbuffered.
    static func printLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func run(
        _ c: ServeConfiguration,
        logLevel: Logger.Level,
        statusLine: Bool,
        record: RecordingOptions? = nil
    ) async throws {
        var logger = Logger(label: "skywatch")
        logger.logLevel = logLevel
        let service: SkywatchService
        do {
            let bind = c.server.bindAddress
            let tokenNote = c.server.token == nil ? "" : "?token=…"
            let recording = try record.map { try ServiceRecording(configuration: c, options: $0) }
            if let record { printLine("recording to \(record.path)") }
            service = try await SkywatchService(
                configuration: c,
                extraSinks: recording.map { [$0.sink] } ?? [],
                rawTap: recording?.tap.rawTap,
                extraServices: recording.map { [$0.service] } ?? [],
                logger: logger
            ) { port in
                printLine("Skywatch \(c.mode == "live" ? "service" : c.mode) at http://\(bind):\(port)/\(tokenNote)")
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let state = service.state
        let printer = Task {
            guard statusLine else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(5))
                let (confirmed, coasting, cycle) = state.trackCounts
                let f = state.figures
                let inputs = state.inputs.map { "\($0.name) \($0.state(now: Date().timeIntervalSince1970).rawValue)" }
                printLine(
                    "inputs: \(inputs.joined(separator: ", ")) | tracks \(confirmed) + \(coasting) coasting | cycle \(cycle), "
                        + String(format: "%.1f ms p50 | latency p50 %.2f s", f.cycle.0 * 1000, f.latency.0)
                )
            }
        }
        defer { printer.cancel() }
        try await service.run(logger: logger)
    }
}
