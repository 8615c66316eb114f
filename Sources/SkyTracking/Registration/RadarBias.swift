public import SkyModel

/// The systematic errors of one radar: the registration bias model.
///
/// A radar with biases `b = (Δρ, g, Δθ, Δt)` reports a target whose true slant range and azimuth at time `t` are
/// `ρ(t)` and `θ(t)` as
/// ```
/// ρ_m = (1 + g·10⁻⁶) · ρ(t_m − Δt) + Δρ + noise        slant range, m
/// θ_m = θ(t_m − Δt) + Δθ + noise                       azimuth, radians clockwise from true north
/// t_m                                                  the reported (time-stamped) detection time, s
/// ```
/// - `Δρ` range offset, metres (cable and processing delays, a wrong range zero);
/// - `g` range gain, parts per million of the range (a clock-frequency error of the range counter);
/// - `Δθ` azimuth offset, the north alignment of the antenna encoder, radians inside (degrees at the edges);
/// - `Δt` time offset, seconds: the time stamp is late by `Δt` (the simulator's `time_bias_s`).
/// Mode C is not biased (it is the aircraft's own barometric altitude). Elevation is not modelled (2-D radars).
///
/// This is the classical four-parameter model of radar registration (offset and gain in range, offset in azimuth,
/// and a time offset): Fischer, Muehe & Cameron, "Registration errors in a netted air surveillance system",
/// MIT Lincoln Laboratory (1980); Bar-Shalom, Willett & Tian, *Tracking and Data Fusion* (2011), the
/// sensor-registration chapter. First order in the biases (they are small: metres, 10⁻³ rad, 10⁻¹ s), the
/// measurement residual against the true position at the reported time is linear in `b`:
/// ```
/// ρ_m − ρ(t_m) ≈ Δρ + 10⁻⁶ ρ · g − ρ̇ Δt
/// θ_m − θ(t_m) ≈ Δθ − θ̇ Δt
/// ```
@frozen
public struct RadarBias: Sendable, Hashable {
    /// Range offset Δρ, metres (added to the slant range).
    public var rangeOffsetMetres: Double
    /// Range gain g, parts per million of the slant range.
    public var rangeGainPPM: Double
    /// Azimuth offset Δθ, radians clockwise (added to the azimuth).
    public var azimuthOffset: Double
    /// Time offset Δt, seconds (added to the time stamp).
    public var timeOffsetSeconds: Double

    /// A bias; lengths in metres, gain in ppm, azimuth in radians, time in seconds.
    public init(
        rangeOffsetMetres: Double = 0,
        rangeGainPPM: Double = 0,
        azimuthOffset: Double = 0,
        timeOffsetSeconds: Double = 0
    ) {
        self.rangeOffsetMetres = rangeOffsetMetres
        self.rangeGainPPM = rangeGainPPM
        self.azimuthOffset = azimuthOffset
        self.timeOffsetSeconds = timeOffsetSeconds
    }

    /// A bias with the azimuth offset in degrees (the edge unit).
    public init(
        rangeOffsetMetres: Double = 0,
        rangeGainPPM: Double = 0,
        azimuthOffsetDegrees: Double,
        timeOffsetSeconds: Double = 0
    ) {
        self.init(
            rangeOffsetMetres: rangeOffsetMetres,
            rangeGainPPM: rangeGainPPM,
            azimuthOffset: azimuthOffsetDegrees * .pi / 180,
            timeOffsetSeconds: timeOffsetSeconds
        )
    }

    /// No bias.
    public static let zero = RadarBias()

    /// The azimuth offset in degrees.
    public var azimuthOffsetDegrees: Double { azimuthOffset * 180 / .pi }

    /// The components as a vector `(Δρ m, g ppm, Δθ rad, Δt s)`, in ``BiasComponent`` order.
    public var vector: SIMD4<Double> {
        get { SIMD4(rangeOffsetMetres, rangeGainPPM, azimuthOffset, timeOffsetSeconds) }
        set {
            rangeOffsetMetres = newValue[0]
            rangeGainPPM = newValue[1]
            azimuthOffset = newValue[2]
            timeOffsetSeconds = newValue[3]
        }
    }

    /// A bias from a vector `(Δρ m, g ppm, Δθ rad, Δt s)`.
    public init(vector v: SIMD4<Double>) {
        self.init(rangeOffsetMetres: v[0], rangeGainPPM: v[1], azimuthOffset: v[2], timeOffsetSeconds: v[3])
    }

    /// The plot with the bias removed: the inverse of the model,
    /// ```
    /// ρ = (ρ_m − Δρ) / (1 + g·10⁻⁶),   θ = θ_m − Δθ (wrapped to [0, 2π)),   t = t_m − Δt
    /// ```
    public func corrected(_ plot: RadarPlot) -> RadarPlot {
        var p = plot
        p.slantRangeMetres = (plot.slantRangeMetres - rangeOffsetMetres) / (1 + rangeGainPPM * 1e-6)
        var az = plot.azimuth - azimuthOffset
        let twoPi = 2 * Double.pi
        if az < 0 { az += twoPi } else if az >= twoPi { az -= twoPi }
        p.azimuth = az
        p.time = plot.time - timeOffsetSeconds
        return p
    }
}

/// One component of the bias model, in the order of ``RadarBias/vector``.
public enum BiasComponent: Int, Sendable, Hashable, CaseIterable {
    /// Range offset, metres.
    case rangeOffset
    /// Range gain, ppm.
    case rangeGain
    /// Azimuth offset, radians.
    case azimuthOffset
    /// Time offset, seconds.
    case timeOffset

    /// The key of the component in the registration JSON (`range_offset_m`, …; azimuth in degrees).
    public var jsonKey: String {
        switch self {
        case .rangeOffset: "range_offset_m"
        case .rangeGain: "range_gain_ppm"
        case .azimuthOffset: "azimuth_offset_deg"
        case .timeOffset: "time_offset_s"
        }
    }

    /// The factor from the internal unit to the edge unit (degrees for the azimuth, 1 otherwise).
    public var edgeUnitFactor: Double { self == .azimuthOffset ? 180 / .pi : 1 }
}
