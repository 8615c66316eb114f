import Foundation
import SkyASTERIX
import SkyModel
import SkyTestSupport
import Testing

/// CAT001 1.4 plots and CAT002 1.2 service messages: hand-built records from the specification, typed views,
/// JSON, lossless re-encoding, conversion to `RadarPlot` / `SensorScanEvent`, and the encoders.
struct LegacyRadarTests {
    /// A CAT001 plot with every item of the plot UAP (FRN 1–15 and SP), built octet by octet from the
    /// specification (EUROCONTROL ASTERIX part 2a, CAT001 edition 1.4).
    static let cat001Record: [UInt8] = [
        0xFF, 0xFF, 0x84,  // FSPEC: FRN 1–7, 8–14, 15 and 20 (SP)
        0x19, 0x0D,  // I001/010 SAC 25, SIC 13
        0x3D, 0x70,  // I001/020 TYP 0 SIM 0 SSR/PSR 3 ANT 1 SPI 1 RAB 0 FX; TST 0 DS1/DS2 3 ME 1 MI 0
        0x32, 0x00, 0x40, 0x00,  // I001/040 ρ 12800/128 = 100 NM, θ 0x4000 = 90°
        0x2F, 0xC0,  // I001/070 L, code 7700
        0x05, 0x78,  // I001/090 1400 × ¼ FL = FL 350
        0x0B, 0x06,  // I001/130 two indicators: 5, 3
        0x12, 0x34,  // I001/141 truncated time 0x1234/128 s
        0x82, 0x9C,  // I001/050 V, Mode 2 code 1234
        0x80,  // I001/120 −128 × 2⁻⁸ = −0.5 NM/s
        0xC4,  // I001/131 −60 dBm
        0x01, 0x23,  // I001/080 Mode 3/A confidence
        0x4A, 0xBC, 0x01, 0x23,  // I001/100 G, Mode C code 0xABC, confidence 0x123
        0x04, 0x56,  // I001/060 Mode 2 confidence
        0x05, 0x0E,  // I001/030 warnings 2, 7
        0xA4,  // I001/150 XA, XC, X2
        0x03, 0xAA, 0xBB,  // SP, 3 octets
    ]

    /// A CAT001 radar track (TYP = 1: the track UAP) with I001/010, 020, 161 (track number) and 040.
    static let cat001Track: [UInt8] = [0xF0, 0x19, 0x0D, 0xA0, 0x01, 0x2C, 0x32, 0x00, 0x40, 0x00]

    /// A CAT001 radar track with every item of the track UAP (FRN 1–20 and 22; FRN 21 is random field sequencing).
    static let cat001FullTrack: [UInt8] = [
        0xFF, 0xFF, 0xFD, 0x80,  // FSPEC: FRN 1–7, 8–14, 15–20, 22
        0x19, 0x0D,  // I001/010
        0xA1, 0x80,  // I001/020 TYP 1 (track), SSR/PSR 2, FX; TST
        0x01, 0x2C,  // I001/161 track 300
        0x32, 0x00, 0x40, 0x00,  // I001/040 100 NM, 90°
        0x02, 0x80, 0xFE, 0xC0,  // I001/042 X 640/64 = 10 NM, Y −320/64 = −5 NM
        0x08, 0x00, 0x80, 0x00,  // I001/200 2048 × 2⁻¹⁴ = 0.125 NM/s, 180°
        0x0F, 0xC0,  // I001/070 7700
        0x05, 0x78,  // I001/090 FL 350
        0x12, 0x34,  // I001/141
        0x04,  // I001/130 one indicator: 2
        0xC4,  // I001/131 −60 dBm
        0x10,  // I001/120 16/256 NM/s
        0xC1, 0x80,  // I001/170 CON, RAD, FX; TRE
        0x06,  // I001/210 one indicator: 3
        0x02, 0x9C,  // I001/050 Mode 2 1234
        0x01, 0x23,  // I001/080
        0x0A, 0xBC, 0x01, 0x23,  // I001/100
        0x04, 0x56,  // I001/060
        0x0A,  // I001/030 warning 5
        0x02, 0xEE,  // SP
        0x80,  // I001/150 XA
    ]

