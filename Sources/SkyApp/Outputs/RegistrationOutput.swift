import Foundation
import SkyASTERIX
public import SkyModel
public import SkyTracking

/// A picture sink that also takes the sensor registration estimates: the CAT062 file and UDP sinks, which send
/// them as CAT063 sensor status messages in the same stream (at most every 10 s of data time, and at the end).
protocol RegistrationSink: PictureSink {
    /// The registration estimates at data time `time` (UNIX seconds); `final` at the end of a run.
    func writeRegistration(_ registrations: [CAT063Encoder.Registration], time: Double, final: Bool) async throws
}

/// How the registration estimates leave the tracker: CAT063 items, and the `registration` object of `/api/sensors`.
public enum RegistrationOutput {
    /// What CAT063 carries of each estimate: the components that have converged on their own
    /// (``SkyTracking/RadarRegistrationEstimate/componentConverged``: observable, σ below its threshold, and the
    /// geometry it needs). A component that has not is omitted; a pinned reference radar (held at zero by
    /// assumption, not estimated) sends nothing. PSR radars fill I063/090/091, the others I063/080/081.
    /// - Parameters:
    ///   - sensors: the sensor descriptions, for the radar kind (unknown sensors count as secondary).
    static func cat063(
        _ estimates: [RadarRegistrationEstimate],
        sensors: [SensorID: SensorKind]
    ) -> [CAT063Encoder.Registration] {
        estimates.compactMap { e in
            guard !e.isPinned else { return nil }
            func sent(_ c: BiasComponent) -> Double? {
                e.componentConverged[c.rawValue] && e.observable[c.rawValue] ? e.bias.vector[c.rawValue] : nil
            }
            return CAT063Encoder.Registration(
                sensor: e.sensor,
                isPrimary: sensors[e.sensor] == .psr,
                timeOffsetSeconds: sent(.timeOffset),
                rangeGainPPM: sent(.rangeGain),
                rangeOffsetMetres: sent(.rangeOffset),
                azimuthOffset: sent(.azimuthOffset)
            )
        }
    }

    /// The correction the tracker applies to a radar's plots in `correct` mode: the converged components that are
    /// significant against their σ (the tracker's rule, `RadarRegistrationEstimate.correction(significance:)`
    /// with the estimator's default significance of 3σ); `nil` in `estimate` mode (nothing is applied).
    public static func applied(_ e: RadarRegistrationEstimate, mode: RegistrationMode) -> RadarBias? {
        mode == .correct ? e.correction(significance: RegistrationConfiguration().significance) : nil
    }

    /// The `registration` object of `/api/sensors`: the keys of `skywatch track --registration FILE.json`
    /// (``SkyTracking/RadarRegistrationEstimate/json(_:)``: each component in its edge unit, `range_offset_m`,
    /// `range_gain_ppm`, `azimuth_offset_deg`, `time_offset_s`, and its `_sigma`, `NSNull` when unobservable;
    /// `converged`, `converged_since_unix_s`, `reference`, `observations`, `jumps`) plus `applied`, the correction
    /// in force (``applied(_:mode:)``; `NSNull` in `estimate` mode), and `mode`.
    static func jsonObject(_ e: RadarRegistrationEstimate, mode: RegistrationMode) -> [String: Any] {
        var object: [String: Any] = [:]
        for c in BiasComponent.allCases {
            object[c.jsonKey] = e.value(c).map { $0 * c.edgeUnitFactor } ?? NSNull()
            object[c.jsonKey + "_sigma"] = e.standardDeviation(c).map { $0 * c.edgeUnitFactor } ?? NSNull()
        }
        object["converged"] = e.converged
        object["converged_since_unix_s"] = e.convergedSince ?? NSNull()
        object["reference"] = e.isReference
        object["observations"] = e.observations
        object["jumps"] = e.jumps
        object["mode"] = mode.rawValue
        if let a = applied(e, mode: mode) {
            var applied: [String: Any] = [:]
            for c in BiasComponent.allCases { applied[c.jsonKey] = a.vector[c.rawValue] * c.edgeUnitFactor }
            object["applied"] = applied
        } else {
            object["applied"] = NSNull()
        }
        return object
    }
}
