public import SkyModel

extension ASTERIXTime {
    /// The UNIX time of a CAT001 truncated time of day (I001/141: the 16 least significant bits of the time of
    /// day in 1/128 s, which wraps every 512 s), choosing the wrap that puts it nearest to `reference`.
    ///
    /// Valid while |true time − reference| < 256 s; a north marker's full time (I002/030) or the datagram's
    /// capture time is a good reference.
    /// - Parameters:
    ///   - truncatedTimeOfDay128: I001/141, 1/128 s modulo 2¹⁶.
    ///   - reference: a UNIX time near the true time, seconds.
    /// - Returns: UNIX seconds.
    public static func unixSeconds(truncatedTimeOfDay128 t: UInt16, nearReference reference: Double) -> Double {
        // The truncated value is the low 16 bits of the 1/128 s count since UTC midnight, which resets every day
        // (a day is 168.75 × 2¹⁶ counts, so the wrap is not continuous across midnight): try the reference's
        // day and its neighbours, and in each the wrap nearest the reference.
        let ticksPerDay = secondsPerDay * 128
        let refTOD = timeOfDaySeconds(unixSeconds: reference)
        let midnight = reference - refTOD
        var best = reference
        var bestDistance = Double.infinity
        for day in -1...1 {
            let target = (refTOD - Double(day) * secondsPerDay) * 128
            let k = ((target - Double(t)) / 65_536).rounded()
            for kk in [k - 1, k, k + 1] {
                let tod = kk * 65_536 + Double(t)
                guard tod >= 0, tod < ticksPerDay else { continue }
                let candidate = midnight + Double(day) * secondsPerDay + tod / 128
                if abs(candidate - reference) < bestDistance {
                    best = candidate
                    bestDistance = abs(candidate - reference)
                }
            }
        }
        return best
    }
}

/// Builds CAT001 1.4 plot reports from radar plots (legacy radars; the simulator can write a scenario as
/// CAT001 + CAT002 instead of CAT048 + CAT034).
public enum CAT001Encoder {
    /// A plot report for `plot`: I001/010 from `plot.sensor`; I001/020 SSR/PSR from `plot.kind` (Mode S plots
    /// become SSR plots: CAT001 has no Mode S); I001/040 rounded to the LSB (1/128 NM, 360/2¹⁶ °); I001/070 and
    /// I001/090 (V set when the Mode C is not validated; ¼ FL LSB) when the plot has them; I001/141 the truncated
    /// time of day (16 low bits of the 1/128 s count). The Mode S address has no CAT001 item and is dropped.
    public static func report(for plot: RadarPlot) -> CAT001Report {
        var r = CAT001Report()
        r.dataSource = plot.sensor
        let detection: UInt8 =
            switch plot.kind {
            case .primary: 1
            case .secondary, .modeS: 2
            case .combined: 3
            }
        r.descriptor = CAT001Descriptor(detection: detection)
        r.polar = CAT001Polar(rangeMetres: plot.slantRangeMetres, azimuth: plot.azimuth)
        if let code = plot.modeA { r.mode3A = Mode3AReply(code: code) }
        if let feet = plot.modeCFeet {
            r.modeC = FlightLevelReply(quarterFlightLevels: Int((feet / 25).rounded()), notValidated: !plot.modeCValid)
        }
        r.truncatedTimeOfDay128 = UInt16(truncatingIfNeeded: ASTERIXTime.timeOfDay128(unixSeconds: plot.time))
        return r
    }

    /// A plot report for `plot` as reported by `sensor` at `time` (UNIX seconds), overriding the plot's own.
    public static func report(for plot: RadarPlot, sensor: SensorID, time: Double) -> CAT001Report {
        var p = plot
        p.sensor = sensor
        p.time = time
        return report(for: p)
    }

    /// Data blocks (each ≤ `maxBlockBytes`) holding the reports of `plots`.
    public static func blocks(for plots: [RadarPlot], maxBlockBytes: Int = 1400) -> [[UInt8]] {
        ASTERIXBlocks.pack(plots.map { report(for: $0).slots }, maxBlockBytes: maxBlockBytes)
    }
}

/// Builds CAT002 1.2 service messages: north markers and sector crossings (scan timing of legacy radars).
public enum CAT002Encoder {
    /// A north marker (I002/000 = 1) at `time` (UNIX s; I002/030, 1/128 s), with the antenna rotation period
    /// (I002/041, 1/128 s) if known.
    public static func northMarker(
        sensor: SensorID,
        time: Double,
        rotationPeriodSeconds: Double? = nil
    )
        -> CAT002Message
    {
        var m = CAT002Message()
        m.dataSource = sensor
        m.messageTypeCode = CAT002Message.MessageType.northMarker.rawValue
        m.timeOfDay128 = ASTERIXTime.timeOfDay128(unixSeconds: time)
        if let p = rotationPeriodSeconds { m.rotationPeriod128 = ScanTiming.rotationPeriod128(seconds: p) }
        return m
    }

    /// A sector crossing (I002/000 = 2) at `time` for the sector starting at `azimuth` (radians from north;
    /// I002/020 LSB 360/2⁸ °).
    public static func sectorCrossing(sensor: SensorID, time: Double, azimuth: Double) -> CAT002Message {
        var m = CAT002Message()
        m.dataSource = sensor
        m.messageTypeCode = CAT002Message.MessageType.sectorCrossing.rawValue
        m.timeOfDay128 = ASTERIXTime.timeOfDay128(unixSeconds: time)
        m.sectorNumber = ScanTiming.sectorNumber(azimuth: azimuth)
        return m
    }
}
