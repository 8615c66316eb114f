import RealModule
import SkyGeodesy
public import SkyModel

extension ASTERIXRecord {
    /// The raw bits of subfield `name` in item `frn`: a fixed item, the parts of a variable item, or the first
    /// element of a repetitive item. `nil` when the item or subfield is absent.
    public func raw(_ frn: Int, _ name: String) -> UInt64? {
        guard let uap = UAP.forCategory(category), frn <= uap.items.count, let spec = uap.items[frn - 1],
            let value = items[frn]
        else { return nil }
        func find(_ part: PartSpec, _ raws: [UInt64]) -> UInt64? {
            let fields = part.fields.filter { $0.kind != .fx }
            return fields.firstIndex { $0.name == name }.map { raws[$0] }
        }
        switch (spec.format, value) {
        case (.fixed(let p), .fixed(let raws)): return find(p, raws)
        case (.variable(let ps), .variable(let parts)):
            for (i, raws) in parts.enumerated() { if let v = find(ps[min(i, ps.count - 1)], raws) { return v } }
            return nil
        case (.repetitive(let p), .repetitive(let elements)): return elements.first.flatMap { find(p, $0) }
        default: return nil
        }
    }

    /// The engineering value (raw × LSB, two's complement where signed) of subfield `name` of item `frn`.
    public func value(_ frn: Int, _ name: String) -> Double? {
        guard let raw = raw(frn, name), let uap = UAP.forCategory(category), let spec = uap.items[frn - 1] else {
            return nil
        }
        let parts: [PartSpec]
        switch spec.format {
        case .fixed(let p), .repetitive(let p): parts = [p]
        case .variable(let ps): parts = ps
        default: return nil
        }
        for p in parts { if let f = p.fields.first(where: { $0.name == name }) { return f.value(raw: raw) } }
        return nil
    }
}

/// ADS-B reports from ASTERIX CAT021 edition 2.6 (ADS-B target reports).
public enum CAT021Converter {
    /// FRNs of the CAT021 2.6 UAP used here.
    enum FRN {
        static let dataSource = 1, descriptor = 2, timeApplicabilityPosition = 5, position = 6, positionHighRes = 7
        static let address = 11, timeReceptionPosition = 12, geometricHeight = 16, quality = 17, mode3A = 19
        static let flightLevel = 21, baroRate = 24, geoRate = 25, groundVector = 26, reportTime = 28,
            identification = 29
    }

    /// The `ADSBReport` of a CAT021 record, or `nil` without address, position or time.
    ///
    /// Time: I021/073 (reception of position), else 071 (applicability), else 077 (transmission), resolved near
    /// `reference` (UNIX s). Position: I021/131 (LSB 180/2³⁰°), else 130 (180/2²³°). Height: I021/140 geometric
    /// (6.25 ft), else the ISA height of I021/145 (1/4 FL). Velocity: I021/160 ground speed (2⁻¹⁴ NM/s) and track
    /// angle (360/2¹⁶°) with I021/157 (else 155) vertical rate (6.25 ft/min). NACp, NIC from I021/090; on-ground
    /// from I021/040 GBS; Mode 3/A from 070; callsign from 170.
    public static func report(_ r: ASTERIXRecord, nearReference reference: Double) -> ADSBReport? {
        guard r.category == 21, let address = r.raw(FRN.address, "080") else { return nil }
        let lat = r.value(FRN.positionHighRes, "LAT") ?? r.value(FRN.position, "LAT")
        let lon = r.value(FRN.positionHighRes, "LON") ?? r.value(FRN.position, "LON")
        let tod =
            r.value(FRN.timeReceptionPosition, "073")
            ?? r.value(FRN.timeApplicabilityPosition, "071")
            ?? r.value(FRN.reportTime, "077")
        guard let lat, let lon, let tod else { return nil }
        let feet = r.value(FRN.flightLevel, "145").map { $0 * 100 }
        let gnssFeet = r.value(FRN.geometricHeight, "140")
        let height =
            gnssFeet.map { $0 * 0.3048 } ?? feet.map { ISA.geometricHeightMetres(pressureAltitudeFeet: $0) } ?? 0
        var velocity: ENUVector?
        if let gsNMs = r.value(FRN.groundVector, "GS"), let track = r.value(FRN.groundVector, "TA") {
            let speed = gsNMs * 1852
            let a = track * .pi / 180
            let rateFtMin = r.value(FRN.geoRate, "GVR") ?? r.value(FRN.baroRate, "BVR") ?? 0
            velocity = ENUVector(east: speed * Double.sin(a), north: speed * Double.cos(a), up: rateFtMin * 0.3048 / 60)
        }
        let callsign = r.raw(FRN.identification, "170").map { SixBitText.callsign($0) }
        return ADSBReport(
            time: ASTERIXTime.unixSeconds(timeOfDaySeconds: tod, nearReference: reference),
            sensor: r.raw(FRN.dataSource, "SAC").flatMap { sac in
                r.raw(FRN.dataSource, "SIC").map { SensorID(sac: UInt8(sac), sic: UInt8($0)) }
            },
            address: ICAOAddress(UInt32(address)),
            position: GeodeticPosition(latitudeDegrees: lat, longitudeDegrees: lon, heightMetres: height),
            barometricAltitudeFeet: feet,
            gnssHeightMetres: gnssFeet.map { $0 * 0.3048 },
            velocity: velocity,
            callsign: callsign,
            modeA: r.raw(FRN.mode3A, "MODE3A").map { Mode3ACode(UInt16($0)) },
            nacP: r.raw(FRN.quality, "NACP").map { UInt8($0) },
            nic: r.raw(FRN.quality, "NUCPNIC").map { UInt8($0) },
            onGround: r.raw(FRN.descriptor, "GBS") == 1
        )
    }
}
