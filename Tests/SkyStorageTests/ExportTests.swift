import Foundation
import SkyGeodesy
import SkyModel
import SkyScenario
import Testing

@testable import SkyStorage

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A structural check of GeoJSON (RFC 7946) for what the exporter writes: a FeatureCollection of Features with
/// LineString (≥ 2 positions) or Point geometries, positions of 2 or 3 numbers with longitude in [−180, 180] and
/// latitude in [−90, 90], and the documented properties with their JSON types.
enum GeoJSONSchema {
    static func violations(_ json: Any) -> [String] {
        var errors: [String] = []
        guard let root = json as? [String: Any], root["type"] as? String == "FeatureCollection",
            let features = root["features"] as? [Any]
        else { return ["root is not a FeatureCollection with a features array"] }
        func checkPosition(_ p: Any, _ at: String) {
            guard let a = p as? [Any], (2...3).contains(a.count), a.allSatisfy({ $0 is NSNumber }) else {
                errors.append("\(at): position is not 2 or 3 numbers")
                return
            }
            let n = a.map { ($0 as! NSNumber).doubleValue }
            if !(-180...180).contains(n[0]) || !(-90...90).contains(n[1]) {
                errors.append("\(at): position out of range")
            }
        }
        for (i, f) in features.enumerated() {
            let at = "features[\(i)]"
            guard let feature = f as? [String: Any], feature["type"] as? String == "Feature",
                let geometry = feature["geometry"] as? [String: Any],
                let properties = feature["properties"] as? [String: Any]
            else {
                errors.append("\(at): not a Feature with geometry and properties")
                continue
            }
            switch geometry["type"] as? String {
            case "LineString":
                guard let coordinates = geometry["coordinates"] as? [Any], coordinates.count >= 2 else {
                    errors.append("\(at): LineString with fewer than 2 positions")
                    continue
                }
                for (k, p) in coordinates.enumerated() { checkPosition(p, "\(at).coordinates[\(k)]") }
            case "Point":
                checkPosition(geometry["coordinates"] as Any, "\(at).coordinates")
            default:
                errors.append("\(at): unexpected geometry type")
            }
            if !(properties["number"] is NSNumber) { errors.append("\(at): number is not a number") }
            for key in ["callsign", "address", "mode_a"] where !(properties[key] is String || properties[key] is NSNull)
            {
                errors.append("\(at): \(key) is neither a string nor null")
            }
            for key in ["first_time", "last_time"] where !(properties[key] is NSNumber) {
                errors.append("\(at): \(key) is not a number")
            }
        }
        return errors
    }
}

struct ExportTests {
    /// A recording of 8 cycles of 6 tracks; track 1 only in the last cycle (a single-point track).
    func makeRecording(_ dir: TemporaryDirectory) throws -> (Recorder, [TrackPicture]) {
        let recorder = try Pictures.recorder(dir)
        var pictures: [TrackPicture] = []
        for c in 0..<8 {
            var p = Pictures.picture(cycle: c, count: 6)
            p.time = Pictures.start + Double(c)  // whole seconds, as the live pipeline reports
            if c < 7 { p.tracks.removeFirst() }
            pictures.append(p)
            try recorder.record(inputs: [], picture: p, wallTime: 0)
        }
        return (recorder, pictures)
    }

