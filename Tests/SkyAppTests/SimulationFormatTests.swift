import Foundation
import SkyASTERIX
import SkyApp
import SkySimulation
import Synchronization
import Testing

/// `skywatch simulate --radar-format cat001 --adsb-format cat021`: what the files and the streams carry.
struct SimulationFormatTests {
    /// Bytes handed to an in-process channel, in order.
    final class Collector: Sendable {
        let bytes = Mutex<[UInt8]>([])
        func append(_ b: [UInt8]) { bytes.withLock { $0 += b } }
        var all: [UInt8] { bytes.withLock { $0 } }
    }

    @Test("CAT001 + CAT002 + CAT021: the stream's ASTERIX bytes are radar.ast, nothing on the Beast channel")
    func streamEqualsFile() async throws {
        let configuration = SimulationPreset.airport.configuration(seed: 23, durationSeconds: 30)
        let asterix = Collector()
        let beast = Collector()
        let pacer = SimulationPacer(speed: nil)
        let sink = SimulationStreamSink(
            configuration: configuration,
            transport: .inProcess(asterix: { asterix.append($0) }, beast: { beast.append($0) }),
            pacer: pacer,
            radarFormat: .cat001,
            adsbFormat: .cat021
        )
        let summary = try await SimulationRunner.run(configuration, sinks: [sink], pacer: pacer)
        let dir = NSTemporaryDirectory() + "skywatch-formats-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try await SimulationRun.run(
            configuration,
            output: .directory(dir),
            speed: nil,
            radarFormat: .cat001,
            adsbFormat: .cat021
        )
        let file = Array(try #require(FileManager.default.contents(atPath: dir + "/radar.ast")))
        #expect(asterix.all == file, "stream \(asterix.all.count) B, radar.ast \(file.count) B")
        #expect(beast.all.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir + "/adsb.beast"))

        // Every plot is one CAT001 record, and the file holds CAT002 and CAT021 besides, nothing else.
        var byCategory: [UInt8: Int] = [:]
        for r in try ASTERIXRecord.decodeBlocks(file) { byCategory[r.category, default: 0] += 1 }
        #expect(byCategory[1] == summary.plots)
        #expect((byCategory[2] ?? 0) > 0 && (byCategory[21] ?? 0) > summary.adsbMessages / 4)
        #expect(Set(byCategory.keys) == [1, 2, 21])
    }
}
