import SkyGeodesy
import SkyMath
public import SkyModel

/// Short-term conflict alert (STCA) over system tracks.
///
/// Each cycle: eligibility and nuisance filters per track → coarse filter (``SpatialGrid``) → fine filter
/// (``ConflictPredictor``: linear, turning and roll-out hypotheses, with the tracks' accuracy) → per-pair
/// ``AlertStateMachine`` (confirmation, hysteresis) → start / update / end events carrying the predicted closest
/// point of approach. Follows the structure of the EUROCONTROL Specification for Short Term Conflict Alert
/// (ed. 1.1, 2009) and its guidance material: per-volume thresholds, inhibition volumes, conflict confirmation.
public struct ShortTermConflictAlert: Sendable {
    /// The parameters.
    public let configuration: STCAConfiguration
    private let predictor: ConflictPredictor
    private var pairs: [UInt64: PairState] = [:]
    private var tracks: [STCATrack] = []
    private var boxes: [SpatialGrid.Box] = []
    private var grid = SpatialGrid()
    private var hazards: [(key: UInt64, prediction: ConflictPrediction)] = []
    private var present: [UInt32] = []
    private var previousCycleTime = -Double.infinity
    /// Data time of the last picture predicted (``STCAConfiguration/cycleSeconds``), UNIX s.
    private var lastPredictionTime = -Double.infinity
    /// Tests only: skip the coarse filter and predict every pair.
    var bruteForce = false
    /// Counters of the last cycle (for benchmarks and tuning).
    public private(set) var lastCycle = CycleStatistics()

    /// What one cycle did.
    public struct CycleStatistics: Sendable, Hashable {
        /// Tracks that passed the eligibility filters.
        public var eligibleTracks = 0
        /// Pairs that passed the coarse filter.
        public var candidatePairs = 0
        /// Pairs predicted in conflict (before confirmation and inhibition).
        public var predictedConflicts = 0
    }

    private struct PairState: Sendable {
        var machine: AlertStateMachine
        var alertID: Int
        var prediction: ConflictPrediction
        var seenInCycle: Bool
        /// Start of the current uninterrupted run of cycles predicting the conflict, UNIX s.
        var runStart: Double
        /// Time of the last cycle that predicted it, UNIX s.
        var lastPredicted: Double
    }

    /// A conflict alert with the given parameters.
    /// - Precondition: positive look-ahead, sample step and grid cell; cycle counts ≥ 1.
    public init(configuration: STCAConfiguration = STCAConfiguration()) {
        precondition(
            configuration.lookAheadSeconds > 0 && configuration.sampleStepSeconds > 0
                && configuration.gridCellMetres > 0 && configuration.confirmationCycles >= 1
                && configuration.clearCycles >= 1,
            "STCA configuration out of range"
        )
        self.configuration = configuration
        predictor = ConflictPredictor(
            lookAheadSeconds: configuration.lookAheadSeconds,
            rollOutLookAheadSeconds: min(configuration.rollOutLookAheadSeconds, configuration.lookAheadSeconds),
            maximumTurnSeconds: configuration.maximumTurnSeconds,
            maximumTurnRadians: configuration.maximumTurnDegrees * Double.pi / 180,
            sampleStepSeconds: configuration.sampleStepSeconds,
            verticalLookAheadSeconds: configuration.verticalLookAheadSeconds,
            uncertaintyFactor: configuration.uncertaintyFactor,
            maximumUncertaintyFraction: configuration.maximumUncertaintyFraction,
            relativeLevelRate: configuration.levelRateFeetPerMinute * metresPerFoot / 60
        )
    }

    /// Number of pairs with a raised alert.
    public var activeAlertCount: Int { pairs.values.count(where: { $0.machine.isRaised }) }

    /// Processes one picture.
    /// - Parameters:
    ///   - picture: the cycle's tracks.
    ///   - nextAlertID: the run's alert identifier counter; incremented for every alert raised.
    /// - Returns: the STCA events of this cycle.
    /// - Complexity: O(n + candidate pairs) for n tracks.
    public mutating func process(_ picture: TrackPicture, nextAlertID: inout Int) -> [AlertEvent] {
        // At most one prediction per `cycle_s` of data time (1 ms of slack for pictures on whole seconds); a picture
        // earlier than the last one predicted (a replay restarted) is predicted.
        let sinceLast = picture.time - lastPredictionTime
        if sinceLast >= 0 && sinceLast < configuration.cycleSeconds - 1e-3 { return [] }
        lastPredictionTime = picture.time
        prepare(picture)
        hazards.removeAll(keepingCapacity: true)
        var candidates = 0
        let predictor = self.predictor
        let tracks = self.tracks
        var found = hazards
        let fine = { (i: Int, j: Int) in
            candidates += 1
            let a = tracks[i]
            let b = tracks[j]
            if a.inhibitedMask & b.inhibitedMask != 0 { return }
            if let p = predictor.predict(a, b) {
                found.append((Self.key(a.number, b.number), p))
            }
        }
        if bruteForce {
            for i in tracks.indices { for j in tracks.indices where j > i { fine(i, j) } }
        } else {
            grid.forEachOverlappingPair(boxes: boxes, cellMetres: configuration.gridCellMetres, fine)
        }
        hazards = found
        lastCycle = CycleStatistics(
            eligibleTracks: tracks.count,
            candidatePairs: candidates,
            predictedConflicts: hazards.count
        )
        return updateStates(time: picture.time, nextAlertID: &nextAlertID)
    }

