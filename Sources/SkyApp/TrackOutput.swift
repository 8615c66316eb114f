import Foundation
import SkyASTERIX
public import SkyGeodesy
import SkyMath
public import SkyModel
import SkyScenario
public import SkyTracking

/// Where `skywatch track --out` writes the track picture.
public enum TrackOutputTarget: Sendable, Equatable {
    /// `tracks.csv` (SCHEMA.md): one row per displayed track per whole second.
    case csv(String)
    /// Raw ASTERIX: per update cycle the CAT062 records of every displayed track (and one terminated record per
    /// ended track), then a CAT065 end-of-batch message.
    case asterix(String)
    /// The same CAT062/CAT065 data blocks as UDP datagrams to a multicast group (or any address).
    case udp(host: String, port: Int)

    /// Parses `FILE.csv`, `FILE.ast` or `udp://GROUP:PORT`.
    /// - Returns: `nil` for another extension or a malformed URL.
    public init?(parsing text: String) {
        if text.hasPrefix("udp://") {
            let rest = text.dropFirst(6)
            guard let colon = rest.lastIndex(of: ":"), colon > rest.startIndex,
                let port = Int(rest[rest.index(after: colon)...]), (1...65_535).contains(port)
            else { return nil }
            var host = String(rest[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            self = .udp(host: host, port: port)
        } else if text.hasSuffix(".csv") {
            self = .csv(text)
        } else if text.hasSuffix(".ast") {
            self = .asterix(text)
        } else {
            return nil
        }
    }
}

/// The track picture of a run, kept in memory during the timed tracking loop and written afterwards.
public struct TrackPictureRecording: Sendable {
    /// One displayed track at one cycle.
    public struct Row: Sendable {
        /// Cycle time, UNIX seconds (whole).
        public var time: Int
        /// The tracker's report (plane position, velocity, identity, height).
        public var report: TrackReport
        /// Geodetic position of `report.position`, degrees.
        public var latitudeDegrees: Double
        public var longitudeDegrees: Double
    }

    /// Rows in cycle order.
    public var rows: [Row] = []
    /// Cycle times (UNIX seconds) and the end index in `rows` of each cycle.
    public var cycles: [(time: Int, end: Int)] = []

    public init() {}

    /// Appends a row of the current cycle.
    public mutating func add(time: Double, report: TrackReport, position: GeodeticPosition) {
        rows.append(
            Row(
                time: Int(time), report: report, latitudeDegrees: position.latitudeDegrees,
                longitudeDegrees: position.longitudeDegrees))
    }

    /// Closes the cycle at `time`.
    public mutating func endCycle(time: Double) { cycles.append((Int(time), rows.count)) }

    /// Writes tracks.csv with times relative to `epoch` (UNIX s).
    /// - Throws: file errors.
    public func writeCSV(path: String, epochUnixSeconds epoch: Double) throws {
        var writer = try TracksCSV.Writer(path: path)
        let e = Int(epoch.rounded(.down))
        for r in rows {
            try writer.write(
                time: r.time - e, trackID: r.report.number, latitudeDegrees: r.latitudeDegrees,
                longitudeDegrees: r.longitudeDegrees, altitudeMetres: r.report.height, vx: r.report.velocity.x,
                vy: r.report.velocity.y, modeA: r.report.modeA, icao24: r.report.address)
        }
        try writer.close()
    }
}

/// Encodes a track picture as ASTERIX CAT062 1.18 system tracks and CAT065 1.3 end-of-batch messages.
public struct TrackOutputASTERIX: Sendable {
    /// The SDPS identity in I062/010 and I065/010 (default SAC 0, SIC 200).
    public var sdps: SensorID
    /// Service identification, I062/015 and I065/015.
    public var service: UInt8
    /// The system plane (for plane → east/north velocity and covariance).
    public let plane: StereographicPlane

    /// An encoder for tracks on the plane about `reference`.
    public init(reference: GeodeticPosition, sdps: SensorID = SensorID(sac: 0, sic: 200), service: UInt8 = 1) {
        self.sdps = sdps
        self.service = service
        plane = StereographicPlane(reference: reference)
    }

    /// The data blocks of every cycle, in order, with the cycle time (UNIX s): CAT062 blocks (≤ 1400 octets,
    /// one UDP datagram each), then one CAT065 end-of-batch block with the batch number (mod 256).
    ///
    /// A track shown in one cycle and absent from the next gets one last record with I062/080 TSE set (its
    /// previous state at the new cycle's time), so that displays drop it.
    /// - Complexity: O(rows).
    public func blocks(of picture: TrackPictureRecording) -> [(time: Int, block: [UInt8])] {
        var out: [(time: Int, block: [UInt8])] = []
        var previous: [UInt32: SystemTrack] = [:]
        var start = 0
        for (batch, cycle) in picture.cycles.enumerated() {
            var current: [UInt32: SystemTrack] = [:]
            var records: [ItemSlots] = []
            for row in picture.rows[start..<cycle.end] {
                let track = systemTrack(row)
                current[track.number] = track
                records.append(CAT062Encoder.record(for: track, sdps: sdps, service: service).slots)
            }
            for number in previous.keys.sorted() where current[number] == nil {
                var ended = previous[number]!
                ended.status = .terminated
                ended.time = Double(cycle.time)
                records.append(CAT062Encoder.record(for: ended, sdps: sdps, service: service).slots)
            }
            for b in ASTERIXBlocks.pack(records) { out.append((cycle.time, b)) }
            let eob = CAT065Encoder.endOfBatch(sdps: sdps, service: service, time: Double(cycle.time), batch: batch)
            for b in ASTERIXBlocks.pack([eob]) { out.append((cycle.time, b)) }
            previous = current
            start = cycle.end
        }
        return out
    }

    /// The `SystemTrack` of one row: geodetic position, east/north/up velocity and the position covariance on
    /// the local east/north axes (plane values divided by the point scale factor and rotated by the grid
    /// convergence).
    ///
    /// The tracker's height is the barometric altitude (Mode C and ADS-B baro, taken as height as the scenario
    /// geometry does), so it goes out as I062/136 measured flight level and not as I062/130 geometric altitude.
    public func systemTrack(_ row: TrackPictureRecording.Row) -> SystemTrack {
        let r = row.report
        let position = GeodeticPosition(
            latitudeDegrees: row.latitudeDegrees, longitudeDegrees: row.longitudeDegrees,
            heightMetres: r.height ?? 0)
        let (k, gamma) = plane.gridDistortion(at: position)
        let en = plane.eastNorthVector(grid: r.velocity, at: position)
        // Plane covariance → east/north: C = J⁻¹ P J⁻ᵀ with J = k·Rot(γ) (see StereographicPlane.gridVector).
        let c = cos(gamma), s = sin(gamma)
        let pxx = r.positionCovariance.x, pxy = r.positionCovariance.y, pyy = r.positionCovariance.z
        let ee = (c * c * pxx - 2 * c * s * pxy + s * s * pyy) / (k * k)
        let nn = (s * s * pxx + 2 * c * s * pxy + c * c * pyy) / (k * k)
        var covariance = Matrix<4, 4>.identity
        covariance[0, 0] = ee
        covariance[1, 1] = nn
        return SystemTrack(
            number: r.number, time: Double(row.time), position: position, hasHeight: false,
            velocity: ENUVector(east: en.x, north: en.y, up: r.verticalRate), covariance: covariance,
            status: r.status, modeA: r.modeA, address: r.address,
            barometricAltitudeFeet: r.height.map { $0 / 0.3048 }, lastUpdateTime: r.lastUpdateTime, updateCount: 2)
    }
}
