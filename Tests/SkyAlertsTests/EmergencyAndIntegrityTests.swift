import SkyAlerts
import SkyGeodesy
import SkyModel
import SkyTestSupport
import Testing

struct EmergencyTests {
    @Test(
        "7700 is alerted in the first cycle it is seen, and ends when the code is gone",
        arguments: [
            (0o7700 as UInt16, "7700"), (0o7600, "7600"), (0o7500, "7500"),
        ]
    )
    func emergencyCode(code: UInt16, text: String) throws {
        var engine = AlertEngine()
        var a = Aircraft(number: 3, x: 0, y: 0, altitudeFeet: 9_000, speed: 120, headingDegrees: 45)
        #expect(engine.process(TrackPicture(cycle: 0, time: Encounter.epoch, tracks: [a.track(at: 0)])).isEmpty)
        a.modeA = Mode3ACode(code)
        let events = engine.process(TrackPicture(cycle: 1, time: Encounter.epoch + 4, tracks: [a.track(at: 4)]))
        let start = try #require(events.first)
        #expect(events.count == 1)
        #expect(start.kind == .emergency && start.phase == .start && start.code == text && start.tracks == [3])
        a.modeA = Mode3ACode(0o1000)
        #expect(engine.process(TrackPicture(cycle: 2, time: Encounter.epoch + 8, tracks: [a.track(at: 8)])).isEmpty)
        let end = engine.process(TrackPicture(cycle: 3, time: Encounter.epoch + 12, tracks: [a.track(at: 12)]))
        #expect(end.map(\.phase) == [.end])
        #expect(end.first?.alertID == start.alertID)
    }

    @Test("SPI is alerted; an ended track ends its alert at once")
    func spi() {
        var engine = AlertEngine()
        var t = Aircraft(number: 4, x: 0, y: 0, altitudeFeet: 9_000, speed: 120, headingDegrees: 45).track(at: 0)
        t.spi = true
        let start = engine.process(TrackPicture(cycle: 0, time: Encounter.epoch, tracks: [t]))
        #expect(start.map(\.code) == ["SPI"])
        let end = engine.process(
            TrackPicture(cycle: 1, time: Encounter.epoch + 4, tracks: [], events: [.ended(track: 4, time: 0)])
        )
        #expect(end.map(\.phase) == [.end])
    }
}

struct ADSBIntegrityTests {
    static let origin = GeoPoint(latitudeDegrees: 49, longitudeDegrees: 2.5)

    static func sample(
        time: Double,
        offsetNorthMetres: Double,
        eastMetres: Double = 0,
        nacp: Int = 8
    )
        -> ADSBRadarConsistency
    {
        let dLat = offsetNorthMetres / 111_195
        let dLon = eastMetres / (111_195 * 0.656)
        return ADSBRadarConsistency(
            time: time,
            address: ICAOAddress(0x3C6586),
            trackNumber: 12,
            adsbPosition: GeoPoint(latitudeDegrees: 49 + dLat, longitudeDegrees: 2.5 + dLon),
            radarPosition: origin,
            nacp: nacp,
            radarSigmaMetres: 150
        )
    }

    @Test("a 2 NM ADS-B offset is flagged within 3 radar scans; honest ADS-B in the scene is not")
    func offsetFlagged() throws {
        var rng = SeededRandom(seed: 16)
        var engine = AlertEngine()
        var flaggedAt: Int? = nil
        for scan in 0..<30 {
            let time = Encounter.epoch + 4 * Double(scan)
            // The spoofed aircraft (track 12) and ten honest ones (tracks 100…109) in the same scene.
            var samples = [Self.sample(time: time, offsetNorthMetres: 2 * 1852)]
            for k in 0..<10 {
                var honest = Self.sample(
                    time: time,
                    offsetNorthMetres: 38 * rng.gaussian() + 150 * rng.gaussian(),
                    eastMetres: 38 * rng.gaussian() + 150 * rng.gaussian()
                )
                honest.address = ICAOAddress(0x400000 + UInt32(k))
                honest.trackNumber = 100 + UInt32(k)
                samples.append(honest)
            }
            let events = engine.process(TrackPicture(cycle: scan, time: time, tracks: []), consistency: samples)
            #expect(events.allSatisfy { $0.tracks == [12] }, "honest ADS-B flagged (seed 16)")
            if flaggedAt == nil, let e = events.first(where: { $0.kind == .adsbInconsistency }) {
                #expect(e.phase == .start)
                flaggedAt = scan
            }
        }
        let scan = try #require(flaggedAt)
        #expect(scan < 3, "flagged at scan \(scan); within 3 radar scans required")
    }

    @Test("honest ADS-B (errors within NACp, radar noise) is never flagged over 2,000 scans")
    func honestNotFlagged() {
        var rng = SeededRandom(seed: 2_026)
        var engine = AlertEngine()
        var flagged = 0
        for scan in 0..<2_000 {
            let time = Encounter.epoch + 4 * Double(scan)
            // ADS-B error: 95 % within EPU 92.6 m (NACp 8) → σ ≈ 38 m per axis; radar σ 150 m per axis.
            let north = 38 * rng.gaussian() + 150 * rng.gaussian()
            let east = 38 * rng.gaussian() + 150 * rng.gaussian()
            let events = engine.process(
                TrackPicture(cycle: scan, time: time, tracks: []),
                consistency: [Self.sample(time: time, offsetNorthMetres: north, eastMetres: east)]
            )
            flagged += events.count
        }
        #expect(flagged == 0, "seed 2026")
    }

    @Test("a 2 NM offset with NACp 0 (accuracy unknown) is not judged")
    func unknownAccuracy() {
        let monitor = ADSBIntegrityMonitor()
        #expect(!monitor.isInconsistent(Self.sample(time: 0, offsetNorthMetres: 3_704, nacp: 0)))
        #expect(monitor.isInconsistent(Self.sample(time: 0, offsetNorthMetres: 3_704, nacp: 8)))
    }

    @Test("ADS-B-only inside radar coverage, and an implausible jump, are flagged")
    func adsbOnlyAndImplausible() {
        var configuration = AlertConfiguration()
        configuration.adsb.coverageVolumes = [AirspaceVolume(name: "Paris TMA", lowerFeet: 2_000)]
        var engine = AlertEngine(configuration: configuration)
        let ghost = Aircraft(
            number: 20,
            x: 0,
            y: 0,
            altitudeFeet: 20_000,
            speed: 200,
            headingDegrees: 90,
            sources: [.adsb]
        )
        var kinds: [AlertKind] = []
        for scan in 0..<15 {
            let t = 4 * Double(scan)
            var track = ghost.track(at: t)
            if scan >= 10 { track.position.latitude += 0.1 * Double.pi / 180 }  // an 11 km jump at scan 10
            let events = engine.process(TrackPicture(cycle: scan, time: Encounter.epoch + t, tracks: [track]))
            kinds += events.filter { $0.phase == .start }.map(\.kind)
            if scan < 7 { #expect(events.isEmpty, "radar gets 30 s to see it") }
        }
        #expect(kinds == [.adsbOnly, .adsbImplausible])
    }
}
