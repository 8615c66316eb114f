import SkyGeodesy
import SkyMath
public import SkyModel

/// A kinematic class of a track, for area applicability and the display.
public enum TrackClass: String, Sendable, Hashable, CaseIterable, Decodable {
    /// Small unmanned aircraft: slow, low, no transponder.
    case drone
    /// Helicopter: transponder, very slow or hovering, low.
    case helicopter
    /// Light fixed-wing aircraft: below 175 kt and below 15,000 ft.
    case fixedWingLight = "fixed_wing_light"
    /// Transport aircraft: faster or higher.
    case airliner
    /// Fast: above 600 kt, or above 290 kt below 10,000 ft (where the 250 kt limit applies to civil traffic).
    case fast
    /// Not enough evidence (too young, or a primary-only target at light-aircraft speed).
    case unknown
}

/// Classifies a track from its kinematics and its surveillance sources.
///
/// Rules, in order (speeds ground speeds; altitude = Mode C, else geometric height, else unknown):
/// 1. no transponder and fewer than `minimumUpdates` (3) updates → `unknown` (a transponder reply already rules
///    out the drone class, so young transponder tracks are classified from their first speed estimate);
/// 2. speed > 310 m/s (≈ 600 kt), or > 150 m/s (≈ 290 kt) below 10,000 ft → `fast`;
/// 3. no transponder (no Mode 3/A code, no address, no ADS-B) and speed < 35 m/s (≈ 68 kt) → `drone`;
///    without a transponder and faster → `unknown` (a light aircraft without transponder, or a fast drone);
/// 4. with a transponder: speed < 30 m/s (≈ 58 kt), or a turn rate above 6°/s below 90 m/s → `helicopter`
///    (fixed wings stall above ≈ 30 m/s and rate-one turns are 3°/s);
/// 5. speed < 90 m/s (≈ 175 kt) and altitude below 15,000 ft (or unknown) → `fixedWingLight`;
/// 6. otherwise → `airliner`.
///
/// - Parameters:
///   - track: the track.
///   - minimumUpdates: updates below which the class is `unknown`.
/// - Returns: the class.
public func classifyTrack(_ track: SystemTrack, minimumUpdates: Int = 3) -> TrackClass {
    let transponder =
        track.modeA != nil || track.address != nil || track.sources.contains(.adsb)
        || track.sources.contains(.ssr) || track.sources.contains(.modeS)
    if !transponder && track.updateCount < minimumUpdates { return .unknown }
    let speed = track.groundSpeedMetresPerSecond
    let altitudeFeet = track.altitudeFeetForAlerts
    if speed > 310 || (speed > 150 && (altitudeFeet ?? 0) < 10_000) { return .fast }
    if !transponder { return speed < 35 ? .drone : .unknown }
    if speed < 30 || (abs(track.turnRate) > 6 * Double.pi / 180 && speed < 90) { return .helicopter }
    if speed < 90 && (altitudeFeet ?? 0) < 15_000 { return .fixedWingLight }
    return .airliner
}
