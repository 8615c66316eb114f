import Foundation
import SkyGeodesy
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// One table of flight scenarios run through every filter × associator the engine offers
/// (`makeTrackingEngine`: `FilterKind.allCases` × `AssociatorKind.allCases`), each asserting real values:
/// one confirmed track per aircraft, no identity switch, and a position RMS under a bound derived from the noise
/// the test radar adds (after Stone Soup's `predictor/tests/test_kalman.py`: one scenario, every variant).
struct FilterScenarioTableTests {
    static let reference = GeodeticPosition(latitudeDegrees: 48.85, longitudeDegrees: 2.40)

    /// A filter and an associator: one engine specialisation.
    struct Variant: Sendable, CustomTestStringConvertible {
        var filter: FilterKind
        var associator: AssociatorKind
        var testDescription: String { "\(filter.rawValue)+\(associator.rawValue)" }
    }

    /// Every specialisation `makeTrackingEngine` can build.
    static let allVariants: [Variant] = FilterKind.allCases.flatMap { f in
        AssociatorKind.allCases.map { Variant(filter: f, associator: $0) }
    }

    /// One aircraft's truth on the tracker's plane: piecewise constant velocity, a constant-rate turn and a
    /// constant along-track acceleration, integrated once in 0.05 s steps (midpoint rule; < 1 mm from the closed
    /// form at these rates) and interpolated.
    struct Flight: Sendable {
        var height: Double
        var address: ICAOAddress?
        var modeA: Mode3ACode?
        private var positions: [SIMD2<Double>] = []
        static let step = 0.05

        /// - Parameters:
        ///   - start: plane position at t = 0, m; `velocity`: m/s.
        ///   - turnRate: rad/s, positive clockwise, during `turn`, s.
        ///   - acceleration: along-track, m/s², during `accelerating`, s.
        init(
            start: SIMD2<Double>,
            velocity: SIMD2<Double>,
            height: Double,
            duration: Double,
            turnRate: Double = 0,
            turn: Range<Double> = 0..<0,
            acceleration: Double = 0,
            accelerating: Range<Double> = 0..<0,
            address: ICAOAddress? = nil,
            modeA: Mode3ACode? = nil
        ) {
            self.height = height
            self.address = address
            self.modeA = modeA
            var p = start
            var v = velocity
            let n = Int((duration / Self.step).rounded(.up)) + 1
            positions.reserveCapacity(n + 1)
            for i in 0...n {
                positions.append(p)
                let t = Double(i) * Self.step + Self.step / 2
                var a = SIMD2<Double>.zero
                let speed = (v * v).sum().squareRoot()
                if turn.contains(t) {
                    // Centripetal acceleration of a clockwise turn: ω × v rotated −90°.
                    a += turnRate * SIMD2(v.y, -v.x)
                }
                if accelerating.contains(t) { a += acceleration * v / speed }
                let vMid = v + a * (Self.step / 2)
                p += vMid * Self.step
                v += a * Self.step
            }
        }

        /// Plane position at `t` seconds, m.
        func position(at t: Double) -> SIMD2<Double> {
            let x = t / Self.step
            let i = Swift.min(Swift.max(Int(x.rounded(.down)), 0), positions.count - 2)
            let f = x - Double(i)
            return positions[i] + (positions[i + 1] - positions[i]) * f
        }
    }

