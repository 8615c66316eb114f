import RealModule
import SkyMath
import SkyModel

extension Tracker {
    /// Associates the pending batch: gating, clustering, association, updates and initiation.
    mutating func flush() {
        guard !batch.isEmpty else { return }
        pairs.removeAll(keepingCapacity: true)
        pairPredicted.removeAll(keepingCapacity: true)
        for i in 0..<batch.count { gate(plotIndex: i) }
        associateClusters()
        for i in 0..<batch.count where !plotUsed[i] { initiate(from: batch[i]) }
        batch.removeAll(keepingCapacity: true)
        applyPendingADSB()
    }

    /// Finds the tracks whose gates contain plot `i` and records the pairs with their costs.
    mutating func gate(plotIndex i: Int) {
        let p = batch[i]
        let c = configuration
        candidates.removeAll(keepingCapacity: true)
        let drift = c.maximumSpeed * Swift.max(0, p.time - gridTime)
        grid.query(
            x: p.measurement.position[0],
            y: p.measurement.position[1],
            radius: c.maximumGateRadius + drift,
            into: &candidates
        )
        // Registration `correct`: the priors of a radar's still unknown biases widen its plots' gates (only here).
        let gateMeasurement = considered(
            p.measurement,
            sensorIndex: Int(p.sensor),
            slantRange: p.slantRange,
            gate: true
        )
        let r = gateMeasurement.covariance
        let traceR = r[0, 0] + r[1, 1]
        let r0 = p.measurement.covariance
        let plainTraceR = r0[0, 0] + r0[1, 1]
        let radarBit: UInt64 = p.sensor >= 0 && p.sensor < 64 ? 1 << UInt64(p.sensor) : 0
        let widened = traceR != plainTraceR
        for slot in candidates {
            // The identity and distance pre-checks read the record in place: binding it copies the whole record
            // (about 400 B), and most candidates of the grid query fail these checks.
            let s = Int(slot)
            guard tracks[s].isAlive else { continue }
            // Identity rules: a different Mode S address is a different aircraft; a tentative track started by a
            // primary-only plot (no codes: most likely clutter) does not capture SSR replies.
            let trackHasAddress = tracks[s].hasAddress
            if p.hasAddress && trackHasAddress && p.address != tracks[s].address { continue }
            if p.isSSR && !tracks[s].isConfirmed && !tracks[s].isCoded { continue }
            let addressMatch = p.hasAddress && trackHasAddress
            // A discrete Mode 3/A code is assigned to one flight in an area: strong evidence, wider gate.
            let discreteMatch = p.hasModeA && tracks[s].hasModeA && p.modeAIsDiscrete && p.modeA == tracks[s].modeA
            let gateThreshold =
                addressMatch ? c.addressGateThreshold : discreteMatch ? c.discreteCodeGateThreshold : c.gateThreshold
            // The priors stand for this radar's unknown bias against the rest of the picture; a track made of
            // this radar's plots alone carries the same bias, so the plain gate holds it (a wide gate there only
            // lets another object's plot pair with a single plot: a ghost velocity).
            let sameRadarOnly =
                widened && radarBit != 0
                && (tracks[s].sensorBits | tracks[s].previousSensorBits) == radarBit
                && (tracks[s].sourceBits | tracks[s].previousSourceBits) & TrackSources.adsb.rawValue == 0
            let candidateTraceR = sameRadarOnly ? plainTraceR : traceR
            let hits = tracks[s].hits
            let dt = p.time - tracks[s].time
            let e = tracks[s].estimate
            let dx = p.measurement.position[0] - (e.mean[0] + dt * e.mean[2])
            let dy = p.measurement.position[1] - (e.mean[1] + dt * e.mean[3])
            let distance2 = dx * dx + dy * dy
            let ec = e.covariance
            let adt = abs(dt)
            var radius: Double
            if hits <= 1 {
                // Single plot: any displacement a plausible speed allows (drones to Mach 4).
                radius = c.maximumSpeed * adt + 4 * (ec[0, 0] + ec[1, 1] + candidateTraceR).squareRoot()
            } else {
                let tracePredicted =
                    ec[0, 0] + ec[1, 1] + 2 * dt * (ec[0, 2] + ec[1, 3]) + dt * dt * (ec[2, 2] + ec[3, 3])
                    + 2 * c.manoeuvreNoiseIntensity * adt * adt * adt / 3
                radius = (gateThreshold * (tracePredicted + candidateTraceR)).squareRoot()
            }
            radius = Swift.min(radius, c.maximumGateRadius)
            guard distance2 <= radius * radius else { continue }
            let t = tracks[s]

            // Vertical: Mode C gate, or re-conversion of a height-less plot at the track's height (or, for a slow
            // track without Mode C, at a low flyer's height: a drone or helicopter, not an aircraft at 5 km).
            var measurement = p.measurement
            var gated = sameRadarOnly ? p.measurement : gateMeasurement
            var heightCost = 0.0
            var reconversion: (height: Double, variance: Double)?
            if t.vertical.isValid {
                let v = t.vertical.predicted(by: p.time - t.verticalTime, noiseIntensity: c.verticalNoiseIntensity)
                if p.hasHeight {
                    let dh = p.height - v.height
                    if t.hits <= 1 {
                        let limit = c.maximumVerticalRate * adt + 4 * (v.p00 + p.heightVariance).squareRoot()
                        if abs(dh) > limit { continue }
                    } else {
                        let d2h = dh * dh / (v.p00 + p.heightVariance)
                        if d2h > c.heightGateThreshold { continue }
                        heightCost = d2h
                    }
                } else {
                    reconversion = (v.height, v.p00)
                }
            } else if !p.hasHeight && t.hits >= 2 && (isLowFlyer(t) || movesSlowly(t)) {
                reconversion = c.lowFlyerHeight(
                    antennaHeight: converter.sensors[Int(p.sensor)].antennaHeight,
                    slantRangeMetres: p.slantRange
                )
            } else if !p.hasHeight && t.hits >= 2 && isFastFlyer(t) {
                // Mach 2–4 without Mode C: stratospheric, not at the 5 km of an unknown aircraft.
                reconversion = c.fastFlyerHeight(
                    antennaHeight: converter.sensors[Int(p.sensor)].antennaHeight,
                    slantRangeMetres: p.slantRange
                )
            }
            if let h = reconversion,
                let m = converter.convert(
                    sensorIndex: Int(p.sensor),
                    slantRangeMetres: p.slantRange,
                    azimuth: p.azimuth,
                    heightMetres: h.height,
                    heightVariance: h.variance
                )
            {
                measurement = considered(m, sensorIndex: Int(p.sensor), slantRange: p.slantRange)
                gated =
                    sameRadarOnly
                    ? measurement
                    : considered(measurement, sensorIndex: Int(p.sensor), slantRange: p.slantRange, gate: true)
            }

            var predicted = filter.predict(states[s], by: dt)
            // A height-less single plot and a second one within a slow object's reach (``slowPairingScore``): the
            // pair is a low flyer's, and both plots are taken at a low flyer's height (at the 5 km assumed for an
            // unknown aircraft a drone 20 km out is placed 600 m short, on both plots alike, and a slow track is
            // then shown that far off until its plots are re-converted). Computed once per pair, for the score too.
            let slowPairing = t.status == .tentative ? slowPairingScore(plot: p, track: t) : nil
            if slowPairing != nil, let pair = lowFlyerPair(plot: p, track: t) {
                predicted = filter.predict(filter.initiate(pair.first, velocitySigma: c.initialVelocitySigma), by: dt)
                measurement = pair.second
                gated =
                    sameRadarOnly
                    ? measurement
                    : considered(measurement, sensorIndex: Int(p.sensor), slantRange: p.slantRange, gate: true)
            }
            let estimate = filter.estimate(predicted)
            guard let innovation = estimate.innovation(of: gated) else { continue }
            if t.hits > 1 && innovation.d2 > gateThreshold { continue }
            // −2 log likelihood: the log-determinant term keeps a broad tentative gate (single plot, unknown
            // velocity) from out-bidding a confirmed track; normalised to (100 m)⁴ so typical values are ≈ 0.
            var cost = innovation.d2 + heightCost + Double.log(innovation.detS / 1e8)
            if addressMatch { cost -= c.addressMatchBonus }
            if p.hasModeA && t.hasModeA {
                if p.modeA == t.modeA {
                    cost -= p.modeAIsDiscrete ? c.discreteCodeMatchBonus : c.conspicuityCodeMatchBonus
                } else {
                    cost += c.codeMismatchPenalty
                }
            }
            let lr =
                c.jpdaDetectionProbability * Double.exp(-0.5 * cost)
                / (2 * Double.pi * innovation.detS.squareRoot() * c.jpdaClutterDensity)
            let increment =
                t.status == .tentative
                ? scoreIncrement(
                    plot: p,
                    track: t,
                    d2: innovation.d2,
                    detS: innovation.detS,
                    slowPairing: slowPairing
                ) : 0
            pairPredicted.append(predicted)
            pairs.append(
                GatedPair(
                    plot: Int32(i),
                    track: slot,
                    cost: cost,
                    likelihoodRatio: lr,
                    scoreIncrement: increment,
                    measurement: measurement,
                    stateIndex: Int32(pairPredicted.count - 1)
                )
            )
        }
    }
}

