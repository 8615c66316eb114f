public import SkyModel

/// A decoded Mode S reply: header fields of every format plus the ADS-B or Comm-B content.
///
/// Field availability follows the downlink format (ICAO Annex 10 Vol IV §3.1.2.8 and Doc 9871):
/// DF0/16 ACAS fields and altitude; DF4/20 flight status and altitude; DF5/21 flight status and identity;
/// DF11 capability; DF17 capability, DF18 control field, and the ME field.
public struct ModeSMessage: Sendable {
    /// The frame as received (after 1-bit correction, when enabled and applied).
    public var frame: ModeSFrame
    /// Downlink format 0–24.
    public var downlinkFormat: UInt8
    /// Aircraft address: the AA field (DF11/17/18) or the parity remainder (DF0/4/5/16/20/21).
    public var address: ICAOAddress
    /// What the CRC says about this frame.
    public var parity: ParityStatus
    /// DF11/17 capability (CA) or DF18 control field (CF).
    public var capability: UInt8?
    /// DF4/5/20/21 flight status (FS).
    public var flightStatus: UInt8?
    /// Barometric altitude from the AC field (DF0/4/16/20), feet.
    public var altitudeFeet: Int?
    /// Mode 3/A identity (DF5/21).
    public var identity: Mode3ACode?
    /// DF0/16 air–air fields.
    public var acas: ACASReplyFields?
    /// Extended squitter or Comm-B content.
    public var content: Content

    /// The content carried in the 56-bit ME / MB field.
    public enum Content: Sendable {
        /// No ME/MB content (short formats, DF16 without an RA, unknown formats).
        case none
        /// DF17/18 extended squitter.
        case adsb(ADSBMessage)
        /// DF20/21 Comm-B with the inferred register.
        case commB(CommBMessage)
        /// DF16 MV field carrying an ACAS resolution advisory (VDS 3,0; Annex 10 Vol IV §4.3.8.4.2.4).
        case acasResolutionAdvisory(ACASResolutionAdvisory)
    }

    /// The ADS-B message, if any.
    @inlinable public var adsb: ADSBMessage? {
        if case .adsb(let m) = content { return m }
        return nil
    }

    /// The Comm-B message, if any.
    @inlinable public var commB: CommBMessage? {
        if case .commB(let m) = content { return m }
        return nil
    }
}

/// CRC result of a frame.
public enum ParityStatus: Sendable, Hashable {
    /// DF11/17/18 with remainder 0.
    case valid
    /// DF17/18 repaired by inverting one bit (0-based index); only with error correction enabled.
    case corrected(bit: Int)
    /// DF11 with a non-zero interrogator code in the low 7 bits (II/SI overlay, Annex 10 §3.1.2.3.3.2).
    case interrogator(code: UInt8)
    /// Address/parity formats (DF0/4/5/16/20/21): the remainder is the address; not checkable alone.
    case addressParity
    /// DF11/17/18 whose remainder is not acceptable.
    case invalid(remainder: UInt32)

    /// `true` for `.valid`, `.corrected` and `.interrogator` (a checked, accepted frame).
    @inlinable public var isValid: Bool {
        switch self {
        case .valid, .corrected, .interrogator: true
        case .addressParity, .invalid: false
        }
    }
}

/// DF0/16 air–air surveillance fields (Annex 10 Vol IV §3.1.2.8.2).
public struct ACASReplyFields: Sendable, Hashable {
    /// Vertical status: 1 = on the ground.
    public var verticalStatus: UInt8
    /// Cross-link capability.
    public var crossLink: UInt8
    /// Sensitivity level of the ACAS unit (0 = inoperative).
    public var sensitivityLevel: UInt8
    /// Reply information (ACAS capability and maximum airspeed class).
    public var replyInformation: UInt8
}
