import Foundation
import SkyModel
import SkyStorage
import Synchronization

/// The recorder benchmark (scripts/bench-recorder.sh):
///
/// 1. **fast**: `--tracks` track updates per cycle, one cycle per second of data, written back to back for
///    `--seconds` cycles (tracks only): track updates/s, rows/s, bytes per track update, write time.
/// 2. **1× real time**: the same load plus one 1,400-byte input block per ~117 tracks (≈ 12 bytes of ASTERIX per
///    plot), one cycle per wall second through a ``RecorderQueue``, as `serve` runs it: write time p50/p99,
///    overruns.
/// 3. the same with `--queries` history queries per second from a second, read-only pool on the same file.
/// 4. **size**: `--size-tracks` tracks at one cycle per second (with inputs) for `--size-seconds` seconds of data,
///    written fast; database bytes extrapolated to one hour.
struct RecorderBench {
    let directory: String
    let tracks: Int
    let seconds: Int
    let sizeTracks: Int
    let sizeSeconds: Int
    let queriesPerSecond: Int

    init(directory: String, options: Options) {
        self.directory = directory
        tracks = options.int("--tracks", 20_000)
        seconds = options.int("--seconds", 30)
        sizeTracks = options.int("--size-tracks", 5_000)
        sizeSeconds = options.int("--size-seconds", 300)
        queriesPerSecond = options.int("--queries", 10)
    }

    static let start = 1_800_000_000.0

