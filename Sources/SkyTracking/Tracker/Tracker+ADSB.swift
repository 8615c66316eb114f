import SkyMath
public import SkyModel

/// The ADS-B side of the tracker's state: parameters, counters and the reports waiting for the radar batch.
struct ADSBFusionState: Sendable {
    var configuration = ADSBFusionConfiguration()
    var statistics = ADSBFusionStatistics()
    /// Reports received while a radar batch was open; applied right after the batch (see `process(_:)`).
    var pending: [ADSBMeasurement] = []
    /// Consecutive position-gate rejections per address (reset by an accepted report).
    var rejectionStreak: [UInt32: Int32] = [:]
}

extension Tracker {
    /// The ADS-B fusion parameters.
    public var adsbConfiguration: ADSBFusionConfiguration {
        get { adsb.configuration }
        set { adsb.configuration = newValue }
    }

    /// The ADS-B fusion counters.
    public var adsbStatistics: ADSBFusionStatistics { adsb.statistics }

    /// Processes one ADS-B report. Reports and plots must come in one time order.
    ///
    /// Association is by Mode S address first, then verified kinematically:
    /// 1. The track holding the address (a confirmed track's claim, or a tentative track with the address near the
    ///    report) is predicted to the report's time; the report must pass the chi-square gate on the position
    ///    innovation (``ADSBFusionConfiguration/gateThreshold``) and the altitude gate
    ///    (``TrackerConfiguration/heightGateThreshold``). A report that fails is counted and not applied, and is
    ///    never offered to another track.
    /// 2. When no track has the address, a unique track without any address in the ordinary gate, with no
    ///    contradicting Mode 3/A code or altitude, takes the report and the address.
    /// 3. Otherwise the report starts a tentative track carrying the address (confirmed by the next report or
    ///    plot of the address, as an SSR track with an address is).
    ///
    /// The position updates the horizontal filter with `R` from NACp (``ADSBMeasurementModel``); the barometric
    /// altitude updates the vertical filter as a Mode C would.
    ///
    /// Radar plots are associated in batches (a sector of one radar). A report arriving while a batch is open waits
    /// and is applied right after the batch, so that the batch stays joint; a report then older than its track's
    /// latest plot is retrodicted (at most ``ADSBFusionConfiguration/maximumLateness``, else dropped and counted).
    public mutating func process(_ report: ADSBReport) {
        adsb.statistics.reports += 1
        if let callsign = report.callsign { callsigns[report.address.rawValue] = callsign }
        let model = ADSBMeasurementModel(plane: converter.plane, configuration: adsb.configuration)
        guard let m = model.measurement(of: report) else {
            adsb.statistics.unusable += 1
            return
        }
        if let first = batch.first, m.time - first.time > configuration.batchWindow { flush() }
        if m.time >= gridTime + 1 {
            flush()
            maintain(at: m.time)
        }
        if batch.isEmpty {
            apply(m)
        } else {
            adsb.pending.append(m)
        }
    }

    /// Applies the reports that waited for the radar batch (called at the end of `flush()`).
    mutating func applyPendingADSB() {
        guard !adsb.pending.isEmpty else { return }
        var pending = adsb.pending
        adsb.pending = []
        for m in pending { apply(m) }
        pending.removeAll(keepingCapacity: true)
        adsb.pending = pending
    }

    /// Associates and applies one report (see ``process(_:)-(ADSBReport)``).
    mutating func apply(_ m: ADSBMeasurement) {
        if let owner = addressOwner[m.address], tracks[Int(owner)].isAlive, tracks[Int(owner)].hasAddress,
            tracks[Int(owner)].address == m.address
        {
            verifyAndUpdate(slot: Int(owner), with: m)
            return
        }
        // Nearby tracks: one carrying the address (tentative: not in the address table yet), else unaddressed ones.
        let c = configuration
        candidates.removeAll(keepingCapacity: true)
        let drift = c.maximumSpeed * Swift.max(0, m.time - gridTime)
        grid.query(
            x: m.measurement.position[0],
            y: m.measurement.position[1],
            radius: c.maximumGateRadius + drift,
            into: &candidates
        )
        var addressed = -1
        for slot in candidates {
            let t = tracks[Int(slot)]
            guard t.isAlive, t.hasAddress, t.address == m.address else { continue }
            // Of several (duplicates before merging), the one with the most updates.
            if addressed < 0 || t.hits > tracks[addressed].hits { addressed = Int(slot) }
        }
        if addressed >= 0 {
            verifyAndUpdate(slot: addressed, with: m)
            return
        }
        if adsb.configuration.associatesUnaddressedTracks, let slot = uniqueUnaddressedTrack(for: m) {
            if slot >= 0 {
                adsb.statistics.adoptedByUnaddressedTrack += 1
                update(
                    slot: slot,
                    with: m,
                    predicted: filter.predict(states[slot], by: m.time - tracks[slot].time)
                )
                return
            }
            adsb.statistics.ambiguous += 1
        }
        adsb.statistics.tracksInitiated += 1
        adsb.statistics.applied += 1
        initiate(from: trackerPlot(m))
    }

