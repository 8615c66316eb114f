import Foundation
import SkyASTERIX
import SkyModel
import SkyScenario
import SkySimulation
import Testing

@testable import SkyApp

#if canImport(Glibc)
import Glibc
#endif

/// `skywatch track` inputs and outputs: ASTERIX radar input against the scenario input, CAT062/CAT065 output in
/// a file and by UDP.
struct TrackInputOutputTests {
    /// The rows of a tracks.csv grouped by time, keyed by address (addressed tracks only).
    static func addressed(_ rows: [TrackRow]) -> [Int: [ICAOAddress: TrackRow]] {
        var out: [Int: [ICAOAddress: TrackRow]] = [:]
        for r in rows { if let a = r.icao24 { out[Int(r.time), default: [:]][a] = r } }
        return out
    }

    /// `simulate --out DIR` writes plots.csv and radar.ast (CAT048 + CAT034) of the same run: tracking either must
    /// give the same picture.
    @Test("track --asterix radar.ast --sensors sensors.json gives the picture of track --scenario")
    func asterixInputMatchesScenario() async throws {
        let dir = try await TrackFusionTests.simulate(.airport, seed: 3, duration: 180, name: "asterix")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fromScenario = try TrackInput.scenario(directory: dir)
        let fromASTERIX = try TrackInput.asterix(path: dir + "/radar.ast", sensors: dir + "/sensors.json")
        #expect(fromASTERIX.plots.count == fromScenario.plots.count)
        #expect(fromASTERIX.epochUnixSeconds == fromScenario.epochUnixSeconds)
        #expect(fromASTERIX.reportTimes == fromScenario.reportTimes)
        // Plot for plot, within the ASTERIX quantisation: 1/128 s, 1/256 NM, 360°/2¹⁶ (half an LSB, plus the
        // millisecond / decimetre / 10⁻⁴ ° rounding of plots.csv). Each ASTERIX plot is paired with the nearest
        // unpaired scenario plot of its radar within 10 ms.
        var buckets: [Int: [Int]] = [:]
        for (i, p) in fromScenario.plots.enumerated() { buckets[Int(p.time * 100), default: []].append(i) }
        var used = Set<Int>()
        var worst = (time: 0.0, range: 0.0, azimuth: 0.0)
        var unpaired = 0
        func angle(_ x: Double, _ y: Double) -> Double {
            let d = abs(x - y)
            return d > .pi ? 2 * .pi - d : d
        }
        for q in fromASTERIX.plots {
            let slot = Int(q.time * 100)
            var best = -1
            var bestCost = Double.infinity
            for k in (slot - 1)...(slot + 1) {
                for i in buckets[k] ?? [] where !used.contains(i) {
                    let p = fromScenario.plots[i]
                    guard p.sensor == q.sensor, abs(p.time - q.time) < 0.01 else { continue }
                    let cost = abs(p.slantRangeMetres - q.slantRangeMetres) + angle(p.azimuth, q.azimuth) * 1e5
                    if cost < bestCost { (best, bestCost) = (i, cost) }
                }
            }
            guard best >= 0 else {
                unpaired += 1
                continue
            }
            used.insert(best)
            let p = fromScenario.plots[best]
            #expect(p.address == q.address && p.modeA == q.modeA && p.modeCFeet == q.modeCFeet)
            worst.time = max(worst.time, abs(p.time - q.time))
            worst.range = max(worst.range, abs(p.slantRangeMetres - q.slantRangeMetres))
            worst.azimuth = max(worst.azimuth, angle(p.azimuth, q.azimuth))
        }
        #expect(unpaired == 0)
        #expect(worst.time <= 1.0 / 256 + 0.0005, "time \(worst.time) s")
        #expect(worst.range <= 1852.0 / 512 + 0.05, "range \(worst.range) m")
        let azimuthBound: Double = 2 * Double.pi / 131_072 + 1e-4 * Double.pi / 180
        #expect(worst.azimuth <= azimuthBound, "azimuth \(worst.azimuth) rad")

        _ = try await TrackingPipeline.run(input: fromScenario, output: .csv(dir + "/scenario.csv"))
        _ = try await TrackingPipeline.run(input: fromASTERIX, output: .csv(dir + "/asterix.csv"))
        let rowsA = try TracksCSV.read(path: dir + "/scenario.csv")
        let rowsB = try TracksCSV.read(path: dir + "/asterix.csv")
        // The same number of displayed tracks, within 3 %: the ASTERIX LSBs (1/256 NM, 360°/2¹⁶) move clutter plots
        // by metres, which changes which clutter pairs pass initiation, so a clutter track may live a scan more or less.
        #expect(abs(rowsA.count - rowsB.count) <= rowsA.count * 3 / 100, "\(rowsA.count) vs \(rowsB.count) rows")
        // Every addressed track of one picture is in the other at the same second. Established tracks (shown for
        // 30 s or more) are at the same place within the quantisation effects: ≤ 2 m RMS, 99 % within 10 m (the
        // LSBs are a few metres, the noise 30–40 m). Younger tracks are not compared: with two or three plots the
        // velocity is still the difference of noisy positions, and any input difference is amplified.
        let ia = Self.addressed(rowsA)
        let ib = Self.addressed(rowsB)
        var firstShown: [String: Int] = [:]
        for r in rowsA where firstShown[r.trackID] == nil { firstShown[r.trackID] = Int(r.time) }
        var matched = 0
        var missing = 0
        var distances: [Double] = []
        for (time, tracks) in ia {
            for (address, r) in tracks {
                guard let s = ib[time]?[address] else {
                    missing += 1
                    continue
                }
                matched += 1
                guard time - (firstShown[r.trackID] ?? time) >= 30 else { continue }
                distances.append(
                    TrackFusionTests.distance(
                        (r.latitudeDegrees, r.longitudeDegrees),
                        (s.latitudeDegrees, s.longitudeDegrees)
                    )
                )
            }
        }
        #expect(matched > 3_000)
        #expect(missing <= matched / 200, "\(missing) addressed rows missing of \(matched)")
        #expect(distances.count > matched / 2)
        distances.sort()
        let rmsDifference = (distances.map { $0 * $0 }.reduce(0, +) / Double(max(distances.count, 1))).squareRoot()
        let p99 = distances[distances.count * 99 / 100]
        #expect(rmsDifference < 2, "RMS difference \(rmsDifference) m")
        #expect(p99 < 10, "99th percentile of the difference \(p99) m, largest \(distances.last ?? 0) m")
    }

