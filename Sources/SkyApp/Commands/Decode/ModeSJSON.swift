import SkyModeS
import SkyModel

/// Writes one JSON object per line in the Mode S record format of `../shared/data/FORMAT.md` ("Mode S /
/// ADS-B"), which `compare_modes.py` reads. Built by hand (no `JSONEncoder`) to keep decoding fast.
struct ModeSJSONLine {
    private(set) var text = "{"
    private var first = true

    private mutating func key(_ k: String) {
        if !first { text += ", " }
        first = false
        text += "\""
        text += k
        text += "\": "
    }
    mutating func int(_ k: String, _ v: Int?) {
        guard let v else { return }
        key(k)
        text += String(v)
    }
    mutating func int(_ k: String, _ v: UInt8?) { int(k, v.map(Int.init)) }
    mutating func double(_ k: String, _ v: Double?) {
        guard let v, v.isFinite else { return }
        key(k)
        text += v.description
    }
    mutating func bool(_ k: String, _ v: Bool?) {
        guard let v else { return }
        key(k)
        text += v ? "true" : "false"
    }
    mutating func string(_ k: String, _ v: String?) {
        guard let v else { return }
        key(k)
        text += "\""
        for c in v.unicodeScalars {
            switch c {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            default: text.unicodeScalars.append(c)
            }
        }
        text += "\""
    }
    mutating func strings(_ k: String, _ v: [String]) {
        key(k)
        text += "[" + v.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }
    mutating func finish() -> String {
        text += "}"
        return text
    }
}

/// The callsign without surrounding spaces (pyModeS strips both ends).
func trimmedCallsign(_ c: Callsign) -> String {
    var s = Substring(c.string)
    while s.first == " " { s = s.dropFirst() }
    return String(s)
}

extension ModeSJSONLine {
    /// The record of one decoded frame.
    static func record(
        message m: ModeSMessage,
        hex: String,
        time: Double?,
        signal: UInt8?,
        update: AircraftTable.Update
    ) -> String {
        var j = ModeSJSONLine()
        j.string("hex", hex)
        j.double("t", time)
        j.int("signal", signal)
        j.int("df", m.downlinkFormat)
        j.string("icao24", m.address.hex)
        switch m.downlinkFormat {
        case 11, 17, 18: j.bool("crc_ok", m.parity.isValid)
        default: break
        }
        if m.downlinkFormat == 11 { j.int("ca", m.capability) }
        j.int("fs", m.flightStatus)
        if let a = m.acas {
            j.int("vs", a.verticalStatus)
            j.int("cc", a.crossLink)
            j.int("sl", a.sensitivityLevel)
            j.int("ri", a.replyInformation)
        }
        j.int("altitude_ft", m.altitudeFeet)
        j.string("squawk", m.identity?.octal)
        switch m.content {
        case .none: break
        case .adsb(let a): j.adsb(a, update: update)
        case .commB(let c): j.commB(c)
        case .acasResolutionAdvisory(let ra): j.resolutionAdvisory(ra)
        }
        return j.finish()
    }

    mutating func adsb(_ a: ADSBMessage, update: AircraftTable.Update) {
        int("tc", a.typeCode)
        switch a {
        case .identification(let i):
            string("callsign", trimmedCallsign(i.callsign))
            int("category", i.category)
        case .surfacePosition(let p):
            int("movement", p.movement)
            double("groundspeed_kt", p.groundSpeedKnots)
            double("track_deg", p.trackDegrees)
            int("nuc_p", ADSBMessage.nucP(typeCode: p.typeCode))
            cpr(p.cpr, update)
        case .airbornePosition(let p):
            int("altitude_ft", p.altitudeFeet)
            string("altitude_source", p.altitudeIsGNSS ? "gnss" : "baro")
            int("ss", p.surveillanceStatus)
            int("nic_b", p.nicSupplementB)
            int("nuc_p", ADSBMessage.nucP(typeCode: p.typeCode))
            cpr(p.cpr, update)
        case .velocity(let v):
            int("subtype", v.subtype)
            int("nac_v", v.nacV)
            // pyModeS truncates the speed to whole knots; emit the same integer.
            int("groundspeed_kt", v.groundSpeedKnots.map { Int($0) })
            double("track_deg", v.trackDegrees)
            double("heading_deg", v.headingDegrees)
            int("airspeed_kt", v.airspeedKnots)
            if v.subtype == 3 || v.subtype == 4 { string("airspeed_type", v.airspeedIsTrue ? "TAS" : "IAS") }
            string("vr_source", v.verticalRateIsBarometric ? "BARO" : "GNSS")
            int("vertical_rate_fpm", v.verticalRateFeetPerMinute)
            int("geo_minus_baro_ft", v.gnssMinusBaroFeet)
        case .aircraftStatus(let s):
            int("subtype", s.subtype)
            int("emergency_state", s.emergencyState)
            string("squawk", s.identity?.octal)
            if let ra = s.resolutionAdvisory { resolutionAdvisory(ra) }
        case .targetState(let t):
            int("subtype", t.subtype)
            int("selected_altitude_ft", t.selectedAltitudeFeet)
            string(
                "selected_altitude_source",
                t.selectedAltitudeFeet == nil ? "N/A" : (t.selectedAltitudeIsFMS ? "FMS" : "MCP/FCU")
            )
            double("baro_setting_hpa", t.baroSettingHectopascals)
            double("selected_heading_deg", t.selectedHeadingDegrees)
            int("nac_p", t.nacP)
            int("nic_baro", t.nicBaro)
            int("sil", t.sil)
            bool("autopilot", t.autopilot)
            bool("vnav_mode", t.vnav)
            bool("altitude_hold_mode", t.altitudeHold)
            bool("approach_mode", t.approach)
            bool("lnav_mode", t.lnav)
            bool("tcas_operational", t.tcasOperational)
        case .operationalStatus(let o):
            int("subtype", o.subtype)
            int("version", o.version)
            int("nic_supplement_a", o.nicSupplementA)
            int("nac_p", o.nacP)
            int("sil", o.sil)
            int("hrd", o.hrd)
            int("capability_class", Int(o.capabilityClass))
            int("operational_mode", Int(o.operationalMode))
            int("nic_baro", o.nicBaro)
            int("sil_supplement", o.silSupplement)
        case .other:
            break
        }
    }

