import Foundation
import SkyGeodesy
import SkyModel
import SkyScenario
public import SkySimulation

/// Writes the benchmark scenario folder of a simulation run (`../shared/bench/SCHEMA.md`, generator version 1
/// conventions): `sensors.json`, `plots.csv`, `truth.csv`, `plots_truth.csv`.
///
/// Number formats follow `make_scenario.py` (`%.3f` plot times, `%.1f` ranges, `%.4f` azimuths, `%.6f`
/// latitudes). Plots stream to disk as they become final; truth rows (about 70 bytes per target-second) are held
/// by a `SimulationTruthSpool`, which spills to bucket files past 512 MB, because `truth.csv` is sorted by
/// `truth_id` first. The JSON is written by hand
/// with a fixed key order so that the same seed gives byte-identical files.
public final class SimulationScenarioWriter: SimulationSink {
    let configuration: SimulationConfiguration
    let directory: String
    var plotsFile: FileHandle
    var plotsTruthFile: FileHandle
    var plotBuffer: [UInt8] = []
    var plotsTruthBuffer: [UInt8] = []
    var reorder: PlotReorderBuffer
    var truth: SimulationTruthSpool
    var plotCount = 0
    var falsePlotCount = 0
    var truthRowCount = 0
    var coveredSeconds = 0
    var maxSimultaneous = 0
    var simultaneousSum = 0
    var frames = 0

    /// Creates `directory` (if needed) and opens the streamed files.
    /// - Throws: when the folder or files cannot be created.
    public init(configuration: SimulationConfiguration, directory: String) throws {
        self.configuration = configuration
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        plotsFile = try Self.create(directory + "/plots.csv")
        plotsTruthFile = try Self.create(directory + "/plots_truth.csv")
        reorder = PlotReorderBuffer(radars: configuration.radars)
        truth = SimulationTruthSpool(configuration: configuration, directory: directory)
        plotBuffer.append(contentsOf: "plot_id,time,radar_id,scan,range_m,azimuth_deg,mode_c_ft,mode_a,icao24\n".utf8)
        plotsTruthBuffer.append(contentsOf: "plot_id,truth_id\n".utf8)
    }

