public import SkyModel

/// Builds CAT048 1.31 target reports from radar plots (the simulator's output path).
public enum CAT048Encoder {
    /// A target report for `plot`: I048/010 from `plot.sensor`, I048/140 from `plot.time` (1/128 s, UTC time of
    /// day), I048/020 TYP from `plot.kind`, I048/040 rounded to the LSB, I048/070, I048/090 (V set when the Mode C
    /// is not validated; quarter-FL LSB) and I048/220 when the plot has them.
    public static func report(for plot: RadarPlot) -> CAT048Report {
        var r = CAT048Report()
        r.dataSource = plot.sensor
        r.timeOfDay128 = ASTERIXTime.timeOfDay128(unixSeconds: plot.time)
        let typ: UInt8 =
            switch plot.kind {
            case .primary: 1
            case .secondary: 2
            case .combined: 3
            case .modeS: 5
            }
        r.descriptor = TargetReportDescriptor(typ: typ)
        r.polar = MeasuredPolar(rangeMetres: plot.slantRangeMetres, azimuth: plot.azimuth)
        if let code = plot.modeA { r.mode3A = Mode3AReply(code: code) }
        if let feet = plot.modeCFeet {
            r.flightLevel = FlightLevelReply(
                quarterFlightLevels: Int((feet / 25).rounded()),
                notValidated: !plot.modeCValid
            )
        }
        if let a = plot.address { r.address = a }
        return r
    }

    /// A target report for `plot` as reported by `sensor` at `time` (UNIX seconds), overriding the plot's own
    /// sensor and time (e.g. a simulator that stamps plots when the beam passes).
    public static func report(for plot: RadarPlot, sensor: SensorID, time: Double) -> CAT048Report {
        var p = plot
        p.sensor = sensor
        p.time = time
        return report(for: p)
    }

    /// Data blocks (each ≤ `maxBlockBytes`, default a safe UDP payload of 1400) holding the reports of `plots`.
    public static func blocks(for plots: [RadarPlot], maxBlockBytes: Int = 1400) -> [[UInt8]] {
        ASTERIXBlocks.pack(plots.map { report(for: $0).slots }, maxBlockBytes: maxBlockBytes)
    }
}

/// Builds CAT034 1.27 service messages: north markers and sector crossings (scan timing).
public enum CAT034Encoder {
    /// A north marker (I034/000 = 1) at `time` (UNIX s), with the antenna rotation period if known.
    public static func northMarker(
        sensor: SensorID,
        time: Double,
        rotationPeriodSeconds: Double? = nil
    )
        -> CAT034Message
    {
        var m = CAT034Message()
        m.dataSource = sensor
        m.messageTypeCode = CAT034Message.MessageType.northMarker.rawValue
        m.timeOfDay128 = ASTERIXTime.timeOfDay128(unixSeconds: time)
        if let p = rotationPeriodSeconds { m.rotationPeriod128 = ScanTiming.rotationPeriod128(seconds: p) }
        return m
    }

    /// A sector crossing (I034/000 = 2) at `time` for the sector starting at `azimuth` (radians from north;
    /// I034/020 LSB 360/2⁸ °).
    public static func sectorCrossing(sensor: SensorID, time: Double, azimuth: Double) -> CAT034Message {
        var m = CAT034Message()
        m.dataSource = sensor
        m.messageTypeCode = CAT034Message.MessageType.sectorCrossing.rawValue
        m.timeOfDay128 = ASTERIXTime.timeOfDay128(unixSeconds: time)
        m.sectorNumber = ScanTiming.sectorNumber(azimuth: azimuth)
        return m
    }
}

/// The scan-timing fields CAT034 and CAT002 share.
enum ScanTiming {
    /// The antenna rotation period in 1/128 s (I034/041, I002/041), clamped to 16 bits.
    static func rotationPeriod128(seconds: Double) -> UInt16 { UInt16(max(0, min(65_535, (seconds * 128).rounded()))) }

    /// The sector number of an azimuth (radians from north), LSB 360/2⁸ ° (I034/020, I002/020).
    static func sectorNumber(azimuth: Double) -> UInt8 {
        var s = (azimuth / (2 * Double.pi) * 256).rounded().truncatingRemainder(dividingBy: 256)
        if s < 0 { s += 256 }
        return UInt8(s)
    }
}

/// Packs records into data blocks.
public enum ASTERIXBlocks {
    /// Consecutive records of one category into blocks of at most `maxBlockBytes` (a record longer than that gets
    /// a block of its own).
    public static func pack(_ records: [ItemSlots], maxBlockBytes: Int = 1400) -> [[UInt8]] {
        var blocks: [[UInt8]] = []
        var current: [UInt8] = []
        var scratch: [UInt8] = []
        for r in records {
            scratch.removeAll(keepingCapacity: true)
            r.encode(into: &scratch)
            if !current.isEmpty && (current[0] != r.category || current.count + scratch.count > maxBlockBytes) {
                blocks.append(finish(current))
                current = []
            }
            if current.isEmpty { current = [r.category, 0, 0] }
            current += scratch
        }
        if !current.isEmpty { blocks.append(finish(current)) }
        return blocks
    }

    static func finish(_ b: [UInt8]) -> [UInt8] {
        var b = b
        precondition(b.count <= 65_535, "data block longer than 65535 octets")
        b[1] = UInt8(b.count >> 8)
        b[2] = UInt8(b.count & 0xFF)
        return b
    }
}
