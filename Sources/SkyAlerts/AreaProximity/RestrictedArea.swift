/// The restriction an area imposes (EUROCAE ED-269 / ED-318 `restriction`).
public enum AreaRestriction: String, Sendable, Hashable, CaseIterable {
    /// Flight prohibited.
    case prohibited = "PROHIBITED"
    /// Flight requires an authorisation.
    case requiresAuthorisation = "REQ_AUTHORISATION"
    /// Flight subject to conditions.
    case conditional = "CONDITIONAL"
    /// No restriction (information only; never alerted).
    case noRestriction = "NO_RESTRICTION"
}

/// The reference of a vertical limit (ED-269 `lowerVerticalReference`, ED-318 `layer.lowerReference`).
public enum VerticalReference: String, Sendable, Hashable {
    /// Above ground level: relative to the area's ground elevation (see ``RestrictedArea/groundElevationMetres``).
    case agl = "AGL"
    /// Above mean sea level: compared with the track's pressure altitude (QNH ≈ standard assumed).
    case amsl = "AMSL"
    /// Above the WGS-84 ellipsoid: compared with the track's geometric height.
    case wgs84 = "WGS84"
}

/// One vertical limit of an area, held in metres.
public struct VerticalLimit: Sendable, Hashable {
    /// The limit, metres above its reference.
    public var metres: Double
    /// The reference.
    public var reference: VerticalReference

    /// A limit; metres.
    public init(metres: Double, reference: VerticalReference) {
        self.metres = metres
        self.reference = reference
    }

    /// A limit given in feet.
    public static func feet(_ value: Double, _ reference: VerticalReference) -> VerticalLimit {
        VerticalLimit(metres: value * metresPerFoot, reference: reference)
    }
}

/// A time window in which an area is active, UNIX seconds; `nil` ends are open.
public struct TimeWindow: Sendable, Hashable {
    /// Start, UNIX seconds (inclusive).
    public var start: Double?
    /// End, UNIX seconds (exclusive).
    public var end: Double?

    /// A window; UNIX seconds.
    public init(start: Double?, end: Double?) {
        self.start = start
        self.end = end
    }

    /// Whether `time` (UNIX seconds) is inside.
    public func contains(_ time: Double) -> Bool {
        (start.map { time >= $0 } ?? true) && (end.map { time < $0 } ?? true)
    }
}

/// A restricted, prohibited or danger area for the area proximity warning: one or more polygons sharing one
/// vertical band, restriction and applicability.
public struct RestrictedArea: Sendable, Hashable {
    /// Name shown in alerts.
    public var name: String
    /// Identifier from the source file (ED-269 / ED-318 `identifier`).
    public var identifier: String
    /// The restriction; `noRestriction` areas are never alerted.
    public var restriction: AreaRestriction
    /// Horizontal extent: the union of these polygons.
    public var polygons: [GeoPolygon]
    /// Lower limit; `nil` = from the surface.
    public var lower: VerticalLimit?
    /// Upper limit; `nil` = unbounded.
    public var upper: VerticalLimit?
    /// Ground elevation for AGL limits, metres above mean sea level. Without terrain data an AGL limit is
    /// `groundElevationMetres + value` AMSL (set it to the airport elevation for an airport zone); `nil` takes
    /// ``AreaProximityConfiguration/defaultGroundElevationMetres``.
    public var groundElevationMetres: Double?
    /// Track classes the area applies to; empty = every class.
    public var applicableClasses: Set<TrackClass>
    /// Activation windows; empty = always active.
    public var timeWindows: [TimeWindow]

    /// An area; see each property for units.
    public init(
        name: String,
        identifier: String = "",
        restriction: AreaRestriction = .prohibited,
        polygons: [GeoPolygon],
        lower: VerticalLimit? = nil,
        upper: VerticalLimit? = nil,
        groundElevationMetres: Double? = nil,
        applicableClasses: Set<TrackClass> = [],
        timeWindows: [TimeWindow] = []
    ) {
        self.name = name
        self.identifier = identifier
        self.restriction = restriction
        self.polygons = polygons
        self.lower = lower
        self.upper = upper
        self.groundElevationMetres = groundElevationMetres
        self.applicableClasses = applicableClasses
        self.timeWindows = timeWindows
    }

    /// Whether the area is active at `time` (UNIX seconds).
    public func isActive(at time: Double) -> Bool {
        restriction != .noRestriction && (timeWindows.isEmpty || timeWindows.contains { $0.contains(time) })
    }

    /// Whether a point is inside horizontally (degrees).
    public func containsHorizontally(latitudeDegrees: Double, longitudeDegrees: Double) -> Bool {
        polygons.contains { $0.contains(latitudeDegrees: latitudeDegrees, longitudeDegrees: longitudeDegrees) }
    }
}
