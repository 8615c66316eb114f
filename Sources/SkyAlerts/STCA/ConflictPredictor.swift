/// One track as STCA sees it in a cycle: trivially copyable, no references (STYLE §7).
struct STCATrack: Sendable {
    var number: UInt32
    /// Latitude, longitude, radians; cosine of the latitude.
    var latitude: Double, longitude: Double, cosLatitude: Double
    /// Grid-plane position, metres (equirectangular at the picture's reference latitude).
    var gridX: Double, gridY: Double
    /// Velocity east and north, m/s (ENU at the track).
    var ve: Double, vn: Double
    /// Pressure altitude, metres, and vertical rate, m/s (0 when within the level-flight band).
    var z: Double, vz: Double
    /// Turn rate, radians per second, positive clockwise; 0 below the turn threshold.
    var turnRate: Double
    /// Turn hypothesis per sample step Δ of angle θ = ωΔ: sin θ, cos θ, sin θ / ω, (1 − cos θ) / ω; and the
    /// number of whole steps the turn lasts (then straight). Unused when `turnRate == 0`.
    var stepSin = 0.0, stepCos = 1.0, stepArcS = 0.0, stepArcC = 0.0
    var turnSteps = 0
    /// Per-axis variances of horizontal position (m²) and velocity (m²/s²), from the covariance diagonal.
    var positionVariance: Double, velocityVariance: Double
    /// Thresholds at the track, metres (from the threshold volumes).
    var horizontalThreshold: Double, verticalThreshold: Double
    /// Bit k set when the track is inside inhibited volume k (first 64 volumes).
    var inhibitedMask: UInt64
}

/// A predicted conflict between two tracks.
struct ConflictPrediction: Sendable {
    /// Time from now to the predicted loss of separation, seconds (0 for a current infringement).
    var lossSeconds: Double
    /// Closest point of approach: time from now (s), horizontal and vertical miss distances (m).
    var cpaSeconds: Double, cpaHorizontalMetres: Double, cpaVerticalMetres: Double
    /// The hypothesis that predicts the conflict.
    var hypothesis: Hypothesis = .linear
    /// Whether only a manoeuvre hypothesis predicts it: the straight prediction of both tracks over the full
    /// look-ahead does not.
    var manoeuvreOnly = false

    /// Which prediction found the conflict.
    enum Hypothesis: Sendable, Hashable {
        /// Both tracks straight (neither turning), over the full look-ahead.
        case linear
        /// A turning track keeps turning (the turn hypothesis of multi-hypothesis STCA).
        case turn
        /// A turning track rolls out now (straight, over the roll-out look-ahead).
        case rollOut
    }
}

/// Conflict prediction for one pair (EUROCONTROL STCA Specification: linear prediction filter, plus a
/// turning hypothesis as in the multi-hypothesis STCA the guidance material describes).
struct ConflictPredictor: Sendable {
    var lookAheadSeconds: Double
    var rollOutLookAheadSeconds: Double
    var maximumTurnSeconds: Double
    /// Maximum heading change of the turn hypothesis, radians.
    var maximumTurnRadians: Double
    var sampleStepSeconds: Double
    /// Vertical rates are extrapolated for at most this long, then the tracks are taken as level, seconds.
    var verticalLookAheadSeconds: Double
    var uncertaintyFactor: Double
    var maximumUncertaintyFraction: Double
    /// Relative vertical rates below this magnitude are taken as zero, m/s (the level-flight band applied to the
    /// pair: two climbs at nearly the same rate do not converge as far as Mode C can tell).
    var relativeLevelRate: Double = 0

