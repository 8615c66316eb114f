import RealModule
import SkyAlerts
import SkyGeodesy
import SkyMath
import SkyModel

/// Hand-made tracks on a local plane near Paris (49° N, 2.5° E): aircraft flown by exact kinematics, published
/// as `SystemTrack`s every `periodSeconds`, as a tracker would.
struct Aircraft {
    var number: UInt32
    /// Start position, metres east/north of the origin; altitude feet.
    var x: Double, y: Double, altitudeFeet: Double
    /// Ground speed m/s and heading degrees clockwise from north.
    var speed: Double, headingDegrees: Double
    /// Vertical rate ft/min; turn rate degrees per second (positive = right).
    var verticalRateFeetPerMinute = 0.0
    /// Added to the published vertical rate only (Mode C noise), ft/min.
    var reportedRateBiasFeetPerMinute = 0.0
    var turnDegreesPerSecond = 0.0
    /// The turn stops after this long, seconds (then straight).
    var turnSeconds = Double.infinity
    /// Turn rate published after the turn, radians per second: 0 (the engine estimates one from the headings,
    /// as for a tracker without a turn-rate state) or a tiny non-zero value (a tracker that publishes its own).
    var publishedTurnRateAfterTurn = 0.0
    var modeA: Mode3ACode? = Mode3ACode(0o1000)
    var hasModeC = true
    var sources: TrackSources = [.ssr, .modeS]

    /// State after `t` seconds: (x, y, altitude ft, ve, vn, heading rad).
    func state(at t: Double) -> (x: Double, y: Double, altitudeFeet: Double, ve: Double, vn: Double) {
        let h0 = headingDegrees * Double.pi / 180
        let w = turnDegreesPerSecond * Double.pi / 180
        let tt = min(t, turnSeconds)
        var px = x
        var py = y
        if w == 0 {
            px += speed * Double.sin(h0) * tt
            py += speed * Double.cos(h0) * tt
        } else {
            // Heading h(t) = h0 + w t; x' = v sin h, y' = v cos h.
            px += speed / w * (Double.cos(h0) - Double.cos(h0 + w * tt))
            py += speed / w * (Double.sin(h0 + w * tt) - Double.sin(h0))
        }
        let h = h0 + w * tt
        px += speed * Double.sin(h) * (t - tt)
        py += speed * Double.cos(h) * (t - tt)
        return (px, py, altitudeFeet + verticalRateFeetPerMinute * t / 60, speed * Double.sin(h), speed * Double.cos(h))
    }

    /// The system track at `t` seconds after `epoch`.
    func track(at t: Double, epoch: Double = Encounter.epoch) -> SystemTrack {
        let s = state(at: t)
        let position = Encounter.plane.geodetic(of: ENUVector(east: s.x, north: s.y, up: s.altitudeFeet * 0.3048))
        var covariance = Matrix<4, 4>.identity
        covariance[0, 0] = 2_500
        covariance[1, 1] = 2_500
        return SystemTrack(
            number: number,
            time: epoch + t,
            position: position,
            hasHeight: hasModeC,
            velocity: ENUVector(
                east: s.ve,
                north: s.vn,
                up: (verticalRateFeetPerMinute + reportedRateBiasFeetPerMinute) * 0.3048 / 60
            ),
            covariance: covariance,
            status: .confirmed,
            modeA: modeA,
            barometricAltitudeFeet: hasModeC ? s.altitudeFeet : nil,
            updateCount: 20,
            turnRate: t < turnSeconds ? turnDegreesPerSecond * Double.pi / 180 : publishedTurnRateAfterTurn,
            createdTime: epoch - 60,
            sources: sources
        )
    }
}

enum Encounter {
    static let epoch = 1_700_000_000.0
    static let plane = LocalTangentPlane(origin: GeodeticPosition(latitudeDegrees: 49, longitudeDegrees: 2.5))

    /// Result of flying an encounter through an engine.
    struct Run {
        var events: [AlertEvent]
        /// First STCA start, seconds from the start of the run.
        var firstAlertSeconds: Double?
        /// First time the true separation is lost (< 3 NM and < 1,000 ft), seconds.
        var lossSeconds: Double?
    }

    /// Flies `aircraft` for `duration` seconds, one picture every `periodSeconds`.
    static func fly(
        _ aircraft: [Aircraft],
        duration: Double,
        periodSeconds: Double = 4,
        engine: AlertEngine = AlertEngine(),
        horizontalNM: Double = 3,
        verticalFeet: Double = 1_000
    ) -> Run {
        var engine = engine
        var run = Run(events: [], firstAlertSeconds: nil, lossSeconds: nil)
        var t = 0.0
        var cycle = 0
        while t <= duration {
            let picture = TrackPicture(cycle: cycle, time: epoch + t, tracks: aircraft.map { $0.track(at: t) })
            let events = engine.process(picture)
            run.events += events
            if run.firstAlertSeconds == nil, events.contains(where: { $0.kind == .stca && $0.phase == .start }) {
                run.firstAlertSeconds = t
            }
            cycle += 1
            t += periodSeconds
        }
        // True loss of separation, at 1 s resolution.
        var s = 0.0
        outer: while s <= duration {
            for i in aircraft.indices {
                for j in aircraft.indices where j > i {
                    let a = aircraft[i].state(at: s)
                    let b = aircraft[j].state(at: s)
                    let d = ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
                    if d < horizontalNM * 1852 && abs(a.altitudeFeet - b.altitudeFeet) < verticalFeet {
                        run.lossSeconds = s
                        break outer
                    }
                }
            }
            s += 1
        }
        return run
    }
}
