import Foundation
import SkySimulation

/// Holds `truth.csv` rows until the end of a run (the file is sorted by `truth_id` first, but the simulation
/// produces rows second by second), spilling to temporary bucket files once `memoryLimit` bytes are held.
///
/// Targets are split into `bucketCount` contiguous groups in truth-id order. A spill appends each group's rows
/// (per target in time order) to that group's file; at the end each bucket file, at most 1/`bucketCount` of the
/// total, is read back and its lines regrouped by target with a stable partition. Memory stays near
/// `memoryLimit` + one bucket, whatever the run length.
struct SimulationTruthSpool {
    let directory: String
    let order: [Int]
    let rankOfTarget: [Int]
    let rankOfTruthID: [Int: Int]
    let bucketCount: Int
    let memoryLimit: Int
    var rows: [[UInt8]]
    var heldBytes = 0
    var spilled = false

    init(configuration: SimulationConfiguration, directory: String, memoryLimit: Int = 512 << 20, bucketCount: Int = 64)
    {
        self.directory = directory
        let targets = configuration.targets
        order = targets.indices.sorted { targets[$0].identity.truthID < targets[$1].identity.truthID }
        var rank = Array(repeating: 0, count: targets.count)
        var byID: [Int: Int] = [:]
        for (r, i) in order.enumerated() {
            rank[i] = r
            byID[targets[i].identity.truthID] = r
        }
        rankOfTarget = rank
        rankOfTruthID = byID
        self.bucketCount = max(1, min(bucketCount, targets.count))
        self.memoryLimit = memoryLimit
        rows = Array(repeating: [], count: targets.count)
    }

    func bucketPath(_ b: Int) -> String { directory + "/.truth-spool-\(b).tmp" }

    /// The ranks (positions in truth-id order) of bucket `b`.
    func ranks(ofBucket b: Int) -> Range<Int> {
        let n = order.count
        return (b * n / bucketCount)..<((b + 1) * n / bucketCount)
    }

    /// Notes `count` new bytes appended to a target's row buffer; spills when over the limit.
    mutating func added(_ count: Int) throws {
        heldBytes += count
        if heldBytes > memoryLimit { try spill() }
    }

    mutating func spill() throws {
        for b in 0..<bucketCount {
            var chunk: [UInt8] = []
            for r in ranks(ofBucket: b) {
                chunk.append(contentsOf: rows[order[r]])
                rows[order[r]] = []
            }
            guard !chunk.isEmpty else { continue }
            let path = bucketPath(b)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            guard let h = FileHandle(forWritingAtPath: path) else {
                throw SimulationOutputError(message: "cannot write \(path)")
            }
            try h.seekToEnd()
            try h.write(contentsOf: chunk)
            try h.close()
        }
        heldBytes = 0
        spilled = true
    }

    /// Writes every row, in truth-id then time order, to `out`; removes the temporary files.
    mutating func write(to out: FileHandle) throws {
        if !spilled {
            var chunk: [UInt8] = []
            for i in order {
                chunk.append(contentsOf: rows[i])
                rows[i] = []
                if chunk.count > 1 << 22 {
                    try out.write(contentsOf: chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            try out.write(contentsOf: chunk)
            return
        }
        try spill()
        for b in 0..<bucketCount {
            let path = bucketPath(b)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let range = ranks(ofBucket: b)
            var lines = Array(repeating: [ArraySlice<UInt8>](), count: range.count)
            let bytes = [UInt8](data)
            var start = 0
            for i in bytes.indices where bytes[i] == 0x0A {
                let line = bytes[start...i]
                // The second field is truth_id.
                let comma1 = line.firstIndex(of: 0x2C)!
                let comma2 = line[(comma1 + 1)...].firstIndex(of: 0x2C)!
                let id = Int(String(decoding: line[(comma1 + 1)..<comma2], as: UTF8.self))!
                lines[rankOfTruthID[id]! - range.lowerBound].append(line)
                start = i + 1
            }
            var chunk: [UInt8] = []
            for group in lines { for line in group { chunk.append(contentsOf: line) } }
            try out.write(contentsOf: chunk)
            try FileManager.default.removeItem(atPath: path)
        }
    }
}
