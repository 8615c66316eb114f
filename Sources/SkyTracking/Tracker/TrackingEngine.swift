import RealModule
public import SkyGeodesy
public import SkyModel

/// Which associator the engine uses.
public enum AssociatorKind: String, Sendable, CaseIterable, Codable {
    /// Global nearest neighbour with optimal assignment (``GNNAssociator``).
    case gnn
    /// Joint probabilistic data association (``JPDAAssociator``).
    case jpda
}

/// Which filter the engine uses.
public enum FilterKind: String, Sendable, CaseIterable, Codable {
    /// Two-mode IMM (``IMMFilter``).
    case imm
    /// IMM with an estimated turn rate (``TurnRateIMMFilter``: CV, CT-EKF, high-noise CV).
    case immTurnRate = "imm-ct"
    /// IMM over an acceleration-augmented state (``AccelerationIMMFilter``: CV, white-jerk CA, high-noise CV).
    case immAcceleration = "imm-ca"
    /// Single nearly-constant-velocity Kalman filter (``KalmanFilter``) with the quiet noise intensity.
    case kf
}

/// Everything that chooses and parameterises a tracking engine.
public struct TrackingConfiguration: Sendable, Hashable {
    /// Filter variant.
    public var filter: FilterKind
    /// Associator variant.
    public var associator: AssociatorKind
    /// Tracker parameters.
    public var tracker: TrackerConfiguration
    /// ADS-B fusion parameters.
    public var adsb: ADSBFusionConfiguration

    /// A configuration; every part has its documented defaults.
    public init(
        filter: FilterKind = .imm,
        associator: AssociatorKind = .gnn,
        tracker: TrackerConfiguration = .init(),
        adsb: ADSBFusionConfiguration = .init()
    ) {
        self.filter = filter
        self.associator = associator
        self.tracker = tracker
        self.adsb = adsb
    }
}

/// The tracker as the pipeline sees it: surveillance inputs in (data-time order), pictures of system tracks out.
///
/// ``Tracker`` is the one implementation; the protocol exists so that ``makeTrackingEngine(_:sensors:reference:)``
/// can hide the filter/associator specialisation behind one existential, which a generic caller opens once
/// (SE-0352) so that its whole loop runs specialised.
public protocol TrackingEngine: Sendable {
    /// Processes one input; inputs must come in data-time order (``TrackingLoop`` ensures it).
    mutating func process(_ input: SurveillanceInput)
    /// Associates pending inputs and runs maintenance up to `time` (UNIX seconds).
    mutating func advance(to time: Double)
    /// The picture at `time` (UNIX seconds): every displayed track extrapolated to `time`, and the life-cycle
    /// events since the previous picture.
    mutating func picture(at time: Double, cycle: Int) -> TrackPicture
    /// Adds a sensor while running. - Returns: `false` when it was known already.
    @discardableResult mutating func addSensor(_ sensor: SensorDescription) -> Bool
    /// Sets a sensor's rotation period as learnt from its data, seconds.
    @discardableResult mutating func setRotationPeriod(of sensor: SensorID, seconds: Double) -> Bool
    /// Declares a radar's beam timing (beam at `azimuth`, radians clockwise from north, at `time`, UNIX seconds).
    /// - Returns: `false` for an unknown or non-rotating sensor, or an engine without a sweep model.
    @discardableResult mutating func setBeamPhase(of sensor: SensorID, azimuth: Double, at time: Double) -> Bool
    /// Every displayed track at `time` in the tracker's own plane coordinates (research and tests).
    func forEachDisplayedTrack(at time: Double, _ body: (TrackReport) -> Void)
    /// The geodetic position (height 0) of a plane position.
    func geodetic(of planePosition: SIMD2<Double>) -> GeodeticPosition
    /// Tracker counters.
    var statistics: TrackerStatistics { get }
    /// ADS-B fusion counters.
    var adsbStatistics: ADSBFusionStatistics { get }
    /// Live (tentative and confirmed) tracks.
    var liveTrackCount: Int { get }
    /// Bytes held by the tracker's buffers.
    var approximateMemoryBytes: Int { get }
    /// Sensor registration estimates, one per radar (empty when registration is off).
    var registrationEstimates: [RadarRegistrationEstimate] { get }
    /// Solves the sensor registration on all the data at the end of it, `time` (UNIX seconds), so that the
    /// estimates reported last rest on the whole window (nothing when registration is off).
    mutating func finishRegistration(at time: Double)
    /// Whether the engine uses some inputs at another time than their own (a radar's time offset corrected by
    /// registration), and the largest amount by which it uses one earlier than its time stamp, s (≥ 0).
    var inputTimeCorrection: (active: Bool, maximumDelaySeconds: Double) { get }
    /// The data time at which the engine uses `input` (UNIX seconds): its time stamp, corrected by its radar's
    /// registered time offset where one is in force.
    func registeredTime(of input: SurveillanceInput) -> Double
}

