public import SkyModel

/// The rows of the benchmark's `tracks.csv` (SCHEMA.md) from a recording.
///
/// SkyStorage does not write the CSV itself: SkyScenario's `TracksCSV.Writer` is the one writer of that format
/// (SkyScenario and SkyStorage are both L4, so neither imports the other). The caller feeds each row to it:
///
/// ```swift
/// var writer = try TracksCSV.Writer(path: out)
/// try recording.forEachTracksCSVRow(epochUnixSeconds: epoch) { time, t in
///     try writer.write(
///         time: time, trackID: t.number, latitudeDegrees: t.position.latitudeDegrees,
///         longitudeDegrees: t.position.longitudeDegrees, altitudeMetres: t.hasHeight ? t.position.heightMetres : nil,
///         vx: t.velocity.east, vy: t.velocity.north, modeA: t.modeA, icao24: t.address)
/// }
/// try writer.close()
/// ```
extension Recording {
    /// Calls `body` with one row per displayed track per whole second: the tracks of the first recorded cycle
    /// in each whole second of data time (the live pipeline reports at whole seconds, so a recording of it gives
    /// back the same rows), with the time in whole seconds since `epochUnixSeconds` (the scenario epoch, rounded
    /// down), in time then track-number order.
    /// - Parameters:
    ///   - from: Start of the data time range, UNIX seconds.
    ///   - to: End of the data time range, UNIX seconds.
    ///   - epochUnixSeconds: The scenario epoch, UNIX seconds.
    ///   - body: Receives the row time (seconds since the epoch) and the track.
    /// - Returns: the number of rows.
    /// - Throws: `DatabaseError`, or what `body` throws.
    @discardableResult
    public func forEachTracksCSVRow(
        from: Double = -.infinity,
        to: Double = .infinity,
        epochUnixSeconds: Double,
        _ body: (_ time: Int, _ track: SystemTrack) throws -> Void
    ) throws -> Int {
        let epoch = Int(epochUnixSeconds.rounded(.down))
        var lastSecond = Int.min
        var rows = 0
        try forEachCycle(from: from, to: to) { picture in
            let second = Int(picture.time.rounded(.down))
            guard second != lastSecond else { return }
            lastSecond = second
            for track in picture.tracks {
                try body(second - epoch, track)
                rows += 1
            }
        }
        return rows
    }
}
