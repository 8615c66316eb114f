import ArgumentParser
import SkyApp
import SkyModel
import SkyTracking

/// The input options of `skywatch track` beyond the scenario: ASTERIX radar input, ADS-B fusion, CAT062 identity
/// and pacing. Kept apart from `Track.swift` (the tracker options).
struct TrackInputOptions: ParsableArguments {
    @Option(help: "ASTERIX recording (CAT048 plots + CAT034; raw blocks or pcap) instead of --scenario.")
    var asterix: String?

    @Option(
        help: ArgumentHelp(
            "Sensors of the --asterix recording: an ASTERIX sensors configuration, or a scenario's sensors.json.",
            discussion: "A scenario sensors.json maps radar_id to SAC 0 / SIC radar_id and brings the reference "
                + "point, epoch and duration."
        )
    )
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
                + "10^9 s or more are UNIX seconds."
        )
    )
    var adsbTimeOffset: Double?

    @Option(help: "SDPS SAC/SIC of CAT062/CAT065 output.")
    var sdps: String = "0/200"

    @Option(help: "Pace the input at N × real time (default: as fast as possible), e.g. for udp:// output.")
    var speed: Double?

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
