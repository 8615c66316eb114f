public import SkyGeodesy
import SkyModel

/// Everything a simulation run needs: time frame, radars, traffic, seed.
public struct SimulationConfiguration: Sendable {
    /// Scenario name (written to `sensors.json`).
    public var name: String
    /// Scenario epoch, integer UNIX seconds (UTC).
    public var epochUnixSeconds: Int
    /// Duration, whole seconds: truth covers 0…duration.
    public var durationSeconds: Int
    /// Suggested origin of a local plane for consumers.
    public var reference: GeodeticPosition
    /// The seed: same seed and configuration → identical output.
    public var seed: UInt64
    /// The radars.
    public var radars: [RadarConfiguration]
    /// The traffic; `identity.truthID` must be unique.
    public var targets: [TargetSpecification]
    /// ADS-B ground stations; empty = every transmission is output (an ideal receiver network).
    public var adsbReceivers: [ADSBReceiverConfiguration]

    /// A configuration; see each property.
    public init(
        name: String,
        epochUnixSeconds: Int,
        durationSeconds: Int,
        reference: GeodeticPosition,
        seed: UInt64,
        radars: [RadarConfiguration],
        targets: [TargetSpecification],
        adsbReceivers: [ADSBReceiverConfiguration] = []
    ) {
        self.name = name
        self.epochUnixSeconds = epochUnixSeconds
        self.durationSeconds = durationSeconds
        self.reference = reference
        self.seed = seed
        self.radars = radars
        self.targets = targets
        self.adsbReceivers = adsbReceivers
    }
}

/// The truth of one airborne target at a whole second.
public struct TruthSample: Sendable, Hashable {
    /// Index into `SimulationConfiguration.targets`.
    public var targetIndex: Int
    /// Truth identifier.
    public var truthID: Int
    /// Kinematic state (time = the whole second).
    public var state: TargetState
    /// Number of radars covering the target at this second (`n_cov`).
    public var coverageCount: Int
}

/// The output of one simulated second.
public struct SimulationFrame: Sendable {
    /// The whole second (since the epoch) of `truth`.
    public var time: Int
    /// Airborne targets at `time`, in target order.
    public var truth: [TruthSample]
    /// Plots with true crossing time in (time − 1, time], sorted by reported time then radar identifier.
    public var plots: [SimulatedPlot]
    /// Antenna north and sector crossings in (time − 1, time], sorted by time then radar.
    public var markers: [RadarMarker]
    /// ADS-B transmissions in [time − 1, time), sorted by time then truth identifier.
    public var adsb: [ADSBEmission]
}

/// A seeded, deterministic simulation stepped one second at a time.
///
/// ```swift
/// var simulation = Simulation(configuration: config)
/// while let frame = simulation.next() { write(frame) }
/// ```
/// - Complexity: each step is O(targets × radars) plus the output size.
public struct Simulation: Sendable {
    /// The configuration being run.
    public let configuration: SimulationConfiguration
    var vehicles: [Vehicle]
    var emitters: [ADSBEmitter?]
    var targetRandom: [SimulationRandom]
    var radars: [RadarSimulator]
    var reception: ADSBReception?
    var previous = TrafficSnapshot()
    var current = TrafficSnapshot()
    var identities: [TargetIdentity]
    var nextTime = 0
    var finished: [Bool]

    /// Prepares a run (pre-rolls targets whose start time is negative).
    public init(configuration: SimulationConfiguration) {
        self.configuration = configuration
        let targets = configuration.targets
        identities = targets.map(\.identity)
        vehicles = targets.map { Vehicle(specification: $0) }
        finished = Array(repeating: false, count: targets.count)
        reception =
            configuration.adsbReceivers.isEmpty
            ? nil : ADSBReception(receivers: configuration.adsbReceivers, seed: configuration.seed)
        targetRandom = targets.indices.map {
            SimulationRandom(seed: configuration.seed, stream: 0x7467_0000_0000 + UInt64($0))
        }
        emitters = Array(repeating: nil, count: targets.count)
        radars = configuration.radars.enumerated().map {
            RadarSimulator(
                configuration: $0.element,
                index: $0.offset,
                epochUnixSeconds: Double(configuration.epochUnixSeconds),
                seed: configuration.seed
            )
        }
        let n = targets.count
        current.active = Array(repeating: false, count: n)
        current.states = targets.map {
            TargetState(time: 0, position: $0.initialPosition, velocity: ENUVector(east: 0, north: 0, up: 0))
        }
        current.ecef = Array(repeating: .zero, count: n)
        current.ecefVelocity = Array(repeating: .zero, count: n)
        for i in 0..<n where targets[i].startTime < 0 {
            if case .recorded = targets[i].motion { continue }
            var t = targets[i].startTime
            vehicles[i].active = true
            while t < 0 && vehicles[i].active {
                t += 1
                vehicles[i].active = vehicles[i].advance(dt: 1, to: Double(t), random: &targetRandom[i])
            }
            if !vehicles[i].active { finished[i] = true }
        }
    }

