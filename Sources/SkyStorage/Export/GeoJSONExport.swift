import Foundation
import SkyModel

/// GeoJSON export (RFC 7946): a `FeatureCollection` with one feature per track.
///
/// A track with two or more states is a `LineString`; a track seen in a single cycle is a `Point` (a LineString
/// needs two positions, RFC 7946 §3.1.4). Positions are `[longitude°, latitude°, height m]` (7 and 1 decimals;
/// the height is left out for a track without one). Properties: `number`, `callsign`, `address` (hex),
/// `mode_a` (octal), `first_time`, `last_time` (UNIX seconds), `points`.
extension Recording {
    /// Writes the tracks of `from…to` to a GeoJSON file.
    /// - Returns: the number of features written.
    /// - Throws: ``RecordingError`` for the output file, `DatabaseError` for the recording.
    @discardableResult
    public func exportGeoJSON(to path: String, from: Double = -.infinity, to: Double = .infinity) throws -> Int {
        var file = try ExportFile(path: path)
        try file.write("{\"type\":\"FeatureCollection\",\"features\":[")
        var count = 0
        try forEachTrackLine(from: from, to: to) { line in
            if count > 0 { try file.write(",") }
            try file.write("\n")
            try file.write(Self.geoJSONFeature(line))
            count += 1
        }
        try file.write("\n]}\n")
        try file.close()
        return count
    }

    static func geoJSONFeature(_ line: TrackLine) -> String {
        func position(_ p: (latitudeDegrees: Double, longitudeDegrees: Double, heightMetres: Double?)) -> String {
            var s =
                "[" + ExportFormat.number(p.longitudeDegrees, decimals: 7) + ","
                + ExportFormat.number(p.latitudeDegrees, decimals: 7)
            if let h = p.heightMetres { s += "," + ExportFormat.number(h, decimals: 1) }
            return s + "]"
        }
        let geometry: String
        if line.points.count >= 2 {
            geometry =
                "{\"type\":\"LineString\",\"coordinates\":[" + line.points.map(position).joined(separator: ",")
                + "]}"
        } else {
            geometry = "{\"type\":\"Point\",\"coordinates\":" + position(line.points[0]) + "}"
        }
        var properties = "\"number\":\(line.number)"
        properties += ",\"callsign\":" + (line.callsign.map { ExportFormat.jsonString($0.string) } ?? "null")
        properties += ",\"address\":" + (line.address.map { ExportFormat.jsonString($0.hex) } ?? "null")
        properties += ",\"mode_a\":" + (line.modeA.map { ExportFormat.jsonString($0.octal) } ?? "null")
        properties += ",\"first_time\":" + ExportFormat.number(line.firstTime, decimals: 3)
        properties += ",\"last_time\":" + ExportFormat.number(line.lastTime, decimals: 3)
        properties += ",\"points\":\(line.points.count)"
        return "{\"type\":\"Feature\",\"id\":\(line.number),\"geometry\":\(geometry),\"properties\":{\(properties)}}"
    }
}
