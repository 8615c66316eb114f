import Foundation
import SkyGeodesy
import SkyMath
public import SkyModel

/// What kind of object a track looks like, from its kinematics and identity (for symbols and filters).
public enum TrackKindGuess: String, Sendable {
    case airliner, light, helicopter, drone, fast, unknown

    /// A coarse guess: fast objects by speed, drones as slow and low without Mode S or ADS-B, helicopters slow
    /// and low, light aircraft below 110 m/s, airliners above.
    public init(_ t: SystemTrack) {
        self.init(
            groundSpeedMetresPerSecond: t.groundSpeedMetresPerSecond,
            altitudeFeet: t.barometricAltitudeFeet,
            cooperative: t.address != nil || t.sources.contains(.adsb)
        )
    }

    /// The guess from a ground speed (m/s), a barometric altitude (ft) and whether the object has a Mode S
    /// address or ADS-B.
    public init(groundSpeedMetresPerSecond speed: Double, altitudeFeet: Double?, cooperative: Bool) {
        if speed > 350 {
            self = .fast
        } else if speed < 40 && !cooperative && (altitudeFeet ?? 0) < 2_000 {
            self = .drone
        } else if speed < 70 && (altitudeFeet ?? 0) < 5_000 {
            self = .helicopter
        } else if speed < 110 {
            self = .light
        } else if speed >= 110 {
            self = .airliner
        } else {
            self = .unknown
        }
    }
}

/// Hand-written JSON for the hot path (every track of every cycle): the `TrackDTO` of `docs/api.md`, with fixed
/// decimals, no allocation per field, and the same bytes for the same track.
public enum TrackJSON {
    /// Appends one track object.
    public static func append(_ t: SystemTrack, to out: inout String) {
        let speed = t.groundSpeedMetresPerSecond
        var course = atan2(t.velocity.east, t.velocity.north) * 180 / .pi
        if course < 0 { course += 360 }
        let sigma = positionSigma(t)
        let emergency = t.modeA?.isEmergency ?? false
        out += "{\"number\":\(t.number),\"status\":\"\(status(t.status))\",\"time\":\(fixed(t.time, 3))"
        out += ",\"lat\":\(fixed(t.position.latitudeDegrees, 6)),\"lon\":\(fixed(t.position.longitudeDegrees, 6))"
        out += ",\"altitude_ft\":" + (t.barometricAltitudeFeet.map { fixed($0, 0) } ?? "null")
        out += ",\"vertical_rate_fpm\":\(fixed(t.velocity.up / 0.3048 * 60, 0))"
        out += ",\"ground_speed_kt\":\(fixed(speed / 0.514_444, 1)),\"track_deg\":\(fixed(course, 1))"
        out +=
            ",\"velocity_east_mps\":\(fixed(t.velocity.east, 2)),\"velocity_north_mps\":\(fixed(t.velocity.north, 2))"
        out += ",\"turn_rate_deg_s\":\(fixed(t.turnRate * 180 / .pi, 2))"
        out += ",\"callsign\":" + (t.callsign.map { quoted($0.string) } ?? "null")
        out += ",\"address\":" + (t.address.map { "\"\($0.hex.lowercased())\"" } ?? "null")
        out += ",\"mode_a\":" + (t.modeA.map { "\"\($0.octal)\"" } ?? "null")
        out += ",\"sources\":[" + sourceNames(t.sources).map { "\"\($0)\"" }.joined(separator: ",") + "]"
        out += ",\"sensors\":[" + t.contributingSensors.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        out += ",\"kind\":\"\(TrackKindGuess(t).rawValue)\",\"sigma_m\":\(fixed(sigma, 1))"
        out += ",\"age_s\":\(fixed(t.time - t.createdTime, 1)),\"last_update\":\(fixed(t.lastUpdateTime, 3))"
        out += ",\"spi\":\(t.spi),\"emergency\":\(emergency)}"
    }

    /// `[{…},{…}]` for a list of tracks.
    public static func array(_ tracks: some Sequence<SystemTrack>) -> String {
        var out = "["
        var first = true
        for t in tracks {
            if !first { out += "," }
            first = false
            append(t, to: &out)
        }
        return out + "]"
    }

    /// The larger axis of the horizontal position error ellipse, 1σ, metres.
    public static func positionSigma(_ t: SystemTrack) -> Double {
        let a = t.covariance[0, 0]
        let b = t.covariance[0, 1]
        let d = t.covariance[1, 1]
        let mean = (a + d) / 2
        let root = (((a - d) / 2) * ((a - d) / 2) + b * b).squareRoot()
        return max(0, mean + root).squareRoot()
    }

    static func status(_ s: TrackStatus) -> String {
        switch s {
        case .tentative: "tentative"
        case .confirmed: "confirmed"
        case .coasting: "coasting"
        case .terminated: "ended"
        }
    }

    static func sourceNames(_ s: TrackSources) -> [String] {
        var names: [String] = []
        if s.contains(.primary) { names.append("primary") }
        if s.contains(.ssr) { names.append("ssr") }
        if s.contains(.modeS) { names.append("modes") }
        if s.contains(.adsb) { names.append("adsb") }
        return names
    }

    /// A finite number with `decimals` digits (JSON has no NaN or infinity: those become 0).
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let n = Int((abs(x) * scale).rounded())
        if n == 0 { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        var digits = String(n)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return x < 0 ? "-" + digits : digits
    }

    /// A JSON string literal with the printable characters of `s` (control characters dropped).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if u.value >= 0x20 && u.value != 0x7F { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
