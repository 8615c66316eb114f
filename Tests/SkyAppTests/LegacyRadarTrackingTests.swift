import Foundation
import SkyApp
import SkyGeodesy
import SkyModel
import SkyScenario
import SkySimulation
import SkyTracking
import Testing

/// A legacy radar's output (CAT001 plots + CAT002 north and sector messages) through the same path as
/// `skywatch track --asterix radar.ast --sensors sensors.json`, against the same simulated run written as
/// CAT048 + CAT034: the same confirmed tracks, positions equal within the precision CAT001 carries.
///
/// The precision bound. Both formats carry the azimuth with the same LSB (360/2¹⁶ °), the time of day in 1/128 s
/// (CAT001's I001/141 is its 16 low bits, resolved against the CAT002 north marker's full time), Mode 3/A and
/// Mode C in ¼ FL: those are bit for bit the same. Only the range differs: RHO LSB 1/128 NM in I001/040 against
/// 1/256 NM in I048/040. Both round the same slant range to their grid and the 1/128 NM grid is a subset of the
/// 1/256 NM one, so a plot's two ranges differ by 0 or exactly ε = 1/256 NM = 7.234 m, radially:
/// ```
/// |r₀₀₁ − r₀₄₈| ≤ |r₀₀₁ − r| + |r − r₀₄₈| ≤ 1/256 + 1/512 NM, and both are multiples of 1/256 NM ⇒ ≤ ε
/// ```
/// With a true range uniform within the grid the difference is 0 half the time and ±ε a quarter each: RMS ε/√2 =
/// 5.12 m per plot. (The horizontal difference is the slant one times r/ρ, the secant of the elevation: < 1.01 for
/// the targets below, ≤ 7° up.)
///
/// Propagation by the tracker. A track starts from two plots differenced (`confirmHitsDiscreteCode` = 2): its
/// position can differ by ε and its velocity by 2ε/T (T = 4 s, one scan), so a row Δt after the last plot by
/// ε(1 + 2Δt/T): ≤ 3ε while the next plot is due, ≤ 5ε = 36 m if it is missed (Pd 0.97). Once settled (here: five
/// scans, 20 s), the filter is near its steady state and its output is a fixed linear combination of the plots,
/// x̂ = Σ wₖ zₖ with Σ wₖ = 1, so a perturbation of at most ε per plot moves it by at most ε·Σ|wₖ|, and one of RMS
/// ε/√2, uncorrelated from plot to plot, by ε/√2·(Σ wₖ²)^½. For a steady-state position–velocity (α–β,
/// Benedict–Bordner) filter with α ≤ 0.7, reported up to two scans after its last plot, Σ|wₖ| ≤ 2.5; with
/// α ≤ 0.6 and up to one scan after, Σ wₖ² ≤ 0.91 < 1 (the filter averages). Asserted: every difference ≤ 5ε
/// during the first five scans of a track, ≤ 2.5ε = 18.1 m after, and the RMS difference after ≤ ε/√2 = 5.1 m.
/// Measured (seed 7): first five scans max 20.8 m (2.9ε); after, max 9.6 m (1.3ε), RMS 3.8 m.
struct LegacyRadarTrackingTests {
    static let site = GeodeticPosition(latitudeDegrees: 48.0, longitudeDegrees: 2.0, heightMetres: 100)
    static let epsilonMetres = 1852.0 / 256

    /// One SSR radar (4 s, 30 m, 0.07°; no primary channel, no false plots: every plot belongs to an aircraft)
    /// and six Mode A/C aircraft flying straight, 25–75 km out and spread in azimuth; 120 s.
    ///
    /// SSR rather than Mode S: CAT001 has no Mode S address, so a Mode S radar's CAT001 plots lose it and the
    /// tracker associates them on position and Mode A alone; that is a difference in what is sent, not in
    /// precision, and would make the comparison about association rather than CAT001's resolution.
    static func configuration() -> SimulationConfiguration {
        let radar = RadarConfiguration(
            radarID: 3,
            name: "SSR 3",
            site: site,
            kind: .ssr,
            hasPrimary: false,
            rotationPeriodSeconds: 4,
            azimuthAtEpoch: 0.3,
            rangeSigmaMetres: 30,
            azimuthSigma: 0.07 * .pi / 180,
            minRangeMetres: 926,
            maxRangeMetres: 150 * 1852,
            secondaryReplyProbability: 0.97,
            modeAProbability: 1,
            modeCProbability: 1,
            falsePlotsPerScan: 0
        )
        let targets = (0..<6).map { k in
            let bearing = Double(10 + 60 * k) * .pi / 180
            let distance = 25_000 + 10_000 * Double(k)
            let height = 3_000 + 1_000 * Double(k)
            let identity = TargetIdentity(
                truthID: k + 1,
                category: .airliner,
                transponder: .modeAC,
                modeA: Mode3ACode(UInt16(0o1201 + k)),
                radarCrossSectionSquareMetres: 10
            )
            let speed = 120 + 20 * Double(k)
            return TargetSpecification(
                identity: identity,
                initialPosition: TrafficFactory.point(from: site, bearing: bearing, distance: distance, height: height),
                initialHeading: bearing + Double(k % 3 + 1) * .pi / 4,
                initialSpeed: speed,
                motion: .steady(SteadyMotion(speed: speed))
            )
        }
        return SimulationConfiguration(
            name: "legacy",
            epochUnixSeconds: 1_768_478_400,
            durationSeconds: 120,
            reference: site,
            seed: 7,
            radars: [radar],
            targets: targets
        )
    }

