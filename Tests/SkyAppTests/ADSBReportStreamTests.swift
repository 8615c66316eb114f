import Foundation
import SkyGeodesy
import SkyModeS
import SkyModel
import SkySimulation
import Testing

@testable import SkyApp

/// The ADS-B recording read as a stream (`skywatch track --adsb`): the reports of the whole-file decoding in the
/// same order, whatever the chunking; disorder beyond the horizon is counted, never lost.
struct ADSBReportStreamTests {
    /// Every report of a stream, in delivery order.
    static func drain(_ s: ADSBReportStream) -> [ADSBReport] {
        var out: [ADSBReport] = []
        while let r = s.next() { out.append(r) }
        return out
    }

    /// The reference: the whole file decoded in memory through the same ingest, then sorted stably by time (what
    /// `skywatch track` did before it streamed).
    static func wholeFile(_ spec: ADSBFileSpec) throws -> [ADSBReport] {
        let data = try #require(FileManager.default.contents(atPath: spec.path))
        var config = AircraftTable.Configuration(
            referenceLatitude: spec.receiver.latitudeDegrees,
            referenceLongitude: spec.receiver.longitudeDegrees
        )
        config.checksPairTime = true
        var ingest = ModeSIngest(configuration: config, expiryCheckSeconds: 60)
        var reports: [ADSBReport] = []
        ModeSRecording.forEachFrame(
            in: data,
            format: spec.format,
            onFrame: { r, seconds in
                guard case .modeS(let f) = r.content, let seconds else { return }
                let time = spec.timeBase.unixSeconds(receiverSeconds: seconds, reference: spec.referenceUnixSeconds)
                if let report = ingest.ingest(f, time: time) { reports.append(report) }
            },
            onError: { _ in }
        )
        return reports.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
    }

    static func key(_ r: ADSBReport) -> String {
        "\(r.time) \(r.address) \(r.position.latitude) \(r.position.longitude) \(r.barometricAltitudeFeet ?? -1)"
    }

    @Test("Streamed reports equal the whole-file decoding, sorted, for any chunk size")
    func matchesWholeFile() async throws {
        let dir = try await TrackFusionTests.simulate(.airport, seed: 3, duration: 60, name: "adsb-stream")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var input = try TrackInput.scenario(directory: dir)
        try input.addADSB(path: dir + "/adsb.beast", format: .beast)
        let spec = try #require(input.adsbFiles.first)
        let reference = try Self.wholeFile(spec)
        #expect(reference.count > 1_000)
        for chunk in [1 << 20, 4_096, 97, 1] {
            let stream = ADSBReportStream(spec, chunkBytes: chunk)
            let streamed = Self.drain(stream)
            #expect(streamed.map(Self.key) == reference.map(Self.key), "chunk \(chunk) bytes")
            #expect(stream.outOfOrder == 0 && stream.inputErrors == 0)
            #expect(stream.reports == reference.count)
        }
        // And merged with the plots: every report is delivered once, in time order with the plots.
        var inputs = input.inputs
        var last = -Double.infinity
        var delivered = 0
        while let item = inputs.next() {
            #expect(item.time >= last)
            last = item.time
            if case .adsb = item { delivered += 1 }
        }
        #expect(delivered == reference.count && inputs.reportsDelivered == reference.count)
        #expect(inputs.notes.first?.contains("\(reference.count) position reports") == true)
    }

    @Test("Reports older than the horizon are delivered late and counted; an unreadable file is an input error")
    func disorderAndErrors() async throws {
        let dir = try await TrackFusionTests.simulate(.airport, seed: 3, duration: 60, name: "adsb-disorder")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = try #require(FileManager.default.contents(atPath: dir + "/adsb.beast"))
        // The file's second half first: its first half arrives 30 s late (more than the 10 s horizon). Cut on a
        // frame boundary (the Beast parser reports where frames start).
        var starts: [Int] = []
        ModeSRecording.forEachFrame(
            in: data,
            format: .beast,
            onFrame: { r, _ in starts.append(r.offset) },
            onError: { _ in }
        )
        let cut = starts[starts.count / 2]
        let swapped = dir + "/swapped.beast"
        try (data[cut...] + data[..<cut]).write(to: URL(fileURLWithPath: swapped))
        var input = try TrackInput.scenario(directory: dir)
        try input.addADSB(path: swapped, format: .beast)
        let stream = ADSBReportStream(try #require(input.adsbFiles.first), chunkBytes: 65_536)
        let streamed = Self.drain(stream)
        #expect(stream.outOfOrder > 100)
        #expect(streamed.count == stream.reports)
        #expect(stream.lines.contains { $0.contains("reports more than 10 s older than earlier ones") })

        #expect(throws: ConfigError.self) { try input.addADSB(path: dir + "/missing.beast", format: .beast) }
        var spec = try #require(input.adsbFiles.first)
        spec.path = dir + "/vanished.beast"
        let missing = ADSBReportStream(spec)
        #expect(missing.next() == nil)
        #expect(missing.lines.contains { $0.contains("vanished.beast: cannot read file") })
    }
}
