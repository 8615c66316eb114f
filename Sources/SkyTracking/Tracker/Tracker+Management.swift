import RealModule
import SkyMath
import SkyModel

extension Tracker {
    /// Stores a posterior and updates identity, the vertical filter, the hit counters and the status.
    mutating func commit(slot: Int, state: Filter.State, plot p: TrackerPlot, hit: Bool) {
        let c = configuration
        states[slot] = state
        var t = tracks[slot]
        t.estimate = filter.estimate(state)
        t.time = p.time
        guard hit else {
            tracks[slot] = t
            return
        }
        if p.hasHeight {
            if t.vertical.isValid {
                var v = t.vertical.predicted(by: p.time - t.verticalTime, noiseIntensity: c.verticalNoiseIntensity)
                v.update(height: p.height, variance: p.heightVariance)
                t.vertical = v
            } else {
                t.vertical = VerticalState(
                    firstHeight: p.height,
                    variance: p.heightVariance,
                    rateSigma: c.initialVerticalRateSigma
                )
            }
            t.verticalTime = p.time
        }
        if p.hasAddress {
            t.address = p.address
            t.hasAddress = true
            t.addressHits += 1
            t.addressTime = p.time
        }
        if p.hasModeA {
            if t.hasModeA && t.modeA == p.modeA {
                if p.modeAIsDiscrete { t.discreteHits += 1 }
            } else {
                t.discreteHits = p.modeAIsDiscrete ? 1 : 0
            }
            t.modeA = p.modeA
            t.hasModeA = true
            t.modeAIsDiscrete = p.modeAIsDiscrete
        }
        if p.isSSR { t.ssrHits += 1 }
        t.hits += 1
        t.misses = 0
        t.lastSensor = p.sensor
        noteContribution(&t, plot: p)
        var lifecycle = TrackLifecycleStateMachine(status: t.status)
        switch t.status {
        case .tentative:
            if configuration.confirmationLogic == .score && t.score < configuration.scoreDeletionThreshold {
                // SPRT: the evidence says "no aircraft" (a code change, plots far out in the gate).
                tracks[slot] = t
                delete(slot: slot)
                return
            }
            if isConfirmable(t) {
                tracks[slot] = t
                if let survivor = confirmedTrackDuplicated(by: slot, at: p.time) {
                    statistics.tracksMerged += 1
                    delete(slot: slot, at: p.time, mergedInto: tracks[survivor].number)
                    return
                }
                // The aircraft of a track that lost it (endLostTrack) gets that track's number back.
                let tookLostNumber = takeLostNumber(&t)
                let action = lifecycle.confirm(track: t.number, time: p.time)
                t.status = lifecycle.status
                statistics.tracksConfirmed += 1
                tracks[slot] = t
                // Its competing initiation hypotheses end (Tracker+Hypotheses.swift).
                if t.family != 0 { endSiblings(of: slot) }
                // A confirmed track that continues a lost one takes its number: the old track resumes rather than
                // a new one appearing.
                if !tookLostNumber, let resumed = adoptLostTrack(slot: slot) {
                    if resumed { lifecycleEvents.append(.resumed(track: tracks[slot].number, time: p.time)) }
                } else {
                    publish(action)
                }
                if t.hasAddress { claimAddress(slot: slot) }
                return
            }
        case .coasting:
            publish(lifecycle.update(track: t.number, time: p.time))
            t.status = lifecycle.status
        case .confirmed, .terminated:
            break
        }
        tracks[slot] = t
        if t.isConfirmed && t.hasAddress && addressOwner[t.address] != Int32(slot) { claimAddress(slot: slot) }
    }

    /// Appends a life-cycle event the state machine asked for.
    mutating func publish(_ action: TrackLifecycleStateMachine.Action) {
        if case .publish(let event) = action { lifecycleEvents.append(event) }
    }

    /// Records the sensor and sources of a plot or report that updated track `t`.
    func noteContribution(_ t: inout TrackRecord, plot p: TrackerPlot) {
        if p.time - t.contributionStart > contributionWindow {
            t.previousSensorBits = t.sensorBits
            t.previousSourceBits = t.sourceBits
            t.sensorBits = 0
            t.sourceBits = 0
            t.contributionStart = p.time
        }
        if p.sensor >= 0 && p.sensor < 64 { t.sensorBits |= 1 << UInt64(p.sensor) }
        t.sourceBits |= p.sources
    }

