import SkyGeodesy
import SkyMath
public import SkyModel

/// What the tracker does with sensor registration (``TrackerConfiguration/registration``).
public enum RegistrationMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// No registration: the tracker is exactly as without it (the default).
    case off
    /// Estimate the radars' biases from the tracker's own associations and report them; plots are not changed.
    case estimate
    /// Estimate, and correct each radar's plots before association once its estimate has converged (only the
    /// components significant against their σ).
    case correct
}

/// The tracker's registration state: the estimator, the corrections in force per sensor index, and the latest
/// applied ADS-B report per address (the reference for that address's radar plots).
struct TrackerRegistration: Sendable {
    var mode: RegistrationMode
    var estimator: BiasEstimator
    /// The correction applied to each sensor's plots (indexed like the converter's sensors).
    var corrections: [RadarBias] = []
    /// The consider variances added to each sensor's plots in `correct` mode (indexed like the converter's
    /// sensors): range offset (m²), range gain (per unit of ρ², i.e. (ppm·10⁻⁶)²) and azimuth offset (rad²).
    /// See ``RegistrationConfiguration/considerRangeSigmaMetres``.
    var considerVariances: [SIMD3<Double>] = []
    /// What the gate adds to ``considerVariances``: the priors of the components the data do not determine yet.
    /// They widen the gate of a radar whose biases are unknown, but do not weigh its plots down in the update
    /// (before the first solution every radar is unknown, and down-weighted plots would slow every initiation).
    var gateVariances: [SIMD3<Double>] = []
    /// The misalignment each sensor's plots are known to carry but not yet corrected for (indexed like the
    /// converter's sensors), in `correct` mode: per component, `b̂² + σ²` where the estimate is significant
    /// (`|b̂| > significance·σ`) but its correction is not applied yet (not converged); range offset (m²), range
    /// gain (`(g·10⁻⁶)²`), azimuth (rad²), time (s²). Evidence, not priors: an unbiased radar adds nothing.
    /// Used by ``Tracker/misalignmentVelocityVariance(_:)``.
    var misalignmentVariances: [SIMD4<Double>] = []
    /// Latest applied ADS-B report per address: time (UNIX s), plane position (m), per-axis σ (m).
    var latestADSB: [UInt32: (time: Double, position: SIMD2<Double>, sigma: Double)] = [:]
    /// A raw plot per address waiting for another radar's plot of the same address (common targets).
    var pendingPlot: [UInt32: RadarPlot] = [:]
    /// The Mode S address last seen with each discrete Mode 3/A code on a Mode S plot, and when: an SSR radar's
    /// plots (a code, no address) find their ADS-B reference through it. Address 0 marks a code seen with two
    /// addresses within ``modeAMemorySeconds`` (ambiguous until a plot claims it that long after).
    var addressByModeA: [UInt16: (address: UInt32, time: Double)] = [:]

    /// An ADS-B reference is used for a radar plot at most this far from the report in time, s (ADS-B airborne
    /// positions come at 2 Hz; the track velocity carries the report to the plot time).
    static let maximumReferenceAge = 1.0
    /// Velocity uncertainty of the fused track assumed for that extrapolation, m/s per axis.
    static let velocitySigma = 2.0
    /// Two radars' plots of one address at most this far apart make a common-target pair, s.
    static let maximumCommonTargetSeconds = 4.0
    /// How long a Mode 3/A code keeps the address it was seen with, s.
    static let modeAMemorySeconds = 120.0
    /// Largest distance, m, between a plot paired through its Mode 3/A code and its address owner's track: 3 km
    /// covers the biases registration is for (0.15° at 250 km is 650 m, plus a range offset of hundreds of metres)
    /// and excludes another aircraft with the same code.
    static let codePairingRadiusMetres = 3_000.0
    /// Radars marked as references in the tracker configuration ("SAC/SIC"), in addition to those whose
    /// `SensorDescription.isRegistrationReference` is set (the sensors configuration's `"reference": true`).
    let references: Set<String>

    init(mode: RegistrationMode, references: [String], sensors: [SensorDescription]) {
        self.mode = mode
        self.references = Set(references)
        estimator = BiasEstimator()
        for s in sensors { addSensor(s) }
    }

