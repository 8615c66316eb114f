import SkyGeodesy
import SkyTestSupport
import Testing

struct ISATests {
    @Test("Layer boundary values of the standard (ICAO Doc 7488/3; U.S. Standard Atmosphere 1976, table 1)")
    func standardReferenceValues() {
        #expect(ISA.pressurePascals(geopotentialAltitudeMetres: 0) == 101_325)
        #expect(ISA.temperatureKelvin(geopotentialAltitudeMetres: 0) == 288.15)
        #expect(ISA.temperatureKelvin(geopotentialAltitudeMetres: 11_000).isClose(to: 216.65, absoluteTolerance: 1e-9))
        #expect(ISA.temperatureKelvin(geopotentialAltitudeMetres: 20_000).isClose(to: 216.65, absoluteTolerance: 1e-9))
        #expect(ISA.temperatureKelvin(geopotentialAltitudeMetres: 32_000).isClose(to: 228.65, absoluteTolerance: 1e-9))
        // Printed: 22 632.1 Pa, 5 474.89 Pa, 868.019 Pa. The 1976 table uses R = 287.0531 J/(kg K), ICAO
        // 287.05287: the two differ by 3 in the 6th digit at 20 km, hence a 1e-5 relative tolerance.
        #expect(ISA.pressurePascals(geopotentialAltitudeMetres: 11_000).isClose(to: 22_632.1, relativeTolerance: 1e-5))
        #expect(ISA.pressurePascals(geopotentialAltitudeMetres: 20_000).isClose(to: 5_474.89, relativeTolerance: 1e-5))
        #expect(ISA.pressurePascals(geopotentialAltitudeMetres: 32_000).isClose(to: 868.019, relativeTolerance: 1e-5))
        // Geometric heights of the layer boundaries: 11 019.1 m and 20 063.1 m.
        #expect(
            ISA.geometricHeightMetres(geopotentialAltitudeMetres: 11_000).isClose(to: 11_019.1, absoluteTolerance: 0.05)
        )
        #expect(
            ISA.geometricHeightMetres(geopotentialAltitudeMetres: 20_000).isClose(to: 20_063.1, absoluteTolerance: 0.05)
        )
    }

    @Test(
        "Pressure-altitude table (ICAO Doc 7488): FL050 843.1 hPa, FL100 696.8, FL180 506.0, FL300 300.9, FL390 196.8",
        arguments: [(5_000.0, 843.1), (10_000, 696.8), (18_000, 506.0), (30_000, 300.9), (39_000, 196.8)]
    )
    func pressureAltitudeTable(feet: Double, hectopascals: Double) {
        let p = ISA.pressurePascals(geopotentialAltitudeMetres: feet * 0.3048)
        // Table printed to 0.1 hPa.
        #expect((p / 100).isClose(to: hectopascals, absoluteTolerance: 0.05))
        #expect(ISA.pressureAltitudeMetres(pressurePascals: p).isClose(to: feet * 0.3048, absoluteTolerance: 1e-6))
    }

    @Test("Flight level → geometric height: FL350 is 10 685.9 m, FL100 is 3 049.46 m (ISA, above MSL)")
    func flightLevels() {
        // z = rH/(r − H): H = 10 668 m → 10 685.93 m; H = 3 048 m → 3 049.462 m.
        #expect(ISA.geometricHeightMetres(flightLevel: 350).isClose(to: 10_685.93, absoluteTolerance: 0.01))
        #expect(
            ISA.geometricHeightMetres(pressureAltitudeFeet: 10_000).isClose(to: 3_049.462, absoluteTolerance: 0.001)
        )
        #expect(ISA.pressureAltitudeFeet(geometricHeightMetres: 3_049.462).isClose(to: 10_000, absoluteTolerance: 0.01))
    }

    @Test("Round trip pressure altitude ⇄ geometric height from −1 000 ft to FL650, with QNH and ΔT")
    func roundTrips() {
        var rng = SeededRandom(seed: 0x15A)
        for _ in 0..<500 {
            let feet = rng.uniform(-1_000...65_000)
            let qnh = rng.uniform(95_000...105_000)
            let dT = rng.uniform(-30...30)
            let z = ISA.geometricHeightMetres(
                pressureAltitudeFeet: feet,
                qnhPascals: qnh,
                temperatureDeviationKelvin: dT
            )
            let back = ISA.pressureAltitudeFeet(
                geometricHeightMetres: z,
                qnhPascals: qnh,
                temperatureDeviationKelvin: dT
            )
            #expect(back.isClose(to: feet, absoluteTolerance: 1e-6), "seed \(rng.seed)")
        }
    }

    @Test("QNH and temperature corrections have the textbook size")
    func corrections() {
        // Altimetry rule of thumb: 1 hPa ≈ 27 ft ≈ 8.3 m near sea level. A QNH of 1023.25 hPa lifts the pressure
        // surfaces by ≈ 83 m.
        let standard = ISA.geometricHeightMetres(pressureAltitudeFeet: 5_000)
        let high = ISA.geometricHeightMetres(pressureAltitudeFeet: 5_000, qnhPascals: 102_325)
        #expect((high - standard).isClose(to: 83, absoluteTolerance: 3))
        // ISA+10 K: the column below FL100 is ≈ 10/(mean T ≈ 278 K) = 3.6 % thicker: ≈ +110 m.
        let warm = ISA.geometricHeightMetres(pressureAltitudeFeet: 10_000, temperatureDeviationKelvin: 10)
        let isa = ISA.geometricHeightMetres(pressureAltitudeFeet: 10_000)
        #expect((warm - isa).isClose(to: 110, absoluteTolerance: 3))
    }
}
