import SkyModel

// Register inference and decoding of Comm-B MB fields. The plausibility tests reproduce pyModeS 3.6.1's
// `decoder/bds/_infer.py` validators (stateless; no known-state re-ranking), so the inferred register
// agrees with it frame for frame. Bit positions below are 0-based from the MSB of the 56-bit MB field.

@inline(__always) private func bits(_ mb: UInt64, _ start: Int, _ width: Int) -> UInt64 {
    (mb >> UInt64(56 - start - width)) & ((1 << UInt64(width)) - 1)
}

@inline(__always) private func flag(_ mb: UInt64, _ i: Int) -> Bool { (mb >> UInt64(55 - i)) & 1 == 1 }

/// True when the status bit is 0 but its value field is not (a sign of a different register).
@inline(__always) private func wrongStatus(_ mb: UInt64, _ status: Int, _ start: Int, _ width: Int) -> Bool {
    !flag(mb, status) && bits(mb, start, width) != 0
}

/// Sign-magnitude field as pyModeS reads it: `value − 2^width` when the sign bit is set.
@inline(__always) private func signed(_ value: UInt64, _ width: Int, _ sign: Bool) -> Int {
    sign ? Int(value) - (1 << width) : Int(value)
}

extension CommBMessage {
    /// Infers the register of a Comm-B MB field and decodes it.
    /// - Parameter mb: the 56-bit MB field, right-aligned.
    public init(mb: UInt64) {
        self.mb = mb
        var count: UInt8 = 0
        var first: CommBRegister = .unknown
        @inline(__always) func add(_ r: @autoclosure () -> CommBRegister) {
            if count == 0 { first = r() }
            count += 1
        }
        if mb != 0 {
            let id = bits(mb, 0, 8)
            if id == 0x10 && CommBMessage.isBDS10(mb) {
                add(.dataLinkCapability(DataLinkCapability(mb: mb)))
            } else if CommBMessage.isBDS17(mb) {
                add(.gicbCapability(supported: UInt32(mb >> 32)))
            } else if id == 0x20 && CommBMessage.isBDS20(mb) {
                add(.identification(Callsign(bytes: AircraftIdentification.callsignBytes(mb))))
            } else if id == 0x30 && CommBMessage.isBDS30(mb) {
                add(.resolutionAdvisory(ACASResolutionAdvisory(mb: mb)))
            }
            if CommBMessage.isBDS40(mb) { add(.selectedVerticalIntention(CommBMessage.decodeBDS40(mb))) }
            if CommBMessage.isBDS50(mb) { add(.trackAndTurn(CommBMessage.decodeBDS50(mb))) }
            if CommBMessage.isBDS60(mb) { add(.headingAndSpeed(CommBMessage.decodeBDS60(mb))) }
        }
        register = first
        candidateCount = count
    }

    static func isBDS10(_ mb: UInt64) -> Bool {
        guard bits(mb, 9, 5) == 0 else { return false }
        let ovc = flag(mb, 14)
        let subnet = bits(mb, 16, 7)
        return ovc ? subnet >= 5 : subnet <= 4
    }

    static func isBDS17(_ mb: UInt64) -> Bool { flag(mb, 6) && mb & 0xFFFF_FFFF == 0 }

    static func isBDS20(_ mb: UInt64) -> Bool {
        for i in 0..<8 where !AircraftIdentification.isValid(UInt8(bits(mb, 8 + 6 * i, 6))) { return false }
        return true
    }

    static func isBDS30(_ mb: UInt64) -> Bool { bits(mb, 15, 7) < 48 && bits(mb, 28, 2) != 3 }

    static func isBDS40(_ mb: UInt64) -> Bool {
        !(wrongStatus(mb, 0, 1, 12) || wrongStatus(mb, 13, 14, 12) || wrongStatus(mb, 26, 27, 12)
            || wrongStatus(mb, 47, 48, 3) || wrongStatus(mb, 53, 54, 2) || bits(mb, 39, 8) != 0
            || bits(mb, 51, 2) != 0)
    }

