import Foundation
import SkyEvaluation

extension EvaluationPlot {
    /// The map panel: truth (grey; dashed where no radar covers it), tracks (one colour per track, red dashed
    /// when never matched), radar sites, scale bar and legend.
    static func drawMap(
        _ s: inout SVGBuilder,
        run: EvaluationRun,
        projection: MeanSphereStereographic,
        truthXY: [SIMD2<Double>],
        trackXY: [SIMD2<Double>],
        radars: [(name: String, xy: SIMD2<Double>)],
        frame: FittedFrame
    ) {
        let r = frame.rect
        s.line(
            "<rect x=\"\(f(r.x))\" y=\"\(f(r.y))\" width=\"\(f(r.width))\" height=\"\(f(r.height))\" "
                + "fill=\"#fafafa\" stroke=\"#999\"/>"
        )
        s.line(
            "<clipPath id=\"map\"><rect x=\"\(f(r.x))\" y=\"\(f(r.y))\" width=\"\(f(r.width))\" "
                + "height=\"\(f(r.height))\"/></clipPath><g clip-path=\"url(#map)\">"
        )
        // Truth: runs of consecutive seconds with the same visibility.
        let truthRuns = runs(
            count: run.truth.count,
            object: { run.truth[$0].truthID },
            time: { run.truth[$0].time },
            key: { run.truth[$0].coverageCount >= 1 ? 1 : 0 },
            continuous: { _, _ in true }
        )
        for (rows, visible) in truthRuns {
            let dash = visible == 1 ? "" : " stroke-dasharray=\"4 4\""
            s.polyline(rows.map { frame.map(truthXY[$0]) }, stroke: "#b8b8b8", width: 5, extra: dash)
        }
        // Tracks: runs of consecutive seconds (a gap shows as a gap). A step faster than 2 km/s (beyond Mach 4,
        // SkyTracking's plausibility limit) is an identifier moved to another object, drawn as a break too.
        let trackRuns = runs(
            count: run.tracks.count,
            object: { run.tracks[$0].trackID },
            time: { run.tracks[$0].time },
            key: { _ in 0 },
            continuous: { a, b in  // consecutive seconds
                let d = trackXY[b] - trackXY[a]
                return (d * d).sum() <= 2000 * 2000
            }
        )
        for (rows, _) in trackRuns {
            let id = run.tracks[rows[0]].trackID
            let isFalse = run.report.firstTruthOfTrack[id] == nil
            let colour = isFalse ? "#d62728" : palette[id % palette.count]
            s.polyline(
                rows.map { frame.map(trackXY[$0]) },
                stroke: colour,
                width: isFalse ? 2 : 1.4,
                extra: isFalse ? " stroke-dasharray=\"6 3\"" : ""
            )
        }
        // Labels: truth id at its last point, track id at its first point.
        var lastOfTruth: [Int: Int] = [:]
        for (i, t) in run.truth.enumerated() { lastOfTruth[t.truthID] = i }
        for (id, i) in lastOfTruth.sorted(by: { $0.key < $1.key }) {
            let p = frame.map(truthXY[i])
            s.text(x: p.x + 4, y: p.y - 3, size: 9, fill: "#888", "T\(run.truthNames[id])")
        }
        var firstOfTrack: [Int: Int] = [:]
        for (i, t) in run.tracks.enumerated().reversed() { firstOfTrack[t.trackID] = i }
        for (id, i) in firstOfTrack.sorted(by: { $0.key < $1.key }) {
            let p = frame.map(trackXY[i])
            let colour = run.report.firstTruthOfTrack[id] == nil ? "#d62728" : palette[id % palette.count]
            s.text(x: p.x + 3, y: p.y + 10, size: 8, fill: colour, run.trackNames[id])
        }
        // Events at the truth's position: ID switch ×, track break ○, duplicate track ◇.
        for event in run.report.events {
            let p = frame.map(
                projection.project(latitudeDegrees: event.latitudeDegrees, longitudeDegrees: event.longitudeDegrees)
            )
            switch event.kind {
            case .idSwitch:
                s.line(
                    "<path d=\"M\(f(p.x - 6)),\(f(p.y - 6)) l12,12 M\(f(p.x - 6)),\(f(p.y + 6)) l12,-12\" "
                        + "stroke=\"#000\" stroke-width=\"2.5\"/>"
                )
            case .trackBreak:
                s.line(
                    "<circle cx=\"\(f(p.x))\" cy=\"\(f(p.y))\" r=\"6\" fill=\"none\" stroke=\"#000\" "
                        + "stroke-width=\"1.5\"/>"
                )
            case .duplicate:
                s.line(
                    "<path d=\"M\(f(p.x)),\(f(p.y - 7)) l7,7 l-7,7 l-7,-7 Z\" fill=\"none\" stroke=\"#ff7f0e\" "
                        + "stroke-width=\"2\"/>"
                )
            }
        }
        for radar in radars {
            let p = frame.map(radar.xy)
            s.line(
                "<path d=\"M\(f(p.x)),\(f(p.y - 8)) L\(f(p.x + 7)),\(f(p.y + 5)) L\(f(p.x - 7)),\(f(p.y + 5)) Z\" "
                    + "fill=\"#222\"/>"
            )
            s.text(x: p.x + 9, y: p.y + 4, size: 11, weight: "bold", fill: "#222", radar.name)
        }
        s.line("</g>")
        drawScaleBar(&s, frame: frame)
        drawLegend(&s, at: SIMD2(r.x + r.width - 200, r.y + 12))
    }

