import SkyModeS
import SkyModel
import SkySimulation

/// Turns the simulator's value-type ADS-B emissions into DF17 frames (SkyModeS `ADSBEncoder`) and Beast bytes.
enum SimulationWire {
    static let knotsPerMetrePerSecond = 1 / 0.514_444
    static let feetPerMinutePerMetrePerSecond = 60 / 0.3048

    /// The DF17 frame of an emission (CA = 5, CRC appended by the encoder).
    static func frame(for e: ADSBEmission) -> ModeSFrame {
        switch e.content {
        case .airbornePosition(let reported, let feet, let odd, let typeCode):
            return ADSBEncoder.airbornePosition(
                address: e.address,
                position: reported,
                altitudeFeet: feet,
                oddFormat: odd,
                typeCode: typeCode
            )
        case .airborneVelocity(let east, let north, let verticalRate):
            return ADSBEncoder.airborneVelocity(
                address: e.address,
                eastKnots: east * knotsPerMetrePerSecond,
                northKnots: north * knotsPerMetrePerSecond,
                verticalRateFeetPerMinute: verticalRate * feetPerMinutePerMetrePerSecond
            )
        case .identification(let callsign, let set, let category):
            return ADSBEncoder.identification(
                address: e.address,
                callsign: callsign.string,
                typeCode: set,
                category: category
            )
        case .operationalStatus(let version, let nacp, let nicA, let sil):
            return ADSBEncoder.extendedSquitter(
                address: e.address,
                me: operationalStatusME(version: version, nacp: nacp, nicSupplementA: nicA, sil: sil)
            )
        }
    }

    /// The ME field of an airborne operational status message (TC 31, subtype 0; DO-260B §2.2.3.2.7.2):
    /// ME bits 1–5 TC, 6–8 subtype, 9–24 capability class, 25–40 operational mode, 41–43 version,
    /// 44 NIC supplement-A, 45–48 NACp, 49–50 GVA, 51–52 SIL, 53 NIC-baro, 54 HRD, 55 SIL supplement.
    /// Capability class: TCAS operational not claimed, 1090ES IN absent; GVA 2 (≤ 45 m); NIC-baro 1; HRD 0 (true
    /// north); SIL per hour.
    static func operationalStatusME(version: Int, nacp: Int, nicSupplementA: Bool, sil: Int) -> UInt64 {
        var me = UInt64(31) << 51
        me |= UInt64(version & 7) << 13
        me |= UInt64(nicSupplementA ? 1 : 0) << 12
        me |= UInt64(nacp & 15) << 8
        me |= UInt64(2) << 6
        me |= UInt64(sil & 3) << 4
        me |= UInt64(1) << 3
        return me
    }

    /// Appends one Beast frame (`0x1a '3'`, 6-byte 12 MHz time stamp, signal byte, 14 message bytes), doubling
    /// every 0x1a after the marker. The time stamp counts 12 MHz ticks since UTC midnight of `unixSeconds`.
    static func appendBeast(_ frame: ModeSFrame, unixSeconds: Double, signal: UInt8, to out: inout [UInt8]) {
        out.append(0x1A)
        out.append(frame.isLong ? 0x33 : 0x32)
        let ticks = UInt64((ASTERIXTime.timeOfDaySeconds(unixSeconds: unixSeconds) * 12_000_000).rounded())
        func put(_ b: UInt8) {
            out.append(b)
            if b == 0x1A { out.append(0x1A) }
        }
        for shift in stride(from: 40, through: 0, by: -8) { put(UInt8(truncatingIfNeeded: ticks >> UInt64(shift))) }
        put(signal)
        for i in 0..<frame.byteCount { put(frame.byte(i)) }
    }
}
