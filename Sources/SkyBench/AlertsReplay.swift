import Foundation
import SkyAlerts
import SkyGeodesy
import SkyMath
import SkyModel
import SkyScenario

/// `skywatch-bench alerts-replay --tracks tracks.csv --scenario DIR --out alerts.jsonl [--config FILE]
/// [--areas FILE]`: runs the safety nets over a recorded tracks.csv, one picture per second, for nuisance
/// evaluation (`scripts/alerts/nuisance.py`).
///
/// tracks.csv has no covariance, turn rate or vertical rate; they are rebuilt here: vertical rate and turn rate by
/// differencing over a short window of the track's own history (altitude over 10 s, heading over 6 s), and a
/// nominal covariance (`--position-sigma`, `--velocity-sigma`, metres and m/s per axis).
enum AlertsReplay {
    static func run(_ arguments: [String]) throws {
        func value(_ flag: String) -> String? {
            arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        guard let tracksPath = value("--tracks"), let scenarioDirectory = value("--scenario"),
            let outPath = value("--out")
        else {
            print(
                "usage: skywatch-bench alerts-replay --tracks tracks.csv --scenario DIR --out alerts.jsonl "
                    + "[--config alerts.json] [--areas FILE] [--position-sigma 60] [--velocity-sigma 3]"
            )
            exit(2)
        }
        let epoch = try Scenario.loadSensorsFile(path: scenarioDirectory + "/sensors.json").epochUnixSeconds
        var configuration = AlertConfiguration()
        if let path = value("--config") {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            configuration = try JSONDecoder().decode(AlertConfiguration.self, from: data)
        }
        let areas = try value("--areas").map { path throws in try RestrictedAreasFile.read(path: path) } ?? []
        let positionSigma = value("--position-sigma").flatMap(Double.init) ?? 60
        let velocitySigma = value("--velocity-sigma").flatMap(Double.init) ?? 3

        let rows = try TracksCSV.read(path: tracksPath).sorted { ($0.time, $0.trackID) < ($1.time, $1.trackID) }
        var builder = PictureBuilder(
            epoch: epoch,
            positionVariance: positionSigma * positionSigma,
            velocityVariance: velocitySigma * velocitySigma
        )
        var engine = AlertEngine(configuration: configuration, areas: areas)
        var writer = try AlertsJSONL.Writer(path: outPath, epochUnixSeconds: epoch)
        var counts: [String: Int] = [:]
        var cpuSeconds = 0.0
        var cycles = 0
        var start = 0
        while start < rows.count {
            var end = start
            while end < rows.count && rows[end].time == rows[start].time { end += 1 }
            let picture = builder.picture(rows[start..<end])
            let t0 = threadCPUSeconds()
            let events = engine.process(picture)
            cpuSeconds += threadCPUSeconds() - t0
            cycles += 1
            for e in events where e.phase == .start { counts[e.kind.rawValue, default: 0] += 1 }
            try writer.write(events)
            start = end
        }
        let written = writer.eventCount
        try writer.close()
        let hours = ((rows.last?.time ?? 0) - (rows.first?.time ?? 0)) / 3600
        print("alerts-replay: \(rows.count) track rows, \(cycles) cycles, \(written) events → \(outPath)")
        for (kind, n) in counts.sorted(by: { $0.key < $1.key }) {
            print(String(format: "  %@: %d alerts (%.1f per hour)", kind, n, hours > 0 ? Double(n) / hours : 0))
        }
        print(String(format: "  alert CPU: %.3f ms per cycle on average", cpuSeconds / Double(max(cycles, 1)) * 1e3))
    }
}

/// Rebuilds `SystemTrack`s from tracks.csv rows, one picture per second.
struct PictureBuilder {
    let epoch: Double
    let positionVariance: Double
    let velocityVariance: Double
    private var history: [String: [(time: Double, altitude: Double?, heading: Double)]] = [:]
    private var created: [String: Double] = [:]
    private var numbers: [String: UInt32] = [:]
    private var updates: [String: Int] = [:]
    private var previous: Set<String> = []
    private var cycle = 0

    init(epoch: Double, positionVariance: Double, velocityVariance: Double) {
        self.epoch = epoch
        self.positionVariance = positionVariance
        self.velocityVariance = velocityVariance
    }

    mutating func picture(_ rows: ArraySlice<TrackRow>) -> TrackPicture {
        let time = epoch + (rows.first?.time ?? 0)
        var tracks: [SystemTrack] = []
        var current: Set<String> = []
        var covariance = Matrix<4, 4>.identity
        covariance[0, 0] = positionVariance
        covariance[1, 1] = positionVariance
        covariance[2, 2] = velocityVariance
        covariance[3, 3] = velocityVariance
        for row in rows {
            current.insert(row.trackID)
            let number = numbers[row.trackID] ?? UInt32(row.trackID) ?? UInt32(numbers.count + 1_000_000)
            numbers[row.trackID] = number
            let ve = row.vx ?? 0
            let vn = row.vy ?? 0
            let heading = atan2(ve, vn)
            var h = history[row.trackID] ?? []
            h.append((row.time, row.altitudeMetres, heading))
            h.removeAll { row.time - $0.time > 10 }
            history[row.trackID] = h
            // Vertical rate over the last ≤ 10 s; turn rate over the last ≤ 6 s (positive clockwise).
            var vz = 0.0
            if let first = h.first, let a0 = first.altitude, let a1 = row.altitudeMetres, row.time - first.time >= 4 {
                vz = (a1 - a0) / (row.time - first.time)
            }
            var turnRate = 0.0
            if let old = h.first(where: { row.time - $0.time <= 6 }), row.time - old.time >= 3,
                (ve * ve + vn * vn) > 400
            {
                var d = heading - old.heading
                if d > Double.pi { d -= 2 * Double.pi } else if d < -Double.pi { d += 2 * Double.pi }
                turnRate = d / (row.time - old.time)
            }
            let firstSeen = created[row.trackID] ?? time
            created[row.trackID] = firstSeen
            updates[row.trackID, default: 0] += 1
            var sources: TrackSources = [.primary]
            if row.modeA != nil { sources.insert(.ssr) }
            if row.icao24 != nil { sources.insert(.modeS) }
            tracks.append(
                SystemTrack(
                    number: number,
                    time: time,
                    position: GeodeticPosition(
                        latitudeDegrees: row.latitudeDegrees,
                        longitudeDegrees: row.longitudeDegrees,
                        heightMetres: row.altitudeMetres ?? 0
                    ),
                    hasHeight: row.altitudeMetres != nil,
                    velocity: ENUVector(east: ve, north: vn, up: vz),
                    covariance: covariance,
                    status: .confirmed,
                    modeA: row.modeA,
                    address: row.icao24,
                    barometricAltitudeFeet: row.altitudeMetres.map { $0 / 0.3048 },
                    updateCount: updates[row.trackID] ?? 1,
                    turnRate: turnRate,
                    createdTime: firstSeen,
                    sources: sources
                )
            )
        }
        var events: [TrackLifecycleEvent] = []
        for gone in previous.subtracting(current) {
            if let n = numbers[gone] { events.append(.ended(track: n, time: time)) }
            history[gone] = nil
            created[gone] = nil
            updates[gone] = nil
        }
        previous = current
        tracks.sort { $0.number < $1.number }
        defer { cycle += 1 }
        return TrackPicture(cycle: cycle, time: time, tracks: tracks, events: events)
    }
}