    /// A scale bar of a round length near a fifth of the map width, and a north arrow.
    static func drawScaleBar(_ s: inout SVGBuilder, frame: FittedFrame) {
        let r = frame.rect
        let target = r.width / 5 / frame.scale  // metres
        let steps = [1.0, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].map { $0 * 1000 }
        let length = steps.last { $0 <= target } ?? 1000
        let px = length * frame.scale
        let x0 = r.x + 20
        let y0 = r.y + r.height - 24
        s.line(
            "<rect x=\"\(f(x0 - 6))\" y=\"\(f(y0 - 18))\" width=\"\(f(px + 12))\" height=\"30\" fill=\"white\" "
                + "fill-opacity=\"0.8\"/>"
        )
        s.line(
            "<path d=\"M\(f(x0)),\(f(y0 - 5)) V\(f(y0)) H\(f(x0 + px)) V\(f(y0 - 5))\" fill=\"none\" "
                + "stroke=\"#000\" stroke-width=\"1.5\"/>"
        )
        s.text(x: x0, y: y0 - 8, size: 11, "\(Int(length / 1000)) km")
        let nx = r.x + r.width - 24
        let ny = r.y + r.height - 50
        s.line("<path d=\"M\(f(nx)),\(f(ny)) l-6,16 l6,-4 l6,4 Z\" fill=\"#000\"/>")
        s.text(x: nx - 4, y: ny + 30, size: 11, "N")
    }

