import SkyASTERIX
import SkyGeodesy
import SkyMath
import SkyModel
import SkyTestSupport
import Testing

/// The typed encoders against the decoder, over seeded random inputs.
struct EncoderTests {
    static let seed: UInt64 = 0xC0DE_0048_0034_0062

    @Test("CAT048Encoder: 10^5 random plots decode back within one LSB")
    func cat048FromPlots() throws {
        var rng = SeededRandom(seed: Self.seed)
        var report = CAT048Report()
        let kinds: [PlotKind] = [.primary, .secondary, .combined, .modeS]
        for n in 0..<100_000 {
            let plot = RadarPlot(
                time: 1_700_000_000 + rng.uniform(0...86_400),
                sensor: SensorID(sac: 25, sic: UInt8(n % 200)),
                slantRangeMetres: rng.uniform(0...470_000),
                azimuth: rng.uniform(0...(2 * Double.pi - 1e-9)),
                modeCFeet: n % 3 == 0 ? nil : rng.uniform(-1000...60_000),
                modeCValid: n % 5 != 0,
                modeA: n % 2 == 0 ? Mode3ACode(UInt16(truncatingIfNeeded: rng.next())) : nil,
                address: n % 4 == 0 ? ICAOAddress(UInt32(truncatingIfNeeded: rng.next())) : nil,
                kind: kinds[n % 4]
            )
            let block = ASTERIXBlocks.pack([CAT048Encoder.report(for: plot).slots])[0]
            _ = try ItemSlots.decode(.cat048, bytes: block, start: 3, end: block.count, into: &report.slots)
            let polar = try #require(report.polar)
            // LSBs: RHO 1/256 NM (half an LSB after rounding), THETA 360/2^16 °, time 1/128 s, Mode C 25 ft.
            let ok =
                abs(polar.rangeMetres - plot.slantRangeMetres) <= 1852.0 / 512 + 1e-9
                && abs(Angle.difference(polar.azimuth, plot.azimuth)) <= Double.pi / 65536 + 1e-12
                && abs(
                    ASTERIXTime.unixSeconds(timeOfDay128: report.timeOfDay128!, nearReference: plot.time) - plot.time
                )
                    <= 1.0 / 256 + 1e-9
                && report.dataSource == plot.sensor
                && report.mode3A?.code == plot.modeA
                && report.address == plot.address
                && (plot.modeCFeet.map { abs(report.flightLevel!.feet - $0) <= 12.5 } ?? (report.flightLevel == nil))
                && (plot.modeCFeet == nil || report.flightLevel!.notValidated == !plot.modeCValid)
            if !ok {
                Issue.record("seed \(Self.seed) plot #\(n): \(plot) → \(report)")
                return
            }
        }
    }

    @Test("CAT034Encoder: north marker and sector crossing")
    func cat034Messages() throws {
        let t = 1_700_000_000.5
        let nm = CAT034Encoder.northMarker(sensor: SensorID(sac: 1, sic: 2), time: t, rotationPeriodSeconds: 4.9453125)
        let sc = CAT034Encoder.sectorCrossing(sensor: SensorID(sac: 1, sic: 2), time: t, azimuth: Double.pi / 2)
        let block = ASTERIXBlocks.pack([nm.slots, sc.slots])
        #expect(block.count == 1)
        let recs = try ASTERIXRecord.decodeBlocks(block[0])
        #expect(recs.count == 2)
        var m = CAT034Message()
        let end = try ItemSlots.decode(.cat034, bytes: block[0], start: 3, end: block[0].count, into: &m.slots)
        #expect(m.messageType == .northMarker)
        #expect(m.rotationPeriodSeconds == 4.9453125)
        #expect(m.timeOfDay128 == ASTERIXTime.timeOfDay128(unixSeconds: t))
        _ = try ItemSlots.decode(.cat034, bytes: block[0], start: end, end: block[0].count, into: &m.slots)
        #expect(m.messageType == .sectorCrossing)
        #expect(m.sectorAzimuthDegrees == 90)
    }

