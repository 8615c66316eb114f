import RealModule
public import SkyGeodesy
import SkyMath
public import SkyModel

/// The multi-radar tracker: plots in time order from any number of radars in, one system track per object out.
///
/// A pipeline of Stone Soup's components, each a value type and the whole generic so that the compiler
/// specialises it (no existentials in the loop):
/// 1. **Conversion** of each plot to the stereographic system plane with its covariance (``RadarPlotConverter``);
///    Mode C into a separate vertical filter.
/// 2. **Batching**: consecutive plots of one radar within ``TrackerConfiguration/batchWindow`` (a sector of the
///    antenna's sweep) are associated jointly; every plot keeps its own time.
/// 3. **Gating**: a ``SpatialGrid`` finds the tracks near each plot; each candidate is predicted to the plot's
///    time and tested with a chi-square gate on the innovation, a Mode C gate and identity rules (a different
///    Mode S address never associates).
/// 4. **Association** per connected cluster of plots and tracks by the `Associator` (GNN optimal assignment or
///    JPDA), with identity evidence in the costs.
/// 5. **Update** with the `Filter` (Kalman or IMM), **initiation** of tentative tracks from the remaining plots,
///    **confirmation** by a sequential probability ratio test on the track score (kinematic and identity
///    log-likelihood ratios, Blackman & Popoli ch. 6) with plausibility, and once per second of data time
///    **maintenance**: coasting, deletion, merging of duplicates and the rebuild of the grid.
///
/// The track table is a `ContiguousArray` of trivially copyable records; buffers are reused, so the steady state
/// does not allocate per plot.
public struct Tracker<Filter: TrackFilter, Assoc: Associator>: Sendable {
    /// The parameters.
    public let configuration: TrackerConfiguration
    /// The filter.
    public let filter: Filter
    /// The associator.
    public var associator: Assoc
    /// The plot converter (owns the system plane).
    public internal(set) var converter: RadarPlotConverter
    /// Counters.
    public internal(set) var statistics = TrackerStatistics()

    // Derived times, s (from the longest rotation period; recomputed when a sensor is added or its period learnt).
    var tentativeTimeout: Double = 0
    var tentativeWindow: Double = 0
    var coastAfter: Double = 0
    var deleteAfter: Double = 0
    /// A sensor counts as contributing to a track for one to two of these windows after its last update, s.
    var contributionWindow: Double = 0
    /// The rotation period the timeouts are multiples of (the longest among the sensors, 10 s when none rotates), s.
    var rotationPeriodForTimeouts: Double = 10
    /// Life-cycle transitions not yet taken by ``takeLifecycleEvents()``.
    var lifecycleEvents: [TrackLifecycleEvent] = []
    /// Latest ADS-B callsign per Mode S address.
    var callsigns: [UInt32: Callsign] = [:]

    var tracks = ContiguousArray<TrackRecord>()
    /// The filter posterior of each track slot at `tracks[slot].time` (kept apart from the records: see
    /// ``TrackRecord``).
    var states = ContiguousArray<Filter.State>()
    var freeSlots: [Int32] = []
    var pendingFree: [Int32] = []
    var grid: SpatialGrid
    var gridTime = -Double.infinity
    var nextNumber: UInt32 = 1
    var addressOwner: [UInt32: Int32] = [:]
    /// Confirmed tracks ended because they lost their Mode S aircraft (``Tracker/endLostTrack(_:at:)``), by
    /// address: number, creation time and end time (UNIX s). The aircraft's next confirmed track takes the number
    /// back within ``deleteAfter`` of the end.
    var lostNumbers: [UInt32: (number: UInt32, createdTime: Double, time: Double)] = [:]
    var previousMaintenance = -Double.infinity
    /// Pairs of confirmed tracks without SSR data found duplicate, by their numbers (smaller << 32 | larger): since
    /// when and when last (UNIX s), and their slots. ``mergeDuplicates(at:)`` merges such a pair only once it has
    /// stayed duplicate for ``TrackerConfiguration/mergeUncodedPersistencePeriods``; a pair seen within the last
    /// rotation is remembered for ``pendingDuplicate(of:)``. `uncodedDuplicateScratch` is the reused next generation.
    var uncodedDuplicateSince: [UInt64: (since: Double, seen: Double, a: Int32, b: Int32)] = [:]
    var uncodedDuplicateScratch: [UInt64: (since: Double, seen: Double, a: Int32, b: Int32)] = [:]
    /// Time of the last ``mergeDuplicates(at:)`` (UNIX s).
    var lastMergeCheck = -Double.infinity
    var sensorLastPlotTime: [Double] = []
    var sensorLastPlotAzimuth: [Double] = []
    /// Declared beam timing per sensor: the beam azimuth, radians clockwise from north, at `sensorBeamTime` (UNIX
    /// seconds; −∞ when not declared: the beam is then estimated from the latest plot's azimuth).
    var sensorBeamAzimuth: [Double] = []
    var sensorBeamTime: [Double] = []
    /// ADS-B fusion: parameters, counters, reports waiting for the radar batch (Tracker+ADSB.swift).
    var adsb = ADSBFusionState()
    /// Sensor registration (Registration/Tracker+Registration.swift); `nil` when the configuration turns it off.
    var registration: TrackerRegistration?

