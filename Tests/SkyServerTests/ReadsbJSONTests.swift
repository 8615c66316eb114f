import Foundation
import SkyGeodesy
import SkyMath
import SkyModel
import SkyServer
import Testing

/// `aircraft.json` against readsb's README-json.md: address types, track range, units, no invented keys.
struct ReadsbJSONTests {
    static func track(
        _ number: UInt32,
        east: Double,
        north: Double,
        address: UInt32?,
        sources: TrackSources,
        modeA: UInt16? = nil
    ) -> SystemTrack {
        SystemTrack(
            number: number,
            time: 1_700_000_000,
            position: GeodeticPosition(latitudeDegrees: 48.9, longitudeDegrees: 2.4, heightMetres: 3_048),
            velocity: ENUVector(east: east, north: north, up: -5.08),
            status: .confirmed,
            modeA: modeA.map(Mode3ACode.init),
            address: address.map(ICAOAddress.init),
            barometricAltitudeFeet: 10_000,
            lastUpdateTime: 1_699_999_998,
            updateCount: 12,
            sources: sources
        )
    }

    static func aircraft(_ tracks: [SystemTrack]) throws -> [[String: Any]] {
        let text = ReadsbJSON.aircraft(TrackPicture(cycle: 1, time: 1_700_000_000, tracks: tracks))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["now"] as? Double == 1_700_000_000)
        return try #require(object["aircraft"] as? [[String: Any]])
    }

    @Test("type: adsb_icao / adsb_other with ADS-B, tisb_icao / tisb_trackfile for radar tracks ('~' without address)")
    func addressTypes() throws {
        let a = try Self.aircraft([
            Self.track(1, east: 200, north: 0, address: 0x3C6586, sources: [.modeS, .adsb]),
            Self.track(2, east: 200, north: 0, address: nil, sources: [.adsb]),
            Self.track(3, east: 200, north: 0, address: 0x4840D6, sources: [.ssr, .modeS]),
            Self.track(0x1234, east: 200, north: 0, address: nil, sources: [.primary, .ssr], modeA: 0o7600),
        ])
        #expect(a.map { $0["type"] as? String } == ["adsb_icao", "adsb_other", "tisb_icao", "tisb_trackfile"])
        #expect(a.map { $0["hex"] as? String } == ["3c6586", "~000002", "4840d6", "~001234"])
        #expect(a[3]["squawk"] as? String == "7600")
        #expect(a[3]["emergency"] as? String == "nordo")
        // readsb omits keys without data: a track has no signal level.
        #expect(a.allSatisfy { $0["rssi"] == nil })
    }

    @Test(
        "units: gs knots, alt_baro integer feet, baro_rate ft/min, seen seconds; track 0..<360 even just west of north"
    )
    func unitsAndTrackRange() throws {
        let a = try Self.aircraft([
            Self.track(1, east: 200, north: 0, address: 0x3C6586, sources: [.adsb]),
            Self.track(2, east: -0.01, north: 150, address: 0x3C6587, sources: [.adsb]),
            Self.track(3, east: -150, north: -0.0001, address: 0x3C6588, sources: [.adsb]),
        ])
        #expect(a[0]["gs"] as? Double == 388.8)  // 200 m/s = 388.77 kt
        #expect(a[0]["track"] as? Double == 90)
        #expect(a[0]["alt_baro"] as? Int == 10_000)
        #expect(a[0]["baro_rate"] as? Int == -1_000)  // -5.08 m/s = -1000 ft/min
        #expect(a[0]["seen"] as? Double == 2)
        #expect(a[1]["track"] as? Double == 0)  // 359.996° would print as 360.0
        #expect(a[2]["track"] as? Double == 270)
        for plane in a {
            let track = try #require(plane["track"] as? Double)
            #expect(track >= 0 && track < 360)
        }
    }
}