    @Test("CAT062Encoder: 10^5 random system tracks decode back within one LSB")
    func cat062FromTracks() throws {
        var rng = SeededRandom(seed: Self.seed ^ 62)
        var t = CAT062TrackReport()
        let statuses: [TrackStatus] = [.tentative, .confirmed, .coasting, .terminated]
        for n in 0..<100_000 {
            let sx = rng.uniform(1...5000)
            let sy = rng.uniform(1...5000)
            var cov = Matrix<4, 4>.identity
            cov[0, 0] = sx * sx
            cov[1, 1] = sy * sy
            let track = SystemTrack(
                number: UInt32(n),
                time: 1_700_000_000 + rng.uniform(0...86_400),
                position: GeodeticPosition(
                    latitudeDegrees: rng.uniform(-89...89),
                    longitudeDegrees: rng.uniform(-179.9...179.9),
                    heightMetres: rng.uniform(0...15_000)
                ),
                velocity: ENUVector(
                    east: rng.uniform(-400...400),
                    north: rng.uniform(-400...400),
                    up: rng.uniform(-50...50)
                ),
                covariance: cov,
                status: statuses[n % 4],
                modeA: n % 2 == 0 ? Mode3ACode(UInt16(n % 4096)) : nil,
                address: n % 3 == 0 ? ICAOAddress(UInt32(n * 7919)) : nil,
                callsign: n % 5 == 0 ? Callsign("AFR\(n % 10000)") : nil,
                barometricAltitudeFeet: rng.uniform(0...45_000),
                updateCount: n % 7
            )
            let block = ASTERIXBlocks.pack([CAT062Encoder.record(for: track, sdps: SensorID(sac: 25, sic: 100)).slots])[
                0
            ]
            _ = try ItemSlots.decode(.cat062, bytes: block, start: 3, end: block.count, into: &t.slots)
            let lsbDeg = 180.0 / 33_554_432
            let ok =
                abs(t.latitudeDegrees! - track.position.latitudeDegrees) <= lsbDeg / 2 + 1e-12
                && abs(t.longitudeDegrees! - track.position.longitudeDegrees) <= lsbDeg / 2 + 1e-12
                && abs(Double(t.velocity!.vx) / 4 - track.velocity.east) <= 0.125 + 1e-9
                && abs(Double(t.velocity!.vy) / 4 - track.velocity.north) <= 0.125 + 1e-9
                && t.trackNumber == UInt16(truncatingIfNeeded: track.number)
                && t.mode3A?.code == track.modeA
                && t.address == track.address
                && t.callsign == track.callsign
                && abs(Double(t.measuredFlightLevel!) * 25 - track.barometricAltitudeFeet!) <= 12.5 + 1e-9
                && abs(Double(t.geometricAltitude!) * 6.25 * 0.3048 - track.position.heightMetres) <= 3.125 * 0.3048
                    + 1e-9
                && abs(t.estimatedAccuracy!.metric.sigmaX - sx) <= 0.25 + 1e-9
                && t.isTentative == (track.status == .tentative)
                && t.isCoasting == (track.status == .coasting)
                && t.isTerminated == (track.status == .terminated)
            if !ok {
                Issue.record("seed \(Self.seed) track #\(n): \(track) → \(t)")
                return
            }
            // The record is also well-formed for the table-driven decoder.
            if n % 1000 == 0 { _ = try ASTERIXRecord.decodeBlocks(block) }
        }
    }

    @Test("CAT065 end of batch and CAT063 sensor status decode with the table-driven decoder")
    func cat065And063() throws {
        let sdps = SensorID(sac: 25, sic: 100)
        let eob = CAT065Encoder.endOfBatch(sdps: sdps, time: 45827.3984375, batch: 257)
        var out: [UInt8] = []
        eob.encode(into: &out)
        // Same layout as the real CAT065 sample record f8 19 64 02 01 59 81 b3 01 (batch 1, ToD 45827.3984375 s).
        #expect(out == [0xF8, 0x19, 0x64, 0x02, 0x01, 0x59, 0x81, 0xB3, 0x01])
        let st = CAT063Encoder.sensorStatus(
            sdps: sdps,
            time: 10,
            sensor: SensorID(sac: 25, sic: 12),
            connection: .degraded
        )
        let recs = try ASTERIXRecord.decodeBlocks(ItemSlots.block([st]))
        #expect(recs.first?.items[4] == .fixed([25, 12]))
        #expect(recs.first?.items[5] == .variable([[1, 0, 0, 0, 0, 0]]))
    }
}
