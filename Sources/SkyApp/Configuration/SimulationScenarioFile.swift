import Foundation
import SkyGeodesy
import SkyModel
import SkyScenario
import SkySimulation

/// The JSON scenario file of `skywatch simulate --scenario FILE` (documented in `docs/simulation.md`).
///
/// Every key is optional except where noted; units are in the key names (`_m`, `_s`, `_deg`, `_mps`).
public struct SimulationScenarioFile: Decodable, Sendable {
    public var name: String?
    public var preset: String?
    public var epochUnixS: Int?
    public var durationS: Int?
    public var seed: UInt64?
    public var reference: Point?
    public var radars: [Radar]?
    public var adsbReceivers: [Receiver]?
    public var traffic: Traffic?

    public struct Receiver: Decodable, Sendable {
        public var lat: Double
        public var lon: Double
        public var altM: Double
        public var maxRangeM: Double?
        public var receptionProbability: Double?
    }

    public struct Point: Decodable, Sendable {
        public var lat: Double
        public var lon: Double
        public var altM: Double?
        var geodetic: GeodeticPosition {
            GeodeticPosition(latitudeDegrees: lat, longitudeDegrees: lon, heightMetres: altM ?? 0)
        }
    }

    public struct Radar: Decodable, Sendable {
        public var radarId: Int
        public var name: String?
        public var lat: Double
        public var lon: Double
        public var altM: Double
        public var kind: String?
        public var hasPrimary: Bool?
        public var rotationPeriodS: Double
        public var azimuthAtT0Deg: Double?
        public var sigmaRangeM: Double
        public var sigmaAzimuthDeg: Double
        public var rangeBiasM: Double?
        public var rangeGainPpm: Double?
        public var azimuthBiasDeg: Double?
        public var timeBiasS: Double?
        public var minRangeM: Double?
        public var maxRangeM: Double
        public var coneOfSilenceDeg: Double?
        public var psrReferenceRangeM: Double?
        public var psrReferencePd: Double?
        public var psrReferenceRcsM2: Double?
        public var psrPfa: Double?
        public var ssrReplyProbability: Double?
        public var falsePlotsPerScan: Double?
        public var modeCQuantumFt: Double?
        public var sectors: Int?
        public var sac: UInt8?
        public var mtiBlindSpeedMps: Double?
    }

    public struct Traffic: Decodable, Sendable {
        public var random: [RandomGroup]?
        public var aircraft: [Aircraft]?
        public var drones: [Drone]?
        public var fastObjects: [FastObject]?
        public var replayTruth: String?
    }

    public struct RandomGroup: Decodable, Sendable {
        public var category: String
        public var count: Int
        public var centre: Point
        public var radiusM: Double
    }

    public struct Hold: Decodable, Sendable {
        public var inboundCourseDeg: Double
        public var legS: Double?
        public var right: Bool?
        public var laps: Int?
    }

    public struct WaypointEntry: Decodable, Sendable {
        public var lat: Double
        public var lon: Double
        public var altM: Double
        public var speedMps: Double
        public var hold: Hold?
    }

    public struct ADSB: Decodable, Sendable {
        public var version: Int?
        public var nacp: Int?
        public var nacv: Int?
        public var nic: Int?
        public var accuracyFraction: Double?
    }

    public struct Aircraft: Decodable, Sendable {
        public var category: String?
        public var startS: Int?
        public var position: Point
        public var headingDeg: Double?
        public var speedMps: Double
        public var waypoints: [WaypointEntry]
        public var continueAfterLast: Bool?
        public var transponder: String?
        public var modeA: String?
        public var icao24: String?
        public var callsign: String?
        public var rcsM2: Double?
        public var adsb: ADSB?
    }

    public struct Drone: Decodable, Sendable {
        public var centre: Point
        public var radiusM: Double?
        public var speedMps: Double?
        public var heightM: Double?
        public var startS: Int?
    }

    public struct FastObject: Decodable, Sendable {
        public var position: Point
        public var headingDeg: Double
        public var mach: Double
        public var turnRateDegS: Double?
        public var startS: Int?
    }

    /// Parses a scenario file.
    /// - Throws: `SimulationOutputError` naming the file and the JSON path of the problem.
    public static func load(path: String) throws -> SimulationScenarioFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimulationOutputError(message: "\(path): cannot read file")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let file = try decoder.decode(SimulationScenarioFile.self, from: data)
            try checkKeys(data, file: path)
            return file
        } catch let DecodingError.keyNotFound(key, context) {
            throw SimulationOutputError(message: "\(path): missing key '\(key.stringValue)' at \(Self.path(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw SimulationOutputError(message: "\(path): \(context.debugDescription) at \(Self.path(context))")
        } catch let DecodingError.dataCorrupted(context) {
            throw SimulationOutputError(
                message: "\(path): \(context.debugDescription) \(context.underlyingError.map { "\($0)" } ?? "")"
            )
        }
    }

    static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
