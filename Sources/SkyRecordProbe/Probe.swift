// skywatch-record-probe: synthetic load for the recorder, used by the crash-safety test and by
// scripts/bench-recorder.sh. Not a user tool.
//
//   skywatch-record-probe record FILE [--tracks N] [--step S] [--blocks B]
//       records cycles back to back (data time advancing S seconds per cycle) until killed, printing
//       "committed CYCLE TIME" after every commit
//   skywatch-record-probe bench DIR [--tracks N] [--seconds S] [--size-tracks N] [--size-seconds S] [--queries Q]
//       the recorder benchmark (see RecorderBench.swift)
import Foundation
import SkyModel
import SkyStorage

@main
enum Probe {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let mode = arguments.first, arguments.count >= 2 else {
            print("usage: skywatch-record-probe record FILE [--tracks N] [--step S] [--blocks B]")
            print("       skywatch-record-probe bench DIR [--tracks N] [--seconds S] [--size-tracks N] ...")
            exit(2)
        }
        let options = Options(arguments.dropFirst(2))
        switch mode {
        case "record":
            try record(
                path: arguments[1],
                tracks: options.int("--tracks", 5_000),
                step: options.double("--step", 0.1),
                blocks: options.int("--blocks", 40)
            )
        case "bench":
            try await RecorderBench(directory: arguments[1], options: options).run()
        default:
            print("unknown mode \(mode)")
            exit(2)
        }
    }

    /// The crash-safety load: records until killed.
    static func record(path: String, tracks: Int, step: Double, blocks: Int) throws {
        let start = 1_800_000_000.0
        let recorder = try Recorder(
            path: path,
            programVersion: "record-probe",
            configurationJSON: "{\"probe\":true}",
            startWallTime: Date().timeIntervalSince1970
        )
        var traffic = SyntheticTraffic(count: tracks, startTime: start)
        var cycle = 0
        while true {
            let time = start + Double(cycle) * step
            let wall = Date().timeIntervalSince1970
            try recorder.record(
                inputs: SyntheticTraffic.inputs(blocks: blocks, time: time, wallTime: wall),
                picture: traffic.picture(cycle: cycle, time: time),
                wallTime: wall
            )
            // Unbuffered: the test reads each line as it is written and then kills the process.
            let line = Array("committed \(cycle) \(time)\n".utf8)
            _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            cycle += 1
        }
    }
}

/// `--name value` options.
struct Options {
    var values: [String: String] = [:]

    init(_ arguments: ArraySlice<String>) {
        var i = arguments.startIndex
        while i < arguments.endIndex {
            if arguments[i].hasPrefix("--"), i + 1 < arguments.endIndex {
                values[arguments[i]] = arguments[i + 1]
                i += 2
            } else {
                i += 1
            }
        }
    }

    func int(_ name: String, _ fallback: Int) -> Int { values[name].flatMap { Int($0) } ?? fallback }
    func double(_ name: String, _ fallback: Double) -> Double { values[name].flatMap { Double($0) } ?? fallback }
}
