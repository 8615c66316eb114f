import Foundation
import SkyModeS

/// Recorded Mode S input: one loop over a file's frames, whatever its format.
enum ModeSRecording {
    /// Calls `onFrame` for every received frame of `data` in stream order, with its time stamp in seconds when the
    /// input has one (Beast and AVR-MLAT: 12 MHz ticks / 12·10⁶; JSON lines: `timestamp` or `t`).
    ///
    /// Malformed pieces go to `onError` with their byte offset (and line, for the text formats); the frames after
    /// them are still delivered.
    /// - Complexity: O(bytes).
    static func forEachFrame(
        in data: Data,
        format: ModeSInputFormat,
        onFrame: (ReceivedFrame, _ seconds: Double?) -> Void,
        onError: (ModeSInputError) -> Void
    ) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            switch format {
            case .beast:
                var p = BeastParser()
                p.parse(bytes, isFinal: true, onFrame: { onFrame($0, $0.timestampSeconds) }, onError: onError)
            case .avr:
                var p = AVRParser()
                p.parse(bytes, isFinal: true, onFrame: { onFrame($0, $0.timestampSeconds) }, onError: onError)
            case .jsonl:
                var lineNumber = 0
                var offset = 0
                for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                    lineNumber += 1
                    defer { offset += line.count + 1 }
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                        let hex = object["frame"] as? String ?? object["hex"] as? String,
                        let frame = ModeSFrame(hex: hex)
                    else {
                        onError(
                            ModeSInputError(
                                code: .badLength,
                                offset: offset,
                                line: lineNumber,
                                message: "not a JSON object with a 14/28-digit \"frame\""
                            )
                        )
                        continue
                    }
                    let t = (object["timestamp"] as? NSNumber)?.doubleValue ?? (object["t"] as? NSNumber)?.doubleValue
                    onFrame(
                        ReceivedFrame(timestamp12MHz: nil, signalLevel: nil, content: .modeS(frame), offset: offset),
                        t
                    )
                }
            }
        }
    }
}