    /// Confirmation with plausibility: enough evidence, and a plausible speed and velocity accuracy.
    ///
    /// The evidence is the track score against the SPRT threshold (``TrackerConfiguration/confirmationLogic``
    /// `score`), or the M-of-N plot counts (`mOfN`): clutter carries no SSR codes, so code-bearing plots confirm
    /// fast; primary-only tracks need ``TrackerConfiguration/confirmHitsPrimary`` plots on one consistent path.
    func isConfirmable(_ t: TrackRecord) -> Bool {
        let c = configuration
        guard t.hits >= 2 else { return false }
        let v = t.estimate.velocity
        let speed2 = (v * v).sum()
        guard speed2 <= c.maximumSpeed * c.maximumSpeed else { return false }
        // Two plots fit any velocity exactly; a speed no airliner flies must survive a third plot's gate before it
        // is believed (two nearby aircraft's plots paired in dense traffic otherwise make a Mach-2 ghost).
        if speed2 > c.fastSpeed * c.fastSpeed && t.hits < c.confirmHitsFast { return false }
        // Display only a velocity good enough to extrapolate: two plots a fraction of a second apart (two radars)
        // give a position but not yet a heading.
        let pv = t.estimate.covariance
        guard
            pv[2, 2] + pv[3, 3] + misalignmentVelocityVariance(t) <= 2 * c.confirmVelocitySigma * c.confirmVelocitySigma
        else {
            return false
        }
        if t.vertical.isValid && abs(t.vertical.rate) > c.maximumVerticalRate { return false }
        // Its address's track is alive and has had plots since it started: two aircraft share the address.
        if t.contestsAddress, let o = addressOwner[t.address], tracks[Int(o)].isAlive,
            tracks[Int(o)].addressTime >= t.createdTime
        {
            return false
        }
        switch c.confirmationLogic {
        case .score:
            return t.score >= c.scoreConfirmationThreshold
        case .mOfN:
            break
        }
        if t.addressHits >= 1 && t.ssrHits >= c.confirmHitsAddress { return true }
        if t.discreteHits >= c.confirmHitsDiscreteCode { return true }
        if t.ssrHits >= c.confirmHitsSSR { return true }
        return t.hits >= c.confirmHitsPrimary
    }

    /// The velocity variance (m²/s², trace over both axes) that a known misalignment of a tentative track's
    /// sources adds to its filter's, in `correct` mode: a radar whose estimate is significant but not yet applied
    /// (``TrackerRegistration/misalignmentVariances``) puts its plots off by that bias; two sources' plots then
    /// differ by it, and a velocity from them is off by that difference over the time the plots span. One source
    /// alone (a single radar's plots) shares its bias with itself and adds nothing; so do radars with no
    /// significant bias, or whose bias is corrected.
    ///
    /// Schmidt's consider covariance applied to the confirmation test only. Evidence, not priors: before the
    /// first solution (and on an unbiased network) nothing is held.
    func misalignmentVelocityVariance(_ t: TrackRecord) -> Double {
        // Through the optional's storage, without copying the registration state (as `registered(_:sensorIndex:)`).
        guard registration?.mode == .correct else { return 0 }
        let bits = t.sensorBits | t.previousSensorBits
        let adsb = (t.sourceBits | t.previousSourceBits) & TrackSources.adsb.rawValue != 0
        guard bits.nonzeroBitCount + (adsb ? 1 : 0) >= 2 else { return 0 }
        var variance = 0.0
        var rest = bits
        let speed2 = (t.estimate.velocity * t.estimate.velocity).sum()
        while rest != 0 {
            let s = rest.trailingZeroBitCount
            rest &= rest - 1
            guard let v = registration?.misalignmentVariances[s], v != .zero else { continue }
            let d = t.estimate.position - converter.sensors[s].planeSite
            // Range offset, gain (ρ ≈ the plane distance), azimuth and time: the position variance they make, m².
            variance += v[0] + (v[1] + v[2]) * (d * d).sum() + v[3] * speed2
        }
        guard variance > 0 else { return 0 }
        let span = Swift.max(t.time - t.createdTime, 1)
        return variance / (span * span)
    }

    /// Whether the confirmed track in `slot` has lost the aircraft whose plot `p` (not associated to it) carries its
    /// address: a covering radar swept it without a plot since its last one, or it had no plot carrying its address
    /// (``TrackRecord/addressTime``: other objects' anonymous plots do not count) for half a rotation
    /// of `p`'s radar (a reflection of the aircraft's reply comes in the sweep that also brought its true plot).
    func hasLost(_ slot: Int, plot p: TrackerPlot) -> Bool {
        let t = tracks[slot]
        if t.misses > 0 { return true }
        let period = rotationPeriod(ofSensor: p.sensor)
        return period > 0 && p.time - t.addressTime > 0.5 * period
    }

