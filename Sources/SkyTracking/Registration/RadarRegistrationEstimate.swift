public import SkyModel

/// The registration estimate of one radar: each bias with its σ, which components the data determine, and
/// whether the estimate has converged and may be applied.
public struct RadarRegistrationEstimate: Sendable, Hashable {
    /// The radar.
    public var sensor: SensorID
    /// Whether the radar was marked as a reference (its biases held at zero while it has no absolute data).
    public var isReference: Bool
    /// Whether the biases are held at zero (a reference radar without enough ADS-B observations).
    public var isPinned: Bool
    /// The estimated biases (`(m, ppm, rad, s)`; 0 in unobservable components: use ``value(_:)``).
    public var bias: RadarBias
    /// Their standard deviations from the normal matrix (`√diag(N⁻¹)`, same units; the prior's σ when unobservable).
    public var sigma: RadarBias
    /// Which components the data determine (posterior σ below half the prior σ), in ``BiasComponent`` order.
    public var observable: [Bool]
    /// Whether every component is observable with σ below its threshold and the geometry suffices (azimuth
    /// sectors, range spread, moving targets): see ``RegistrationConfiguration``.
    public var converged: Bool
    /// Per component (``BiasComponent`` order): observable, σ below its threshold, and the geometry that component
    /// needs (observations and azimuth sectors for all; range spread for the gain; moving targets for the time
    /// offset). A component may be applied before the whole radar has converged (the gain needs the most data).
    public var componentConverged: [Bool]
    /// Data time at which the current estimate first converged, UNIX seconds (`nil` while not converged).
    public var convergedSince: Double?
    /// Observations of this radar in the window, and those the chi-square gate rejected in the last solution.
    public var observations: Int
    public var rejected: Int
    /// Geometry of the window: occupied 30° azimuth sectors (0…12), slant range spread (m), RMS ground speed (m/s).
    public var azimuthSectors: Int
    public var rangeSpreadMetres: Double
    public var rmsGroundSpeed: Double
    /// Bias jumps detected (each discards the radar's older observations), and the time of the last, UNIX seconds.
    public var jumps: Int
    public var lastJumpTime: Double?

    /// An estimate with nothing known yet.
    public init(sensor: SensorID, isReference: Bool, priorSigma: SIMD4<Double>) {
        self.sensor = sensor
        self.isReference = isReference
        isPinned = isReference
        bias = .zero
        sigma = isReference ? .zero : RadarBias(vector: priorSigma)
        observable = Array(repeating: isReference, count: 4)
        converged = false
        componentConverged = Array(repeating: isReference, count: 4)
        observations = 0
        rejected = 0
        azimuthSectors = 0
        rangeSpreadMetres = 0
        rmsGroundSpeed = 0
        jumps = 0
    }

    /// The estimate of a component in its internal unit, or `nil` when the data do not determine it.
    public func value(_ component: BiasComponent) -> Double? {
        observable[component.rawValue] ? bias.vector[component.rawValue] : nil
    }

    /// The σ of a component in its internal unit, or `nil` when unobservable.
    public func standardDeviation(_ component: BiasComponent) -> Double? {
        observable[component.rawValue] ? sigma.vector[component.rawValue] : nil
    }

    /// Whether a component is converged (``componentConverged``) and significant (`|b| > k σ`, k = `significance`).
    public func isSignificant(_ component: BiasComponent, significance: Double) -> Bool {
        let i = component.rawValue
        return componentConverged[i] && abs(bias.vector[i]) > significance * sigma.vector[i]
    }

    /// The correction to apply to this radar's plots: the converged and significant components, zero elsewhere.
    public func correction(significance: Double) -> RadarBias {
        var v = SIMD4<Double>.zero
        for c in BiasComponent.allCases where isSignificant(c, significance: significance) {
            v[c.rawValue] = bias.vector[c.rawValue]
        }
        return RadarBias(vector: v)
    }
}
