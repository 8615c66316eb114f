import Foundation
import SkyGeodesy
import SkyMath
import SkyModel
import SkyTestSupport
import SkyTracking
import Testing

/// Covariances stay positive definite in the cases that made the airport preset report numerical failures:
/// plots near a radar's vertical, and primary plots whose assumed height does not fit the slant range.
struct NumericalRobustnessTests {
    static let reference = GeodeticPosition(latitudeDegrees: 48.85, longitudeDegrees: 2.40)

    /// A 2×2 covariance is positive definite with a finite, bounded spread.
    static func isUsable(_ r: Matrix<2, 2>, bound: Double) -> Bool {
        let det = r[0, 0] * r[1, 1] - r[0, 1] * r[1, 0]
        return r[0, 0] > 0 && r[1, 1] > 0 && det > 0 && r[0, 0] + r[1, 1] < bound && det.isFinite
    }

    @Test("a plot closer than its height difference gets a bounded, positive definite covariance")
    func plotNearVertical() throws {
        let radar = SimulatedRadar(latitude: 48.85, longitude: 2.40, period: 4)
        var converter = RadarPlotConverter(plane: StereographicPlane(reference: Self.reference))
        let index = converter.add(radar.description)
        // A drone 2 km away without Mode C: the default assumed height (5 km ± 4 km) cannot fit the range.
        // Before the fix the radial variance was ≈ 1e18 m².
        let m = try #require(
            converter.convert(
                sensorIndex: index,
                slantRangeMetres: 2_000,
                azimuth: 1.0,
                heightMetres: 5_000,
                heightVariance: 4_000 * 4_000
            )
        )
        #expect(Self.isUsable(m.covariance, bound: 2 * 2_000 * 2_000 / 4 + 1))
        // Right above the radar with Mode C: range equal to the height difference.
        let above = try #require(
            converter.convert(
                sensorIndex: index,
                slantRangeMetres: 3_000 - radar.description.site.heightMetres,
                azimuth: 0.3,
                heightMetres: 3_000,
                heightVariance: 50
            )
        )
        #expect(Self.isUsable(above.covariance, bound: 3_000 * 3_000))
    }

    @Test("Joseph-form updates keep the covariance positive definite with a near-singular R", arguments: [1, 2, 3])
    func josephUpdateStaysPositiveDefinite(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let filter = TrackFilters.imm(TrackerConfiguration())
        var r = Matrix<2, 2>.zero
        r[0, 0] = 1
        r[1, 1] = 4e6
        var first = Vector<2>.zero
        first[0] = 100
        var state = filter.initiate(PlanePositionMeasurement(position: first, covariance: r), velocitySigma: 450)
        for step in 1...200 {
            // The radial direction of R rotates slowly: nearly singular R in changing orientations.
            let angle = Double(step) * 0.05
            let (s, c) = (sin(angle), cos(angle))
            var rot = Matrix<2, 2>.zero
            rot[0, 0] = 1 * c * c + 4e6 * s * s
            rot[1, 1] = 1 * s * s + 4e6 * c * c
            rot[0, 1] = (1 - 4e6) * s * c
            rot[1, 0] = rot[0, 1]
            var z = Vector<2>.zero
            z[0] = 100 + rng.uniform(-50...50)
            z[1] = rng.uniform(-2_000...2_000)
            let predicted = filter.predict(state, by: 0.5)
            state = try #require(
                filter.update(predicted, with: PlanePositionMeasurement(position: z, covariance: rot)),
                "seed \(seed) step \(step)"
            )
            let p = filter.estimate(state).covariance
            #expect(p.cholesky() != nil, "seed \(seed) step \(step): covariance not positive definite")
        }
    }
}
