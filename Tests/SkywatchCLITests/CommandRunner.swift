import Foundation
import Testing

/// Runs the built `skywatch` executable and compares what it writes with the committed expected files.
///
/// The executable is the one next to the test bundle (`.build/debug/skywatch` for `swift test`,
/// `.build/release/skywatch` for `swift test -c release`), so the commands under test are those of the build
/// being tested. `swift build --build-tests` and `swift test` build it; when it is missing the tests fail with
/// the command to run, they never skip.
///
/// With `SKYWATCH_UPDATE_EXPECTED=1` in the environment every comparison writes the actual output over the
/// expected file instead (see `README.md` in this folder).
struct CommandRunner {
    /// This test target's source folder (`Tests/SkywatchCLITests`), where `Fixtures/` and `Expected/` live.
    static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = sourceDirectory.appendingPathComponent("Fixtures")
    static let expected = sourceDirectory.appendingPathComponent("Expected")

    /// Whether this run rewrites the expected files (`SKYWATCH_UPDATE_EXPECTED=1`).
    static let updating = ProcessInfo.processInfo.environment["SKYWATCH_UPDATE_EXPECTED"] == "1"

    /// The folders the executable may be in: the test bundle's folder (Linux: `.build/debug` holds the test
    /// executable `skywatchPackageTests.xctest`; macOS: the `.xctest` bundle's parent) and, for an executable
    /// inside a bundle (`X.xctest/Contents/MacOS/X`), the folders above it up to the products folder.
    static var productDirectories: [URL] {
        var result: [URL] = []
        var starts: [URL] = []
        // macOS runs the tests inside Xcode's `xctest` tool: the test bundle is one of the loaded bundles.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            starts.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let exe = Bundle.main.executableURL { starts.append(exe.deletingLastPathComponent()) }
        starts.append(Bundle.main.bundleURL)
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for start in starts {
            var d = start.standardizedFileURL
            for _ in 0..<3 {
                if !result.contains(d) { result.append(d) }
                d = d.deletingLastPathComponent()
            }
        }
        return result
    }

