import SkyGeodesy
import SkyMath
import SkyModel
import SkyTracking

/// Runs an engine over plots and reports through the one ``TrackingLoop`` and hands every displayed track of every
/// whole second to a closure in plane coordinates (what the tracker tests check).
enum TestDriver {
    /// What a fused run counted.
    struct FusedStatistics {
        var tracker: TrackerStatistics
        var adsb: ADSBFusionStatistics
    }

    static func run(
        plots: [RadarPlot],
        reports: [ADSBReport] = [],
        sensors: [SensorDescription],
        reference: GeodeticPosition,
        configuration: TrackerConfiguration,
        adsbConfiguration: ADSBFusionConfiguration = ADSBFusionConfiguration(),
        associator: AssociatorKind = .gnn,
        filter: FilterKind = .imm,
        reportTimes: ClosedRange<Int>?,
        report: (Double, TrackReport, GeodeticPosition) -> Void
    ) -> FusedStatistics {
        let engine = makeTrackingEngine(
            TrackingConfiguration(
                filter: filter,
                associator: associator,
                tracker: configuration,
                adsb: adsbConfiguration
            ),
            sensors: sensors,
            reference: reference
        )
        return drive(
            engine,
            plots: plots,
            reports: reports,
            reference: reference,
            reportTimes: reportTimes,
            report: report
        )
    }

    static func drive<E: TrackingEngine>(
        _ engine: E,
        plots: [RadarPlot],
        reports: [ADSBReport],
        reference: GeodeticPosition,
        scanEvents: [SensorScanEvent] = [],
        reportTimes: ClosedRange<Int>?,
        report: (Double, TrackReport, GeodeticPosition) -> Void
    ) -> FusedStatistics {
        var loop = TrackingLoop(
            engine: engine,
            cycles: reportTimes.map { Double($0.lowerBound)...Double($0.upperBound) }
        )
        let plane = StereographicPlane(reference: reference)
        // The picture's system tracks back on the plane (what the tests compare with plane truth).
        let publish = { (picture: TrackPicture) in
            for t in picture.tracks {
                let r = TrackReport(
                    number: t.number,
                    status: t.status,
                    position: plane.project(t.position),
                    velocity: plane.gridVector(eastNorth: SIMD2(t.velocity.east, t.velocity.north), at: t.position),
                    height: t.barometricAltitudeFeet == nil ? nil : t.position.heightMetres,
                    verticalRate: t.velocity.up,
                    address: t.address,
                    modeA: t.modeA,
                    lastUpdateTime: t.lastUpdateTime,
                    positionCovariance: SIMD3(t.covariance[0, 0], t.covariance[0, 1], t.covariance[1, 1])
                )
                var ground = t.position
                ground.heightMetres = 0
                report(picture.time, r, ground)
            }
        }
        var i = 0
        var j = 0
        var k = 0
        while i < plots.count || j < reports.count || k < scanEvents.count {
            let takePlot = j == reports.count || (i < plots.count && plots[i].time <= reports[j].time)
            let next: SurveillanceInput? =
                takePlot ? (i < plots.count ? .radar(plots[i]) : nil) : .adsb(reports[j])
            // Scan events after the plots and reports of the same time (`SurveillanceInput.kindRank`).
            if k < scanEvents.count, next == nil || scanEvents[k].time < next!.time {
                loop.push(.scan(scanEvents[k]), publish: publish)
                k += 1
                continue
            }
            if takePlot { i += 1 } else { j += 1 }
            loop.push(next!, publish: publish)
        }
        loop.finish(publish: publish)
        return FusedStatistics(tracker: loop.engine.statistics, adsb: loop.engine.adsbStatistics)
    }
}
