import Foundation
import SkyEvaluation
import SkyTestSupport
import Testing

/// The evaluator against the reference scorer on hand-made cases.
///
/// Each expected table below is the JSON line printed by `python3 ../shared/bench/evaluate.py Fixtures/tiny
/// Fixtures/tracks_<case>.csv` (generated once by `Fixtures/make_fixtures.py`, also kept in `Fixtures/expected/`).
struct ReferenceAgreementTests {
    static let cases = ["clean", "id_switch", "false_track", "break", "duplicate", "mixed"]

    /// evaluate.py's output, hard-coded (numbers as printed, i.e. already rounded by the reference).
    static let expected: [String: [String: Double?]] = [
        "clean": [
            "epochs": 61.0, "c_m": 1000.0, "p": 2.0, "ospa_mean_m": 621.6, "gospa_mean_m": 1026.3,
            "gospa_loc_rms_m": 50.0, "gospa_missed_per_epoch": 2.1, "gospa_false_per_epoch": 0.0, "n_truth": 6.0,
            "truth_seconds_visible": 335.0, "completeness": 0.6179, "pos_rms_m": 50.0, "pos_median_m": 30.0,
            "pos_p95_m": 80.1, "alt_rms_m": 10.0, "alt_coverage": 0.7923, "n_tracks": 4.0, "n_tracks_matched": 4.0,
            "n_false_tracks": 0.0, "false_track_seconds": 0.0, "unmatched_track_seconds": 0.0,
            "mean_tracks_per_epoch": 3.39, "mean_visible_truth_per_epoch": 5.49, "id_switches": 0.0,
            "id_switches_per_truth": 0.0, "track_breaks": 0.0, "track_breaks_per_truth": 0.0,
            "tracks_per_truth": 0.667, "n_truth_never_tracked": 2.0, "init_delay_median_s": 1.5,
            "init_delay_p90_s": 3.0, "rows_off_epoch": 0.0,
        ],
        "id_switch": [
            "epochs": 61.0, "c_m": 1000.0, "p": 2.0, "ospa_mean_m": 621.6, "gospa_mean_m": 1026.5,
            "gospa_loc_rms_m": 51.0, "gospa_missed_per_epoch": 2.1, "gospa_false_per_epoch": 0.0, "n_truth": 6.0,
            "truth_seconds_visible": 335.0, "completeness": 0.6179, "pos_rms_m": 51.0, "pos_median_m": 40.0,
            "pos_p95_m": 80.1, "alt_rms_m": 10.0, "alt_coverage": 0.7923, "n_tracks": 5.0, "n_tracks_matched": 5.0,
            "n_false_tracks": 0.0, "false_track_seconds": 0.0, "unmatched_track_seconds": 0.0,
            "mean_tracks_per_epoch": 3.39, "mean_visible_truth_per_epoch": 5.49, "id_switches": 1.0,
            "id_switches_per_truth": 0.167, "track_breaks": 0.0, "track_breaks_per_truth": 0.0,
            "tracks_per_truth": 0.833, "n_truth_never_tracked": 2.0, "init_delay_median_s": 1.5,
            "init_delay_p90_s": 3.0, "rows_off_epoch": 0.0,
        ],
        "false_track": [
            "epochs": 61.0, "c_m": 1000.0, "p": 2.0, "ospa_mean_m": 621.6, "gospa_mean_m": 1100.0,
            "gospa_loc_rms_m": 50.0, "gospa_missed_per_epoch": 2.1, "gospa_false_per_epoch": 0.34, "n_truth": 6.0,
            "truth_seconds_visible": 335.0, "completeness": 0.6179, "pos_rms_m": 50.0, "pos_median_m": 30.0,
            "pos_p95_m": 80.1, "alt_rms_m": 10.0, "alt_coverage": 0.7923, "n_tracks": 5.0, "n_tracks_matched": 4.0,
            "n_false_tracks": 1.0, "false_track_seconds": 21.0, "unmatched_track_seconds": 21.0,
            "mean_tracks_per_epoch": 3.74, "mean_visible_truth_per_epoch": 5.49, "id_switches": 0.0,
            "id_switches_per_truth": 0.0, "track_breaks": 0.0, "track_breaks_per_truth": 0.0,
            "tracks_per_truth": 0.667, "n_truth_never_tracked": 2.0, "init_delay_median_s": 1.5,
            "init_delay_p90_s": 3.0, "rows_off_epoch": 0.0,
        ],
        "break": [
            "epochs": 61.0, "c_m": 1000.0, "p": 2.0, "ospa_mean_m": 652.1, "gospa_mean_m": 1077.1,
            "gospa_loc_rms_m": 47.3, "gospa_missed_per_epoch": 2.33, "gospa_false_per_epoch": 0.0, "n_truth": 6.0,
            "truth_seconds_visible": 335.0, "completeness": 0.5761, "pos_rms_m": 47.3, "pos_median_m": 50.0,
            "pos_p95_m": 80.1, "alt_rms_m": 10.0, "alt_coverage": 0.7772, "n_tracks": 5.0, "n_tracks_matched": 5.0,
            "n_false_tracks": 0.0, "false_track_seconds": 0.0, "unmatched_track_seconds": 0.0,
            "mean_tracks_per_epoch": 3.16, "mean_visible_truth_per_epoch": 5.49, "id_switches": 1.0,
            "id_switches_per_truth": 0.167, "track_breaks": 2.0, "track_breaks_per_truth": 0.333,
            "tracks_per_truth": 0.833, "n_truth_never_tracked": 2.0, "init_delay_median_s": 1.5,
            "init_delay_p90_s": 3.0, "rows_off_epoch": 0.0,
        ],
        "duplicate": [
            "epochs": 61.0, "c_m": 1000.0, "p": 2.0, "ospa_mean_m": 621.6, "gospa_mean_m": 1083.3,
            "gospa_loc_rms_m": 50.0, "gospa_missed_per_epoch": 2.1, "gospa_false_per_epoch": 0.26, "n_truth": 6.0,
            "truth_seconds_visible": 335.0, "completeness": 0.6179, "pos_rms_m": 50.0, "pos_median_m": 30.0,
            "pos_p95_m": 80.1, "alt_rms_m": 10.0, "alt_coverage": 0.7923, "n_tracks": 5.0, "n_tracks_matched": 4.0,
            "n_false_tracks": 1.0, "false_track_seconds": 16.0, "unmatched_track_seconds": 16.0,
            "mean_tracks_per_epoch": 3.66, "mean_visible_truth_per_epoch": 5.49, "id_switches": 0.0,
            "id_switches_per_truth": 0.0, "track_breaks": 0.0, "track_breaks_per_truth": 0.0,
            "tracks_per_truth": 0.667, "n_truth_never_tracked": 2.0, "init_delay_median_s": 1.5,
            "init_delay_p90_s": 3.0, "rows_off_epoch": 0.0,
        ],
        "mixed": [
            "epochs": 61.0, "c_m": 1000.0, "p": 2.0, "ospa_mean_m": 262.3, "gospa_mean_m": 499.1,
            "gospa_loc_rms_m": 42.2, "gospa_missed_per_epoch": 0.18, "gospa_false_per_epoch": 0.52, "n_truth": 6.0,
            "truth_seconds_visible": 335.0, "completeness": 0.9672, "pos_rms_m": 157.3, "pos_median_m": 30.0,
            "pos_p95_m": 350.0, "alt_rms_m": 11.7, "alt_coverage": 0.8673, "n_tracks": 9.0, "n_tracks_matched": 7.0,
            "n_false_tracks": 2.0, "false_track_seconds": 32.0, "unmatched_track_seconds": 32.0,
            "mean_tracks_per_epoch": 5.84, "mean_visible_truth_per_epoch": 5.49, "id_switches": 3.0,
            "id_switches_per_truth": 0.5, "track_breaks": 1.0, "track_breaks_per_truth": 0.167,
            "tracks_per_truth": 1.5, "n_truth_never_tracked": 0.0, "init_delay_median_s": 0.0,
            "init_delay_p90_s": 3.0, "rows_off_epoch": 2.0,
        ],
    ]

