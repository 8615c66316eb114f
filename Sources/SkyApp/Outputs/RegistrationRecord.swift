import Foundation
public import SkyModel
public import SkyStorage
public import SkyTracking

/// A radar's registration estimate as a recording keeps it (``SkyStorage/RecordedRegistration``): every field of
/// the estimate in its internal unit (m, ppm, rad, s) and the tracker's registration mode, as JSON whose numbers
/// read back bit for bit, so that `replay --tracks` shows and `skywatch export` sends what the live run had.
public enum RegistrationRecord {
    private struct Document: Codable {
        var mode: String
        var reference: Bool
        var pinned: Bool
        var bias: [Double]
        var sigma: [Double]
        var observable: [Bool]
        var componentConverged: [Bool]
        var converged: Bool
        var convergedSince: Double?
        var observations: Int
        var rejected: Int
        var azimuthSectors: Int
        var rangeSpreadMetres: Double
        var rmsGroundSpeed: Double
        var jumps: Int
        var lastJumpTime: Double?
    }

    private static let floats = (positive: "inf", negative: "-inf", nan: "nan")

    /// The recorded form of `estimate` at data time `time` (UNIX seconds) under `mode`.
    public static func record(
        _ estimate: RadarRegistrationEstimate,
        mode: RegistrationMode,
        time: Double
    ) -> RecordedRegistration {
        let e = estimate
        let document = Document(
            mode: mode.rawValue,
            reference: e.isReference,
            pinned: e.isPinned,
            bias: (0..<4).map { e.bias.vector[$0] },
            sigma: (0..<4).map { e.sigma.vector[$0] },
            observable: e.observable,
            componentConverged: e.componentConverged,
            converged: e.converged,
            convergedSince: e.convergedSince,
            observations: e.observations,
            rejected: e.rejected,
            azimuthSectors: e.azimuthSectors,
            rangeSpreadMetres: e.rangeSpreadMetres,
            rmsGroundSpeed: e.rmsGroundSpeed,
            jumps: e.jumps,
            lastJumpTime: e.lastJumpTime
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: floats.positive,
            negativeInfinity: floats.negative,
            nan: floats.nan
        )
        let json = (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return RecordedRegistration(radar: e.sensor.description, time: time, json: json)
    }

    /// The estimate and mode of a recorded row, or `nil` when the row is not one this build reads (a radar name
    /// that is not `SAC/SIC`, a document of another shape).
    public static func estimate(
        _ record: RecordedRegistration
    ) -> (estimate: RadarRegistrationEstimate, mode: RegistrationMode)? {
        let parts = record.radar.split(separator: "/").compactMap { UInt8($0) }
        guard parts.count == 2 else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: floats.positive,
            negativeInfinity: floats.negative,
            nan: floats.nan
        )
        guard let d = try? decoder.decode(Document.self, from: Data(record.json.utf8)),
            let mode = RegistrationMode(rawValue: d.mode), d.bias.count == 4, d.sigma.count == 4,
            d.observable.count == 4, d.componentConverged.count == 4
        else { return nil }
        var e = RadarRegistrationEstimate(
            sensor: SensorID(sac: parts[0], sic: parts[1]),
            isReference: d.reference,
            priorSigma: .zero
        )
        e.isPinned = d.pinned
        e.bias = RadarBias(vector: SIMD4(d.bias))
        e.sigma = RadarBias(vector: SIMD4(d.sigma))
        e.observable = d.observable
        e.componentConverged = d.componentConverged
        e.converged = d.converged
        e.convergedSince = d.convergedSince
        e.observations = d.observations
        e.rejected = d.rejected
        e.azimuthSectors = d.azimuthSectors
        e.rangeSpreadMetres = d.rangeSpreadMetres
        e.rmsGroundSpeed = d.rmsGroundSpeed
        e.jumps = d.jumps
        e.lastJumpTime = d.lastJumpTime
        return (e, mode)
    }
}