    /// Ends the confirmed track in `slot`, which lost the aircraft of its Mode S address (``hasLost(_:plot:)``),
    /// and keeps its number for the aircraft's next track (``lostNumbers``): the display stops showing a track
    /// that follows nothing at once, and the aircraft keeps its track number.
    mutating func endLostTrack(_ slot: Int, at time: Double) {
        let t = tracks[slot]
        lostNumbers[t.address] = (t.number, t.createdTime, time)
        statistics.tracksLostByAddress += 1
        delete(slot: slot, at: time)
    }

    /// At confirmation: if the track that lost `t`'s Mode S aircraft ended within ``deleteAfter``, `t` takes its
    /// number and creation time.
    /// - Returns: whether it did.
    mutating func takeLostNumber(_ t: inout TrackRecord) -> Bool {
        guard t.hasAddress, let lost = lostNumbers.removeValue(forKey: t.address), t.time - lost.time <= deleteAfter
        else { return false }
        t.number = lost.number
        t.createdTime = lost.createdTime
        return true
    }

    /// Records a confirmed track as the owner of its Mode S address; a second confirmed track with the same
    /// address is a duplicate, and the younger of the two is merged away.
    mutating func claimAddress(slot: Int) {
        let address = tracks[slot].address
        if let other = addressOwner[address], Int(other) != slot, tracks[Int(other)].isAlive,
            tracks[Int(other)].hasAddress, tracks[Int(other)].address == address
        {
            let (keep, drop) =
                tracks[Int(other)].createdTime <= tracks[slot].createdTime ? (Int(other), slot) : (slot, Int(other))
            addressOwner[address] = Int32(keep)
            statistics.tracksMerged += 1
            delete(slot: drop, mergedInto: tracks[keep].number)
            return
        }
        addressOwner[address] = Int32(slot)
    }

    /// Starts a tentative track from an unassigned plot.
    mutating func initiate(from p: TrackerPlot) {
        var contested = false
        // A plot carrying the address of a live confirmed track is a stray reply of that aircraft, not a new one —
        // unless that track has lost the aircraft: it missed it since its last plot (a radar swept it there and saw
        // nothing), or it had no plot with its address for half a rotation of the radar that now sees the aircraft
        // elsewhere (a ghost may live on other objects' anonymous plots). A
        // Mode S address is one aircraft, so the track is not following it (a wrong pairing in dense traffic made
        // it a ghost carrying the address), and the aircraft's plots start its track again
        // (``adoptLostTrack(slot:)`` gives that track the old number at confirmation).
        if p.hasAddress, let owner = addressOwner[p.address], tracks[Int(owner)].isAlive {
            guard hasLost(Int(owner), plot: p) else { return }
            // Missed where it was expected: it follows nothing, and ends now. Merely silent: the new track, once
            // confirmed, takes it over if it still has had no plot with the address (``adoptLostTrack(slot:)``); two aircraft
            // sharing one address (a misconfigured transponder) keep their plots, and neither ends the other.
            if tracks[Int(owner)].misses > 0 { endLostTrack(Int(owner), at: p.time) } else { contested = true }
        }
        let c = configuration
        let state = filter.initiate(p.measurement, velocitySigma: c.initialVelocitySigma)
        var vertical = VerticalState.none
        if p.hasHeight {
            vertical = VerticalState(
                firstHeight: p.height,
                variance: p.heightVariance,
                rateSigma: c.initialVerticalRateSigma
            )
        }
        var record = TrackRecord(
            number: nextNumber,
            status: .tentative,
            isAlive: true,
            estimate: filter.estimate(state),
            time: p.time,
            vertical: vertical,
            verticalTime: p.time,
            createdTime: p.time,
            firstPosition: SIMD2(p.measurement.position[0], p.measurement.position[1]),
            firstHeight: p.height,
            firstHasHeight: p.hasHeight,
            hits: 1,
            ssrHits: p.isSSR ? 1 : 0,
            addressHits: p.hasAddress ? 1 : 0,
            discreteHits: p.hasModeA && p.modeAIsDiscrete ? 1 : 0,
            address: p.address,
            hasAddress: p.hasAddress,
            modeA: p.modeA,
            hasModeA: p.hasModeA,
            modeAIsDiscrete: p.modeAIsDiscrete,
            lastSensor: p.sensor,
            mergeCount: 0,
            misses: 0
        )
        // The first plot's own evidence (Blackman & Popoli's signal term of L(1)): a Mode S address says
        // "a transponder", never clutter. The prior odds ln(β_NT/β_FT) are left out: with uniform clutter they only
        // shift every track's score alike, and the thresholds are set against the plot counts they replace.
        record.score = p.hasAddress ? c.scoreNewAddressEvidence : 0
        noteContribution(&record, plot: p)
        record.contestsAddress = contested
        record.firstSlantRange = p.slantRange
        record.firstAzimuth = p.azimuth
        nextNumber &+= 1
        statistics.tracksInitiated += 1
        let slot = store(record, state)
        grid.insert(slot: Int32(slot), x: p.measurement.position[0], y: p.measurement.position[1])
    }

