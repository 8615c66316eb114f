import RealModule
import SkyGeodesy
import SkyModel
import SkyTestSupport
import Testing

@testable import SkyModeS

/// Encode → decode round trips of the DF17 encoder used by the simulator.
struct ADSBEncoderTests {
    @Test("Airborne position: even/odd encode → global decode within CPR quantisation (5 m), seeded")
    func positionRoundTrip() throws {
        var rng = SeededRandom(seed: 0x5EED_0017)
        var decoder = ModeSDecoder()
        let address = ICAOAddress(0x3C6DD4)
        for _ in 0..<2000 {
            let lat = rng.uniform(-86...86)
            let lon = rng.uniform(-180...179.999)
            let alt = Double(Int(rng.uniform(-1000...45000)) / 25 * 25)
            let p = GeodeticPosition(latitudeDegrees: lat, longitudeDegrees: lon)
            let evenFrame = ADSBEncoder.airbornePosition(
                address: address,
                position: p,
                altitudeFeet: alt,
                oddFormat: false
            )
            let oddFrame = ADSBEncoder.airbornePosition(
                address: address,
                position: p,
                altitudeFeet: alt,
                oddFormat: true
            )
            let e = decoder.decode(evenFrame)
            let o = decoder.decode(oddFrame)
            #expect(e.parity == .valid && o.parity == .valid && e.address == address)
            guard case .airbornePosition(let ep) = e.adsb, case .airbornePosition(let op) = o.adsb else {
                Issue.record("not positions, seed \(rng.seed)")
                return
            }
            #expect(ep.altitudeFeet == Int(alt), "seed \(rng.seed)")
            for newerIsOdd in [false, true] {
                let d = try #require(CPR.airborneGlobal(even: ep.cpr, odd: op.cpr, newerIsOdd: newerIsOdd))
                // Quantisation bound: half a step in latitude (360/60/2^17 deg) and half a step of the zone's
                // longitude width (360/NL'/2^17 deg), plus rounding noise.
                let dLat = abs(d.latitude - lat)
                var dLon = abs(d.longitude - lon)
                if dLon > 180 { dLon = 360 - dLon }
                let nl = CPR.longitudeZones(latitudeDegrees: d.latitude) - (newerIsOdd ? 1 : 0)
                #expect(
                    dLat <= (newerIsOdd ? 360.0 / 59 : 6.0) / 131_072 / 2 + 1e-9,
                    "lat \(lat) lon \(lon) seed \(rng.seed)"
                )
                #expect(
                    dLon <= 360.0 / Double(max(nl, 1)) / 131_072 / 2 + 1e-9,
                    "lat \(lat) lon \(lon) seed \(rng.seed)"
                )
                // In metres that is within ~5 m below 80 deg latitude.
                let metres =
                    ((dLat * 111_320) * (dLat * 111_320) + (dLon * 111_320 * Double.cos(lat * .pi / 180))
                        * (dLon * 111_320 * Double.cos(lat * .pi / 180)))
                    .squareRoot()
                #expect(abs(lat) > 80 || metres < 5.0, "lat \(lat) lon \(lon) seed \(rng.seed)")
            }
        }
    }

    @Test("Identification and velocity round trip")
    func identificationAndVelocity() throws {
        var decoder = ModeSDecoder()
        let id = decoder.decode(
            ADSBEncoder.identification(address: ICAOAddress(0x4840D6), callsign: "KLM1023", category: 0)
        )
        // The encoder must reproduce the published frame exactly.
        #expect(id.frame.hex == "8d4840d6202cc371c32ce0576098")
        let v = decoder.decode(
            ADSBEncoder.airborneVelocity(
                address: ICAOAddress(0x485020),
                eastKnots: -8,
                northKnots: -159,
                verticalRateFeetPerMinute: -832,
                verticalRateIsBarometric: false,
                nacV: 0,
                ifrCapable: true,
                gnssMinusBaroFeet: 550
            )
        )
        #expect(v.frame.hex == "8d485020994409940838175b284f")
    }

    @Test("Surface CPR: encode → global decode with a reference resolves the 90° ambiguity")
    func surfaceRoundTrip() throws {
        var rng = SeededRandom(seed: 906)
        for _ in 0..<500 {
            let lat = rng.uniform(-80...80)
            let lon = rng.uniform(-179...179)
            let e = CPR.encode(latitude: lat, longitude: lon, odd: false, surface: true)
            let o = CPR.encode(latitude: lat, longitude: lon, odd: true, surface: true)
            let d = try #require(
                CPR.surfaceGlobal(
                    even: e,
                    odd: o,
                    newerIsOdd: true,
                    referenceLatitude: lat + 0.2,
                    referenceLongitude: lon - 0.2
                )
            )
            #expect(d.latitude.isClose(to: lat, absoluteTolerance: 2e-5), "seed \(rng.seed)")
            #expect(
                d.longitude.isClose(to: lon, absoluteTolerance: 2e-5 / Double.cos(lat * .pi / 180)),
                "seed \(rng.seed)"
            )
            let l = CPR.local(e, surface: true, referenceLatitude: lat + 0.3, referenceLongitude: lon + 0.3)
            #expect(l.latitude.isClose(to: lat, absoluteTolerance: 2e-5) && abs(l.longitude - lon) < 1e-4)
        }
    }
}