    /// Predicts a conflict of `a` and `b`, or `nil`.
    ///
    /// Relative geometry in the local tangent plane at the pair's mid-latitude (flat-Earth error below 0.1 % at
    /// the ranges STCA looks at). The horizontal threshold grows with the predicted relative-position standard
    /// deviation, `H(t) = H + min(k·σ(t), f·H)`, `σ²(t) = σp,a² + σp,b² + t²(σv,a² + σv,b²)` per axis.
    func predict(_ a: STCATrack, _ b: STCATrack) -> ConflictPrediction? {
        let h = max(a.horizontalThreshold, b.horizontalThreshold)
        let v = max(a.verticalThreshold, b.verticalThreshold)
        let cosMid = 0.5 * (a.cosLatitude + b.cosLatitude)
        let dx = (b.longitude - a.longitude) * cosMid * earthRadiusMetres
        let dy = (b.latitude - a.latitude) * earthRadiusMetres
        let dz = b.z - a.z
        let turning = a.turnRate != 0 || b.turnRate != 0
        if !turning {
            return linear(a, b, dx: dx, dy: dy, dz: dz, h: h, v: v, horizon: lookAheadSeconds)
        }
        // A turning track: its turn is the primary hypothesis; rolling out now is tested over a shorter horizon.
        if var p = sampled(a, b, dx: dx, dy: dy, dz: dz, h: h, v: v) {
            p.hypothesis = .turn
            p.manoeuvreOnly = linear(a, b, dx: dx, dy: dy, dz: dz, h: h, v: v, horizon: lookAheadSeconds) == nil
            return p
        }
        guard var p = linear(a, b, dx: dx, dy: dy, dz: dz, h: h, v: v, horizon: rollOutLookAheadSeconds) else {
            return nil
        }
        p.hypothesis = .rollOut
        return p
    }

    /// The pair's vertical rate, `b` relative to `a`, m/s: 0 within the level band.
    @inline(__always)
    private func relativeVerticalRate(_ a: STCATrack, _ b: STCATrack) -> Double {
        let rvz = b.vz - a.vz
        return abs(rvz) < relativeLevelRate ? 0 : rvz
    }

    @inline(__always)
    private func margin(_ a: STCATrack, _ b: STCATrack, t: Double, h: Double) -> Double {
        let variance = a.positionVariance + b.positionVariance + t * t * (a.velocityVariance + b.velocityVariance)
        return min(uncertaintyFactor * variance.squareRoot(), maximumUncertaintyFraction * h)
    }

    /// Straight-line prediction, in closed form: the horizontal and vertical infringement intervals intersected.
    private func linear(
        _ a: STCATrack,
        _ b: STCATrack,
        dx: Double,
        dy: Double,
        dz: Double,
        h: Double,
        v: Double,
        horizon: Double
    ) -> ConflictPrediction? {
        let rvx = b.ve - a.ve
        let rvy = b.vn - a.vn
        let rvz = relativeVerticalRate(a, b)
        let vv = rvx * rvx + rvy * rvy
        let dv = dx * rvx + dy * rvy
        // The closest approach within the prediction window [0, horizon]: tracks still converging at the horizon
        // (same route, nearly the same speed) have their unconstrained CPA far beyond what was predicted.
        let tCPA = vv > 1e-9 ? min(max(-dv / vv, 0), horizon) : 0
        let hEff = h + margin(a, b, t: tCPA, h: h)
        // Horizontal: |d + v t|² ≤ H² ⇔ vv t² + 2 dv t + (dd − H²) ≤ 0.
        let c = dx * dx + dy * dy - hEff * hEff
        var h0: Double
        var h1: Double
        if vv < 1e-9 {
            guard c <= 0 else { return nil }
            (h0, h1) = (0, horizon)
        } else {
            let disc = dv * dv - vv * c
            guard disc >= 0 else { return nil }
            let r = disc.squareRoot()
            (h0, h1) = ((-dv - r) / vv, (-dv + r) / vv)
        }
        // Vertical: |dz + vz·min(t, Tv)| < V, an interval because the separation is monotonic in t.
        var v0: Double
        var v1: Double
        let tv = verticalLookAheadSeconds
        if abs(rvz) < 1e-9 {
            guard abs(dz) < v else { return nil }
            (v0, v1) = (0, horizon)
        } else {
            let ta = (-v - dz) / rvz
            let tb = (v - dz) / rvz
            (v0, v1) = (min(ta, tb), max(ta, tb))
            guard v0 <= tv else { return nil }
            if abs(dz + rvz * tv) < v { v1 = .infinity }  // still inside when the rates stop
        }
        let start = max(0, h0, v0)
        let end = min(horizon, h1, v1)
        guard start <= end else { return nil }
        let mx = dx + rvx * tCPA
        let my = dy + rvy * tCPA
        return ConflictPrediction(
            lossSeconds: start,
            cpaSeconds: tCPA,
            cpaHorizontalMetres: (mx * mx + my * my).squareRoot(),
            cpaVerticalMetres: abs(dz + rvz * min(tCPA, tv))
        )
    }