    @Test("every key agrees with evaluate.py", arguments: cases)
    func agreesWithReference(name: String) throws {
        let report = try FixtureLoader.evaluate(case: name)
        let expected = try #require(Self.expected[name])
        let fields = report.referenceFields
        // Same keys, same order as the reference's JSON.
        #expect(fields.map(\.key).sorted() == expected.keys.sorted())
        for field in fields {
            let want = try #require(expected[field.key])
            guard let want else {
                #expect(field.number == nil, "\(name).\(field.key): reference prints null")
                continue
            }
            let got = try #require(field.number, "\(name).\(field.key): null, reference \(want)")
            // Tolerance: the reference prints round(x, n); half a unit of its last printed decimal, plus 1e-9
            // relative for the order of floating-point sums. Integers and unrounded values must match exactly
            // (to 1e-9 relative).
            var tolerance = 1e-9 * Swift.max(1, abs(want))
            if case .real(_, let decimals?) = field.value { tolerance += 0.5 * pow(10, -Double(decimals)) }
            #expect(abs(got - want) <= tolerance, "\(name).\(field.key): \(got) vs evaluate.py \(want)")
        }
    }

    @Test("ID switch: a truth handed from track A to A2 counts one switch and no break")
    func idSwitch() throws {
        let r = try FixtureLoader.evaluate(case: "id_switch")
        #expect(r.idSwitches == 1)
        #expect(r.trackBreaks == 0)
        #expect(r.falseTrackCount == 0)
    }