extension Tracker {
    /// A track without Mode C whose speed is known to be below ``TrackerConfiguration/lowFlyerSpeed`` (its speed
    /// plus one velocity σ).
    func isLowFlyer(_ t: TrackRecord) -> Bool {
        let e = t.estimate
        let speed2 = e.mean[2] * e.mean[2] + e.mean[3] * e.mean[3]
        let variance = e.covariance[2, 2] + e.covariance[3, 3]
        let limit = configuration.lowFlyerSpeed
        return speed2.squareRoot() + variance.squareRoot() < limit
    }

    /// A track without Mode C or SSR identity whose ground speed is above ``TrackerConfiguration/fastSpeed`` by two
    /// standard deviations (of the speed along the velocity): a Mach 2–4 object, not an aircraft.
    func isFastFlyer(_ t: TrackRecord) -> Bool {
        guard t.hits >= 2, !t.isCoded else { return false }
        let e = t.estimate
        let vx = e.mean[2]
        let vy = e.mean[3]
        let speed2 = vx * vx + vy * vy
        let fast = configuration.fastSpeed
        guard speed2 > fast * fast else { return false }
        let p = e.covariance
        let alongVariance = (p[2, 2] * vx * vx + 2 * p[2, 3] * vx * vy + p[3, 3] * vy * vy) / speed2
        return speed2.squareRoot() - 2 * alongVariance.squareRoot() > fast
    }