    static func create(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw SimulationOutputError(message: "cannot create \(path)") }
        return handle
    }

    public func consume(_ frame: SimulationFrame) async throws {
        frames += 1
        for plot in reorder.push(frame.plots, frameTime: frame.time) { appendPlot(plot) }
        let specs = configuration.targets
        maxSimultaneous = max(maxSimultaneous, frame.truth.count)
        simultaneousSum += frame.truth.count
        for s in frame.truth {
            let before = truth.rows[s.targetIndex].count
            Self.formatTruth(s, identity: specs[s.targetIndex].identity, into: &truth.rows[s.targetIndex])
            try truth.added(truth.rows[s.targetIndex].count - before)
            truthRowCount += 1
            if s.coverageCount > 0 { coveredSeconds += 1 }
        }
        if plotBuffer.count > 1 << 20 { try flushPlots() }
    }

    func appendPlot(_ p: SimulatedPlot) {
        // SCHEMA: plots cover 0 ≤ time ≤ duration.
        guard p.time >= 0, p.time <= Double(configuration.durationSeconds) else { return }
        plotCount += 1
        if p.truthID == 0 { falsePlotCount += 1 }
        Self.formatPlot(p, plotID: plotCount, radarID: configuration.radars[p.radarIndex].radarID, into: &plotBuffer)
        NumberFormat.appendInt(plotCount, to: &plotsTruthBuffer)
        plotsTruthBuffer.append(0x2C)
        NumberFormat.appendInt(p.truthID, to: &plotsTruthBuffer)
        plotsTruthBuffer.append(0x0A)
    }

    /// One `plots.csv` row.
    static func formatPlot(_ p: SimulatedPlot, plotID: Int, radarID: Int, into b: inout [UInt8]) {
        NumberFormat.appendInt(plotID, to: &b)
        b.append(0x2C)
        NumberFormat.appendFixed(p.time, decimals: 3, to: &b)
        b.append(0x2C)
        NumberFormat.appendInt(radarID, to: &b)
        b.append(0x2C)
        NumberFormat.appendInt(p.scan, to: &b)
        b.append(0x2C)
        NumberFormat.appendFixed(p.plot.slantRangeMetres, decimals: 1, to: &b)
        b.append(0x2C)
        // %.4f of [0, 360): an azimuth that rounds to 360.0000 is written as 0.0000.
        var degrees = p.plot.azimuth * 180 / .pi
        if (degrees * 10_000).rounded() >= 3_600_000 { degrees = 0 }
        NumberFormat.appendFixed(degrees, decimals: 4, to: &b)
        b.append(0x2C)
        if let c = p.plot.modeCFeet { NumberFormat.appendInt(Int(c), to: &b) }
        b.append(0x2C)
        if let a = p.plot.modeA { b.append(contentsOf: a.octal.utf8) }
        b.append(0x2C)
        if let s = p.plot.address { b.append(contentsOf: s.hex.utf8) }
        b.append(0x0A)
    }

    /// One `truth.csv` row.
    static func formatTruth(_ s: TruthSample, identity: TargetIdentity, into b: inout [UInt8]) {
        NumberFormat.appendInt(Int(s.state.time), to: &b)
        b.append(0x2C)
        NumberFormat.appendInt(s.truthID, to: &b)
        b.append(0x2C)
        NumberFormat.appendFixed(s.state.position.latitudeDegrees, decimals: 6, to: &b)
        b.append(0x2C)
        NumberFormat.appendFixed(s.state.position.longitudeDegrees, decimals: 6, to: &b)
        b.append(0x2C)
        NumberFormat.appendFixed(s.state.position.heightMetres, decimals: 1, to: &b)
        b.append(0x2C)
        NumberFormat.appendFixed(s.state.velocity.east, decimals: 2, to: &b)
        b.append(0x2C)
        NumberFormat.appendFixed(s.state.velocity.north, decimals: 2, to: &b)
        b.append(0x2C)
        NumberFormat.appendFixed(s.state.velocity.up, decimals: 2, to: &b)
        b.append(0x2C)
        if let a = identity.address { b.append(contentsOf: a.hex.utf8) }
        b.append(0x2C)
        if let m = identity.modeA { b.append(contentsOf: m.octal.utf8) }
        b.append(0x2C)
        NumberFormat.appendInt(s.coverageCount, to: &b)
        b.append(0x2C)
        b.append(contentsOf: identity.category.name.utf8)
        b.append(0x0A)
    }

    func flushPlots() throws {
        try plotsFile.write(contentsOf: plotBuffer)
        try plotsTruthFile.write(contentsOf: plotsTruthBuffer)
        plotBuffer.removeAll(keepingCapacity: true)
        plotsTruthBuffer.removeAll(keepingCapacity: true)
    }

    public func finish() async throws {
        for plot in reorder.drain() { appendPlot(plot) }
        try flushPlots()
        try plotsFile.close()
        try plotsTruthFile.close()
        let file = try Self.create(directory + "/truth.csv")
        try file.write(contentsOf: Array("time,truth_id,lat,lon,alt_m,vx,vy,vz,icao24,mode_a,n_cov,class\n".utf8))
        try truth.write(to: file)
        try file.close()
        try Data(sensorsJSON().utf8).write(to: URL(fileURLWithPath: directory + "/sensors.json"))
    }
}

/// An output failure (file or socket) of the simulator.
public struct SimulationOutputError: Error, CustomStringConvertible {
    /// What went wrong, with the path or address.
    public var message: String
    /// An error with its message.
    public init(message: String) { self.message = message }
    public var description: String { message }
}
