import SkyGeodesy
import SkyMath
import SkyModel
import SkyTestSupport
import Testing

@testable import SkyAlerts

struct STCATests {
    /// Encounters that must be alerted at least 60 s before the true loss of separation.
    static let conflicts: [(String, [Aircraft])] = [
        (
            "head-on",
            [
                Aircraft(number: 1, x: -30_000, y: 0, altitudeFeet: 15_000, speed: 200, headingDegrees: 90),
                Aircraft(number: 2, x: 30_000, y: 0, altitudeFeet: 15_000, speed: 200, headingDegrees: 270),
            ]
        ),
        (
            "crossing at 90°",
            [
                Aircraft(number: 1, x: 0, y: -36_000, altitudeFeet: 12_000, speed: 180, headingDegrees: 0),
                Aircraft(number: 2, x: -36_000, y: 0, altitudeFeet: 12_000, speed: 180, headingDegrees: 90),
            ]
        ),
        (
            "overtaking",
            [
                Aircraft(number: 1, x: 0, y: 0, altitudeFeet: 11_000, speed: 150, headingDegrees: 90),
                Aircraft(number: 2, x: -20_000, y: 0, altitudeFeet: 11_000, speed: 250, headingDegrees: 90),
            ]
        ),
        (
            "converging while one turns", Self.turningEncounter
        ),
        (
            "climbing into a level aircraft",
            [
                Aircraft(number: 1, x: -20_000, y: 0, altitudeFeet: 10_000, speed: 150, headingDegrees: 90),
                Aircraft(
                    number: 2,
                    x: 20_000,
                    y: 0,
                    altitudeFeet: 7_000,
                    speed: 150,
                    headingDegrees: 270,
                    verticalRateFeetPerMinute: 1_500
                ),
            ]
        ),
    ]

    /// B turns right at rate one (3°/s) for 30 s, from north to east, onto a course crossing A's; both at
    /// 150 m/s, they meet at (13,365 m, 2,865 m) at t = 100 s. Until the turn ends, straight-line prediction sees
    /// two parallel tracks 13 km apart.
    static let turningEncounter = [
        Aircraft(number: 1, x: 13_365, y: -12_135, altitudeFeet: 12_000, speed: 150, headingDegrees: 0),
        Aircraft(
            number: 2,
            x: 0,
            y: 0,
            altitudeFeet: 12_000,
            speed: 150,
            headingDegrees: 0,
            turnDegreesPerSecond: 3,
            turnSeconds: 30
        ),
    ]

    @Test("control: without the turn hypothesis the turning encounter is alerted less than 60 s ahead")
    func turnHypothesisNeeded() throws {
        var configuration = AlertConfiguration()
        configuration.stca.turnRateThresholdDegreesPerSecond = 100
        let run = Encounter.fly(Self.turningEncounter, duration: 200, engine: AlertEngine(configuration: configuration))
        let loss = try #require(run.lossSeconds)
        let alert = try #require(run.firstAlertSeconds)
        #expect(loss - alert < 60)
    }

    @Test("conflict encounters are alerted ≥ 60 s before loss of separation", arguments: conflicts)
    func alertedEarly(name: String, aircraft: [Aircraft]) throws {
        let run = Encounter.fly(aircraft, duration: 300)
        let loss = try #require(run.lossSeconds, "\(name): the encounter must lose separation")
        let alert = try #require(run.firstAlertSeconds, "\(name): no alert")
        #expect(loss - alert >= 60, "\(name): warning time \(loss - alert) s")
        let start = try #require(run.events.first { $0.kind == .stca && $0.phase == .start })
        #expect(Set(start.tracks) == [1, 2])
        let cpa = try #require(start.closestApproach)
        #expect(cpa.horizontalMetres < 3 * 1852)
        #expect(cpa.time > start.time)
    }

