import SkyGeodesy
public import SkyModel

/// Turn rate and vertical rate of each track, estimated from its successive pictures when the tracker publishes
/// none (``SkyModel/SystemTrack/turnRate`` 0 from a filter that does not estimate it; vertical rate 0 with an
/// altitude).
///
/// Each track keeps a short history of (time, heading, barometric altitude) samples, one per picture at most every
/// `minimumSampleSpacingSeconds`, over the last `windowSeconds`: at most `maximumSamples` per track. A track's
/// history is dropped when a picture reports it ended or merged, and when it is no longer in the picture.
///
/// The rates are least-squares slopes over the window (heading unwrapped relative to the newest sample):
/// ```
/// ω = Σ (tᵢ − t̄)(ψᵢ − ψ̄) / Σ (tᵢ − t̄)²     heading ψ = atan2(v east, v north), so ω > 0 turns right
/// ```
/// A slope rather than the difference of two samples: the tracker's extrapolated picture holds its heading between
/// radar updates (4–8 s) and steps at each, and the slope over every sample is the least noisy estimate of the
/// rate (about 0.1–0.2 °/s of noise at 150 m/s with 2–3 m/s velocity noise, below the 0.8 °/s STCA turn
/// threshold).
public struct TrackKinematics: Sendable {
    /// Window of the fits, seconds.
    public let windowSeconds: Double
    /// Least time span of the samples before a rate is estimated, seconds.
    public let minimumSpanSeconds: Double
    /// Samples closer in time than this to the previous one are not kept, seconds.
    public let minimumSampleSpacingSeconds: Double
    /// Below this ground speed no turn rate is estimated (a hovering or slow target's heading is noise), m/s.
    public let minimumSpeedMetresPerSecond: Double

    private struct Sample: Sendable {
        var time: Double
        var heading: Double
        var altitudeFeet: Double?
    }

    private var history: [UInt32: [Sample]] = [:]
    private var seen: Set<UInt32> = []

    /// Most samples kept per track: `windowSeconds / minimumSampleSpacingSeconds + 1`.
    public var maximumSamples: Int { Int((windowSeconds / minimumSampleSpacingSeconds).rounded(.up)) + 1 }

    /// Number of tracks with a history (for tests: memory stays bounded by the live tracks).
    public var trackCount: Int { history.count }

    /// An estimator.
    /// - Parameters:
    ///   - windowSeconds: fit window, seconds [8].
    ///   - minimumSpanSeconds: least span of the samples, seconds [3].
    ///   - minimumSampleSpacingSeconds: least spacing of kept samples, seconds [0.5].
    ///   - minimumSpeedMetresPerSecond: least ground speed for a turn rate, m/s [20].
    /// - Precondition: positive window and spacing; span within the window.
    public init(
        windowSeconds: Double = 8,
        minimumSpanSeconds: Double = 3,
        minimumSampleSpacingSeconds: Double = 0.5,
        minimumSpeedMetresPerSecond: Double = 20
    ) {
        precondition(
            windowSeconds > 0 && minimumSampleSpacingSeconds > 0 && minimumSpanSeconds <= windowSeconds,
            "track kinematics window out of range"
        )
        self.windowSeconds = windowSeconds
        self.minimumSpanSeconds = minimumSpanSeconds
        self.minimumSampleSpacingSeconds = minimumSampleSpacingSeconds
        self.minimumSpeedMetresPerSecond = minimumSpeedMetresPerSecond
    }

    /// Records `picture` and fills in the turn rate (radians per second, positive turning right) of every track
    /// whose `turnRate` is 0, and the vertical rate (m/s) of every track with a barometric altitude whose
    /// `velocity.up` is 0. Tracks with rates of their own are recorded and left as they are.
    /// - Complexity: O(n × maximumSamples) for n tracks.
    public mutating func complete(_ picture: inout TrackPicture) {
        for number in picture.endedTracks { history[number] = nil }
        seen.removeAll(keepingCapacity: true)
        for k in picture.tracks.indices {
            let t = picture.tracks[k]
            seen.insert(t.number)
            let v = t.velocity
            guard v.east.isFinite, v.north.isFinite, t.time.isFinite else { continue }
            let heading = atan2Radians(y: v.east, x: v.north)
            let altitude = t.barometricAltitudeFeet.flatMap { $0.isFinite ? $0 : nil }
            var samples = history[t.number] ?? []
            if let last = samples.last, t.time < last.time {
                samples.removeAll()  // time went backwards (a replay restarted): start again
            }
            if samples.last.map({ t.time - $0.time >= minimumSampleSpacingSeconds }) ?? true {
                samples.append(Sample(time: t.time, heading: heading, altitudeFeet: altitude))
            }
            let cutoff = t.time - windowSeconds
            if let firstKept = samples.firstIndex(where: { $0.time >= cutoff }), firstKept > 0 {
                samples.removeFirst(firstKept)
            }
            if samples.count > maximumSamples { samples.removeFirst(samples.count - maximumSamples) }
            history[t.number] = samples
            guard samples.count >= 2, t.time - samples[0].time >= minimumSpanSeconds else { continue }
            if t.turnRate == 0
                && (v.east * v.east + v.north * v.north) >= minimumSpeedMetresPerSecond
                    * minimumSpeedMetresPerSecond
            {
                picture.tracks[k].turnRate = Self.slope(samples) { wrapPi($0.heading - heading) }
            }
            if v.up == 0, altitude != nil, samples.allSatisfy({ $0.altitudeFeet != nil }) {
                picture.tracks[k].velocity.vector.z = Self.slope(samples) { $0.altitudeFeet! } * 0.3048
            }
        }
        if history.count > seen.count {
            for number in history.keys where !seen.contains(number) { history[number] = nil }
        }
    }

    /// Least-squares slope of `value` against time, per second.
    private static func slope(_ samples: [Sample], _ value: (Sample) -> Double) -> Double {
        let n = Double(samples.count)
        let t0 = samples[0].time
        var st = 0.0
        var sy = 0.0
        for s in samples {
            st += s.time - t0
            sy += value(s)
        }
        let mt = st / n
        let my = sy / n
        var num = 0.0
        var den = 0.0
        for s in samples {
            let dt = s.time - t0 - mt
            num += dt * (value(s) - my)
            den += dt * dt
        }
        return den > 0 ? num / den : 0
    }
}
