import RealModule
import SkyGeodesy
import SkyModel
import Testing

@testable import SkySimulation

struct ADSBEmitterTests {
    static func emitters(count: Int, equipage: ADSBEquipage) -> [TargetSpecification] {
        (0..<count).map { k in
            var spec = Fixture.stationary(
                id: k + 1,
                bearing: Double(k),
                distance: 10_000 + Double(k) * 100,
                height: 8_000
            )
            spec.identity.callsign = Callsign("TST\(k)")
            spec.adsb = equipage
            return spec
        }
    }

    @Test("Message rates: position and velocity 2 Hz, identification 0.2 Hz, status 0.4 Hz; CPR formats alternate")
    func rates() {
        let frames = Fixture.run(
            Fixture.configuration(radars: [], targets: Self.emitters(count: 1, equipage: ADSBEquipage()), duration: 600)
        )
        let all = frames.flatMap(\.adsb)
        var positions = 0
        var velocities = 0
        var idents = 0
        var status = 0
        var lastOdd: Bool? = nil
        var alternating = true
        for e in all {
            switch e.content {
            case .airbornePosition(_, _, let odd, _):
                positions += 1
                if let l = lastOdd, l == odd { alternating = false }
                lastOdd = odd
            case .airborneVelocity: velocities += 1
            case .identification: idents += 1
            case .operationalStatus: status += 1
            }
        }
        // 599 s of transmissions at mean intervals 0.5 s, 0.5 s, 5 s, 2.5 s.
        #expect(abs(Double(positions) / 1_198 - 1) < 0.02, "positions \(positions)")
        #expect(abs(Double(velocities) / 1_198 - 1) < 0.02, "velocities \(velocities)")
        #expect(abs(idents - 120) <= 2, "identifications \(idents)")
        #expect(abs(status - 240) <= 3, "status \(status)")
        #expect(alternating)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    @Test("Reported position error: per-axis σ within 3 % of the NACp-derived value, 95 % inside the bound")
    func positionNoise() {
        // NACp 9 (EPU 30 m), actual 95 % radius = 0.5 × EPU, white error so that samples are independent.
        let equipage = ADSBEquipage(nacp: 9, accuracyFraction: 0.5, errorCorrelationSeconds: 0)
        let specs = Self.emitters(count: 100, equipage: equipage)
        let frames = Fixture.run(Fixture.configuration(radars: [], targets: specs, duration: 520, seed: 9))
        var east: [Double] = []
        var north: [Double] = []
        var radial: [Double] = []
        for e in frames.flatMap(\.adsb) {
            guard case .airbornePosition(let reported, _, _, _) = e.content else { continue }
            let frame = LocalTangentPlane(origin: specs[e.truthID - 1].initialPosition)
            let d = frame.enu(of: reported)
            east.append(d.east)
            north.append(d.north)
            radial.append((d.east * d.east + d.north * d.north).squareRoot())
        }
        let sigma = equipage.positionSigmaMetres
        let se = meanAndSigma(east).sigma
        let sn = meanAndSigma(north).sigma
        radial.sort()
        let r95 = radial[Int(0.95 * Double(radial.count))]
        print("ADS-B noise: n=\(east.count) σE=\(se) σN=\(sn) (\(sigma)) r95=\(r95) (EPU 30 m)")
        #expect(east.count >= 100_000)
        #expect(abs(se / sigma - 1) < 0.03 && abs(sn / sigma - 1) < 0.03)
        #expect(abs(r95 / 15 - 1) < 0.03, "95 % radius \(r95) m for 0.5 × 30 m")
    }

    @Test("Type code from NIC and the NACp bounds follow DO-260B")
    func tables() {
        #expect(ADSBEquipage(nic: 8).positionTypeCode == 11)
        #expect(ADSBEquipage(nic: 11).positionTypeCode == 9)
        #expect(abs(ADSBEquipage.estimatedPositionUncertaintyMetres(nacp: 8) - 92.6) < 1e-9)
        #expect(ADSBEquipage.estimatedPositionUncertaintyMetres(nacp: 10) == 10)
    }
}

struct ADSBReceptionTests {
    @Test("Ground stations: messages kept with the reception probability in coverage, none beyond range or horizon")
    func reception() {
        func specs(distance: Double, height: Double, first: Int) -> [TargetSpecification] {
            (0..<40).map { k in
                var s = Fixture.stationary(id: first + k, bearing: Double(k) * 0.15, distance: distance, height: height)
                s.adsb = ADSBEquipage()
                return s
            }
        }
        let near = specs(distance: 50_000, height: 8_000, first: 1)  // in coverage
        let far = specs(distance: 150_000, height: 8_000, first: 41)  // beyond 100 km
        let low = specs(distance: 90_000, height: 100, first: 81)  // below the horizon (≈ 82 km for 100 m / 100 m)
        let targets = near + far + low
        func run(_ receivers: [ADSBReceiverConfiguration]) -> [Int: Int] {
            var configuration = Fixture.configuration(radars: [], targets: targets, duration: 300, seed: 4)
            configuration.adsbReceivers = receivers
            var counts: [Int: Int] = [:]
            for f in Fixture.run(configuration) { for e in f.adsb { counts[(e.truthID - 1) / 40, default: 0] += 1 } }
            return counts
        }
        let ideal = run([])
        let station = ADSBReceiverConfiguration(site: Fixture.site, maxRangeMetres: 100_000, receptionProbability: 0.9)
        let one = run([station])
        let two = run([station, station])
        let fraction1 = Double(one[0] ?? 0) / Double(ideal[0]!)
        let fraction2 = Double(two[0] ?? 0) / Double(ideal[0]!)
        print("ADS-B reception: ideal \(ideal[0]!) messages; one station \(fraction1) (0.9), two \(fraction2) (0.99)")
        // n ≈ 52,000: binomial σ of the fraction ≈ 0.0013, so ±0.006 is 4.5σ.
        #expect(abs(fraction1 - 0.9) < 0.006)
        #expect(abs(fraction2 - 0.99) < 0.003)
        #expect(one[1] == nil && one[2] == nil, "beyond range or below the horizon: \(one)")
        #expect(ideal[1]! > 0 && ideal[2]! > 0)
    }
}
