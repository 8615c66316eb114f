import SkyModel
import SkyTestSupport
import Testing

@testable import SkyModeS

/// Frame-level decoding against published examples (Junzi Sun, "The 1090 MHz Riddle", 2nd ed.) and real
/// frames of the traffic 2.13 dump1090 sample (decoded values cross-checked with pyModeS 3.6.1).
struct ModeSDecoderTests {
    func decode(_ hex: String) throws -> ModeSMessage {
        var d = ModeSDecoder()
        return d.decode(try #require(ModeSFrame(hex: hex)))
    }

    @Test("Frame parsing keeps bits, DF and hex; 28-digit short frames are cut to 56 bits")
    func frameParsing() throws {
        let f = try #require(ModeSFrame(hex: "8D4840D6202CC371C32CE0576098"))
        #expect(f.isLong && f.downlinkFormat == 17 && f.hex == "8d4840d6202cc371c32ce0576098")
        let s = try #require(ModeSFrame(hex: "212800bf40f1ef7e5817e9cc428d"))
        #expect(!s.isLong && s.hex == "212800bf40f1ef")
        #expect(ModeSFrame(hex: "8D4840D6") == nil)
        #expect(ModeSFrame(hex: "8D4840D6202CC371C32CE05760ZZ") == nil)
    }

    @Test("CRC-24: clean DF17 has remainder 0; the table matches the bitwise division")
    func crc() throws {
        let f = try #require(ModeSFrame(hex: "8D4840D6202CC371C32CE0576098"))
        #expect(CRC24.remainder(f) == 0)
        // Bitwise long division (Annex 10 §3.1.2.3.3) over a corrupted frame must agree with the table.
        var rng = SeededRandom(seed: 24)
        for _ in 0..<200 {
            let bits = UInt128(rng.next()) << 64 | UInt128(rng.next() & 0xFFFF_FFFF_FFFF_0000)
            let frame = ModeSFrame(bits: bits, isLong: true)
            var r = bits >> 16  // 112 bits right-aligned
            for i in 0..<88 where (r >> UInt128(111 - i)) & 1 == 1 {
                r ^= UInt128(0x1FF_F409) << UInt128(87 - i)
            }
            #expect(UInt32(r & 0xFF_FFFF) == CRC24.remainder(frame), "seed \(rng.seed)")
        }
    }

    @Test("DF17 TC4 identification: KLM1023 (1090 MHz Riddle §3.2)")
    func identification() throws {
        let m = try decode("8D4840D6202CC371C32CE0576098")
        #expect(m.parity == .valid && m.address == ICAOAddress(0x4840D6))
        guard case .identification(let id) = try #require(m.adsb) else {
            Issue.record("not TC4")
            return
        }
        #expect(id.typeCode == 4 && id.category == 0 && id.callsign.string == "KLM1023")
    }

