import Foundation
public import SkyModel

/// One row of `tracks.csv` (SCHEMA.md): a displayed track at a whole second.
public struct TrackRow: Sendable, Hashable {
    /// Seconds since the scenario epoch (whole seconds when written by Skywatch).
    public var time: Double
    /// Stable track identifier.
    public var trackID: String
    /// WGS-84 latitude and longitude, degrees.
    public var latitudeDegrees: Double
    public var longitudeDegrees: Double
    /// Track altitude, metres (absent for primary-only tracks).
    public var altitudeMetres: Double?
    /// Velocity east / north, m/s.
    public var vx: Double?
    public var vy: Double?
    /// Associated codes.
    public var modeA: Mode3ACode?
    public var icao24: ICAOAddress?

    /// A row; see each property for units.
    public init(
        time: Double,
        trackID: String,
        latitudeDegrees: Double,
        longitudeDegrees: Double,
        altitudeMetres: Double?,
        vx: Double? = nil,
        vy: Double? = nil,
        modeA: Mode3ACode? = nil,
        icao24: ICAOAddress? = nil
    ) {
        self.time = time
        self.trackID = trackID
        self.latitudeDegrees = latitudeDegrees
        self.longitudeDegrees = longitudeDegrees
        self.altitudeMetres = altitudeMetres
        self.vx = vx
        self.vy = vy
        self.modeA = modeA
        self.icao24 = icao24
    }
}

/// Reading and writing `tracks.csv`.
public enum TracksCSV {
    /// The header Skywatch writes.
    public static let header = "time,track_id,lat,lon,alt_m,vx,vy,mode_a,icao24\n"

    /// Reads a tracks.csv file (required columns `time,track_id,lat,lon,alt_m`; others optional).
    /// - Throws: `ScenarioError` at the first malformed field.
    public static func read(path: String) throws(ScenarioError) -> [TrackRow] {
        let csv = try CSVReader(path: path)
        let cTime = try csv.requiredColumn("time")
        let cID = try csv.requiredColumn("track_id")
        let cLat = try csv.requiredColumn("lat")
        let cLon = try csv.requiredColumn("lon")
        let cAlt = csv.columns["alt_m"]
        let cVx = csv.columns["vx"]
        let cVy = csv.columns["vy"]
        let cModeA = csv.columns["mode_a"]
        let cICAO = csv.columns["icao24"]
        var rows: [TrackRow] = []
        try csv.forEachRow { (row: inout CSVReader.Row) throws(ScenarioError) in
            guard !row.isEmpty(cID) else { throw row.error(cID, "empty track_id") }
            rows.append(
                TrackRow(
                    time: try row.double(cTime, "time"),
                    trackID: row.text(cID),
                    latitudeDegrees: try row.double(cLat, "lat"),
                    longitudeDegrees: try row.double(cLon, "lon"),
                    altitudeMetres: try row.optionalDouble(cAlt, "alt_m"),
                    vx: try row.optionalDouble(cVx, "vx"),
                    vy: try row.optionalDouble(cVy, "vy"),
                    modeA: cModeA.flatMap { Mode3ACode(octal: row.text($0)) },
                    icao24: cICAO.flatMap { ICAOAddress(hex: row.text($0)) }
                )
            )
        }
        return rows
    }

    /// A buffered tracks.csv writer with allocation-free number formatting.
    public struct Writer: ~Copyable {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        /// Rows written so far.
        public private(set) var rowCount = 0

        /// Creates (truncates) the file at `path` and writes the header.
        /// - Throws: when the file cannot be created.
        public init(path: String) throws {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ScenarioError(file: path, line: 0, column: 0, message: "cannot create file")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            buffer.reserveCapacity(1 << 20)
            buffer.append(contentsOf: TracksCSV.header.utf8)
        }

        /// Appends one row: `time` as an integer, positions with 7 decimals (≈ 1 cm), altitude and speeds with 1.
        public mutating func write(
            time: Int,
            trackID: UInt32,
            latitudeDegrees: Double,
            longitudeDegrees: Double,
            altitudeMetres: Double?,
            vx: Double,
            vy: Double,
            modeA: Mode3ACode?,
            icao24: ICAOAddress?
        ) throws {
            NumberFormat.appendInt(time, to: &buffer)
            buffer.append(0x2C)
            NumberFormat.appendInt(Int(trackID), to: &buffer)
            buffer.append(0x2C)
            NumberFormat.appendFixed(latitudeDegrees, decimals: 7, to: &buffer)
            buffer.append(0x2C)
            NumberFormat.appendFixed(longitudeDegrees, decimals: 7, to: &buffer)
            buffer.append(0x2C)
            if let altitudeMetres { NumberFormat.appendFixed(altitudeMetres, decimals: 1, to: &buffer) }
            buffer.append(0x2C)
            NumberFormat.appendFixed(vx, decimals: 1, to: &buffer)
            buffer.append(0x2C)
            NumberFormat.appendFixed(vy, decimals: 1, to: &buffer)
            buffer.append(0x2C)
            if let modeA { buffer.append(contentsOf: modeA.octal.utf8) }
            buffer.append(0x2C)
            if let icao24 { buffer.append(contentsOf: icao24.hex.utf8) }
            buffer.append(0x0A)
            rowCount += 1
            if buffer.count >= 1 << 20 { try flush() }
        }

        /// Writes buffered rows to the file.
        public mutating func flush() throws {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Flushes and closes the file.
        public consuming func close() throws {
            try flush()
            try handle.close()
        }
    }
}

/// Allocation-free decimal formatting for CSV output.
public enum NumberFormat {
    /// Appends the decimal digits of `value`.
    public static func appendInt(_ value: Int, to buffer: inout [UInt8]) {
        if value < 0 {
            buffer.append(0x2D)
            appendUInt(UInt64(-value), to: &buffer)
        } else {
            appendUInt(UInt64(value), to: &buffer)
        }
    }

    static func appendUInt(_ value: UInt64, to buffer: inout [UInt8]) {
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(v % 10) + 0x30
                v /= 10
                n += 1
            } while v > 0
            while n > 0 {
                n -= 1
                buffer.append(d[n])
            }
        }
    }

    private static let scales: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// Appends `value` rounded to `decimals` (0…9) fraction digits, e.g. `48.8500000`.
    /// Non-finite values are written as `nan`; magnitudes beyond 9e9 fall back to the standard description.
    public static func appendFixed(_ value: Double, decimals: Int, to buffer: inout [UInt8]) {
        guard value.isFinite else {
            buffer.append(contentsOf: "nan".utf8)
            return
        }
        let scale = scales[decimals]
        guard abs(value) * scale < 9e18 else {
            buffer.append(contentsOf: "\(value)".utf8)
            return
        }
        var scaled = (abs(value) * scale).rounded()
        if scaled == 0 { scaled = 0 }
        let units = UInt64(scaled)
        if value < 0 && units != 0 { buffer.append(0x2D) }
        let p = UInt64(scale)
        appendUInt(units / p, to: &buffer)
        if decimals > 0 {
            buffer.append(0x2E)
            var frac = units % p
            var div = p / 10
            for _ in 0..<decimals {
                buffer.append(UInt8(frac / div) + 0x30)
                frac %= div
                div /= 10
                if div == 0 { break }
            }
        }
    }
}
