import Foundation
import GRDB
import ServiceLifecycleTestKit
import SkyGeodesy
import SkyModel
import Synchronization
import Testing

@testable import SkyStorage

/// Counts commits and, at each commit, how many track updates it added (GRDB transaction observer on the writer
/// connection; the recorder binds track rows through the raw SQLite statement, which GRDB's per-row change
/// events do not see, so the rows are counted in the committed database).
final class CommitCounter: TransactionObserver, @unchecked Sendable {
    // Called on the pool's writer queue, one call at a time; read after the writes (a lock to be sure).
    private let state = Mutex((total: 0, rowsPerCommit: [Int]()))

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) {
        let total = (try? Int.fetchOne(db, sql: "SELECT count(*) FROM track_update")) ?? -1
        state.withLock {
            $0.rowsPerCommit.append(total - $0.total)
            $0.total = total
        }
    }
    func databaseDidRollback(_ db: Database) {}

    var rowsPerCommit: [Int] { state.withLock { $0.rowsPerCommit } }
}

struct RecorderTests {
    @Test("Recorded pictures read back exactly: every Double bit for bit, optionals, sensors, events")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        let pictures = (0..<4).map { Pictures.picture(cycle: $0, count: 25) }
        for p in pictures { try recorder.record(inputs: [], picture: p, wallTime: p.time + 0.2) }
        for p in pictures {
            let back = try #require(try recorder.recording.picture(at: p.time + 0.5))
            #expect(back.cycle == p.cycle && back.time.bitPattern == p.time.bitPattern)
            #expect(back.events == p.events)
            try #require(back.tracks.count == p.tracks.count)
            for (a, b) in zip(back.tracks, p.tracks) { expectBitExact(a, b) }
        }
        #expect(pictures[0].tracks[0].velocity.up.sign == .minus)  // −0.0 is in the data and came back above
        #expect(try recorder.recording.picture(at: Pictures.start - 1) == nil)
        #expect(try recorder.recording.timeRange() == pictures[0].time...pictures[3].time)
        try recorder.close()
    }

    @Test("Each cycle is one transaction holding all of its track updates")
    func oneTransactionPerCycle() throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        let counter = CommitCounter()
        recorder.pool.add(transactionObserver: counter, extent: .observerLifetime)
        let sizes = [10, 0, 37, 5]
        for (c, n) in sizes.enumerated() {
            try recorder.record(
                inputs: Pictures.inputs(cycle: c, count: 3),
                picture: Pictures.picture(cycle: c, count: n),
                wallTime: 0
            )
        }
        // One commit per cycle, each adding exactly that cycle's tracks.
        #expect(counter.rowsPerCommit == sizes)
        #expect(recorder.statistics.cyclesWritten == 4)
        #expect(recorder.statistics.trackUpdatesWritten == 52)
        #expect(recorder.statistics.writeTime.count == 4)
        try recorder.close()
    }

    @Test("A failed cycle writes nothing (the transaction rolls back) and is counted")
    func failedCycleRollsBack() throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        var picture = Pictures.picture(cycle: 0, count: 4)
        picture.tracks.append(picture.tracks[0])  // duplicate (cycle, number): primary key violation
        #expect(throws: DatabaseError.self) {
            try recorder.record(inputs: Pictures.inputs(cycle: 0, count: 2), picture: picture, wallTime: 0)
        }
        let counts = try recorder.recording.counts()
        #expect(counts.cycles == 0 && counts.trackUpdates == 0 && counts.inputs == 0)
        #expect(recorder.statistics.failedCycles == 1)
        try recorder.close()
    }

    @Test("Inputs come back in data time order with their bytes, in batches, sync and async")
    func inputsForReplay() async throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        var all: [RecordedInput] = []
        for c in 0..<5 {
            let inputs = Pictures.inputs(cycle: c, count: 7)
            all += inputs
            try recorder.record(inputs: inputs, picture: Pictures.picture(cycle: c, count: 1), wallTime: 0)
        }
        let expected = all.enumerated().sorted { ($0.element.dataTime, $0.offset) < ($1.element.dataTime, $1.offset) }
            .map(\.element)
        let recording = recorder.recording
        #expect(try recording.inputs(from: -.infinity, to: .infinity) == expected)
        var batches: [Int] = []
        try recording.forEachInputBatch(from: -.infinity, to: .infinity, batchSize: 4) { batches.append($0.count) }
        #expect(batches == [4, 4, 4, 4, 4, 4, 4, 4, 3])
        var streamed: [RecordedInput] = []
        for try await input in recording.inputs(from: Pictures.start + 1, to: Pictures.start + 3, batchSize: 3) {
            streamed.append(input)
        }
        #expect(streamed == expected.filter { (Pictures.start + 1...Pictures.start + 3).contains($0.dataTime) })
        #expect(!streamed.isEmpty)
        try recorder.close()
    }

    @Test("Alerts and sensor status are recorded with their cycle")
    func alertsAndStatus() throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        let alerts = [
            AlertEvent(
                alertID: 3,
                phase: .start,
                kind: .stca,
                time: Pictures.start + 0.5,
                tracks: [4, 7],
                closestApproach: ClosestApproach(
                    time: Pictures.start + 60,
                    horizontalMetres: 1_200.5,
                    verticalMetres: 150
                ),
                message: "conflict"
            ),
            AlertEvent(
                alertID: 4,
                phase: .end,
                kind: .emergency,
                time: Pictures.start + 0.75,
                tracks: [10],
                code: "7700"
            ),
        ]
        try recorder.record(
            inputs: [],
            picture: Pictures.picture(cycle: 0, count: 2),
            alerts: alerts,
            sensorStatus: [
                RecordedSensorStatus(inputName: "radar-0", time: Pictures.start, json: Array("{\"ok\":true}".utf8))
            ],
            wallTime: 0
        )
        #expect(try recorder.recording.alerts(from: Pictures.start, to: Pictures.start + 1) == alerts)
        let status = try recorder.pool.read { db in try Row.fetchOne(db, sql: "SELECT input, status FROM sensor_status")
        }
        #expect(status?[0] == "radar-0")
        #expect(status?[1] == Data("{\"ok\":true}".utf8))
        try recorder.close()
    }

    @Test("History queries: one track's states in a range, and every state in a range and box")
    func historyQueries() throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        let pictures = (0..<6).map { Pictures.picture(cycle: $0, count: 10) }
        for p in pictures { try recorder.record(inputs: [], picture: p, wallTime: 0) }
        let recording = recorder.recording
        let h = try recording.trackHistory(number: 7, from: Pictures.start + 1, to: Pictures.start + 4)
        #expect(h.map(\.time) == pictures[1...4].map { $0.tracks[2].time })
        for (a, b) in zip(h, pictures[1...4].map { $0.tracks[2] }) { expectBitExact(a, b) }
        #expect(try recording.trackHistory(number: 2, from: 0, to: .infinity).isEmpty)
        let box = GeoBox(minLatitudeDegrees: 45, minLongitudeDegrees: 0, maxLatitudeDegrees: 50, maxLongitudeDegrees: 5)
        let inBox = try recording.history(from: Pictures.start + 2, to: Pictures.start + 3, bbox: box)
        let expected = pictures[2...3].flatMap(\.tracks).filter {
            (45...50).contains($0.position.latitudeDegrees) && (0...5).contains($0.position.longitudeDegrees)
        }
        #expect(!expected.isEmpty && expected.count < 20)
        #expect(inBox.map(\.number) == expected.map(\.number))
        #expect(try recording.history(from: Pictures.start, to: Pictures.start + 10).count == 60)
        try recorder.close()
    }

    @Test("History queries read while cycles are being written, from another read-only pool")
    func readWhileWriting() async throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        try recorder.record(inputs: [], picture: Pictures.picture(cycle: 0, count: 200), wallTime: 0)
        let reader = try Recording.open(path: recorder.path)
        let cycles = 40
        let writer = Task.detached {
            for c in 1..<cycles {
                try recorder.record(
                    inputs: Pictures.inputs(cycle: c, count: 5),
                    picture: Pictures.picture(cycle: c, count: 200),
                    wallTime: 0
                )
            }
        }
        var reads = 0
        var lastSeen = 0.0
        while true {
            let done = recorder.statistics.cyclesWritten == UInt64(cycles)
            let range = try #require(try await reader.timeRange())
            // Every picture read is a whole committed cycle: all 200 tracks, never a partial one.
            let picture = try #require(try await reader.picture(at: range.upperBound))
            #expect(picture.tracks.count == 200)
            #expect(range.upperBound >= lastSeen)
            lastSeen = range.upperBound
            _ = try await reader.trackHistory(number: 1, from: range.lowerBound, to: range.upperBound)
            reads += 1
            if done { break }
        }
        try await writer.value
        #expect(reads >= 2)
        #expect(try await reader.timeRange()?.upperBound == Pictures.start + Double(cycles - 1))
        try recorder.close()
    }

    @Test("The queue never blocks: overruns beyond its capacity are counted and refused, the rest written")
    func queueOverrun() async throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        let queue = RecorderQueue(recorder: recorder, capacity: 3)
        // Nothing drains yet: 3 fit, the next 2 are overruns.
        let accepted = (0..<5).map {
            queue.enqueue(RecordedCycle(picture: Pictures.picture(cycle: $0, count: 2), wallTime: 0))
        }
        #expect(accepted == [true, true, true, false, false])
        #expect(queue.overruns == 2)
        queue.finish()
        #expect(!queue.enqueue(RecordedCycle(picture: Pictures.picture(cycle: 9, count: 2), wallTime: 0)))
        await queue.run()
        #expect(recorder.statistics.cyclesWritten == 3)
        #expect(recorder.statistics.overruns == 3)
        #expect(try recorder.recording.counts().cycles == 3)
        try recorder.close()
    }
}

