import Foundation
import SkyAlerts
import SkyModel
import SkyScenario
import Testing

struct RestrictedAreasFileTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/areas/\(name)", withExtension: nil)!.path
    }

    @Test("simple GeoJSON: flattened ED-269 properties, Polygon and MultiPolygon")
    func simple() throws {
        let areas = try RestrictedAreasFile.read(path: Self.fixture("simple.geojson"))
        try #require(areas.count == 2)
        let a = areas[0]
        #expect(a.name == "LFPB drone zone" && a.identifier == "LFPB-UAS" && a.restriction == .prohibited)
        #expect(a.lower == nil, "0 ft AGL is the surface")
        #expect(a.upper == VerticalLimit(metres: 400 * 0.3048, reference: .agl))
        #expect(a.applicableClasses == [.drone, .unknown])
        #expect(a.groundElevationMetres == 66)
        #expect(a.containsHorizontally(latitudeDegrees: 48.96, longitudeDegrees: 2.44))
        #expect(!a.containsHorizontally(latitudeDegrees: 48.96, longitudeDegrees: 2.50))
        let b = areas[1]
        #expect(b.restriction == .requiresAuthorisation && b.polygons.count == 2)
        #expect(b.lower == nil && b.upper == VerticalLimit(metres: 1_500, reference: .amsl))
        #expect(b.containsHorizontally(latitudeDegrees: 48.02, longitudeDegrees: 3.05))
    }

    @Test("ED-318 GeoJSON: layers, a Point circle in a GeometryCollection, limitedApplicability")
    func ed318() throws {
        let areas = try RestrictedAreasFile.read(path: Self.fixture("ed318.geojson"))
        try #require(areas.count == 3)
        #expect(areas[0].identifier == "FR-CDG-01" && areas[0].upper == VerticalLimit(metres: 150, reference: .agl))
        // 2026-01-01T00:00:00Z = 1767225600.
        #expect(areas[0].timeWindows == [TimeWindow(start: 1_767_225_600, end: 1_798_761_599)])
        #expect(areas[0].isActive(at: 1_780_000_000) && !areas[0].isActive(at: 1_700_000_000))
        #expect(areas[1].name == "Orly circle" && areas[2].name == "Orly circle")
        #expect(areas[1].restriction == .conditional)
        // 3 km circle around (48.72, 2.38): 2.9 km north inside, 3.1 km outside.
        #expect(areas[1].containsHorizontally(latitudeDegrees: 48.72 + 2_900 / 111_195, longitudeDegrees: 2.38))
        #expect(!areas[1].containsHorizontally(latitudeDegrees: 48.72 + 3_100 / 111_195, longitudeDegrees: 2.38))
        #expect(areas[2].lower == VerticalLimit(metres: 60 * 0.3048, reference: .agl))
        #expect(areas[2].upper == VerticalLimit(metres: 1_000 * 0.3048, reference: .amsl))
    }

    @Test("ED-269 JSON: zone with a Circle volume and a Polygon volume, applicability window")
    func ed269() throws {
        let areas = try RestrictedAreasFile.read(path: Self.fixture("ed269.json"))
        try #require(areas.count == 2)
        #expect(areas.allSatisfy { $0.name == "LFPG restricted" && $0.restriction == .requiresAuthorisation })
        #expect(areas[0].upper == VerticalLimit(metres: 120, reference: .agl))
        #expect(areas[0].containsHorizontally(latitudeDegrees: 49.01, longitudeDegrees: 2.55))
        #expect(areas[1].lower == VerticalLimit(metres: 400 * 0.3048, reference: .agl))
        #expect(areas[1].upper == VerticalLimit(metres: 3_000 * 0.3048, reference: .amsl))
        #expect(areas[0].timeWindows.first?.start == 1_780_293_600)  // 2026-06-01T06:00:00Z
    }

    @Test(
        "errors name the file, the feature index and the key",
        arguments: [
            (
                #"{"features": [{"type": "Feature", "properties": {"restriction": "MAYBE"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}}]}"#,
                "t.json: feature 0, key properties.restriction"
            ),
            (
                #"{"features": [{}, {"geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}, "properties": {"uomDimensions": "FT", "upperLimit": 10}}]}"#,
                "t.json: feature 0, key geometry"
            ),
            (
                #"{"features": [{"geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}, "properties": {"uomDimensions": "FT", "upperLimit": 10}}]}"#,
                "t.json: feature 0, key properties.upperVerticalReference"
            ),
            (
                #"{"features": [{"name": "z", "geometry": [{"uomDimensions": "KM", "horizontalProjection": {}}]}]}"#,
                "t.json: feature 0, key geometry[0].uomDimensions"
            ),
            (
                #"{"features": [{"geometry": {"type": "Point", "coordinates": [2, 48], "layer": {}}}]}"#,
                "t.json: feature 0, key geometry.extent"
            ),
        ]
    )
    func errors(json: String, prefix: String) {
        do {
            _ = try RestrictedAreasFile.parse(Data(json.utf8), file: "t.json")
            Issue.record("no error for \(json)")
        } catch {
            #expect(error.description.hasPrefix(prefix), "\(error)")
        }
    }

    @Test("alert events as JSON lines, in the issue's schema")
    func jsonLines() throws {
        let epoch = 1_633_615_201.0
        let stca = AlertEvent(
            alertID: 3,
            phase: .start,
            kind: .stca,
            time: epoch + 12,
            tracks: [17, 42],
            closestApproach: ClosestApproach(time: epoch + 95.25, horizontalMetres: 1_204.46, verticalMetres: 91.44)
        )
        #expect(
            AlertsJSONL.line(stca, epochUnixSeconds: epoch)
                == #"{"time": 12.000, "alert_id": 3, "event": "start", "kind": "stca", "tracks": ["17", "42"], "cpa": {"time": 95.250, "horizontal_m": 1204.5, "vertical_m": 91.4}}"#
        )
        let area = AlertEvent(
            alertID: 4,
            phase: .end,
            kind: .area,
            time: epoch + 1.5,
            tracks: [7],
            area: #"LFPB "drone" zone"#
        )
        #expect(
            AlertsJSONL.line(area, epochUnixSeconds: epoch)
                == #"{"time": 1.500, "alert_id": 4, "event": "end", "kind": "area", "tracks": ["7"], "area": "LFPB \"drone\" zone"}"#
        )
        let emergency = AlertEvent(alertID: 5, phase: .update, kind: .emergency, time: epoch, tracks: [1], code: "7700")
        let line = AlertsJSONL.line(emergency, epochUnixSeconds: epoch)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["code"] as? String == "7700" && object["kind"] as? String == "emergency")
    }
}