    static func isBDS50(_ mb: UInt64) -> Bool {
        if wrongStatus(mb, 0, 1, 10) || wrongStatus(mb, 11, 12, 11) || wrongStatus(mb, 23, 24, 10)
            || wrongStatus(mb, 34, 35, 10) || wrongStatus(mb, 45, 46, 10)
        {
            return false
        }
        if flag(mb, 0) && abs(Double(signed(bits(mb, 2, 9), 9, flag(mb, 1))) * 45 / 256) > 35 { return false }
        let gs = bits(mb, 24, 10) * 2
        let tas = bits(mb, 46, 10) * 2
        if flag(mb, 23) && gs > 600 { return false }
        if flag(mb, 45) && tas > 600 { return false }
        return !(flag(mb, 23) && flag(mb, 45) && (gs > tas ? gs - tas : tas - gs) > 200)
    }

    static func isBDS60(_ mb: UInt64) -> Bool {
        if wrongStatus(mb, 0, 1, 11) || wrongStatus(mb, 12, 13, 10) || wrongStatus(mb, 23, 24, 10)
            || wrongStatus(mb, 34, 35, 10) || wrongStatus(mb, 45, 46, 10)
        {
            return false
        }
        if flag(mb, 12) && bits(mb, 13, 10) > 500 { return false }
        if flag(mb, 23) && Double(bits(mb, 24, 10)) * 2.048 / 512 > 1 { return false }
        if flag(mb, 34) && abs(signed(bits(mb, 36, 9), 9, flag(mb, 35)) * 32) > 6000 { return false }
        return !(flag(mb, 45) && abs(signed(bits(mb, 47, 9), 9, flag(mb, 46)) * 32) > 6000)
    }

    static func decodeBDS40(_ mb: UInt64) -> SelectedVerticalIntention {
        var r = SelectedVerticalIntention()
        if flag(mb, 0) { r.mcpAltitudeFeet = Int(bits(mb, 1, 12)) * 16 }
        if flag(mb, 13) { r.fmsAltitudeFeet = Int(bits(mb, 14, 12)) * 16 }
        if flag(mb, 26) { r.baroSettingHectopascals = Double(bits(mb, 27, 12)) * 0.1 + 800 }
        if flag(mb, 47) {
            r.vnav = flag(mb, 48)
            r.altitudeHold = flag(mb, 49)
            r.approach = flag(mb, 50)
        }
        if flag(mb, 53) { r.targetAltitudeSource = UInt8(bits(mb, 54, 2)) }
        return r
    }

    static func decodeBDS50(_ mb: UInt64) -> TrackAndTurn {
        var r = TrackAndTurn()
        if flag(mb, 0) { r.rollDegrees = Double(signed(bits(mb, 2, 9), 9, flag(mb, 1))) * 45 / 256 }
        if flag(mb, 11) {
            var t = Double(signed(bits(mb, 13, 10), 10, flag(mb, 12))) * 90 / 512
            if t < 0 { t += 360 }
            r.trueTrackDegrees = t
        }
        if flag(mb, 23) { r.groundSpeedKnots = Int(bits(mb, 24, 10)) * 2 }
        if flag(mb, 34) { r.trackRateDegreesPerSecond = Double(signed(bits(mb, 36, 9), 9, flag(mb, 35))) * 8 / 256 }
        if flag(mb, 45) { r.trueAirspeedKnots = Int(bits(mb, 46, 10)) * 2 }
        return r
    }

    static func decodeBDS60(_ mb: UInt64) -> HeadingAndSpeed {
        var r = HeadingAndSpeed()
        if flag(mb, 0) {
            var h = Double(signed(bits(mb, 2, 10), 10, flag(mb, 1))) * 90 / 512
            if h < 0 { h += 360 }
            r.magneticHeadingDegrees = h
        }
        if flag(mb, 12) { r.indicatedAirspeedKnots = Int(bits(mb, 13, 10)) }
        if flag(mb, 23) { r.mach = Double(bits(mb, 24, 10)) * 2.048 / 512 }
        if flag(mb, 34) { r.baroVerticalRateFeetPerMinute = signed(bits(mb, 36, 9), 9, flag(mb, 35)) * 32 }
        if flag(mb, 45) { r.inertialVerticalRateFeetPerMinute = signed(bits(mb, 47, 9), 9, flag(mb, 46)) * 32 }
        return r
    }
}
