import Foundation
import SkyAlerts
import SkyApp
import SkyGeodesy
import SkyModel
import SkyScenario
import Testing

/// The issue-16 encounters through the whole chain: simulated radar plots → `TrackingPipeline.run` (the real
/// tracker) → ``AlertsJSONLSink`` → alerts. Warnings are measured against the simulator's truth.
struct AlertEncounterTests {
    /// Reference point of the encounter scenario, and metres per degree of latitude.
    static let reference = (latitude: 48.85, longitude: 2.40)
    static let metresPerDegree = 111_195.0

    /// (latitude, longitude) degrees of local metres (x east, y north) in the box `centre` km east/north of the
    /// reference.
    static func geo(_ centre: (Double, Double), _ x: Double, _ y: Double) -> (Double, Double) {
        let lat = reference.latitude + (centre.1 * 1000 + y) / metresPerDegree
        let lon =
            reference.longitude + (centre.0 * 1000 + x)
            / (metresPerDegree * cos(reference.latitude * Double.pi / 180))
        return (lat, lon)
    }

    /// One explicit aircraft of a simulator scenario (docs/simulation.md), flying from `start` through
    /// `waypoints` (local metres, feet) and on.
    static func aircraft(
        _ name: String,
        icao: String,
        box centre: (Double, Double),
        start: (Double, Double),
        altitudeFeet: Double,
        speed: Double,
        waypoints: [(Double, Double, Double)],
        category: String = "airliner",
        transponder: String = "mode_s",
        modeA: String? = nil,
        rcs: Double? = nil
    ) -> [String: Any] {
        let (lat, lon) = geo(centre, start.0, start.1)
        let dx = waypoints[0].0 - start.0
        let dy = waypoints[0].1 - start.1
        var a: [String: Any] = [
            "category": category, "start_s": 0,
            "position": ["lat": lat, "lon": lon, "alt_m": altitudeFeet * 0.3048],
            "speed_mps": speed,
            "heading_deg": (atan2(dx, dy) * 180 / Double.pi + 360).truncatingRemainder(dividingBy: 360),
            "transponder": transponder, "callsign": name, "continue_after_last": true,
            "waypoints": waypoints.map { w -> [String: Any] in
                let (wlat, wlon) = geo(centre, w.0, w.1)
                return ["lat": wlat, "lon": wlon, "alt_m": w.2 * 0.3048, "speed_mps": speed]
            },
        ]
        if transponder == "mode_s" {
            a["icao24"] = icao
            a["mode_a"] = modeA ?? String(0o1000 + Int(icao, radix: 16)! % 0o777, radix: 8)
        }
        if let rcs { a["rcs_m2"] = rcs }
        return a
    }

    /// Two Mode S radars with 8 s rotation, 220 km apart (the set-up of scripts/alerts/make_encounters.py).
    static var modeSRadars: [[String: Any]] {
        [1, 2].map { id in
            [
                "radar_id": id, "name": "Mode S \(id)", "lat": 48.85, "lon": id == 1 ? 0.9 : 3.9, "alt_m": 150,
                "kind": "mode_s", "rotation_period_s": 8, "sigma_range_m": 40, "sigma_azimuth_deg": 0.06,
                "max_range_m": 370_400,
            ]
        }
    }

