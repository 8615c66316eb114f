import SkyGeodesy
import SkyModel
import Testing

@testable import SkyTracking

/// The reorder window ordering inputs by a time the caller gives (a radar plot's stamp corrected by its radar's
/// registered time offset) while its clock runs on the inputs' own times.
struct InputReorderBufferTests {
    static let radar = SensorID(sac: 0, sic: 1)

    static func plot(stamped time: Double) -> SurveillanceInput {
        .radar(RadarPlot(time: time, sensor: radar, slantRangeMetres: 50_000, azimuth: 1, kind: .modeS))
    }

    static func report(at time: Double) -> SurveillanceInput {
        .adsb(
            ADSBReport(
                time: time,
                address: ICAOAddress(0x3C_0001),
                position: GeodeticPosition(latitudeDegrees: 48.8, longitudeDegrees: 2.4)
            )
        )
    }

    @Test("a plot stamped 0.3 s late, ordered at its corrected time, comes out before the reports of those 0.3 s")
    func orderedByGivenTime() {
        var buffer = InputReorderBuffer(windowSeconds: 0.3)
        var out: [(kind: Int, time: Double, stamp: Double)] = []
        func take(_ r: InputReorderBuffer.Release) {
            #expect(!r.late)
            out.append((r.input.kindRank, r.time, r.input.time))
        }
        // Arrival order (a file sorted by stamps): reports at 10.1 and 10.2 s, the plot stamped 10.3 s (measured
        // at 10.0 s), a report at 10.4 s, the next plot stamped 14.3 s (measured at 14.0 s).
        buffer.insert(Self.report(at: 10.1), take)
        buffer.insert(Self.report(at: 10.2), take)
        buffer.insert(Self.plot(stamped: 10.3), at: 10.0, take)
        #expect(out.map(\.time) == [10.0], "the clock is at the plot's stamp: 10.3 − 0.3 releases through 10.0")
        #expect(buffer.newestTime == 10.3)
        buffer.insert(Self.report(at: 10.4), take)
        buffer.insert(Self.plot(stamped: 14.3), at: 14.0, take)
        #expect(out.map(\.time) == [10.0, 10.1, 10.2, 10.4, 14.0])
        #expect(out.map(\.kind) == [0, 1, 1, 1, 0])
        #expect(out.map(\.stamp) == [10.3, 10.1, 10.2, 10.4, 14.3], "the inputs themselves are unchanged")
        #expect(buffer.lateCount == 0 && buffer.count == 0)

        // A report older than the last released time is late, by the given times.
        var late: [Double] = []
        buffer.insert(Self.report(at: 13.5)) { late.append($0.latenessSeconds) }
        #expect(late.count == 1 && abs(late[0] - 0.5) < 1e-9)
        #expect(buffer.lateCount == 1)
    }

    @Test("without a window and with the inputs' own times, inputs pass straight through as before")
    func ownTimesStraightThrough() {
        var buffer = InputReorderBuffer(windowSeconds: 0)
        var out: [Double] = []
        for t in [1.0, 1.5, 2.0] { buffer.insert(Self.plot(stamped: t), at: t) { out.append($0.time) } }
        #expect(out == [1.0, 1.5, 2.0] && buffer.count == 0)
    }
}