    /// The kinematic verification against the track holding the report's address, then the update.
    mutating func verifyAndUpdate(slot: Int, with m: ADSBMeasurement) {
        // Fields read one by one: the record (with its filter state) is hundreds of bytes, not worth copying.
        let c = configuration
        let dt = m.time - tracks[slot].time
        if dt < -adsb.configuration.maximumLateness {
            adsb.statistics.late += 1
            return
        }
        let hits = tracks[slot].hits
        let predicted = filter.predict(states[slot], by: dt)
        let e = filter.estimate(predicted)
        guard let innovation = e.innovation(of: m.measurement) else {
            adsb.statistics.rejectedByPositionGate += 1
            return
        }
        let adt = abs(dt)
        if hits <= 1 {
            // A single-plot track has no velocity yet: any displacement a plausible speed allows.
            let dx = m.measurement.position[0] - e.mean[0]
            let dy = m.measurement.position[1] - e.mean[1]
            let r = m.measurement.covariance
            let radius =
                c.maximumSpeed * adt
                + 4 * (e.covariance[0, 0] + e.covariance[1, 1] + r[0, 0] + r[1, 1]).squareRoot()
            if dx * dx + dy * dy > radius * radius {
                adsb.statistics.rejectedByPositionGate += 1
                return
            }
        } else if innovation.d2 > adsb.configuration.gateThreshold {
            adsb.statistics.rejectedByPositionGate += 1
            rejected(m, owner: slot)
            return
        }
        if m.hasHeight && tracks[slot].vertical.isValid {
            let v = tracks[slot].vertical.predicted(
                by: m.time - tracks[slot].verticalTime,
                noiseIntensity: c.verticalNoiseIntensity
            )
            let dh = m.height - v.height
            let fails =
                hits <= 1
                ? abs(dh) > c.maximumVerticalRate * adt + 4 * (v.p00 + m.heightVariance).squareRoot()
                : dh * dh / (v.p00 + m.heightVariance) > c.heightGateThreshold
            if fails {
                adsb.statistics.rejectedByAltitudeGate += 1
                return
            }
        }
        adsb.statistics.appliedByAddress += 1
        noteRegistrationReference(m)
        if dt < 0 { adsb.statistics.appliedLate += 1 }
        if adsb.rejectionStreak[m.address] != nil { adsb.rejectionStreak[m.address] = nil }
        update(slot: slot, with: m, predicted: predicted)
    }

    /// Counts a rejection of the address's reports by its track; after
    /// ``ADSBFusionConfiguration/identitySplitRejections`` in a row while that track is coasting (no radar plot
    /// for over 1.2 rotations either), the track loses the address and the report starts a track of its own.
    ///
    /// A track can hold an address it should not (an early mis-association of a Mode S plot with another
    /// aircraft's track); without this, the aircraft's own reports would be refused until that track is deleted.
    /// A coasting track is required so that a consistent false stream (spoofing) cannot take the identity from a
    /// track that radar plots still confirm. A young track (``ADSBFusionConfiguration/reanchorMaximumAgePeriods``:
    /// a plot or two of each radar) is not split but started again from the report, keeping its number.
    mutating func rejected(_ m: ADSBMeasurement, owner slot: Int) {
        let limit = adsb.configuration.identitySplitRejections
        guard limit > 0 else { return }
        let streak = (adsb.rejectionStreak[m.address] ?? 0) + 1
        adsb.rejectionStreak[m.address] = streak
        guard streak >= limit else { return }
        if m.time - tracks[slot].createdTime < adsb.configuration.reanchorMaximumAgePeriods * rotationPeriodForTimeouts
        {
            adsb.rejectionStreak[m.address] = nil
            adsb.statistics.reanchored += 1
            reanchor(slot: slot, on: m)
            return
        }
        guard tracks[slot].status == .coasting else { return }
        adsb.rejectionStreak[m.address] = nil
        adsb.statistics.identitySplits += 1
        tracks[slot].hasAddress = false
        if addressOwner[m.address] == Int32(slot) { addressOwner[m.address] = nil }
        adsb.statistics.tracksInitiated += 1
        adsb.statistics.applied += 1
        initiate(from: trackerPlot(m))
    }

