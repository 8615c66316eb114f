import Foundation
public import SkyModel
public import SkyTracking

/// Sources → engine → sinks, for inputs that are files: `skywatch track` with every mix of inputs and outputs.
///
/// The engine is made once from the configuration (``SkyTracking/makeTrackingEngine(_:sensors:reference:)``) and
/// driven by the same ``SkyTracking/TrackingLoop`` as the live service, one input at a time in data-time order;
/// each update cycle's picture goes to every sink as it is computed.
public enum TrackingPipeline {
    /// What a run did and how fast.
    public struct Summary: Sendable {
        /// Input name, plots and ADS-B reports.
        public var name: String
        public var plots: Int
        public var reports: Int
        /// Tracker and fusion counters.
        public var statistics: TrackerStatistics
        public var adsb: ADSBFusionStatistics
        /// Cycles published and displayed-track rows in them.
        public var cycles: Int
        public var rows: Int
        /// Late inputs (arrived after later ones had been processed).
        public var lateInputs: Int
        /// Wall time of the tracking loop without the sinks, s; of loading and writing, s.
        public var trackingSeconds: Double
        public var ioSeconds: Double
        /// Data duration, s.
        public var durationSeconds: Double
        /// Input notes (decoding counts and errors) and output lines.
        public var notes: [String]
        public var outputs: [String]
        /// What each sink wrote: rows, data blocks or datagrams.
        public var written: [Int]
        /// Sensor registration estimates at the end (empty when registration is off).
        public var registration: [RadarRegistrationEstimate] = []

        /// Plots and ADS-B reports per second of wall time in the tracking loop.
        public var measurementsPerSecond: Double { Double(plots + reports) / Swift.max(trackingSeconds, 1e-9) }

        /// Human-readable lines.
        public var lines: [String] {
            let t = statistics
            let a = adsb
            var l = notes
            l.append("input \(name): \(plots) plots, \(reports) ADS-B reports, \(Int(durationSeconds)) s")
            l.append(
                "tracks initiated \(t.tracksInitiated) (\(a.tracksInitiated) by ADS-B), confirmed \(t.tracksConfirmed), "
                    + "merged \(t.tracksMerged), "
                    + (t.tracksLostByAddress > 0 ? "lost by address \(t.tracksLostByAddress), " : "")
                    + "deleted \(t.tracksDeleted)"
            )
            l.append(
                "plots associated \(t.plotsAssociated), rejected \(t.plotsRejected), "
                    + "numerical failures \(t.numericalFailures)"
            )
            if reports > 0 {
                l.append(
                    "ADS-B applied \(a.applied) (by address \(a.appliedByAddress), late \(a.appliedLate), adopted by "
                        + "unaddressed tracks \(a.adoptedByUnaddressedTrack)); rejected by position gate "
                        + "\(a.rejectedByPositionGate), altitude gate \(a.rejectedByAltitudeGate); late dropped "
                        + "\(a.late), unusable \(a.unusable), ambiguous \(a.ambiguous); identity splits \(a.identitySplits)"
                )
            }
            l.append(
                String(
                    format: "mean normalised innovation squared %.2f (2 if consistent)",
                    t.innovationChiSquareSum / Double(Swift.max(1, t.innovationCount))
                )
            )
            l.append("cycles \(cycles), track rows \(rows), late inputs \(lateInputs)")
            l.append(
                String(
                    format: "wall time tracking %.3f s (load+write %.3f s): %.0f plots+reports/s, %.0f× real time",
                    trackingSeconds,
                    ioSeconds,
                    measurementsPerSecond,
                    durationSeconds / Swift.max(trackingSeconds, 1e-9)
                )
            )
            return l + registration.map(\.summaryLine) + outputs
        }
    }

    /// Runs the tracker over `input` and hands every cycle's picture to `sinks` (no sink: no pictures are made,
    /// tracking only).
    /// - Parameters:
    ///   - cyclePeriodSeconds: the update cycle (1 s: one tracks.csv row per track per second).
    ///   - speed: pace the input at this many times real time (`nil`: as fast as possible), on `clock`.
    ///   - loadSeconds: wall time already spent loading `input`, for the summary.
    /// - Throws: sink errors (file, socket).
    public static func run(
        input: TrackInput,
        configuration: TrackingConfiguration = TrackingConfiguration(),
        sinks: [any PictureSink],
        cyclePeriodSeconds: Double = 1,
        speed: Double? = nil,
        clock: some Clock<Duration> = ContinuousClock(),
        loadSeconds: Double = 0
    ) async throws -> Summary {
        var engine = makeTrackingEngine(configuration, sensors: input.sensors, reference: input.reference)
        // Beam timing from the sensors' declared azimuth at the epoch (issue 17): the miss counter's sweep model.
        engine.setBeamPhases(from: input.sensors, epochUnixSeconds: input.epochUnixSeconds)
        return try await drive(
            engine,
            input: input,
            sinks: sinks,
            cyclePeriodSeconds: cyclePeriodSeconds,
            speed: speed,
            clock: clock,
            loadSeconds: loadSeconds
        )
    }