    // Batch and scratch buffers, reused.
    var batch: [TrackerPlot] = []
    var candidates: [Int32] = []
    var pairs = ContiguousArray<GatedPair>()
    /// The predicted filter state of each gated pair, by `GatedPair.stateIndex`: kept apart so that sorting the
    /// pairs into clusters moves small records, not IMM states (which made most of the batch's time memory moves).
    var pairPredicted = ContiguousArray<Filter.State>()
    var trackLocal: [Int32] = []
    var clusterParent: [Int32] = []
    var clusterTracks: [Int32] = []
    var plotRoot: [Int32] = []
    var clusterRows: [Int32] = []
    var clusterColumns: [Int32] = []
    var cluster = AssociationCluster()
    var plotUsed: [Bool] = []
    var pdaMeasurements: [PlanePositionMeasurement] = []
    var pdaWeights: [Double] = []
    /// Multiple hypotheses at initiation (Tracker+Hypotheses.swift): families of tentative branches by root number,
    /// and scratch buffers.
    var families: [UInt32: InitiationFamily] = [:]
    var familyScratch: [UInt32] = []
    var branchScratch: [PendingBranch] = []

    /// A tracker for the given sensors on the stereographic plane about `reference`.
    /// - Parameters:
    ///   - sensors: every radar whose plots will be processed.
    ///   - reference: the system reference point (tangent point of the plane).
    ///   - filter: the track filter.
    ///   - associator: the associator.
    ///   - configuration: the parameters.
    public init(
        sensors: [SensorDescription],
        reference: GeodeticPosition,
        filter: Filter,
        associator: Assoc,
        configuration: TrackerConfiguration = TrackerConfiguration()
    ) {
        var converter = RadarPlotConverter(plane: StereographicPlane(reference: reference))
        for s in sensors { converter.add(s) }
        self.converter = converter
        self.filter = filter
        self.associator = associator
        self.configuration = configuration
        sensorLastPlotTime = Array(repeating: -.infinity, count: sensors.count)
        sensorLastPlotAzimuth = Array(repeating: 0, count: sensors.count)
        sensorBeamAzimuth = Array(repeating: 0, count: sensors.count)
        sensorBeamTime = Array(repeating: -.infinity, count: sensors.count)
        grid = SpatialGrid(cellSize: configuration.gridCellSize)
        grid.reset(expectedSlots: 64, slotCapacity: 64)
        if configuration.registration != .off {
            registration = TrackerRegistration(
                mode: configuration.registration,
                references: configuration.registrationReferences,
                sensors: sensors
            )
        }
        updateDerivedTimes()
    }

    /// The timeouts, in multiples of the longest rotation period among the sensors (10 s when none rotates).
    mutating func updateDerivedTimes() {
        let period = converter.sensors.map(\.rotationPeriod).filter { $0 > 0 }.max() ?? 10
        rotationPeriodForTimeouts = period
        tentativeTimeout = configuration.tentativeTimeoutPeriods * period
        tentativeWindow = configuration.tentativeWindowPeriods * period
        coastAfter = configuration.coastAfterPeriods * period
        deleteAfter = configuration.deleteAfterPeriods * period
        contributionWindow = 2 * period
    }

