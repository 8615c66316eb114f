import SkyModel

extension Scenario {
    /// Parses `plots.csv` (SCHEMA.md): times become UNIX seconds, degrees become radians.
    ///
    /// - Throws: `ScenarioError` at the first malformed field (file:line:column), an unknown `radar_id`,
    ///   or times out of order.
    static func loadPlots(
        path: String,
        epochUnixSeconds: Double,
        radars: [ScenarioRadar]
    ) throws(ScenarioError)
        -> [RadarPlot]
    {
        let csv = try CSVReader(path: path)
        let cID = try csv.requiredColumn("plot_id")
        let cTime = try csv.requiredColumn("time")
        let cRadar = try csv.requiredColumn("radar_id")
        let cRange = try csv.requiredColumn("range_m")
        let cAz = try csv.requiredColumn("azimuth_deg")
        let cScan = csv.columns["scan"]
        let cModeC = csv.columns["mode_c_ft"]
        let cModeA = csv.columns["mode_a"]
        let cICAO = csv.columns["icao24"]
        var known = [Bool](repeating: false, count: 256)
        for r in radars { known[r.radarID] = true }
        var plots: [RadarPlot] = []
        plots.reserveCapacity(csv.bytes.count / 45)
        var lastTime = -Double.infinity
        try csv.forEachRow { (row: inout CSVReader.Row) throws(ScenarioError) in
            let radarID = try row.int(cRadar, "radar_id")
            guard radarID >= 0, radarID < 256, known[radarID] else {
                throw row.error(cRadar, "radar_id \(radarID) is not in sensors.json")
            }
            let t = try row.double(cTime, "time")
            guard t >= lastTime else { throw row.error(cTime, "time \(t) is earlier than the previous plot's") }
            lastTime = t
            let range = try row.double(cRange, "range_m")
            guard range >= 0 else { throw row.error(cRange, "range_m must be ≥ 0, got \(range)") }
            let az = try row.double(cAz, "azimuth_deg")
            guard az >= -360, az <= 720 else { throw row.error(cAz, "azimuth_deg out of range: \(az)") }
            let modeC = try row.optionalDouble(cModeC, "mode_c_ft")
            var modeA: Mode3ACode?
            if let cModeA, !row.isEmpty(cModeA) {
                guard let code = Mode3ACode(octal: row.text(cModeA)) else {
                    throw row.error(cModeA, "mode_a must be 4 octal digits, found '\(row.text(cModeA))'")
                }
                modeA = code
            }
            var address: ICAOAddress?
            if let cICAO, !row.isEmpty(cICAO) {
                guard let a = ICAOAddress(hex: row.text(cICAO)) else {
                    throw row.error(cICAO, "icao24 must be 6 hex digits, found '\(row.text(cICAO))'")
                }
                address = a
            }
            let scan = try cScan.map { c throws(ScenarioError) in try row.int(c, "scan") } ?? 0
            let kind: PlotKind =
                address != nil ? .modeS : (modeA != nil || modeC != nil) ? .combined : .primary
            plots.append(
                RadarPlot(
                    time: epochUnixSeconds + t,
                    sensor: Scenario.sensorID(radarID: radarID),
                    slantRangeMetres: range,
                    azimuth: az * (Double.pi / 180),
                    modeCFeet: modeC,
                    modeA: modeA,
                    address: address,
                    kind: kind,
                    scan: Int32(truncatingIfNeeded: scan),
                    plotID: Int64(try row.int(cID, "plot_id"))
                )
            )
        }
        return plots
    }
}
