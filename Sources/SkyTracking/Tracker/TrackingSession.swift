import RealModule
public import SkyGeodesy
public import SkyModel

/// Which associator a ``TrackingSession`` uses.
public enum AssociatorKind: String, Sendable, CaseIterable {
    /// Global nearest neighbour with optimal assignment (``GNNAssociator``).
    case gnn
    /// Joint probabilistic data association (``JPDAAssociator``).
    case jpda
}

/// Which filter a ``TrackingSession`` uses.
public enum FilterKind: String, Sendable, CaseIterable {
    /// Two-mode IMM (``IMMFilter``).
    case imm
    /// IMM with an estimated turn rate (``TurnRateIMMFilter``: CV, CT-EKF, high-noise CV).
    case immTurnRate = "imm-ct"
    /// IMM over an acceleration-augmented state (``AccelerationIMMFilter``: CV, white-jerk CA, high-noise CV).
    case immAcceleration = "imm-ca"
    /// Single nearly-constant-velocity Kalman filter (``KalmanFilter``) with the quiet noise intensity.
    case kf
}

/// The non-generic entry point: chooses the specialisation of ``Tracker`` once, then runs plots through it.
///
/// This is the one place where the configuration picks the filter and associator types; everything below runs
/// specialised, without existentials.
public enum TrackingSession {
    /// The IMM filter built from a configuration.
    public static func immFilter(_ c: TrackerConfiguration) -> IMMFilter {
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
            modes: modes, leaveQuietRate: 1 / c.meanTimeBetweenManoeuvres,
            returnToQuietRate: 1 / c.meanManoeuvreDuration)
    }

    /// The turn-rate IMM built from a configuration.
    public static func turnRateFilter(_ c: TrackerConfiguration) -> TurnRateIMMFilter {
        TurnRateIMMFilter(
            quietNoiseIntensity: c.quietNoiseIntensity, turnNoiseIntensity: c.turnNoiseIntensity,
            turnRateNoiseIntensity: c.turnRateNoiseIntensity, manoeuvreNoiseIntensity: c.manoeuvreNoiseIntensity,
            leaveQuietRate: 1 / c.meanTimeBetweenManoeuvres, returnToQuietRate: 1 / c.meanManoeuvreDuration)
    }

    /// The acceleration IMM built from a configuration: the quiet CV mode, the coordinated-turn pairs, a
    /// white-jerk constant-acceleration mode and the high-noise CV mode.
    public static func accelerationFilter(_ c: TrackerConfiguration) -> AccelerationIMMFilter {
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
            modes: modes, onsetAccelerationSigma: c.onsetAccelerationSigma,
            leaveQuietRate: 1 / c.meanTimeBetweenManoeuvres, returnToQuietRate: 1 / c.meanManoeuvreDuration)
    }

    /// Runs the tracker over `plots` (time order) and reports the displayed tracks at every whole second.
    ///
    /// - Parameters:
    ///   - plots: all plots, sorted by time (UNIX seconds).
    ///   - sensors: the radars.
    ///   - reference: the system reference point.
    ///   - configuration: tracker parameters.
    ///   - associator: GNN or JPDA.
    ///   - filter: IMM or KF.
    ///   - reportTimes: whole UNIX seconds `first...last` at which to report, or `nil` for no reports.
    ///   - report: called with (time, track) for every displayed track at every report time.
    /// - Returns: the tracker's statistics.
    public static func run(
        plots: [RadarPlot], sensors: [SensorDescription], reference: GeodeticPosition,
        configuration: TrackerConfiguration, associator: AssociatorKind = .gnn, filter: FilterKind = .imm,
        reportTimes: ClosedRange<Int>?, report: (Double, TrackReport, GeodeticPosition) -> Void
    ) -> TrackerStatistics {
        func go<F: TrackFilter, A: Associator>(_ f: F, _ a: A) -> TrackerStatistics {
            var t = Tracker(sensors: sensors, reference: reference, filter: f, associator: a, configuration: configuration)
            return drive(&t, plots: plots, reportTimes: reportTimes, report: report)
        }
        let kf = KalmanFilter(model: ConstantVelocityModel(noiseIntensity: configuration.quietNoiseIntensity))
        // The one place where the configuration picks the specialisation: one case per (filter, associator).
        switch (filter, associator) {
        case (.imm, .gnn): return go(immFilter(configuration), GNNAssociator())
        case (.imm, .jpda): return go(immFilter(configuration), JPDAAssociator())
        case (.immTurnRate, .gnn): return go(turnRateFilter(configuration), GNNAssociator())
        case (.immTurnRate, .jpda): return go(turnRateFilter(configuration), JPDAAssociator())
        case (.immAcceleration, .gnn): return go(accelerationFilter(configuration), GNNAssociator())
        case (.immAcceleration, .jpda): return go(accelerationFilter(configuration), JPDAAssociator())
        case (.kf, .gnn): return go(kf, GNNAssociator())
        case (.kf, .jpda): return go(kf, JPDAAssociator())
        }
    }

    static func drive<F: TrackFilter, A: Associator>(
        _ tracker: inout Tracker<F, A>, plots: [RadarPlot], reportTimes: ClosedRange<Int>?,
        report: (Double, TrackReport, GeodeticPosition) -> Void
    ) -> TrackerStatistics {
        var next = reportTimes?.lowerBound ?? Int.max
        let last = reportTimes?.upperBound ?? Int.min
        func emit(_ time: Int) {
            let t = Double(time)
            tracker.advance(to: t)
            tracker.forEachDisplayedTrack(at: t) { r in report(t, r, tracker.geodetic(of: r.position)) }
        }
        for plot in plots {
            while next <= last && Double(next) < plot.time {
                emit(next)
                next += 1
            }
            tracker.process(plot)
        }
        while next <= last {
            emit(next)
            next += 1
        }
        tracker.advance(to: plots.last?.time ?? 0)
        var statistics = tracker.statistics
        statistics.trackSlots = tracker.tracks.count
        statistics.trackerBytes = tracker.approximateMemoryBytes
        return statistics
    }
}