    /// A CAT002 north marker with every item of the UAP (FRN 1–11 and SP).
    static let cat002Record: [UInt8] = [
        0xFF, 0xF4,  // FSPEC: FRN 1–7; 8, 9, 10, 11, 13 (SP)
        0x19, 0x0E,  // I002/010
        0x01,  // I002/000 north marker
        0x40,  // I002/020 sector 64 × 360/256 = 90°
        0x46, 0x50, 0x00,  // I002/030 4608000/128 = 36000 s (10:00:00)
        0x02, 0x00,  // I002/041 512/128 = 4 s
        0x54,  // I002/050 one indicator 0x2A
        0x21, 0x06,  // I002/060 indicators 0x10, 0x03
        0x02, 0x04, 0x64, 0x8F, 0xFF,  // I002/070 two counters: (A 0, IDENT 1, 100), (A 1, IDENT 3, 1023)
        0x05, 0x00, 0x64, 0x00, 0x00, 0x00, 0x80, 0x00,  // I002/100 10 NM–200 NM, 0°–180°
        0xFE, 0x05,  // I002/090 −2/128 NM, 5 × 360/2¹⁴ °
        0x3A,  // I002/080 warning 29
        0x02, 0x01,  // SP, 2 octets
    ]

    static func block(_ cat: UInt8, _ records: [UInt8]...) -> [UInt8] {
        let body = records.flatMap { $0 }
        return [cat, UInt8((body.count + 3) >> 8), UInt8((body.count + 3) & 0xFF)] + body
    }

