import GRDB
import GRDBSQLite
import SkyGeodesy
import SkyMath
import SkyModel

/// The `track_update` row of one ``SkyModel/SystemTrack``: binding for the recorder and decoding for the queries.
///
/// Rows are bound and read through the raw SQLite statement of a GRDB cached statement: one row per track per
/// cycle is the recorder's hot loop, and building a `StatementArguments` array of 32 values per row would cost
/// more than SQLite's own insert.
///
/// The covariance is stored as its 10 upper-triangle terms and mirrored on reading, so a symmetric covariance
/// (what the tracker publishes) comes back bit for bit.
enum TrackUpdateRecord {
    /// The columns after `cycle_id`, in bind and read order.
    static let columns = """
        number, time, status, latitude_rad, longitude_rad, height_m, has_height, altitude_ft, \
        velocity_east_mps, velocity_north_mps, velocity_up_mps, \
        cov_ee, cov_en, cov_e_ve, cov_e_vn, cov_nn, cov_n_ve, cov_n_vn, cov_ve_ve, cov_ve_vn, cov_vn_vn, \
        turn_rate_rad_s, mode_a, address, callsign, sources, sensors, last_update_time, update_count, \
        created_time, spi
        """
    static let columnCount = 31

    static let insertSQL =
        "INSERT INTO track_update (cycle_id, \(columns)) VALUES (?"
        + String(repeating: ", ?", count: columnCount) + ")"

    /// Upper-triangle index pairs (row, column) of the 4×4 covariance, in column order.
    static let covarianceTerms: [(Int, Int)] = [
        (0, 0), (0, 1), (0, 2), (0, 3), (1, 1), (1, 2), (1, 3), (2, 2), (2, 3), (3, 3),
    ]

    /// Binds `track` of cycle `cycleID` to the insert statement, steps it and resets it.
    /// - Throws: `DatabaseError` when SQLite refuses the row.
    static func insert(_ track: SystemTrack, cycleID: Int64, into statement: Statement, _ db: Database) throws {
        let s = statement.sqliteStatement
        var i: Int32 = 1
        func int(_ v: Int64) {
            sqlite3_bind_int64(s, i, v)
            i += 1
        }
        func real(_ v: Double) {
            sqlite3_bind_double(s, i, v)
            i += 1
        }
        func optionalInt(_ v: Int64?) {
            if let v { sqlite3_bind_int64(s, i, v) } else { sqlite3_bind_null(s, i) }
            i += 1
        }
        func text(_ v: String?) {
            if let v {
                // SQLITE_TRANSIENT: SQLite copies the bytes before the Swift string goes away.
                sqlite3_bind_text(s, i, v, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            } else {
                sqlite3_bind_null(s, i)
            }
            i += 1
        }
        int(cycleID)
        int(Int64(track.number))
        real(track.time)
        int(Int64(track.status.rawValue))
        real(track.position.latitude)
        real(track.position.longitude)
        real(track.position.heightMetres)
        int(track.hasHeight ? 1 : 0)
        if let feet = track.barometricAltitudeFeet { real(feet) } else { optionalInt(nil) }
        real(track.velocity.east)
        real(track.velocity.north)
        real(track.velocity.up)
        for (r, c) in covarianceTerms { real(track.covariance[r, c]) }
        real(track.turnRate)
        optionalInt(track.modeA.map { Int64($0.rawValue) })
        optionalInt(track.address.map { Int64($0.rawValue) })
        text(track.callsign?.string)
        int(Int64(track.sources.rawValue))
        text(sensorsText(track.contributingSensors))
        real(track.lastUpdateTime)
        int(Int64(track.updateCount))
        real(track.createdTime)
        int(track.spi ? 1 : 0)
        let rc = sqlite3_step(s)
        sqlite3_reset(s)
        sqlite3_clear_bindings(s)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc),
                message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                sql: insertSQL
            )
        }
    }

    /// Decodes the row the statement is on, reading `columns` from column `first` on.
    static func track(from s: SQLiteStatement, first: Int32) -> SystemTrack {
        var i = first
        func int() -> Int64 {
            defer { i += 1 }
            return sqlite3_column_int64(s, i)
        }
        func real() -> Double {
            defer { i += 1 }
            // NaN is stored as NULL by SQLite; give it back as NaN.
            return sqlite3_column_type(s, i) == SQLITE_NULL ? .nan : sqlite3_column_double(s, i)
        }
        func optionalInt() -> Int64? {
            defer { i += 1 }
            return sqlite3_column_type(s, i) == SQLITE_NULL ? nil : sqlite3_column_int64(s, i)
        }
        func optionalReal() -> Double? {
            defer { i += 1 }
            return sqlite3_column_type(s, i) == SQLITE_NULL ? nil : sqlite3_column_double(s, i)
        }
        func text() -> String? {
            defer { i += 1 }
            guard let p = sqlite3_column_text(s, i) else { return nil }
            return String(cString: p)
        }
        let number = UInt32(truncatingIfNeeded: int())
        let time = real()
        let status = TrackStatus(rawValue: UInt8(truncatingIfNeeded: int())) ?? .confirmed
        let latitude = real()
        let longitude = real()
        let height = real()
        let hasHeight = int() != 0
        let altitudeFeet = optionalReal()
        let velocity = ENUVector(east: real(), north: real(), up: real())
        var covariance = Matrix<4, 4>.zero
        for (r, c) in covarianceTerms {
            let v = real()
            covariance[r, c] = v
            covariance[c, r] = v
        }
        let turnRate = real()
        let modeA = optionalInt().map { Mode3ACode(UInt16(truncatingIfNeeded: $0)) }
        let address = optionalInt().map { ICAOAddress(UInt32(truncatingIfNeeded: $0)) }
        let callsign = text().map { Callsign($0) }
        let sources = TrackSources(rawValue: UInt8(truncatingIfNeeded: int()))
        let sensors = parseSensors(text() ?? "")
        let lastUpdate = real()
        let updateCount = Int(int())
        let created = real()
        let spi = int() != 0
        return SystemTrack(
            number: number,
            time: time,
            position: GeodeticPosition(latitude: latitude, longitude: longitude, heightMetres: height),
            hasHeight: hasHeight,
            velocity: velocity,
            covariance: covariance,
            status: status,
            modeA: modeA,
            address: address,
            callsign: callsign,
            barometricAltitudeFeet: altitudeFeet,
            contributingSensors: sensors,
            lastUpdateTime: lastUpdate,
            updateCount: updateCount,
            turnRate: turnRate,
            createdTime: created,
            sources: sources,
            spi: spi
        )
    }

    /// `"SAC/SIC SAC/SIC …"`, in the track's order.
    static func sensorsText(_ sensors: [SensorID]) -> String {
        var text = ""
        for (k, s) in sensors.enumerated() {
            if k > 0 { text += " " }
            text += "\(s.sac)/\(s.sic)"
        }
        return text
    }

    static func parseSensors(_ text: String) -> [SensorID] {
        text.split(separator: " ").compactMap { part in
            let pair = part.split(separator: "/")
            guard pair.count == 2, let sac = UInt8(pair[0]), let sic = UInt8(pair[1]) else { return nil }
            return SensorID(sac: sac, sic: sic)
        }
    }
}