    /// Puts a new track's record and filter state in a free slot (or a new one) and returns the slot.
    mutating func store(_ record: TrackRecord, _ state: Filter.State) -> Int {
        if let free = freeSlots.popLast() {
            let slot = Int(free)
            tracks[slot] = record
            states[slot] = state
            return slot
        }
        tracks.append(record)
        states.append(state)
        return tracks.count - 1
    }

    /// Ends a track; its slot is reused after the next grid rebuild.
    /// - Parameters:
    ///   - mergedInto: the number of the track that lives on, when this one is a duplicate merged away.
    ///   - publishing: whether the end is published (`false` when the number lives on in another slot).
    /// Ends track `slot` at data time `time` (the maintenance or merge time; its last update time when `nil`).
    mutating func delete(slot: Int, at time: Double? = nil, mergedInto survivor: UInt32? = nil, publishing: Bool = true)
    {
        guard tracks[slot].isAlive else { return }
        if tracks[slot].family != 0 { leaveFamily(slot: slot) }
        tracks[slot].isAlive = false
        var lifecycle = TrackLifecycleStateMachine(status: tracks[slot].status)
        let action = lifecycle.end(
            track: tracks[slot].number,
            time: Swift.max(time ?? tracks[slot].time, tracks[slot].time),
            mergedInto: survivor
        )
        if publishing { publish(action) }
        tracks[slot].status = lifecycle.status
        if tracks[slot].hasAddress, addressOwner[tracks[slot].address] == Int32(slot) {
            addressOwner[tracks[slot].address] = nil
        }
        pendingFree.append(Int32(slot))
        statistics.tracksDeleted += 1
    }

    /// Once per second of data time: coasting and deletion, duplicate merging, and the grid rebuild.
    ///
    /// - Complexity: O(live tracks); per plot this is constant, since plots grow with tracks.
    mutating func maintain(at time: Double) {
        updateRegistration(now: time)
        let c = configuration
        let maxVariance = c.maximumPositionSigma * c.maximumPositionSigma
        for slot in 0..<tracks.count where tracks[slot].isAlive {
            let t = tracks[slot]
            let silent = time - t.time
            if t.status == .tentative {
                if silent > tentativeTimeout || time - t.createdTime > tentativeWindow { delete(slot: slot, at: time) }
                continue
            }
            var blind = false
            if silent > 1 { blind = countMisses(slot: slot, now: time) }
            // A slow primary-only track in every covering radar's MTI blind band (a hovering drone) sends no echo:
            // it may coast longer, where it is expected to be invisible.
            let limit = blind ? Swift.max(deleteAfter, c.blindCoastSeconds) : deleteAfter
            if silent > limit || tracks[slot].misses >= Int32(c.deleteAfterMisses) {
                if let partner = pendingDuplicate(of: slot) {
                    // Its duplicate took its plots while the merge waited: the older number goes on with them.
                    continueDuplicate(partner, into: slot, at: time)
                } else {
                    delete(slot: slot, at: time)
                }
                continue
            }
            // Growing uncertainty while coasting: the predicted position variance (largest axis, bounded by trace).
            // Position variance after `silent` seconds under the manoeuvre noise (trace, cheap CV bound).
            let pc = t.estimate.covariance
            let positionTrace =
                pc[0, 0] + pc[1, 1] + 2 * silent * (pc[0, 2] + pc[1, 3])
                + silent * silent * (pc[2, 2] + pc[3, 3]) + 2 * c.manoeuvreNoiseIntensity * silent * silent * silent / 3
            if positionTrace > 2 * maxVariance {
                delete(slot: slot, at: time)
                continue
            }
            var lifecycle = TrackLifecycleStateMachine(status: tracks[slot].status)
            publish(
                lifecycle.maintain(
                    track: t.number,
                    time: time,
                    coasting: silent > coastAfter || tracks[slot].misses > 0
                )
            )
            tracks[slot].status = lifecycle.status
        }
        pruneFamilies(at: time)
        if !lostNumbers.isEmpty { lostNumbers = lostNumbers.filter { time - $0.value.time <= deleteAfter } }
        previousMaintenance = time
        freeSlots.append(contentsOf: pendingFree)
        pendingFree.removeAll(keepingCapacity: true)
        grid.reset(expectedSlots: liveTrackCount, slotCapacity: tracks.count)
        for slot in 0..<tracks.count where tracks[slot].isAlive {
            let e = tracks[slot].estimate
            let dt = time - tracks[slot].time
            grid.insert(slot: Int32(slot), x: e.mean[0] + dt * e.mean[2], y: e.mean[1] + dt * e.mean[3])
        }
        gridTime = time
        mergeDuplicates(at: time)
    }

