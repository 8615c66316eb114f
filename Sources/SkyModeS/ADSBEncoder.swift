public import SkyGeodesy
public import SkyModel

/// Builds DF17 extended squitter frames with a correct CRC (RTCA DO-260B §2.2.3.2; ICAO Doc 9871 App. C).
///
/// Used by the simulator to emit ADS-B traffic and by the tests for encode → decode round trips.
/// Capability CA = 5 (level 2+, airborne) unless given.
public enum ADSBEncoder {
    /// A DF17 frame around a 56-bit ME field.
    /// - Parameters:
    ///   - address: the 24-bit aircraft address (AA).
    ///   - me: the ME field, right-aligned (high 8 bits ignored).
    ///   - capability: CA, 0–7.
    public static func extendedSquitter(address: ICAOAddress, me: UInt64, capability: UInt8 = 5) -> ModeSFrame {
        var v = UInt128(17 << 3 | UInt64(capability & 7)) << 120
        v |= UInt128(address.rawValue) << 96
        v |= UInt128(me & 0x00FF_FFFF_FFFF_FFFF) << 40
        return CRC24.withParity(ModeSFrame(bits: v, isLong: true))
    }

    /// TC1–4 aircraft identification (emitter category set A for TC4).
    /// - Parameters:
    ///   - callsign: up to 8 characters of A–Z, 0–9, space (others become space).
    ///   - typeCode: 1–4; `category`: 0–7 within the set (e.g. TC4 cat 3 = medium 2).
    public static func identification(
        address: ICAOAddress,
        callsign: String,
        typeCode: UInt8 = 4,
        category: UInt8 = 3
    ) -> ModeSFrame {
        var me = UInt64(typeCode & 0x1F) << 51 | UInt64(category & 7) << 48
        let chars = Array(callsign.utf8.prefix(8))
        for i in 0..<8 {
            let code = i < chars.count ? AircraftIdentification.code(ascii: chars[i]) : 32
            me |= UInt64(code) << UInt64(42 - 6 * i)
        }
        return extendedSquitter(address: address, me: me)
    }

    /// TC9–18 airborne position with barometric altitude (25 ft coding, Q = 1).
    /// - Parameters:
    ///   - position: WGS-84 position (height ignored; the altitude is `altitudeFeet`).
    ///   - altitudeFeet: pressure altitude, feet (−1000 … 50175; outside, the field is 0 = unavailable).
    ///   - oddFormat: CPR format F.
    ///   - typeCode: 9–18 (11 = NUCp 7 / NIC 8, the common case).
    ///   - nicSupplementB: NIC supplement-B bit; `surveillanceStatus`: SS, 0–3.
    public static func airbornePosition(
        address: ICAOAddress,
        position: GeodeticPosition,
        altitudeFeet: Double,
        oddFormat: Bool,
        typeCode: UInt8 = 11,
        nicSupplementB: UInt8 = 0,
        surveillanceStatus: UInt8 = 0
    ) -> ModeSFrame {
        let cpr = CPR.encode(
            latitude: position.latitudeDegrees,
            longitude: position.longitudeDegrees,
            odd: oddFormat
        )
        let alt = altitudeFeet.isFinite ? (AltitudeCode.ac12(feet: Int(altitudeFeet.rounded())) ?? 0) : 0
        var me = UInt64(typeCode & 0x1F) << 51 | UInt64(surveillanceStatus & 3) << 49
        me |= UInt64(nicSupplementB & 1) << 48 | UInt64(alt) << 36
        me |= UInt64(oddFormat ? 1 : 0) << 34 | UInt64(cpr.latitude) << 17 | UInt64(cpr.longitude)
        return extendedSquitter(address: address, me: me)
    }

    /// TC19 subtype 1 airborne velocity (subsonic ground speed, 1 kt steps up to 1022 kt).
    /// - Parameters:
    ///   - eastKnots, northKnots: ground velocity components, knots (rounded; clamped to ±1022).
    ///   - verticalRateFeetPerMinute: positive up, 64 ft/min steps (clamped to ±32576), `nil` = unavailable.
    ///   - verticalRateIsBarometric: VR source bit; `nacV`: 0–7; `ifrCapable`: IFR capability flag.
    ///   - gnssMinusBaroFeet: 25 ft steps (clamped to ±3125), `nil` = unavailable.
    public static func airborneVelocity(
        address: ICAOAddress,
        eastKnots: Double,
        northKnots: Double,
        verticalRateFeetPerMinute: Double?,
        verticalRateIsBarometric: Bool = true,
        nacV: UInt8 = 1,
        ifrCapable: Bool = false,
        gnssMinusBaroFeet: Double? = nil
    ) -> ModeSFrame {
        func component(_ v: Double) -> (sign: UInt64, value: UInt64) {
            let k = min(1022, Int(abs(v).rounded()))
            return (v < 0 ? 1 : 0, UInt64(k + 1))
        }
        let ew = component(eastKnots)
        let ns = component(northKnots)
        var me = UInt64(19) << 51 | UInt64(1) << 48 | UInt64(ifrCapable ? 1 : 0) << 46 | UInt64(nacV & 7) << 43
        me |= ew.sign << 42 | ew.value << 32 | ns.sign << 31 | ns.value << 21
        me |= UInt64(verticalRateIsBarometric ? 1 : 0) << 20
        if let vr = verticalRateFeetPerMinute, vr.isFinite {
            let n = min(510, Int((abs(vr) / 64).rounded()))
            me |= UInt64(vr < 0 ? 1 : 0) << 19 | UInt64(n + 1) << 10
        }
        if let d = gnssMinusBaroFeet, d.isFinite {
            let n = min(125, Int((abs(d) / 25).rounded()))
            me |= UInt64(d < 0 ? 1 : 0) << 7 | UInt64(n + 1)
        }
        return extendedSquitter(address: address, me: me)
    }
}
