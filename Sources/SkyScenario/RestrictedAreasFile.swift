public import Foundation
public import SkyAlerts

/// A malformed restricted-areas file: names the file, the feature (0-based index in `features`) and the key.
public struct RestrictedAreasFileError: Error, Sendable, CustomStringConvertible {
    /// Path of the file.
    public var file: String
    /// 0-based index of the feature in `features`, when the error concerns one.
    public var featureIndex: Int?
    /// The key (dotted path inside the feature), when the error concerns one.
    public var key: String?
    /// What was wrong.
    public var message: String

    /// An error in `file`, optionally at a feature and key.
    public init(file: String, featureIndex: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.featureIndex = featureIndex
        self.key = key
        self.message = message
    }

    /// `file: feature N, key K: message`.
    public var description: String {
        var s = file
        if let featureIndex { s += ": feature \(featureIndex)" }
        if let key { s += ", key \(key)" }
        return s + ": " + message
    }
}

/// Reads restricted areas for the area proximity warning from the three formats UAS geographical zones are
/// published in (`docs/alerts.md` lists every property read):
/// - **simple GeoJSON**: a FeatureCollection of Polygon / MultiPolygon features with ED-269's names flattened into
///   `properties` (`name`, `identifier`, `restriction`, `uomDimensions`, `lowerLimit`, `lowerVerticalReference`,
///   `upperLimit`, `upperVerticalReference`);
/// - **ED-318 GeoJSON**: features whose geometry carries a `layer` (`upper`, `upperReference`, `lower`,
///   `lowerReference`, `uom`), Point + `extent` circles, GeometryCollections, and `limitedApplicability` times;
/// - **ED-269 JSON**: `features[]` (zones) each with `geometry[]` volumes (`horizontalProjection` Polygon or Circle).
public enum RestrictedAreasFile {
    /// Reads the file at `path`, detecting its format.
    /// - Returns: one ``RestrictedArea`` per feature and vertical band (a zone with two volumes gives two areas of
    ///   the same name).
    /// - Throws: ``RestrictedAreasFileError`` naming the file, feature index and key of the first problem.
    public static func read(path: String) throws(RestrictedAreasFileError) -> [RestrictedArea] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RestrictedAreasFileError(file: path, message: "cannot read file")
        }
        return try parse(data, file: path)
    }

    /// Parses file contents; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(RestrictedAreasFileError) -> [RestrictedArea] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw RestrictedAreasFileError(file: file, message: "not valid JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any], let features = object["features"] as? [Any] else {
            throw RestrictedAreasFileError(file: file, key: "features", message: "expected an object with features[]")
        }
        var areas: [RestrictedArea] = []
        for (index, item) in features.enumerated() {
            var reader = FeatureReader(file: file, index: index)
            guard let feature = item as? [String: Any] else { throw reader.error(nil, "feature is not an object") }
            if feature["geometry"] is [Any] {
                areas += try reader.ed269Zone(feature)
            } else {
                areas += try reader.geoJSONFeature(feature)
            }
        }
        return areas
    }
}

/// Reads one feature; carries the file and index for errors.
struct FeatureReader {
    let file: String
    let index: Int

    init(file: String, index: Int) {
        self.file = file
        self.index = index
    }

    func error(_ key: String?, _ message: String) -> RestrictedAreasFileError {
        RestrictedAreasFileError(file: file, featureIndex: index, key: key, message: message)
    }

    // MARK: GeoJSON (simple flattened form and ED-318)

    mutating func geoJSONFeature(_ feature: [String: Any]) throws(RestrictedAreasFileError) -> [RestrictedArea] {
        let properties = feature["properties"] as? [String: Any] ?? [:]
        guard let geometry = feature["geometry"] as? [String: Any] else {
            throw error("geometry", "missing or not an object")
        }
        let base = try header(properties, prefix: "properties.")
        let windows = try timeWindows(properties["limitedApplicability"], key: "properties.limitedApplicability")
        var parts: [([GeoPolygon], VerticalLimit?, VerticalLimit?)] = []
        if geometry["type"] as? String == "GeometryCollection" {
            guard let list = geometry["geometries"] as? [Any] else {
                throw error("geometry.geometries", "missing or not an array")
            }
            for (k, g) in list.enumerated() {
                guard let g = g as? [String: Any] else { throw error("geometry.geometries[\(k)]", "not an object") }
                parts.append(try layered(g, key: "geometry.geometries[\(k)]"))
            }
        } else if geometry["layer"] != nil || geometry["extent"] != nil {
            parts.append(try layered(geometry, key: "geometry"))
        } else {
            // Simple form: ED-269 names flattened into the properties.
            let polygons = try geoJSONPolygons(geometry, key: "geometry")
            let unit = try uom(properties["uomDimensions"], key: "properties.uomDimensions")
            let lower = try limit(
                properties["lowerLimit"],
                properties["lowerVerticalReference"],
                unit: unit,
                key: "properties.lowerLimit",
                lower: true
            )
            let upper = try limit(
                properties["upperLimit"],
                properties["upperVerticalReference"],
                unit: unit,
                key: "properties.upperLimit",
                lower: false
            )
            parts.append((polygons, lower, upper))
        }
        return parts.map { polygons, lower, upper in
            var area = base
            area.polygons = polygons
            area.lower = lower
            area.upper = upper
            area.timeWindows = windows
            return area
        }
    }

