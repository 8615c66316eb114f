import Foundation
import SkyASTERIX
import SkyModel
public import SkySimulation

/// Encodes a run's radar output as ASTERIX the way a radar head sends it: per radar, the CAT048 target reports of
/// the sector just swept go out at the sector boundary, followed by the CAT034 sector-crossing message (the north
/// marker at north, with the rotation period). Blocks are at most 1400 octets (one UDP datagram).
struct SimulationASTERIXEncoder {
    let configuration: SimulationConfiguration
    let epoch: Double
    var pending: [[RadarPlot]]

    init(configuration: SimulationConfiguration) {
        self.configuration = configuration
        epoch = Double(configuration.epochUnixSeconds)
        pending = Array(repeating: [], count: configuration.radars.count)
    }

    /// The data blocks released by one frame, each with its send time (seconds since the epoch).
    mutating func encode(_ frame: SimulationFrame, into out: inout [(time: Double, block: [UInt8])]) {
        var p = 0, m = 0
        let plots = frame.plots, markers = frame.markers
        while p < plots.count || m < markers.count {
            if m >= markers.count || (p < plots.count && plots[p].time <= markers[m].time) {
                pending[plots[p].radarIndex].append(plots[p].plot)
                p += 1
            } else {
                release(marker: markers[m], into: &out)
                m += 1
            }
        }
    }

    mutating func release(marker: RadarMarker, into out: inout [(time: Double, block: [UInt8])]) {
        let radar = configuration.radars[marker.radarIndex]
        let time = marker.time
        if !pending[marker.radarIndex].isEmpty {
            for block in CAT048Encoder.blocks(for: pending[marker.radarIndex]) { out.append((time, block)) }
            pending[marker.radarIndex].removeAll(keepingCapacity: true)
        }
        let message =
            marker.isNorth
            ? CAT034Encoder.northMarker(
                sensor: radar.sensorID,
                time: epoch + time,
                rotationPeriodSeconds: radar.rotationPeriodSeconds
            )
            : CAT034Encoder.sectorCrossing(sensor: radar.sensorID, time: epoch + time, azimuth: marker.azimuth)
        for block in ASTERIXBlocks.pack([message.slots]) { out.append((time, block)) }
    }

    /// Reports still waiting for their sector boundary at the end of the run.
    mutating func drain(at time: Double, into out: inout [(time: Double, block: [UInt8])]) {
        for r in pending.indices where !pending[r].isEmpty {
            for block in CAT048Encoder.blocks(for: pending[r]) { out.append((time, block)) }
            pending[r].removeAll()
        }
    }
}

/// Writes `radar.ast`: the concatenated ASTERIX data blocks (CAT048 + CAT034) of the run, in send order.
public final class SimulationASTERIXWriter: SimulationSink {
    var encoder: SimulationASTERIXEncoder
    let file: FileHandle
    var buffer: [UInt8] = []
    var blocks: [(time: Double, block: [UInt8])] = []
    let duration: Double
    /// Data blocks written.
    public private(set) var blockCount = 0

    /// Creates `radar.ast` in `directory` (which must exist).
    public init(configuration: SimulationConfiguration, directory: String) throws {
        encoder = SimulationASTERIXEncoder(configuration: configuration)
        duration = Double(configuration.durationSeconds)
        file = try SimulationScenarioWriter.create(directory + "/radar.ast")
    }

    public func consume(_ frame: SimulationFrame) async throws {
        blocks.removeAll(keepingCapacity: true)
        encoder.encode(frame, into: &blocks)
        append()
        if buffer.count > 1 << 20 { try flush() }
    }

    func append() {
        for b in blocks { buffer.append(contentsOf: b.block) }
        blockCount += blocks.count
    }

    func flush() throws {
        try file.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    public func finish() async throws {
        blocks.removeAll()
        encoder.drain(at: duration, into: &blocks)
        append()
        try flush()
        try file.close()
    }
}
