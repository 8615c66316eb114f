import Foundation
import SkyASTERIX
import SkyGeodesy
import SkyIO
public import SkyModel
import SkyScenario

/// Where `skywatch track --out` writes the track picture.
public enum TrackOutputTarget: Sendable, Equatable {
    /// `tracks.csv` (the benchmark's schema): one row per displayed track per cycle.
    case csv(String)
    /// ASTERIX CAT062 + CAT065 per cycle, as raw data blocks (`.ast`) or a capture of UDP datagrams (`.pcap`).
    case asterix(String)
    /// The same CAT062/CAT065 data blocks as UDP datagrams to a multicast group (or any address), each cycle as it
    /// is computed.
    case udp(host: String, port: Int)

    /// Parses `FILE.csv`, `FILE.ast`, `FILE.pcap` or `udp://GROUP:PORT`.
    /// - Returns: `nil` for another extension or a malformed URL.
    public init?(parsing text: String) {
        if text.hasPrefix("udp://") {
            guard let (host, port) = UDPSender.parse(url: text) else { return nil }
            self = .udp(host: host, port: port)
        } else if text.hasSuffix(".csv") {
            self = .csv(text)
        } else if text.hasSuffix(".ast") || text.hasSuffix(".pcap") {
            self = .asterix(text)
        } else {
            return nil
        }
    }

    /// Opens the sink for this target.
    /// - Parameters:
    ///   - epochUnixSeconds: time zero of tracks.csv (relative whole seconds).
    ///   - sdps: SDPS identity of CAT062/CAT065.
    /// - Throws: file or socket errors.
    public func makeSink(epochUnixSeconds: Double, sdps: SensorID) async throws -> any PictureSink {
        switch self {
        case .csv(let path): try TracksCSVSink(path: path, epochUnixSeconds: epochUnixSeconds)
        case .asterix(let path): try CAT062FileSink(path: path, sdps: sdps)
        case .udp(let host, let port): try await CAT062UDPSink(host: host, port: port, sdps: sdps)
        }
    }
}

/// Something that takes the picture of every update cycle: a file, a socket, the server, the recorder.
///
/// Sinks are called by the task that runs the pipeline, in cycle order; they are actors, so a recorder or a
/// socket can also be read (counters) from elsewhere.
public protocol PictureSink: AnyObject, Sendable {
    /// Takes one cycle's picture.
    func write(_ picture: TrackPicture) async throws
    /// Flushes and closes (end of input or shutdown).
    func finish() async throws
    /// One line for the run summary (what was written).
    var summary: String { get async }
    /// Rows, data blocks or datagrams written so far.
    var itemsWritten: Int { get async }
}

/// `tracks.csv` in the benchmark's schema: `time` in whole seconds since the epoch, the displayed tracks' WGS-84
/// position, the altitude (the barometric altitude taken as height, metres; empty without Mode C), velocity east
/// and north (m/s), Mode 3/A and Mode S address.
public actor TracksCSVSink: PictureSink {
    private var writer: TracksCSV.Writer?
    private let epoch: Int
    private(set) var rows = 0
    let path: String

    /// A writer to `path`; rows are buffered and written in chunks.
    /// - Throws: when the file cannot be created.
    public init(path: String, epochUnixSeconds: Double) throws {
        writer = try TracksCSV.Writer(path: path)
        epoch = Int(epochUnixSeconds.rounded(.down))
        self.path = path
    }

    public func write(_ picture: TrackPicture) async throws {
        let time = Int(picture.time) - epoch
        for t in picture.tracks {
            try writer?.write(
                time: time,
                trackID: t.number,
                latitudeDegrees: t.position.latitudeDegrees,
                longitudeDegrees: t.position.longitudeDegrees,
                altitudeMetres: t.barometricAltitudeFeet == nil ? nil : t.position.heightMetres,
                vx: t.velocity.east,
                vy: t.velocity.north,
                modeA: t.modeA,
                icao24: t.address
            )
        }
        rows += picture.tracks.count
    }

    public func finish() async throws {
        if let w = writer.take() { try w.close() }
    }

    public var summary: String { "wrote \(path): \(rows) track rows" }
    public var itemsWritten: Int { rows }
}

/// CAT062 + CAT065 per cycle to a file: raw data blocks, or for `.pcap` a capture of UDP datagrams (port 8600).
/// With sensor registration on, CAT063 registration messages go in the same file (``RegistrationSink``).
public actor CAT062FileSink: PictureSink, RegistrationSink {
    private var encoder: CAT062CycleEncoder
    private let handle: FileHandle
    private let pcap: Bool
    private var capture = PacketCaptureWriter()
    private var captureHeaderWritten = 0
    private(set) var blocks = 0
    let path: String

    /// A sink writing to `path` (created or truncated).
    /// - Throws: when the file cannot be created.
    public init(path: String, sdps: SensorID) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw ConfigError("\(path): cannot create the file") }
        self.handle = handle
        self.path = path
        pcap = path.hasSuffix(".pcap")
        encoder = CAT062CycleEncoder(sdps: sdps)
    }

    public func write(_ picture: TrackPicture) async throws {
        try write(blocks: encoder.blocks(for: picture), time: picture.time)
    }

    func writeRegistration(_ registrations: [CAT063Encoder.Registration], time: Double, final: Bool) async throws {
        let out = encoder.registrationBlocks(registrations, time: time, final: final)
        if !out.isEmpty { try write(blocks: out, time: time) }
    }

    private func write(blocks out: [[UInt8]], time: Double) throws {
        blocks += out.count
        if pcap {
            for b in out { capture.append(payload: b, port: 8600, time: time) }
            // The capture writer holds its bytes: write what is new.
            try handle.write(contentsOf: capture.bytes[captureHeaderWritten...])
            captureHeaderWritten = capture.bytes.count
        } else {
            try handle.write(contentsOf: Array(out.joined()))
        }
    }

    public func finish() async throws { try handle.close() }

    public var summary: String { "wrote \(path): \(blocks) ASTERIX data blocks" }
    public var itemsWritten: Int { blocks }
}

/// CAT062 + CAT065 per cycle as UDP datagrams (one data block each), sent as each cycle is computed; with sensor
/// registration on, CAT063 registration messages too (``RegistrationSink``).
public actor CAT062UDPSink: PictureSink, RegistrationSink {
    private var encoder: CAT062CycleEncoder
    private let sender: UDPSender
    private(set) var datagrams = 0
    let destination: String

    /// A sink sending to `host:port` (unicast, or an IPv4 multicast group with TTL 1).
    /// - Throws: when the address cannot be resolved or the socket bound.
    public init(host: String, port: Int, sdps: SensorID) async throws {
        sender = try await UDPSender.open(host: host, port: port)
        encoder = CAT062CycleEncoder(sdps: sdps)
        destination = "udp://\(host):\(port)"
    }

    public func write(_ picture: TrackPicture) async throws {
        for b in encoder.blocks(for: picture) {
            try await sender.send(b)
            datagrams += 1
        }
    }

    func writeRegistration(_ registrations: [CAT063Encoder.Registration], time: Double, final: Bool) async throws {
        for b in encoder.registrationBlocks(registrations, time: time, final: final) {
            try await sender.send(b)
            datagrams += 1
        }
    }

    public func finish() async throws { try await sender.close() }

    public var summary: String { "sent \(datagrams) datagrams to \(destination)" }
    public var itemsWritten: Int { datagrams }
}
