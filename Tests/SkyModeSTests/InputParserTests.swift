import SkyModel
import Testing

@testable import SkyModeS

/// Beast and AVR parsing on the real traffic 2.13 sample, and resynchronisation after damage.
struct InputParserTests {
    @Test("Beast sample: 239 Mode S frames, 12 MHz time stamps and signal levels, no errors")
    func beastSample() throws {
        let (frames, errors) = try Fixture.frames("dump1090_sample.beast")
        #expect(frames.count == 239 && errors.isEmpty)
        let first = try #require(frames.first)
        #expect(first.modeSFrame?.hex == "20000ca8f70aa7" && first.signalLevel == 13)
        // 30.2805225 s = 363366270 ticks of 12 MHz (pyModeS reference time).
        #expect(first.timestamp12MHz == 363_366_270)
        #expect(frames.filter { $0.modeSFrame?.isLong == true }.count == 1 + 23 + 16 + 14)
    }

    @Test("AVR sample gives the same frames as the Beast sample")
    func avrSample() throws {
        let beast = try Fixture.frames("dump1090_sample.beast").frames.map { $0.modeSFrame }
        let (avr, errors) = try Fixture.frames("dump1090_sample.avr")
        #expect(errors.isEmpty && avr.map { $0.modeSFrame } == beast)
    }

    @Test("Beast escapes: a 0x1A inside a frame is doubled, and chunked feeding equals whole-buffer parsing")
    func beastEscapesAndChunks() throws {
        // A frame whose time stamp and payload contain 0x1A.
        var stream: [UInt8] = [0x1A, 0x32, 0x00, 0x1A, 0x1A, 0x00, 0x00, 0x00, 0x01, 0x1A, 0x1A]
        stream += [0x20, 0x00, 0x0C, 0xA8, 0xF7, 0x0A, 0x1A, 0x1A]
        let data = try Fixture.bytes("dump1090_sample.beast") + stream + Fixture.bytes("dump1090_sample.beast")
        var whole: [ReceivedFrame] = []
        data.withUnsafeBufferPointer { b in
            var p = BeastParser()
            p.parse(b, isFinal: true, onFrame: { whole.append($0) }, onError: { Issue.record("\($0)") })
        }
        #expect(whole.count == 479)
        #expect(whole[239].timestamp12MHz == 0x001A_0000_0001 && whole[239].signalLevel == 0x1A)
        #expect(whole[239].modeSFrame?.hex == "20000ca8f70a1a")
        for chunk in [1, 2, 3, 7, 64, 1000] {
            var s = BeastStream()
            var got: [ReceivedFrame] = []
            var i = 0
            while i < data.count {
                let end = min(data.count, i + chunk)
                data[i..<end].withUnsafeBufferPointer {
                    s.feed($0, onFrame: { got.append($0) }, onError: { Issue.record("\($0)") })
                }
                i = end
            }
            s.finish(onFrame: { got.append($0) }, onError: { Issue.record("\($0)") })
            #expect(got.map { $0.modeSFrame } == whole.map { $0.modeSFrame }, "chunk \(chunk)")
            #expect(got.map { $0.offset } == whole.map { $0.offset }, "chunk \(chunk)")
        }
    }

    @Test("Beast: garbage and a cut frame are counted with their offsets; neighbours still decode")
    func beastDamage() throws {
        let sample = try Fixture.bytes("dump1090_sample.beast")
        // Frame 0 is 0x1A '2' + 6 + 1 + 7 = 16 bytes; frame 1 has one escaped 0x1A in its time stamp (17 bytes).
        // Cut frame 1 after 5 bytes, add garbage and an unknown frame type.
        let f0 = Array(sample[0..<16])
        let f1 = Array(sample[16..<33])
        let damaged = f0 + [0x55, 0x66, 0x77] + Array(f1[0..<5]) + f1 + [0x1A, 0x39, 0x00] + f0
        var frames: [ReceivedFrame] = []
        var errors: [ModeSInputError] = []
        damaged.withUnsafeBufferPointer { b in
            var p = BeastParser()
            p.parse(b, isFinal: true, onFrame: { frames.append($0) }, onError: { errors.append($0) })
            #expect(p.errorCounts.total == 4)
        }
        #expect(frames.map { $0.offset } == [0, 24, 44])
        #expect(frames.map { $0.modeSFrame?.hex } == ["20000ca8f70aa7", "02e18ca8f1d2ed", "20000ca8f70aa7"])
        #expect(errors.map { $0.code } == [.unsynchronised, .truncatedFrame, .unknownFrameType, .unsynchronised])
        #expect(errors.map { $0.offset } == [16, 19, 41, 43])
    }

    @Test("AVR: MLAT time stamps, bad digits, bad lengths, missing terminators, with line numbers")
    func avrDamage() throws {
        let text =
            "*20000CA8F70AA7;\n@0000015A8D5E8D4840D6202CC371C32CE0576098;\n*20000CX8F70AA7;\n"
            + "junk\n*20000CA8F70A;\n*02E18CA8F1D2ED\n*2800080069952A;\n"
        var frames: [ReceivedFrame] = []
        var errors: [ModeSInputError] = []
        Array(text.utf8).withUnsafeBufferPointer { b in
            var p = AVRParser()
            p.parse(b, isFinal: true, onFrame: { frames.append($0) }, onError: { errors.append($0) })
        }
        #expect(
            frames.map { $0.modeSFrame?.hex } == ["20000ca8f70aa7", "8d4840d6202cc371c32ce0576098", "2800080069952a"]
        )
        #expect(frames[1].timestamp12MHz == 0x0000_015A_8D5E)
        #expect(errors.map { $0.code } == [.badHexDigit, .unsynchronised, .badLength, .missingTerminator])
        #expect(errors.map { $0.line } == [3, 4, 5, 6])
    }
}