    @Test("GeoJSON export passes the structural schema check and holds every track's path")
    func geoJSON() throws {
        let dir = try TemporaryDirectory()
        let (recorder, pictures) = try makeRecording(dir)
        let out = dir.file("tracks.geojson")
        let features = try recorder.recording.exportGeoJSON(to: out)
        #expect(features == 6)
        let json = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(GeoJSONSchema.violations(json) == [])
        let list = try #require((json as? [String: Any])?["features"] as? [[String: Any]])
        let first = list[0]
        let second = list[1]
        #expect((first["geometry"] as? [String: Any])?["type"] as? String == "Point")
        let geometry = try #require(second["geometry"] as? [String: Any])
        let coordinates = try #require(geometry["coordinates"] as? [[Double]])
        #expect(coordinates.count == 8)
        let t = pictures[3].tracks[0]  // track 4 (odd index 1 in the full picture → has height)
        #expect(t.number == 4)
        #expect(abs(coordinates[3][0] - t.position.longitudeDegrees) < 5e-8)
        #expect(abs(coordinates[3][1] - t.position.latitudeDegrees) < 5e-8)
        #expect(abs(coordinates[3][2] - t.position.heightMetres) < 0.05)
        let properties = try #require(second["properties"] as? [String: Any])
        #expect(properties["number"] as? Int == 4)
        #expect(properties["callsign"] as? String == "AFR1")
        #expect(properties["mode_a"] as? String == "0001")
        #expect(properties["address"] is NSNull)
        #expect(properties["first_time"] as? Double == pictures[0].tracks[0].time.roundedTo(3))
        // A broken document fails the check (the check can fail).
        #expect(
            !GeoJSONSchema.violations([
                "type": "FeatureCollection",
                "features": [
                    [
                        "type": "Feature", "geometry": ["type": "LineString", "coordinates": [[1.0, 2.0]]],
                        "properties": [:],
                    ]
                ],
            ]).isEmpty
        )
        try recorder.close()
    }

    @Test("KML export is well-formed XML with one absolute-altitude LineString per track")
    func kml() throws {
        let dir = try TemporaryDirectory()
        let (recorder, _) = try makeRecording(dir)
        let out = dir.file("tracks.kml")
        #expect(try recorder.recording.exportKML(to: out) == 6)
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        final class Counter: NSObject, XMLParserDelegate {
            var elements: [String: Int] = [:]
            var text = ""
            var modes: [String] = []
            func parser(
                _ parser: XMLParser,
                didStartElement name: String,
                namespaceURI: String?,
                qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                elements[name, default: 0] += 1
                text = ""
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                if name == "altitudeMode" { modes.append(text) }
            }
        }
        let counter = Counter()
        let parser = XMLParser(data: data)
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.elements["Placemark"] == 6)
        #expect(counter.elements["LineString"] == 6)
        // Tracks 4, 10, 16 have heights (odd indexes); 1, 7, 13 have none.
        #expect(
            counter.modes.sorted() == [
                "absolute", "absolute", "absolute", "clampToGround", "clampToGround", "clampToGround",
            ]
        )
        try recorder.close()
    }

    @Test("CSV export through SkyScenario's tracks.csv writer reads back as the recorded picture")
    func csvRoundTrip() throws {
        let dir = try TemporaryDirectory()
        let (recorder, pictures) = try makeRecording(dir)
        let out = dir.file("tracks.csv")
        let epoch = Pictures.start - 100
        var writer = try TracksCSV.Writer(path: out)
        let count = try recorder.recording.forEachTracksCSVRow(epochUnixSeconds: epoch) { time, t in
            try writer.write(
                time: time,
                trackID: t.number,
                latitudeDegrees: t.position.latitudeDegrees,
                longitudeDegrees: t.position.longitudeDegrees,
                altitudeMetres: t.hasHeight ? t.position.heightMetres : nil,
                vx: t.velocity.east,
                vy: t.velocity.north,
                modeA: t.modeA,
                icao24: t.address
            )
        }
        try writer.close()
        let rows = try TracksCSV.read(path: out)
        let expected = pictures.flatMap { p in p.tracks.map { (p.time, $0) } }
        #expect(count == expected.count)
        try #require(rows.count == expected.count)
        for (row, (time, t)) in zip(rows, expected) {
            #expect(row.time == time - epoch)
            #expect(row.trackID == String(t.number))
            #expect(abs(row.latitudeDegrees - t.position.latitudeDegrees) <= 5e-8)  // 7 decimals
            #expect(abs(row.longitudeDegrees - t.position.longitudeDegrees) <= 5e-8)
            #expect((row.altitudeMetres == nil) == !t.hasHeight)
            if let alt = row.altitudeMetres { #expect(abs(alt - t.position.heightMetres) <= 0.05) }
            #expect(abs(row.vx! - t.velocity.east) <= 0.05 && abs(row.vy! - t.velocity.north) <= 0.05)
            #expect(row.modeA == t.modeA && row.icao24 == t.address)
        }
        try recorder.close()
    }

    @Test("forEachCycle gives every recorded picture of a range in order (the CAT062 export's feed)")
    func cycles() throws {
        let dir = try TemporaryDirectory()
        let (recorder, pictures) = try makeRecording(dir)
        var seen: [Int] = []
        try recorder.recording.forEachCycle(from: Pictures.start + 2, to: Pictures.start + 5) { p in
            seen.append(p.cycle)
            #expect(p.tracks.count == pictures[p.cycle].tracks.count)
            #expect(p.events == pictures[p.cycle].events)
        }
        #expect(seen == [2, 3, 4, 5])
        try recorder.close()
    }
}

extension Double {
    func roundedTo(_ decimals: Int) -> Double {
        let scale = (0..<decimals).reduce(1.0) { a, _ in a * 10 }
        return (self * scale).rounded() / scale
    }
}