    // MARK: - Eligibility and nuisance filters

    private mutating func prepare(_ picture: TrackPicture) {
        tracks.removeAll(keepingCapacity: true)
        boxes.removeAll(keepingCapacity: true)
        present.removeAll(keepingCapacity: true)
        let c = configuration
        let levelRate = c.levelRateFeetPerMinute * metresPerFoot / 60
        let turnThreshold = c.turnRateThresholdDegreesPerSecond * Double.pi / 180
        var maxAbsLatitude = 0.0
        for t in picture.tracks {
            present.append(t.number)
            guard t.status == .confirmed || t.status == .coasting else { continue }
            guard picture.time - t.createdTime >= c.minimumTrackAgeSeconds else { continue }
            let altitudeFeet = c.requireModeC ? t.barometricAltitudeFeet : t.altitudeFeetForAlerts
            guard let altitudeFeet, altitudeFeet.isFinite, altitudeFeet >= c.minimumAltitudeFeet else { continue }
            // A broken estimate (non-finite, or faster than anything that flies) must not reach the grid, where it
            // would overflow the cell arithmetic; the ADS-B implausibility net reports such tracks.
            let v = t.velocity
            guard t.position.latitude.isFinite, t.position.longitude.isFinite, v.east.isFinite, v.north.isFinite,
                v.up.isFinite, t.turnRate.isFinite, v.east * v.east + v.north * v.north < 1_000 * 1_000
            else { continue }
            var horizontal = c.horizontalNM
            var vertical = c.verticalFeet
            for v in c.volumes where v.volume.contains(t) {
                horizontal = v.horizontalNM
                vertical = v.verticalFeet
                break
            }
            var mask: UInt64 = 0
            for (k, v) in c.inhibitedVolumes.prefix(64).enumerated() where v.contains(t) { mask |= 1 << UInt64(k) }
            let p = t.covariance
            let lat = t.position.latitude
            maxAbsLatitude = max(maxAbsLatitude, abs(lat))
            tracks.append(
                STCATrack(
                    number: t.number,
                    latitude: lat,
                    longitude: t.position.longitude,
                    cosLatitude: cosRadians(lat),
                    gridX: 0,
                    gridY: 0,
                    ve: t.velocity.east,
                    vn: t.velocity.north,
                    z: altitudeFeet * metresPerFoot,
                    vz: abs(t.velocity.up) < levelRate ? 0 : t.velocity.up,
                    turnRate: abs(t.turnRate) >= turnThreshold ? t.turnRate : 0,
                    positionVariance: max(0, 0.5 * (p[0, 0] + p[1, 1])),
                    velocityVariance: max(0, 0.5 * (p[2, 2] + p[3, 3])),
                    horizontalThreshold: horizontal * metresPerNauticalMile,
                    verticalThreshold: max(0, vertical - c.verticalToleranceFeet) * metresPerFoot,
                    inhibitedMask: mask
                )
            )
        }
        present.sort()
        // Grid plane: equirectangular at the highest latitude, so grid distances never exceed true ones (the
        // coarse filter stays conservative across the whole picture).
        let cos0 = cosRadians(maxAbsLatitude)
        let horizon = c.lookAheadSeconds
        let growth = 1 + c.maximumUncertaintyFraction
        for k in tracks.indices {
            predictor.prepareTurn(&tracks[k])
            let t = tracks[k]
            let x = earthRadiusMetres * cos0 * t.longitude
            let y = earthRadiusMetres * t.latitude
            tracks[k].gridX = x
            tracks[k].gridY = y
            let reach = t.horizontalThreshold * growth
            var box: SpatialGrid.Box
            if t.turnRate != 0 {
                let r = (t.ve * t.ve + t.vn * t.vn).squareRoot() * horizon + reach
                box = .init(minX: x - r, maxX: x + r, minY: y - r, maxY: y + r, minZ: 0, maxZ: 0)
            } else {
                let ex = t.ve * (cos0 / t.cosLatitude) * horizon
                let ny = t.vn * horizon
                box = .init(
                    minX: x + min(0, ex) - reach,
                    maxX: x + max(0, ex) + reach,
                    minY: y + min(0, ny) - reach,
                    maxY: y + max(0, ny) + reach,
                    minZ: 0,
                    maxZ: 0
                )
            }
            let climb = t.vz * min(horizon, c.verticalLookAheadSeconds)
            box.minZ = t.z + min(0, climb) - t.verticalThreshold
            box.maxZ = t.z + max(0, climb) + t.verticalThreshold
            boxes.append(box)
        }
    }

