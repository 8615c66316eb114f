import Foundation
import SkyApp
import SkyGeodesy
import SkyModel
import SkyScenario
import SkySimulation
import SkyTracking
import Testing

/// ADS-B as an ASTERIX ground station sends it (CAT021, mixed with the radars' CAT048 + CAT034 in `radar.ast`)
/// against the same run's DF17 frames as Beast (`adsb.beast`, decoded by `skywatch track --adsb`): the fused
/// picture is the same.
///
/// The tolerance. The simulated ground station decodes the same frames with the same decoder and aircraft table
/// as `--adsb` (`SimulationCAT021Station`), so both runs fuse the same reports; CAT021 changes only their
/// resolution. The one resolution that matters is time: I021/073 has a 1/128 s LSB (Beast: 1/12 µs), so a
/// report's time moves by up to 1/256 s = 3.9 ms, and its position, sent exactly (I021/131, 180/2³⁰ ° ≈ 2 cm), is
/// then taken as the aircraft's position 3.9 ms off: at most 250 m/s × 3.9 ms ≈ 1 m along track for the
/// fastest aircraft here (RMS of the uniform rounding 2.3 ms: 0.6 m). The velocity (2⁻¹⁴ NM/s ≈ 0.11 m/s, track
/// angle 360/2¹⁶ °) moves a one-second extrapolation by 0.1 m. The median position error against the truth can
/// therefore differ by at most about 1 m between the two runs: the test allows 1 m, and asserts the same tracks
/// for every aircraft.
struct CAT021FusionTests {
    /// The airport preset, seed 1, 120 s (43 aircraft at once, 22 with ADS-B, 5,070 position reports).
    static func simulate(_ format: SimulationADSBFormat) async throws -> String {
        let dir = NSTemporaryDirectory() + "skywatch-cat021-\(format.rawValue)-\(UUID().uuidString)"
        _ = try await SimulationRun.run(
            SimulationPreset.airport.configuration(seed: 1, durationSeconds: 120),
            output: .directory(dir),
            speed: nil,
            adsbFormat: format
        )
        return dir
    }

    /// Per ADS-B address: the track ids carrying it, and the horizontal errors of those rows against the truth of
    /// the same second (seconds in radar coverage only).
    static func score(tracks: [TrackRow], truth: [TruthRow]) -> (tracks: [ICAOAddress: Set<String>], errors: [Double]) {
        var truthAt: [ICAOAddress: [Int: TruthRow]] = [:]
        for r in truth where r.coverageCount > 0 { if let a = r.icao24 { truthAt[a, default: [:]][r.time] = r } }
        var ids: [ICAOAddress: Set<String>] = [:]
        var errors: [Double] = []
        for row in tracks {
            guard let a = row.icao24, let t = truthAt[a]?[Int(row.time)] else { continue }
            ids[a, default: []].insert(row.trackID)
            errors.append(
                Geodesic.inverse(
                    from: GeodeticPosition(
                        latitudeDegrees: row.latitudeDegrees,
                        longitudeDegrees: row.longitudeDegrees
                    ),
                    to: GeodeticPosition(latitudeDegrees: t.latitudeDegrees, longitudeDegrees: t.longitudeDegrees)
                ).distanceMetres
            )
        }
        return (ids, errors)
    }

    static func median(_ x: [Double]) -> Double { x.sorted()[x.count / 2] }

    @Test("airport, radar + ADS-B: CAT021 gives the same fused picture as Beast (tracks per aircraft, median error)")
    func samePicture() async throws {
        let beastDir = try await Self.simulate(.beast)
        let cat021Dir = try await Self.simulate(.cat021)
        defer { for d in [beastDir, cat021Dir] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(!FileManager.default.fileExists(atPath: cat021Dir + "/adsb.beast"))

        // `skywatch track --asterix radar.ast --sensors sensors.json --adsb adsb.beast`, and the same without
        // --adsb on the radar.ast that holds the CAT021 reports.
        var beast = try TrackInput.asterix(path: beastDir + "/radar.ast", sensors: beastDir + "/sensors.json")
        try beast.addADSB(path: beastDir + "/adsb.beast", format: .beast)
        let cat021 = try TrackInput.asterix(path: cat021Dir + "/radar.ast", sensors: cat021Dir + "/sensors.json")
        #expect(cat021.notes.allSatisfy { !$0.contains("error") }, "\(cat021.notes)")
        #expect(beast.plots == cat021.plots)
        let beastReports = beast.allADSBReports()
        #expect(beastReports.count == cat021.reports.count)
        #expect(beastReports.count > 4_000)
        // Report for report: the same aircraft, time within 1/256 s, position within 2 cm.
        for (r, s) in zip(beastReports, cat021.reports) where r.address == s.address {
            #expect(abs(r.time - s.time) <= 1.0 / 256 + 1e-6)
        }
        #expect(zip(beastReports, cat021.reports).filter { $0.address != $1.address }.count < beastReports.count / 20)

        let beastRun = try await TrackingPipeline.run(input: beast, output: .csv(beastDir + "/fused.csv"))
        let cat021Run = try await TrackingPipeline.run(input: cat021, output: .csv(cat021Dir + "/fused.csv"))
        #expect(beastRun.adsb.applied == cat021Run.adsb.applied)
        #expect(cat021Run.adsb.rejectedByPositionGate == 0 && cat021Run.adsb.unusable == 0)
        #expect(beastRun.statistics.tracksConfirmed == cat021Run.statistics.tracksConfirmed)

        let truth = try Scenario.loadTruth(directory: beastDir)
        let a = Self.score(tracks: try TracksCSV.read(path: beastDir + "/fused.csv"), truth: truth)
        let b = Self.score(tracks: try TracksCSV.read(path: cat021Dir + "/fused.csv"), truth: truth)
        let equipped = Set(beastReports.map(\.address))
        #expect(equipped.count >= 20)
        // Tracks per aircraft: the same number for every aircraft, one for every ADS-B aircraft.
        #expect(a.tracks.mapValues(\.count) == b.tracks.mapValues(\.count))
        for address in equipped where a.tracks[address] != nil {
            #expect(b.tracks[address]?.count == 1, "\(address): \(b.tracks[address] ?? [])")
        }
        let medianA = Self.median(a.errors)
        let medianB = Self.median(b.errors)
        print("fused median error: Beast \(medianA) m, CAT021 \(medianB) m (\(a.errors.count), \(b.errors.count) rows)")
        #expect(a.errors.count == b.errors.count)
        #expect(abs(medianA - medianB) <= 1, "median error Beast \(medianA) m, CAT021 \(medianB) m")
    }
}
