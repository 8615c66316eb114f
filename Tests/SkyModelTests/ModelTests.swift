import SkyModel
import Testing

struct IdentifierTests {
    @Test("ICAO addresses parse and print as six lowercase hex digits")
    func icao() throws {
        let a = try #require(ICAOAddress(hex: "3C6DD4"))
        #expect(a.rawValue == 0x3C6DD4)
        #expect(a.hex == "3c6dd4")
        #expect(ICAOAddress(0x00_00AB).hex == "0000ab")
        #expect(ICAOAddress(hex: "3c6dd") == nil)
        #expect(ICAOAddress(hex: "3c6ddz") == nil)
    }

    @Test("Mode 3/A codes are octal, and conspicuity codes are not discrete")
    func modeA() throws {
        let code = try #require(Mode3ACode(octal: "7700"))
        #expect(code.rawValue == 0o7700)
        #expect(code.isEmergency)
        #expect(Mode3ACode(octal: "0672")?.octal == "0672")
        #expect(Mode3ACode(octal: "0678") == nil)
        #expect(Mode3ACode(octal: "1000")?.isDiscrete == false)
        #expect(Mode3ACode(octal: "7000")?.isDiscrete == false)
        #expect(Mode3ACode(octal: "2000")?.isDiscrete == false)
        #expect(Mode3ACode(octal: "4521")?.isDiscrete == true)
    }

    @Test("Callsigns are upper-cased, truncated to 8 characters and trimmed")
    func callsign() {
        #expect(Callsign("klm1023").string == "KLM1023")
        #expect(Callsign("ABCDEFGHIJ").string == "ABCDEFGH")
        #expect(Callsign("AFR12") == Callsign("AFR12   "))
    }

    @Test("NACp maps to the DO-260B EPU bounds")
    func nacp() {
        #expect(ADSBReport.estimatedPositionUncertaintyMetres(nacP: 8) == 92.6)
        #expect(ADSBReport.estimatedPositionUncertaintyMetres(nacP: 11) == 3)
        #expect(ADSBReport.estimatedPositionUncertaintyMetres(nacP: 0) == nil)
    }
}

struct ASTERIXTimeTests {
    // 2021-10-07T14:00:01Z
    let epoch = 1_633_615_201.0

    @Test("Time of day in 1/128 s units")
    func timeOfDay() {
        #expect(ASTERIXTime.timeOfDaySeconds(unixSeconds: epoch) == 14 * 3600 + 1)
        #expect(ASTERIXTime.timeOfDay128(unixSeconds: epoch + 0.5) == UInt32((14 * 3600 + 1) * 128 + 64))
        // 23:59:59.999 rounds to midnight and wraps to 0.
        let midnight = 1_633_651_200.0  // 2021-10-08T00:00:00Z
        #expect(ASTERIXTime.timeOfDay128(unixSeconds: midnight - 0.001) == 0)
    }

    @Test("Round trip through ASTERIX time of day near a reference")
    func roundTrip() {
        for dt in stride(from: -3000.0, through: 3000.0, by: 0.25) {
            let t = epoch + dt
            let tod = ASTERIXTime.timeOfDay128(unixSeconds: t)
            #expect(abs(ASTERIXTime.unixSeconds(timeOfDay128: tod, nearReference: epoch) - t) <= 1.0 / 256)
        }
    }

    @Test("Midnight roll-over resolves to the day nearest the reference")
    func rollover() {
        let midnight = 1_633_651_200.0  // 2021-10-08T00:00:00Z
        // Record stamped 23:59:59 received at 00:00:05 belongs to the previous day.
        #expect(ASTERIXTime.unixSeconds(timeOfDaySeconds: 86_399, nearReference: midnight + 5) == midnight - 1)
        // Record stamped 00:00:02 received at 23:59:58 belongs to the next day.
        #expect(ASTERIXTime.unixSeconds(timeOfDaySeconds: 2, nearReference: midnight - 2) == midnight + 2)
        #expect(ASTERIXTime.unixSeconds(timeOfDaySeconds: 43_200, nearReference: midnight + 3600) == midnight + 43_200)
    }
}