    /// Adds a sensor while the tracker runs (a receiver that connects, a radar first heard of).
    /// - Returns: `false` when the sensor was already known (nothing changes).
    @discardableResult
    public mutating func addSensor(_ sensor: SensorDescription) -> Bool {
        guard converter.index(of: sensor.id) == nil else { return false }
        converter.add(sensor)
        sensorLastPlotTime.append(-.infinity)
        sensorLastPlotAzimuth.append(0)
        sensorBeamAzimuth.append(0)
        sensorBeamTime.append(-.infinity)
        registration?.addSensor(sensor)
        updateDerivedTimes()
        return true
    }

    /// Sets a sensor's antenna rotation period as learnt from its data (ASTERIX I034/041, or measured between
    /// north markers), seconds.
    /// - Returns: `false` for an unknown sensor or a period that is not positive.
    @discardableResult
    public mutating func setRotationPeriod(of sensor: SensorID, seconds: Double) -> Bool {
        guard let i = converter.index(of: sensor), seconds > 0 else { return false }
        guard converter.sensors[i].rotationPeriod != seconds else { return true }
        converter.setRotationPeriod(index: i, seconds: seconds)
        updateDerivedTimes()
        return true
    }

    /// Declares a radar's beam timing: its beam points at `azimuth` (radians clockwise from north) at `time` (UNIX
    /// seconds), and turns clockwise with its rotation period. The miss counter then takes the beam's passes over a
    /// track from this instead of from the radar's latest plot (a scenario's `azimuth_at_t0_deg` at its epoch).
    /// - Returns: `false` for an unknown sensor or one that does not rotate.
    @discardableResult
    public mutating func setBeamPhase(of sensor: SensorID, azimuth: Double, at time: Double) -> Bool {
        guard let i = converter.index(of: sensor), converter.sensors[i].rotationPeriod > 0, azimuth.isFinite,
            time.isFinite
        else { return false }
        sensorBeamAzimuth[i] = azimuth
        sensorBeamTime[i] = time
        return true
    }

    /// The sensors the tracker knows, with their current rotation periods (s, 0 when not rotating).
    public var sensorRotationPeriods: [(sensor: SensorID, seconds: Double)] {
        converter.sensors.map { ($0.id, $0.rotationPeriod) }
    }

    /// Bytes held by the tracker's buffers (track table, grid, scratch), excluding inputs; an estimate from the
    /// buffers' capacities.
    public var approximateMemoryBytes: Int {
        tracks.capacity * MemoryLayout<TrackRecord>.stride + states.capacity * MemoryLayout<Filter.State>.stride
            + grid.approximateBytes
            + pairs.capacity * MemoryLayout<GatedPair>.stride
            + pairPredicted.capacity * MemoryLayout<Filter.State>.stride + batch.capacity
            * MemoryLayout<TrackerPlot>.stride
            + (trackLocal.capacity + freeSlots.capacity + pendingFree.capacity + candidates.capacity) * 4
            + addressOwner.capacity * 16
    }

    /// Number of live tracks (tentative and confirmed).
    public var liveTrackCount: Int { tracks.count - freeSlots.count - pendingFree.count }

    // MARK: - Input

    /// Processes one plot. Plots must come in time order (across all radars).
    ///
    /// The plot joins the current batch; the batch is associated when a plot of another radar or a later
    /// sector arrives, or at ``advance(to:)``.
    public mutating func process(_ plot: RadarPlot) {
        statistics.plots += 1
        guard let s = converter.index(of: plot.sensor),
            var p = convert(registered(plot, sensorIndex: s), sensorIndex: s)
        else {
            statistics.plotsRejected += 1
            return
        }
        // As the tracker uses it (corrected): the sweep model then agrees with the plots' times and azimuths.
        sensorLastPlotTime[s] = p.time
        sensorLastPlotAzimuth[s] = p.azimuth
        if registration != nil {
            collectRegistrationPair(plot: p)
            p.measurement = considered(p.measurement, sensorIndex: s, slantRange: p.slantRange)
        }
        if let first = batch.first,
            first.sensor != p.sensor || p.time - first.time > configuration.batchWindow
        {
            flush()
        }
        if p.time >= gridTime + 1 {
            flush()
            maintain(at: p.time)
        }
        batch.append(p)
    }