    @Test(
        "pictures every 0.25 s (a live service): one prediction per cycle_s, the same alert as with pictures every 1 s",
        arguments: conflicts
    )
    func fastPictures(name: String, aircraft: [Aircraft]) throws {
        let slow = Encounter.fly(aircraft, duration: 300, periodSeconds: 1)
        let fast = Encounter.fly(aircraft, duration: 300, periodSeconds: 0.25)
        let slowAlert = try #require(slow.firstAlertSeconds, "\(name): no alert at 1 s")
        let fastAlert = try #require(fast.firstAlertSeconds, "\(name): no alert at 0.25 s")
        // The predictions happen at the same data times (whole seconds), so the alert starts at the same time.
        #expect(fastAlert == slowAlert, "\(name): \(fastAlert) s vs \(slowAlert) s")
        let starts = { (run: Encounter.Run) in run.events.filter { $0.kind == .stca && $0.phase == .start }.count }
        #expect(starts(fast) == starts(slow) && starts(fast) >= 1)
        // cycle_s 0 predicts every picture: an alert, no later than at the 1 s cadence.
        var every = AlertConfiguration()
        every.stca.cycleSeconds = 0
        let all = Encounter.fly(aircraft, duration: 300, periodSeconds: 0.25, engine: AlertEngine(configuration: every))
        #expect(try #require(all.firstAlertSeconds) <= slowAlert)
    }

    /// Encounters that must never be alerted.
    static let safe: [(String, [Aircraft])] = [
        (
            // 1,000 ft and 1 NM apart, Mode C noise makes them look like they close at 500 ft/min.
            "parallel, 1,000 ft + 1 NM, safe rates",
            [
                Aircraft(
                    number: 1,
                    x: 0,
                    y: 0,
                    altitudeFeet: 15_000,
                    speed: 200,
                    headingDegrees: 90,
                    reportedRateBiasFeetPerMinute: 250
                ),
                Aircraft(
                    number: 2,
                    x: 0,
                    y: 1_852,
                    altitudeFeet: 16_000,
                    speed: 200,
                    headingDegrees: 90,
                    reportedRateBiasFeetPerMinute: -250
                ),
            ]
        ),
        (
            "head-on, 2,000 ft apart",
            [
                Aircraft(number: 1, x: -30_000, y: 0, altitudeFeet: 15_000, speed: 200, headingDegrees: 90),
                Aircraft(number: 2, x: 30_000, y: 0, altitudeFeet: 17_000, speed: 200, headingDegrees: 270),
            ]
        ),
        (
            "diverging from 3.5 NM",
            [
                Aircraft(number: 1, x: 0, y: 0, altitudeFeet: 15_000, speed: 200, headingDegrees: 270),
                Aircraft(number: 2, x: 6_482, y: 0, altitudeFeet: 15_000, speed: 200, headingDegrees: 60),
            ]
        ),
    ]

    @Test("safe encounters are not alerted", arguments: safe)
    func notAlerted(name: String, aircraft: [Aircraft]) {
        let run = Encounter.fly(aircraft, duration: 300)
        #expect(run.lossSeconds == nil, "\(name): the encounter itself must be safe")
        #expect(run.events.filter { $0.kind == .stca }.isEmpty, "\(name): \(run.events.map(\.message))")
    }

    /// Two aircraft on parallel finals 1,035 m apart at the same height (independent parallel approaches).
    static let parallelApproaches = [
        Aircraft(
            number: 1,
            x: 20_000,
            y: 0,
            altitudeFeet: 4_000,
            speed: 75,
            headingDegrees: 270,
            verticalRateFeetPerMinute: -750
        ),
        Aircraft(
            number: 2,
            x: 20_500,
            y: 1_035,
            altitudeFeet: 4_000,
            speed: 75,
            headingDegrees: 270,
            verticalRateFeetPerMinute: -750
        ),
    ]

    @Test("parallel approaches: alerted without, silent with an inhibition volume")
    func parallelApproachesInhibited() throws {
        let plain = Encounter.fly(Self.parallelApproaches, duration: 200)
        #expect(plain.firstAlertSeconds != nil, "control: the geometry is a conflict without inhibition")

        var configuration = AlertConfiguration()
        let corner = { (x: Double, y: Double) -> GeoPoint in
            let p = Encounter.plane.geodetic(of: ENUVector(east: x, north: y, up: 0))
            return GeoPoint(latitudeDegrees: p.latitudeDegrees, longitudeDegrees: p.longitudeDegrees)
        }
        configuration.stca.inhibitedVolumes = [
            AirspaceVolume(
                name: "parallel finals",
                polygon: GeoPolygon([
                    corner(-2_000, -2_000), corner(30_000, -2_000), corner(30_000, 3_000),
                    corner(-2_000, 3_000),
                ]),
                upperFeet: 6_000
            )
        ]
        let inhibited = Encounter.fly(
            Self.parallelApproaches,
            duration: 200,
            engine: AlertEngine(configuration: configuration)
        )
        #expect(inhibited.events.filter { $0.kind == .stca }.isEmpty)
    }