    /// Simulates into a new folder with `format`, tracks its `radar.ast` as `skywatch track --asterix` does.
    static func run(
        _ format: SimulationRadarFormat
    ) async throws -> (
        input: TrackInput, summary: TrackingPipeline.Summary, rows: [TrackRow]
    ) {
        let dir = NSTemporaryDirectory() + "skywatch-legacy-\(format.rawValue)-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try await SimulationRun.run(
            configuration(),
            output: .directory(dir),
            speed: nil,
            radarFormat: format
        )
        let input = try TrackInput.asterix(path: dir + "/radar.ast", sensors: dir + "/sensors.json")
        let summary = try await TrackingPipeline.run(input: input, output: .csv(dir + "/tracks.csv"))
        return (input, summary, try TracksCSV.read(path: dir + "/tracks.csv"))
    }

    @Test(
        "CAT001 + CAT002 vs CAT048 + CAT034 of one run: same plots but for range, same tracks within CAT001's precision"
    )
    func sameTracks() async throws {
        let modern = try await Self.run(.cat048)
        let legacy = try await Self.run(.cat001)
        #expect(modern.input.notes.allSatisfy { !$0.contains("error") }, "\(modern.input.notes)")
        #expect(legacy.input.notes.allSatisfy { !$0.contains("error") }, "\(legacy.input.notes)")

        // The plots: one for one, in the same order; equal but for the range, which differs by 0 or ε.
        let a = modern.input.plots
        let b = legacy.input.plots
        #expect(a.count == b.count)
        #expect(a.count > 150, "\(a.count) plots")  // 6 aircraft × 30 scans × 0.97
        var rangeDifferences = [0, 0]
        for (p, q) in zip(a, b) {
            #expect(p.time == q.time && p.sensor == q.sensor && p.azimuth == q.azimuth)
            #expect(p.modeA == q.modeA && p.modeCFeet == q.modeCFeet && p.kind == q.kind)
            let d = abs(p.slantRangeMetres - q.slantRangeMetres)
            #expect(
                d < 1e-9 || abs(d - Self.epsilonMetres) < 1e-9,
                "range \(p.slantRangeMetres) vs \(q.slantRangeMetres)"
            )
            rangeDifferences[d < 1e-9 ? 0 : 1] += 1
        }
        // About half the plots differ (the odd 1/256 NM steps): the bound is exercised, not vacuous.
        #expect(rangeDifferences[1] > a.count / 4 && rangeDifferences[0] > a.count / 4, "\(rangeDifferences)")
        // The rotation period reaches the tracker from I002/041 as from I034/041 (sensors.json has it too).
        #expect(modern.input.sensors.map(\.rotationPeriodSeconds) == legacy.input.sensors.map(\.rotationPeriodSeconds))

        // The same track life cycles.
        let s = modern.summary.statistics
        let t = legacy.summary.statistics
        #expect(s.tracksInitiated == t.tracksInitiated && s.tracksConfirmed == t.tracksConfirmed)
        #expect(s.tracksDeleted == t.tracksDeleted && s.tracksMerged == t.tracksMerged)
        #expect(s.plotsAssociated == t.plotsAssociated && s.plotsRejected == t.plotsRejected)
        #expect(s.tracksConfirmed == 6)

        // Per aircraft (Mode A), one track, the same one, reported over the same seconds.
        func tracksByCode(_ rows: [TrackRow]) -> [Mode3ACode: Set<String>] {
            rows.reduce(into: [:]) { m, r in if let c = r.modeA { m[c, default: []].insert(r.trackID) } }
        }
        let codesA = tracksByCode(modern.rows)
        let codesB = tracksByCode(legacy.rows)
        #expect(codesA.count == 6)
        #expect(codesA == codesB)
        for (code, ids) in codesA { #expect(ids.count == 1, "\(code.octal): tracks \(ids)") }
        #expect(modern.rows.count == legacy.rows.count)
        var byKey: [String: TrackRow] = [:]
        for r in modern.rows { byKey["\(r.time)/\(r.trackID)"] = r }

        // Positions within the bound propagated by the filter: rows of a track's first five scans, and after.
        var firstRow: [String: Double] = [:]
        for r in legacy.rows where firstRow[r.trackID] == nil { firstRow[r.trackID] = r.time }
        var starting: [Double] = []
        var settled: [Double] = []
        for r in legacy.rows {
            let m = try #require(byKey["\(r.time)/\(r.trackID)"], "row \(r.time)/\(r.trackID) only in the CAT001 run")
            #expect(m.altitudeMetres == r.altitudeMetres)
            let d = Geodesic.inverse(
                from: GeodeticPosition(latitudeDegrees: m.latitudeDegrees, longitudeDegrees: m.longitudeDegrees),
                to: GeodeticPosition(latitudeDegrees: r.latitudeDegrees, longitudeDegrees: r.longitudeDegrees)
            ).distanceMetres
            if r.time - firstRow[r.trackID]! < 20 { starting.append(d) } else { settled.append(d) }
        }
        let rms = (settled.map { $0 * $0 }.reduce(0, +) / Double(settled.count)).squareRoot()
        let maximum = settled.max() ?? 0
        let maximumStarting = starting.max() ?? 0
        print(
            "CAT001 vs CAT048 tracks: first five scans \(starting.count) rows, max \(maximumStarting) m; after, "
                + "\(settled.count) rows, RMS \(rms) m, max \(maximum) m"
        )
        #expect(settled.count > 400)
        #expect(
            maximumStarting <= 5 * Self.epsilonMetres,
            "largest difference in a track's first scans \(maximumStarting) m"
        )
        #expect(maximum <= 2.5 * Self.epsilonMetres, "largest difference \(maximum) m")
        #expect(rms <= Self.epsilonMetres / 2.squareRoot(), "RMS difference \(rms) m")
        // And not trivially equal: the range steps do move the tracks.
        #expect(maximum > 0.1)
    }
}
