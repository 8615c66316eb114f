import SkyGeodesy
import SkyModel
import Testing

@testable import SkyModeS

/// The aircraft table on real recordings, and its plausibility and expiry rules.
struct AircraftTableTests {
    /// Runs a fixture through decoder and table.
    func run(_ name: String, reference: (Double, Double)?, timed: Bool) throws -> AircraftTable {
        var config = AircraftTable.Configuration(referenceLatitude: reference?.0, referenceLongitude: reference?.1)
        config.checksPairTime = timed
        var table = AircraftTable(configuration: config)
        var decoder = ModeSDecoder()
        for f in try Fixture.frames(name).frames {
            guard let frame = f.modeSFrame else { continue }
            _ = table.update(decoder.decode(frame), time: f.timestampSeconds ?? 0)
        }
        return table
    }

    @Test("dump1090 sample: TRA89M / 48520a state (values as decoded by pyModeS 3.6.1)")
    func dump1090Sample() throws {
        let table = try run("dump1090_sample.beast", reference: (43.63, 1.37), timed: true)
        let a = try #require(table.aircraft(ICAOAddress(0x48520A)))
        #expect(a.callsign?.string == "TRA89M" && a.squawk?.octal == "5516" && a.version == 2 && a.nacP == 9)
        #expect(a.barometricAltitudeFeet == 38000 && a.categoryTypeCode == 4 && a.category == 3)
        #expect(a.groundSpeedKnots.map { Int($0) } == 395)
        // Last global position of the reference (t = 42.955 s): 43.656646728515625, 1.2296383879905524 (±1e-4°).
        let lat = try #require(a.latitude)
        let lon = try #require(a.longitude)
        #expect(abs(lat - 43.6566467) < 1e-4 && abs(lon - 1.2296384) < 1e-4)
        #expect(a.rejectedPositions == 0 && table.globalPositions == 3)
        // DF11 3981e4 (TJT62CB via Comm-B BDS 2,0) is known too; its callsign comes from a DF20.
        #expect(table.aircraft(ICAOAddress(0x3981E4))?.callsign?.string == "TJT62CB")
        let index = try #require(table.index(of: ICAOAddress(0x48520A)))
        let report = try #require(table.report(at: index))
        #expect(report.nacP == 9 && ADSBReport.estimatedPositionUncertaintyMetres(nacP: report.nacP!) == 30)
        #expect(report.barometricAltitudeFeet == 38000 && report.callsign?.string == "TRA89M" && !report.onGround)
        #expect(report.position.heightMetres == 38000 * 0.3048)
        // The last TC19 is more than 10 s older than the last position: no velocity by default.
        #expect(report.velocity == nil)
        // With a 60 s limit: TC19 of 48520a, 43 kt west, 393 kt north, level (vertical rate 0 or −64 ft/min).
        let v = try #require(table.report(at: index, maximumVelocityAgeSeconds: 60)?.velocity)
        #expect(abs(v.east - -43 * 1852.0 / 3600) < 1e-9 && abs(v.north - 393 * 1852.0 / 3600) < 1e-9)
        #expect(abs(v.up) < 0.33)
    }

    @Test("rs1090 LFPG departure (AVR, untimed): surface then airborne track of AFR34ZG, nothing rejected")
    func lfpgDeparture() throws {
        let table = try run("rs1090_lfpg_departure.avr", reference: (49.0, 2.57), timed: false)
        #expect(table.count == 1)
        let a = try #require(table.aircraft(ICAOAddress(0x393322)))
        #expect(a.callsign?.string == "AFR34ZG" && a.squawk?.octal == "1000" && a.rejectedPositions == 0)
        // 1725 position frames; all but the first of each kind yield a position (global or local).
        #expect(a.positionCount > 1700 && !a.onGround)
        let lat = try #require(a.latitude)
        let lon = try #require(a.longitude)
        // Departing west from CDG: within 60 km of the airport.
        #expect(AircraftTable.distanceMetres(49.0097, 2.5479, lat, lon) < 60_000)
    }

    @Test("A position jump beyond the reachable distance is rejected; the aircraft recovers after the window")
    func plausibility() throws {
        var table = AircraftTable()
        var decoder = ModeSDecoder()
        let address = ICAOAddress(0xABCDEF)
        func send(_ lat: Double, _ lon: Double, _ t: Double) -> AircraftTable.Update {
            let p = GeodeticPosition(latitudeDegrees: lat, longitudeDegrees: lon)
            _ = table.update(
                decoder.decode(
                    ADSBEncoder.airbornePosition(address: address, position: p, altitudeFeet: 30000, oddFormat: false)
                ),
                time: t
            )
            return table.update(
                decoder.decode(
                    ADSBEncoder.airbornePosition(address: address, position: p, altitudeFeet: 30000, oddFormat: true)
                ),
                time: t + 0.5
            )
        }
        let u0 = send(50.0, 8.0, 0)
        let u1 = send(50.01, 8.01, 5)  // 1.3 km in 5 s: 500 kt
        #expect(u0.positionAccepted && u1.positionAccepted)
        let jump = send(51.0, 8.0, 10)  // 110 km in 5 s
        #expect(jump.global != nil && jump.positionRejected && !jump.positionAccepted)
        // Both frames at t = 10 s complete pairs (the even one with the odd of t = 5.5 s): both rejected.
        #expect(table.rejectedPositions == 2)
        let u2 = send(51.0, 8.0, 100)  // the old position is stale: a fresh pair is accepted
        #expect(u2.positionAccepted)
    }

    @Test("Stale entries expire")
    func expiry() throws {
        var table = AircraftTable()
        var decoder = ModeSDecoder()
        for (i, t) in [0.0, 100, 250].enumerated() {
            let f = ADSBEncoder.identification(address: ICAOAddress(UInt32(i + 1)), callsign: "TEST\(i)")
            _ = table.update(decoder.decode(f), time: t)
        }
        // (Mutations stay outside #expect: the macro may evaluate its operands on a copy.)
        let removed = table.expire(now: 360)
        #expect(removed == 1 && table.count == 2)
        let gone = table.index(of: ICAOAddress(1))
        // (Compare the index, not `aircraft(_:) == nil`: Aircraft is not Equatable and #expect's expansion of
        // `== nil` on it does not evaluate as written.)
        #expect(gone == nil && table.aircraft(ICAOAddress(3))?.callsign?.string == "TEST2")
        // DF4 address/parity replies update known aircraft only.
        let df4 = CRC24.withParity(try #require(ModeSFrame(hex: "20000ca8000000")), overlay: 3)
        let u4 = table.update(decoder.decode(df4), time: 361)
        #expect(u4.index != nil)
        // DF18 CF = 1 (non-ICAO address 000003) does not merge with ICAO 000003.
        let df18 = try #require(ModeSFrame(hex: "9100000320000000000000000000"))
        let u18 = table.update(decoder.decode(CRC24.withParity(df18)), time: 361)
        #expect(u18.index != nil && u18.index != table.index(of: ICAOAddress(3)))
        #expect(table.index(of: ICAOAddress(3), nonICAO: true) == u18.index && table[u18.index!].isNonICAOAddress)
        let unknown = CRC24.withParity(try #require(ModeSFrame(hex: "20000ca8000000")), overlay: 99)
        let uUnknown = table.update(decoder.decode(unknown), time: 361)
        #expect(uUnknown.index == nil)
    }
}
