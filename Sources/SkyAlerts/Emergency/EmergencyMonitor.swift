import SkyGeodesy
import SkyMath
public import SkyModel

/// Emergency parameters. JSON keys in snake_case; defaults in brackets.
public struct EmergencyConfiguration: Sendable, Hashable, Decodable {
    /// `alert_spi`: alert on the SPI (ident) bit [true].
    public var alertSPI = true
    /// `clear_cycles`: cycles without the code before the alert ends [2].
    public var clearCycles = 2

    enum CodingKeys: String, CodingKey, CaseIterable {
        case alertSPI = "alert_spi"
        case clearCycles = "clear_cycles"
    }

    /// The defaults.
    public init() {}

    /// Decodes from snake_case keys; missing keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.names)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        alertSPI = try c.decodeIfPresent(Bool.self, forKey: .alertSPI) ?? true
        clearCycles = max(1, try c.decodeIfPresent(Int.self, forKey: .clearCycles) ?? 2)
    }
}

/// Emergencies: Mode 3/A 7500 (unlawful interference), 7600 (radio failure), 7700 (general emergency), and SPI,
/// alerted in the first cycle they are seen (no confirmation; the codes are deliberate selections).
///
/// `SystemTrack` carries no ADS-B emergency/priority status field (ADS-B TC 28), so that input is not alerted;
/// an emergency squawk is reported through ADS-B's Mode A code as well and is alerted from it.
public struct EmergencyMonitor: Sendable {
    /// The parameters.
    public let configuration: EmergencyConfiguration
    private var states: [Key: State] = [:]

    private struct Key: Hashable, Sendable {
        var track: UInt32
        var code: String
    }

    private struct State: Sendable {
        var machine: AlertStateMachine
        var alertID = 0
        var seen = false
    }

    /// A monitor.
    public init(configuration: EmergencyConfiguration = EmergencyConfiguration()) {
        self.configuration = configuration
    }

    /// The emergency codes of a track: "7500", "7600", "7700", "SPI".
    public static func codes(of track: SystemTrack, includeSPI: Bool = true) -> [String] {
        var codes: [String] = []
        if let a = track.modeA, a.isEmergency { codes.append(a.octal) }
        if includeSPI && track.spi { codes.append("SPI") }
        return codes
    }

    /// Processes one picture; returns the emergency events of this cycle.
    public mutating func process(_ picture: TrackPicture, nextAlertID: inout Int) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for k in states.keys { states[k]!.seen = false }
        for track in picture.tracks where track.status != .terminated {
            for code in Self.codes(of: track, includeSPI: configuration.alertSPI) {
                let key = Key(track: track.number, code: code)
                var s =
                    states[key]
                    ?? State(
                        machine: AlertStateMachine(
                            confirmationCycles: 1,
                            clearCycles: configuration.clearCycles,
                            updateIntervalSeconds: .infinity
                        )
                    )
                s.seen = true
                let action = s.machine.observe(hazard: true, time: picture.time)
                if action == .raise {
                    s.alertID = nextAlertID
                    nextAlertID += 1
                }
                emit(action, key: key, id: s.alertID, time: picture.time, into: &events)
                states[key] = s
            }
        }
        var present: Set<UInt32>? = nil  // built only when an alert's code went away (rare)
        for (key, var s) in states where !s.seen {
            if present == nil { present = Set(picture.tracks.lazy.map(\.number)) }
            let action =
                present!.contains(key.track)
                ? s.machine.observe(hazard: false, time: picture.time) : s.machine.terminate()
            emit(action, key: key, id: s.alertID, time: picture.time, into: &events)
            states[key] = s.machine.state == .idle ? nil : s
        }
        return events
    }

    private func emit(
        _ action: AlertStateMachine.Action,
        key: Key,
        id: Int,
        time: Double,
        into events: inout [AlertEvent]
    ) {
        let phase: AlertPhase
        switch action {
        case .none: return
        case .raise: phase = .start
        case .update: phase = .update
        case .clear: phase = .end
        }
        let meaning =
            switch key.code {
            case "7500": "unlawful interference"
            case "7600": "radio failure"
            case "7700": "emergency"
            default: "special position identification"
            }
        events.append(
            AlertEvent(
                alertID: id,
                phase: phase,
                kind: .emergency,
                time: time,
                tracks: [key.track],
                code: key.code,
                message: "track \(key.track): \(key.code) \(meaning)"
            )
        )
    }
}
