import Foundation
import SkyASTERIX
import SkyApp
import SkyGeodesy
import SkyMath
import SkyModel

/// `skywatch-bench asterix-sample --out DIR`: writes synthetic ASTERIX produced by Skywatch's encoders, for
/// interoperability checks with other decoders (scripts/interop-asterix.sh): `tracks.ast`/`tracks.pcap`
/// (CAT062 + CAT065 per cycle, CAT063 sensor status), `registration.pcap` (CAT063 with the registration bias
/// items), `plots.ast`/`plots.pcap` (CAT034 + CAT048), the same plots as a legacy radar sends them in
/// `legacy.ast`/`legacy.pcap` (CAT002 + CAT001), `alerts.ast`/`alerts.pcap` (CAT004 safety-net messages) and
/// `adsb.ast`/`adsb.pcap` (CAT021 ADS-B reports).
enum ASTERIXSample {
    static func run(arguments: [String]) throws {
        guard arguments.count == 2, arguments[0] == "--out" else { throw BenchError("usage: asterix-sample --out DIR") }
        let dir = arguments[1]
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let sdps = SensorID(sac: 25, sic: 100)
        let radar = SensorID(sac: 25, sic: 12)
        let t0 = 1_700_000_000.0
        var encoder = CAT062CycleEncoder(sdps: sdps)
        var raw: [UInt8] = []
        var cap = PacketCaptureWriter()
        var extra = PacketCaptureWriter()
        for cycle in 0..<30 {
            let t = t0 + Double(cycle) * 4
            let tracks = (0..<40).map { i -> SystemTrack in
                let statuses: [TrackStatus] = [.confirmed, .coasting, .confirmed, .terminated]
                var cov = Matrix<4, 4>.identity
                cov[0, 0] = Double(100 + i * 10)
                cov[1, 1] = Double(80 + i * 7)
                return SystemTrack(
                    number: UInt32(1000 + i),
                    time: t,
                    position: GeodeticPosition(
                        latitudeDegrees: 45 + Double(i) * 0.05 + Double(cycle) * 0.001,
                        longitudeDegrees: 15 + Double(i) * 0.03,
                        heightMetres: 3000 + Double(i) * 150
                    ),
                    velocity: ENUVector(east: 200 - Double(i) * 3, north: -50 + Double(i) * 2, up: Double(i % 5) - 2),
                    covariance: cov,
                    status: statuses[i % 4],
                    modeA: Mode3ACode(UInt16(0o1000 + i)),
                    address: ICAOAddress(0x4C_A000 + UInt32(i)),
                    callsign: Callsign("SKW\(100 + i)"),
                    barometricAltitudeFeet: 10_000 + Double(i) * 500,
                    contributingSensors: [radar],
                    updateCount: cycle + 1
                )
            }
            for b in encoder.blocks(for: TrackPicture(cycle: cycle, time: t, tracks: tracks)) {
                raw += b
                cap.append(payload: b, port: 8600, time: t)
            }
            let status = CAT063Encoder.sensorStatus(sdps: sdps, time: t, sensor: radar, connection: .operational)
            extra.append(payload: ItemSlots.block([status]), port: 8600, time: t)
        }
        try Data(raw).write(to: URL(fileURLWithPath: dir + "/tracks.ast"))
        try Data(cap.bytes).write(to: URL(fileURLWithPath: dir + "/tracks.pcap"))
        try Data(extra.bytes).write(to: URL(fileURLWithPath: dir + "/status.pcap"))
        // CAT063 with the registration items (I063/070, 080, 081 for an SSR; 070, 090, 091 for a PSR), positive,
        // negative and clamped values: every 10 s over 5 minutes, as the CAT062 outputs send them.
        var registration = PacketCaptureWriter()
        for k in 0..<30 {
            let t = t0 + 10 * Double(k)
            let x = Double(k - 15) / 15
            for primary in [false, true] {
                let r = CAT063Encoder.Registration(
                    sensor: SensorID(sac: 25, sic: primary ? 13 : 12),
                    isPrimary: primary,
                    timeOffsetSeconds: 0.3 * x,
                    rangeGainPPM: 500 * x,
                    rangeOffsetMetres: k == 29 ? 1e7 : 180 * x,
                    azimuthOffset: 0.002 * x
                )
                let block = ItemSlots.block([CAT063Encoder.registration(sdps: sdps, time: t, r)])
                registration.append(payload: block, port: 8600, time: t)
            }
        }
        try Data(registration.bytes).write(to: URL(fileURLWithPath: dir + "/registration.pcap"))
        // Plots: a north marker per scan, then 30 CAT048 reports.
        var plotsRaw: [UInt8] = []
        var plotsCap = PacketCaptureWriter()
        var legacyRaw: [UInt8] = []
        var legacyCap = PacketCaptureWriter()
        for scan in 0..<20 {
            let t = t0 + Double(scan) * 4.8
            let nm = ItemSlots.block([
                CAT034Encoder.northMarker(sensor: radar, time: t, rotationPeriodSeconds: 4.8).slots
            ])
            plotsRaw += nm
            plotsCap.append(payload: nm, port: 8600, time: t)
            let nm2 = ItemSlots.block([
                CAT002Encoder.northMarker(sensor: radar, time: t, rotationPeriodSeconds: 4.8).slots
            ])
            legacyRaw += nm2
            legacyCap.append(payload: nm2, port: 8600, time: t)
            var plots: [RadarPlot] = []
            for i in 0..<30 {
                let x = Double(i)
                let range: Double = 20_000 + x * 7000
                let feet: Double = 5000 + x * 1000
                let kind: PlotKind = i % 3 == 0 ? .combined : .modeS
                plots.append(
                    RadarPlot(
                        time: t + x * 0.16,
                        sensor: radar,
                        slantRangeMetres: range,
                        azimuth: x * 0.2,
                        modeCFeet: feet,
                        modeA: Mode3ACode(UInt16(0o2000 + i)),
                        address: ICAOAddress(0x3C_0000 + UInt32(i)),
                        kind: kind
                    )
                )
            }
            for b in CAT048Encoder.blocks(for: plots) {
                plotsRaw += b
                plotsCap.append(payload: b, port: 8600, time: t)
            }
            for b in CAT001Encoder.blocks(for: plots) {
                legacyRaw += b
                legacyCap.append(payload: b, port: 8600, time: t)
            }
            let sc = ItemSlots.block([CAT002Encoder.sectorCrossing(sensor: radar, time: t + 2.4, azimuth: .pi).slots])
            legacyRaw += sc
            legacyCap.append(payload: sc, port: 8600, time: t + 2.4)
        }
        try Data(legacyRaw).write(to: URL(fileURLWithPath: dir + "/legacy.ast"))
        try Data(legacyCap.bytes).write(to: URL(fileURLWithPath: dir + "/legacy.pcap"))
        // Safety-net alerts: STCA start/update/end with closest approach, APW with an area name, and an
        // emergency under a deployment-chosen message type.
        var alerts: [AlertEvent] = []
        for i in 0..<20 {
            let t = t0 + Double(i) * 4
            let phase: AlertPhase = i == 0 ? .start : (i == 19 ? .end : .update)
            alerts.append(
                AlertEvent(
                    alertID: 1,
                    phase: phase,
                    kind: .stca,
                    time: t,
                    tracks: [1000, 1001],
                    closestApproach: ClosestApproach(
                        time: t + 90 - Double(i) * 4,
                        horizontalMetres: 2000 + Double(i) * 50,
                        verticalMetres: 150
                    )
                )
            )
            alerts.append(AlertEvent(alertID: 2, phase: phase, kind: .area, time: t, tracks: [1005], area: "LFR-PRIS"))
        }
        alerts.append(AlertEvent(alertID: 3, phase: .start, kind: .emergency, time: t0, tracks: [1010], code: "7700"))
        var alertsRaw: [UInt8] = []
        var alertsCap = PacketCaptureWriter()
        let types: [AlertKind: UInt8] = [.stca: 7, .area: 5, .emergency: 99]
        for e in alerts {
            for b in CAT004Encoder.blocks(for: [e], sdps: sdps, messageTypes: types) {
                alertsRaw += b
                alertsCap.append(payload: b, port: 8600, time: e.time)
            }
        }
        try Data(alertsRaw).write(to: URL(fileURLWithPath: dir + "/alerts.ast"))
        try Data(alertsCap.bytes).write(to: URL(fileURLWithPath: dir + "/alerts.pcap"))
        // ADS-B: 40 aircraft, 10 reports each, as a ground station's CAT021.
        var adsbRaw: [UInt8] = []
        var adsbCap = PacketCaptureWriter()
        for k in 0..<10 {
            let t = t0 + Double(k)
            var reports: [ADSBReport] = []
            for i in 0..<40 {
                let x = Double(i)
                let position = GeodeticPosition(
                    latitudeDegrees: 45 + x * 0.05 + Double(k) * 0.001,
                    longitudeDegrees: 15 + x * 0.03,
                    heightMetres: 3000 + x * 150
                )
                let velocity = ENUVector(east: 200 - x * 3, north: -50 + x * 2, up: Double(i % 5) - 2)
                let baro: Double = 10_000 + x * 500
                let gnss: Double = 3050 + x * 150
                reports.append(
                    ADSBReport(
                        time: t + x * 0.02,
                        sensor: SensorID(sac: 25, sic: 30),
                        address: ICAOAddress(0x4C_A000 + UInt32(i)),
                        position: position,
                        barometricAltitudeFeet: baro,
                        gnssHeightMetres: gnss,
                        velocity: velocity,
                        callsign: Callsign("SKW\(100 + i)"),
                        modeA: Mode3ACode(UInt16(0o1000 + i)),
                        nacP: UInt8(8 + i % 3),
                        nic: UInt8(7 + i % 2),
                        onGround: i % 10 == 0
                    )
                )
            }
            for b in CAT021Encoder.blocks(for: reports) {
                adsbRaw += b
                adsbCap.append(payload: b, port: 8600, time: t)
            }
        }
        try Data(adsbRaw).write(to: URL(fileURLWithPath: dir + "/adsb.ast"))
        try Data(adsbCap.bytes).write(to: URL(fileURLWithPath: dir + "/adsb.pcap"))
        try Data(plotsRaw).write(to: URL(fileURLWithPath: dir + "/plots.ast"))
        try Data(plotsCap.bytes).write(to: URL(fileURLWithPath: dir + "/plots.pcap"))
        print(
            "wrote \(dir)/tracks.ast, tracks.pcap, status.pcap, registration.pcap, plots.ast, plots.pcap, legacy.ast, legacy.pcap, "
                + "alerts.ast, alerts.pcap, adsb.ast, adsb.pcap"
        )
    }
}
