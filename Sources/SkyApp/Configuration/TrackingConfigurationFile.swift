import Foundation
public import SkyTracking

extension TrackingConfiguration {
    /// Reads tracker parameters from a JSON file: any subset of ``SkyTracking/TrackerConfiguration``'s keys, and
    /// an optional `"adsb"` object of ``SkyTracking/ADSBFusionConfiguration``'s keys; the rest keep their defaults.
    /// - Parameters:
    ///   - path: the file.
    ///   - filter: filter variant (chosen on the command line).
    ///   - associator: associator variant.
    /// - Throws: ``ConfigError`` naming the file.
    public static func load(
        path: String,
        filter: FilterKind = .imm,
        associator: AssociatorKind = .gnn
    ) throws
        -> TrackingConfiguration
    {
        struct ADSBPart: Decodable { var adsb: ADSBFusionConfiguration? }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("\(path): cannot read the tracker configuration")
        }
        do {
            let tracker = try JSONDecoder().decode(TrackerConfiguration.self, from: data)
            let adsb = try JSONDecoder().decode(ADSBPart.self, from: data).adsb ?? ADSBFusionConfiguration()
            return TrackingConfiguration(filter: filter, associator: associator, tracker: tracker, adsb: adsb)
        } catch {
            throw ConfigError("\(path): invalid tracker configuration: \(error)")
        }
    }
}