    @Test("events: where and when each switch, break and duplicate happened")
    func events() throws {
        let input = try FixtureLoader.input(case: "mixed")
        let r = TrackEvaluator().evaluate(truth: input.truth, tracks: input.tracks, rowsOffEpoch: input.rowsOffEpoch)
        func describe(_ e: EvaluationEvent) -> String {
            let previous = e.previousTrackID.map { input.trackNames[$0] } ?? "-"
            let track = input.trackNames[e.trackID]
            return "\(e.kind) t=\(e.time) truth \(input.truthNames[e.truthID]) \(previous)→\(track)"
        }
        // A/B exchange at t = 35 on truths 1 and 2; truth 3 loses C at 40 and gets C2 at 45 (a break and a switch);
        // Ddup sits 250 m off truth 4 (carried by D) from t = 20.
        #expect(
            r.events.map(describe) == [
                "duplicate t=20 truth 4 D→Ddup",
                "idSwitch t=35 truth 1 A→B",
                "idSwitch t=35 truth 2 B→A",
                "idSwitch t=45 truth 3 C→C2",
                "trackBreak t=45 truth 3 -→C2",
            ]
        )
        #expect(r.events.filter { $0.kind == .idSwitch }.count == r.idSwitches)
        #expect(r.events.filter { $0.kind == .trackBreak }.count == r.trackBreaks)
    }

    @Test("false track: a track 30 km from everything for 21 s is one false track of 21 s")
    func falseTrack() throws {
        let r = try FixtureLoader.evaluate(case: "false_track")
        #expect(r.falseTrackCount == 1)
        #expect(r.falseTrackSeconds == 21)
        #expect(r.unmatchedTrackSeconds == 21)
        #expect(r.duplicateTrackSeconds == 0)
    }

    @Test("track breaks: a gap on the same ID is a break; a gap then a new ID is a break and a switch")
    func trackBreak() throws {
        let r = try FixtureLoader.evaluate(case: "break")
        #expect(r.trackBreaks == 2)
        #expect(r.idSwitches == 1)
    }

    @Test("duplicate: a second track 300 m off a carried truth for 16 s is counted as carried by two tracks")
    func duplicate() throws {
        let r = try FixtureLoader.evaluate(case: "duplicate")
        #expect(r.duplicateTrackSeconds == 16)
        #expect(r.truthSecondsCarriedByTwoTracks == 16)
        #expect(r.truthsCarriedByTwoTracks == 1)
        // The reference sees it only as a false track.
        #expect(r.falseTrackCount == 1)
        let clean = try FixtureLoader.evaluate(case: "clean")
        #expect(clean.truthsCarriedByTwoTracks == 0 && clean.duplicateTrackSeconds == 0)
    }

    @Test("mixed: tracks converging inside the gate are kept by CLEAR-MOT, not swapped")
    func mixed() throws {
        let r = try FixtureLoader.evaluate(case: "mixed")
        // A/B exchange positions at t = 35 (2 switches) and C → C2 (1); P/Q drift 350 m onto each other's truth
        // but stay within c, so the kept association adds no switch while OSPA pairs them the other way.
        #expect(r.idSwitches == 3)
        #expect(r.rowsOffEpoch == 2)
        #expect(r.duplicateTrackSeconds == 11)
        #expect(r.truthsCarriedByTwoTracks == 1)
        #expect((r.positionP95Metres ?? 0).isClose(to: 350, absoluteTolerance: 0.5))
    }
}