    /// Merges confirmed tracks that follow the same object (``isDuplicate(_:_:at:)``). The younger track goes.
    ///
    /// A drone's track coasting past the coasting threshold (``isHoveringCandidate(_:at:)``) is left alone: its
    /// straight-line prediction's covariance grows by the second and soon covers any drone a few hundred metres
    /// away, while the drone itself is most likely hovering, invisible in the MTI blind band, where it was last
    /// seen. A duplicate of it that started meanwhile takes it over at confirmation (``adoptLostTrack(slot:)``).
    mutating func mergeDuplicates(at time: Double) {
        for slot in 0..<tracks.count where tracks[slot].isAlive && tracks[slot].isConfirmed {
            let a = tracks[slot]
            if isHoveringCandidate(a, at: time) { continue }
            let x = a.estimate.mean[0] + (time - a.time) * a.estimate.mean[2]
            let y = a.estimate.mean[1] + (time - a.time) * a.estimate.mean[3]
            candidates.removeAll(keepingCapacity: true)
            grid.query(x: x, y: y, radius: 2_000, into: &candidates)
            for other in candidates where Int(other) > slot {
                let b = tracks[Int(other)]
                guard b.isAlive, b.isConfirmed, !isHoveringCandidate(b, at: time), isDuplicate(a, b, at: time)
                else { continue }
                if !a.isCoded && !b.isCoded {
                    // No identity tells two such objects apart: two drones crossing fit one object for a moment.
                    let key = UInt64(Swift.min(a.number, b.number)) << 32 | UInt64(Swift.max(a.number, b.number))
                    // Duplicate at every maintenance since `since` (a pair only remembered restarts the clock).
                    let previous = uncodedDuplicateSince[key]
                    let since = previous.map { $0.seen == lastMergeCheck ? $0.since : time } ?? time
                    uncodedDuplicateScratch[key] = (since, time, Int32(slot), other)
                    guard time - since >= configuration.mergeUncodedPersistencePeriods * mergePeriod(a, b) else {
                        continue
                    }
                }
                let drop = duplicateToDrop(slot, Int(other))
                statistics.tracksMerged += 1
                delete(slot: drop, at: time, mergedInto: tracks[drop == slot ? Int(other) : slot].number)
                if drop == slot { break }
            }
        }
        // A pair seen duplicate within the last rotation is remembered (``pendingDuplicate(of:)``).
        for (key, pair) in uncodedDuplicateSince
        where uncodedDuplicateScratch[key] == nil && time - pair.seen <= rotationPeriodForTimeouts {
            uncodedDuplicateScratch[key] = pair
        }
        swap(&uncodedDuplicateSince, &uncodedDuplicateScratch)
        uncodedDuplicateScratch.removeAll(keepingCapacity: true)
        lastMergeCheck = time
    }

    /// A live confirmed track found duplicate of the track in `slot` within the last rotation, younger than it and
    /// updated since, whose merge waits (``TrackerConfiguration/mergeUncodedPersistencePeriods``): of several, the
    /// one updated last (then the lowest slot), so that the choice does not depend on the dictionary's order.
    func pendingDuplicate(of slot: Int) -> Int? {
        guard !uncodedDuplicateSince.isEmpty else { return nil }
        let t = tracks[slot]
        var best: Int?
        for (key, pair) in uncodedDuplicateSince
        where key >> 32 == UInt64(t.number) || key & 0xFFFF_FFFF == UInt64(t.number) {
            let other = Int(pair.a) == slot ? Int(pair.b) : Int(pair.b) == slot ? Int(pair.a) : -1
            guard other >= 0 else { continue }
            let o = tracks[other]
            let otherNumber = key >> 32 == UInt64(t.number) ? UInt32(key & 0xFFFF_FFFF) : UInt32(key >> 32)
            guard o.isAlive, o.isConfirmed, o.number == otherNumber, o.createdTime > t.createdTime, o.time > t.time
            else { continue }
            if let b = best, tracks[b].time > o.time || tracks[b].time == o.time && b < other { continue }
            best = other
        }
        return best
    }

