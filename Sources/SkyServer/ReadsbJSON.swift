import Foundation
import SkyGeodesy
import SkyMath
public import SkyModel

/// `aircraft.json` and `receiver.json` as readsb writes them (readsb's `README-json.md` is the contract), so that
/// tar1090 and the other tools of the ADS-B community can show Skywatch's picture.
///
/// Mapping: `hex` is the Mode S address, or for tracks without one `~` and the track number as six hex digits
/// (readsb's mark for non-ICAO addresses); `type` is `adsb_icao` when ADS-B contributes (`adsb_other` without an
/// address), else `tisb_icao` for radar tracks with a Mode S address and `tisb_trackfile` for the others (readsb's
/// words for "a target tracked by secondary radar" and "a track/file identifier, typically from primary or Mode A/C
/// radar"; `mode_s` would mean no position); `flight` the callsign padded to 8 characters; `alt_baro` feet; `gs`
/// knots; `track` degrees in 0..<360; `baro_rate` ft/min; `squawk` four octal digits; `emergency` from
/// 7500/7600/7700; `seen` and `seen_pos` the seconds since the track's last update. No `rssi`: a track has no signal
/// level (readsb omits keys without data). `scripts/check-readsb-json.py` checks the output against readsb's
/// documentation.
public enum ReadsbJSON {
    /// The aircraft list of a picture.
    public static func aircraft(_ picture: TrackPicture, messages: Int = 0) -> String {
        var out = "{\"now\":\(TrackJSON.fixed(picture.time, 1)),\"messages\":\(messages),\"aircraft\":["
        var first = true
        for t in picture.tracks {
            if !first { out += "," }
            first = false
            let hex: String
            if let a = t.address {
                hex = a.hex.lowercased()
            } else {
                let h = String(t.number & 0xFF_FFFF, radix: 16)
                hex = "~" + String(repeating: "0", count: max(0, 6 - h.count)) + h
            }
            let type: String
            if t.sources.contains(.adsb) {
                type = t.address != nil ? "adsb_icao" : "adsb_other"
            } else {
                type = t.address != nil ? "tisb_icao" : "tisb_trackfile"
            }
            var course = atan2(t.velocity.east, t.velocity.north) * 180 / .pi
            if course < 0 { course += 360 }
            if course >= 359.95 { course = 0 }  // readsb's track is 0..<360; 359.95 would print as 360.0
            let seen = max(0, picture.time - t.lastUpdateTime)
            out += "{\"hex\":\"\(hex)\",\"type\":\"\(type)\""
            if let c = t.callsign {
                let s = c.string
                out += ",\"flight\":" + TrackJSON.quoted(s + String(repeating: " ", count: max(0, 8 - s.count)))
            }
            if let ft = t.barometricAltitudeFeet { out += ",\"alt_baro\":\(Int(ft.rounded()))" }
            out += ",\"gs\":\(TrackJSON.fixed(t.groundSpeedMetresPerSecond / 0.514_444, 1))"
            out += ",\"track\":\(TrackJSON.fixed(course, 1))"
            if t.barometricAltitudeFeet != nil {
                out += ",\"baro_rate\":\(Int((t.velocity.up / 0.3048 * 60).rounded()))"
            }
            if let code = t.modeA {
                out += ",\"squawk\":\"\(code.octal)\""
                out += ",\"emergency\":\"\(emergency(code))\""
            }
            out += ",\"lat\":\(TrackJSON.fixed(t.position.latitudeDegrees, 6))"
            out += ",\"lon\":\(TrackJSON.fixed(t.position.longitudeDegrees, 6))"
            out += ",\"seen_pos\":\(TrackJSON.fixed(seen, 1)),\"seen\":\(TrackJSON.fixed(seen, 1))"
            out += ",\"messages\":\(t.updateCount),\"mlat\":[],\"tisb\":[]}"
        }
        return out + "]}"
    }

    /// `receiver.json`: version, refresh interval (ms), history files (none), receiver position.
    public static func receiver(position: (latitudeDegrees: Double, longitudeDegrees: Double)?) -> String {
        var out = "{\"version\":\"skywatch\",\"refresh\":1000,\"history\":0"
        if let p = position {
            out += ",\"lat\":\(TrackJSON.fixed(p.latitudeDegrees, 4)),\"lon\":\(TrackJSON.fixed(p.longitudeDegrees, 4))"
        }
        return out + "}"
    }

    /// readsb's emergency names for the emergency squawks.
    static func emergency(_ code: Mode3ACode) -> String {
        switch code.rawValue {
        case 0o7500: "unlawful"
        case 0o7600: "nordo"
        case 0o7700: "general"
        default: "none"
        }
    }
}
