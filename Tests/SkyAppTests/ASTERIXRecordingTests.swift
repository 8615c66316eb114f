import Foundation
import SkyASTERIX
import SkyApp
import SkyGeodesy
import SkyModel
import SkyTestSupport
import Testing

/// Radar input from ASTERIX: sensors configuration and CAT048/CAT034 → RadarPlot.
struct ASTERIXRecordingTests {
    static let config = """
        {"reference_date": "2023-11-14",
         "sensors": [{"sac": 0, "sic": 7, "name": "Test radar", "latitude_deg": 48.7, "longitude_deg": 2.3,
                      "height_m": 120, "kind": "modeS", "range_sigma_m": 60, "azimuth_sigma_deg": 0.06}]}
        """

    @Test("The sensors configuration parses into SI units")
    func parsesConfig() throws {
        let c = try ASTERIXSensorsConfig.parse(Data(Self.config.utf8))
        #expect(c.sensors.count == 1)
        let s = c.sensors[0]
        #expect(s.id == SensorID(sac: 0, sic: 7))
        #expect(abs(s.azimuthSigma - 0.06 * .pi / 180) < 1e-15)
        #expect(abs(s.site.latitudeDegrees - 48.7) < 1e-12)
        #expect(s.modeCQuantumFeet == 25)
        // 2023-11-14 12:00:00 UTC.
        #expect(c.referenceUnixSeconds == 1_699_963_200)
    }

    @Test("A configuration error names the file and the key")
    func configErrors() {
        #expect {
            try ASTERIXSensorsConfig.parse(Data(#"{"sensors":[{"sac":1,"sic":2}]}"#.utf8), name: "s.json")
        } throws: { e in
            "\(e)".contains("s.json") && "\(e)".contains("latitude_deg")
        }
    }

    @Test("A misspelt key in the sensors configuration is an error naming the file, line and key")
    func unknownSensorKey() {
        let text = Self.config.replacingOccurrences(of: "\"height_m\"", with: "\"height_metres\"")
        #expect {
            try ASTERIXSensorsConfig.parse(Data(text.utf8), name: "s.json")
        } throws: { e in
            "\(e)".hasPrefix("s.json:3: sensors[0].height_metres: unknown key")
        }
        #expect {
            try ASTERIXSensorsConfig.parse(Data(#"{"sensorz": []}"#.utf8), name: "t.json")
        } throws: { e in
            "\(e)".hasPrefix("t.json:1: sensorz: unknown key")
        }
    }

    @Test("Encoded plots and north markers load back as the same plots with scan numbers")
    func loadsEncodedRecording() throws {
        let config = try ASTERIXSensorsConfig.parse(Data(Self.config.utf8))
        let sensor = SensorID(sac: 0, sic: 7)
        let t0 = 1_699_963_200.0 - 3600
        var rng = SeededRandom(seed: 48)
        var bytes: [UInt8] = []
        var truth: [RadarPlot] = []
        for scan in 0..<20 {
            let tn = t0 + Double(scan) * 4.8
            bytes +=
                ASTERIXBlocks.pack([
                    CAT034Encoder.northMarker(sensor: sensor, time: tn, rotationPeriodSeconds: 4.8).slots
                ])[0]
            let plots = (0..<10).map { i in
                RadarPlot(
                    time: tn + Double(i) * 0.4,
                    sensor: i == 9 ? SensorID(sac: 0, sic: 99) : sensor,
                    slantRangeMetres: rng.uniform(1000...300_000),
                    azimuth: Double(i) * 0.6,
                    modeCFeet: 30_000,
                    modeA: Mode3ACode(0o1234),
                    address: ICAOAddress(0x3C6DD4),
                    kind: .modeS
                )
            }
            truth += plots.filter { $0.sensor == sensor }
            for b in CAT048Encoder.blocks(for: plots) { bytes += b }
        }
        let loaded = try ASTERIXRecording.load(bytes: bytes, config: config, format: .raw)
        #expect(loaded.errors.isEmpty)
        #expect(loaded.plots.count == truth.count)
        #expect(loaded.unconfiguredPlots[SensorID(sac: 0, sic: 99)] == 20)
        // I034/041 LSB 1/128 s: 4.8 s is sent as 614/128 s.
        #expect(loaded.sensors[0].rotationPeriodSeconds == 614.0 / 128)
        #expect(loaded.scanState[sensor]?.northMarkers == 20)
        for (p, t) in zip(loaded.plots, truth) {
            // One LSB of I048/140 (1/128 s) and I048/040 (1/256 NM, 360/2^16 °).
            #expect(abs(p.time - t.time) <= 1.0 / 256)
            #expect(abs(p.slantRangeMetres - t.slantRangeMetres) <= 1852.0 / 512)
            #expect(p.modeCFeet == 30_000 && p.modeCValid && p.modeA == t.modeA && p.address == t.address)
            #expect(p.kind == .modeS)
        }
        #expect(loaded.plots.first?.scan == 1 && loaded.plots.last?.scan == 20)
    }
}
