import RealModule
import SkyMath

extension Tracker {
    /// The estimate of a displayed track extrapolated to `time` (UNIX seconds): a straight line, except for a
    /// coasting low flyer without SSR (a drone) once it has been silent longer than the coasting threshold.
    ///
    /// A small drone hovers, stops and turns within seconds, and a hovering one is invisible to an MTI radar: its
    /// last velocity says little about where it is a minute later. Past `coastAfter` (``TrackerConfiguration/
    /// coastAfterPeriods`` × P) its velocity decays exponentially with time constant
    /// τ = ``TrackerConfiguration/lowFlyerCoastVelocityTime`` (a first-order Gauss–Markov velocity, Singer 1970):
    /// ```
    /// s = t − t_last − c,  x = x_last + v (c + τ (1 − e^(−s/τ))),  v(t) = v e^(−s/τ)
    /// ```
    /// so the coast stops within τ of its last velocity instead of drifting on it. The covariance is the straight
    /// line's (an upper bound of the Gauss–Markov one).
    func displayedEstimate(_ t: TrackRecord, at time: Double) -> PlaneState {
        let dt = time - t.time
        var e = ConstantVelocityModel(noiseIntensity: 0).predict(t.estimate, by: dt)
        let tau = configuration.lowFlyerCoastVelocityTime
        guard tau > 0, dt > coastAfter, t.ssrHits == 0, !t.vertical.isValid, isLowFlyer(t) else { return e }
        let decay = Double.exp(-(dt - coastAfter) / tau)
        let reach = coastAfter + tau * (1 - decay)
        e.mean[0] = t.estimate.mean[0] + reach * t.estimate.mean[2]
        e.mean[1] = t.estimate.mean[1] + reach * t.estimate.mean[3]
        e.mean[2] = t.estimate.mean[2] * decay
        e.mean[3] = t.estimate.mean[3] * decay
        return e
    }
}
