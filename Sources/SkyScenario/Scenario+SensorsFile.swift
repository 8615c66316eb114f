extension Scenario {
    /// Reads only a scenario's `sensors.json` (radars, reference point, epoch, duration); `plots` stay empty.
    ///
    /// For inputs that bring their plots another way (an ASTERIX recording of the same radars).
    /// - Throws: `ScenarioError` naming the file, line and column of the first malformed value.
    public static func loadSensorsFile(path: String) throws(ScenarioError) -> Scenario {
        var scenario = try loadSensors(path: path)
        scenario.directory = ""
        return scenario
    }
}
