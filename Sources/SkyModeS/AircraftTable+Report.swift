import RealModule
import SkyGeodesy
public import SkyModel

extension AircraftTable {
    /// An ADS-B report for the tracker from an entry's latest accepted position.
    ///
    /// Height: the GNSS height when the aircraft sends TC20–22, else the barometric altitude taken as
    /// geometric under ISA (1 ft = 0.3048 m; the tracker corrects with local QNH if it has it). Velocity is
    /// attached when received within `maximumVelocityAgeSeconds` of the position. Accuracy comes from
    /// NACp via `ADSBReport.estimatedPositionUncertaintyMetres(nacP:)`.
    /// - Parameters:
    ///   - index: an entry index (`Update.index`).
    ///   - sensor: the receiving station, if it has an ASTERIX identity.
    ///   - maximumVelocityAgeSeconds: staleness limit of the velocity, seconds.
    /// - Returns: `nil` when the entry has no position.
    public func report(
        at index: Int,
        sensor: SensorID? = nil,
        maximumVelocityAgeSeconds: Double = 10
    )
        -> ADSBReport?
    {
        let a = entries[index]
        guard let lat = a.latitude, let lon = a.longitude, let t = a.positionTime else { return nil }
        let baro = a.barometricAltitudeFeet.map(Double.init)
        let height = a.gnssHeightMetres ?? (baro.map { $0 * 0.3048 } ?? 0)
        var velocity: ENUVector?
        let knot = 1852.0 / 3600
        if a.onGround, let gs = a.surfaceSpeedKnots, let track = a.surfaceTrackDegrees {
            let r = track * Double.pi / 180
            velocity = ENUVector(east: gs * knot * _sin(r), north: gs * knot * _cos(r), up: 0)
        } else if let e = a.eastKnots, let n = a.northKnots, let vt = a.velocityTime,
            abs(t - vt) <= maximumVelocityAgeSeconds
        {
            let up = Double(a.verticalRateFeetPerMinute ?? 0) * 0.3048 / 60
            velocity = ENUVector(east: Double(e) * knot, north: Double(n) * knot, up: up)
        }
        return ADSBReport(
            time: t,
            sensor: sensor,
            address: a.address,
            position: GeodeticPosition(latitudeDegrees: lat, longitudeDegrees: lon, heightMetres: height),
            barometricAltitudeFeet: baro,
            gnssHeightMetres: a.gnssHeightMetres,
            velocity: velocity,
            callsign: a.callsign,
            modeA: a.squawk,
            nacP: a.nacP,
            nic: a.nic,
            onGround: a.onGround
        )
    }
}

@inline(__always) private func _sin(_ x: Double) -> Double { Double.sin(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Double.cos(x) }
