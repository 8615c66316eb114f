import SkyTestSupport
import Testing

@testable import SkyEvaluation

struct GeometryAndStatisticsTests {
    @Test("haversine on the mean sphere equals geo.horizontal_distance")
    func haversine() {
        // Values from `geo.horizontal_distance` (NumPy); the same formula in the same order, so only libm
        // differences remain (1e-12 relative).
        let d = MeanSphere.distanceMetres(latitude1: 48.85, longitude1: 2.4, latitude2: 49.3, longitude2: 1.95)
        #expect(d.isClose(to: 59_817.764_744_539_01, relativeTolerance: 1e-12))
        let small = MeanSphere.distanceMetres(
            latitude1: 48.0,
            longitude1: 3.0,
            latitude2: 48.0 + 1e-5,
            longitude2: 3.0 + 1e-5
        )
        // A 1.3 m distance: the inputs' own rounding (1e-5° steps) limits agreement to ~1e-9 relative.
        #expect(small.isClose(to: 1.337_920_202_995_436_5, relativeTolerance: 1e-9))
    }

    @Test("stereographic projection equals geo.Stereo.forward")
    func stereographic() {
        let p = MeanSphereStereographic(centreLatitudeDegrees: 48.85, centreLongitudeDegrees: 2.4)
        let xy = p.project(latitudeDegrees: 49.3, longitudeDegrees: 1.95)
        // geo.Stereo(48.85, 2.4).forward(49.3, 1.95); millimetre agreement is far below drawing resolution.
        #expect(xy.x.isClose(to: -32_629.944_105_080_136, absoluteTolerance: 1e-3))
        #expect(xy.y.isClose(to: 50_134.861_116_940_08, absoluteTolerance: 1e-3))
    }

    @Test("median and percentiles follow NumPy's linear method")
    func percentiles() {
        let x = [3.0, 1, 4, 1, 5, 9, 2, 6].sorted()
        // np.median → 3.5, np.percentile(x, 95) → 7.949999999999998, 90 → 6.8999999999999995.
        #expect(Statistics.median(sorted: x) == 3.5)
        #expect(Statistics.percentile(sorted: x, 95).isClose(to: 7.95, absoluteTolerance: 1e-12))
        #expect(Statistics.percentile(sorted: x, 90).isClose(to: 6.9, absoluteTolerance: 1e-12))
        #expect(Statistics.percentile(sorted: [0, 0, 1, 3, 3], 90) == 3)
    }
}
