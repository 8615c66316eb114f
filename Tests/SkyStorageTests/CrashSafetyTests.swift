import Foundation
import GRDB
import SkyGeodesy
import SkyModel
import Testing

@testable import SkyStorage

/// `kill -9` of a process recording 5,000 tracks per cycle.
struct CrashSafetyTests {
    /// The probe executable next to the test bundle (`swift build --build-tests` builds it).
    static var probePath: String? {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for directory in candidates {
            var d = directory
            for _ in 0..<4 {
                let p = d.appendingPathComponent("skywatch-record-probe").path
                if FileManager.default.isExecutableFile(atPath: p) { return p }
                d = d.deletingLastPathComponent()
            }
        }
        return nil
    }

    @Test("After SIGKILL mid-recording the file opens, passes integrity_check, and holds every committed cycle")
    func killNine() throws {
        let probe = try #require(Self.probePath, "build the probe: swift build --product skywatch-record-probe")
        let dir = try TemporaryDirectory()
        let path = dir.file("crash.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: probe)
        process.arguments = ["record", path, "--tracks", "5000", "--step", "0.1", "--blocks", "40"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // Read the probe's per-cycle reports until it has run ~3 s (and committed at least 5 cycles), then kill it
        // in the middle of whatever it is doing.
        let handle = pipe.fileHandleForReading
        let started = Date()
        var text = ""
        var committed: [(cycle: Int, time: Double)] = []
        while Date().timeIntervalSince(started) < 3 || committed.count < 5 {
            let chunk = handle.availableData
            if chunk.isEmpty { break }  // the probe died on its own
            text += String(decoding: chunk, as: UTF8.self)
            committed = text.split(separator: "\n").compactMap { line in
                let f = line.split(separator: " ")
                guard f.count == 3, f[0] == "committed", let c = Int(f[1]), let t = Double(f[2]) else { return nil }
                return (c, t)
            }
            if Date().timeIntervalSince(started) > 60 { break }
        }
        #expect(process.isRunning, "the probe stopped before the kill")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // Lines may have arrived after the last read; take everything the probe wrote.
        text += String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let lastLine = try #require(text.split(separator: "\n").last { $0.hasPrefix("committed ") })
        let f = lastLine.split(separator: " ")
        let lastCommitted = (cycle: Int(f[1])!, time: Double(f[2])!)
        let dataClockAtKill = lastCommitted.time + 0.1  // the cycle being written when the signal came
        #expect(lastCommitted.cycle >= 4)

        let before = fileBytes(path)
        let recording = try Recording.open(path: path)
        let integrity = try recording.reader.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        let last = try #require(try recording.timeRange()).upperBound
        // Every cycle the probe reported committed is there (WAL + synchronous=NORMAL survive a process crash)…
        #expect(last >= lastCommitted.time)
        // …so the recording ends at most 1 s of data before the kill.
        #expect(dataClockAtKill - last <= 1.0)
        let counts = try recording.counts()
        #expect(counts.cycles == Int(((last - 1_800_000_000) / 0.1).rounded()) + 1)
        #expect(counts.trackUpdates == counts.cycles * 5_000)
        let picture = try #require(try recording.picture(at: last))
        #expect(picture.tracks.count == 5_000)
        try (recording.reader as? DatabasePool)?.close()
        #expect(fileBytes(path)[0].count >= before[0].count)
    }
}
