public import SkyModel

/// Turns decoded CAT048 target reports and CAT034 service messages (or the legacy CAT001 plots and CAT002
/// service messages, alone or mixed with them), in arrival order, into `RadarPlot`s and `SensorScanEvent`s.
///
/// CAT034 north markers count antenna scans per sensor (the plot's `scan`) and give the rotation period
/// (I034/041); sector crossings and I034/050 NOGO give the sensor status. ASTERIX times of day are resolved to
/// UNIX time with `ASTERIXTime.unixSeconds(timeOfDay128:nearReference:)` against the best reference available:
/// the capture time of the datagram, else the last resolved time of any record, else the caller's reference.
public struct RadarPlotAssembler: Sendable {
    /// Scan timing and status of one sensor, as learnt from CAT034.
    public struct SensorScanState: Sendable, Hashable {
        /// North markers seen so far (the current scan number).
        public var northMarkers: Int32 = 0
        /// UNIX time of the last north marker.
        public var lastNorthMarkerTime: Double?
        /// Antenna rotation period from I034/041, seconds.
        public var rotationPeriodSeconds: Double?
        /// Azimuth of the last sector crossed (I034/020), degrees.
        public var lastSectorDegrees: Double?
        /// Whether the last I034/050 reported NOGO (system inhibited).
        public var noGo = false
    }

    /// Per-sensor scan state.
    public private(set) var sensors: [SensorID: SensorScanState] = [:]
    /// The last resolved record time, UNIX seconds.
    public private(set) var lastTime: Double?
    /// Plots produced.
    public private(set) var plotCount: Int64 = 0
    /// Target reports that could not become plots (no detection, no position, or missing time/source).
    public private(set) var skippedReports = 0
    /// Fallback reference time (UNIX seconds on the recording's day) for inputs without capture times.
    public var reference: Double

    /// An assembler whose first ASTERIX time of day is resolved near `reference` (UNIX seconds).
    public init(reference: Double) { self.reference = reference }

    mutating func resolve(_ tod128: UInt32, captureTime: Double?) -> Double {
        let t = ASTERIXTime.unixSeconds(timeOfDay128: tod128, nearReference: captureTime ?? lastTime ?? reference)
        lastTime = t
        return t
    }

    /// Takes a CAT034 message into the scan state.
    /// - Parameter captureTime: the datagram's capture time, UNIX seconds, if known.
    /// - Returns: the scan event of a north marker or sector crossing that has a source and a time, else `nil`.
    @discardableResult
    public mutating func add(_ m: CAT034Message, captureTime: Double? = nil) -> SensorScanEvent? {
        guard let id = m.dataSource else { return nil }
        let kind: SensorScanEvent.Kind? =
            switch m.messageType {
            case .northMarker: .north
            case .sectorCrossing: .sector
            default: nil
            }
        let event = scan(
            id,
            kind: kind,
            tod128: m.timeOfDay128,
            sectorDegrees: m.sectorAzimuthDegrees,
            rotationPeriodSeconds: m.rotationPeriodSeconds,
            captureTime: captureTime
        )
        if m.commonStatus != nil { sensors[id]?.noGo = m.isNoGo }
        return event
    }

    /// Takes a CAT002 message (legacy radars' north marker and sector crossing, I002/000 = 1, 2) into the scan
    /// state, as for CAT034: north markers count scans, I002/041 gives the rotation period.
    /// - Parameter captureTime: the datagram's capture time, UNIX seconds, if known.
    /// - Returns: the scan event of a north marker or sector crossing that has a source and a time, else `nil`.
    @discardableResult
    public mutating func add(_ m: CAT002Message, captureTime: Double? = nil) -> SensorScanEvent? {
        guard let id = m.dataSource else { return nil }
        let kind: SensorScanEvent.Kind? =
            switch m.messageType {
            case .northMarker: .north
            case .sectorCrossing: .sector
            default: nil
            }
        return scan(
            id,
            kind: kind,
            tod128: m.timeOfDay128,
            sectorDegrees: m.sectorAzimuthDegrees,
            rotationPeriodSeconds: m.rotationPeriodSeconds,
            captureTime: captureTime
        )
    }

    mutating func scan(
        _ id: SensorID,
        kind: SensorScanEvent.Kind?,
        tod128: UInt32?,
        sectorDegrees: Double?,
        rotationPeriodSeconds: Double?,
        captureTime: Double?
    ) -> SensorScanEvent? {
        var s = sensors[id] ?? SensorScanState()
        let time = tod128.map { resolve($0, captureTime: captureTime) }
        switch kind {
        case .north:
            s.northMarkers += 1
            s.lastNorthMarkerTime = time
        case .sector:
            s.lastSectorDegrees = sectorDegrees
        case nil:
            break
        }
        if let p = rotationPeriodSeconds, p > 0 { s.rotationPeriodSeconds = p }
        sensors[id] = s
        guard let kind, let time else { return nil }
        // A sector crossing without its azimuth (I034/020 / I002/020 absent) says nothing of the beam: NaN.
        let azimuth = kind == .north ? 0 : sectorDegrees.map { $0 * .pi / 180 } ?? .nan
        return SensorScanEvent(
            time: time,
            sensor: id,
            kind: kind,
            azimuth: azimuth,
            rotationPeriodSeconds: s.rotationPeriodSeconds
        )
    }