    // MARK: - Alert states

    private mutating func updateStates(time: Double, nextAlertID: inout Int) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for k in pairs.keys { pairs[k]!.seenInCycle = false }
        for (key, prediction) in hazards {
            var state =
                pairs[key]
                ?? PairState(
                    machine: AlertStateMachine(
                        confirmationCycles: configuration.confirmationCycles,
                        confirmationSeconds: configuration.confirmationSeconds,
                        clearCycles: configuration.clearCycles,
                        clearSeconds: configuration.clearSeconds,
                        updateIntervalSeconds: configuration.updateIntervalSeconds
                    ),
                    alertID: 0,
                    prediction: prediction,
                    seenInCycle: true,
                    runStart: time,
                    lastPredicted: -.infinity
                )
            if state.lastPredicted != previousCycleTime { state.runStart = time }  // a new run of predictions
            state.lastPredicted = time
            state.prediction = prediction
            state.seenInCycle = true
            // A conflict only the turn hypothesis predicts needs the turn to go on for a while before it is alerted.
            let mayRaise =
                !prediction.manoeuvreOnly || time - state.runStart >= configuration.manoeuvreConfirmationSeconds
            let action = state.machine.observe(hazard: true, time: time, mayRaise: mayRaise)
            if action == .raise {
                state.alertID = nextAlertID
                nextAlertID += 1
            }
            emit(action, key: key, state: state, time: time, into: &events)
            pairs[key] = state
        }
        for (key, var state) in pairs where !state.seenInCycle {
            let (a, b) = Self.numbers(key)
            let gone = !present.contains(sortedValue: a) || !present.contains(sortedValue: b)
            let action = gone ? state.machine.terminate() : state.machine.observe(hazard: false, time: time)
            emit(action, key: key, state: state, time: time, into: &events)
            if state.machine.state == .idle { pairs[key] = nil } else { pairs[key] = state }
        }
        previousCycleTime = time
        return events
    }

    private func emit(
        _ action: AlertStateMachine.Action,
        key: UInt64,
        state: PairState,
        time: Double,
        into events: inout [AlertEvent]
    ) {
        let phase: AlertPhase
        switch action {
        case .none: return
        case .raise: phase = .start
        case .update: phase = .update
        case .clear: phase = .end
        }
        let (a, b) = Self.numbers(key)
        let p = state.prediction
        let cpa = ClosestApproach(
            time: time + p.cpaSeconds,
            horizontalMetres: p.cpaHorizontalMetres,
            verticalMetres: p.cpaVerticalMetres
        )
        let hypothesis =
            switch p.hypothesis {
            case .linear: ""
            case .turn: " (turning)"
            case .rollOut: " (rolling out)"
            }
        let nm = (p.cpaHorizontalMetres / metresPerNauticalMile * 10).rounded() / 10
        let ft = Int((p.cpaVerticalMetres / metresPerFoot / 100).rounded()) * 100
        events.append(
            AlertEvent(
                alertID: state.alertID,
                phase: phase,
                kind: .stca,
                time: time,
                tracks: [a, b],
                closestApproach: cpa,
                message: "conflict \(a)/\(b)\(hypothesis): CPA \(nm) NM, \(ft) ft in \(Int(p.cpaSeconds.rounded())) s"
            )
        )
    }

    private static func key(_ a: UInt32, _ b: UInt32) -> UInt64 {
        UInt64(min(a, b)) << 32 | UInt64(max(a, b))
    }

    private static func numbers(_ key: UInt64) -> (UInt32, UInt32) {
        (UInt32(truncatingIfNeeded: key >> 32), UInt32(truncatingIfNeeded: key))
    }
}

extension [UInt32] {
    /// Binary search in an ascending array.
    func contains(sortedValue v: UInt32) -> Bool {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && self[lo] == v
    }
}