extension RecordingFile.State: CustomStringConvertible {
    public var description: String {
        switch self {
        case .new: "new"
        case .recording(let v): "recording v\(v)"
        }
    }
}

struct RecorderServiceTests {
    @Test("On graceful shutdown the service drains every cycle queued before it, then returns")
    func gracefulShutdownDrains() async throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        let queue = RecorderQueue(recorder: recorder, capacity: 16)
        try await testGracefulShutdown { trigger in
            let service = RecorderService(
                queue: queue,
                retention: RetentionPolicy(maxAgeSeconds: 3600, interval: .seconds(3600))
            )
            for c in 0..<5 {
                #expect(queue.enqueue(RecordedCycle(picture: Pictures.picture(cycle: c, count: 20), wallTime: 0)))
            }
            async let running: Void = service.run()
            trigger.triggerGracefulShutdown()
            try await running
        }
        #expect(recorder.statistics.cyclesWritten == 5)
        #expect(recorder.statistics.checkpointTime.count >= 1)  // the WAL was checkpointed when the queue went idle
        #expect(try recorder.recording.counts().trackUpdates == 100)
        #expect(!queue.enqueue(RecordedCycle(picture: Pictures.picture(cycle: 9, count: 1), wallTime: 0)))
        try recorder.close()
    }
}

