public import SkyGeodesy
public import SkyModel

extension ADSBEncoder {
    /// TC5–8 surface position (DO-260B §2.2.3.2.4).
    /// - Parameters:
    ///   - position: WGS-84 position (height ignored).
    ///   - groundSpeedKnots: ground speed, knots, quantised to the movement code (`nil` = not available).
    ///   - trackDegrees: ground track, degrees true, 360/128° steps (`nil` = track status invalid).
    ///   - oddFormat: CPR format F.
    ///   - typeCode: 5–8 (7 = NUCp 7 / NIC 8 or 9).
    public static func surfacePosition(
        address: ICAOAddress,
        position: GeodeticPosition,
        groundSpeedKnots: Double?,
        trackDegrees: Double?,
        oddFormat: Bool,
        typeCode: UInt8 = 7
    ) -> ModeSFrame {
        let cpr = CPR.encode(
            latitude: position.latitudeDegrees,
            longitude: position.longitudeDegrees,
            odd: oddFormat,
            surface: true
        )
        var me = UInt64(typeCode & 0x1F) << 51 | UInt64(movementCode(knots: groundSpeedKnots)) << 44
        if let t = trackDegrees, t.isFinite {
            var q = Int((t / 360 * 128).rounded()) % 128
            if q < 0 { q += 128 }
            me |= UInt64(1) << 43 | UInt64(q) << 36
        }
        me |= UInt64(oddFormat ? 1 : 0) << 34 | UInt64(cpr.latitude) << 17 | UInt64(cpr.longitude)
        return extendedSquitter(address: address, me: me, capability: 4)
    }

    /// The movement code of a ground speed (inverse of `SurfacePosition.groundSpeed(movement:)`, nearest step).
    public static func movementCode(knots: Double?) -> UInt8 {
        guard let v = knots, v.isFinite, v >= 0 else { return 0 }
        if v < 0.0625 { return 1 }
        if v >= 175 { return 124 }
        // (lower code, speed at it, step) per band, DO-260B Table 2-16.
        let bands: [(UInt8, Double, Double, Double)] = [
            (2, 0.125, 0.125, 1), (9, 1, 0.25, 2), (13, 2, 0.5, 15), (39, 15, 1, 70), (94, 70, 2, 100),
            (109, 100, 5, 175),
        ]
        for (code, base, step, upper) in bands where v < upper {
            return code + UInt8(max(0, ((v - base) / step).rounded()))
        }
        return 124
    }

    /// TC31 aircraft operational status, airborne (subtype 0) or surface (subtype 1), DO-260B §2.2.3.2.7.2.
    /// - Parameters:
    ///   - version: ADS-B version (2 = DO-260B).
    ///   - nacP: 0–11; `nicSupplementA`: 0/1; `sil`: 0–3; `nicBaro`: 0/1 (airborne only).
    ///   - capabilityClass, operationalMode: the 16-bit code fields as transmitted.
    public static func operationalStatus(
        address: ICAOAddress,
        surface: Bool = false,
        version: UInt8 = 2,
        nacP: UInt8,
        nicSupplementA: UInt8 = 0,
        sil: UInt8 = 3,
        nicBaro: UInt8 = 1,
        capabilityClass: UInt16 = 0,
        operationalMode: UInt16 = 0
    ) -> ModeSFrame {
        var me = UInt64(31) << 51 | UInt64(surface ? 1 : 0) << 48
        me |= UInt64(capabilityClass) << 32 | UInt64(operationalMode) << 16
        me |= UInt64(version & 7) << 13 | UInt64(nicSupplementA & 1) << 12 | UInt64(nacP & 0xF) << 8
        me |= UInt64(sil & 3) << 4
        if !surface { me |= UInt64(nicBaro & 1) << 3 }
        return extendedSquitter(address: address, me: me)
    }
}