    /// The log-likelihood ratio of a second plot under the fast-object hypothesis, nats, or `nil` when the pairing
    /// does not imply a speed between ``TrackerConfiguration/fastSpeed`` and ``TrackerConfiguration/maximumSpeed``.
    ///
    /// The single-plot track's Gaussian velocity prior (σ = `initialVelocitySigma`, centred on 0) suits aircraft
    /// and scores a Mach 3 displacement poorly. The second initiation hypothesis is a fast object of unknown heading
    /// and a speed uniform over [v_fast, v_max]: the displacement r = |Δx| after Δt is then uniform over the ring
    /// v_fast Δt ≤ r ≤ v_max Δt, of density 1 / (2π r (v_max − v_fast) Δt) per m² at r, and
    /// ```
    /// ΔL = ln(P_D / (2π r (v_max − v_fast) Δt β_FT))
    /// ```
    /// (Blackman & Popoli 1999, eq. 6.13, with this prior in place of the Gaussian). Only for plots and tracks
    /// without SSR: a transponder's replies carry their own identity evidence.
    func fastPairingScore(plot p: TrackerPlot, track t: TrackRecord) -> Double? {
        let c = configuration
        guard t.hits == 1, !t.isCoded, !p.isSSR, c.maximumSpeed > c.fastSpeed else { return nil }
        let dt = p.time - t.time
        guard dt > 0 else { return nil }
        let dx = p.measurement.position[0] - t.estimate.mean[0]
        let dy = p.measurement.position[1] - t.estimate.mean[1]
        let r = (dx * dx + dy * dy).squareRoot()
        guard r > c.fastSpeed * dt, r <= c.maximumSpeed * dt else { return nil }
        // The ring is widened by the two positions' errors (4 σ), which dominate when the plots are close in time
        // (two radars a fraction of a second apart): the density must not grow without bound as Δt → 0.
        let e = t.estimate.covariance
        let r2 = p.measurement.covariance
        let noise = 4 * ((e[0, 0] + e[1, 1] + r2[0, 0] + r2[1, 1]) / 2).squareRoot()
        let density = 1 / (2 * Double.pi * r * ((c.maximumSpeed - c.fastSpeed) * dt + noise))
        return Double.log(c.scoreDetectionProbability * density / c.scoreFalseTargetDensity)
    }
}