/// Surface and operational-status encoders.
struct ADSBEncoderSurfaceTests {
    @Test("Surface position: encode → decode gives movement, track and the position (global pair + reference)")
    func surface() throws {
        var decoder = ModeSDecoder()
        var table = AircraftTable(configuration: .init(referenceLatitude: 49.0, referenceLongitude: 2.57))
        let address = ICAOAddress(0x393322)
        let p = GeodeticPosition(latitudeDegrees: 49.00583, longitudeDegrees: 2.57355)
        var last = AircraftTable.Update()
        for (k, odd) in [false, true].enumerated() {
            let f = ADSBEncoder.surfacePosition(
                address: address,
                position: p,
                groundSpeedKnots: 14.5,
                trackDegrees: 90,
                oddFormat: odd
            )
            let m = decoder.decode(f)
            guard case .surfacePosition(let s) = m.adsb else {
                Issue.record("not TC7")
                return
            }
            #expect(m.parity == .valid && s.movement == 38 && s.groundSpeedKnots == 14.5 && s.trackDegrees == 90)
            last = table.update(m, time: Double(k))
        }
        let g = try #require(last.global)
        // Surface CPR step: 90/60/2^17 deg ≈ 1.3 m.
        #expect(abs(g.latitude - 49.00583) < 1.2e-5 && abs(g.longitude - 2.57355) < 1.8e-5)
        #expect(table.aircraft(address)?.onGround == true)
        for (knots, code) in [
            (0.0, 1), (0.125, 2), (1.0, 9), (2.0, 13), (15.0, 39), (70.0, 94), (100.0, 109), (200.0, 124),
        ] {
            #expect(ADSBEncoder.movementCode(knots: knots) == UInt8(code))
            #expect(SurfacePosition.groundSpeed(movement: UInt8(code)) == min(knots, 175))
        }
    }

    @Test("Operational status: version, NACp, NIC supplement A, SIL round trip")
    func operationalStatus() throws {
        var decoder = ModeSDecoder()
        let m = decoder.decode(
            ADSBEncoder.operationalStatus(
                address: ICAOAddress(0x48520A),
                version: 2,
                nacP: 9,
                nicSupplementA: 0,
                sil: 3
            )
        )
        guard case .operationalStatus(let o) = m.adsb else {
            Issue.record("not TC31")
            return
        }
        #expect(o.version == 2 && o.nacP == 9 && o.sil == 3 && o.nicBaro == 1 && o.silSupplement == 0 && o.subtype == 0)
    }
}