    /// An ED-318 geometry with its `layer` (and a Point's `extent` circle).
    private func layered(
        _ g: [String: Any],
        key: String
    ) throws(RestrictedAreasFileError)
        -> ([GeoPolygon], VerticalLimit?, VerticalLimit?)
    {
        let layer = g["layer"] as? [String: Any] ?? [:]
        let unit = try uom(layer["uom"], key: key + ".layer.uom")
        let lower = try limit(
            layer["lower"],
            layer["lowerReference"],
            unit: unit,
            key: key + ".layer.lower",
            lower: true
        )
        let upper = try limit(
            layer["upper"],
            layer["upperReference"],
            unit: unit,
            key: key + ".layer.upper",
            lower: false
        )
        if g["type"] as? String == "Point" {
            guard let extent = g["extent"] as? [String: Any],
                (extent["subType"] as? String)?.lowercased() == "circle",
                let radius = (extent["radius"] as? NSNumber)?.doubleValue, radius > 0
            else {
                throw error(key + ".extent", "a Point needs extent {subType: Circle, radius > 0}")
            }
            let centre = try position(g["coordinates"], key: key + ".coordinates")
            return ([GeoPolygon.circle(center: centre, radiusMetres: radius * unit)], lower, upper)
        }
        return (try geoJSONPolygons(g, key: key), lower, upper)
    }

    private func geoJSONPolygons(_ g: [String: Any], key: String) throws(RestrictedAreasFileError) -> [GeoPolygon] {
        switch g["type"] as? String {
        case "Polygon":
            return [try polygon(g["coordinates"], key: key + ".coordinates")]
        case "MultiPolygon":
            guard let list = g["coordinates"] as? [Any] else { throw error(key + ".coordinates", "not an array") }
            var out: [GeoPolygon] = []
            for (k, p) in list.enumerated() { out.append(try polygon(p, key: key + ".coordinates[\(k)]")) }
            return out
        case let other:
            throw error(key + ".type", "unsupported geometry type \(other ?? "none") (Polygon, MultiPolygon)")
        }
    }

    // MARK: ED-269 JSON

    mutating func ed269Zone(_ zone: [String: Any]) throws(RestrictedAreasFileError) -> [RestrictedArea] {
        let base = try header(zone, prefix: "")
        let windows = try timeWindows(zone["applicability"], key: "applicability")
        let volumes = zone["geometry"] as? [Any] ?? []
        var areas: [RestrictedArea] = []
        for (k, item) in volumes.enumerated() {
            let key = "geometry[\(k)]"
            guard let v = item as? [String: Any] else { throw error(key, "not an object") }
            let unit = try uom(v["uomDimensions"], key: key + ".uomDimensions")
            var area = base
            area.lower = try limit(
                v["lowerLimit"],
                v["lowerVerticalReference"],
                unit: unit,
                key: key + ".lowerLimit",
                lower: true
            )
            area.upper = try limit(
                v["upperLimit"],
                v["upperVerticalReference"],
                unit: unit,
                key: key + ".upperLimit",
                lower: false
            )
            area.timeWindows = windows
            guard let h = v["horizontalProjection"] as? [String: Any] else {
                throw error(key + ".horizontalProjection", "missing or not an object")
            }
            switch h["type"] as? String {
            case "Circle":
                let centre = try position(h["center"], key: key + ".horizontalProjection.center")
                guard let r = (h["radius"] as? NSNumber)?.doubleValue, r > 0 else {
                    throw error(key + ".horizontalProjection.radius", "missing or not positive")
                }
                area.polygons = [GeoPolygon.circle(center: centre, radiusMetres: r * unit)]
            default:
                area.polygons = try geoJSONPolygons(h, key: key + ".horizontalProjection")
            }
            areas.append(area)
        }
        guard !areas.isEmpty else { throw error("geometry", "a zone needs at least one volume") }
        return areas
    }

    // MARK: Shared pieces

