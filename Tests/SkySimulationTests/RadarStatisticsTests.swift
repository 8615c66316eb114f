import RealModule
import SkyGeodesy
import SkyMath
import SkyModel
import Testing

@testable import SkySimulation

/// The must-show statistics of the radar model, each over at least 10⁵ seeded draws.
struct RadarStatisticsTests {
    @Test("Range and azimuth noise σ within 3 % of configured, biases reproduced, over 10⁵ plots")
    func measurementNoise() throws {
        // 2,500 stationary targets, 4 s radar, 164 s → 41 scans × 2,500 ≈ 102,500 plots (SSR reply certain).
        var targets: [TargetSpecification] = []
        for k in 0..<2_500 {
            targets.append(
                Fixture.stationary(
                    id: k + 1,
                    bearing: Double(k) * 2 * .pi / 2_500,
                    distance: 20_000 + Double(k % 50) * 5_000,
                    height: 9_000
                )
            )
        }
        var radar = Fixture.radar(sigmaRange: 50, sigmaAzimuthDegrees: 0.08)
        radar.rangeBiasMetres = 120
        radar.azimuthBias = 0.05 * .pi / 180
        radar.timeBiasSeconds = 0.25
        let configuration = Fixture.configuration(radars: [radar], targets: targets, duration: 164, seed: 42)
        let frames = Fixture.run(configuration)
        let frame = LocalTangentPlane(origin: Fixture.site)
        let truth = targets.map { RadarPolar(enu: frame.enu(of: $0.initialPosition)) }
        var dr: [Double] = []
        var da: [Double] = []
        var maxBeamError = 0.0
        for f in frames {
            for p in f.plots where p.truthID > 0 {
                let t = truth[p.truthID - 1]
                dr.append(p.plot.slantRangeMetres - t.slantRangeMetres)
                da.append(Angle.wrapToPi(p.plot.azimuth - t.azimuth))
                // Plot time (less the time bias) is when the beam points at the target.
                let beam =
                    radar.azimuthAtEpoch + 2 * .pi / radar.rotationPeriodSeconds * (p.time - radar.timeBiasSeconds)
                maxBeamError = max(maxBeamError, abs(Angle.wrapToPi(beam - t.azimuth)))
            }
        }
        #expect(dr.count >= 100_000, "plots: \(dr.count)")
        let r = meanAndSigma(dr)
        let a = meanAndSigma(da)
        print(
            "noise: n=\(dr.count) rangeσ=\(r.sigma) m (50) azσ=\(a.sigma * 180 / .pi)° (0.08) rangeBias=\(r.mean) azBias=\(a.mean * 180 / .pi)° beamErr=\(maxBeamError)"
        )
        // σ estimate from n = 10⁵ has a relative standard error of 1/√(2n) = 0.22 %: 3 % is 13 standard errors.
        #expect(abs(r.sigma / 50 - 1) < 0.03, "range σ \(r.sigma) m, seed 42")
        #expect(abs(a.sigma / (0.08 * .pi / 180) - 1) < 0.03, "azimuth σ \(a.sigma * 180 / .pi)°")
        #expect(abs(r.mean - 120) < 1, "range bias \(r.mean) m")
        #expect(abs(a.mean * 180 / .pi - 0.05) < 0.002, "azimuth bias \(a.mean * 180 / .pi)°")
        #expect(maxBeamError < 1e-7, "beam vs target azimuth at plot time: \(maxBeamError) rad")
    }

