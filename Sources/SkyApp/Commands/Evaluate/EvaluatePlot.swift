import Foundation
import SkyEvaluation
import SkyGeodesy
import SkyModel
import SkyScenario

/// The `--svg` picture of `skywatch evaluate`: truth against tracks on a map, and OSPA over time.
///
/// Hand-written SVG 1.1, no dependencies. The map is the scenario's local plane: the mean-sphere oblique
/// stereographic projection about `sensors.json: reference` (`MeanSphereStereographic`, the benchmark's own
/// `geo.Stereo`), north up at the reference, with a scale bar and the radar sites.
public enum EvaluationPlot {
    static let width = 1200.0
    static let mapHeight = 860.0
    static let chartHeight = 250.0
    static let margin = 40.0
    static let palette = [
        "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e", "#393b79",
        "#637939", "#8c6d31", "#7b4173", "#3182bd", "#31a354", "#756bb1", "#e6550d",
    ]

    /// Writes the SVG for an evaluation.
    /// - Parameters:
    ///   - run: the evaluation (its samples and report).
    ///   - scenarioDirectory: the scenario folder, for the reference point and the radar sites.
    ///   - path: output file.
    /// - Throws: `ScenarioError` when `sensors.json` cannot be read, or a file-system error when writing fails.
    public static func write(run: EvaluationRun, scenarioDirectory: String, to path: String) throws {
        let scenario = try Scenario.load(directory: scenarioDirectory)
        let svg = render(run: run, scenario: scenario, title: run.tracksFileName)
        try svg.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The SVG text.
    static func render(run: EvaluationRun, scenario: Scenario, title: String) -> String {
        let projection = MeanSphereStereographic(
            centreLatitudeDegrees: scenario.reference.latitudeDegrees,
            centreLongitudeDegrees: scenario.reference.longitudeDegrees
        )
        let truthXY = run.truth.map {
            projection.project(latitudeDegrees: $0.latitudeDegrees, longitudeDegrees: $0.longitudeDegrees)
        }
        let trackXY = run.tracks.map {
            projection.project(latitudeDegrees: $0.latitudeDegrees, longitudeDegrees: $0.longitudeDegrees)
        }
        let radars = scenario.radars.map {
            (
                name: $0.description.name,
                xy: projection.project(
                    latitudeDegrees: $0.description.site.latitudeDegrees,
                    longitudeDegrees: $0.description.site.longitudeDegrees
                )
            )
        }
        let frame = MapFrame(points: truthXY + trackXY + radars.map(\.xy))
        let report = run.report
        var s = SVGBuilder()
        let totalHeight = mapHeight + chartHeight + 3 * margin + 30
        s.line(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(totalHeight))\" "
                + "viewBox=\"0 0 \(Int(width)) \(Int(totalHeight))\" font-family=\"Helvetica, Arial, sans-serif\">"
        )
        s.line("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        s.text(
            x: margin,
            y: 24,
            size: 16,
            weight: "bold",
            "Skywatch evaluation — scenario \(scenario.name), tracks \(title)"
        )
        s.text(
            x: margin,
            y: 44,
            size: 12,
            String(
                format: "OSPA %.1f m · GOSPA %.1f m · completeness %.4f · position RMS %@ · false tracks %d · "
                    + "ID switches %d · breaks %d · truths carried twice %d",
                report.ospaMeanMetres,
                report.gospaMeanMetres,
                report.completeness,
                report.positionRMSMetres.map { String(format: "%.1f m", $0) } ?? "–",
                report.falseTrackCount,
                report.idSwitches,
                report.trackBreaks,
                report.truthsCarriedByTwoTracks
            )
        )
        let map = Rect(x: margin, y: 60, width: width - 2 * margin, height: mapHeight)
        drawMap(
            &s,
            run: run,
            projection: projection,
            truthXY: truthXY,
            trackXY: trackXY,
            radars: radars,
            frame: frame.fitted(to: map)
        )
        let chart = Rect(
            x: margin + 30,
            y: map.y + map.height + margin,
            width: width - 2 * margin - 30,
            height: chartHeight
        )
        drawOSPA(&s, report: report, in: chart)
        s.line("</svg>")
        return s.text
    }
}
