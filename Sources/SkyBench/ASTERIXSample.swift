import Foundation
import SkyApp
import SkyASTERIX
import SkyGeodesy
import SkyMath
import SkyModel

/// `skywatch-bench asterix-sample --out DIR`: writes synthetic ASTERIX produced by Skywatch's encoders, for
/// interoperability checks with other decoders (scripts/interop-asterix.sh): `tracks.ast`/`tracks.pcap`
/// (CAT062 + CAT065 per cycle, CAT063 sensor status) and `plots.ast`/`plots.pcap` (CAT034 + CAT048).
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
        // Plots: a north marker per scan, then 30 CAT048 reports.
        var plotsRaw: [UInt8] = []
        var plotsCap = PacketCaptureWriter()
        for scan in 0..<20 {
            let t = t0 + Double(scan) * 4.8
            let nm = ItemSlots.block([
                CAT034Encoder.northMarker(sensor: radar, time: t, rotationPeriodSeconds: 4.8).slots
            ])
            plotsRaw += nm
            plotsCap.append(payload: nm, port: 8600, time: t)
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
        }
        try Data(plotsRaw).write(to: URL(fileURLWithPath: dir + "/plots.ast"))
        try Data(plotsCap.bytes).write(to: URL(fileURLWithPath: dir + "/plots.pcap"))
        print("wrote \(dir)/tracks.ast, tracks.pcap, status.pcap, plots.ast, plots.pcap")
    }
}
