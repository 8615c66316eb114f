import SkyGeodesy
import SkyMath
public import SkyModel

/// A volume of airspace: an optional polygon and an optional band of pressure altitude.
///
/// Used for the STCA threshold volumes, the STCA inhibition volumes and the ADS-B integrity coverage volumes. A
/// missing polygon means "everywhere"; a missing limit means unbounded. Altitudes are pressure altitudes in feet
/// (Mode C / flight levels × 100), the reference every SSR track carries.
public struct AirspaceVolume: Sendable, Hashable {
    /// Name for messages and documentation.
    public var name: String
    /// Horizontal extent; `nil` means the whole plane.
    public var polygon: GeoPolygon?
    /// Lower limit, pressure altitude feet (inclusive); `nil` = from the surface.
    public var lowerFeet: Double?
    /// Upper limit, pressure altitude feet (exclusive); `nil` = unbounded.
    public var upperFeet: Double?

    /// A volume; degrees and feet.
    public init(name: String, polygon: GeoPolygon? = nil, lowerFeet: Double? = nil, upperFeet: Double? = nil) {
        self.name = name
        self.polygon = polygon
        self.lowerFeet = lowerFeet
        self.upperFeet = upperFeet
    }

    /// Whether a point lies in the volume. A point without altitude (`nil`) passes the vertical test when
    /// `unknownAltitudeInside` is true (the conservative reading), otherwise only if the volume has no vertical limits.
    /// - Parameters: degrees and pressure altitude feet.
    public func contains(
        latitudeDegrees: Double,
        longitudeDegrees: Double,
        altitudeFeet: Double?,
        unknownAltitudeInside: Bool = true
    ) -> Bool {
        if let altitudeFeet {
            if let lowerFeet, altitudeFeet < lowerFeet { return false }
            if let upperFeet, altitudeFeet >= upperFeet { return false }
        } else if !unknownAltitudeInside && (lowerFeet != nil || upperFeet != nil) {
            return false
        }
        guard let polygon else { return true }
        return polygon.contains(latitudeDegrees: latitudeDegrees, longitudeDegrees: longitudeDegrees)
    }

    /// Whether a track lies in the volume (its Mode C altitude, else its geometric height converted to feet).
    public func contains(_ track: SystemTrack, unknownAltitudeInside: Bool = true) -> Bool {
        contains(
            latitudeDegrees: track.position.latitudeDegrees,
            longitudeDegrees: track.position.longitudeDegrees,
            altitudeFeet: track.altitudeFeetForAlerts,
            unknownAltitudeInside: unknownAltitudeInside
        )
    }
}

extension SystemTrack {
    /// The altitude the safety nets use, feet: Mode C if present, else the geometric height when the track has one.
    var altitudeFeetForAlerts: Double? {
        if let b = barometricAltitudeFeet { return b }
        return hasHeight ? position.heightMetres / metresPerFoot : nil
    }
}