    static func json(_ block: [UInt8]) -> [[String: Any]] {
        var lines: [String] = []
        var sink = JSONLinesSink(input: block) { lines.append($0) }
        BlockDecoder.decode(block, into: &sink)
        return lines.map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test("CAT001 plot: every item of the UAP through the typed view")
    func cat001Typed() throws {
        let b = Self.block(1, Self.cat001Record)
        var r = CAT001Report()
        let end = try r.decode(b, start: 3, end: b.count)
        #expect(end == b.count)
        #expect(r.dataSource == SensorID(sac: 25, sic: 13))
        let d = try #require(r.descriptor)
        #expect(!d.isTrack && !d.isSimulated && d.detection == 3 && d.antenna2 && d.spi && !d.fixedTransponder)
        #expect(!d.isTest && d.ds1ds2 == 3 && d.militaryEmergency && !d.militaryIdentification)
        #expect(r.polar?.rangeNM == 100)
        #expect(r.polar?.azimuthDegrees == 90)
        #expect(r.mode3A?.code == Mode3ACode(0o7700) && r.mode3A?.local == true)
        #expect(r.modeC?.flightLevel == 350 && r.modeC?.feet == 35_000)
        #expect(r.plotCharacteristics == [5, 3])
        #expect(r.truncatedTimeOfDay128 == 0x1234)
        #expect(r.mode2?.code == Mode3ACode(0o1234) && r.mode2?.notValidated == true)
        #expect(r.radialDopplerNMPerSecond == -0.5)
        #expect(r.receivedPowerDBm == -60)
        #expect(r.mode3AConfidence == 0x123)
        #expect(r.modeCCode.map { [$0.notValidated, $0.garbled] } == [false, true])
        #expect(r.modeCCode?.code == 0xABC && r.modeCCode?.confidence == 0x123)
        #expect(r.mode2Confidence == 0x456)
        #expect(r.warnings == [2, 7])
        #expect(r.xPulse == 0xA4)
        #expect(r.specialPurposeOctets == [0x03, 0xAA, 0xBB])
        // Lossless: the slots re-encode to the same octets.
        #expect(ItemSlots.block([r.slots]) == b)
    }

    @Test("CAT001: JSON of a plot and a track (the track UAP chosen by I001/020 TYP)")
    func cat001JSON() throws {
        let b = Self.block(1, Self.cat001Record, Self.cat001Track)
        let lines = Self.json(b)
        try #require(lines.count == 2)
        let plot = lines[0]
        for item in [
            "010", "020", "040", "070", "090", "130", "141", "050", "120", "131", "080", "100", "060",
            "030", "150", "SP",
        ] {
            #expect(plot["I001/\(item)"] != nil, "I001/\(item) missing")
        }
        #expect((plot["I001/040"] as? [String: Any])?["RHO"] as? Double == 100)
        #expect((plot["I001/070"] as? [String: Any])?["MODE3A"] as? String == "7700")
        #expect((plot["I001/090"] as? [String: Any])?["HGT"] as? Double == 350)
        let track = lines[1]
        #expect((track["I001/161"] as? [String: Any])?["161"] as? Int == 300)
        #expect((track["I001/040"] as? [String: Any])?["THETA"] as? Double == 90)
        // The typed plot view refuses the track report.
        var r = CAT001Report()
        #expect(throws: DecodeError.self) {
            try r.decode(b, start: 3 + Self.cat001Record.count, end: b.count)
        }
        // Field-level round trip of both records.
        let records = try ASTERIXRecord.decodeBlocks(b)
        #expect(ASTERIXRecord.block(records) == b)
        // Typed slots: the plot UAP refuses the track, the track UAP reads it losslessly, and the bulk decoder
        // frames both records of the block.
        let trackStart = 3 + Self.cat001Record.count
        var slots = ItemSlots(category: 1)
        #expect(throws: DecodeError.self) {
            try ItemSlots.decode(.cat001, bytes: b, start: trackStart, end: b.count, into: &slots)
        }
        #expect(throws: DecodeError.self) {
            try ItemSlots.decode(.cat001Track, bytes: b, start: 3, end: b.count, into: &slots)
        }
        let trackEnd = try ItemSlots.decode(.cat001Track, bytes: b, start: trackStart, end: b.count, into: &slots)
        #expect(trackEnd == b.count && ItemSlots.block([slots]) == Self.block(1, Self.cat001Track))
        var bulk = try #require(TypedRecordDecoder(category: 1))
        let ends = try b.withUnsafeBytes { base in
            let first = try bulk.decode(base, start: 3, end: base.count, into: &slots)
            let second = try bulk.decode(base, start: first, end: base.count, into: &slots)
            return [first, second]
        }
        #expect(ends == [trackStart, b.count])
        #expect(CAT001Report(slots: slots).descriptor?.isTrack == true)
    }

    @Test("CAT001 track: every item of the track UAP, field by field, losslessly")
    func cat001TrackItems() throws {
        let b = Self.block(1, Self.cat001FullTrack)
        let line = try #require(Self.json(b).first)
        for item in [
            "010", "020", "161", "040", "042", "200", "070", "090", "141", "130", "131", "120", "170",
            "210", "050", "080", "100", "060", "030", "SP", "150",
        ] {
            #expect(line["I001/\(item)"] != nil, "I001/\(item) missing")
        }
        let xy = try #require(line["I001/042"] as? [String: Any])
        #expect(xy["X"] as? Double == 10 && xy["Y"] as? Double == -5)
        let v = try #require(line["I001/200"] as? [String: Any])
        #expect(v["GSP"] as? Double == 0.125 && v["HDG"] as? Double == 180)
        let status = try #require(line["I001/170"] as? [String: Any])
        #expect(status["CON"] as? Int == 1 && status["RAD"] as? Int == 1 && status["TRE"] as? Int == 1)
        #expect((line["I001/161"] as? [String: Any])?["161"] as? Int == 300)
        #expect(ASTERIXRecord.block(try ASTERIXRecord.decodeBlocks(b)) == b)
        var slots = ItemSlots(category: 1)
        _ = try ItemSlots.decode(.cat001Track, bytes: b, start: 3, end: b.count, into: &slots)
        #expect(ItemSlots.block([slots]) == b)
        #expect(CAT001Report(slots: slots).descriptor?.isTrack == true)
    }

    @Test("CAT002 north marker: every item of the UAP through the typed view")
    func cat002Typed() throws {
        let b = Self.block(2, Self.cat002Record)
        var m = CAT002Message()
        _ = try ItemSlots.decode(.cat002, bytes: b, start: 3, end: b.count, into: &m.slots)
        #expect(m.dataSource == SensorID(sac: 25, sic: 14))
        #expect(m.messageType == .northMarker)
        #expect(m.sectorAzimuthDegrees == 90)
        #expect(m.timeOfDay128.map { Int($0) } == 4_608_000)  // 36000 s × 128
        #expect(m.rotationPeriodSeconds == 4)
        #expect(m.configuration == [0x2A])
        #expect(m.processingMode == [0x10, 0x03])
        let counts = m.plotCounts
        #expect(counts.count == 2)
        #expect(counts.first.map { [$0.antenna2 ? 1 : 0, Int($0.ident), Int($0.count)] } == [0, 1, 100])
        #expect(counts.last.map { [$0.antenna2 ? 1 : 0, Int($0.ident), Int($0.count)] } == [1, 3, 1023])
        #expect(m.dynamicWindowRaw == 0x0500_6400_0000_8000)
        let collimation = try #require(m.collimationError)
        let expectedAzimuth: Double = 5 * 360 / 16_384
        #expect(collimation.rangeNM == -2.0 / 128)
        #expect(collimation.azimuthDegrees == expectedAzimuth)
        #expect(m.warnings == [29])
        #expect(m.specialPurposeOctets == [0x02, 0x01])
        #expect(ItemSlots.block([m.slots]) == b)
        let line = try #require(Self.json(b).first)
        for item in ["010", "000", "020", "030", "041", "050", "060", "070", "100", "090", "080", "SP"] {
            #expect(line["I002/\(item)"] != nil, "I002/\(item) missing")
        }
    }

    @Test("Truncated time of day: the 512 s wrap nearest the reference")
    func truncatedTime() {
        let midnight = 1_700_006_400.0  // 2023-11-15 00:00:00 UTC
        let t = midnight + 36_000.5  // 10:00:00.5
        let ttod = UInt16(truncatingIfNeeded: ASTERIXTime.timeOfDay128(unixSeconds: t))
        for offset in [-250.0, -10, 0, 10, 250] {
            #expect(ASTERIXTime.unixSeconds(truncatedTimeOfDay128: ttod, nearReference: t + offset) == t)
        }
        // Across midnight: 23:59:59 with a reference just after midnight.
        let late = midnight - 1
        let lt = UInt16(truncatingIfNeeded: ASTERIXTime.timeOfDay128(unixSeconds: late))
        #expect(ASTERIXTime.unixSeconds(truncatedTimeOfDay128: lt, nearReference: midnight + 3) == late)
    }

    @Test("Encoders: plots and scan timing as CAT001 + CAT002 convert back to the same plots and scan events")
    func encodeDecodeConvert() throws {
        let epoch = 1_700_000_000.0
        let sensor = SensorID(sac: 25, sic: 13)
        var rng = SeededRandom(seed: 0xC001_0002)
        var plots: [RadarPlot] = []
        for i in 0..<500 {
            let kind: PlotKind = [.primary, .secondary, .combined][i % 3]
            let time = epoch + Double(i) * 0.37
            plots.append(
                RadarPlot(
                    time: (time * 128).rounded() / 128,
                    sensor: sensor,
                    slantRangeMetres: Double(rng.next() % 60_000) / 128 * 1852,
                    azimuth: Double(rng.next() % 65_536) * 2 * .pi / 65_536,
                    modeCFeet: kind == .primary ? nil : Double(Int(rng.next() % 1600) - 100) * 25,
                    modeCValid: i % 5 != 0,
                    modeA: kind == .primary ? nil : Mode3ACode(UInt16(rng.next() % 4096)),
                    kind: kind
                )
            )
        }
        var stream: [[UInt8]] = []
        var assembler = RadarPlotAssembler(reference: epoch)
        var events: [SensorScanEvent] = []
        var decoded: [RadarPlot] = []
        for (i, p) in plots.enumerated() {
            if i % 50 == 0 {
                let m = CAT002Encoder.northMarker(sensor: sensor, time: p.time, rotationPeriodSeconds: 4)
                stream.append(ItemSlots.block([m.slots]))
            }
            stream.append(ItemSlots.block([CAT001Encoder.report(for: p).slots]))
        }
        stream.append(
            ItemSlots.block([CAT002Encoder.sectorCrossing(sensor: sensor, time: epoch + 200, azimuth: .pi).slots])
        )
        var report = CAT001Report()
        var message = CAT002Message()
        for b in stream {
            if b[0] == 1 {
                _ = try report.decode(b, start: 3, end: b.count)
                #expect(ItemSlots.block([report.slots]) == b)  // encode(decode(bytes)) == bytes
                let plot = assembler.plot(report)
                decoded.append(try #require(plot))
            } else {
                _ = try ItemSlots.decode(.cat002, bytes: b, start: 3, end: b.count, into: &message.slots)
                #expect(ItemSlots.block([message.slots]) == b)
                if let e = assembler.add(message) { events.append(e) }
            }
        }
        try #require(decoded.count == plots.count)
        for (p, q) in zip(plots, decoded) {
            #expect(q.time == p.time)
            #expect(q.sensor == p.sensor && q.kind == p.kind)
            #expect(q.slantRangeMetres == p.slantRangeMetres)  // on the 1/128 NM grid: exact
            #expect(abs(q.azimuth - p.azimuth) < 1e-12)
            #expect(q.modeCFeet == p.modeCFeet && q.modeA == p.modeA)
            #expect(q.modeCValid == (p.modeCFeet == nil ? false : p.modeCValid))
        }
        let expectedScans: [Int32] = (0..<plots.count).map { Int32($0 / 50 + 1) }
        #expect(decoded.map(\.scan) == expectedScans)
        #expect(events.count == 11)
        #expect(
            events.first == SensorScanEvent(time: plots[0].time, sensor: sensor, kind: .north, rotationPeriodSeconds: 4)
        )
        #expect(events.last?.kind == .sector && events.last?.azimuth == .pi)
        #expect(assembler.sensors[sensor]?.rotationPeriodSeconds == 4)
    }

    @Test("CAT034 messages give scan events too")
    func cat034Events() {
        var a = RadarPlotAssembler(reference: 1_700_000_000)
        let s = SensorID(sac: 1, sic: 2)
        let e = a.add(CAT034Encoder.northMarker(sensor: s, time: 1_700_000_010, rotationPeriodSeconds: 8))
        #expect(e == SensorScanEvent(time: 1_700_000_010, sensor: s, kind: .north, rotationPeriodSeconds: 8))
        let f = a.add(CAT034Encoder.sectorCrossing(sensor: s, time: 1_700_000_012, azimuth: .pi / 2))
        #expect(f?.kind == .sector && f?.azimuth == .pi / 2)
    }
}