    @Test(
        "thresholds: just inside alerted, just outside not",
        arguments: [
            (2.8, 0.0, true), (3.3, 0.0, false), (0.0, 900.0, true), (0.0, 1_100.0, false),
        ]
    )
    func thresholds(lateralNM: Double, verticalFeet: Double, alerted: Bool) {
        let aircraft = [
            Aircraft(number: 1, x: -30_000, y: 0, altitudeFeet: 15_000, speed: 200, headingDegrees: 90),
            Aircraft(
                number: 2,
                x: 30_000,
                y: lateralNM * 1852,
                altitudeFeet: 15_000 + verticalFeet,
                speed: 200,
                headingDegrees: 270
            ),
        ]
        let run = Encounter.fly(aircraft, duration: 300)
        #expect((run.firstAlertSeconds != nil) == alerted)
    }

    @Test("tracks without Mode C are not paired")
    func noModeC() {
        var aircraft = Self.conflicts[0].1
        aircraft[1].hasModeC = false
        aircraft[1].sources = [.primary]
        #expect(Encounter.fly(aircraft, duration: 300).firstAlertSeconds == nil)
    }

    @Test("the alert ends after the encounter, and the CPA goes with start, updates and end")
    func lifecycle() throws {
        let run = Encounter.fly(Self.conflicts[0].1, duration: 300)
        let stca = run.events.filter { $0.kind == .stca }
        #expect(stca.first?.phase == .start)
        #expect(stca.last?.phase == .end)
        #expect(stca.filter { $0.phase == .start }.count == 1, "no flicker")
        #expect(Set(stca.map(\.alertID)).count == 1)
        #expect(stca.allSatisfy { $0.closestApproach != nil })
        // Head-on at equal speeds from ±30 km: CPA at t = 150 s, miss 0 m; alerted at 24 s, 126 s before it, so
        // the start reports the closest approach within the 120 s look-ahead, the updates the true one.
        let start = try #require(stca.first)
        let cpa = try #require(start.closestApproach)
        #expect(cpa.time == start.time + 120)
        // 6 s at 400 m/s closure, within the predictor's local-plane error (a sphere: 0.3 % of the 50 km range).
        #expect(cpa.horizontalMetres.isClose(to: 6 * 400, absoluteTolerance: 250))
        let update = try #require(stca.first { $0.phase == .update })
        let cpa2 = try #require(update.closestApproach)
        #expect(cpa2.time.isClose(to: Encounter.epoch + 150, absoluteTolerance: 0.5))
        #expect(cpa2.horizontalMetres < 10)
    }

    @Test("the reported CPA is never beyond the look-ahead: same route, slowly overtaking")
    func closestApproachWithinLookAhead() throws {
        // 2 NM in trail at the same level, 10 m/s faster: in conflict now, closest (0 m) only after 370 s.
        let aircraft = [
            Aircraft(number: 1, x: 0, y: 0, altitudeFeet: 9_000, speed: 140, headingDegrees: 90),
            Aircraft(number: 2, x: -3_704, y: 0, altitudeFeet: 9_000, speed: 150, headingDegrees: 90),
        ]
        let run = Encounter.fly(aircraft, duration: 120)
        let stca = run.events.filter { $0.kind == .stca && $0.phase != .end }
        #expect(!stca.isEmpty)
        for e in stca {
            let cpa = try #require(e.closestApproach)
            #expect(cpa.time >= e.time && cpa.time <= e.time + 120, "CPA \(cpa.time - e.time) s ahead")
            // At the horizon the gap has shrunk by 1,200 m.
            let elapsed = e.time - Encounter.epoch
            #expect(cpa.horizontalMetres.isClose(to: 3_704 - 10 * (elapsed + 120), absoluteTolerance: 30))
        }
    }

    @Test("a turn that ends before manoeuvre_confirmation_s raises no alert; trusted at once, it would (control)")
    func shortTurnNotAlerted() throws {
        // The turning encounter, but B stops turning after 7 s (21°) and passes well clear of A. Its tracker
        // publishes turn rates (straight: 10⁻⁹ rad/s), so the turn hypothesis stops with the turn.
        var aircraft = Self.turningEncounter
        aircraft[1].turnSeconds = 7
        aircraft[1].publishedTurnRateAfterTurn = 1e-9
        let run = Encounter.fly(aircraft, duration: 300, periodSeconds: 2)
        #expect(run.lossSeconds == nil)
        #expect(run.firstAlertSeconds == nil)
        var configuration = AlertConfiguration()
        configuration.stca.manoeuvreConfirmationSeconds = 0
        let control = Encounter.fly(
            aircraft,
            duration: 300,
            periodSeconds: 2,
            engine: AlertEngine(configuration: configuration)
        )
        #expect(control.firstAlertSeconds != nil)
    }

