import ArgumentParser
import SkyApp
import SkyModel
import SkyTracking

/// The input/output options of `skywatch track` beyond the scenario: ASTERIX radar input, ADS-B fusion,
/// CAT062 output. Kept apart from `Track.swift` (the tracker options).
struct TrackInputOptions: ParsableArguments {
    @Option(help: "ASTERIX recording (CAT048 plots + CAT034; raw blocks or pcap) instead of --scenario.")
    var asterix: String?

    @Option(
        help: ArgumentHelp(
            "Sensors of the --asterix recording: an ASTERIX sensors configuration, or a scenario's sensors.json.",
            discussion: "A scenario sensors.json maps radar_id to SAC 0 / SIC radar_id and brings the reference "
                + "point, epoch and duration."))
    var sensors: String?

    @Option(help: "Mode S recording whose ADS-B positions are fused with the radar plots.")
    var adsb: String?

    @Option(help: "Format of --adsb: beast, avr or jsonl (default: from the file name).")
    var adsbFormat: String?

    @Option(
        help: ArgumentHelp(
            "UNIX time of receiver time stamp zero, for free-running receiver counters.",
            discussion: "Without it, Beast/AVR 12 MHz stamps and JSON timestamps are seconds since UTC midnight of "
                + "the radar data's day (as `skywatch simulate` writes adsb.beast; GPS receivers), and stamps of "
                + "10^9 s or more are UNIX seconds."))
    var adsbTimeOffset: Double?

    @Option(help: "SDPS SAC/SIC of CAT062/CAT065 output.")
    var sdps: String = "0/200"

    @Option(help: "Pace udp:// output at N × real time (default: as fast as possible).")
    var speed: Double?

    /// Whether any option needs the fusion pipeline.
    var isUsed: Bool { asterix != nil || adsb != nil }

    func validate() throws {
        if asterix != nil && sensors == nil { throw ValidationError("--asterix needs --sensors CONFIG") }
        if asterix == nil && sensors != nil { throw ValidationError("--sensors goes with --asterix") }
        if let f = adsbFormat, ModeSInputFormat(rawValue: f) == nil {
            throw ValidationError("--adsb-format must be beast, avr or jsonl, not '\(f)'")
        }
        if let a = adsb, adsbFormat == nil, ModeSInputFormat.guess(path: a) == nil {
            throw ValidationError("cannot tell the format of '\(a)' from its name: give --adsb-format")
        }
        if sdpsID == nil { throw ValidationError("--sdps must be SAC/SIC (0…255 each), not '\(sdps)'") }
        if let s = speed, !(s > 0) { throw ValidationError("--speed must be positive") }
    }

    var sdpsID: SensorIDText? {
        let p = sdps.split(separator: "/").compactMap { UInt8($0) }
        return p.count == 2 ? SensorIDText(sac: p[0], sic: p[1]) : nil
    }

    var adsbInputFormat: ModeSInputFormat? {
        adsbFormat.flatMap(ModeSInputFormat.init(rawValue:)) ?? adsb.flatMap(ModeSInputFormat.guess(path:))
    }
}

/// SAC/SIC parsed from the command line.
struct SensorIDText {
    var sac: UInt8
    var sic: UInt8
}

extension Track {
    /// Checks the input/output combination.
    func validateInputs() throws {
        guard (scenario == nil) != (io.asterix == nil) else {
            throw ValidationError("give exactly one radar input: --scenario DIR or --asterix FILE --sensors CONFIG")
        }
        guard TrackOutputTarget(parsing: out) != nil else {
            throw ValidationError("--out must end in .csv or .ast, or be udp://GROUP:PORT, not '\(out)'")
        }
    }

    /// Runs the fusion pipeline: any radar input, optional ADS-B, any output.
    func runFusion() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        var options = FusionPipeline.Options()
        options.associator = AssociatorKind(rawValue: associator) ?? .gnn
        options.filter = FilterKind(rawValue: filter) ?? .imm
        if let id = io.sdpsID { options.sdps = SensorID(sac: id.sac, sic: id.sic) }
        options.speed = io.speed
        do {
            if let config {
                options.configuration = try TrackPipeline.loadConfiguration(path: config)
                options.adsbConfiguration = try FusionPipeline.loadADSBConfiguration(path: config)
            }
            var input: TrackInput
            if let path = io.asterix, let sensors = io.sensors {
                input = try TrackInput.asterix(path: path, sensors: sensors)
            } else {
                input = try TrackInput.scenario(directory: scenario ?? "builtin")
            }
            if let path = io.adsb, let format = io.adsbInputFormat {
                try input.addADSB(
                    path: path, format: format, timeBase: io.adsbTimeOffset.map { .offset($0) } ?? .utcMidnight)
            }
            let loaded = clock.now - start
            let summary = try await FusionPipeline.run(
                input: input, output: TrackOutputTarget(parsing: out), options: options,
                loadSeconds: Double(loaded.components.seconds) + Double(loaded.components.attoseconds) * 1e-18)
            for line in summary.lines { print(line) }
            print("wrote \(out)")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
