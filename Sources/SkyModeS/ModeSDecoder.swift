import SkyModel

/// Stateless Mode S frame decoder: CRC, address recovery, header fields and ME/MB content.
///
/// The only state is configuration and counters, so one decoder per ingest stream is enough. Decoding works on
/// the inline `ModeSFrame` and allocates nothing per frame.
public struct ModeSDecoder: Sendable {
    /// Repair DF17/18 frames with exactly one bit error (off by default: a repaired frame is slightly more
    /// likely to be wrong than a clean one, and correction widens the set of accepted noise).
    public var correctsSingleBitErrors: Bool
    /// Frames decoded.
    public private(set) var framesDecoded = 0
    /// DF17/18 frames repaired by single-bit correction.
    public private(set) var framesCorrected = 0
    /// DF11/17/18 frames whose CRC failed (after any correction attempt).
    public private(set) var crcFailures = 0

    /// A decoder.
    /// - Parameter correctsSingleBitErrors: enable DF17/18 1-bit error correction.
    public init(correctsSingleBitErrors: Bool = false) {
        self.correctsSingleBitErrors = correctsSingleBitErrors
    }

    /// Decodes one frame.
    /// - Parameter input: a 56- or 112-bit frame.
    /// - Returns: the message; check `parity` before trusting DF11/17/18 content.
    public mutating func decode(_ input: ModeSFrame) -> ModeSMessage {
        framesDecoded &+= 1
        var frame = input
        let dfRaw = frame.downlinkFormat
        let df = UInt8(dfRaw >= 24 ? 24 : dfRaw)
        var remainder = CRC24.remainder(frame)
        var parity: ParityStatus
        var address: UInt32
        switch df {
        case 11:
            address = UInt32(frame.field(8, 24))
            if remainder == 0 {
                parity = .valid
            } else if remainder < 0x80 {
                parity = .interrogator(code: UInt8(remainder))
            } else {
                parity = .invalid(remainder: remainder)
                crcFailures &+= 1
            }
        case 17, 18:
            if remainder != 0 && correctsSingleBitErrors,
                let bit = CRC24.singleBitErrorPosition(remainder: remainder, isLong: frame.isLong)
            {
                frame = frame.flippingBit(bit)
                remainder = 0
                parity = .corrected(bit: bit)
                framesCorrected &+= 1
            } else if remainder == 0 {
                parity = .valid
            } else {
                parity = .invalid(remainder: remainder)
                crcFailures &+= 1
            }
            address = UInt32(frame.field(8, 24))
        default:
            parity = .addressParity
            address = remainder
        }
        var message = ModeSMessage(
            frame: frame,
            downlinkFormat: df,
            address: ICAOAddress(address),
            parity: parity,
            capability: nil,
            flightStatus: nil,
            altitudeFeet: nil,
            identity: nil,
            acas: nil,
            content: .none
        )
        switch df {
        case 0, 16:
            message.acas = ACASReplyFields(
                verticalStatus: UInt8(frame.field(5, 1)),
                crossLink: UInt8(frame.field(6, 1)),
                sensitivityLevel: UInt8(frame.field(8, 3)),
                replyInformation: UInt8(frame.field(13, 4))
            )
            message.altitudeFeet = AltitudeCode.feet(ac13: UInt32(frame.field(19, 13)))
        case 4, 20:
            message.flightStatus = UInt8(frame.field(5, 3))
            message.altitudeFeet = AltitudeCode.feet(ac13: UInt32(frame.field(19, 13)))
        case 5, 21:
            message.flightStatus = UInt8(frame.field(5, 3))
            message.identity = Mode3ACode(IdentityCode.mode3A(id13: UInt32(frame.field(19, 13))))
        case 11, 17, 18:
            message.capability = UInt8(frame.field(5, 3))
        default:
            break
        }
        if frame.isLong {
            switch df {
            case 17, 18: message.content = .adsb(ADSBMessage(me: frame.payload))
            case 20, 21: message.content = .commB(CommBMessage(mb: frame.payload))
            case 16 where frame.payload >> 48 == 0x30:
                message.content = .acasResolutionAdvisory(ACASResolutionAdvisory(mb: frame.payload))
            default: break
            }
        }
        return message
    }
}
