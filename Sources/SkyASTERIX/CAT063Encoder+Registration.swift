public import SkyModel

extension CAT063Encoder {
    /// The registration (bias) estimate of one sensor as CAT063 carries it, in our internal units; `nil` for a
    /// component that is not sent (unobservable or not converged: omitted, never sent as 0).
    ///
    /// The sign convention is the bias model of SkyTracking's `RadarBias`: what the sensor reports minus the truth,
    /// ```
    /// ρ_m = (1 + gain) · ρ(t_m − Δt) + Δρ,   θ_m = θ(t_m − Δt) + Δθ
    /// ```
    /// so a positive range bias means the radar reports targets too far, a positive time bias that its time stamps
    /// are late.
    public struct Registration: Sendable, Hashable {
        /// The sensor (I063/050).
        public var sensor: SensorID
        /// Whether the biases are those of a primary radar: I063/090 and I063/091 (PSR) instead of I063/080 and
        /// I063/081 (SSR / Mode S).
        public var isPrimary: Bool
        /// Time stamping bias Δt, seconds (I063/070).
        public var timeOffsetSeconds: Double?
        /// Range gain g, parts per million (I063/080 SRG or I063/090 PRG).
        public var rangeGainPPM: Double?
        /// Range bias Δρ, metres (I063/080 SRB or I063/090 PRB).
        public var rangeOffsetMetres: Double?
        /// Azimuth bias Δθ, radians clockwise (I063/081 or I063/091).
        public var azimuthOffset: Double?

        /// A registration; seconds, ppm, metres, radians; `nil` for what is not sent.
        public init(
            sensor: SensorID,
            isPrimary: Bool = false,
            timeOffsetSeconds: Double? = nil,
            rangeGainPPM: Double? = nil,
            rangeOffsetMetres: Double? = nil,
            azimuthOffset: Double? = nil
        ) {
            self.sensor = sensor
            self.isPrimary = isPrimary
            self.timeOffsetSeconds = timeOffsetSeconds
            self.rangeGainPPM = rangeGainPPM
            self.rangeOffsetMetres = rangeOffsetMetres
            self.azimuthOffset = azimuthOffset
        }

        /// Whether any bias item would be sent.
        public var hasBiasItems: Bool {
            timeOffsetSeconds != nil || (rangeGainPPM != nil && rangeOffsetMetres != nil) || azimuthOffset != nil
        }
    }

    /// LSB of I063/070, seconds (1 ms).
    public static let timeBiasLSBSeconds = 0.001
    /// LSB of SRG and PRG in I063/080 and I063/090: 10⁻⁵ of the range, i.e. 10 ppm.
    public static let rangeGainLSBPPM = 10.0
    /// LSB of SRB and PRB in I063/080 and I063/090: 1/128 NM, metres (14.47 m).
    public static let rangeBiasLSBMetres = 1852.0 / 128
    /// LSB of I063/081 and I063/091: 360/2¹⁶ degrees, in radians.
    public static let azimuthBiasLSB = 2 * Double.pi / 65_536

    /// A sensor status message that also carries the registration estimate: I063/010, 015, 030 (time of message,
    /// 1/128 s), 050 (the sensor), 060 CON, then the bias items of ASTERIX CAT063 edition 1.6 (every field 16-bit
    /// two's complement):
    /// - I063/070 time stamping bias, LSB 1 ms (±32.767 s);
    /// - I063/080 SSR / Mode S range gain SRG (LSB 10⁻⁵ = 10 ppm, ±0.32767) and range bias SRB (LSB 1/128 NM,
    ///   ±256 NM), or I063/090 PRG/PRB for a primary radar;
    /// - I063/081 SSR / Mode S azimuth bias, LSB 360/2¹⁶° (±180°), or I063/091 for a primary radar.
    ///
    /// Values are rounded to the nearest LSB and **clamped** to the 16-bit range (−32768…32767 LSB) when they do
    /// not fit. A component that is `nil` is omitted; I063/080 (I063/090) is sent only when both the gain and the
    /// range bias are known (one item holds both, and an unknown half must not be sent as 0).
    /// - Parameters:
    ///   - sdps: the SDPS (I063/010); `time`: time of message, UNIX seconds.
    public static func registration(
        sdps: SensorID,
        service: UInt8 = 1,
        time: Double,
        _ r: Registration,
        connection: Connection = .operational
    ) -> ItemSlots {
        var m = sensorStatus(sdps: sdps, service: service, time: time, sensor: r.sensor, connection: connection)
        if let t = r.timeOffsetSeconds { m.set(6, octets: raw16(t / timeBiasLSBSeconds), count: 2) }
        if let g = r.rangeGainPPM, let b = r.rangeOffsetMetres {
            let value = raw16(g / rangeGainLSBPPM) << 16 | raw16(b / rangeBiasLSBMetres)
            m.set(r.isPrimary ? 9 : 7, octets: value, count: 4)
        }
        if let a = r.azimuthOffset { m.set(r.isPrimary ? 10 : 8, octets: raw16(a / azimuthBiasLSB), count: 2) }
        return m
    }

    /// `x` LSBs rounded to the nearest integer, clamped to −32768…32767, as 16-bit two's complement.
    static func raw16(_ x: Double) -> UInt64 {
        let clamped = x.isNaN ? 0 : min(max(x.rounded(), -32_768), 32_767)
        return UInt64(UInt16(bitPattern: Int16(clamped)))
    }
}
