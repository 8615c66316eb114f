import Foundation
import SkyAlerts
import Testing

struct AlertConfigurationTests {
    @Test("snake_case keys decode; missing keys keep the defaults")
    func decodes() throws {
        let json = #"""
            {"stca": {"look_ahead_s": 90, "horizontal_nm": 2.5,
                      "volumes": [{"name": "upper", "lower_ft": 24500, "horizontal_nm": 5, "vertical_ft": 1000}],
                      "inhibited_volumes": [{"name": "finals", "upper_ft": 5000,
                          "polygon_lat_lon": [[48.98, 2.20], [49.05, 2.20], [49.05, 2.45], [48.98, 2.45]]}]},
             "area": {"look_ahead_s": 45},
             "adsb": {"coverage_volumes": [{"name": "TMA", "lower_ft": 3000}]}}
            """#
        let c = try JSONDecoder().decode(AlertConfiguration.self, from: Data(json.utf8))
        #expect(c.stca.lookAheadSeconds == 90 && c.stca.horizontalNM == 2.5 && c.stca.verticalFeet == 1_000)
        #expect(c.stca.volumes.count == 1 && c.stca.volumes[0].volume.lowerFeet == 24_500)
        let finals = try #require(c.stca.inhibitedVolumes.first)
        #expect(finals.contains(latitudeDegrees: 49.0, longitudeDegrees: 2.3, altitudeFeet: 3_000))
        #expect(!finals.contains(latitudeDegrees: 49.0, longitudeDegrees: 2.3, altitudeFeet: 6_000))
        #expect(!finals.contains(latitudeDegrees: 49.1, longitudeDegrees: 2.3, altitudeFeet: 3_000))
        #expect(c.area.lookAheadSeconds == 45 && c.area.confirmationCycles == 2)
        #expect(c.emergency.alertSPI)
        #expect(c.adsb.coverageVolumes.first?.name == "TMA")
    }

    @Test(
        "unknown keys are refused, naming the key",
        arguments: [
            #"{"stca": {"look_ahead": 90}}"#, #"{"stcaa": {}}"#,
            #"{"stca": {"volumes": [{"horizontal_nm": 5, "vertical_ft": 1000, "lower": 1}]}}"#,
            #"{"adsb": {"coverage_volumes": [{"name": "x", "polygon": []}]}}"#,
        ]
    )
    func unknownKeys(json: String) {
        do {
            _ = try JSONDecoder().decode(AlertConfiguration.self, from: Data(json.utf8))
            Issue.record("accepted \(json)")
        } catch {
            #expect("\(error)".contains("unknown key"), "\(error)")
        }
    }

    @Test("invalid values are refused")
    func refuses() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AlertConfiguration.self, from: Data(#"{"stca": {"confirmation_cycles": 0}}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                AlertConfiguration.self,
                from: Data(#"{"stca": {"inhibited_volumes": [{"polygon_lat_lon": [[1, 2]]}]}}"#.utf8)
            )
        }
    }
}