    /// Decoded CAT062 records and CAT065 end-of-batch messages of an ASTERIX file.
    static func decodeTracks(_ bytes: [UInt8]) throws -> (tracks: [CAT062TrackReport], batches: [UInt8], errors: Int) {
        var sink = RecordRangeSink()
        _ = BlockDecoder.decode(bytes, into: &sink)
        var tracks: [CAT062TrackReport] = []
        var batches: [UInt8] = []
        for r in sink.ranges {
            switch r.category {
            case 62:
                var t = CAT062TrackReport()
                _ = try ItemSlots.decode(.cat062, bytes: bytes, start: r.start, end: r.end, into: &t.slots)
                tracks.append(t)
            case 65:
                var m = ItemSlots(category: 65)
                _ = try ItemSlots.decode(.cat065, bytes: bytes, start: r.start, end: r.end, into: &m)
                batches.append(UInt8(try #require(m.octets(5)).value))
            default: Issue.record("unexpected category \(r.category)")
            }
        }
        return (tracks, batches, sink.errors.count)
    }

    @Test("tracks.ast (CAT062 + CAT065) decodes back to the tracks.csv picture")
    func asterixOutputRoundTrip() async throws {
        let dir = try await TrackFusionTests.simulate(.airport, seed: 5, duration: 90, name: "ast")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var input = try TrackInput.scenario(directory: dir)
        try input.addADSB(path: dir + "/adsb.beast", format: .beast)
        _ = try await TrackingPipeline.run(input: input, output: .csv(dir + "/t.csv"))
        let summary = try await TrackingPipeline.run(input: input, output: .asterix(dir + "/t.ast"))
        let rows = try TracksCSV.read(path: dir + "/t.csv")
        let decoded = try Self.decodeTracks(try ASTERIXFile.read(path: dir + "/t.ast"))
        #expect(decoded.errors == 0)
        // One end of batch per cycle (one per second, 0…90), numbered 0, 1, 2…
        #expect(decoded.batches.count == 91 && summary.cycles == 91)
        #expect(decoded.batches == (0..<91).map { UInt8($0) })
        let live = decoded.tracks.filter { !$0.isTerminated }
        #expect(live.count == rows.count)
        // Each row against its record: same second, number, identity; position within the I062/105 LSB
        // (180/2²⁵ ° ≈ 0.6 m); ground speed within the I062/185 LSB (0.25 m/s) plus the plane's scale (k ≈ 1 + 10⁻⁴).
        let epoch = Int(input.epochUnixSeconds)
        var byKey: [String: TrackRow] = [:]
        for r in rows { byKey["\(Int(r.time) + epoch % 86_400)/\(r.trackID)"] = r }
        for t in live {
            let second = Int(try #require(t.timeOfTrack128)) / 128
            let number = try #require(t.trackNumber)
            let r = try #require(byKey["\(second)/\(number)"])
            let lat = try #require(t.latitudeDegrees)
            let lon = try #require(t.longitudeDegrees)
            #expect(abs(lat - r.latitudeDegrees) <= 180.0 / 33_554_432)
            #expect(abs(lon - r.longitudeDegrees) <= 180.0 / 33_554_432)
            #expect(t.address == r.icao24)
            #expect(t.mode3A?.code == r.modeA)
            let v = try #require(t.velocity)
            let speed = (Double(v.vx) * Double(v.vx) + Double(v.vy) * Double(v.vy)).squareRoot() / 4
            let csvSpeed = ((r.vx ?? 0) * (r.vx ?? 0) + (r.vy ?? 0) * (r.vy ?? 0)).squareRoot()
            #expect(abs(speed - csvSpeed) < 0.25 + 1e-3 * csvSpeed, "\(speed) vs \(csvSpeed)")
            if let h = r.altitudeMetres {
                // I062/136 in quarter flight levels (25 ft).
                let quarterFL = Double(try #require(t.measuredFlightLevel))
                #expect(abs(quarterFL * 25 * 0.3048 - h) <= 25 * 0.3048 / 2 + 1e-6)
            }
        }
        // Ended tracks get one terminated record each.
        let ended = decoded.tracks.filter(\.isTerminated)
        #expect(Set(ended.compactMap(\.trackNumber)).count == ended.count)
    }

    @Test("--out udp://127.0.0.1:PORT sends the tracks.ast data blocks, one datagram each")
    func udpOutputLoopback() async throws {
        let dir = try await TrackFusionTests.simulate(.airport, seed: 9, duration: 30, name: "udp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try TrackInput.scenario(directory: dir)
        let file = try await TrackingPipeline.run(input: input, output: .asterix(dir + "/t.ast"))
        let expected = try ASTERIXFile.read(path: dir + "/t.ast")

        // A receiving socket on the loopback, port chosen by the kernel, with room for the whole run.
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var size: Int32 = 8 << 20
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))

        let summary = try await TrackingPipeline.run(input: input, output: .udp(host: "127.0.0.1", port: port))
        #expect(summary.written == file.written)
        var received: [UInt8] = []
        var datagrams = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n <= 0 { break }
            datagrams += 1
            received += buffer[0..<n]
        }
        #expect(datagrams == file.written[0])
        #expect(received == expected)
    }

    @Test("receiver time stamps: seconds of the UTC day near the radar data, UNIX seconds, or an offset")
    func adsbTimeBase() {
        // 2026-01-15 23:59:50 UTC; a stamp of 5 s after midnight belongs to the next day, 86,390 s to this one.
        let reference = 1_768_521_590.0
        #expect(ADSBTimeBase.utcMidnight.unixSeconds(receiverSeconds: 86_390, reference: reference) == reference)
        #expect(ADSBTimeBase.utcMidnight.unixSeconds(receiverSeconds: 5, reference: reference) == reference + 15)
        #expect(
            ADSBTimeBase.utcMidnight.unixSeconds(receiverSeconds: 1_768_521_600, reference: reference) == 1_768_521_600
        )
        #expect(ADSBTimeBase.offset(1_000).unixSeconds(receiverSeconds: 30.5, reference: reference) == 1_030.5)
    }

    @Test("ADS-B from JSON lines and AVR: timed frames give reports, untimed AVR frames are counted and skipped")
    func adsbTextInputs() async throws {
        let dir = try await TrackFusionTests.simulate(
            .airport,
            seed: 2,
            duration: 20,
            name: "text",
            adsbDiagnostics: true
        )
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try TrackInput.scenario(directory: dir)
        let beast = try Self.decodeADSB(input, path: dir + "/adsb.beast", format: .beast)
        #expect(beast.reports.count > 500)
        // The same frames as JSON lines (UNIX timestamps) and as AVR without time stamps, from adsb.csv.
        let csv = try String(contentsOfFile: dir + "/adsb.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        var jsonl = ""
        var avr = ""
        for line in csv {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let t = input.epochUnixSeconds + Double(f[0])!
            jsonl += "{\"timestamp\": \(t), \"frame\": \"\(f[4])\"}\n"
            avr += "*\(f[4]);\n"
        }
        try jsonl.write(toFile: dir + "/adsb.jsonl", atomically: true, encoding: .utf8)
        try avr.write(toFile: dir + "/adsb.avr", atomically: true, encoding: .utf8)
        let fromJSON = try Self.decodeADSB(input, path: dir + "/adsb.jsonl", format: .jsonl)
        #expect(fromJSON.reports.count == beast.reports.count)
        #expect(fromJSON.inputErrors == 0)
        // Beast stamps are 12 MHz ticks (83 ns): the times agree to the microsecond of adsb.csv.
        for (a, b) in zip(fromJSON.reports, beast.reports) {
            #expect(a.address == b.address && abs(a.time - b.time) < 2e-6)
        }
        let fromAVR = try Self.decodeADSB(input, path: dir + "/adsb.avr", format: .avr)
        #expect(fromAVR.reports.isEmpty && fromAVR.untimedFrames == csv.count)
    }

    /// A Mode S recording's reports as `skywatch track --adsb` reads them (``ADSBReportStream``), with its counters.
    static func decodeADSB(
        _ input: TrackInput,
        path: String,
        format: ModeSInputFormat
    ) throws -> (reports: [ADSBReport], inputErrors: Int, untimedFrames: Int) {
        var input = input
        try input.addADSB(path: path, format: format)
        let stream = ADSBReportStream(try #require(input.adsbFiles.last))
        let reports = ADSBReportStreamTests.drain(stream)
        return (reports, stream.inputErrors, stream.untimedFrames)
    }
}
