import Foundation
import GRDB

/// The recorded input messages, for replay.
extension Recording {
    /// Calls `body` with the input messages of data time `from…to`, in data time order (ties in arrival order),
    /// in batches of at most `batchSize`. Each batch is one short read, so a long replay never holds a read
    /// transaction open against the recorder.
    /// - Throws: `DatabaseError`, or what `body` throws.
    public func forEachInputBatch(
        from: Double,
        to: Double,
        batchSize: Int = 4096,
        _ body: ([RecordedInput]) throws -> Void
    ) throws {
        var cursor = InputCursor(from: from, to: to, batchSize: batchSize)
        while let batch = try reader.read({ db in try cursor.next(db) }) {
            try body(batch)
        }
    }

    /// The data time range of the recorded input messages, UNIX seconds; `nil` when none is recorded.
    /// - Throws: `DatabaseError`.
    public func inputTimeRange() throws -> ClosedRange<Double>? {
        try reader.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT min(data_time), max(data_time) FROM input_message"),
                let low: Double = row[0], let high: Double = row[1]
            else { return nil }
            return low...high
        }
    }

    /// Every input message of data time `from…to`, in data time order.
    /// - Complexity: O(k) memory for k messages; prefer ``inputs(from:to:batchSize:)`` for long ranges.
    /// - Throws: `DatabaseError`.
    public func inputs(from: Double, to: Double) throws -> [RecordedInput] {
        var all: [RecordedInput] = []
        try forEachInputBatch(from: from, to: to) { all += $0 }
        return all
    }

    /// The input messages of data time `from…to` as an asynchronous sequence in data time order, read in
    /// batches of `batchSize`: what replay feeds to the decoders.
    public func inputs(from: Double, to: Double, batchSize: Int = 4096) -> RecordedInputSequence {
        RecordedInputSequence(reader: reader, cursor: InputCursor(from: from, to: to, batchSize: batchSize))
    }
}

/// Keyset pagination over `input_message` by `(data_time, id)`.
struct InputCursor: Sendable {
    var lastTime: Double
    var lastID: Int64 = Int64.min
    let to: Double
    let batchSize: Int

    init(from: Double, to: Double, batchSize: Int) {
        lastTime = from
        self.to = to
        self.batchSize = max(1, batchSize)
    }

    /// The next batch, or `nil` when the range is exhausted.
    mutating func next(_ db: Database) throws -> [RecordedInput]? {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, input, arrival_time, data_time, kind, bytes FROM input_message
                WHERE (data_time > ? OR (data_time = ? AND id > ?)) AND data_time <= ?
                ORDER BY data_time, id LIMIT ?
                """,
            arguments: [lastTime, lastTime, lastID, to, batchSize]
        )
        guard let last = rows.last else { return nil }
        lastTime = last[3]
        lastID = last[0]
        return rows.map { row in
            RecordedInput(
                inputName: row[1],
                arrivalTime: row[2],
                dataTime: row[3],
                kind: row[4],
                bytes: [UInt8]((row[5] as Data?) ?? Data())
            )
        }
    }
}

/// Recorded input messages in data time order, read in batches (see ``Recording/inputs(from:to:batchSize:)``).
public struct RecordedInputSequence: AsyncSequence, Sendable {
    public typealias Element = RecordedInput
    let reader: any DatabaseReader
    let cursor: InputCursor

    public func makeAsyncIterator() -> Iterator { Iterator(reader: reader, cursor: cursor) }

    /// Iterates the messages; each batch is one read.
    public struct Iterator: AsyncIteratorProtocol {
        let reader: any DatabaseReader
        var cursor: InputCursor
        var batch: [RecordedInput] = []
        var index = 0
        var done = false

        public mutating func next() async throws -> RecordedInput? {
            if index == batch.count {
                guard !done else { return nil }
                let start = cursor
                let next = try await reader.read { db in
                    var c = start
                    let b = try c.next(db)
                    return (b, c)
                }
                cursor = next.1
                guard let b = next.0 else {
                    done = true
                    return nil
                }
                batch = b
                index = 0
            }
            defer { index += 1 }
            return batch[index]
        }
    }
}
