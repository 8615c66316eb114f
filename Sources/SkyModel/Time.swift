/// Time conversions. Inside Skywatch time is `Double` seconds since the UNIX epoch (UTC, leap seconds not counted,
/// as POSIX); ASTERIX carries time of day since UTC midnight in units of 1/128 s (e.g. I048/140, I062/070).
public enum ASTERIXTime {
    /// Seconds in a UTC day (POSIX).
    public static let secondsPerDay = 86_400.0

    /// Time of day, seconds since the preceding UTC midnight, in [0, 86400).
    @inlinable
    public static func timeOfDaySeconds(unixSeconds: Double) -> Double {
        var t = unixSeconds.truncatingRemainder(dividingBy: secondsPerDay)
        if t < 0 { t += secondsPerDay }
        return t
    }

    /// Time of day encoded as ASTERIX 1/128 s units (24-bit field), rounded to the nearest LSB, wrapped at midnight.
    @inlinable
    public static func timeOfDay128(unixSeconds: Double) -> UInt32 {
        let units = (timeOfDaySeconds(unixSeconds: unixSeconds) * 128).rounded()
        return UInt32(units) % (86_400 * 128)
    }

    /// The UNIX time of an ASTERIX time of day, choosing the day that puts it nearest to `reference`.
    ///
    /// Resolves the midnight roll-over: a time of day of 86399 s received at 00:00:05 belongs to the previous
    /// day; one of 2 s received at 23:59:58 to the next. Valid while |true time − reference| < 12 h.
    /// - Parameters:
    ///   - timeOfDaySeconds: seconds since UTC midnight (may be the decoded 1/128 s value).
    ///   - reference: a UNIX time near the true time (receive time, or the previous record's time).
    @inlinable
    public static func unixSeconds(timeOfDaySeconds: Double, nearReference reference: Double) -> Double {
        let referenceTOD = self.timeOfDaySeconds(unixSeconds: reference)
        let midnight = reference - referenceTOD
        var t = midnight + timeOfDaySeconds
        let d = t - reference
        if d > secondsPerDay / 2 {
            t -= secondsPerDay
        } else if d < -secondsPerDay / 2 {
            t += secondsPerDay
        }
        return t
    }

    /// The UNIX time of an ASTERIX 1/128 s time of day nearest to `reference`.
    @inlinable
    public static func unixSeconds(timeOfDay128: UInt32, nearReference reference: Double) -> Double {
        unixSeconds(timeOfDaySeconds: Double(timeOfDay128) / 128, nearReference: reference)
    }
}