extension Tracker {
    /// The log-likelihood ratio of a second plot under the slow-object hypothesis (a drone, a helicopter, a light
    /// aircraft without transponder), nats, or `nil` when the pairing implies a speed above
    /// ``TrackerConfiguration/lowFlyerSpeed`` or either has SSR data.
    ///
    /// A slow object of unknown heading and a speed uniform over [0, v_slow] moves its position uniformly over the
    /// disk r ≤ v_slow Δt (widened by the two positions' errors, 4 σ, as in ``fastPairingScore(plot:track:)``), of
    /// density 1 / (π (v_slow Δt + noise)²) per m², and
    /// ```
    /// ΔL = ln(P_D / (π (v_slow Δt + noise)² β_FT))
    /// ```
    /// (Blackman & Popoli 1999, eq. 6.13, with this prior in place of the Gaussian); capped at
    /// ``TrackerConfiguration/scoreSlowPlotCap``.
    func slowPairingScore(plot p: TrackerPlot, track t: TrackRecord) -> Double? {
        let c = configuration
        guard t.hits == 1, !t.isCoded, !p.isSSR, !p.hasHeight, c.lowFlyerSpeed > 0, c.scoreSlowPlotCap > 0 else {
            return nil
        }
        let dt = p.time - t.time
        guard dt > 0 else { return nil }
        let dx = p.measurement.position[0] - t.estimate.mean[0]
        let dy = p.measurement.position[1] - t.estimate.mean[1]
        let e = t.estimate.covariance
        let r2 = p.measurement.covariance
        var variance = e[0, 0] + e[1, 1] + r2[0, 0] + r2[1, 1]
        // Two plots of one radar at nearly the same range share the error of the height assumed for them (the
        // ground range of a height-less plot is uncertain by hundreds of metres near the radar, but by the same
        // amount for both): their displacement is uncertain only by the radar's range and azimuth errors.
        let sensor = Int(p.sensor)
        if t.lastSensor == p.sensor, sensor >= 0, sensor < converter.sensors.count,
            let m = converter.convert(
                sensorIndex: sensor,
                slantRangeMetres: p.slantRange,
                azimuth: p.azimuth,
                heightMetres: c.lowFlyerHeight(
                    antennaHeight: converter.sensors[sensor].antennaHeight,
                    slantRangeMetres: p.slantRange
                ).height,
                heightVariance: 0
            )
        {
            variance = 2 * (m.covariance[0, 0] + m.covariance[1, 1])
        }
        let noise = 4 * (variance / 2).squareRoot()
        // Two plots closer in time than the positions' errors can resolve a slow speed (two radars a fraction of a
        // second apart) say "an object here", not "a slow one": the aircraft prior scores them.
        guard c.lowFlyerSpeed * dt >= noise else { return nil }
        let radius = c.lowFlyerSpeed * dt + noise
        guard dx * dx + dy * dy <= radius * radius else { return nil }
        return Double.log(c.scoreDetectionProbability / (Double.pi * radius * radius * c.scoreFalseTargetDensity))
    }

    /// A single-plot track's plot and plot `p`, both converted at a low flyer's height (registration applied), or
    /// `nil` when a conversion fails.
    func lowFlyerPair(
        plot p: TrackerPlot,
        track t: TrackRecord
    ) -> (
        first: PlanePositionMeasurement, second: PlanePositionMeasurement
    )? {
        let c = configuration
        let firstSensor = Int(t.lastSensor)
        let sensor = Int(p.sensor)
        guard firstSensor >= 0, firstSensor < converter.sensors.count, sensor >= 0, sensor < converter.sensors.count
        else { return nil }
        let h1 = c.lowFlyerHeight(
            antennaHeight: converter.sensors[firstSensor].antennaHeight,
            slantRangeMetres: t.firstSlantRange
        )
        let h2 = c.lowFlyerHeight(
            antennaHeight: converter.sensors[sensor].antennaHeight,
            slantRangeMetres: p.slantRange
        )
        guard
            let m1 = converter.convert(
                sensorIndex: firstSensor,
                slantRangeMetres: t.firstSlantRange,
                azimuth: t.firstAzimuth,
                heightMetres: h1.height,
                heightVariance: h1.variance
            ),
            let m2 = converter.convert(
                sensorIndex: sensor,
                slantRangeMetres: p.slantRange,
                azimuth: p.azimuth,
                heightMetres: h2.height,
                heightVariance: h2.variance
            )
        else { return nil }
        return (
            considered(m1, sensorIndex: firstSensor, slantRange: t.firstSlantRange),
            considered(m2, sensorIndex: sensor, slantRange: p.slantRange)
        )
    }