    /// The plot of a CAT001 plot report, or `nil` when it has no source, truncated time, polar position or
    /// detection (SSR/PSR 0).
    ///
    /// Time: I001/141 holds only the 16 low bits of the time of day in 1/128 s (it wraps every 512 s), resolved
    /// against the capture time, else the last resolved time (a CAT002 north marker's full I002/030, or an
    /// earlier record), else `reference`. Kind from I001/020 SSR/PSR (1 primary, 2 SSR, 3 SSR + PSR). Mode 3/A
    /// from I001/070 unless garbled; Mode C from I001/090 (feet = ¼ FL × 25) with `modeCValid` = neither V nor G.
    /// Range from I001/040 (LSB 1/128 NM, half CAT048's precision). CAT001 carries no Mode S address.
    public mutating func plot(_ r: CAT001Report, captureTime: Double? = nil) -> RadarPlot? {
        guard let id = r.dataSource, let ttod = r.truncatedTimeOfDay128, let polar = r.polar,
            let d = r.descriptor, !d.isTrack
        else {
            skippedReports += 1
            return nil
        }
        let kind: PlotKind
        switch d.detection {
        case 1: kind = .primary
        case 2: kind = .secondary
        case 3: kind = .combined
        default:
            skippedReports += 1
            return nil
        }
        let time = ASTERIXTime.unixSeconds(
            truncatedTimeOfDay128: ttod,
            nearReference: captureTime ?? lastTime ?? reference
        )
        lastTime = time
        let modeC = r.modeC
        plotCount += 1
        return RadarPlot(
            time: time,
            sensor: id,
            slantRangeMetres: polar.rangeMetres,
            azimuth: polar.azimuth,
            modeCFeet: modeC.map(\.feet),
            modeCValid: modeC.map { !$0.notValidated && !$0.garbled } ?? false,
            modeA: r.mode3A.flatMap { $0.garbled ? nil : $0.code },
            address: nil,
            kind: kind,
            scan: sensors[id]?.northMarkers ?? 0,
            plotID: plotCount
        )
    }

    /// The plot of a CAT048 target report, or `nil` when it has no source, time, polar position, or
    /// detection (TYP 0).
    ///
    /// Kind from I048/020 TYP (1 primary, 2 SSR, 3 SSR+PSR, 4–7 Mode S); Mode 3/A kept unless garbled; Mode C
    /// from I048/090 (feet = FL × 100) with `modeCValid` = neither V nor G set; address from I048/220.
    public mutating func plot(_ r: CAT048Report, captureTime: Double? = nil) -> RadarPlot? {
        guard let id = r.dataSource, let tod = r.timeOfDay128, let polar = r.polar else {
            skippedReports += 1
            return nil
        }
        let typ = r.descriptor?.typ ?? 2
        let kind: PlotKind
        switch typ {
        case 1: kind = .primary
        case 2: kind = .secondary
        case 3: kind = .combined
        case 4...7: kind = .modeS
        default:
            skippedReports += 1
            return nil
        }
        let time = resolve(tod, captureTime: captureTime)
        let modeA = r.mode3A.flatMap { $0.garbled ? nil : $0.code }
        let fl = r.flightLevel
        plotCount += 1
        return RadarPlot(
            time: time,
            sensor: id,
            slantRangeMetres: polar.rangeMetres,
            azimuth: polar.azimuth,
            modeCFeet: fl.map(\.feet),
            modeCValid: fl.map { !$0.notValidated && !$0.garbled } ?? false,
            modeA: modeA,
            address: r.address,
            kind: kind,
            scan: sensors[id]?.northMarkers ?? 0,
            plotID: plotCount
        )
    }
}

/// Collects the byte ranges of well-formed records and the errors of a block stream.
public struct RecordRangeSink: RecordSink, Sendable {
    /// (category, start, end) of each well-formed record, in input order.
    public var ranges: [(category: UInt8, start: Int, end: Int)] = []
    /// Errors met, in input order.
    public var errors: [DecodeError] = []
    private var current: (UInt8, Int) = (0, 0)

    public init() {}
    public mutating func beginRecord(category: UInt8, offset: Int) { current = (category, offset) }
    public mutating func endRecord(end: Int) { ranges.append((current.0, current.1, end)) }
    public mutating func error(_ error: DecodeError) { errors.append(error) }
}
