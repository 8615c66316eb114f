/// The less common CAT048 1.31 items, as typed views (the octets stay in `slots`).
extension CAT048Report {
    /// I048/210 Track Quality: σ of X and Y (NM, LSB 1/128), of ground speed (kt, LSB 2⁻¹⁴ NM/s) and of heading
    /// (degrees, LSB 360/2¹²).
    public var trackQuality: (sigmaXNM: Double, sigmaYNM: Double, sigmaSpeedKnots: Double, sigmaHeadingDegrees: Double)?
    {
        fixed(FRN.accuracy, 4).map {
            (
                Double($0 >> 24) / 128, Double($0 >> 16 & 0xFF) / 128, Double($0 >> 8 & 0xFF) * 3600 / 16384,
                Double($0 & 0xFF) * 360 / 4096
            )
        }
    }

    /// I048/030 Warning/Error Conditions: the number of codes (one per octet).
    public var warningCount: Int { slots.count(FRN.warnings) }

    /// I048/030 code `i` (7 bits: 1 multipath, 2 sidelobe, 3 split plot, …, 23 wind turbine).
    public func warning(_ i: Int) -> UInt8 { slots.byte(FRN.warnings, i) >> 1 }

    /// I048/080 Mode-3/A Code Confidence: 12 bits, one per code pulse (1 = low quality), A4 first.
    public var mode3AConfidence: UInt16? { fixed(FRN.mode3AConfidence, 2).map { UInt16($0 & 0x0FFF) } }

    /// I048/100 Mode-C Code and Confidence: V, G, the 12-bit Gillham-ordered Mode C reply and its pulse confidence.
    public var modeCCode: (notValidated: Bool, garbled: Bool, code: UInt16, confidence: UInt16)? {
        fixed(FRN.modeCConfidence, 4).map {
            ($0 & 0x8000_0000 != 0, $0 & 0x4000_0000 != 0, UInt16($0 >> 16 & 0x0FFF), UInt16($0 & 0x0FFF))
        }
    }

    /// I048/120 Radial Doppler Speed (compound: calculated CAL and raw RDS sub-items), octets as received.
    public var radialDopplerOctets: [UInt8]? { slots.bytes(FRN.doppler) }

    /// I048/260 ACAS Resolution Advisory Report: the 56-bit MB field of BDS 3,0.
    public var acasResolutionAdvisory: UInt64? { fixed(FRN.acasRA, 7) }

    /// I048/055 Mode-1 Code: V, G, L flags and the 5-bit code (octal digits A and B).
    public var mode1: (notValidated: Bool, garbled: Bool, local: Bool, code: UInt8)? {
        fixed(FRN.mode1, 1).map { ($0 & 0x80 != 0, $0 & 0x40 != 0, $0 & 0x20 != 0, UInt8($0 & 0x1F)) }
    }

    /// I048/050 Mode-2 Code: V, G, L flags and the 12-bit code (four octal digits).
    public var mode2: Mode3AReply? { fixed(FRN.mode2, 2).map { Mode3AReply(rawValue: UInt16($0)) } }

    /// I048/065 Mode-1 Code Confidence: 5 bits, one per pulse.
    public var mode1Confidence: UInt8? { fixed(FRN.mode1Confidence, 1).map { UInt8($0 & 0x1F) } }

    /// I048/060 Mode-2 Code Confidence: 12 bits, one per pulse.
    public var mode2Confidence: UInt16? { fixed(FRN.mode2Confidence, 2).map { UInt16($0 & 0x0FFF) } }

    /// The Special Purpose field (SP), octets as received (length octet included), kept for re-encoding.
    public var specialPurposeOctets: [UInt8]? { slots.bytes(FRN.specialPurpose) }

    /// The Reserved Expansion field (RE), octets as received (length octet included), kept for re-encoding.
    public var reservedExpansionOctets: [UInt8]? { slots.bytes(FRN.reservedExpansion) }
}