    /// A track without Mode C or SSR identity, from at least two plots, whose ground speed plus one σ is below
    /// ``TrackerConfiguration/lowFlyerSpeed`` (``isLowFlyer(_:)``): a tentative one's plots are capped at
    /// ``TrackerConfiguration/scoreSlowPlotCap``.
    func isSlowPath(_ t: TrackRecord) -> Bool {
        t.hits >= 2 && !t.isCoded && isLowFlyer(t)
    }

    /// A track without Mode C or SSR identity, from at least two plots, whose estimated ground speed is below
    /// ``TrackerConfiguration/lowFlyerSpeed`` (its σ not yet small enough for ``isLowFlyer(_:)``): its height-less
    /// plots are converted at a low flyer's height, like the pair that started it (``lowFlyerPair(plot:track:)``).
    func movesSlowly(_ t: TrackRecord) -> Bool {
        guard t.hits >= 2, !t.isCoded else { return false }
        let v = t.estimate.velocity
        let limit = configuration.lowFlyerSpeed
        return (v * v).sum() < limit * limit
    }

    /// The log-likelihood ratio a gated plot adds to a tentative track's score, nats (Blackman & Popoli 1999,
    /// §6.2, eq. 6.13–6.16): kinematic plus identity evidence,
    /// ```
    /// ΔL = min(ln(P_D / (2π √|S| β_FT)) − d²/2, cap) + ΔL_identity
    /// ```
    /// with `S` the innovation covariance (m²), `d²` the normalised innovation, `β_FT` the false-target density and
    /// `cap` the saturation against persistent unwanted echoes (primary) or wrong pairings of replies (SSR).
    /// Identity: a Mode S address new to the track, a repeated address, a repeated discrete Mode 3/A code and a
    /// Mode C inside the height gate add; a changed Mode 3/A code subtracts; conspicuity and emergency codes count
    /// for nothing.
    /// - Parameters:
    ///   - p: the plot; `t`: the tentative track (before the update).
    ///   - d2: squared Mahalanobis distance of the position innovation (2 dof); `detS`: det S, m⁴.
    ///   - slowPairing: ``slowPairingScore(plot:track:)`` of the pair, computed once by the caller.
    func scoreIncrement(
        plot p: TrackerPlot,
        track t: TrackRecord,
        d2: Double,
        detS: Double,
        slowPairing: Double?
    ) -> Double {
        let c = configuration
        let density = 2 * Double.pi * detS.squareRoot() * c.scoreFalseTargetDensity
        // A plot beyond the ordinary gate got in through an identity gate (same address or discrete code, wider):
        // the identity vouches for it, and its kinematics say only "outside the ordinary gate" — counted as at the
        // gate's edge, so that a manoeuvring aircraft's own replies cannot push its score below deletion.
        let d2Kinematic = Swift.min(d2, c.gateThreshold)
        var kinematic =
            Double.log(c.scoreDetectionProbability / Swift.max(density, .leastNormalMagnitude)) - d2Kinematic / 2
        var cap = p.isSSR ? c.scoreSSRPlotCap : c.scorePrimaryPlotCap
        // A fast path is no persistent unwanted echo: its plots are not saturated like a slow primary track's.
        // The second plot keeps the primary cap: two plots fit any velocity, and two false plots pair as well as
        // an object's; from the third plot on, a fast path is no persistent unwanted echo and is not saturated.
        if let fast = fastPairingScore(plot: p, track: t) {
            kinematic = Swift.max(kinematic, fast)
        } else if let slow = slowPairing {
            kinematic = Swift.max(kinematic, slow)
            cap = Swift.max(cap, c.scoreSlowPlotCap)
        } else if !p.isSSR && isFastFlyer(t) {
            cap = Swift.max(cap, c.scoreFastPlotCap)
        } else if !p.isSSR && isSlowPath(t) {
            cap = Swift.max(cap, c.scoreSlowPlotCap)
        }
        kinematic = Swift.min(kinematic, cap)
        var identity = 0.0
        if p.hasAddress {
            if !t.hasAddress {
                identity += c.scoreNewAddressEvidence
            } else if p.address == t.address {
                identity += c.scoreAddressEvidence
            }
        }
        if p.hasModeA && t.hasModeA {
            if p.modeA != t.modeA {
                identity -= c.scoreCodeMismatchPenalty
            } else if p.modeAIsDiscrete {
                identity += c.scoreDiscreteCodeEvidence
            }
        }
        // The plot passed the height gate (gate(plotIndex:)): its Mode C agrees with the track's height.
        if p.hasHeight && t.vertical.isValid { identity += c.scoreHeightEvidence }
        return kinematic + identity
    }
}
