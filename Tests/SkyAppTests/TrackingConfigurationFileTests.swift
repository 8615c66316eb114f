import Foundation
import SkyApp
import SkyTracking
import Testing

/// The tracker parameters file (`skywatch track --config`, `tracker.parameters_file` of `serve`): any subset of the
/// keys, and nothing else.
struct TrackingConfigurationFileTests {
    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "skywatch-tracker-config-\(UUID().uuidString).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("A subset of the keys, with an adsb object, sets those and keeps the other defaults")
    func subset() throws {
        let path = try Self.file(
            """
            {"confirmVelocitySigma": 90,
             "registration": "estimate",
             "adsb": {"minimumPositionSigma": 12.5}}
            """
        )
        let c = try TrackingConfiguration.load(path: path, associator: .jpda)
        #expect(c.tracker.confirmVelocitySigma == 90)
        #expect(c.tracker.registration == .estimate)
        #expect(c.tracker.gateThreshold == TrackerConfiguration().gateThreshold)
        #expect(c.adsb.minimumPositionSigma == 12.5)
        #expect(c.associator == .jpda)
    }

    @Test(
        "A misspelt key, in the tracker keys or in the adsb object, is an error with the file, line and key path",
        arguments: [
            (
                "{\n  \"gateThreshold\": 16,\n  \"confirmVelocitySigmaa\": 90\n}",
                ":3: confirmVelocitySigmaa: unknown key"
            ),
            ("{\"adsb\": {\n \"minimumPositionSigmaa\": 3}}", ":2: adsb.minimumPositionSigmaa: unknown key"),
            ("{\n\"gateThreshold\": \"sixteen\"}", ":2: gateThreshold: expected Double"),
            ("[1, 2]", ":1: top level: expected an object"),
        ]
    )
    func rejected(text: String, expected: String) throws {
        let path = try Self.file(text)
        #expect {
            try TrackingConfiguration.load(path: path)
        } throws: { e in
            "\(e)".hasPrefix(path + expected)
        }
    }

    @Test("Every TrackerConfiguration parameter is a key a file may give")
    func everyKey() throws {
        // Encoding the defaults gives every stored parameter's key (no optionals): none is missing from the list.
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(TrackerConfiguration()))
        let keys = Set((encoded as? [String: Any] ?? [:]).keys)
        #expect(keys.count > 60)
        #expect(keys == TrackerConfiguration.configurationKeys)
        let adsb = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ADSBFusionConfiguration()))
        #expect(Set((adsb as? [String: Any] ?? [:]).keys) == ADSBFusionConfiguration.configurationKeys)
    }
}
