import Foundation
import GRDB
import SkyModel

/// `track_event` rows: the life-cycle transition as text (`confirmed`, `coasting`, `resumed`, `ended`,
/// `merged`) plus the surviving track of a merge.
enum TrackEventRecord {
    static func encode(_ event: TrackLifecycleEvent) -> (kind: String, into: Int64?) {
        switch event {
        case .confirmed: ("confirmed", nil)
        case .coasting: ("coasting", nil)
        case .resumed: ("resumed", nil)
        case .ended: ("ended", nil)
        case .merged(_, let into, _): ("merged", Int64(into))
        }
    }

    static func decode(kind: String, track: UInt32, into: Int64?, time: Double) -> TrackLifecycleEvent? {
        switch kind {
        case "confirmed": .confirmed(track: track, time: time)
        case "coasting": .coasting(track: track, time: time)
        case "resumed": .resumed(track: track, time: time)
        case "ended": .ended(track: track, time: time)
        case "merged": into.map { .merged(track: track, into: UInt32(truncatingIfNeeded: $0), time: time) }
        default: nil
        }
    }
}

/// `alert_event` rows; the involved tracks as space-separated numbers.
enum AlertEventRecord {
    static func arguments(_ alert: AlertEvent, cycleID: Int64, seq: Int) -> StatementArguments {
        [
            cycleID, seq, alert.alertID, alert.phase.rawValue, alert.kind.rawValue, alert.time,
            alert.tracks.map(String.init).joined(separator: " "), alert.area, alert.code,
            alert.closestApproach?.time, alert.closestApproach?.horizontalMetres,
            alert.closestApproach?.verticalMetres, alert.message,
        ]
    }

    /// Decodes a row selected as `alert_id, phase, kind, time, tracks, area, code, cpa_time, cpa_horizontal_m,
    /// cpa_vertical_m, message`; `nil` for a phase or kind this version does not know.
    static func decode(_ row: Row) -> AlertEvent? {
        guard let phase = AlertPhase(rawValue: row[1]), let kind = AlertKind(rawValue: row[2]) else { return nil }
        let tracks = (row[4] as String).split(separator: " ").compactMap { UInt32($0) }
        var cpa: ClosestApproach?
        if let t: Double = row[7], let h: Double = row[8], let v: Double = row[9] {
            cpa = ClosestApproach(time: t, horizontalMetres: h, verticalMetres: v)
        }
        return AlertEvent(
            alertID: row[0],
            phase: phase,
            kind: kind,
            time: row[3],
            tracks: tracks,
            area: row[5],
            code: row[6],
            closestApproach: cpa,
            message: row[10]
        )
    }
}