    /// Simulates a scenario into a new temporary folder.
    static func simulate(
        name: String,
        radars: [[String: Any]],
        traffic: [[String: Any]],
        duration: Int
    ) async throws
        -> String
    {
        let dir = NSTemporaryDirectory() + "skywatch-alerts-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let scenario: [String: Any] = [
            "name": name, "epoch_unix_s": 1_768_478_400, "duration_s": duration, "seed": 16,
            "reference": ["lat": reference.latitude, "lon": reference.longitude],
            "radars": radars, "adsb_receivers": [] as [Any], "traffic": ["aircraft": traffic],
        ]
        let file = dir + "/scenario.json"
        try JSONSerialization.data(withJSONObject: scenario).write(to: URL(fileURLWithPath: file))
        let configuration = try SimulationScenarioFile.load(path: file).configuration(
            seed: nil,
            durationSeconds: nil,
            file: file
        )
        _ = try await SimulationRun.run(configuration, output: .directory(dir + "/sim"), speed: nil)
        return dir
    }

    /// Wraps the alerts sink: keeps every cycle's events (through `lastEvents`) and the tracks' identities.
    actor Recorder: PictureSink {
        let sink: AlertsJSONLSink
        private(set) var events: [AlertEvent] = []
        private(set) var addresses: [UInt32: ICAOAddress] = [:]

        init(_ sink: AlertsJSONLSink) { self.sink = sink }

        func write(_ picture: TrackPicture) async throws {
            try await sink.write(picture)
            events += await sink.lastEvents
            for t in picture.tracks { if let a = t.address { addresses[t.number] = a } }
        }

        func finish() async throws { try await sink.finish() }
        var summary: String { get async { await sink.summary } }
        var itemsWritten: Int { get async { await sink.itemsWritten } }

        /// STCA alerts (start events) between the tracks of two addresses.
        func conflictStarts(_ a: String, _ b: String) -> [AlertEvent] {
            let pair: Set = [ICAOAddress(hex: a)!, ICAOAddress(hex: b)!]
            return events.filter { e in
                e.kind == .stca && e.phase == .start && Set(e.tracks.compactMap { addresses[$0] }) == pair
            }
        }
    }

    /// The encounter scenario through the tracker, once for every test that reads it.
    struct Outcome: Sendable {
        /// The configured system (with the approach inhibition volume) and the same without it.
        var events: [AlertEvent]
        var controlEvents: [AlertEvent]
        var addresses: [UInt32: ICAOAddress]
        var truth: [TruthRow]
        var epoch: Double
        /// Data time of the first plot with the emergency code, UNIX seconds.
        var firstEmergencyPlot: Double
        /// Lines and events in alerts.jsonl.
        var jsonLines: [String]
        var written: Int

        /// First STCA start between two addresses, in `events`.
        func firstConflict(_ a: String, _ b: String, control: Bool = false) -> AlertEvent? {
            let pair: Set = [ICAOAddress(hex: a)!, ICAOAddress(hex: b)!]
            return (control ? controlEvents : events).first { e in
                e.kind == .stca && e.phase == .start && Set(e.tracks.compactMap { addresses[$0] }) == pair
            }
        }

        /// First second (since the epoch) the truth of two addresses is within 3 NM and 1,000 ft.
        func lossOfSeparation(_ a: String, _ b: String) -> Int? {
            let ta = Dictionary(
                truth.filter { $0.icao24 == ICAOAddress(hex: a) }.map { ($0.time, $0) },
                uniquingKeysWith: { x, _ in x }
            )
            let tb = truth.filter { $0.icao24 == ICAOAddress(hex: b) }.sorted { $0.time < $1.time }
            for r in tb {
                guard let o = ta[r.time] else { continue }
                let d = Geodesic.inverse(
                    from: GeodeticPosition(latitudeDegrees: r.latitudeDegrees, longitudeDegrees: r.longitudeDegrees),
                    to: GeodeticPosition(latitudeDegrees: o.latitudeDegrees, longitudeDegrees: o.longitudeDegrees)
                ).distanceMetres
                if d < 3 * 1852 && abs(r.altitudeMetres - o.altitudeMetres) < 1_000 * 0.3048 { return r.time }
            }
            return nil
        }
    }

    /// Parallel approaches (1 NM apart, 3,000 → 1,500 ft) are inside this volume.
    static let approachBox = (150.0, 150.0)
    static let emergencySwitchSeconds = 200.0
    static let emergencyAddress = "a00020"

    static let shared = Task { () throws -> Outcome in
        var traffic: [[String: Any]] = []
        // Head-on at FL150, meeting at t = 200 s.
        traffic += [
            aircraft(
                "HEAD1",
                icao: "a00001",
                box: (-150, -150),
                start: (-40_000, 0),
                altitudeFeet: 15_000,
                speed: 200,
                waypoints: [(40_000, 0, 15_000)]
            ),
            aircraft(
                "HEAD2",
                icao: "a00002",
                box: (-150, -150),
                start: (40_000, 0),
                altitudeFeet: 15_000,
                speed: 200,
                waypoints: [(-40_000, 0, 15_000)]
            ),
        ]
        // Crossing at 90° at FL120, both at the centre at t = 200 s.
        traffic += [
            aircraft(
                "CROS1",
                icao: "a00003",
                box: (0, -150),
                start: (0, -36_000),
                altitudeFeet: 12_000,
                speed: 180,
                waypoints: [(0, 36_000, 12_000)]
            ),
            aircraft(
                "CROS2",
                icao: "a00004",
                box: (0, -150),
                start: (-36_000, 0),
                altitudeFeet: 12_000,
                speed: 180,
                waypoints: [(36_000, 0, 12_000)]
            ),
        ]
        // Overtaking at FL110: 250 m/s catches 150 m/s from 30 km behind.
        traffic += [
            aircraft(
                "OVER1",
                icao: "a00005",
                box: (150, -150),
                start: (0, 0),
                altitudeFeet: 11_000,
                speed: 150,
                waypoints: [(80_000, 0, 11_000)]
            ),
            aircraft(
                "OVER2",
                icao: "a00006",
                box: (150, -150),
                start: (-30_000, 0),
                altitudeFeet: 11_000,
                speed: 250,
                waypoints: [(80_000, 0, 11_000)]
            ),
        ]
        // Converging while one turns: B flies north, turns right at the fly-by waypoint onto east, into A's path.
        traffic += [
            aircraft(
                "TURN1",
                icao: "a00007",
                box: (-150, 0),
                start: (13_365, -21_150),
                altitudeFeet: 12_000,
                speed: 150,
                waypoints: [(13_365, 40_000, 12_000)]
            ),
            aircraft(
                "TURN2",
                icao: "a00008",
                box: (-150, 0),
                start: (0, -9_000),
                altitudeFeet: 12_000,
                speed: 150,
                waypoints: [(0, 0, 12_000), (60_000, 0, 12_000)]
            ),
        ]
        // Climbing from 7,000 ft into a level aircraft at 10,000 ft.
        traffic += [
            aircraft(
                "CLMB1",
                icao: "a00009",
                box: (0, 0),
                start: (-30_000, 0),
                altitudeFeet: 10_000,
                speed: 150,
                waypoints: [(40_000, 0, 10_000)]
            ),
            aircraft(
                "CLMB2",
                icao: "a0000a",
                box: (0, 0),
                start: (30_000, 0),
                altitudeFeet: 7_000,
                speed: 150,
                waypoints: [(10_000, 0, 10_000), (-40_000, 0, 10_000)]
            ),
        ]
        // Safe: parallel 1,000 ft and 1 NM apart, level.
        traffic += [
            aircraft(
                "PARA1",
                icao: "a0000b",
                box: (150, 0),
                start: (-40_000, 0),
                altitudeFeet: 15_000,
                speed: 200,
                waypoints: [(60_000, 0, 15_000)]
            ),
            aircraft(
                "PARA2",
                icao: "a0000c",
                box: (150, 0),
                start: (-40_000, 1_852),
                altitudeFeet: 16_000,
                speed: 200,
                waypoints: [(60_000, 1_852, 16_000)]
            ),
        ]
        // Safe: head-on 2,000 ft apart.
        traffic += [
            aircraft(
                "VERT1",
                icao: "a0000d",
                box: (-150, 150),
                start: (-40_000, 0),
                altitudeFeet: 15_000,
                speed: 200,
                waypoints: [(40_000, 0, 15_000)]
            ),
            aircraft(
                "VERT2",
                icao: "a0000e",
                box: (-150, 150),
                start: (40_000, 0),
                altitudeFeet: 17_000,
                speed: 200,
                waypoints: [(-40_000, 0, 17_000)]
            ),
        ]
        // Safe: diverging from 3.5 NM.
        traffic += [
            aircraft(
                "DIVG1",
                icao: "a0000f",
                box: (0, 150),
                start: (0, 0),
                altitudeFeet: 15_000,
                speed: 200,
                waypoints: [(-60_000, 0, 15_000)]
            ),
            aircraft(
                "DIVG2",
                icao: "a00010",
                box: (0, 150),
                start: (6_482, 0),
                altitudeFeet: 15_000,
                speed: 200,
                waypoints: [(60_000, 30_000, 15_000)]
            ),
        ]
        // Parallel approaches 1 NM apart, descending 3,000 → 1,500 ft: separation is lost from the start, but the
        // pair is inside an inhibition volume.
        traffic += [
            aircraft(
                "APP1",
                icao: "a00011",
                box: approachBox,
                start: (-20_000, 0),
                altitudeFeet: 3_000,
                speed: 75,
                waypoints: [(10_000, 0, 1_500)]
            ),
            aircraft(
                "APP2",
                icao: "a00012",
                box: approachBox,
                start: (-20_000, 1_852),
                altitudeFeet: 3_000,
                speed: 75,
                waypoints: [(10_000, 1_852, 1_500)]
            ),
        ]
        // Alone at FL300, squawking 1234, then 7700 from t = 200 s (set in the plots below).
        traffic += [
            aircraft(
                "EMRG",
                icao: emergencyAddress,
                box: approachBox,
                start: (-40_000, 60_000),
                altitudeFeet: 30_000,
                speed: 220,
                waypoints: [(60_000, 60_000, 30_000)],
                modeA: "1234"
            )
        ]
        let dir = try await simulate(name: "encounters", radars: modeSRadars, traffic: traffic, duration: 360)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var input = try TrackInput.scenario(directory: dir + "/sim")
        let epoch = input.epochUnixSeconds
        let emergency = ICAOAddress(hex: emergencyAddress)!
        var firstEmergencyPlot = Double.infinity
        // The pilot selects 7700: every reply of the aircraft from then on carries it (some replies come without
        // the address, so they are found by the old code, unique in the scenario).
        let oldCode = Mode3ACode(octal: "1234")!
        for k in input.plots.indices
        where (input.plots[k].address == emergency || input.plots[k].modeA == oldCode)
            && input.plots[k].time >= epoch + emergencySwitchSeconds && input.plots[k].modeA != nil
        {
            input.plots[k].modeA = Mode3ACode(0o7700)
            firstEmergencyPlot = min(firstEmergencyPlot, input.plots[k].time)
        }
        var configuration = AlertConfiguration()
        let (south, west) = geo(approachBox, -40_000, -20_000)
        let (north, east) = geo(approachBox, 40_000, 20_000)
        configuration.stca.inhibitedVolumes = [
            AirspaceVolume(
                name: "parallel approaches",
                polygon: GeoPolygon([
                    GeoPoint(latitudeDegrees: south, longitudeDegrees: west),
                    GeoPoint(latitudeDegrees: south, longitudeDegrees: east),
                    GeoPoint(latitudeDegrees: north, longitudeDegrees: east),
                    GeoPoint(latitudeDegrees: north, longitudeDegrees: west),
                ]),
                upperFeet: 5_000
            )
        ]
        let configured = Recorder(
            try AlertsJSONLSink(
                path: dir + "/alerts.jsonl",
                engine: AlertEngine(configuration: configuration),
                epochUnixSeconds: epoch
            )
        )
        let control = Recorder(
            try AlertsJSONLSink(path: dir + "/control.jsonl", engine: AlertEngine(), epochUnixSeconds: epoch)
        )
        let summary = try await TrackingPipeline.run(input: input, sinks: [configured, control])
        let text = try String(contentsOfFile: dir + "/alerts.jsonl", encoding: .utf8)
        return Outcome(
            events: await configured.events,
            controlEvents: await control.events,
            addresses: await configured.addresses,
            truth: try Scenario.loadTruth(directory: dir + "/sim"),
            epoch: epoch,
            firstEmergencyPlot: firstEmergencyPlot,
            jsonLines: text.split(separator: "\n").map(String.init),
            written: summary.written[0]
        )
    }

    static let conflicts = [
        ("head-on", "a00001", "a00002"), ("crossing at 90°", "a00003", "a00004"), ("overtaking", "a00005", "a00006"),
        ("converging while one turns", "a00007", "a00008"), ("climbing into a level aircraft", "a00009", "a0000a"),
    ]

    @Test("conflicts through the tracker are alerted ≥ 60 s before loss of separation", arguments: conflicts)
    func conflict(_ encounter: (String, String, String)) async throws {
        let outcome = try await Self.shared.value
        let (name, a, b) = encounter
        let loss = try #require(outcome.lossOfSeparation(a, b), "\(name): the truth never loses separation")
        let alert = try #require(outcome.firstConflict(a, b), "\(name): not alerted")
        let warning = Double(loss) - (alert.time - outcome.epoch)
        #expect(warning >= 60, "\(name): alerted at \(alert.time - outcome.epoch) s, loss at \(loss) s")
        // The predicted horizontal closest approach is within the threshold (the vertical distance at that time
        // need not be: a climb is predicted to stop after the vertical look-ahead).
        let cpa = try #require(alert.closestApproach)
        #expect(cpa.horizontalMetres < 3 * 1852, "\(name): \(cpa)")
    }

    static let safe = [
        ("parallel 1,000 ft and 1 NM apart", "a0000b", "a0000c"), ("head-on 2,000 ft apart", "a0000d", "a0000e"),
        ("diverging from 3.5 NM", "a0000f", "a00010"),
    ]

    @Test("safe encounters through the tracker are not alerted", arguments: safe)
    func safeEncounter(_ encounter: (String, String, String)) async throws {
        let outcome = try await Self.shared.value
        let (name, a, b) = encounter
        // Both were tracked (the test could see an alert if there were one).
        let tracked = Set(outcome.addresses.values)
        #expect(tracked.contains(ICAOAddress(hex: a)!) && tracked.contains(ICAOAddress(hex: b)!))
        #expect(outcome.firstConflict(a, b) == nil, "\(name): \(String(describing: outcome.firstConflict(a, b)))")
        #expect(outcome.firstConflict(a, b, control: true) == nil)
    }

    @Test("parallel approaches inside an inhibition volume: silent, and alerted without the volume")
    func inhibitedApproaches() async throws {
        let outcome = try await Self.shared.value
        #expect(outcome.lossOfSeparation("a00011", "a00012") != nil)
        #expect(outcome.firstConflict("a00011", "a00012") == nil)
        #expect(outcome.firstConflict("a00011", "a00012", control: true) != nil)
    }

    @Test("a 7700 squawk is alerted within one scan (8 s) of its first plot, and not before")
    func emergencySquawk() async throws {
        let outcome = try await Self.shared.value
        let address = ICAOAddress(hex: Self.emergencyAddress)!
        let emergencies = outcome.events.filter {
            $0.kind == .emergency && $0.phase == .start && $0.tracks.contains { outcome.addresses[$0] == address }
        }
        let first = try #require(emergencies.first)
        #expect(first.code == "7700")
        #expect(first.time >= outcome.firstEmergencyPlot)
        #expect(first.time - outcome.firstEmergencyPlot <= 8, "plot \(outcome.firstEmergencyPlot), alert \(first.time)")
        // No other emergency anywhere.
        let all = outcome.events.filter { $0.kind == .emergency }
        #expect(
            all.filter { $0.phase == .start }.count == 1,
            "\(all.map { ($0.phase, $0.time - outcome.epoch, $0.tracks, $0.code) })"
        )
    }

    @Test("alerts.jsonl holds every event, times since the epoch and track numbers as ids")
    func jsonLines() async throws {
        let outcome = try await Self.shared.value
        #expect(outcome.jsonLines.count == outcome.events.count)
        #expect(outcome.written == outcome.events.count)
        let (_, a, b) = Self.conflicts[0]
        let alert = try #require(outcome.firstConflict(a, b))
        let line = try #require(
            outcome.jsonLines.first { $0.contains("\"alert_id\": \(alert.alertID),") && $0.contains("\"start\"") }
        )
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["tracks"] as? [String] == alert.tracks.map { String($0) })
        let time = try #require(object["time"] as? Double)
        #expect(abs(time - (alert.time - outcome.epoch)) < 0.001)
    }

    @Test("a primary-only drone heading into a restricted area is alerted before it crosses the boundary")
    func droneEntersArea() async throws {
        // A PSR 5 km south of the drone's path; the drone flies east at 15 m/s and 100 m into a zone 2 km ahead.
        let box = (0.0, 0.0)
        let radar: [String: Any] = [
            "radar_id": 1, "name": "PSR", "lat": Self.geo(box, 0, -5_000).0, "lon": Self.geo(box, 0, -5_000).1,
            "alt_m": 50,
            "kind": "psr", "rotation_period_s": 4, "sigma_range_m": 30, "sigma_azimuth_deg": 0.1,
            "max_range_m": 60_000, "psr_reference_range_m": 60_000, "psr_reference_pd": 0.9,
            "psr_reference_rcs_m2": 1, "psr_pfa": 1e-6, "false_plots_per_scan": 0,
        ]
        let drone = Self.aircraft(
            "DRONE",
            icao: "",
            box: box,
            start: (-2_000, 0),
            altitudeFeet: 100 / 0.3048,
            speed: 15,
            waypoints: [(4_000, 0, 100 / 0.3048)],
            category: "drone",
            transponder: "none",
            rcs: 0.1
        )
        let dir = try await Self.simulate(name: "drone", radars: [radar], traffic: [drone], duration: 240)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (south, west) = Self.geo(box, 0, -1_000)
        let (north, east) = Self.geo(box, 2_000, 1_000)
        let geojson = """
            {"type": "FeatureCollection", "features": [{"type": "Feature",
              "properties": {"name": "test zone", "identifier": "TZ1", "restriction": "PROHIBITED",
                "uomDimensions": "M", "upperLimit": 150, "upperVerticalReference": "AGL",
                "applicableClasses": ["drone", "unknown"]},
              "geometry": {"type": "Polygon", "coordinates": [[[\(west), \(south)], [\(east), \(south)],
                [\(east), \(north)], [\(west), \(north)], [\(west), \(south)]]]}}]}
            """
        try Data(geojson.utf8).write(to: URL(fileURLWithPath: dir + "/zone.geojson"))
        let input = try TrackInput.scenario(directory: dir + "/sim")
        let sink = Recorder(
            try AlertsJSONLSink(
                path: dir + "/alerts.jsonl",
                engine: try makeAlertEngine(configPath: nil, areasPath: dir + "/zone.geojson"),
                epochUnixSeconds: input.epochUnixSeconds
            )
        )
        _ = try await TrackingPipeline.run(input: input, sinks: [sink])
        let truth = try Scenario.loadTruth(directory: dir + "/sim")
        func inside(_ r: TruthRow) -> Bool {
            let inLatitude = r.latitudeDegrees > south && r.latitudeDegrees < north
            return inLatitude && r.longitudeDegrees > west && r.longitudeDegrees < east
        }
        let crossing = try #require(truth.sorted { $0.time < $1.time }.first(where: inside))
        let events: [AlertEvent] = await sink.events
        let alerts = events.filter { (e: AlertEvent) in e.kind == AlertKind.area && e.phase == AlertPhase.start }
        let alert = try #require(alerts.first, "no area alert")
        #expect(alert.area == "test zone")
        let alertSeconds = alert.time - input.epochUnixSeconds
        #expect(alertSeconds < Double(crossing.time), "alert \(alertSeconds) s, crossing \(crossing.time) s")
        #expect(alerts.count == 1)
    }
}