    static func drawLegend(_ s: inout SVGBuilder, at o: SIMD2<Double>) {
        s.line(
            "<rect x=\"\(f(o.x - 8))\" y=\"\(f(o.y - 4))\" width=\"196\" height=\"132\" fill=\"white\" "
                + "fill-opacity=\"0.85\" stroke=\"#ccc\"/>"
        )
        let items: [(String, String)] = [
            ("stroke=\"#b8b8b8\" stroke-width=\"5\"", "truth (covered)"),
            ("stroke=\"#b8b8b8\" stroke-width=\"5\" stroke-dasharray=\"4 4\"", "truth (not covered)"),
            ("stroke=\"#1f77b4\" stroke-width=\"1.4\"", "track (one colour each)"),
            ("stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"6 3\"", "false track (never matched)"),
        ]
        for (k, item) in items.enumerated() {
            let y = o.y + 8 + Double(k) * 17
            s.line("<line x1=\"\(f(o.x))\" y1=\"\(f(y))\" x2=\"\(f(o.x + 34))\" y2=\"\(f(y))\" \(item.0)/>")
            s.text(x: o.x + 42, y: y + 4, size: 11, item.1)
        }
        let y = o.y + 8 + 4 * 17
        let cx = o.x + 17
        s.line(
            "<path d=\"M\(f(cx - 6)),\(f(y - 6)) l12,12 M\(f(cx - 6)),\(f(y + 6)) l12,-12\" stroke=\"#000\" "
                + "stroke-width=\"2.5\"/>"
        )
        s.text(x: o.x + 42, y: y + 4, size: 11, "ID switch")
        s.line(
            "<circle cx=\"\(f(cx))\" cy=\"\(f(y + 17))\" r=\"6\" fill=\"none\" stroke=\"#000\" "
                + "stroke-width=\"1.5\"/>"
        )
        s.text(x: o.x + 42, y: y + 21, size: 11, "track break (reacquired)")
        s.line(
            "<path d=\"M\(f(cx)),\(f(y + 27)) l7,7 l-7,7 l-7,-7 Z\" fill=\"none\" stroke=\"#ff7f0e\" "
                + "stroke-width=\"2\"/>"
        )
        s.text(x: o.x + 42, y: y + 38, size: 11, "truth carried by two tracks")
    }

    /// OSPA at each epoch with its mean, on 0…c.
    static func drawOSPA(_ s: inout SVGBuilder, report: EvaluationReport, in r: Rect) {
        let c = report.configuration.cutoffMetres
        let n = Swift.max(1, report.ospaPerEpoch.count - 1)
        func x(_ t: Int) -> Double { r.x + r.width * Double(t) / Double(n) }
        func y(_ v: Double) -> Double { r.y + r.height * (1 - Swift.min(v, c) / c) }
        s.line(
            "<rect x=\"\(f(r.x))\" y=\"\(f(r.y))\" width=\"\(f(r.width))\" height=\"\(f(r.height))\" "
                + "fill=\"white\" stroke=\"#999\"/>"
        )
        for k in 0...4 {
            let v = c * Double(k) / 4
            s.line(
                "<line x1=\"\(f(r.x))\" y1=\"\(f(y(v)))\" x2=\"\(f(r.x + r.width))\" y2=\"\(f(y(v)))\" "
                    + "stroke=\"#eee\"/>"
            )
            s.text(x: r.x - 6, y: y(v) + 4, size: 10, anchor: "end", "\(Int(v))")
        }
        let tickStep = [10, 30, 60, 120, 300, 600, 1200, 3600].first { n / $0 <= 12 } ?? 7200
        for t in stride(from: 0, through: n, by: tickStep) {
            s.text(x: x(t), y: r.y + r.height + 14, size: 10, anchor: "middle", "\(t)")
        }
        s.text(
            x: r.x + r.width / 2,
            y: r.y + r.height + 30,
            size: 11,
            anchor: "middle",
            "time since scenario epoch, s"
        )
        s.text(
            x: r.x,
            y: r.y - 8,
            size: 12,
            weight: "bold",
            String(format: "OSPA per epoch, m (c = %.0f m, p = %g)", c, report.configuration.order)
        )
        s.polyline(
            report.ospaPerEpoch.enumerated().map { SIMD2(x($0.offset), y($0.element)) },
            stroke: "#1f77b4",
            width: 1.2,
            extra: ""
        )
        let mean = y(report.ospaMeanMetres)
        s.line(
            "<line x1=\"\(f(r.x))\" y1=\"\(f(mean))\" x2=\"\(f(r.x + r.width))\" y2=\"\(f(mean))\" "
                + "stroke=\"#d62728\" stroke-dasharray=\"6 4\"/>"
        )
        s.text(
            x: r.x + r.width - 4,
            y: mean - 5,
            size: 11,
            anchor: "end",
            fill: "#d62728",
            String(format: "mean %.1f m", report.ospaMeanMetres)
        )
    }