    mutating func addSensor(_ sensor: SensorDescription) {
        let isReference =
            sensor.isRegistrationReference || references.contains("\(sensor.id.sac)/\(sensor.id.sic)")
        let i = estimator.addRadar(sensor, isReference: isReference)
        corrections.append(.zero)
        misalignmentVariances.append(.zero)
        // Nothing known yet: the priors (none for a reference), until the first solution.
        let e = estimator.estimates[i]
        let (update, gate) = considerVariance(e, correction: .zero, now: nil)
        considerVariances.append(update)
        gateVariances.append(gate)
    }

    /// The consider variances of one radar's plots (``considerVariances``) for its current estimate at `now`
    /// (``RadarRegistrationEstimate/considerVariances(correction:configuration:early:priors:)``; none outside `correct`).
    /// - Returns: the update's variances and what the gate adds to them (``gateVariances``); `now` `nil` before
    ///   the first solution.
    func considerVariance(
        _ e: RadarRegistrationEstimate,
        correction: RadarBias,
        now: Double?
    )
        -> (update: SIMD3<Double>, gate: SIMD3<Double>)
    {
        guard mode == .correct else { return (.zero, .zero) }
        let c = estimator.configuration
        var early = true
        if let now {
            let start = Swift.max(estimator.firstSolveTime ?? now, e.lastJumpTime ?? -.infinity)
            early = now - start < c.considerSeconds
        }
        let update = e.considerVariances(correction: correction, configuration: c, early: early, priors: false)
        let gate = e.considerVariances(correction: correction, configuration: c, early: early, priors: true)
        return (update, gate - update)
    }
}

extension TrackerRegistration {
    /// Notes that Mode 3/A `code` was seen with `address` at `time` (UNIX s) on a Mode S plot.
    mutating func noteModeA(_ code: UInt16, address: UInt32, time: Double) {
        guard let e = addressByModeA[code], abs(time - e.time) <= Self.modeAMemorySeconds else {
            addressByModeA[code] = (address, time)
            return
        }
        if e.address == address {
            addressByModeA[code] = (address, time)
        } else if e.address != 0 {
            addressByModeA[code] = (0, time)  // two aircraft squawk this code: ambiguous
        }
    }
}

extension Tracker {
    /// The registration estimates, one per radar (empty when ``TrackerConfiguration/registration`` is `off`).
    public var registrationEstimates: [RadarRegistrationEstimate] { registration?.estimator.estimates ?? [] }

    /// Whether the tracker uses some inputs at another time than their own, and the largest amount by which it uses
    /// a radar's plots earlier than their time stamps, s: in `correct` mode, the time offsets corrected (a radar
    /// found to stamp its plots 0.3 s late has them used 0.3 s before the clock they arrive on).
    /// Computed from the corrections in force (a few radars): `TrackingLoop` asks once a second of data time.
    public var inputTimeCorrection: (active: Bool, maximumDelaySeconds: Double) {
        guard registration?.mode == .correct, let corrections = registration?.corrections else { return (false, 0) }
        var active = false
        var delay = 0.0
        for c in corrections where c.timeOffsetSeconds != 0 {
            active = true
            delay = Swift.max(delay, c.timeOffsetSeconds)
        }
        return (active, delay)
    }

    /// The data time at which the tracker uses `input`, UNIX seconds: a radar plot's or a radar's scan event's
    /// time stamp corrected by that radar's time offset where a correction is in force (`correct` mode), else its own.
    public func registeredTime(of input: SurveillanceInput) -> Double {
        let sensor: SensorID
        switch input {
        case .radar(let p): sensor = p.sensor
        case .scan(let e): sensor = e.sensor
        case .adsb(let r): return r.time
        }
        guard registration?.mode == .correct, let s = converter.index(of: sensor),
            s < registration?.corrections.count ?? 0, let offset = registration?.corrections[s].timeOffsetSeconds
        else { return input.time }
        return input.time - offset
    }

    /// The plot as the tracker uses it: corrected by its radar's converged, significant biases in `correct` mode,
    /// unchanged otherwise.
    @inline(__always)
    func registered(_ plot: RadarPlot, sensorIndex s: Int) -> RadarPlot {
        // Through the optional's storage, without copying the registration state (no retains per plot).
        guard registration?.mode == .correct, let c = registration?.corrections[s], c != .zero else { return plot }
        return c.corrected(plot)
    }

