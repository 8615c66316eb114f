import Foundation
import SkyModel
import Synchronization
import Testing

@testable import SkyStorage

struct ReplayerTests {
    @Test("The pacer delivers inputs at their data time over speed, and applies speed, pause and resume")
    func pacer() {
        var p = ReplayPacer(speed: 1)
        #expect(p.decide(dataTime: 100, now: 0) == .deliver)  // the first input anchors the data clock
        p.delivered(dataTime: 100)
        #expect(p.decide(dataTime: 100.5, now: 0.25) == .wait(seconds: 0.25))
        #expect(p.decide(dataTime: 100.5, now: 0.5) == .deliver)
        p.delivered(dataTime: 100.5)
        p.setSpeed(2)  // from the last input on: 1.5 s of data at 2× is 0.75 s
        #expect(p.decide(dataTime: 102, now: 0.625) == .wait(seconds: 0.75))
        #expect(p.decide(dataTime: 102, now: 1.375) == .deliver)
        p.pause()
        #expect(p.decide(dataTime: 102, now: 2) == .paused)
        p.resume()  // resumes from the last delivered input (100.5): 102 is due 0.75 s after the resume
        #expect(p.decide(dataTime: 102, now: 10) == .wait(seconds: 0.75))
        #expect(p.position == 100.5)
    }

    /// A recording with inputs spread over 6 s of data.
    func makeRecording(_ dir: TemporaryDirectory) throws -> (Recorder, [RecordedInput]) {
        let recorder = try Pictures.recorder(dir)
        for c in 0..<6 {
            try recorder.record(
                inputs: Pictures.inputs(cycle: c, count: 5),
                picture: Pictures.picture(cycle: c, count: 1),
                wallTime: 0
            )
        }
        return (recorder, try recorder.recording.inputs(from: -.infinity, to: .infinity))
    }

    @Test("Replay at unlimited speed delivers every input of the range in data time order")
    func unlimited() async throws {
        let dir = try TemporaryDirectory()
        let (recorder, all) = try makeRecording(dir)
        let from = Pictures.start + 1
        let to = Pictures.start + 4
        let replayer = Replayer(
            recording: recorder.recording,
            from: from,
            to: to,
            control: ReplayControl(speed: .infinity),
            clock: ContinuousClock()
        )
        var got: [RecordedInput] = []
        try await replayer.run { got.append($0) }
        #expect(got == all.filter { (from...to).contains($0.dataTime) })
        #expect(got.count > 10)
        #expect(replayer.control.pacer.position == got.last?.dataTime)
        try recorder.close()
    }

    @Test("A seek during replay continues from the target data time")
    func seek() async throws {
        let dir = try TemporaryDirectory()
        let (recorder, all) = try makeRecording(dir)
        let control = ReplayControl(speed: .infinity)
        let replayer = Replayer(
            recording: recorder.recording,
            from: -.infinity,
            to: .infinity,
            control: control,
            clock: ContinuousClock()
        )
        var got: [RecordedInput] = []
        let target = Pictures.start + 2
        try await replayer.run { input in
            got.append(input)
            if got.count == 20 { control.seek(to: target) }  // back in time: the inputs from `target` come again
        }
        #expect(got.prefix(20).elementsEqual(all.prefix(20)))
        #expect(got.dropFirst(20).elementsEqual(all.filter { $0.dataTime >= target }))
        try recorder.close()
    }

    @Test("With restart, a seek back restarts from the start of the range: the consumer sees a straight run")
    func seekBackRestarts() async throws {
        let dir = try TemporaryDirectory()
        let (recorder, all) = try makeRecording(dir)
        let control = ReplayControl(speed: .infinity)
        let replayer = Replayer(
            recording: recorder.recording,
            from: -.infinity,
            to: .infinity,
            control: control,
            clock: ContinuousClock()
        )
        var got: [RecordedInput] = []
        var restarts = 0
        // The 20th input is of cycle 3 (5 per cycle, one cycle a second): start + 2 is back in time.
        try await replayer.run(restart: {
            restarts += 1
            got.removeAll()
        }) { input in
            got.append(input)
            if restarts == 0 && got.count == 20 { control.seek(to: Pictures.start + 2) }
        }
        #expect(restarts == 1)
        #expect(got == all)
        try recorder.close()
    }

    @Test("With restart, a seek forward skips nothing, and at the end of the range a seek back is waited for")
    func seekForwardAndAtEnd() async throws {
        struct Stop: Error {}
        let dir = try TemporaryDirectory()
        let (recorder, all) = try makeRecording(dir)
        let control = ReplayControl(speed: .infinity)
        let replayer = Replayer(
            recording: recorder.recording,
            from: -.infinity,
            to: .infinity,
            control: control,
            clock: ContinuousClock()
        )
        var got: [RecordedInput] = []
        var restarts = 0
        do {
            try await replayer.run(
                restart: {
                    restarts += 1
                    got.removeAll()
                },
                waitForSeekAtEnd: true
            ) { input in
                got.append(input)
                if restarts == 0 && got.count == 3 { control.seek(to: Pictures.start + 4) }
                if got.count == all.count {
                    // The first time at the end of the range: back to start + 1; the second time: done.
                    if restarts == 0 {
                        #expect(got == all)
                        control.seek(to: Pictures.start + 1)
                    } else {
                        throw Stop()
                    }
                }
            }
        } catch is Stop {}
        #expect(restarts == 1)
        #expect(got == all)
        try recorder.close()
    }
}