    /// Splits rows into runs of one object at consecutive seconds with the same `key` and no jump (`continuous`
    /// false between two rows); each run is returned with its key, and runs with a changed key share their boundary
    /// point so the line stays continuous.
    static func runs(
        count: Int,
        object: (Int) -> Int,
        time: (Int) -> Int,
        key: (Int) -> Int,
        continuous: (Int, Int) -> Bool
    ) -> [(rows: [Int], key: Int)] {
        let order = (0..<count).sorted { (object($0), time($0), $0) < (object($1), time($1), $1) }
        var out: [(rows: [Int], key: Int)] = []
        var current: [Int] = []
        var currentKey = 0
        for i in order {
            if let last = current.last, object(last) == object(i), time(i) - time(last) <= 1, continuous(last, i) {
                if key(i) == currentKey {
                    current.append(i)
                    continue
                }
                out.append((current + [i], currentKey))
                current = [i]
                currentKey = key(i)
                continue
            }
            if !current.isEmpty { out.append((current, currentKey)) }
            current = [i]
            currentKey = key(i)
        }
        if !current.isEmpty { out.append((current, currentKey)) }
        return out
    }
}

/// Fixed-point formatting for SVG coordinates (0.1 px).
func f(_ x: Double) -> String { String(format: "%.1f", x) }

struct Rect {
    var x, y, width, height: Double
}

/// The bounding box of the plane points.
struct MapFrame {
    var minimum = SIMD2<Double>(repeating: .infinity)
    var maximum = SIMD2<Double>(repeating: -.infinity)

    init(points: [SIMD2<Double>]) {
        for p in points where p.x.isFinite && p.y.isFinite {
            minimum = pointwiseMin(minimum, p)
            maximum = pointwiseMax(maximum, p)
        }
        if !minimum.x.isFinite {
            minimum = .zero
            maximum = SIMD2(1000, 1000)
        }
    }

    /// Same scale on both axes, centred in `rect`, 4 % padding.
    func fitted(to rect: Rect) -> FittedFrame {
        let span = SIMD2(Swift.max(maximum.x - minimum.x, 1000), Swift.max(maximum.y - minimum.y, 1000)) * 1.08
        let scale = Swift.min(rect.width / span.x, rect.height / span.y)
        let centre = (minimum + maximum) / 2
        return FittedFrame(rect: rect, scale: scale, centre: centre)
    }
}

/// Plane metres (x east, y north) to SVG pixels.
struct FittedFrame {
    var rect: Rect
    /// Pixels per metre.
    var scale: Double
    var centre: SIMD2<Double>

    func map(_ p: SIMD2<Double>) -> SIMD2<Double> {
        SIMD2(rect.x + rect.width / 2 + (p.x - centre.x) * scale, rect.y + rect.height / 2 - (p.y - centre.y) * scale)
    }
}

/// Accumulates SVG text.
struct SVGBuilder {
    var text = ""

    mutating func line(_ s: String) {
        text += s
        text += "\n"
    }

    mutating func text(
        x: Double,
        y: Double,
        size: Double,
        weight: String = "normal",
        anchor: String = "start",
        fill: String = "#000",
        _ content: String
    ) {
        line(
            "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" font-weight=\"\(weight)\" "
                + "text-anchor=\"\(anchor)\" fill=\"\(fill)\">\(escape(content))</text>"
        )
    }

    mutating func polyline(_ points: [SIMD2<Double>], stroke: String, width: Double, extra: String) {
        guard points.count > 1 else { return }
        var d = ""
        d.reserveCapacity(points.count * 14)
        for p in points {
            d += f(p.x)
            d += ","
            d += f(p.y)
            d += " "
        }
        line(
            "<polyline points=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\" "
                + "stroke-linejoin=\"round\" stroke-linecap=\"round\"\(extra)/>"
        )
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
