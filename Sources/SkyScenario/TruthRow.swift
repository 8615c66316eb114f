public import SkyModel

/// One row of `truth.csv`: a true target state at a whole second (scoring only; a tracker never reads it).
public struct TruthRow: Sendable, Hashable {
    /// Whole seconds since the scenario epoch.
    public var time: Int
    /// Truth object identifier.
    public var truthID: Int
    /// WGS-84 latitude and longitude, degrees.
    public var latitudeDegrees: Double
    public var longitudeDegrees: Double
    /// Altitude, metres (barometric taken as height above the ellipsoid, SCHEMA.md).
    public var altitudeMetres: Double
    /// Velocity east, north, up, m/s.
    public var vx: Double
    public var vy: Double
    public var vz: Double
    /// The target's codes.
    public var icao24: ICAOAddress?
    public var modeA: Mode3ACode?
    /// Number of radars covering the target at this second (0 = not scored).
    public var coverageCount: Int
    /// The target's class as the simulator knows it (`class` column: `airliner`, `general_aviation`,
    /// `helicopter`, `drone`, `fast_object`, or any other text); `nil` where the file has no such column or
    /// the field is empty (benchmark recordings of real traffic).
    public var targetClass: String? = nil

    /// Reads a truth.csv file.
    /// - Throws: `ScenarioError` at the first malformed field.
    public static func load(path: String) throws(ScenarioError) -> [TruthRow] {
        let csv = try CSVReader(path: path)
        let cTime = try csv.requiredColumn("time")
        let cID = try csv.requiredColumn("truth_id")
        let cLat = try csv.requiredColumn("lat")
        let cLon = try csv.requiredColumn("lon")
        let cAlt = try csv.requiredColumn("alt_m")
        let cVx = csv.columns["vx"]
        let cVy = csv.columns["vy"]
        let cVz = csv.columns["vz"]
        let cICAO = csv.columns["icao24"]
        let cModeA = csv.columns["mode_a"]
        let cCov = csv.columns["n_cov"]
        let cClass = csv.columns["class"]
        var rows: [TruthRow] = []
        try csv.forEachRow { (row: inout CSVReader.Row) throws(ScenarioError) in
            let t = try row.double(cTime, "time")
            guard t == t.rounded(), abs(t) < 1e12 else { throw row.error(cTime, "truth time must be whole seconds") }
            let lat = try row.double(cLat, "lat")
            guard abs(lat) <= 90 else { throw row.error(cLat, "lat out of range: \(lat)") }
            let lon = try row.double(cLon, "lon")
            guard abs(lon) <= 360 else { throw row.error(cLon, "lon out of range: \(lon)") }
            var icao: ICAOAddress?
            if let cICAO, !row.isEmpty(cICAO) {
                guard let a = ICAOAddress(hex: row.text(cICAO)) else {
                    throw row.error(cICAO, "icao24 must be 6 hex digits, found '\(row.text(cICAO))'")
                }
                icao = a
            }
            var modeA: Mode3ACode?
            if let cModeA, !row.isEmpty(cModeA) {
                guard let m = Mode3ACode(octal: row.text(cModeA)) else {
                    throw row.error(cModeA, "mode_a must be 4 octal digits, found '\(row.text(cModeA))'")
                }
                modeA = m
            }
            rows.append(
                TruthRow(
                    time: Int(t),
                    truthID: try row.int(cID, "truth_id"),
                    latitudeDegrees: lat,
                    longitudeDegrees: lon,
                    altitudeMetres: try row.double(cAlt, "alt_m"),
                    vx: try row.optionalDouble(cVx, "vx") ?? 0,
                    vy: try row.optionalDouble(cVy, "vy") ?? 0,
                    vz: try row.optionalDouble(cVz, "vz") ?? 0,
                    icao24: icao,
                    modeA: modeA,
                    coverageCount: try cCov.map { c throws(ScenarioError) in try row.int(c, "n_cov") } ?? 1,
                    targetClass: cClass.flatMap { row.isEmpty($0) ? nil : row.text($0) }
                )
            )
        }
        return rows
    }
}