    /// Associates any pending plots and runs maintenance up to `time` (UNIX seconds), e.g. before a display
    /// snapshot at `time`.
    @_specialize(where Filter == IMMFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == IMMFilter, Assoc == JPDAAssociator)
    @_specialize(where Filter == TurnRateIMMFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == TurnRateIMMFilter, Assoc == JPDAAssociator)
    @_specialize(where Filter == AccelerationIMMFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == AccelerationIMMFilter, Assoc == JPDAAssociator)
    @_specialize(where Filter == KalmanFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == KalmanFilter, Assoc == JPDAAssociator)
    public mutating func advance(to time: Double) {
        flush()
        if time >= gridTime + 1 { maintain(at: time) }
    }

    func convert(_ plot: RadarPlot, sensorIndex: Int) -> TrackerPlot? {
        let geometry = converter.sensors[sensorIndex]
        let hasHeight = plot.modeCFeet != nil && plot.modeCValid
        let height: Double
        let variance: Double
        if hasHeight, let ft = plot.modeCFeet {
            height = ft * 0.3048
            variance = geometry.modeCVariance
        } else {
            (height, variance) = configuration.assumedHeight(
                antennaHeight: geometry.antennaHeight,
                slantRangeMetres: plot.slantRangeMetres
            )
        }
        guard
            let m = converter.convert(
                sensorIndex: sensorIndex,
                slantRangeMetres: plot.slantRangeMetres,
                azimuth: plot.azimuth,
                heightMetres: height,
                heightVariance: variance
            )
        else { return nil }
        return TrackerPlot(
            time: plot.time,
            sensor: Int32(sensorIndex),
            slantRange: plot.slantRangeMetres,
            azimuth: plot.azimuth,
            measurement: m,
            height: height,
            heightVariance: variance,
            hasHeight: hasHeight,
            address: plot.address?.rawValue ?? 0,
            hasAddress: plot.address != nil,
            modeA: plot.modeA?.rawValue ?? 0,
            hasModeA: plot.modeA != nil,
            modeAIsDiscrete: plot.modeA?.isDiscrete ?? false,
            plotID: plot.plotID,
            sources: Self.sources(of: plot).rawValue
        )
    }

    /// The track sources a plot stands for.
    static func sources(of plot: RadarPlot) -> TrackSources {
        switch plot.kind {
        case .primary: .primary
        case .secondary: .ssr
        case .combined: [.primary, .ssr]
        case .modeS: plot.address != nil ? .modeS : .ssr
        }
    }

    // MARK: - Output

    /// Calls `body` with every displayed (confirmed or coasting) track, extrapolated to `time` (UNIX seconds).
    ///
    /// - Complexity: O(number of track slots).
    public func forEachDisplayedTrack(at time: Double, _ body: (TrackReport) -> Void) {
        for t in tracks where t.isAlive && t.isConfirmed {
            // Straight-line extrapolation of the estimate: same accuracy on dev as the full IMM prediction, cheaper
            // (a coasting drone's velocity decays: `displayedEstimate`).
            let e = displayedEstimate(t, at: time)
            var height: Double? = nil
            var rate = 0.0
            if t.vertical.isValid {
                let v = t.vertical.predicted(by: time - t.verticalTime, noiseIntensity: 0)
                height = v.height
                rate = v.rate
            }
            let p = e.covariance
            body(
                TrackReport(
                    number: t.number,
                    status: t.status,
                    position: SIMD2(e.mean[0], e.mean[1]),
                    velocity: SIMD2(e.mean[2], e.mean[3]),
                    height: height,
                    verticalRate: rate,
                    address: t.hasAddress ? ICAOAddress(t.address) : nil,
                    modeA: t.hasModeA ? Mode3ACode(t.modeA) : nil,
                    lastUpdateTime: t.time,
                    positionCovariance: SIMD3(p[0, 0], p[0, 1], p[1, 1])
                )
            )
        }
    }

    /// The geodetic position (height 0) of a plane position.
    public func geodetic(of planePosition: SIMD2<Double>) -> GeodeticPosition {
        converter.plane.unproject(planePosition)
    }
}

/// A gated (plot, track) pair of the current batch.
struct GatedPair: Sendable {
    var plot: Int32
    var track: Int32
    var cost: Double
    var likelihoodRatio: Double
    /// The plot's log-likelihood ratio for the track score of a tentative track (kinematics and identity), nats.
    var scoreIncrement: Double
    var measurement: PlanePositionMeasurement
    /// Index of the track's prediction to the plot's time in `Tracker.pairPredicted`.
    var stateIndex: Int32
}