    /// Whether target `i` starts (becomes airborne) exactly at whole second `t`.
    func starts(_ i: Int, at t: Int) -> Bool {
        let spec = configuration.targets[i]
        if case .recorded(let r) = spec.motion {
            let first = Int(r.timeSpan.lowerBound.rounded(.up))
            return t == Swift.max(first, 0)
        }
        return t == Swift.max(spec.startTime, 0) && !(spec.startTime < 0)
    }

    /// Advances one second and returns its frame; `nil` after the frame at `durationSeconds`.
    public mutating func next() -> SimulationFrame? {
        let t = nextTime
        guard t <= configuration.durationSeconds else { return nil }
        nextTime += 1
        swap(&previous, &current)
        current.time = Double(t)
        if current.active.count != vehicles.count { current = previous }
        current.time = Double(t)
        var adsb: [ADSBEmission] = []
        for i in vehicles.indices {
            if finished[i] {
                current.active[i] = false
                continue
            }
            if vehicles[i].active && t > 0 && previous.active.count > i && previous.active[i] {
                vehicles[i].active = vehicles[i].advance(dt: 1, to: Double(t), random: &targetRandom[i])
                if !vehicles[i].active { finished[i] = true }
            } else if !vehicles[i].active && starts(i, at: t) {
                vehicles[i].active = true
                if case .recorded(let r) = configuration.targets[i].motion, let s = r.state(at: Double(t)) {
                    vehicles[i].position = s.position
                    vehicles[i].heading = s.course
                    vehicles[i].speed = s.groundSpeed
                    vehicles[i].verticalRate = s.velocity.up
                }
            }
            let active = vehicles[i].active
            current.active[i] = active
            guard active else { continue }
            let state = vehicles[i].state(time: Double(t))
            current.states[i] = state
            current.ecef[i] = state.position.ecef.vector
            current.ecefVelocity[i] = state.ecefVelocity
            if previous.active.count > i && previous.active[i] && t > 0 {
                if emitters[i] == nil, let equipage = configuration.targets[i].adsb,
                    let address = identities[i].address
                {
                    emitters[i] = ADSBEmitter(
                        equipage: equipage,
                        truthID: identities[i].truthID,
                        address: address,
                        callsign: identities[i].callsign,
                        start: Double(t - 1),
                        random: &targetRandom[i]
                    )
                }
                let first = adsb.count
                emitters[i]?.emit(from: previous.states[i], to: state, random: &targetRandom[i], into: &adsb)
                if adsb.count > first, let r = reception {
                    let p = r.receptionProbability(position: state.position, ecef: current.ecef[i])
                    reception!.filter(&adsb, from: first, probability: p)
                }
            }
        }
        var coverage = Array(repeating: 0, count: vehicles.count)
        var plots: [SimulatedPlot] = []
        var markers: [RadarMarker] = []
        let first = t == 0
        for r in radars.indices {
            if first {
                radars[r].observe(
                    from: TrafficSnapshot(),
                    to: current,
                    identities: identities,
                    coverageCount: &coverage,
                    plots: &plots,
                    markers: &markers
                )
                plots.removeAll()
                markers.removeAll()
            } else {
                radars[r].observe(
                    from: previous,
                    to: current,
                    identities: identities,
                    coverageCount: &coverage,
                    plots: &plots,
                    markers: &markers
                )
            }
        }
        plots.sort { ($0.time, $0.plot.sensor.sic, $0.truthID) < ($1.time, $1.plot.sensor.sic, $1.truthID) }
        markers.sort { ($0.time, $0.radarIndex, $0.sector) < ($1.time, $1.radarIndex, $1.sector) }
        adsb.sort { ($0.time, $0.truthID) < ($1.time, $1.truthID) }
        var truth: [TruthSample] = []
        truth.reserveCapacity(vehicles.count)
        for i in vehicles.indices where current.active[i] {
            truth.append(
                TruthSample(
                    targetIndex: i,
                    truthID: identities[i].truthID,
                    state: current.states[i],
                    coverageCount: coverage[i]
                )
            )
        }
        return SimulationFrame(time: t, truth: truth, plots: plots, markers: markers, adsb: adsb)
    }
}
