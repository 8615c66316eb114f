import Foundation
import SkyAlerts
import SkyGeodesy
import SkyMath
import SkyModel

/// `skywatch-bench alerts [--tracks 5000] [--cycles 30] [--cell METRES]`: time of one full `AlertEngine` cycle (STCA, area
/// proximity over 20 airport zones, emergencies, ADS-B checks) over synthetic traffic, for 500 … N tracks.
///
/// Traffic: a 1,500 km × 1,500 km square centred on 48° N 5° E (core-Europe density at 5,000 tracks); 60 %
/// cruising level at FL280–FL400 on whole flight levels, 30 % climbing or descending (1,000–3,000 ft/min) between
/// FL50 and FL280, 10 % of all turning at 1–3°/s; speeds 120–250 m/s; 1 % squawking 7000 VFR slow and low.
/// The tracks move between cycles (4 s apart), so the grid and pair states evolve as in operation.
enum AlertsBenchmark {
    static func run(_ arguments: [String]) throws {
        func value(_ flag: String) -> String? {
            arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        let maximum = value("--tracks").flatMap(Int.init) ?? 5_000
        let cycles = value("--cycles").flatMap(Int.init) ?? 30
        let cell = value("--cell").flatMap(Double.init)
        let sizes = [500, 1_000, 2_000, 3_000, 4_000, 5_000, 10_000].filter { $0 < maximum } + [maximum]
        for n in sizes { measure(tracks: n, cycles: cycles, cellMetres: cell) }
    }

    struct Flight {
        var x: Double, y: Double, z: Double, speed: Double, heading: Double, vz: Double, turn: Double
        var squawk: UInt16
    }

    static func measure(tracks n: Int, cycles: Int, cellMetres: Double?) {
        var rng = SplitMix(seed: 16)
        let plane = LocalTangentPlane(origin: GeodeticPosition(latitudeDegrees: 48, longitudeDegrees: 5))
        var flights: [Flight] = (0..<n).map { _ in
            let kind = rng.uniform()
            let cruise = kind < 0.6
            let slow = rng.uniform() < 0.01
            return Flight(
                x: rng.uniform(-750_000, 750_000),
                y: rng.uniform(-750_000, 750_000),
                z: cruise
                    ? (280 + (rng.uniform(0, 12)).rounded(.down) * 10) * 100 * 0.3048
                    : rng.uniform(5_000, 28_000) * 0.3048,
                speed: slow ? rng.uniform(40, 70) : rng.uniform(120, 250),
                heading: rng.uniform(0, 2 * Double.pi),
                vz: cruise ? 0 : (rng.uniform() < 0.5 ? -1 : 1) * rng.uniform(1_000, 3_000) * 0.3048 / 60,
                turn: rng.uniform() < 0.1 ? (rng.uniform() < 0.5 ? -1 : 1) * rng.uniform(1, 3) * Double.pi / 180 : 0,
                squawk: slow ? 0o7000 : UInt16(rng.uniform(0, 4095))
            )
        }
        // 20 airport drone zones of 5 km radius, surface to 120 m.
        let areas = (0..<20).map { _ in
            let p = plane.geodetic(
                of: ENUVector(east: rng.uniform(-700_000, 700_000), north: rng.uniform(-700_000, 700_000), up: 0)
            )
            return RestrictedArea(
                name: "zone",
                polygons: [
                    GeoPolygon.circle(
                        center: GeoPoint(latitudeDegrees: p.latitudeDegrees, longitudeDegrees: p.longitudeDegrees),
                        radiusMetres: 5_000
                    )
                ],
                upper: VerticalLimit(metres: 120, reference: .agl)
            )
        }
        var configuration = AlertConfiguration()
        if let cellMetres { configuration.stca.gridCellMetres = cellMetres }
        var engine = AlertEngine(configuration: configuration, areas: areas)
        var times: [Double] = []
        var cpu: [Double] = []
        var events = 0
        var candidates = 0
        var conflicts = 0
        let period = 4.0
        for cycle in 0..<(cycles + 3) {
            let time = 1_700_000_000 + Double(cycle) * period
            var tracks: [SystemTrack] = []
            tracks.reserveCapacity(n)
            for (k, f) in flights.enumerated() {
                let ve = f.speed * sin(f.heading)
                let vn = f.speed * cos(f.heading)
                var cov = Matrix<4, 4>.identity
                cov[0, 0] = 3_600
                cov[1, 1] = 3_600
                cov[2, 2] = 9
                cov[3, 3] = 9
                tracks.append(
                    SystemTrack(
                        number: UInt32(k + 1),
                        time: time,
                        position: plane.geodetic(of: ENUVector(east: f.x, north: f.y, up: f.z)),
                        velocity: ENUVector(east: ve, north: vn, up: f.vz),
                        covariance: cov,
                        status: .confirmed,
                        modeA: Mode3ACode(f.squawk),
                        address: ICAOAddress(UInt32(k + 0x400000)),
                        barometricAltitudeFeet: f.z / 0.3048,
                        updateCount: 50,
                        turnRate: f.turn,
                        createdTime: time - 300,
                        sources: [.ssr, .modeS]
                    )
                )
            }
            let picture = TrackPicture(cycle: cycle, time: time, tracks: tracks)
            let c0 = threadCPUSeconds()
            let t0 = Harness.now()
            let e = engine.process(picture)
            let t1 = Harness.now()
            let c1 = threadCPUSeconds()
            if cycle >= 3 {  // warm-up: buffers grown, pair states settled
                times.append(Double(t1 - t0) * 1e-6)
                cpu.append((c1 - c0) * 1e3)
                events += e.count
                candidates += engine.stca.lastCycle.candidatePairs
                conflicts += engine.stca.lastCycle.predictedConflicts
            }
            for k in flights.indices {
                flights[k].heading += flights[k].turn * period
                flights[k].x += flights[k].speed * sin(flights[k].heading) * period
                flights[k].y += flights[k].speed * cos(flights[k].heading) * period
                flights[k].z = min(max(flights[k].z + flights[k].vz * period, 300), 13_000)
            }
        }
        times.sort()
        cpu.sort()
        print(
            String(
                format: "alerts %5d tracks: wall min %.2f ms, median %.2f ms, max %.2f ms per cycle (thread CPU median "
                    + "%.2f ms); "
                    + "%.0f candidate pairs, %.1f predicted conflicts per cycle; %d events in %d cycles",
                n,
                times[0],
                times[times.count / 2],
                times[times.count - 1],
                cpu[cpu.count / 2],
                Double(candidates) / Double(cycles),
                Double(conflicts) / Double(cycles),
                events,
                cycles
            )
        )
    }
}

/// SplitMix64, for reproducible synthetic traffic.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }
}