    /// The `skywatch` executable of this build.
    /// - Throws: a test failure naming the folders searched and the build command, when it is missing.
    static func executable() throws -> URL {
        let directories = productDirectories
        for d in directories {
            let candidate = d.appendingPathComponent("skywatch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        Issue.record(
            """
            the skywatch executable is not next to the test bundle (searched \(directories.map(\.path))). \
            Build it first: `swift build --product skywatch` (or `swift build --build-tests`, which builds every \
            product), then `swift test --skip-build --filter SkywatchCLITests`.
            """
        )
        throw CLITestError.missingExecutable
    }

    /// What one command did.
    struct Result {
        var status: Int32
        var standardOutput: Data
        var standardError: String
        var seconds: Double

        var text: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    /// A fresh temporary folder for one test's outputs.
    let outputDirectory: URL
    let executable: URL

    init() throws {
        executable = try Self.executable()
        outputDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "skywatch-cli-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    }

    /// Removes the output folder (kept when a comparison failed, so the actual output can be inspected).
    func cleanUp(keep: Bool) {
        if !keep { try? FileManager.default.removeItem(at: outputDirectory) }
    }

    /// A path inside the output folder.
    func output(_ name: String) -> String { outputDirectory.appendingPathComponent(name).path }

    /// A path inside `Fixtures/`.
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Runs `skywatch arguments…` in the output folder; standard output and error go to files (no pipe can fill).
    /// - Throws: when the process cannot be started.
    func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = outputDirectory
        let stdoutURL = outputDirectory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let stderrURL = outputDirectory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        try stdoutHandle.close()
        try stderrHandle.close()
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        return Result(
            status: process.terminationStatus,
            standardOutput: try Data(contentsOf: stdoutURL),
            standardError: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        )
    }

    /// Runs a command that must succeed: records an issue with its standard error when it exits non-zero.
    func runSucceeding(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let r = try run(arguments)
        #expect(
            r.status == 0,
            "skywatch \(arguments.joined(separator: " ")) exited \(r.status):\n\(r.standardError)",
            sourceLocation: sourceLocation
        )
        return r
    }

    /// Standard output made comparable: absolute paths of the fixtures and of the output folder replaced by
    /// `<fixtures>` and `<out>`, and the wall-clock figures (the only non-deterministic text) masked.
    func normalised(_ text: String) -> String {
        var t = text.replacingOccurrences(of: Self.fixtures.path, with: "<fixtures>")
        t = t.replacingOccurrences(of: outputDirectory.path, with: "<out>")
        // macOS temporary folders resolve through /private.
        t = t.replacingOccurrences(of: outputDirectory.resolvingSymlinksInPath().path, with: "<out>")
        var lines: [String] = []
        for line in t.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("wall time tracking ") {
                // `skywatch track`: tracking and I/O wall time, throughput, × real time.
                lines.append("wall time tracking <masked>")
            } else if let range = line.range(of: " s wall ("), line.hasPrefix("simulated ") {
                // `skywatch simulate`: "... in 0.10 s wall (868.5× real time)".
                let head = line[..<range.lowerBound]
                let cut = head.range(of: " in ", options: .backwards)?.lowerBound ?? range.lowerBound
                lines.append(String(line[..<cut]) + " in <masked> s wall (<masked>× real time)")
            } else {
                lines.append(String(line))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Compares `actual` with `Expected/<name>` byte for byte, or writes it there when updating.
    /// - Returns: whether they matched (always `true` when updating).
    @discardableResult
    func compare(_ actual: Data, expected name: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        Self.compare(
            actual,
            with: Self.expected.appendingPathComponent(name),
            keepingActualIn: outputDirectory,
            sourceLocation: sourceLocation
        )
    }

    /// Compares normalised text output with `Expected/<name>`.
    @discardableResult
    func compare(text: String, expected name: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        compare(Data(normalised(text).utf8), expected: name, sourceLocation: sourceLocation)
    }

    /// Compares `actual` with the file at `url`, or writes it there when updating. On a mismatch, records an
    /// issue that shows the first differing line (text) or byte offset (binary) and where the actual output was
    /// kept.
    static func compare(
        _ actual: Data,
        with url: URL,
        keepingActualIn directory: URL,
        sourceLocation: SourceLocation
    ) -> Bool {
        if updating {
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                try actual.write(to: url)
            } catch {
                Issue.record("cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return true
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            let message =
                "missing expected file \(url.path): generate it with SKYWATCH_UPDATE_EXPECTED=1 "
                + "(Tests/SkywatchCLITests/README.md)"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            return false
        }
        if expected == actual { return true }
        let kept = directory.appendingPathComponent("actual-" + url.lastPathComponent)
        try? actual.write(to: kept)
        let message: String =
            "\(url.lastPathComponent) differs from the expected output: \(firstDifference(expected, actual)). "
            + "Actual output kept at \(kept.path); if the change is intended, regenerate with "
            + "SKYWATCH_UPDATE_EXPECTED=1 and review `git diff Tests/SkywatchCLITests`."
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return false
    }

    /// A description of where two outputs first differ.
    static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let e = [UInt8](expected)
        let a = [UInt8](actual)
        let isText =
            !e.contains(0) && !a.contains(0) && String(validating: e, as: UTF8.self) != nil
            && String(validating: a, as: UTF8.self) != nil
        if isText {
            let el = String(decoding: e, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let al = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            for i in 0..<max(el.count, al.count) {
                let x = i < el.count ? String(el[i]) : "<end of file>"
                let y = i < al.count ? String(al[i]) : "<end of file>"
                if x != y {
                    return "line \(i + 1) (of \(el.count) expected, \(al.count) actual)\n"
                        + "  expected: \(x)\n  actual:   \(y)"
                }
            }
            return "same lines, different bytes"
        }
        let n = min(e.count, a.count)
        var i = 0
        while i < n && e[i] == a[i] { i += 1 }
        return "\(e.count) bytes expected, \(a.count) actual, first difference at byte \(i)"
    }
}

/// Why a CLI test stopped.
enum CLITestError: Error {
    case missingExecutable
}

/// FNV-1a 64-bit hash (Fowler, Noll & Vo), to pin a large output (the built-in scenario's tracks.csv) whose
/// full text is too large to commit: a regression detector, not a cryptographic digest.
func fnv1a64(_ data: Data) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in data {
        h ^= UInt64(b)
        h &*= 0x0000_0100_0000_01b3
    }
    return h
}