    /// A row of the table.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var duration: Double
        var flights: [Flight]
        /// Largest acceptable position RMS (all displayed rows against truth), m; see ``table``.
        var maximumRMSMetres: Double
        /// Whether an aircraft turns or accelerates.
        var manoeuvres = false
        var testDescription: String { name }
    }

    /// The test radar: at the reference point, 4 s rotation, σ_ρ = 40 m, σ_θ = 0.06° (SimulatedRadar), P_D = 1.
    static let radar = SimulatedRadar(latitude: 48.85, longitude: 2.40, period: 4)

    /// Ranges in these scenarios are 17–63 km, where the radar's cross-range σ is ρ·σ_θ = 18–66 m, so one plot's
    /// horizontal error is σ_plot = √(σ_ρ² + (ρσ_θ)²) = 44–77 m RMS, ≈ 55 m at 40 km. The bounds:
    /// - straight flight, 45 m: below σ_plot. Every filter's quiet model is a nearly-constant-velocity model that
    ///   averages plots, so its error is a fraction of one plot's; a displayed track worse than the raw plot has
    ///   failed. (Measured 30–32 m for every variant, seed 2026.)
    /// - 3 °/s turn, 100 m: at 200 m/s that is a 10.5 m/s² lateral acceleration, which bends the path by
    ///   ½aT² = 84 m from the straight prediction over one 4 s scan. With straight legs at ≈ 30 m for three
    ///   quarters of the rows and the 60 s turn lagging by up to two scans' bend (170 m) for the last quarter, the
    ///   RMS is at most √(0.75·30² + 0.25·170²) ≈ 90 m: an IMM or a turn model that switches within two scans stays
    ///   under 100 m. (Measured: imm 82 m, imm-ct 52 m, imm-ca 65 m.)
    /// - 3 m/s² acceleration, 80 m: σ_plot plus one scan's ½aT² = 24 m of lag. (Measured 51–52 m.)
    /// - crossing, 60 m: two straight flights; σ_plot plus a margin for the scans where both aircraft fall in one
    ///   gate and the association weighs both plots. (Measured 34–42 m.)
    ///
    /// `kf` (one CV model with the quiet noise, q = 0.5 m²/s³) is not meant to follow manoeuvres: a 10.5 m/s² turn
    /// or a 3 m/s² acceleration is far outside its process noise, so it lags by hundreds of metres, loses the
    /// aircraft and restarts a track (measured: 2–4 tracks, RMS 145–345 m). Those two rows are expected to fail
    /// for `kf` and are run under `withKnownIssue`, which fails if they ever pass (then tighten the table).
    static func isOutsideModel(_ scenario: Scenario, _ variant: Variant) -> Bool {
        variant.filter == .kf && scenario.manoeuvres
    }

    static let table: [Scenario] = {
        let straight = Scenario(
            name: "straight constant velocity",
            duration: 300,
            flights: [
                Flight(
                    start: SIMD2(-40_000, -20_000),
                    velocity: SIMD2(180, 100),
                    height: 9_000,
                    duration: 300,
                    address: ICAOAddress(0x3C_6DD4),
                    modeA: Mode3ACode(0o4521)
                )
            ],
            maximumRMSMetres: 45
        )
        let turn = Scenario(
            name: "3 °/s turn",
            duration: 240,
            flights: [
                // East at 200 m/s, a 180° right turn (3 °/s for 60 s), then west.
                Flight(
                    start: SIMD2(-30_000, 30_000),
                    velocity: SIMD2(200, 0),
                    height: 6_000,
                    duration: 240,
                    turnRate: 3 * .pi / 180,
                    turn: 80..<140,
                    address: ICAOAddress(0x4C_A7B1),
                    modeA: Mode3ACode(0o2317)
                )
            ],
            maximumRMSMetres: 100,
            manoeuvres: true
        )
        let acceleration = Scenario(
            name: "along-track acceleration",
            duration: 240,
            flights: [
                // North at 120 m/s, 3 m/s² for 60 s (to 300 m/s, below the 350 m/s "fast" threshold).
                Flight(
                    start: SIMD2(20_000, -40_000),
                    velocity: SIMD2(0, 120),
                    height: 3_000,
                    duration: 240,
                    acceleration: 3,
                    accelerating: 60..<120,
                    address: ICAOAddress(0x39_C422),
                    modeA: Mode3ACode(0o0672)
                )
            ],
            maximumRMSMetres: 80,
            manoeuvres: true
        )
        let crossing = Scenario(
            name: "two crossing aircraft",
            duration: 300,
            flights: [
                // An X at 90°, crossing at t = 150 s at one point (25 km north of the radar) and level, both
                // squawking 7000 (conspicuity: no identity), so only the kinematics tell them apart.
                Flight(
                    start: SIMD2(-30_000, -5_000),
                    velocity: SIMD2(200, 200),
                    height: 6_000,
                    duration: 300,
                    modeA: Mode3ACode(0o7000)
                ),
                Flight(
                    start: SIMD2(30_000, -5_000),
                    velocity: SIMD2(-200, 200),
                    height: 6_000,
                    duration: 300,
                    modeA: Mode3ACode(0o7000)
                ),
            ],
            maximumRMSMetres: 60
        )
        return [straight, turn, acceleration, crossing]
    }()

    /// What one run gave.
    struct Outcome {
        var confirmed: Int
        /// Track number → the flight it was nearest to at each report.
        var owners: [UInt32: Set<Int>]
        /// Flight → the track numbers that were nearest to it.
        var carriers: [Int: Set<UInt32>]
        var rmsMetres: Double
        var rows: Int
    }

    /// Runs `scenario` through `variant` with seeded noise and scores the displayed tracks against truth.
    static func run(_ scenario: Scenario, _ variant: Variant, seed: UInt64) -> Outcome {
        let plane = StereographicPlane(reference: reference)
        var rng = SeededRandom(seed: seed)
        var plots: [RadarPlot] = []
        // The beam sweeps clockwise from north in 4 s: each aircraft is hit once per scan at its azimuth.
        for scan in 0..<Int(scenario.duration / 4) {
            for flight in scenario.flights {
                let p0 = flight.position(at: Double(scan) * 4)
                var azimuth = atan2(p0.x, p0.y)
                if azimuth < 0 { azimuth += 2 * .pi }
                let t = Double(scan) * 4 + azimuth / (2 * .pi) * 4
                guard t < scenario.duration else { continue }
                var g = plane.unproject(flight.position(at: t))
                g.heightMetres = flight.height
                plots.append(
                    radar.plot(of: g, time: t, rng: &rng, modeA: flight.modeA, address: flight.address)
                )
            }
        }
        plots.sort { $0.time < $1.time }
        var owners: [UInt32: Set<Int>] = [:]
        var carriers: [Int: Set<UInt32>] = [:]
        var squares = 0.0
        var rows = 0
        let stats = TestDriver.run(
            plots: plots,
            sensors: [radar.description],
            reference: reference,
            configuration: TrackerConfiguration(),
            associator: variant.associator,
            filter: variant.filter,
            reportTimes: 0...Int(scenario.duration)
        ) { time, report, _ in
            var best = 0
            var bestDistance = Double.infinity
            for (i, flight) in scenario.flights.enumerated() {
                let d = flight.position(at: time) - report.position
                let distance = (d * d).sum().squareRoot()
                if distance < bestDistance {
                    best = i
                    bestDistance = distance
                }
            }
            // Identity is judged away from the crossing: while two aircraft are within 4 km of each other (±7 s
            // around the crossing at a 566 m/s closing speed) both plots fall in both gates and "nearest" is noise.
            let separated = scenario.flights.indices.allSatisfy { j in
                j == best
                    || {
                        let d = scenario.flights[j].position(at: time) - scenario.flights[best].position(at: time)
                        return (d * d).sum() > 4_000 * 4_000
                    }()
            }
            if separated {
                owners[report.number, default: []].insert(best)
                carriers[best, default: []].insert(report.number)
            }
            squares += bestDistance * bestDistance
            rows += 1
        }
        return Outcome(
            confirmed: stats.tracker.tracksConfirmed,
            owners: owners,
            carriers: carriers,
            rmsMetres: (squares / Double(Swift.max(rows, 1))).squareRoot(),
            rows: rows
        )
    }

    @Test("every scenario through every filter and associator", arguments: table, allVariants)
    func scenarioThroughVariant(_ scenario: Scenario, _ variant: Variant) {
        if Self.isOutsideModel(scenario, variant) {
            withKnownIssue("kf (one quiet CV model) cannot follow a manoeuvre far outside its process noise") {
                Self.check(scenario, variant)
            }
        } else {
            Self.check(scenario, variant)
        }
    }

    /// Runs one cell of the table and checks its outcome.
    static func check(_ scenario: Scenario, _ variant: Variant) {
        let seed: UInt64 = 2_026
        let o = run(scenario, variant, seed: seed)
        let context = "\(scenario.name), \(variant.testDescription), seed \(seed)"
        // One confirmed track per aircraft, each aircraft carried by exactly one track number…
        #expect(o.confirmed == scenario.flights.count, "\(context): \(o.confirmed) tracks confirmed")
        for i in scenario.flights.indices {
            #expect(o.carriers[i]?.count == 1, "\(context): aircraft \(i) carried by \(o.carriers[i] ?? [])")
        }
        // …and no track number jumping from one aircraft to the other (an identity switch).
        for (number, flights) in o.owners {
            #expect(flights.count == 1, "\(context): track \(number) was nearest to aircraft \(flights.sorted())")
        }
        // Displayed from confirmation (second or third plot) to the end: at one row per second per aircraft, more
        // than 90 % of the scenario.
        #expect(
            Double(o.rows) > 0.9 * scenario.duration * Double(scenario.flights.count),
            "\(context): only \(o.rows) rows"
        )
        #expect(
            o.rmsMetres < scenario.maximumRMSMetres,
            "\(context): position RMS \(String(format: "%.1f", o.rmsMetres)) m ≥ \(scenario.maximumRMSMetres) m"
        )
    }
}