    func run() async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        print("recorder benchmark: \(tracks) tracks per cycle, 1 cycle per second of data")
        try fast()
        try await realTime(queries: 0)
        try await realTime(queries: queriesPerSecond)
        try size()
    }

    func freshPath(_ name: String) -> String {
        let path = directory + "/" + name
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return path
    }

    static func fileBytes(_ path: String) -> Int64 {
        ["", "-wal"].reduce(0) { sum, suffix in
            sum
                + (((try? FileManager.default.attributesOfItem(atPath: path + suffix))?[.size] as? NSNumber)?
                    .int64Value ?? 0)
        }
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1e3) }

    /// CPU time of the whole process (user + system), seconds: on a shared machine, the cost of the work itself.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }

    static func blocks(for tracks: Int) -> Int { max(1, tracks * 12 / 1_400) }

    /// Phase 1: back-to-back cycles, tracks only.
    func fast() throws {
        let path = freshPath("fast.sqlite")
        let recorder = try Recorder(path: path, programVersion: "bench", startWallTime: 0)
        var traffic = SyntheticTraffic(count: tracks, startTime: Self.start)
        var pictures: [TrackPicture] = []
        for c in 0..<seconds { pictures.append(traffic.picture(cycle: c, time: Self.start + Double(c))) }
        let t0 = Date()
        let cpu0 = Self.processCPUSeconds()
        for picture in pictures { try recorder.record(inputs: [], picture: picture, wallTime: 0) }
        let wall = Date().timeIntervalSince(t0)
        let cpu = Self.processCPUSeconds() - cpu0
        let s = recorder.statistics
        try recorder.close()
        let bytes = Self.fileBytes(path)
        print(
            String(
                format: "fast: %d cycles × %d tracks in %.2f s: %.0f track updates/s (%.0f rows/s), %.1f bytes per "
                    + "track update (file %.1f MB), write p50 %@ p99 %@; CPU %.2f s: %.0f track updates per CPU second",
                seconds,
                tracks,
                wall,
                Double(s.trackUpdatesWritten) / wall,
                Double(s.rowsWritten) / wall,
                Double(bytes) / Double(s.trackUpdatesWritten),
                Double(bytes) / 1e6,
                Self.ms(s.writeTime.quantile(0.5)),
                Self.ms(s.writeTime.quantile(0.99)),
                cpu,
                Double(s.trackUpdatesWritten) / cpu
            )
        )
    }

    /// Phases 2 and 3: 1× real time through the queue, with `queries` history queries per second.
    func realTime(queries: Int) async throws {
        let path = freshPath("realtime-q\(queries).sqlite")
        let recorder = try Recorder(path: path, programVersion: "bench", startWallTime: 0)
        let queue = RecorderQueue(recorder: recorder, capacity: 64)
        let writer = Task { await queue.run() }
        let blocks = Self.blocks(for: tracks)
        var traffic = SyntheticTraffic(count: tracks, startTime: Self.start)
        let stop = Atomic<Bool>(false)
        let latencies = Mutex<[Double]>([])
        var querier: Task<Void, any Error>?
        if queries > 0 {
            // The first cycle must exist before a reader opens the file.
            _ = queue.enqueue(RecordedCycle(picture: traffic.picture(cycle: 0, time: Self.start), wallTime: 0))
            while recorder.statistics.cyclesWritten == 0 { try await Task.sleep(for: .milliseconds(10)) }
            let reading = try Recording.open(path: path)
            let trackCount = tracks
            querier = Task {
                let clock = ContinuousClock()
                var next = clock.now
                var k = 0
                while !stop.load(ordering: .relaxed) {
                    next = next.advanced(by: .milliseconds(1_000 / queries))
                    try await clock.sleep(until: next)
                    guard let range = try await reading.timeRange() else { continue }
                    let t0 = clock.now
                    switch k % 3 {
                    case 0:
                        _ = try await reading.trackHistory(
                            number: UInt32(k % trackCount + 1),
                            from: range.upperBound - 60,
                            to: range.upperBound
                        )
                    case 1:
                        _ = try await reading.history(
                            from: range.upperBound - 10,
                            to: range.upperBound,
                            bbox: GeoBox(
                                minLatitudeDegrees: 48,
                                minLongitudeDegrees: 2,
                                maxLatitudeDegrees: 49,
                                maxLongitudeDegrees: 3
                            )
                        )
                    default: _ = try await reading.picture(at: range.upperBound)
                    }
                    let d = clock.now - t0
                    latencies.withLock {
                        $0.append(Double(d.components.attoseconds) * 1e-18 + Double(d.components.seconds))
                    }
                    k += 1
                }
            }
        }
        let clock = ContinuousClock()
        var next = clock.now
        let cpu0 = Self.processCPUSeconds()
        let first = queries > 0 ? 1 : 0
        for c in first..<(seconds + first) {
            try await clock.sleep(until: next)
            next = next.advanced(by: .seconds(1))
            let time = Self.start + Double(c)
            let wall = Date().timeIntervalSince1970
            queue.enqueue(
                RecordedCycle(
                    inputs: SyntheticTraffic.inputs(blocks: blocks, time: time, wallTime: wall),
                    picture: traffic.picture(cycle: c, time: time),
                    wallTime: wall
                )
            )
        }
        queue.finish()
        await writer.value
        stop.store(true, ordering: .relaxed)
        try await querier?.value
        let cpu = Self.processCPUSeconds() - cpu0
        let s = recorder.statistics
        try recorder.close()
        var q = latencies.withLock { $0 }
        q.sort()
        let queryText =
            q.isEmpty
            ? ""
            : ", \(q.count) queries: p50 \(Self.ms(q[q.count / 2])) p99 \(Self.ms(q[min(q.count - 1, q.count * 99 / 100)]))"
        print(
            "1× real time, \(queries) history queries/s: \(s.cyclesWritten) cycles × \(tracks) tracks + \(blocks) "
                + "input blocks, write p50 \(Self.ms(s.writeTime.quantile(0.5))) p99 \(Self.ms(s.writeTime.quantile(0.99))) "
                + "max \(Self.ms(s.writeTime.maximumSeconds)); WAL checkpoints between cycles p50 "
                + "\(Self.ms(s.checkpointTime.quantile(0.5))) p99 \(Self.ms(s.checkpointTime.quantile(0.99))); overruns \(s.overruns), failed \(s.failedCycles), "
                + String(format: "CPU %.2f s per second of data (whole process)", cpu / Double(seconds))
                + queryText
        )
    }

    /// Phase 4: database size per hour.
    func size() throws {
        let path = freshPath("size.sqlite")
        let recorder = try Recorder(path: path, programVersion: "bench", startWallTime: 0)
        var traffic = SyntheticTraffic(count: sizeTracks, startTime: Self.start)
        let blocks = Self.blocks(for: sizeTracks)
        for c in 0..<sizeSeconds {
            let time = Self.start + Double(c)
            try recorder.record(
                inputs: SyntheticTraffic.inputs(blocks: blocks, time: time, wallTime: time),
                picture: traffic.picture(cycle: c, time: time),
                wallTime: time
            )
        }
        let s = recorder.statistics
        try recorder.close()
        let bytes = Double(Self.fileBytes(path))
        let perHour = bytes / Double(sizeSeconds) * 3_600
        print(
            String(
                format: "size: %d tracks, 1 cycle/s, %d blocks of inputs/cycle, %d s of data: %.1f MB → %.2f GB per "
                    + "hour (%.1f bytes per track update incl. inputs; inputs %.1f MB/h)",
                sizeTracks,
                blocks,
                sizeSeconds,
                bytes / 1e6,
                perHour / 1e9,
                bytes / Double(s.trackUpdatesWritten),
                Double(s.inputBytesWritten) / Double(sizeSeconds) * 3_600 / 1e6
            )
        )
    }
}
