public import SkyGeodesy
public import SkyModel

extension TrackingSession {
    /// What a fused run counted.
    public struct FusedStatistics: Sendable, Hashable {
        /// The tracker's counters (plots, tracks).
        public var tracker: TrackerStatistics
        /// The ADS-B fusion counters.
        public var adsb: ADSBFusionStatistics
    }

    /// Runs the tracker over radar plots and ADS-B reports together, and reports the displayed tracks at every
    /// whole second.
    ///
    /// - Parameters:
    ///   - plots: radar plots, sorted by time (UNIX seconds).
    ///   - reports: ADS-B reports, sorted by time (UNIX seconds); merged with the plots in time order (a plot
    ///     before a report of the same time).
    ///   - sensors: the radars.
    ///   - reference: the system reference point.
    ///   - configuration: tracker parameters.
    ///   - adsbConfiguration: ADS-B fusion parameters.
    ///   - associator: GNN or JPDA.
    ///   - filter: IMM or KF.
    ///   - reportTimes: whole UNIX seconds at which to report, or `nil` for no reports.
    ///   - report: called with (time, track, geodetic position at height 0) for every displayed track at every
    ///     report time.
    ///   - endOfCycle: called after the tracks of each report time (also when there are none).
    /// - Returns: the counters.
    /// - Complexity: O((plots + reports) · tracks near each), as ``Tracker``.
    public static func run(
        plots: [RadarPlot], reports: [ADSBReport], sensors: [SensorDescription], reference: GeodeticPosition,
        configuration: TrackerConfiguration, adsbConfiguration: ADSBFusionConfiguration = ADSBFusionConfiguration(),
        associator: AssociatorKind = .gnn, filter: FilterKind = .imm, reportTimes: ClosedRange<Int>?,
        report: (Double, TrackReport, GeodeticPosition) -> Void, endOfCycle: (Double) -> Void = { _ in }
    ) -> FusedStatistics {
        func go<F: TrackFilter, A: Associator>(_ f: F, _ a: A) -> FusedStatistics {
            var t = Tracker(sensors: sensors, reference: reference, filter: f, associator: a, configuration: configuration)
            t.adsbConfiguration = adsbConfiguration
            return driveFused(
                &t, plots: plots, reports: reports, reportTimes: reportTimes, report: report, endOfCycle: endOfCycle)
        }
        let kf = KalmanFilter(model: ConstantVelocityModel(noiseIntensity: configuration.quietNoiseIntensity))
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

    static func driveFused<F: TrackFilter, A: Associator>(
        _ tracker: inout Tracker<F, A>, plots: [RadarPlot], reports: [ADSBReport], reportTimes: ClosedRange<Int>?,
        report: (Double, TrackReport, GeodeticPosition) -> Void, endOfCycle: (Double) -> Void
    ) -> FusedStatistics {
        var next = reportTimes?.lowerBound ?? Int.max
        let last = reportTimes?.upperBound ?? Int.min
        func emit(_ time: Int) {
            let t = Double(time)
            tracker.advance(to: t)
            tracker.forEachDisplayedTrack(at: t) { r in report(t, r, tracker.geodetic(of: r.position)) }
            endOfCycle(t)
        }
        var i = 0, j = 0
        while i < plots.count || j < reports.count {
            let takePlot = j == reports.count || (i < plots.count && plots[i].time <= reports[j].time)
            let time = takePlot ? plots[i].time : reports[j].time
            while next <= last && Double(next) < time {
                emit(next)
                next += 1
            }
            if takePlot {
                tracker.process(plots[i])
                i += 1
            } else {
                tracker.process(reports[j])
                j += 1
            }
        }
        while next <= last {
            emit(next)
            next += 1
        }
        tracker.advance(to: Swift.max(plots.last?.time ?? 0, reports.last?.time ?? 0))
        return FusedStatistics(tracker: tracker.statistics, adsb: tracker.adsbStatistics)
    }
}