    @Test("Swerling 1 detection: measured Pd within 1 percentage point of Pfa^(1/(1+SNR)), 10⁵ draws per SNR")
    func detectionProbability() {
        let model = PrimaryDetectionModel(referenceRangeMetres: 100_000, referenceDetectionProbability: 0.8)
        #expect(
            model.detectionProbability(snr: model.referenceSNR).isApproximatelyEqual(to: 0.8, relativeTolerance: 1e-12)
        )
        var random = SimulationRandom(seed: 7)
        for snrDB in [5.0, 10, 15, 20, 25] {
            let snr = Double.pow(10, snrDB / 10)
            var hits = 0
            for _ in 0..<100_000 where model.detect(snr: snr, random: &random) { hits += 1 }
            let measured = Double(hits) / 100_000
            let expected = model.detectionProbability(snr: snr)
            print("Pd: SNR \(snrDB) dB measured \(measured) model \(expected)")
            #expect(abs(measured - expected) < 0.01, "SNR \(snrDB) dB: measured \(measured), model \(expected), seed 7")
        }
        // The radar equation: half the range → 16× the SNR; 10× the cross-section → 10× the SNR.
        let s1 = model.snr(rangeMetres: 100_000, crossSectionSquareMetres: 1)
        #expect(model.snr(rangeMetres: 50_000, crossSectionSquareMetres: 1).isApproximatelyEqual(to: 16 * s1))
        #expect(model.snr(rangeMetres: 100_000, crossSectionSquareMetres: 10).isApproximatelyEqual(to: 10 * s1))
    }

    @Test("End to end: PSR detections per scan match the Swerling 1 Pd at the target's SNR within 1 pp")
    func detectionThroughRadar() {
        // PSR only; 1,000 targets of 2 m² at 150 km, reference Pd 0.8 at 120 km for 1 m².
        var radar = Fixture.radar(kind: .psr)
        radar.primary = PrimaryDetectionModel(referenceRangeMetres: 120_000, referenceDetectionProbability: 0.8)
        var targets: [TargetSpecification] = []
        for k in 0..<1_000 {
            targets.append(
                Fixture.stationary(
                    id: k + 1,
                    bearing: Double(k) * 2 * .pi / 1_000,
                    distance: 150_000,
                    height: 10_000,
                    rcs: 2
                )
            )
        }
        let frames = Fixture.run(Fixture.configuration(radars: [radar], targets: targets, duration: 400, seed: 3))
        let plots = frames.reduce(0) { $0 + $1.plots.count }
        let crossings = 1_000 * 100  // 400 s / 4 s: each target crossed exactly 100 times
        let range = RadarPolar(enu: LocalTangentPlane(origin: Fixture.site).enu(of: targets[0].initialPosition))
        let expected = radar.primary.detectionProbability(
            snr: radar.primary.snr(rangeMetres: range.slantRangeMetres, crossSectionSquareMetres: 2)
        )
        let measured = Double(plots) / Double(crossings)
        print("Pd end-to-end: measured \(measured) model \(expected) over \(crossings) crossings")
        #expect(abs(measured - expected) < 0.01, "measured \(measured), model \(expected)")
        #expect(frames.allSatisfy { $0.plots.allSatisfy { $0.plot.kind == .primary && $0.plot.modeA == nil } })
    }

    @Test("False plots: Poisson per scan (dispersion test), uniform in area, over 10⁵ false plots")
    func falseAlarms() {
        let radar = Fixture.radar(period: 2, falsePlots: 10)
        let frames = Fixture.run(Fixture.configuration(radars: [radar], targets: [], duration: 21_002, seed: 11))
        var perScan: [Int: Int] = [:]
        var innerHalf = 0
        var total = 0
        let r2min = radar.minRangeMetres * radar.minRangeMetres
        let r2max = radar.maxRangeMetres * radar.maxRangeMetres
        let halfAreaRadius = ((r2min + r2max) / 2).squareRoot()
        for f in frames {
            for p in f.plots {
                perScan[p.scan, default: 0] += 1
                total += 1
                if p.plot.slantRangeMetres < halfAreaRadius { innerHalf += 1 }
            }
        }
        // Only scans wholly inside (0, duration]: drop the first and last.
        let scans = perScan.keys.sorted().dropFirst().dropLast()
        let counts = scans.map { Double(perScan[$0] ?? 0) }
        let n = Double(counts.count)
        let mean = counts.reduce(0, +) / n
        let dispersion = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / mean
        // D ~ χ²(n − 1) under Poisson; |z| < 4 is p > 6e-5 two-sided.
        let z = (dispersion - (n - 1)) / (2 * (n - 1)).squareRoot()
        print("false plots: total \(total) scans \(Int(n)) mean \(mean) dispersion \(dispersion / (n - 1)) z \(z)")
        #expect(total >= 100_000, "false plots: \(total)")
        #expect(abs(mean - 10) < 0.1, "mean per scan \(mean) over \(Int(n)) scans")
        #expect(abs(z) < 4, "dispersion index \(dispersion / (n - 1)), z = \(z), seed 11")
        let fraction = Double(innerHalf) / Double(total)
        #expect(abs(fraction - 0.5) < 0.01, "inner half-area fraction \(fraction)")
    }
}