/// CAT001/CAT002 fuzzing as for CAT048 (`FuzzTests`): mutated blocks never trap, every error carries an offset
/// inside the input and a message, and a valid block after a bad one still decodes. 10⁵ inputs by default;
/// `SKYWATCH_FUZZ_FULL=1` runs the full 10⁶.
struct LegacyRadarFuzzTests {
    static let seed: UInt64 = 0xF022_0001_0002_0001

    @Test("Mutated CAT001/CAT002 blocks: no crash, located errors, recovery at the next block")
    func fuzz() throws {
        let count = ProcessInfo.processInfo.environment["SKYWATCH_FUZZ_FULL"] == "1" ? 1_000_000 : 100_000
        var corpus: [[UInt8]] = [
            LegacyRadarTests.block(1, LegacyRadarTests.cat001Record, LegacyRadarTests.cat001Track),
            LegacyRadarTests.block(2, LegacyRadarTests.cat002Record),
            LegacyRadarTests.block(1, LegacyRadarTests.cat001FullTrack, LegacyRadarTests.cat001Record),
        ]
        var gen = RandomRecords(rng: SeededRandom(seed: Self.seed))
        for uap in [UAP.cat001, .cat002] {
            for _ in 0..<50 { corpus.append(ASTERIXRecord.block((0..<3).map { _ in gen.record(uap) })) }
        }
        let tail = corpus[0]
        var rng = SeededRandom(seed: Self.seed ^ 1)
        var buffer: [UInt8] = []
        var errors = 0
        var badErrors = 0
        var lostTails = 0
        for n in 0..<count {
            let base = corpus[Int(rng.next() % UInt64(corpus.count))]
            buffer.removeAll(keepingCapacity: true)
            buffer += base
            var headerIntact = true
            switch n % 6 {
            case 0, 1, 2:  // bit flips (TYP flips switch CAT001 between its plot and track UAPs)
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let i = 3 + Int(rng.next() % UInt64(base.count - 3))
                    buffer[i] ^= 1 << UInt8(rng.next() % 8)
                }
            case 3:  // truncation with LEN fixed up
                let cut = 3 + Int(rng.next() % UInt64(base.count - 3))
                buffer.removeLast(buffer.count - cut)
                buffer[1] = UInt8(buffer.count >> 8)
                buffer[2] = UInt8(buffer.count & 0xFF)
            case 4:  // bad LEN
                let len = rng.next() % 2 == 0 ? base.count + 1 + Int(rng.next() % 300) : Int(rng.next() % 3)
                buffer[1] = UInt8(truncatingIfNeeded: len >> 8)
                buffer[2] = UInt8(truncatingIfNeeded: len)
                headerIntact = false
            default:  // large bytes sprayed: repetition factors, FX chains, explicit lengths
                for _ in 0..<3 {
                    let i = 3 + Int(rng.next() % UInt64(base.count - 3))
                    buffer[i] = 0xF0 | UInt8(rng.next() % 16)
                }
            }
            let tailStart = buffer.count
            buffer += tail
            var sink = FuzzTests.TailCounter(inner: FuzzTests.CheckingSink(tailStart: tailStart, limit: buffer.count))
            BlockDecoder.decode(buffer, into: &sink)
            errors += sink.inner.errors
            badErrors += sink.inner.badErrors
            // The tail block holds two records (a plot and a track).
            if headerIntact && sink.inner.tailRecords != 2 { lostTails += 1 }
            // The typed views never trap either.
            if buffer[0] == 1 {
                var r = CAT001Report()
                _ = try? r.decode(buffer, start: 3, end: min(tailStart, buffer.count))
            }
        }
        #expect(badErrors == 0, "seed \(Self.seed)")
        #expect(lostTails == 0, "seed \(Self.seed)")
        #expect(errors > count / 4, "seed \(Self.seed): \(errors) errors in \(count) inputs")
        print(
            "LegacyRadarFuzzTests: \(count) inputs, \(errors) errors, \(badErrors) unlocated, \(lostTails) lost tails"
        )
    }
}