    /// Runs the tracker over `input` and writes the picture to one output target.
    /// - Throws: file or socket errors.
    public static func run(
        input: TrackInput,
        output: TrackOutputTarget,
        configuration: TrackingConfiguration = TrackingConfiguration(),
        sdps: SensorID = SensorID(sac: 0, sic: 200)
    ) async throws -> Summary {
        let sink = try await output.makeSink(epochUnixSeconds: input.epochUnixSeconds, sdps: sdps)
        return try await run(input: input, configuration: configuration, sinks: [sink])
    }

    /// The loop, specialised on the engine's concrete type (the existential is opened once, here).
    static func drive<Engine: TrackingEngine>(
        _ engine: Engine,
        input: TrackInput,
        sinks: [any PictureSink],
        cyclePeriodSeconds: Double,
        speed: Double?,
        clock: some Clock<Duration>,
        loadSeconds: Double
    ) async throws -> Summary {
        let wall = ContinuousClock()
        let reportTimes = input.reportTimes
        var loop = TrackingLoop(
            engine: engine,
            cyclePeriodSeconds: cyclePeriodSeconds,
            cycles: sinks.isEmpty ? nil : Double(reportTimes.lowerBound)...Double(reportTimes.upperBound)
        )
        var ready: [TrackPicture] = []
        var rows = 0
        var sinkTime = Duration.zero
        // Sensor registration on: the CAT062 sinks also send the estimates as CAT063 (their encoder keeps the
        // 10 s interval). Off: no estimates, nothing is called, the output is what it was.
        let registrationSinks = sinks.compactMap { $0 as? any RegistrationSink }
        let kinds = Dictionary(input.sensors.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        var lastPictureTime: Double?
        func publishRegistration(time: Double, final: Bool) async throws {
            guard !registrationSinks.isEmpty else { return }
            let estimates = loop.engine.registrationEstimates
            guard !estimates.isEmpty else { return }
            let registrations = RegistrationOutput.cat063(estimates, sensors: kinds)
            for sink in registrationSinks { try await sink.writeRegistration(registrations, time: time, final: final) }
        }
        func publish() async throws {
            let start = wall.now
            for picture in ready {
                rows += picture.tracks.count
                for sink in sinks { try await sink.write(picture) }
                try await publishRegistration(time: picture.time, final: false)
                lastPictureTime = picture.time
            }
            ready.removeAll(keepingCapacity: true)
            sinkTime += wall.now - start
        }
        var pacer = speed.map { Pacer(clock: clock, speed: $0) }
        let start = wall.now
        var inputs = input.inputs
        while let item = inputs.next() {
            if pacer != nil { try await pacer!.wait(until: item.time) }
            loop.push(item) { ready.append($0) }
            if !ready.isEmpty { try await publish() }
        }
        loop.finish { ready.append($0) }
        try await publish()
        if let time = lastPictureTime { try await publishRegistration(time: time, final: true) }
        let loopTime = wall.now - start
        let finishStart = wall.now
        var outputs: [String] = []
        var written: [Int] = []
        for sink in sinks {
            try await sink.finish()
            outputs.append(await sink.summary)
            written.append(await sink.itemsWritten)
        }
        let finishTime = wall.now - finishStart
        var summary = Summary(
            name: input.name,
            plots: input.plots.count,
            reports: inputs.reportsDelivered,
            statistics: loop.engine.statistics,
            adsb: loop.engine.adsbStatistics,
            cycles: loop.cycleCount,
            rows: rows,
            lateInputs: loop.reorder.lateCount,
            trackingSeconds: seconds(loopTime - sinkTime),
            ioSeconds: loadSeconds + seconds(sinkTime + finishTime),
            durationSeconds: input.durationSeconds,
            notes: input.notes + inputs.notes,
            outputs: outputs,
            written: written
        )
        summary.registration = loop.engine.registrationEstimates
        return summary
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// Paces data time against a clock at `speed` × real time: the first input sets the origin.
struct Pacer<C: Clock<Duration>> {
    let clock: C
    let speed: Double
    var origin: (data: Double, wall: C.Instant)?

    /// Sleeps until data time `time` is due.
    mutating func wait(until time: Double) async throws {
        guard let origin else {
            self.origin = (time, clock.now)
            return
        }
        let due = origin.wall.advanced(by: .nanoseconds(Int64((time - origin.data) / speed * 1e9)))
        if due > clock.now { try await clock.sleep(until: due, tolerance: nil) }
    }
}