    @Test("climbing in trail 1,050 ft apart, rates differing by less than the level band: no alert; by more: alerted")
    func relativeRateLevelBand() {
        // Both truly climb at 1,450 ft/min; their reported rates differ by Mode C noise.
        func pair(biasA: Double, biasB: Double) -> [Aircraft] {
            [
                Aircraft(
                    number: 1,
                    x: 0,
                    y: 0,
                    altitudeFeet: 4_360,
                    speed: 120,
                    headingDegrees: 90,
                    verticalRateFeetPerMinute: 1_450,
                    reportedRateBiasFeetPerMinute: biasA
                ),
                Aircraft(
                    number: 2,
                    x: -4_000,
                    y: 0,
                    altitudeFeet: 3_310,
                    speed: 120,
                    headingDegrees: 90,
                    verticalRateFeetPerMinute: 1_450,
                    reportedRateBiasFeetPerMinute: biasB
                ),
            ]
        }
        let quiet = Encounter.fly(pair(biasA: -183, biasB: 200), duration: 120)  // 383 ft/min apart
        #expect(quiet.lossSeconds == nil)
        #expect(quiet.firstAlertSeconds == nil)
        let noisy = Encounter.fly(pair(biasA: -300, biasB: 300), duration: 120)  // 600 ft/min: above the band
        #expect(noisy.firstAlertSeconds != nil)
    }

    @Test("the grid finds exactly the conflicts all-pairs prediction finds")
    func gridMatchesBruteForce() {
        var rng = SeededRandom(seed: 16)
        var aircraft: [Aircraft] = []
        for n in 0..<600 {
            aircraft.append(
                Aircraft(
                    number: UInt32(n + 1),
                    x: rng.uniform(-150_000...150_000),
                    y: rng.uniform(-150_000...150_000),
                    altitudeFeet: 1_000 * Double(Int(rng.uniform(5...15))),
                    speed: rng.uniform(60...260),
                    headingDegrees: rng.uniform(0...360),
                    verticalRateFeetPerMinute: rng.uniform(0...1) < 0.3 ? rng.uniform(-2_000...2_000) : 0,
                    turnDegreesPerSecond: rng.uniform(0...1) < 0.2 ? rng.uniform(-3...3) : 0
                )
            )
        }
        let picture = TrackPicture(cycle: 0, time: Encounter.epoch, tracks: aircraft.map { $0.track(at: 0) })
        var configuration = STCAConfiguration()
        configuration.confirmationCycles = 1
        configuration.confirmationSeconds = 0
        var grid = ShortTermConflictAlert(configuration: configuration)
        var all = ShortTermConflictAlert(configuration: configuration)
        all.bruteForce = true
        var id1 = 1
        var id2 = 1
        let a = Set(grid.process(picture, nextAlertID: &id1).map { $0.tracks })
        let b = Set(all.process(picture, nextAlertID: &id2).map { $0.tracks })
        #expect(a.count > 5, "the scene must contain conflicts")
        #expect(a == b)
        #expect(grid.lastCycle.candidatePairs < all.lastCycle.candidatePairs / 20)
    }
}

struct RobustnessTests {
    @Test("broken tracks (NaN, infinite, absurd speed) are skipped without trapping; the others are still alerted")
    func brokenTracks() {
        var engine = AlertEngine(areas: [AreaProximityTests.airportZone])
        var started = 0
        for cycle in 0..<40 {
            let t = 4 * Double(cycle)
            var tracks = STCATests.conflicts[0].1.map { $0.track(at: t) }
            var nan = tracks[0]
            nan.number = 90
            nan.velocity = ENUVector(east: .nan, north: 1, up: 0)
            var infinite = tracks[0]
            infinite.number = 91
            infinite.position.latitude = .infinity
            var absurd = tracks[1]
            absurd.number = 92
            absurd.velocity = ENUVector(east: 1e12, north: 0, up: 0)
            absurd.turnRate = .nan
            tracks += [nan, infinite, absurd]
            let events = engine.process(TrackPicture(cycle: cycle, time: Encounter.epoch + t, tracks: tracks))
            started += events.filter { $0.kind == .stca && $0.phase == .start && Set($0.tracks) == [1, 2] }.count
        }
        #expect(started == 1)
    }
}