    mutating func cpr(_ c: CPRFrame, _ u: AircraftTable.Update) {
        int("cpr_format", c.isOdd ? 1 : 0)
        int("cpr_lat", Int(c.latitude))
        int("cpr_lon", Int(c.longitude))
        if let g = u.global {
            double("lat", g.latitude)
            double("lon", g.longitude)
        }
        if let l = u.localToReference {
            double("lat_local", l.latitude)
            double("lon_local", l.longitude)
        }
    }

    mutating func resolutionAdvisory(_ ra: ACASResolutionAdvisory) {
        int("ara", Int(ra.ara))
        int("rac", Int(ra.rac))
        bool("ra_terminated", ra.terminated)
        bool("multiple_threat", ra.multipleThreat)
        int("threat_type_indicator", ra.threatType)
    }

    mutating func commB(_ c: CommBMessage) {
        guard let code = c.register.bdsCode else { return }
        string("bds", code)
        switch c.register {
        case .unknown: break
        case .dataLinkCapability(let d):
            bool("config", d.continuation)
            bool("overlay_command_capability", d.overlayCommandCapability)
            bool("acas_operational", d.acasOperational)
            int("mode_s_subnetwork_version", d.subnetworkVersion)
            bool("transponder_level5", d.transponderLevel5)
            bool("mode_s_specific_services", d.specificServices)
            int("uplink_elm_throughput", d.uplinkELMThroughput)
            int("downlink_elm_throughput", d.downlinkELMThroughput)
            bool("aircraft_identification_capability", d.identificationCapability)
            bool("squitter_capability", d.squitterCapability)
            bool("surveillance_identifier_code", d.surveillanceIdentifierCode)
            bool("common_usage_gicb_capability", d.commonUsageGICB)
            bool("acas_hybrid_surveillance", d.acasHybridSurveillance)
            bool("acas_resolution_advisory", d.acasResolutionAdvisory)
            int("acas_rtca_version", d.acasRTCAVersion)
            int("dte_status", Int(d.dteStatus))
        case .gicbCapability(let mask):
            var list: [String] = []
            for (i, r) in CommBRegister.gicbRegisters.enumerated() where (mask >> UInt32(23 - i)) & 1 == 1 {
                list.append(r)
            }
            strings("supported_bds", list)
        case .identification(let cs):
            string("callsign", trimmedCallsign(cs))
        case .resolutionAdvisory(let ra):
            resolutionAdvisory(ra)
        case .selectedVerticalIntention(let r):
            int("selected_altitude_mcp_ft", r.mcpAltitudeFeet)
            int("selected_altitude_fms_ft", r.fmsAltitudeFeet)
            double("baro_setting_hpa", r.baroSettingHectopascals)
        case .trackAndTurn(let r):
            double("roll_deg", r.rollDegrees)
            double("true_track_deg", r.trueTrackDegrees)
            int("groundspeed_kt", r.groundSpeedKnots)
            double("track_rate_deg_s", r.trackRateDegreesPerSecond)
            int("true_airspeed_kt", r.trueAirspeedKnots)
        case .headingAndSpeed(let r):
            double("magnetic_heading_deg", r.magneticHeadingDegrees)
            int("indicated_airspeed_kt", r.indicatedAirspeedKnots)
            double("mach", r.mach)
            int("baro_vertical_rate_fpm", r.baroVerticalRateFeetPerMinute)
            int("inertial_vertical_rate_fpm", r.inertialVerticalRateFeetPerMinute)
        }
    }
}
