import RealModule
import SkyGeodesy

/// A recorded trajectory (e.g. the `truth.csv` rows of one `truth_id`) replayed by interpolation.
///
/// Between samples the position is a cubic Hermite curve in (latitude, longitude, height) matching the sampled
/// positions and velocities at both ends, so replayed plots and ADS-B positions at any instant keep the
/// recorded speed; the velocity is the curve's derivative converted back to m/s.
public struct RecordedTrajectory: Sendable, Hashable {
    /// The samples, strictly increasing in time (seconds since the scenario epoch).
    public let samples: [TargetState]

    /// A trajectory from samples sorted by time.
    /// - Precondition: at least one sample; times strictly increasing.
    public init(samples: [TargetState]) {
        precondition(!samples.isEmpty, "a recorded trajectory needs samples")
        for i in samples.indices.dropFirst() {
            precondition(samples[i].time > samples[i - 1].time, "recorded samples must be strictly increasing in time")
        }
        self.samples = samples
    }

    /// First and last sample time, seconds.
    public var timeSpan: ClosedRange<Double> { samples[0].time...samples[samples.count - 1].time }

    /// The interpolated state at `time`, or `nil` outside the recorded span.
    /// - Complexity: O(log n) (binary search for the interval).
    public func state(at time: Double) -> TargetState? {
        guard timeSpan.contains(time) else { return nil }
        var lo = 0
        var hi = samples.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if samples[mid].time <= time { lo = mid } else { hi = mid }
        }
        if samples[lo].time == time || lo == hi { return samples[lo] }
        return Self.hermite(samples[lo], samples[hi], at: time)
    }

    /// Cubic Hermite interpolation between two states in geodetic coordinates.
    static func hermite(_ a: TargetState, _ b: TargetState, at time: Double) -> TargetState {
        let h = b.time - a.time
        let s = (time - a.time) / h
        let s2 = s * s
        let s3 = s2 * s
        let h00 = 2 * s3 - 3 * s2 + 1
        let h10 = s3 - 2 * s2 + s
        let h01 = -2 * s3 + 3 * s2
        let h11 = s3 - s2
        let d00 = (6 * s2 - 6 * s) / h
        let d10 = 3 * s2 - 4 * s + 1
        let d01 = (-6 * s2 + 6 * s) / h
        let d11 = 3 * s2 - 2 * s
        let ra = rates(a)
        let rb = rates(b)
        var dLon = b.position.longitude - a.position.longitude
        if dLon > .pi { dLon -= 2 * .pi } else if dLon < -.pi { dLon += 2 * .pi }
        let p0 = SIMD3(a.position.latitude, 0, a.position.heightMetres)
        let p1 = SIMD3(b.position.latitude, dLon, b.position.heightMetres)
        let p = h00 * p0 + h10 * h * ra + h01 * p1 + h11 * h * rb
        let dp = d00 * p0 + d10 * ra + d01 * p1 + d11 * rb
        let position = GeodeticPosition(
            latitude: p.x,
            longitude: EllipsoidKinematics.wrapLongitude(a.position.longitude + p.y),
            heightMetres: p.z
        )
        let m = WGS84.meridianRadiusMetres(latitude: p.x) + p.z
        let n = WGS84.primeVerticalRadiusMetres(latitude: p.x) + p.z
        let v = ENUVector(east: dp.y * n * Double.cos(p.x), north: dp.x * m, up: dp.z)
        return TargetState(time: time, position: position, velocity: v)
    }

    /// d(lat, lon, h)/dt of a state, rad/s and m/s.
    static func rates(_ s: TargetState) -> SIMD3<Double> {
        let lat = s.position.latitude
        let h = s.position.heightMetres
        let m = WGS84.meridianRadiusMetres(latitude: lat) + h
        let n = WGS84.primeVerticalRadiusMetres(latitude: lat) + h
        return SIMD3(s.velocity.north / m, s.velocity.east / (n * Double.cos(lat)), s.velocity.up)
    }
}