    /// `name`, `identifier`, `restriction`, and the Skywatch extensions `applicableClasses`, `groundElevation`.
    private func header(_ p: [String: Any], prefix: String) throws(RestrictedAreasFileError) -> RestrictedArea {
        let identifier = p["identifier"] as? String ?? ""
        let name = p["name"] as? String ?? (identifier.isEmpty ? "area \(index)" : identifier)
        var restriction = AreaRestriction.prohibited
        if let r = p["restriction"] {
            guard let s = r as? String, let value = AreaRestriction(rawValue: s.uppercased()) else {
                throw error(
                    prefix + "restriction",
                    "\(r) is not PROHIBITED, REQ_AUTHORISATION, CONDITIONAL or NO_RESTRICTION"
                )
            }
            restriction = value
        }
        var classes = Set<TrackClass>()
        if let list = p["applicableClasses"] {
            guard let names = list as? [String] else { throw error(prefix + "applicableClasses", "not an array") }
            for n in names {
                guard let c = TrackClass(rawValue: n) else {
                    throw error(prefix + "applicableClasses", "unknown class \(n)")
                }
                classes.insert(c)
            }
        }
        var ground: Double? = nil
        if let g = p["groundElevation"] {
            guard let v = (g as? NSNumber)?.doubleValue else { throw error(prefix + "groundElevation", "not a number") }
            ground = v
        }
        return RestrictedArea(
            name: name,
            identifier: identifier,
            restriction: restriction,
            polygons: [],
            groundElevationMetres: ground,
            applicableClasses: classes
        )
    }

    /// Metres per unit of `M`/`m`/`FT`/`ft` (missing = metres).
    private func uom(_ value: Any?, key: String) throws(RestrictedAreasFileError) -> Double {
        guard let value else { return 1 }
        switch (value as? String)?.uppercased() {
        case "M": return 1
        case "FT": return metresPerFoot
        default: throw error(key, "\(value) is not M or FT")
        }
    }

    /// A limit from its value and reference; `key` names the value, and the reference key is derived from it
    /// (`…Limit` → `…VerticalReference` in ED-269 names, `lower`/`upper` → `lowerReference`/`upperReference` in
    /// an ED-318 layer).
    private func limit(
        _ value: Any?,
        _ reference: Any?,
        unit: Double,
        key: String,
        lower: Bool
    )
        throws(RestrictedAreasFileError) -> VerticalLimit?
    {
        guard let value, !(value is NSNull) else { return nil }
        guard let v = (value as? NSNumber)?.doubleValue, v.isFinite else { throw error(key, "not a number") }
        let refKey = key.hasSuffix("Limit") ? String(key.dropLast(5)) + "VerticalReference" : key + "Reference"
        guard let r = reference as? String, let ref = VerticalReference(rawValue: r.uppercased()) else {
            throw error(refKey, "\(reference ?? "missing") is not AGL, AMSL or WGS84")
        }
        // Without terrain data a lower limit at or below the ground means "from the surface".
        if lower && ref == .agl && v <= 0 { return nil }
        return VerticalLimit(metres: v * unit, reference: ref)
    }

    private func position(_ value: Any?, key: String) throws(RestrictedAreasFileError) -> GeoPoint {
        guard let c = value as? [Any], c.count >= 2, let lon = (c[0] as? NSNumber)?.doubleValue,
            let lat = (c[1] as? NSNumber)?.doubleValue, abs(lat) <= 90, abs(lon) <= 180
        else { throw error(key, "expected [longitude, latitude] in degrees") }
        return GeoPoint(latitudeDegrees: lat, longitudeDegrees: lon)
    }

    private func polygon(_ value: Any?, key: String) throws(RestrictedAreasFileError) -> GeoPolygon {
        guard let rings = value as? [Any], !rings.isEmpty else { throw error(key, "expected an array of rings") }
        var out: [[GeoPoint]] = []
        for (r, ring) in rings.enumerated() {
            guard let points = ring as? [Any] else { throw error(key + "[\(r)]", "expected an array of positions") }
            var vertices: [GeoPoint] = []
            for (k, p) in points.enumerated() { vertices.append(try position(p, key: key + "[\(r)][\(k)]")) }
            if vertices.count > 1, vertices.first == vertices.last { vertices.removeLast() }
            guard vertices.count >= 3 else { throw error(key + "[\(r)]", "a ring needs at least 3 distinct vertices") }
            out.append(vertices)
        }
        return GeoPolygon(rings: out)
    }

    /// ED-318 `limitedApplicability[]` / ED-269 `applicability[]`: `startDateTime`, `endDateTime` (ISO 8601).
    /// `schedule` (weekly day/time slots) is not read: such an area is taken as active throughout its dates.
    private func timeWindows(_ value: Any?, key: String) throws(RestrictedAreasFileError) -> [TimeWindow] {
        guard let value, !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else { throw error(key, "not an array") }
        var windows: [TimeWindow] = []
        for (k, item) in list.enumerated() {
            guard let w = item as? [String: Any] else { throw error(key + "[\(k)]", "not an object") }
            let start = try date(w["startDateTime"], key: key + "[\(k)].startDateTime")
            let end = try date(w["endDateTime"], key: key + "[\(k)].endDateTime")
            windows.append(TimeWindow(start: start, end: end))
        }
        return windows
    }

    private func date(_ value: Any?, key: String) throws(RestrictedAreasFileError) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        guard let s = value as? String else { throw error(key, "not a string") }
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let d = plain.date(from: s) ?? fractional.date(from: s) else {
            throw error(key, "\(s) is not an ISO 8601 date-time (e.g. 2026-03-01T06:00:00Z)")
        }
        return d.timeIntervalSince1970
    }
}
