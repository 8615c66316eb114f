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
            let evenFrame = ADSBEncoder.airbornePosition(address: address, position: p, altitudeFeet: alt, oddFormat: false)
            let oddFrame = ADSBEncoder.airbornePosition(address: address, position: p, altitudeFeet: alt, oddFormat: true)
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
                #expect(dLat <= (newerIsOdd ? 360.0 / 59 : 6.0) / 131_072 / 2 + 1e-9, "lat \(lat) lon \(lon) seed \(rng.seed)")
                #expect(dLon <= 360.0 / Double(max(nl, 1)) / 131_072 / 2 + 1e-9, "lat \(lat) lon \(lon) seed \(rng.seed)")
                // In metres that is within ~5 m below 80 deg latitude.
                let metres = ((dLat * 111_320) * (dLat * 111_320) + (dLon * 111_320 * Double.cos(lat * .pi / 180)) * (dLon * 111_320 * Double.cos(lat * .pi / 180))).squareRoot()
                #expect(abs(lat) > 80 || metres < 5.0, "lat \(lat) lon \(lon) seed \(rng.seed)")
            }
        }
    }

    @Test("Identification and velocity round trip")
    func identificationAndVelocity() throws {
        var decoder = ModeSDecoder()
        let id = decoder.decode(ADSBEncoder.identification(address: ICAOAddress(0x4840D6), callsign: "KLM1023", category: 0))
        // The encoder must reproduce the published frame exactly.
        #expect(id.frame.hex == "8d4840d6202cc371c32ce0576098")
        let v = decoder.decode(
            ADSBEncoder.airborneVelocity(
                address: ICAOAddress(0x485020), eastKnots: -8, northKnots: -159, verticalRateFeetPerMinute: -832,
                verticalRateIsBarometric: false, nacV: 0, ifrCapable: true, gnssMinusBaroFeet: 550))
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
                    even: e, odd: o, newerIsOdd: true, referenceLatitude: lat + 0.2, referenceLongitude: lon - 0.2))
            #expect(d.latitude.isClose(to: lat, absoluteTolerance: 2e-5), "seed \(rng.seed)")
            #expect(d.longitude.isClose(to: lon, absoluteTolerance: 2e-5 / Double.cos(lat * .pi / 180)), "seed \(rng.seed)")
            let l = CPR.local(e, surface: true, referenceLatitude: lat + 0.3, referenceLongitude: lon + 0.3)
            #expect(l.latitude.isClose(to: lat, absoluteTolerance: 2e-5) && abs(l.longitude - lon) < 1e-4)
        }
    }
}
