import Foundation
import SkyModeS

/// Loads files from `Fixtures/` (copied into the test bundle).
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return [UInt8](try Data(contentsOf: url))
    }

    /// All frames of a Beast or AVR fixture, with errors.
    static func frames(_ name: String) throws -> (frames: [ReceivedFrame], errors: [ModeSInputError]) {
        let data = try bytes(name)
        var frames: [ReceivedFrame] = []
        var errors: [ModeSInputError] = []
        data.withUnsafeBufferPointer { b in
            if name.hasSuffix(".beast") {
                var p = BeastParser()
                p.parse(b, isFinal: true, onFrame: { frames.append($0) }, onError: { errors.append($0) })
            } else {
                var p = AVRParser()
                p.parse(b, isFinal: true, onFrame: { frames.append($0) }, onError: { errors.append($0) })
            }
        }
        return (frames, errors)
    }
}

extension ReceivedFrame {
    var modeSFrame: ModeSFrame? {
        if case .modeS(let f) = content { return f }
        return nil
    }
}