    @Test("DF17 TC11 airborne position fields and altitude 38000 ft")
    func airbornePosition() throws {
        let m = try decode("8D40621D58C382D690C8AC2863A7")
        guard case .airbornePosition(let p) = try #require(m.adsb) else {
            Issue.record("not TC11")
            return
        }
        #expect(p.altitudeFeet == 38000 && !p.cpr.isOdd && p.cpr.latitude == 93000 && p.cpr.longitude == 51372)
        #expect(ADSBMessage.nucP(typeCode: p.typeCode) == 7)
    }

    @Test("CPR global pair: 52.2572°, 3.9194° (1090 MHz Riddle §5.2)")
    func cprGlobal() throws {
        guard case .airbornePosition(let even) = try decode("8D40621D58C382D690C8AC2863A7").adsb,
            case .airbornePosition(let odd) = try decode("8D40621D58C386435CC412692AD6").adsb
        else {
            Issue.record("not positions")
            return
        }
        let p = try #require(CPR.airborneGlobal(even: even.cpr, odd: odd.cpr, newerIsOdd: false))
        // 1e-4° is the precision the book prints.
        #expect(p.latitude.isClose(to: 52.2572, absoluteTolerance: 1e-4))
        #expect(p.longitude.isClose(to: 3.9194, absoluteTolerance: 1e-4))
        // Local decoding of the even frame against a reference near Amsterdam gives the same answer.
        let l = CPR.local(even.cpr, surface: false, referenceLatitude: 52.258, referenceLongitude: 3.918)
        #expect(l.latitude.isClose(to: 52.2572, absoluteTolerance: 1e-4))
        #expect(l.longitude.isClose(to: 3.9194, absoluteTolerance: 1e-4))
    }

    @Test("TC19 subtype 1 velocity: 159 kt, 182.88°, −832 ft/min (1090 MHz Riddle §6)")
    func velocity() throws {
        guard case .velocity(let v) = try decode("8D485020994409940838175B284F").adsb else {
            Issue.record("not TC19")
            return
        }
        #expect(v.subtype == 1)
        #expect(try #require(v.groundSpeedKnots).isClose(to: 159.2, absoluteTolerance: 0.05))
        #expect(try #require(v.trackDegrees).isClose(to: 182.88, absoluteTolerance: 0.01))
        #expect(v.verticalRateFeetPerMinute == -832 && !v.verticalRateIsBarometric && v.gnssMinusBaroFeet == 550)
    }

    @Test("Address/parity recovery, DF4 altitude, DF5 squawk, DF0 ACAS fields, DF11 II overlay (dump1090 sample)")
    func surveillanceFormats() throws {
        let df4 = try decode("20000ca8f70aa7")
        #expect(df4.address.hex == "3981e4" && df4.altitudeFeet == 25000 && df4.flightStatus == 0)
        let df5 = try decode("2800080069952a")
        #expect(df5.identity?.octal == "1000" && df5.address.hex == "3981e4")
        let df0 = try decode("02e18ca8f1d2ed")
        #expect(df0.acas == ACASReplyFields(verticalStatus: 0, crossLink: 1, sensitivityLevel: 7, replyInformation: 3))
        let df11 = try decode("5d3981e46dc8eb")
        #expect(df11.address.hex == "3981e4" && df11.capability == 5 && df11.parity.isValid)
        if case .interrogator(let code) = df11.parity { #expect(code == 0x0b) } else { Issue.record("no II/SI") }
        let df20 = try decode("a0001838ca380030a80000d1f024")
        #expect(df20.address.hex == "48520a" && df20.altitudeFeet == 38000)
    }

    @Test("Altitude codes: Q-bit 25 ft and Gillham 100 ft (values from pyModeS 3.6.1)")
    func altitudeCodes() {
        #expect(AltitudeCode.feet(ac13: 0x1002) == -700)
        #expect(AltitudeCode.feet(ac13: 0x0E12) == 21450)
        #expect(AltitudeCode.feet(ac13: 0x1402) == -600)
        #expect(AltitudeCode.feet(ac13: 0x0002) == nil)  // illegal 100 ft digit
        #expect(AltitudeCode.feet(ac13: 0) == nil)
        for feet in stride(from: -1000, through: 50_000, by: 25) {
            #expect(AltitudeCode.feet(ac13: AltitudeCode.ac13(feet: feet)!) == feet)
        }
        for code in [0o7700, 0o1000, 0o5516, 0o0001, 0o7777] as [UInt16] {
            #expect(IdentityCode.mode3A(id13: IdentityCode.id13(mode3A: code)) == code)
        }
    }

    @Test("Comm-B inference: BDS 4,0 / 5,0 / 6,0 / 1,7 / 2,0 / 1,0 on real frames")
    func commB() throws {
        func register(_ hex: String) throws -> CommBRegister { try #require(try decode(hex).commB).register }
        guard case .selectedVerticalIntention(let r40) = try register("a0001838ca380030a80000d1f024") else {
            Issue.record("not 4,0")
            return
        }
        #expect(
            r40.mcpAltitudeFeet == 38000 && r40.baroSettingHectopascals!.isClose(to: 1013.2, absoluteTolerance: 1e-9)
        )
        guard case .trackAndTurn(let r50) = try register("a0001838807fbb31a00cdb296e52") else {
            Issue.record("not 5,0")
            return
        }
        #expect(r50.groundSpeedKnots == 396 && r50.trueAirspeedKnots == 438 && r50.rollDegrees == 0.52734375)
        guard case .headingAndSpeed(let r60) = try register("a0001838f899eb30a02fff2acd78") else {
            Issue.record("not 6,0")
            return
        }
        #expect(r60.indicatedAirspeedKnots == 245 && r60.magneticHeadingDegrees == 339.08203125)
        #expect(r60.inertialVerticalRateFeetPerMinute == -32 && r60.baroVerticalRateFeetPerMinute == 160)
        #expect(try register("a0001838fe81c3000000006f3ac4").bdsCode == "17")
        guard case .identification(let cs) = try register("a0000ca82050a536c830a07ac1b3") else {
            Issue.record("not 2,0")
            return
        }
        #expect(cs.string == "TJT62CB")
        #expect(try register("a12800bf10000080e500002d5472").bdsCode == "10")
        #expect(try register("a0001838000000000000000b0136").bdsCode == nil)
    }

    @Test("1-bit error correction is off by default, repairs any single flipped bit when on, and is counted")
    func errorCorrection() throws {
        let clean = try #require(ModeSFrame(hex: "8D4840D6202CC371C32CE0576098"))
        var off = ModeSDecoder()
        var on = ModeSDecoder(correctsSingleBitErrors: true)
        for bit in 5..<112 {
            let bad = clean.flippingBit(bit)
            #expect(!off.decode(bad).parity.isValid)
            let fixed = on.decode(bad)
            #expect(fixed.parity == .corrected(bit: bit) && fixed.frame == clean)
        }
        #expect(on.framesCorrected == 107 && off.crcFailures == 107)
    }
}