    /// Sampled prediction with each track on its turn hypothesis (turning for `turnSteps` sample steps, then
    /// straight). Each step advances the state exactly along the arc with the per-track constants of
    /// ``prepareTurn(_:)``, so a pair costs no trigonometry:
    ///
    /// ```
    /// Δx = vₑ·sinθ/ω + vₙ·(1 − cosθ)/ω,   Δy = −vₑ·(1 − cosθ)/ω + vₙ·sinθ/ω,   v ← v rotated clockwise by θ
    /// ```
    private func sampled(
        _ a: STCATrack,
        _ b: STCATrack,
        dx: Double,
        dy: Double,
        dz: Double,
        h: Double,
        v: Double
    ) -> ConflictPrediction? {
        let steps = Int((lookAheadSeconds / sampleStepSeconds).rounded(.up))
        let step = sampleStepSeconds
        var loss: Double? = nil
        var best = (t: 0.0, horizontal: Double.infinity, vertical: 0.0)
        var pa = (x: 0.0, y: 0.0, vx: a.ve, vy: a.vn)
        var pb = (x: dx, y: dy, vx: b.ve, vy: b.vn)
        let rvz = relativeVerticalRate(a, b)
        for k in 0...steps {
            let t = Double(k) * step
            let ex = pb.x - pa.x
            let ey = pb.y - pa.y
            let horizontal = (ex * ex + ey * ey).squareRoot()
            let vertical = abs(dz + rvz * min(t, verticalLookAheadSeconds))
            if horizontal < best.horizontal { best = (t, horizontal, vertical) }
            if loss == nil, horizontal < h + margin(a, b, t: t, h: h), vertical < v { loss = t }
            Self.advance(&pa, a, turning: k < a.turnSteps, step: step)
            Self.advance(&pb, b, turning: k < b.turnSteps, step: step)
        }
        guard let loss else { return nil }
        return ConflictPrediction(
            lossSeconds: loss,
            cpaSeconds: best.t,
            cpaHorizontalMetres: best.horizontal,
            cpaVerticalMetres: best.vertical
        )
    }

    @inline(__always)
    private static func advance(
        _ p: inout (x: Double, y: Double, vx: Double, vy: Double),
        _ track: STCATrack,
        turning: Bool,
        step: Double
    ) {
        guard turning else {
            p.x += p.vx * step
            p.y += p.vy * step
            return
        }
        p.x += p.vx * track.stepArcS + p.vy * track.stepArcC
        p.y += -p.vx * track.stepArcC + p.vy * track.stepArcS
        let vx = p.vx * track.stepCos + p.vy * track.stepSin
        p.vy = -p.vx * track.stepSin + p.vy * track.stepCos
        p.vx = vx
    }

    /// Fills the turn constants of a track whose `turnRate` is set (once per track and cycle). The turn lasts
    /// `min(maximumTurnSeconds, maximumTurnRadians / |ω|)`, rounded to whole sample steps.
    func prepareTurn(_ track: inout STCATrack) {
        let w = track.turnRate
        guard w != 0 else { return }
        let theta = w * sampleStepSeconds
        track.stepSin = sinRadians(theta)
        track.stepCos = cosRadians(theta)
        track.stepArcS = track.stepSin / w
        track.stepArcC = (1 - track.stepCos) / w
        let duration = min(maximumTurnSeconds, maximumTurnRadians / abs(w))
        track.turnSteps = Int((duration / sampleStepSeconds).rounded())
    }
}
