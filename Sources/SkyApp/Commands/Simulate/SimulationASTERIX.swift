import Foundation
import SkyASTERIX
import SkyModel
public import SkySimulation

/// Encodes a run's radar output as ASTERIX the way a radar head sends it: per radar, the target reports of the
/// sector just swept go out at the sector boundary, followed by the sector-crossing message (the north marker at
/// north, with the rotation period): CAT048 + CAT034, or CAT001 + CAT002 for `.cat001`. With a CAT021 station
/// the ADS-B reports are merged in, in time order. Blocks are at most 1400 octets (one UDP datagram).
struct SimulationASTERIXEncoder {
    let configuration: SimulationConfiguration
    let epoch: Double
    let radarFormat: SimulationRadarFormat
    var station: SimulationCAT021Station?
    var pending: [[RadarPlot]]
    var adsbBlocks: [(time: Double, block: [UInt8])] = []

    init(
        configuration: SimulationConfiguration,
        radarFormat: SimulationRadarFormat = .cat048,
        adsbFormat: SimulationADSBFormat = .beast
    ) {
        self.configuration = configuration
        self.radarFormat = radarFormat
        epoch = Double(configuration.epochUnixSeconds)
        station = adsbFormat == .cat021 ? SimulationCAT021Station(configuration: configuration) : nil
        pending = Array(repeating: [], count: configuration.radars.count)
    }

    /// The data blocks released by one frame, each with its send time (seconds since the epoch), in time order.
    mutating func encode(_ frame: SimulationFrame, into out: inout [(time: Double, block: [UInt8])]) {
        guard station != nil else { return encodeRadar(frame, into: &out) }
        let start = out.count
        encodeRadar(frame, into: &out)
        adsbBlocks.removeAll(keepingCapacity: true)
        station!.encode(frame.adsb, into: &adsbBlocks)
        // Both lists are in time order: merge them, radar first at equal times.
        let radar = out[start...]
        out.removeSubrange(start...)
        var i = radar.startIndex
        var j = 0
        while i < radar.endIndex || j < adsbBlocks.count {
            if j == adsbBlocks.count || (i < radar.endIndex && radar[i].time <= adsbBlocks[j].time) {
                out.append(radar[i])
                i += 1
            } else {
                out.append(adsbBlocks[j])
                j += 1
            }
        }
    }

    mutating func encodeRadar(_ frame: SimulationFrame, into out: inout [(time: Double, block: [UInt8])]) {
        var p = 0
        var m = 0
        let plots = frame.plots
        let markers = frame.markers
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
            for block in plotBlocks(pending[marker.radarIndex]) { out.append((time, block)) }
            pending[marker.radarIndex].removeAll(keepingCapacity: true)
        }
        let slots: ItemSlots
        switch (radarFormat, marker.isNorth) {
        case (.cat048, true):
            slots =
                CAT034Encoder.northMarker(
                    sensor: radar.sensorID,
                    time: epoch + time,
                    rotationPeriodSeconds: radar.rotationPeriodSeconds
                ).slots
        case (.cat048, false):
            slots =
                CAT034Encoder.sectorCrossing(sensor: radar.sensorID, time: epoch + time, azimuth: marker.azimuth)
                .slots
        case (.cat001, true):
            slots =
                CAT002Encoder.northMarker(
                    sensor: radar.sensorID,
                    time: epoch + time,
                    rotationPeriodSeconds: radar.rotationPeriodSeconds
                ).slots
        case (.cat001, false):
            slots =
                CAT002Encoder.sectorCrossing(sensor: radar.sensorID, time: epoch + time, azimuth: marker.azimuth)
                .slots
        }
        for block in ASTERIXBlocks.pack([slots]) { out.append((time, block)) }
    }

    /// The data blocks of a sector's plots in the radar format.
    func plotBlocks(_ plots: [RadarPlot]) -> [[UInt8]] {
        switch radarFormat {
        case .cat048: CAT048Encoder.blocks(for: plots)
        case .cat001: CAT001Encoder.blocks(for: plots)
        }
    }

    /// Reports still waiting for their sector boundary at the end of the run.
    mutating func drain(at time: Double, into out: inout [(time: Double, block: [UInt8])]) {
        for r in pending.indices where !pending[r].isEmpty {
            for block in plotBlocks(pending[r]) { out.append((time, block)) }
            pending[r].removeAll()
        }
    }
}

/// Writes `radar.ast`: the concatenated ASTERIX data blocks of the run in send order: CAT048 + CAT034 or
/// CAT001 + CAT002 (``SimulationRadarFormat``), and CAT021 with ``SimulationADSBFormat/cat021``.
public final class SimulationASTERIXWriter: SimulationSink {
    var encoder: SimulationASTERIXEncoder
    let file: FileHandle
    var buffer: [UInt8] = []
    var blocks: [(time: Double, block: [UInt8])] = []
    let duration: Double
    /// Data blocks written.
    public private(set) var blockCount = 0

    /// Creates `radar.ast` in `directory` (which must exist).
    /// - Parameters:
    ///   - radarFormat: CAT048 + CAT034 (default) or CAT001 + CAT002.
    ///   - adsbFormat: with `.cat021`, the ADS-B reports go into this file too (else nothing of ADS-B).
    public init(
        configuration: SimulationConfiguration,
        directory: String,
        radarFormat: SimulationRadarFormat = .cat048,
        adsbFormat: SimulationADSBFormat = .beast
    ) throws {
        encoder = SimulationASTERIXEncoder(
            configuration: configuration,
            radarFormat: radarFormat,
            adsbFormat: adsbFormat
        )
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