    /// The older track in `slot`, about to end, continues with the state of its younger duplicate `partner`
    /// (which had its plots), and `partner` ends merged into it: the object keeps its first number.
    mutating func continueDuplicate(_ partner: Int, into slot: Int, at time: Double) {
        var r = tracks[partner]
        r.number = tracks[slot].number
        r.createdTime = tracks[slot].createdTime
        r.status = tracks[slot].status
        r.family = 0
        statistics.tracksMerged += 1
        delete(slot: partner, at: time, mergedInto: r.number)
        tracks[slot] = r
        states[slot] = states[partner]
        var lifecycle = TrackLifecycleStateMachine(status: r.status)
        publish(lifecycle.maintain(track: r.number, time: time, coasting: time - r.time > coastAfter || r.misses > 0))
        tracks[slot].status = lifecycle.status
    }

    /// The longer rotation period of the radars that last updated tracks `a` and `b` (the slowest radar over all
    /// when neither is known), s.
    func mergePeriod(_ a: TrackRecord, _ b: TrackRecord) -> Double {
        let period = Swift.max(rotationPeriod(ofSensor: a.lastSensor), rotationPeriod(ofSensor: b.lastSensor))
        return period > 0 ? period : rotationPeriodForTimeouts
    }

    /// The rotation period of the sensor with index `sensor`, s; 0 for none (ADS-B's −1) or an unknown index.
    func rotationPeriod(ofSensor sensor: Int32) -> Double {
        sensor >= 0 && Int(sensor) < converter.sensors.count ? converter.sensors[Int(sensor)].rotationPeriod : 0
    }

    /// A low flyer's track without any SSR data (a drone) that has had no plot for longer than the coasting
    /// threshold: displayed with a decaying velocity (``displayedEstimate(_:at:)``), possibly hovering.
    func isHoveringCandidate(_ t: TrackRecord, at time: Double) -> Bool {
        configuration.lowFlyerCoastVelocityTime > 0 && time - t.time > coastAfter && t.ssrHits == 0
            && !t.vertical.isValid && isLowFlyer(t)
    }

    /// Whether two tracks follow the same object at `time`: close in position and velocity (chi-square with the
    /// summed covariances, 4 dof, ``TrackerConfiguration/mergeThreshold``), at the same height, with compatible
    /// identities; with the same identity (address, or the same discrete Mode 3/A code) the positions alone decide
    /// (``TrackerConfiguration/gateThreshold``), since a young duplicate's velocity is still poor.
    func isDuplicate(_ a: TrackRecord, _ b: TrackRecord, at time: Double) -> Bool {
        let c = configuration
        if a.hasAddress && b.hasAddress && a.address != b.address { return false }
        if a.hasModeA && b.hasModeA && a.modeA != b.modeA { return false }
        if a.vertical.isValid && b.vertical.isValid
            && abs(a.vertical.height - b.vertical.height) > c.mergeHeightDifference
        {
            return false
        }
        // Straight-line predictions of the cached estimates (cheap; this runs once per second per track).
        let model = ConstantVelocityModel(noiseIntensity: c.manoeuvreNoiseIntensity)
        let ea = model.predict(a.estimate, by: time - a.time)
        let eb = model.predict(b.estimate, by: time - b.time)
        let sum = ea.covariance + eb.covariance
        guard let chol = sum.cholesky() else { return false }
        if chol.mahalanobisSquared(ea.mean - eb.mean) < c.mergeThreshold { return true }
        let sameIdentity = (a.hasAddress && b.hasAddress) || (a.hasModeA && b.hasModeA && a.modeAIsDiscrete)
        guard sameIdentity else { return false }
        let s00 = sum[0, 0]
        let s01 = sum[0, 1]
        let s11 = sum[1, 1]
        let det = s00 * s11 - s01 * s01
        let dx = ea.mean[0] - eb.mean[0]
        let dy = ea.mean[1] - eb.mean[1]
        guard det > 0 else { return false }
        return (s11 * dx * dx - 2 * s01 * dx * dy + s00 * dy * dy) / det < c.gateThreshold
    }

