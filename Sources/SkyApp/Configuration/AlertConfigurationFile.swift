import Foundation
public import SkyAlerts
import SkyScenario

/// The safety nets from their files: the alert configuration (JSON, `docs/alerts.md`; any subset of the keys) and
/// restricted areas (GeoJSON, ED-318 or ED-269; ``SkyScenario/RestrictedAreasFile``).
/// - Parameters:
///   - configPath: alert configuration file; `nil` for the defaults.
///   - areasPath: restricted areas file; `nil` for none.
/// - Returns: a new engine.
/// - Throws: ``ConfigError`` naming the configuration file and the offending key; the areas file's own error.
public func makeAlertEngine(configPath: String?, areasPath: String?) throws -> AlertEngine {
    var configuration = AlertConfiguration()
    if let path = configPath {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("\(path): cannot read the alert configuration")
        }
        do {
            configuration = try JSONDecoder().decode(AlertConfiguration.self, from: data)
        } catch {
            throw ConfigError("\(path): invalid alert configuration: \(error)")
        }
    }
    let areas = try areasPath.map { try RestrictedAreasFile.read(path: $0) } ?? []
    return AlertEngine(configuration: configuration, areas: areas)
}