    /// A plot's plane measurement with its radar's consider variances added (``TrackerRegistration/considerVariances``,
    /// `PlanePositionMeasurement.addingConsiderVariances`; `correct` mode only, unchanged otherwise).
    /// With `gate`, the gate's extra priors (``TrackerRegistration/gateVariances``) instead.
    @inline(__always)
    func considered(
        _ m: PlanePositionMeasurement,
        sensorIndex s: Int,
        slantRange rho: Double,
        gate: Bool = false
    )
        -> PlanePositionMeasurement
    {
        guard registration?.mode == .correct,
            let v = gate ? registration?.gateVariances[s] : registration?.considerVariances[s], v != .zero
        else { return m }
        return m.addingConsiderVariances(v, site: converter.sensors[s].planeSite, slantRangeMetres: rho)
    }

    /// Notes an ADS-B report applied to the track holding its address (a registration reference).
    mutating func noteRegistrationReference(_ m: ADSBMeasurement) {
        guard registration != nil else { return }
        registration!.latestADSB[m.address] = (
            m.time, SIMD2(m.measurement.position[0], m.measurement.position[1]), m.positionSigma
        )
    }

    /// Offers a radar plot to the estimator, taken back to its raw (uncorrected) measurement (the estimator
    /// estimates the total bias):
    /// - when its Mode S address had an ADS-B report applied within ``TrackerRegistration/maximumReferenceAge``, as
    ///   an absolute observation: the report, carried to the plot time with the velocity of the track holding the
    ///   address, is the plot's reference;
    /// - otherwise as one half of a common-target pair: the next plot of the address by another radar within
    ///   ``TrackerRegistration/maximumCommonTargetSeconds`` completes a relative observation. Each plot is used
    ///   once, so that no noise is counted twice.
    ///
    /// Pairs are made by address, before and whatever the association: taking only the plots the tracker
    /// associated would select, while the biases are uncorrected, the plots whose noise happens to cancel part
    /// of the bias (measured: a 0.3 s time offset estimated as 0.26 s, 180 m as 174 m).
    ///
    /// An SSR plot (no address) takes the address last seen with its discrete Mode 3/A code on a Mode S plot
    /// (``TrackerRegistration/addressByModeA``): a code is an identity, not a position gate, so this selects no
    /// plot by its error. A code shared by two aircraft is ambiguous and not used; a wrong pairing that slips
    /// through is kilometres off and rejected by the estimator's gate.
    mutating func collectRegistrationPair(plot p: TrackerPlot) {
        // `registration!` below is changed in place (no copy of the state per plot); what the closures need of
        // `self` is copied out first, so that they do not overlap that access.
        guard registration != nil, p.hasHeight else { return }
        let discreteCode = p.hasModeA && p.modeAIsDiscrete
        let address: UInt32
        if p.hasAddress {
            address = p.address
            if discreteCode { registration!.noteModeA(p.modeA, address: address, time: p.time) }
        } else if discreteCode, let e = registration!.addressByModeA[p.modeA], e.address != 0,
            abs(p.time - e.time) <= TrackerRegistration.modeAMemorySeconds
        {
            address = e.address
        } else {
            return
        }
        guard let owner = addressOwner[address], tracks[Int(owner)].isAlive else { return }
        let mean = tracks[Int(owner)].estimate.mean
        // A plot paired through its Mode 3/A code must lie near the address owner's track: the code may have passed
        // to another aircraft since it was seen with that address (reassigned codes, a squawk change), and a pair
        // of two aircraft is an observation kilometres off that only the jump test would see.
        if !p.hasAddress {
            let dt = p.time - tracks[Int(owner)].time
            let dx = p.measurement.position[0] - (mean[0] + dt * mean[2])
            let dy = p.measurement.position[1] - (mean[1] + dt * mean[3])
            guard
                dx * dx + dy * dy <= TrackerRegistration.codePairingRadiusMetres
                    * TrackerRegistration.codePairingRadiusMetres
            else { return }
        }
        let v = SIMD2(mean[2], mean[3])
        let s = Int(p.sensor)
        let c = s < registration!.corrections.count ? registration!.corrections[s] : .zero
        // Undo the correction: the forward bias model of RadarBias.
        let az = p.azimuth + c.azimuthOffset
        let plot = RadarPlot(
            time: p.time + c.timeOffsetSeconds,
            sensor: converter.sensors[s].id,
            slantRangeMetres: p.slantRange * (1 + c.rangeGainPPM * 1e-6) + c.rangeOffsetMetres,
            azimuth: az >= 2 * .pi ? az - 2 * .pi : (az < 0 ? az + 2 * .pi : az),
            kind: .modeS
        )
        let plane = converter.plane
        /// The plane velocity `v` as ENU at `origin` (m/s).
        func enuVelocity(at origin: GeodeticPosition) -> ENUVector {
            let en = plane.eastNorthVector(grid: v, at: origin)
            return ENUVector(east: en.x, north: en.y, up: 0)
        }
        if let a = registration!.latestADSB[address],
            abs(plot.time - a.time) <= TrackerRegistration.maximumReferenceAge
        {
            let dt = plot.time - a.time
            var reference = plane.unproject(a.position + v * dt)
            let velocity = enuVelocity(at: reference)
            reference.heightMetres = p.height
            let vs = TrackerRegistration.velocitySigma
            registration!.estimator.addReference(
                plot: plot,
                reference: reference,
                velocity: velocity,
                referenceSigmaMetres: (a.sigma * a.sigma + vs * vs * dt * dt).squareRoot()
            )
            return
        }
        if let q = registration!.pendingPlot[address], q.sensor != plot.sensor,
            abs(plot.time - q.time) <= TrackerRegistration.maximumCommonTargetSeconds
        {
            registration!.estimator.addCommonTarget(plot, q, heightMetres: p.height, velocityAt: enuVelocity(at:))
            registration!.pendingPlot[address] = nil
        } else {
            registration!.pendingPlot[address] = plot
        }
    }