struct StalledDiskTests {
    @Test(
        "A stalled writer never blocks enqueue: the queue fills, later cycles are overruns, then it drains",
        .timeLimit(.minutes(10))
    )
    func stalledWriter() async throws {
        let dir = try TemporaryDirectory()
        let recorder = try Pictures.recorder(dir)
        let queue = RecorderQueue(recorder: recorder, capacity: 8)
        // Hold the pool's writer (as a disk that does not return would) until the gate opens.
        let gate = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? recorder.pool.writeWithoutTransaction { _ in
                holding.signal()
                gate.wait()
            }
        }
        holding.wait()
        let runner = Task { await queue.run() }
        // The tracker's side: 20 cycles while nothing can be written. Every call returns at once.
        var accepted = 0
        for c in 0..<20 where queue.enqueue(RecordedCycle(picture: Pictures.picture(cycle: c, count: 5), wallTime: 0)) {
            accepted += 1
        }
        // 8 wait in the queue, and the writer loop may already hold one more.
        #expect((8...9).contains(accepted))
        #expect(queue.overruns == UInt64(20 - accepted))
        #expect(recorder.statistics.cyclesWritten == 0)
        gate.signal()
        queue.finish()
        await runner.value
        #expect(recorder.statistics.cyclesWritten == UInt64(accepted))
        #expect(recorder.statistics.overruns == UInt64(20 - accepted))
        try recorder.close()
    }
}