    /// At confirmation: a live confirmed track of the same identity (address, or discrete Mode 3/A code) that the
    /// new one duplicates and that would outlive it in the merge (``duplicateToDrop(_:_:)``), or `nil`. The new
    /// track is then merged at once instead of being shown for the second until the next maintenance merges it
    /// (e.g. an SSR radar's plots, still biased, that started a track of their own before the code was known).
    /// A silent track (over a second) is left to ``adoptLostTrack(slot:)``, which continues it with the new one.
    mutating func confirmedTrackDuplicated(by slot: Int, at time: Double) -> Int? {
        let t = tracks[slot]
        let coded = t.hasAddress || (t.hasModeA && t.modeAIsDiscrete)
        guard coded else { return nil }
        candidates.removeAll(keepingCapacity: true)
        grid.query(x: t.estimate.mean[0], y: t.estimate.mean[1], radius: 2_000, into: &candidates)
        for other in candidates where Int(other) != slot {
            let o = tracks[Int(other)]
            guard o.isAlive, o.isConfirmed, t.time - o.time <= 1 else { continue }
            let sameIdentity =
                (t.hasAddress && o.hasAddress && t.address == o.address)
                || (t.hasModeA && o.hasModeA && t.modeAIsDiscrete && t.modeA == o.modeA)
            guard sameIdentity, isDuplicate(t, o, at: time), duplicateToDrop(slot, Int(other)) == slot
            else { continue }
            return Int(other)
        }
        return nil
    }
}

extension Tracker {
    /// Counts the expected detections a confirmed track missed since the previous maintenance: for each radar
    /// whose beam swept the track's azimuth in that interval (beam position from the radar's declared timing,
    /// ``setBeamPhase(of:azimuth:at:)``, or else from its latest plot, and its rotation period) while the track was well inside its coverage (range limits, 4/3-earth horizon, cone of
    /// silence, with margins), and no plot has come since.
    /// - Returns: whether every radar that would have swept the track saw it inside its MTI blind band (and at
    ///   least one did): the track is expected to be invisible.
    mutating func countMisses(slot: Int, now: Double) -> Bool {
        let t = tracks[slot]
        // Where the track is expected now, and how fast: for a coasting drone the decaying coast of the display
        // (``displayedEstimate(_:at:)``) — it may have stopped, and a hovering drone is inside the blind band.
        let e = displayedEstimate(t, at: now)
        let x = e.mean[0]
        let y = e.mean[1]
        let lowFlyer = !t.vertical.isValid && isLowFlyer(t)
        let effectiveRadius = 4.0 / 3.0 * 6_371_000.0
        let windowEnd = now - 0.5
        let windowStart = previousMaintenance - 0.5
        var misses: Int32 = 0
        var blindRadars = 0
        var seeingRadars = 0
        for (r, s) in converter.sensors.enumerated() where s.rotationPeriod > 0 {
            let lastTime = sensorLastPlotTime[r]
            guard lastTime.isFinite else { continue }
            let dx = x - s.planeSite.x
            let dy = y - s.planeSite.y
            let d = (dx * dx + dy * dy).squareRoot()
            guard d < s.maximumRange else { continue }
            let height =
                t.vertical.isValid
                ? t.vertical.height
                : lowFlyer
                    ? s.antennaHeight + configuration.lowFlyerHeightAboveAntenna
                    : isFastFlyer(t) ? configuration.fastFlyerHeight : configuration.assumedHeight
            let dh = height - s.antennaHeight - d * d / (2 * effectiveRadius)
            let slant = (d * d + dh * dh).squareRoot()
            guard slant < 0.97 * s.maximumRange, slant > 1.5 * s.minimumRange else { continue }
            // A primary-only track moving across the beam is inside the radar's MTI blind band: no plot is expected.
            if s.blindSpeed > 0 && t.ssrHits == 0 {
                let radial = (e.mean[2] * dx + e.mean[3] * dy) / Swift.max(d, 1)
                let radialVariance =
                    (e.covariance[2, 2] * dx * dx + 2 * e.covariance[2, 3] * dx * dy + e.covariance[3, 3] * dy * dy)
                    / Swift.max(d * d, 1)
                if abs(radial) < s.blindSpeed + 2 * radialVariance.squareRoot() {
                    blindRadars += 1
                    continue
                }
            }
            // Above the 4/3-earth horizon with a 100 m margin, below 37° elevation (cone of silence at 40°).
            guard dh > 100, dh < 0.75 * d else { continue }
            seeingRadars += 1
            // Latest sweep over the track's azimuth before the window end.
            let azimuth = Double.atan2(y: dx, x: dy)
            // From the declared beam timing when known (exact), else from the latest plot (that plot's target may
            // lie off the beam's centre, or the plot may be mistimed).
            let beam =
                sensorBeamTime[r].isFinite
                ? sensorBeamAzimuth[r] + 2 * Double.pi * (windowEnd - sensorBeamTime[r]) / s.rotationPeriod
                : sensorLastPlotAzimuth[r] + 2 * Double.pi * (windowEnd - lastTime) / s.rotationPeriod
            var ahead = (beam - azimuth).truncatingRemainder(dividingBy: 2 * Double.pi)
            if ahead < 0 { ahead += 2 * Double.pi }
            let pass = windowEnd - ahead / (2 * Double.pi) * s.rotationPeriod
            // The sweep that brought the track's last plot is no miss: the beam time computed from the track's
            // azimuth now (it has moved since) and another target's plot can land a little after that plot.
            if pass > windowStart && pass > t.time + 0.05 * s.rotationPeriod { misses += 1 }
        }
        tracks[slot].misses += misses
        return blindRadars > 0 && seeingRadars == 0
    }
}

