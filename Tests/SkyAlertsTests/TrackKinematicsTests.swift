import SkyAlerts
import SkyGeodesy
import SkyModel
import Testing

/// Turn and vertical rates rebuilt from successive pictures for a tracker that publishes none.
struct TrackKinematicsTests {
    /// The aircraft's track with the turn rate and vertical rate taken out (as the CV/turn IMM publishes it).
    static func bare(_ a: Aircraft, at t: Double) -> SystemTrack {
        var track = a.track(at: t)
        track.turnRate = 0
        track.velocity = ENUVector(east: track.velocity.east, north: track.velocity.north, up: 0)
        return track
    }

    @Test("a 3°/s right turn and a 1,500 ft/min climb are recovered within 0.05°/s and 20 ft/min")
    func turnAndClimb() {
        let turning = Aircraft(
            number: 7,
            x: 0,
            y: 0,
            altitudeFeet: 8_000,
            speed: 150,
            headingDegrees: 30,
            verticalRateFeetPerMinute: 1_500,
            turnDegreesPerSecond: 3
        )
        let left = Aircraft(
            number: 8,
            x: 0,
            y: 0,
            altitudeFeet: 8_000,
            speed: 150,
            headingDegrees: 350,
            turnDegreesPerSecond: -1.5
        )
        var kinematics = TrackKinematics()
        var last: TrackPicture?
        for k in 0...12 {
            let t = Double(k)
            var picture = TrackPicture(
                cycle: k,
                time: Encounter.epoch + t,
                tracks: [Self.bare(turning, at: t), Self.bare(left, at: t)]
            )
            kinematics.complete(&picture)
            if k == 1 {
                // One second of history is too short: nothing is made up.
                #expect(picture.tracks[0].turnRate == 0)
            }
            last = picture
        }
        let right = last!.tracks[0]
        #expect(abs(right.turnRate * 180 / Double.pi - 3) < 0.05)
        #expect(abs(right.velocity.up / 0.3048 * 60 - 1_500) < 20)
        // Heading 350° turning left crosses north: unwrapped, −1.5°/s.
        #expect(abs(last!.tracks[1].turnRate * 180 / Double.pi + 1.5) < 0.05)
        #expect(abs(last!.tracks[1].velocity.up) < 1e-9)
    }

    @Test("a track's own turn rate is kept; histories end with the track")
    func ownRatesKeptAndHistoriesDropped() {
        let straight = Aircraft(number: 1, x: 0, y: 0, altitudeFeet: 10_000, speed: 200, headingDegrees: 90)
        let own = Aircraft(
            number: 2,
            x: 0,
            y: 5_000,
            altitudeFeet: 10_000,
            speed: 150,
            headingDegrees: 0,
            turnDegreesPerSecond: 2
        )
        var kinematics = TrackKinematics()
        for k in 0...10 {
            let t = Double(k)
            var picture = TrackPicture(
                cycle: k,
                time: Encounter.epoch + t,
                tracks: [Self.bare(straight, at: t), own.track(at: t)]
            )
            kinematics.complete(&picture)
            #expect(abs(picture.tracks[0].turnRate) < 1e-9)
            #expect(abs(picture.tracks[1].turnRate - 2 * Double.pi / 180) < 1e-12)
        }
        #expect(kinematics.trackCount == 2)
        var ended = TrackPicture(
            cycle: 11,
            time: Encounter.epoch + 11,
            tracks: [own.track(at: 11)],
            events: [.ended(track: 1, time: Encounter.epoch + 11)]
        )
        kinematics.complete(&ended)
        #expect(kinematics.trackCount == 1)
        var empty = TrackPicture(cycle: 12, time: Encounter.epoch + 12, tracks: [])
        kinematics.complete(&empty)
        #expect(kinematics.trackCount == 0)
    }

    @Test("the engine turns a turning encounter without published turn rates into an early alert")
    func engineEstimatesTurns() throws {
        // The STCA turning encounter, published without turn rates: the engine's own estimate must bring the
        // warning to ≥ 60 s, as with the published rate (the control test shows < 60 s without a turn hypothesis).
        var engine = AlertEngine()
        var first: Double?
        var loss: Double?
        let aircraft = STCATests.turningEncounter
        for k in 0...50 {
            let t = Double(k) * 4
            let picture = TrackPicture(
                cycle: k,
                time: Encounter.epoch + t,
                tracks: aircraft.map { Self.bare($0, at: t) }
            )
            if first == nil, engine.process(picture).contains(where: { $0.kind == .stca && $0.phase == .start }) {
                first = t
            }
        }
        loss = Encounter.fly(aircraft, duration: 200).lossSeconds
        let alert = try #require(first)
        let lost = try #require(loss)
        #expect(lost - alert >= 60, "alert at \(alert) s, loss at \(lost) s")
    }
}
