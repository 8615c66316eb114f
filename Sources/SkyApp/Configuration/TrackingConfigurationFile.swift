import Foundation
public import SkyTracking

extension TrackingConfiguration {
    /// Reads tracker parameters from a JSON file: any subset of ``SkyTracking/TrackerConfiguration``'s keys, and
    /// an optional `"adsb"` object of ``SkyTracking/ADSBFusionConfiguration``'s keys; the rest keep their defaults.
    /// A key outside these (a misspelt parameter) is an error, not a silently kept default.
    /// - Parameters:
    ///   - path: the file.
    ///   - filter: filter variant (chosen on the command line).
    ///   - associator: associator variant.
    /// - Throws: ``ConfigError`` naming the file, the line and the key path.
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
        let reader = StrictReader(file: path, text: String(decoding: data, as: UTF8.self))
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ConfigError("\(path): not valid JSON: \(error.localizedDescription)")
        }
        let top = try reader.object(root, "", allowed: TrackerConfiguration.configurationKeys.union(["adsb"]))
        if let adsb = top["adsb"] {
            _ = try reader.object(adsb, "adsb", allowed: ADSBFusionConfiguration.configurationKeys)
        }
        do {
            let tracker = try JSONDecoder().decode(TrackerConfiguration.self, from: data)
            let adsb = try JSONDecoder().decode(ADSBPart.self, from: data).adsb ?? ADSBFusionConfiguration()
            return TrackingConfiguration(filter: filter, associator: associator, tracker: tracker, adsb: adsb)
        } catch let error as DecodingError {
            throw reader.fail(error)
        } catch {
            throw ConfigError("\(path): invalid tracker configuration: \(error)")
        }
    }
}

extension StrictReader {
    /// A decoding error as a ``ConfigError`` with the file, the line of the key and its path.
    func fail(_ error: DecodingError) -> ConfigError {
        let context: DecodingError.Context
        let message: String
        switch error {
        case .typeMismatch(let type, let c):
            context = c
            message = "expected \(type)"
        case .valueNotFound(let type, let c):
            context = c
            message = "expected \(type), found null"
        case .keyNotFound(let key, let c):
            context = c
            message = "missing key '\(key.stringValue)'"
        case .dataCorrupted(let c):
            context = c
            message = c.debugDescription
        @unknown default:
            return ConfigError("\(file): \(error)")
        }
        let path = context.codingPath.reduce(into: "") { path, key in
            if let i = key.intValue {
                path += "[\(i)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return fail(path, message)
    }
}
