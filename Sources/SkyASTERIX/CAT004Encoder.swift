public import SkyModel

/// Builds ASTERIX CAT004 1.13 safety-net messages from Skywatch's alert events.
///
/// Mapping (EUROCONTROL CAT004 part 17, I004/000):
/// ```
/// AlertKind.stca        start/update → 7 STCA           end → 17 End Of Conflict
/// AlertKind.area        start/update → 5 APW            end → 17 End Of Conflict
/// AlertKind.emergency   no CAT004 message type: only with a `messageTypes` entry chosen by the deployment
/// AlertKind.adsb…       no CAT004 message type: likewise
/// ```
/// Items: I004/010 (the safety-net server), I004/000, I004/015 (the SDPS whose track numbers are sent),
/// I004/020 (time of the event, 1/128 s of the UTC day), I004/040 (alert ID modulo 2¹⁶), I004/030 and I004/035
/// (the first two track numbers, low 16 bits), I004/070 TCA/MHS/MVS (the predicted closest point of approach),
/// I004/100 AN (area name, eight ICAO 6-bit characters) and I004/170 M31 (the Mode 3/A code of an emergency
/// whose `code` is four octal digits).
public enum CAT004Encoder {
    /// The message types used when the caller gives none: STCA and APW, the two safety nets CAT004 defines that
    /// Skywatch runs.
    public static let defaultMessageTypes: [AlertKind: UInt8] = [
        .stca: CAT004Message.MessageType.stca.rawValue,
        .area: CAT004Message.MessageType.apw.rawValue,
    ]

    /// The CAT004 message for `event`, or `nil` when its kind has no message type in `messageTypes`.
    /// - Parameters:
    ///   - event: the alert event (times UNIX seconds, distances metres).
    ///   - sdps: the system whose track numbers `event.tracks` are (I004/015).
    ///   - source: the safety-net server's identifier (I004/010); defaults to `sdps`.
    ///   - messageTypes: I004/000 per alert kind; ends of alerts are sent as 17 (End Of Conflict).
    public static func record(
        for event: AlertEvent,
        sdps: SensorID,
        source: SensorID? = nil,
        messageTypes: [AlertKind: UInt8] = defaultMessageTypes
    ) -> CAT004Message? {
        guard let type = messageTypes[event.kind] else { return nil }
        var m = CAT004Message()
        m.dataSource = source ?? sdps
        m.messageTypeCode = event.phase == .end ? CAT004Message.MessageType.endOfConflict.rawValue : type
        m.sdps = sdps
        m.timeOfMessage128 = ASTERIXTime.timeOfDay128(unixSeconds: event.time)
        m.alertID = UInt16(truncatingIfNeeded: event.alertID)
        if let t = event.tracks.first { m.trackNumber1 = UInt16(truncatingIfNeeded: t) }
        if event.tracks.count > 1 { m.trackNumber2 = UInt16(truncatingIfNeeded: event.tracks[1]) }
        if let cpa = event.closestApproach {
            // Primary: TCA (bit 7), MHS (bit 5), MVS (bit 3); TCA 24 bits of 1/128 s, MHS 16 bits of 0.5 m,
            // MVS 16 bits of 25 ft, each clamped to its field.
            let tca = UInt32(max(0, min(0xFF_FFFF, ((cpa.time - event.time) * 128).rounded())))
            let mhs = UInt16(max(0, min(65_535, (cpa.horizontalMetres * 2).rounded())))
            let mvs = UInt16(max(0, min(65_535, (abs(cpa.verticalMetres) / 0.3048 / 25).rounded())))
            m.slots.set(
                CAT004Message.FRN.conflictTiming,
                bytes: [
                    0x54, UInt8(tca >> 16), UInt8(tca >> 8 & 0xFF), UInt8(tca & 0xFF), UInt8(mhs >> 8),
                    UInt8(mhs & 0xFF), UInt8(mvs >> 8), UInt8(mvs & 0xFF),
                ]
            )
        }
        if let area = event.area, !area.isEmpty {
            let raw = SixBitText.encode(area.uppercased(), count: 8)
            m.slots.set(
                CAT004Message.FRN.areaDefinition,
                bytes: [0x80] + (0..<6).map { UInt8(raw >> UInt64(40 - 8 * $0) & 0xFF) }
            )
        }
        if let code = event.code, code.count == 4, let v = UInt16(code, radix: 8) {
            m.slots.set(CAT004Message.FRN.aircraft1, bytes: [0x40, UInt8(v >> 8), UInt8(v & 0xFF)])
        }
        return m
    }

    /// Data blocks (each ≤ `maxBlockBytes`) holding the messages of `events` that have a message type.
    public static func blocks(
        for events: [AlertEvent],
        sdps: SensorID,
        source: SensorID? = nil,
        messageTypes: [AlertKind: UInt8] = defaultMessageTypes,
        maxBlockBytes: Int = 1400
    ) -> [[UInt8]] {
        ASTERIXBlocks.pack(
            events.compactMap { record(for: $0, sdps: sdps, source: source, messageTypes: messageTypes)?.slots },
            maxBlockBytes: maxBlockBytes
        )
    }
}