/// The same plots sent as CAT048 + CAT034 and as CAT001 + CAT002 give the same `RadarPlot`s and scan numbers,
/// within what CAT001 carries: range on a 1/128 NM grid (CAT048: 1/256 NM), no Mode S address, Mode S plots
/// as SSR plots. The basis of the "same scenario, same tracks" comparison.
struct LegacyVersusCAT048Tests {
    @Test("CAT001+CAT002 and CAT048+CAT034 give the same plots within CAT001's precision")
    func samePlots() throws {
        let epoch = 1_700_000_000.0
        let sensor = SensorID(sac: 25, sic: 12)
        var rng = SeededRandom(seed: 0x0001_0048)
        var modern = RadarPlotAssembler(reference: epoch)
        var legacy = RadarPlotAssembler(reference: epoch)
        var worstRangeMetres = 0.0
        var compared = 0
        for scan in 0..<30 {
            let t = epoch + Double(scan) * 4.8
            _ = modern.add(CAT034Encoder.northMarker(sensor: sensor, time: t, rotationPeriodSeconds: 4.8))
            _ = legacy.add(CAT002Encoder.northMarker(sensor: sensor, time: t, rotationPeriodSeconds: 4.8))
            for i in 0..<40 {
                let kind: PlotKind = [.primary, .secondary, .combined, .modeS][i % 4]
                let plot = RadarPlot(
                    time: t + Double(i) * 0.1,
                    sensor: sensor,
                    slantRangeMetres: 5_000 + Double(rng.next() % 400_000),
                    azimuth: Double(rng.next() % 6_283) / 1000,
                    modeCFeet: kind == .primary ? nil : Double(rng.next() % 400) * 100,
                    modeA: kind == .primary ? nil : Mode3ACode(UInt16(rng.next() % 4096)),
                    address: kind == .modeS ? ICAOAddress(UInt32(0x3C_0000 + i)) : nil,
                    kind: kind
                )
                let b048 = ItemSlots.block([CAT048Encoder.report(for: plot).slots])
                let b001 = ItemSlots.block([CAT001Encoder.report(for: plot).slots])
                var r048 = CAT048Report()
                var r001 = CAT001Report()
                _ = try ItemSlots.decode(.cat048, bytes: b048, start: 3, end: b048.count, into: &r048.slots)
                _ = try r001.decode(b001, start: 3, end: b001.count)
                let m048 = modern.plot(r048)
                let m001 = legacy.plot(r001)
                let p048 = try #require(m048)
                let p001 = try #require(m001)
                #expect(p001.time == p048.time && p001.sensor == p048.sensor && p001.scan == p048.scan)
                #expect(p001.azimuth == p048.azimuth)
                #expect(p001.modeCFeet == p048.modeCFeet && p001.modeA == p048.modeA)
                #expect(p001.kind == (p048.kind == .modeS ? .secondary : p048.kind))
                #expect(p001.address == nil)
                // Half a CAT001 range LSB (1852/256 m ≈ 3.6 m) plus half a CAT048 one.
                let dr = abs(p001.slantRangeMetres - p048.slantRangeMetres)
                #expect(dr <= 1852.0 / 256 + 1852.0 / 512 + 1e-9)
                worstRangeMetres = max(worstRangeMetres, dr)
                compared += 1
            }
        }
        #expect(compared == 1200 && worstRangeMetres > 0)
    }
}