extension TrackingEngine {
    /// No time correction.
    public var inputTimeCorrection: (active: Bool, maximumDelaySeconds: Double) { (false, 0) }

    /// The input's own time.
    public func registeredTime(of input: SurveillanceInput) -> Double { input.time }

    /// No sweep model: the declaration is ignored.
    @discardableResult public mutating func setBeamPhase(of sensor: SensorID, azimuth: Double, at time: Double) -> Bool
    {
        false
    }

    /// Declares the beam timing of every sensor whose description gives its azimuth at the scenario epoch
    /// (``SkyModel/SensorDescription/azimuthAtEpoch``, a scenario's `azimuth_at_t0_deg`).
    /// - Parameter epochUnixSeconds: the scenario epoch, UNIX seconds.
    public mutating func setBeamPhases(from sensors: [SensorDescription], epochUnixSeconds: Double) {
        for s in sensors {
            if let a = s.azimuthAtEpoch { setBeamPhase(of: s.id, azimuth: a, at: epochUnixSeconds) }
        }
    }
}

/// The tracking engine for a configuration: the one place where the configuration picks the filter and
/// associator types. Everything below runs specialised, without existentials.
/// - Parameters:
///   - configuration: filter, associator and their parameters.
///   - sensors: the sensors known at the start (more can be added with ``TrackingEngine/addSensor(_:)``).
///   - reference: the system reference point (tangent point of the stereographic plane).
public func makeTrackingEngine(
    _ configuration: TrackingConfiguration,
    sensors: [SensorDescription],
    reference: GeodeticPosition
) -> any TrackingEngine {
    func make<F: TrackFilter, A: Associator>(_ f: F, _ a: A) -> any TrackingEngine {
        var t = Tracker(
            sensors: sensors,
            reference: reference,
            filter: f,
            associator: a,
            configuration: configuration.tracker
        )
        t.adsbConfiguration = configuration.adsb
        return t
    }
    let c = configuration.tracker
    let kf = KalmanFilter(model: ConstantVelocityModel(noiseIntensity: c.quietNoiseIntensity))
    switch (configuration.filter, configuration.associator) {
    case (.imm, .gnn): return make(TrackFilters.imm(c), GNNAssociator())
    case (.imm, .jpda): return make(TrackFilters.imm(c), JPDAAssociator())
    case (.immTurnRate, .gnn): return make(TrackFilters.turnRate(c), GNNAssociator())
    case (.immTurnRate, .jpda): return make(TrackFilters.turnRate(c), JPDAAssociator())
    case (.immAcceleration, .gnn): return make(TrackFilters.acceleration(c), GNNAssociator())
    case (.immAcceleration, .jpda): return make(TrackFilters.acceleration(c), JPDAAssociator())
    case (.kf, .gnn): return make(kf, GNNAssociator())
    case (.kf, .jpda): return make(kf, JPDAAssociator())
    }
}