    /// Solves the registration on the whole window at the end of the data, `time` (UNIX s): the periodic
    /// solutions may be up to ``RegistrationConfiguration/settledSolveIntervalSeconds`` old, and the estimates
    /// reported at the end should rest on all of it. Nothing to do when off or solved at `time` already.
    public mutating func finishRegistration(at time: Double) {
        guard let r = registration, r.estimator.lastSolveTime < time else { return }
        updateRegistration(now: time, force: true)
    }

    /// Re-solves the registration when due (called from maintenance, once per second of data time; `force`: now)
    /// and refreshes the corrections in force.
    mutating func updateRegistration(now: Double, force: Bool = false) {
        guard var r = registration else { return }
        registration = nil
        // Corrections exist only in `correct` mode: `collectRegistrationPair` undoes them to recover raw plots.
        var solved = true
        if force { r.estimator.solve(now: now) } else { solved = r.estimator.update(now: now) }
        var changed: [(sensor: Int, change: RadarBias)] = []
        if r.mode == .correct {
            let k = r.estimator.configuration.significance
            for (i, e) in r.estimator.estimates.enumerated() where i < r.corrections.count {
                if solved {
                    let correction = e.correction(significance: k)
                    if correction != r.corrections[i] {
                        changed.append((i, RadarBias(vector: correction.vector - r.corrections[i].vector)))
                    }
                    r.corrections[i] = correction
                    r.misalignmentVariances[i] = e.uncorrectedMisalignment(correction: correction, significance: k)
                }
                // Every second: the prior terms end `considerSeconds` after the start even without a solution.
                (r.considerVariances[i], r.gateVariances[i]) = r.considerVariance(
                    e,
                    correction: r.corrections[i],
                    now: now
                )
            }
        }
        registration = r
        for (sensor, change) in changed { endTentativeTracks(offBy: change, sensor: sensor) }
    }

    /// Ends the tentative tracks that a change of `sensor`'s correction leaves inconsistent: their plots of that
    /// radar move by more than three standard deviations of their position. Their velocity rests on plots now
    /// known to be misaligned (two radars' plots a second apart, one of them off by hundreds of metres, make a
    /// velocity hundreds of m/s off); the radar's next, corrected plots start them again. Confirmed tracks stay:
    /// their filter follows the corrected plots. An unbiased radar's correction does not change (not significant),
    /// so this never acts on it.
    mutating func endTentativeTracks(offBy change: RadarBias, sensor: Int) {
        guard sensor < 64 else { return }
        let bit = UInt64(1) << UInt64(sensor)
        let site = converter.sensors[sensor].planeSite
        let v = change.vector
        for slot in 0..<tracks.count where tracks[slot].isAlive && tracks[slot].status == .tentative {
            let t = tracks[slot]
            guard (t.sensorBits | t.previousSensorBits) & bit != 0 else { continue }
            let d = t.estimate.position - site
            let distance = (d * d).sum().squareRoot()
            let along = v[0] + v[1] * 1e-6 * distance
            let across = v[2] * distance
            let speed2 = (t.estimate.velocity * t.estimate.velocity).sum()
            let shift2 = along * along + across * across + v[3] * v[3] * speed2
            let p = t.estimate.covariance
            guard shift2 > 9 * Swift.max(p[0, 0], p[1, 1]) else { continue }
            delete(slot: slot)
        }
    }
}