extension Tracker {
    /// At confirmation: if a confirmed track of the same object has lost contact nearby (a manoeuvre took it out
    /// of its gate), the new track continues it — it takes over its number, so the display keeps one identity —
    /// and the old one ends.
    ///
    /// The old track must be silent for at least one second, have a compatible identity and height, and its
    /// prediction (manoeuvre noise) must contain the new track's position (chi-square, 2 dof, the discrete-code gate).
    /// - Returns: `nil` when no lost track was adopted, else whether the adopted track was coasting (it resumes).
    @discardableResult
    mutating func adoptLostTrack(slot: Int) -> Bool? {
        let c = configuration
        let t = tracks[slot]
        // By identity: the confirmed track holding the new track's Mode S address has had no plot with it since the new
        // track started, whose plots carry the address: the aircraft is here, and that track lost it.
        if t.hasAddress, let o = addressOwner[t.address], Int(o) != slot, tracks[Int(o)].isAlive,
            tracks[Int(o)].isConfirmed, tracks[Int(o)].address == t.address,
            tracks[Int(o)].addressTime < t.createdTime
        {
            return adopt(Int(o), into: slot)
        }
        let model = ConstantVelocityModel(noiseIntensity: c.manoeuvreNoiseIntensity)
        candidates.removeAll(keepingCapacity: true)
        grid.query(x: t.estimate.mean[0], y: t.estimate.mean[1], radius: c.maximumGateRadius, into: &candidates)
        var best = -1
        var bestD2 = c.discreteCodeGateThreshold
        for other in candidates where Int(other) != slot {
            let o = tracks[Int(other)]
            guard o.isAlive, o.isConfirmed, t.time - o.time > 1 else { continue }
            // A transponder's track is not continued by a track without any SSR data, nor the reverse: a drone's
            // track confirmed next to a departing airliner between two of its replies is another object.
            if o.isCoded != t.isCoded { continue }
            if t.hasAddress && o.hasAddress && t.address != o.address { continue }
            if t.hasModeA && o.hasModeA && t.modeA != o.modeA { continue }
            if t.vertical.isValid && o.vertical.isValid {
                let h = o.vertical.predicted(by: t.time - o.verticalTime, noiseIntensity: c.verticalNoiseIntensity)
                if abs(h.height - t.vertical.height) > c.mergeHeightDifference { continue }
            }
            let e = model.predict(o.estimate, by: t.time - o.time)
            let s00 = e.covariance[0, 0] + t.estimate.covariance[0, 0]
            let s01 = e.covariance[0, 1] + t.estimate.covariance[0, 1]
            let s11 = e.covariance[1, 1] + t.estimate.covariance[1, 1]
            let det = s00 * s11 - s01 * s01
            guard det > 0 else { continue }
            let dx = e.mean[0] - t.estimate.mean[0]
            let dy = e.mean[1] - t.estimate.mean[1]
            let d2 = (s11 * dx * dx - 2 * s01 * dx * dy + s00 * dy * dy) / det
            if d2 < bestD2 {
                bestD2 = d2
                best = Int(other)
            }
        }
        guard best >= 0 else { return nil }
        return adopt(best, into: slot)
    }

    /// The track in `slot` takes over the number of the lost track in `lost`, which ends unpublished.
    /// - Returns: whether the lost track was coasting (it resumes).
    private mutating func adopt(_ lost: Int, into slot: Int) -> Bool {
        tracks[slot].number = tracks[lost].number
        tracks[slot].createdTime = tracks[lost].createdTime
        statistics.tracksMerged += 1
        let wasCoasting = tracks[lost].status == .coasting
        delete(slot: lost, publishing: false)
        return wasCoasting
    }
}
