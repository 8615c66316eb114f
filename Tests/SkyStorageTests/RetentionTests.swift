import Foundation
import GRDB
import SkyGeodesy
import SkyModel
import Testing

@testable import SkyStorage

struct RetentionTests {
    @Test("A recording capped by size stays under the cap and keeps the newest cycles, contiguous")
    func bySize() throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        let cap: Int64 = 1_500_000
        let policy = RetentionPolicy(maxBytes: cap)
        var pruned = 0
        var last = 0
        // About 25 kB per cycle: 300 cycles are ~5× the cap.
        for c in 0..<300 {
            try recorder.record(
                inputs: Pictures.inputs(cycle: c, count: 10),
                picture: Pictures.picture(cycle: c, count: 60),
                wallTime: 0
            )
            last = c
            if c % 20 == 19 {
                let report = try Retention.prune(recorder, policy: policy)
                pruned += report.cyclesDeleted
                #expect(report.fileBytes <= cap, "after cycle \(c): \(report.fileBytes) bytes")
                let onDisk = fileBytes(recorder.path).reduce(0) { $0 + $1.count }
                #expect(Int64(onDisk) <= cap, "after cycle \(c): \(onDisk) bytes on disk")
                #expect(recorder.fileBytes == Int64(onDisk))
            }
        }
        #expect(pruned > 150)
        let recording = recorder.recording
        let range = try #require(try recording.timeRange())
        #expect(range.upperBound == Pictures.start + Double(last))  // the newest cycle is kept
        let counts = try recording.counts()
        #expect(counts.cycles == 300 - pruned)
        // What is kept is the newest stretch, without holes: cycles are exactly the last `counts.cycles` ones.
        #expect(range.lowerBound == Pictures.start + Double(300 - counts.cycles))
        #expect(counts.trackUpdates == counts.cycles * 60)
        #expect(counts.inputs == counts.cycles * 10)
        let orphans = try recorder.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM track_event WHERE cycle_id NOT IN (SELECT id FROM cycle)")
        }
        #expect(orphans == 0)
        try recorder.close()
    }

    @Test("Pruning by age deletes the cycles older than the newest minus the age, never the newest")
    func byAge() throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        for c in 0..<20 { try recorder.record(inputs: [], picture: Pictures.picture(cycle: c, count: 3), wallTime: 0) }
        let report = try Retention.prune(recorder, policy: RetentionPolicy(maxAgeSeconds: 5.5))
        #expect(report.cyclesDeleted == 14)
        #expect(try recorder.recording.timeRange() == Pictures.start + 14...Pictures.start + 19)
        let again = try Retention.prune(recorder, policy: RetentionPolicy(maxAgeSeconds: 0))
        #expect(again.cyclesDeleted == 5)
        #expect(try recorder.recording.counts().cycles == 1)
        try recorder.close()
    }
}
