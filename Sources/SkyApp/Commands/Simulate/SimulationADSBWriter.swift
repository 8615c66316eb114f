import Foundation
import SkyGeodesy
import SkyModeS
import SkyModel
import SkyScenario
public import SkySimulation

/// Writes the ADS-B side of a run: `adsb.beast` (Beast binary of real DF17 frames; not with CAT021 output, which
/// goes to `radar.ast`) and, optionally, `adsb.csv` (every frame in hex with the position it encodes, for
/// `scripts/check-sim-adsb.sh`; about 70 bytes per frame).
///
/// `adsb.csv` columns: `time` (s since epoch, 6 decimals), `truth_id`, `icao24`, `kind`
/// (`pos_even`, `pos_odd`, `vel`, `id`, `status`), `hex` (28 hex digits), `lat`, `lon` (reported position, degrees,
/// 8 decimals; positions only), `alt_ft`.
public final class SimulationADSBWriter: SimulationSink {
    let epoch: Double
    let beast: FileHandle?
    let csv: FileHandle?
    var beastBuffer: [UInt8] = []
    var csvBuffer: [UInt8] = []
    /// Frames written.
    public private(set) var frameCount = 0

    /// Creates `adsb.beast` (unless `beast` is false) and `adsb.csv` (when `diagnostics`) in `directory` (which
    /// must exist).
    public init(
        configuration: SimulationConfiguration,
        directory: String,
        diagnostics: Bool,
        beast: Bool = true
    )
        throws
    {
        epoch = Double(configuration.epochUnixSeconds)
        self.beast = beast ? try SimulationScenarioWriter.create(directory + "/adsb.beast") : nil
        csv = diagnostics ? try SimulationScenarioWriter.create(directory + "/adsb.csv") : nil
        if diagnostics { csvBuffer.append(contentsOf: "time,truth_id,icao24,kind,hex,lat,lon,alt_ft\n".utf8) }
    }

    public func consume(_ frame: SimulationFrame) async throws {
        for e in frame.adsb {
            let f = SimulationWire.frame(for: e)
            if beast != nil {
                SimulationWire.appendBeast(f, unixSeconds: epoch + e.time, signal: 0x80, to: &beastBuffer)
            }
            frameCount += 1
            guard csv != nil else { continue }
            NumberFormat.appendFixed(e.time, decimals: 6, to: &csvBuffer)
            csvBuffer.append(0x2C)
            NumberFormat.appendInt(e.truthID, to: &csvBuffer)
            csvBuffer.append(0x2C)
            csvBuffer.append(contentsOf: e.address.hex.utf8)
            switch e.content {
            case .airbornePosition(let p, let feet, let odd, _):
                csvBuffer.append(contentsOf: (odd ? ",pos_odd," : ",pos_even,").utf8)
                csvBuffer.append(contentsOf: f.hex.utf8)
                csvBuffer.append(0x2C)
                NumberFormat.appendFixed(p.latitudeDegrees, decimals: 8, to: &csvBuffer)
                csvBuffer.append(0x2C)
                NumberFormat.appendFixed(p.longitudeDegrees, decimals: 8, to: &csvBuffer)
                csvBuffer.append(0x2C)
                NumberFormat.appendInt(Int(feet.rounded()), to: &csvBuffer)
            case .airborneVelocity: csvBuffer.append(contentsOf: (",vel," + f.hex + ",,,").utf8)
            case .identification: csvBuffer.append(contentsOf: (",id," + f.hex + ",,,").utf8)
            case .operationalStatus: csvBuffer.append(contentsOf: (",status," + f.hex + ",,,").utf8)
            }
            csvBuffer.append(0x0A)
        }
        if beastBuffer.count > 1 << 20 || csvBuffer.count > 1 << 20 { try flush() }
    }

    func flush() throws {
        try beast?.write(contentsOf: beastBuffer)
        try csv?.write(contentsOf: csvBuffer)
        beastBuffer.removeAll(keepingCapacity: true)
        csvBuffer.removeAll(keepingCapacity: true)
    }

    public func finish() async throws {
        try flush()
        try beast?.close()
        try csv?.close()
    }
}
