import Foundation
import SkyApp
import SkyModel
import Testing

/// `skywatch decode modes` pipeline end to end on the real Beast sample (read from the SkyModeS fixtures in
/// the source tree): JSON lines in the FORMAT.md schema and the summary counters.
struct BeastDecodePipelineTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SkyModeSTests/Fixtures/dump1090_sample.beast").path

    @Test("JSON lines and summary of the dump1090 Beast sample")
    func decodeSample() throws {
        var lines: [String] = []
        let pipeline = ModeSDecodePipeline(format: .beast, referenceLatitude: 43.63, referenceLongitude: 1.37)
        var reports: [ADSBReport] = []
        let summary = try pipeline.run(path: Self.sample, emit: { lines.append($0) }, report: { reports.append($0) })
        #expect(reports.count == summary.acceptedPositions && reports.allSatisfy { $0.address.hex == "48520a" })
        #expect(reports.last?.nacP == 9 && reports.last?.callsign?.string == "TRA89M")
        #expect(lines.count == 239 && summary.frames == 239)
        // The first record, as pyModeS 3.6.1 decodes it (../shared/data/modes/dump1090_sample.ref.jsonl, i = 0).
        #expect(
            lines[0]
                == #"{"hex": "20000ca8f70aa7", "t": 30.2805225, "signal": 13, "df": 4, "icao24": "3981e4", "fs": 0, "altitude_ft": 25000}"#
        )
        let tc4 = try #require(lines.first { $0.contains("\"tc\": 4,") })
        #expect(tc4.contains(#""callsign": "TRA89M""#) && tc4.contains(#""category": 3"#))
        #expect(summary.byDF == [0: 44, 4: 39, 5: 12, 11: 90, 16: 1, 17: 23, 20: 16, 21: 14])
        #expect(summary.byTC == [4: 1, 11: 4, 19: 8, 28: 2, 29: 4, 31: 4])
        #expect(summary.globalPositions == 3 && summary.crcFailures == 0 && summary.inputErrors.isEmpty)
        let line = try #require(lines.first { $0.contains("\"lat\": ") })
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(abs((obj["lat"] as? Double ?? 0) - 43.64421262579449) < 1e-9)
    }
}
