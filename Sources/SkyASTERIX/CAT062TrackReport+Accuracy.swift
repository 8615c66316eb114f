public import SkyModel

extension CAT062TrackReport {
    /// FRN of I062/340 Measured Information.
    public static let measuredInformationFRN = 28

    /// I062/500 Estimated Accuracies, the sub-items Skywatch writes (CAT062 1.18): APC (σx, σy of the Cartesian
    /// position, LSB 0.5 m), COV (the XY covariance as sign·√|cov|, LSB 0.5 m) and ATV (σ of the Cartesian velocity
    /// components, LSB 0.25 m/s). Raw field values.
    public struct EstimatedAccuracy: Sendable, Hashable {
        /// APC σx, σy, raw (LSB 0.5 m).
        public var positionSigmaX: UInt16
        public var positionSigmaY: UInt16
        /// COV, raw (LSB 0.5 m, two's complement).
        public var positionCovarianceXY: Int16
        /// ATV σvx, σvy, raw (LSB 0.25 m/s).
        public var velocitySigmaX: UInt8
        public var velocitySigmaY: UInt8

        /// Raw fields.
        public init(
            positionSigmaX: UInt16,
            positionSigmaY: UInt16,
            positionCovarianceXY: Int16,
            velocitySigmaX: UInt8,
            velocitySigmaY: UInt8
        ) {
            self.positionSigmaX = positionSigmaX
            self.positionSigmaY = positionSigmaY
            self.positionCovarianceXY = positionCovarianceXY
            self.velocitySigmaX = velocitySigmaX
            self.velocitySigmaY = velocitySigmaY
        }

        /// From a track's covariance [east, north, v east, v north] (m², m²/s²), rounded to the LSBs and clamped.
        public init(covariance c: (xx: Double, xy: Double, yy: Double, vxvx: Double, vyvy: Double)) {
            func u16(_ x: Double) -> UInt16 { UInt16(Swift.max(0, Swift.min(65_535, x.rounded()))) }
            func u8(_ x: Double) -> UInt8 { UInt8(Swift.max(0, Swift.min(255, x.rounded()))) }
            let cov = (c.xy < 0 ? -1.0 : 1.0) * abs(c.xy).squareRoot() * 2
            self.init(
                positionSigmaX: u16(Swift.max(0, c.xx).squareRoot() * 2),
                positionSigmaY: u16(Swift.max(0, c.yy).squareRoot() * 2),
                positionCovarianceXY: Int16(Swift.max(-32_768, Swift.min(32_767, cov.rounded()))),
                velocitySigmaX: u8(Swift.max(0, c.vxvx).squareRoot() * 4),
                velocitySigmaY: u8(Swift.max(0, c.vyvy).squareRoot() * 4)
            )
        }

        /// σx, σy in metres, the XY covariance in m², and σvx, σvy in m/s.
        public var metric: (sigmaX: Double, sigmaY: Double, covarianceXY: Double, sigmaVX: Double, sigmaVY: Double) {
            let c = Double(positionCovarianceXY) / 2
            return (
                Double(positionSigmaX) / 2, Double(positionSigmaY) / 2, (c < 0 ? -1 : 1) * c * c,
                Double(velocitySigmaX) / 4, Double(velocitySigmaY) / 4
            )
        }
    }

    /// I062/500 with APC, COV and ATV (and no other sub-item); `nil` when absent or of another layout.
    public var estimatedAccuracy: EstimatedAccuracy? {
        get {
            // Primary subfield: APC 0x80, COV 0x40, APW 0x20, AGA 0x10, ABA 0x08, ATV 0x04, AA 0x02, FX 0x01.
            guard let b = slots.bytes(FRN.accuracies), b.count == 9, b[0] == 0xC4 else { return nil }
            return EstimatedAccuracy(
                positionSigmaX: UInt16(b[1]) << 8 | UInt16(b[2]),
                positionSigmaY: UInt16(b[3]) << 8 | UInt16(b[4]),
                positionCovarianceXY: Int16(bitPattern: UInt16(b[5]) << 8 | UInt16(b[6])),
                velocitySigmaX: b[7],
                velocitySigmaY: b[8]
            )
        }
        set {
            guard let a = newValue else {
                slots.remove(FRN.accuracies)
                return
            }
            let cov = UInt16(bitPattern: a.positionCovarianceXY)
            slots.set(
                FRN.accuracies,
                bytes: [
                    0xC4, UInt8(a.positionSigmaX >> 8), UInt8(a.positionSigmaX & 0xFF), UInt8(a.positionSigmaY >> 8),
                    UInt8(a.positionSigmaY & 0xFF), UInt8(cov >> 8), UInt8(cov & 0xFF), a.velocitySigmaX,
                    a.velocitySigmaY,
                ]
            )
        }
    }

    /// I062/340 Measured Information, sub-item SID: the sensor that gave the track's last measurement.
    public var measuredSensor: SensorID? {
        get {
            guard let b = slots.bytes(Self.measuredInformationFRN), b.count == 3, b[0] == 0x80 else { return nil }
            return SensorID(sac: b[1], sic: b[2])
        }
        set {
            guard let s = newValue else {
                slots.remove(Self.measuredInformationFRN)
                return
            }
            slots.set(Self.measuredInformationFRN, bytes: [0x80, s.sac, s.sic])
        }
    }
}