    /// Starts a young track again from one of its address's reports: the report's position, the initial velocity
    /// prior, its altitude; number, status, identity and history stay (see ``rejected(_:owner:)``).
    mutating func reanchor(slot: Int, on m: ADSBMeasurement) {
        let c = configuration
        let p = trackerPlot(m)
        let state = filter.initiate(p.measurement, velocitySigma: c.initialVelocitySigma)
        states[slot] = state
        tracks[slot].estimate = filter.estimate(state)
        tracks[slot].time = m.time
        tracks[slot].hits = 1
        tracks[slot].misses = 0
        tracks[slot].firstPosition = SIMD2(p.measurement.position[0], p.measurement.position[1])
        if p.hasHeight {
            tracks[slot].vertical = VerticalState(
                firstHeight: p.height,
                variance: p.heightVariance,
                rateSigma: c.initialVerticalRateSigma
            )
            tracks[slot].verticalTime = m.time
        }
        adsb.statistics.applied += 1
    }

    /// The only unaddressed track (`>= 0`) whose gates hold the report, `-1` when several do, `nil` when none.
    func uniqueUnaddressedTrack(for m: ADSBMeasurement) -> Int? {
        let c = configuration
        var found: Int? = nil
        for slot in candidates {
            let t = tracks[Int(slot)]
            guard t.isAlive, !t.hasAddress else { continue }
            // A tentative track without codes is most likely clutter (as for SSR plots in the radar gate).
            if !t.isConfirmed && !t.isCoded { continue }
            if m.hasModeA && t.hasModeA && m.modeA != t.modeA { continue }
            let dt = m.time - t.time
            guard dt >= -adsb.configuration.maximumLateness else { continue }
            if m.hasHeight && t.vertical.isValid {
                let v = t.vertical.predicted(by: m.time - t.verticalTime, noiseIntensity: c.verticalNoiseIntensity)
                let dh = m.height - v.height
                if dh * dh / (v.p00 + m.heightVariance) > c.heightGateThreshold { continue }
            }
            let e = filter.estimate(filter.predict(states[Int(slot)], by: dt))
            guard t.hits > 1, let innovation = e.innovation(of: m.measurement), innovation.d2 <= c.gateThreshold
            else { continue }
            if found != nil { return -1 }
            found = Int(slot)
        }
        return found
    }

    /// The filter update of track `slot` with a report, then the common bookkeeping (identity, vertical filter,
    /// confirmation).
    mutating func update(slot: Int, with m: ADSBMeasurement, predicted: Filter.State) {
        guard let posterior = filter.update(predicted, with: m.measurement) else {
            statistics.numericalFailures += 1
            delete(slot: slot)
            return
        }
        adsb.statistics.applied += 1
        let plot = trackerPlot(m)
        if !tracks[slot].isConfirmed, let innovation = filter.estimate(predicted).innovation(of: m.measurement) {
            // A report carries its address: never a slow primary-only pairing (``slowPairingScore(plot:track:)``).
            tracks[slot].score += scoreIncrement(
                plot: plot,
                track: tracks[slot],
                d2: innovation.d2,
                detS: innovation.detS,
                slowPairing: nil
            )
        }
        commit(slot: slot, state: posterior, plot: plot, hit: true)
    }

    /// A report in the tracker's plot form (sensor index −1: no radar), for initiation and `commit`.
    func trackerPlot(_ m: ADSBMeasurement) -> TrackerPlot {
        TrackerPlot(
            time: m.time,
            sensor: -1,
            slantRange: 0,
            azimuth: 0,
            measurement: m.measurement,
            height: m.height,
            heightVariance: m.heightVariance,
            hasHeight: m.hasHeight,
            address: m.address,
            hasAddress: true,
            modeA: m.modeA,
            hasModeA: m.hasModeA,
            modeAIsDiscrete: m.modeAIsDiscrete,
            plotID: -1,
            sources: TrackSources.adsb.rawValue
        )
    }
}

extension Tracker {
    /// Of two confirmed tracks found to follow one object, the one to delete: a track without a Mode S address
    /// gives way to one with an address (the identity the system shows, and the track ADS-B reports go to), else
    /// the younger gives way.
    ///
    /// Without the first rule a Mode A/C track confirmed a moment ago would replace an ADS-B-fed track shown for
    /// many seconds, just for being initiated earlier, and the aircraft would change track number.
    func duplicateToDrop(_ a: Int, _ b: Int) -> Int {
        let ta = tracks[a]
        let tb = tracks[b]
        if ta.hasAddress != tb.hasAddress { return ta.hasAddress ? b : a }
        return ta.createdTime <= tb.createdTime ? b : a
    }
}
