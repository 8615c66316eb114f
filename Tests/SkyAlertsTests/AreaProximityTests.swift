import SkyAlerts
import SkyGeodesy
import SkyModel
import Testing

struct AreaProximityTests {
    /// A 5 km zone around an airport at the origin, surface to 120 m AGL, for drones.
    static let airportZone: RestrictedArea = {
        let centre = Encounter.plane.origin
        return RestrictedArea(
            name: "LFPB drone zone",
            identifier: "LFPB-UAS",
            restriction: .prohibited,
            polygons: [
                GeoPolygon.circle(
                    center: GeoPoint(
                        latitudeDegrees: centre.latitudeDegrees,
                        longitudeDegrees: centre.longitudeDegrees
                    ),
                    radiusMetres: 5_000
                )
            ],
            upper: VerticalLimit(metres: 120, reference: .agl),
            groundElevationMetres: 66,
            applicableClasses: [.drone]
        )
    }()

    static let drone = Aircraft(
        number: 7,
        x: 0,
        y: -8_000,
        altitudeFeet: 0,
        speed: 15,
        headingDegrees: 0,
        modeA: nil,
        hasModeC: false,
        sources: [.primary]
    )

    @Test("a primary-only drone entering an airport zone is alerted before it crosses the boundary")
    func droneAlertedBeforeBoundary() throws {
        #expect(classifyTrack(Self.drone.track(at: 0)) == .drone)
        let run = Encounter.fly(
            [Self.drone],
            duration: 400,
            engine: AlertEngine(areas: [Self.airportZone])
        )
        let start = try #require(run.events.first { $0.kind == .area && $0.phase == .start })
        // Boundary at 8,000 − 5,000 m = 3,000 m ahead at 15 m/s: crossed at t = 200 s.
        let crossing = Encounter.epoch + 200
        #expect(start.time < crossing)
        #expect(crossing - start.time <= 60, "not earlier than the 60 s look-ahead")
        #expect(start.area == "LFPB drone zone")
        #expect(start.tracks == [7])
        // The drone crosses the whole zone (10 km at 15 m/s) and leaves at t ≈ 867 s; still inside at 400 s.
        #expect(!run.events.contains { $0.kind == .area && $0.phase == .end })
        #expect(run.events.contains { $0.kind == .area && $0.phase == .update && $0.time >= crossing })
    }

    @Test("the zone does not apply to an airliner overflying it (class and upper limit)")
    func airlinerNotAlerted() {
        let airliner = Aircraft(
            number: 8,
            x: 0,
            y: -30_000,
            altitudeFeet: 3_000,
            speed: 140,
            headingDegrees: 0,
            modeA: Mode3ACode(0o4521)
        )
        #expect(classifyTrack(airliner.track(at: 0)) == .airliner)
        var zone = Self.airportZone
        let classOnly = Encounter.fly([airliner], duration: 400, engine: AlertEngine(areas: [zone]))
        #expect(classOnly.events.isEmpty)
        zone.applicableClasses = []
        let everyone = Encounter.fly([airliner], duration: 400, engine: AlertEngine(areas: [zone]))
        #expect(everyone.events.isEmpty, "3,000 ft is above 66 m + 120 m AGL")
        zone.upper = nil
        let unbounded = Encounter.fly([airliner], duration: 400, engine: AlertEngine(areas: [zone]))
        #expect(unbounded.events.contains { $0.kind == .area && $0.phase == .start }, "control")
    }

    @Test("an area outside its time window is not alerted")
    func timeWindow() {
        var zone = Self.airportZone
        zone.timeWindows = [TimeWindow(start: Encounter.epoch + 10_000, end: nil)]
        let run = Encounter.fly([Self.drone], duration: 400, engine: AlertEngine(areas: [zone]))
        #expect(run.events.isEmpty)
    }

    @Test(
        "classification by kinematics",
        arguments: [
            (
                Aircraft(
                    number: 1,
                    x: 0,
                    y: 0,
                    altitudeFeet: 800,
                    speed: 12,
                    headingDegrees: 0,
                    modeA: Mode3ACode(0o7000)
                ),
                TrackClass.helicopter
            ),
            (
                Aircraft(
                    number: 1,
                    x: 0,
                    y: 0,
                    altitudeFeet: 3_500,
                    speed: 55,
                    headingDegrees: 0,
                    modeA: Mode3ACode(0o7000)
                ), .fixedWingLight
            ),
            (Aircraft(number: 1, x: 0, y: 0, altitudeFeet: 35_000, speed: 240, headingDegrees: 0), .airliner),
            (Aircraft(number: 1, x: 0, y: 0, altitudeFeet: 5_000, speed: 250, headingDegrees: 0), .fast),
            (
                Aircraft(
                    number: 1,
                    x: 0,
                    y: 0,
                    altitudeFeet: 0,
                    speed: 50,
                    headingDegrees: 0,
                    modeA: nil,
                    hasModeC: false,
                    sources: [.primary]
                ), .unknown
            ),
        ]
    )
    func classes(aircraft: Aircraft, expected: TrackClass) {
        #expect(classifyTrack(aircraft.track(at: 0)) == expected)
    }

    @Test("polygon containment with a hole")
    func polygonHole() {
        let square = { (s: Double) in
            [
                GeoPoint(latitudeDegrees: -s, longitudeDegrees: -s), GeoPoint(latitudeDegrees: -s, longitudeDegrees: s),
                GeoPoint(latitudeDegrees: s, longitudeDegrees: s), GeoPoint(latitudeDegrees: s, longitudeDegrees: -s),
            ]
        }
        let p = GeoPolygon(rings: [square(1), square(0.5)])
        #expect(p.contains(latitudeDegrees: 0.75, longitudeDegrees: 0))
        #expect(!p.contains(latitudeDegrees: 0, longitudeDegrees: 0))
        #expect(!p.contains(latitudeDegrees: 1.2, longitudeDegrees: 0))
    }
}