// `makeTrackingEngine` returns the tracker as an existential, whose witnesses are the generic (unspecialised) code.
// `@_specialize` gives each hot entry point a specialised body per configuration that the generic entry jumps to
// (a type check per call), so the whole per-input path runs specialised, as the old per-configuration switch did.
extension Tracker: TrackingEngine {
    @_specialize(where Filter == IMMFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == IMMFilter, Assoc == JPDAAssociator)
    @_specialize(where Filter == TurnRateIMMFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == TurnRateIMMFilter, Assoc == JPDAAssociator)
    @_specialize(where Filter == AccelerationIMMFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == AccelerationIMMFilter, Assoc == JPDAAssociator)
    @_specialize(where Filter == KalmanFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == KalmanFilter, Assoc == JPDAAssociator)
    public mutating func process(_ input: SurveillanceInput) {
        switch input {
        case .radar(let plot): process(plot)
        case .adsb(let report): process(report)
        case .scan(let event):
            if let period = event.rotationPeriodSeconds { setRotationPeriod(of: event.sensor, seconds: period) }
            // A north marker or sector crossing is the beam's timing from the sensor itself (CAT034/CAT002): the
            // miss counter's sweep model follows it instead of the latest plot's azimuth. The radar stamps it with
            // the clock it stamps its plots with: the same time offset is corrected.
            setBeamPhase(of: event.sensor, azimuth: event.azimuth, at: registeredTime(of: input))
        }
    }
}

/// The filters built from a tracker configuration.
public enum TrackFilters {
    /// The IMM filter built from a configuration.
    public static func imm(_ c: TrackerConfiguration) -> IMMFilter {
        var modes = [IMMFilter.Mode(noiseIntensity: c.quietNoiseIntensity)]
        // Turn modes: fixed lateral accelerations when any is set (the default), else fixed turn rates.
        let accelerations = [c.turnAcceleration, c.secondTurnAcceleration].filter { $0 > 0 }
        if !accelerations.isEmpty {
            for a in accelerations {
                modes.append(IMMFilter.Mode(lateralAcceleration: a, noiseIntensity: c.turnNoiseIntensity))
                modes.append(IMMFilter.Mode(lateralAcceleration: -a, noiseIntensity: c.turnNoiseIntensity))
            }
        } else {
            for rate in [c.turnRate, c.secondTurnRate] where rate > 0 {
                let w = rate * Double.pi / 180
                modes.append(IMMFilter.Mode(turnRate: w, noiseIntensity: c.turnNoiseIntensity))
                modes.append(IMMFilter.Mode(turnRate: -w, noiseIntensity: c.turnNoiseIntensity))
            }
        }
        modes.append(IMMFilter.Mode(noiseIntensity: c.manoeuvreNoiseIntensity))
        return IMMFilter(
            modes: modes,
            leaveQuietRate: 1 / c.meanTimeBetweenManoeuvres,
            returnToQuietRate: 1 / c.meanManoeuvreDuration
        )
    }

    /// The turn-rate IMM built from a configuration.
    public static func turnRate(_ c: TrackerConfiguration) -> TurnRateIMMFilter {
        TurnRateIMMFilter(
            quietNoiseIntensity: c.quietNoiseIntensity,
            turnNoiseIntensity: c.turnNoiseIntensity,
            turnRateNoiseIntensity: c.turnRateNoiseIntensity,
            manoeuvreNoiseIntensity: c.manoeuvreNoiseIntensity,
            leaveQuietRate: 1 / c.meanTimeBetweenManoeuvres,
            returnToQuietRate: 1 / c.meanManoeuvreDuration
        )
    }

    /// The acceleration IMM built from a configuration: the quiet CV mode, the coordinated-turn pairs, a
    /// white-jerk constant-acceleration mode and the high-noise CV mode.
    public static func acceleration(_ c: TrackerConfiguration) -> AccelerationIMMFilter {
        typealias Mode = AccelerationIMMFilter.Mode
        var modes = [Mode(.constantVelocity, noiseIntensity: c.quietNoiseIntensity)]
        for rate in [c.turnRate, c.secondTurnRate] where rate > 0 {
            let w = rate * Double.pi / 180
            modes.append(Mode(.coordinatedTurn(w), noiseIntensity: c.turnNoiseIntensity))
            modes.append(Mode(.coordinatedTurn(-w), noiseIntensity: c.turnNoiseIntensity))
        }
        if c.jerkNoiseIntensity > 0 { modes.append(Mode(.constantAcceleration, noiseIntensity: c.jerkNoiseIntensity)) }
        modes.append(Mode(.constantVelocity, noiseIntensity: c.manoeuvreNoiseIntensity))
        return AccelerationIMMFilter(
            modes: modes,
            onsetAccelerationSigma: c.onsetAccelerationSigma,
            leaveQuietRate: 1 / c.meanTimeBetweenManoeuvres,
            returnToQuietRate: 1 / c.meanManoeuvreDuration
        )
    }
}
