import Foundation
import SkyModel

/// KML 2.2 export for Google Earth: one `Placemark` per track with a `LineString` (`altitudeMode` absolute,
/// coordinates `lon,lat,height m`; a track without height is drawn `clampToGround`), named by callsign or number,
/// with a `TimeSpan` from the first to the last state.
extension Recording {
    /// Writes the tracks of `from…to` to a KML file.
    /// - Returns: the number of placemarks written.
    /// - Throws: ``RecordingError`` for the output file, `DatabaseError` for the recording.
    @discardableResult
    public func exportKML(to path: String, from: Double = -.infinity, to: Double = .infinity) throws -> Int {
        var file = try ExportFile(path: path)
        try file.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2">
            <Document>
            <name>\(ExportFormat.xml((path as NSString).lastPathComponent))</name>

            """
        )
        var count = 0
        try forEachTrackLine(from: from, to: to) { line in
            try file.write(Self.kmlPlacemark(line))
            count += 1
        }
        try file.write("</Document>\n</kml>\n")
        try file.close()
        return count
    }

    static func kmlPlacemark(_ line: TrackLine) -> String {
        let name = line.callsign?.string ?? "\(line.number)"
        var description = "track \(line.number)"
        if let a = line.address { description += ", address \(a.hex)" }
        if let m = line.modeA { description += ", Mode A \(m.octal)" }
        let hasHeight = line.points.allSatisfy { $0.heightMetres != nil }
        var points = line.points
        if points.count == 1 { points.append(points[0]) }  // a LineString needs two coordinates
        let coordinates = points.map { p in
            ExportFormat.number(p.longitudeDegrees, decimals: 7) + ","
                + ExportFormat.number(p.latitudeDegrees, decimals: 7) + ","
                + ExportFormat.number(p.heightMetres ?? 0, decimals: 1)
        }.joined(separator: " ")
        return """
            <Placemark>
            <name>\(ExportFormat.xml(name))</name>
            <description>\(ExportFormat.xml(description))</description>
            <TimeSpan><begin>\(ExportFormat.isoTime(line.firstTime))</begin><end>\(ExportFormat.isoTime(line.lastTime))</end></TimeSpan>
            <LineString><altitudeMode>\(hasHeight ? "absolute" : "clampToGround")</altitudeMode><coordinates>\(coordinates)</coordinates></LineString>
            </Placemark>

            """
    }
}
