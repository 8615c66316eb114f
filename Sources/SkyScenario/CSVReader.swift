import Foundation

/// A fast reader for the scenario CSV dialect (SCHEMA.md): comma-separated, a header line, `.` decimal point,
/// no quoting, an empty field means "absent". Works on the file's bytes; every error names file, line and column.
struct CSVReader {
    let path: String
    let bytes: [UInt8]
    /// Column name → index, from the header line.
    private(set) var columns: [String: Int] = [:]
    private var headerEnd = 0

    /// Reads the whole file.
    /// - Throws: `ScenarioError` when the file cannot be read or has no header.
    init(path: String) throws(ScenarioError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, line: 0, column: 0, message: "cannot read file")
        }
        self.init(path: path, bytes: [UInt8](data))
    }

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var end = 0
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        var header = bytes[0..<end]
        if header.last == 0x0D { header = header.dropLast() }
        for (i, name) in header.split(separator: 0x2C, omittingEmptySubsequences: false).enumerated() {
            columns[String(decoding: name, as: UTF8.self).trimmingCharacters(in: .whitespaces)] = i
        }
        headerEnd = Swift.min(end + 1, bytes.count)
    }

    /// The index of a required column.
    /// - Throws: `ScenarioError` at line 1 naming the missing column.
    func requiredColumn(_ name: String) throws(ScenarioError) -> Int {
        guard let i = columns[name] else {
            throw ScenarioError(file: path, line: 1, column: 1, message: "missing column '\(name)' in header")
        }
        return i
    }

    /// Calls `body` for each data line (blank lines skipped) with a row view.
    func forEachRow(_ body: (inout Row) throws(ScenarioError) -> Void) throws(ScenarioError) {
        var lineNumber = 1
        var start = headerEnd
        var fieldStarts: [Int] = []
        var fieldEnds: [Int] = []
        fieldStarts.reserveCapacity(16)
        fieldEnds.reserveCapacity(16)
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd > start {
                fieldStarts.removeAll(keepingCapacity: true)
                fieldEnds.removeAll(keepingCapacity: true)
                var s = start
                var i = start
                while i < lineEnd {
                    if bytes[i] == 0x2C {
                        fieldStarts.append(s)
                        fieldEnds.append(i)
                        s = i + 1
                    }
                    i += 1
                }
                fieldStarts.append(s)
                fieldEnds.append(lineEnd)
                var row = Row(
                    reader: self,
                    line: lineNumber,
                    lineStart: start,
                    fieldStarts: fieldStarts,
                    fieldEnds: fieldEnds
                )
                try body(&row)
            }
            start = end + 1
        }
    }

    /// One data line.
    struct Row {
        let reader: CSVReader
        let line: Int
        let lineStart: Int
        let fieldStarts: [Int]
        let fieldEnds: [Int]

        func error(_ column: Int, _ message: String) -> ScenarioError {
            let col = column < fieldStarts.count ? fieldStarts[column] - lineStart + 1 : fieldEnds.last! - lineStart + 1
            return ScenarioError(file: reader.path, line: line, column: col, message: message)
        }

        func isEmpty(_ column: Int) -> Bool {
            column >= fieldStarts.count || fieldStarts[column] == fieldEnds[column]
        }

        func text(_ column: Int) -> String {
            guard column < fieldStarts.count else { return "" }
            return String(decoding: reader.bytes[fieldStarts[column]..<fieldEnds[column]], as: UTF8.self)
        }

        func fieldCount() -> Int { fieldStarts.count }

        /// A required floating-point field.
        func double(_ column: Int, _ name: String) throws(ScenarioError) -> Double {
            guard column < fieldStarts.count else {
                throw error(column, "missing field '\(name)' (line has \(fieldStarts.count) fields)")
            }
            guard let v = FastNumber.parseDouble(reader.bytes, fieldStarts[column], fieldEnds[column]), v.isFinite
            else {
                throw error(column, "field '\(name)': expected a number, found '\(text(column))'")
            }
            return v
        }

        /// An optional floating-point field (empty means absent).
        func optionalDouble(_ column: Int?, _ name: String) throws(ScenarioError) -> Double? {
            guard let column, !isEmpty(column) else { return nil }
            return try double(column, name)
        }

        /// A required integer field.
        func int(_ column: Int, _ name: String) throws(ScenarioError) -> Int {
            guard column < fieldStarts.count else {
                throw error(column, "missing field '\(name)' (line has \(fieldStarts.count) fields)")
            }
            guard let v = FastNumber.parseInt(reader.bytes, fieldStarts[column], fieldEnds[column]) else {
                throw error(column, "field '\(name)': expected an integer, found '\(text(column))'")
            }
            return v
        }
    }
}

/// Number parsing straight from bytes, without creating strings on the common path.
enum FastNumber {
    private static let powersOfTen: [Double] = (0...22).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }
        return v
    }

    /// Parses `[-+]digits[.digits]`; falls back to the standard library for exponents or long mantissas.
    /// Exact (correctly rounded) on the fast path: mantissa < 2⁵³ and at most 22 fraction digits, where one
    /// division by an exact power of ten rounds once.
    static func parseDouble(_ b: [UInt8], _ start: Int, _ end: Int) -> Double? {
        var i = start
        while i < end && b[i] == 0x20 { i += 1 }
        var e = end
        while e > i && b[e - 1] == 0x20 { e -= 1 }
        guard i < e else { return nil }
        var negative = false
        if b[i] == 0x2D || b[i] == 0x2B {
            negative = b[i] == 0x2D
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenDot = false
        var any = false
        while i < e {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                any = true
                if digits < 18 {
                    mantissa = mantissa * 10 + UInt64(c - 0x30)
                    if mantissa != 0 { digits += 1 }
                    if seenDot { fraction += 1 }
                } else {
                    return slowDouble(b, start, end)
                }
            } else if c == 0x2E && !seenDot {
                seenDot = true
            } else {
                return slowDouble(b, start, end)
            }
            i += 1
        }
        guard any else { return nil }
        guard mantissa < (1 << 53), fraction <= 22 else { return slowDouble(b, start, end) }
        let v = Double(mantissa) / powersOfTen[fraction]
        return negative ? -v : v
    }

    private static func slowDouble(_ b: [UInt8], _ start: Int, _ end: Int) -> Double? {
        Double(String(decoding: b[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces))
    }

    /// Parses `[-+]digits`.
    static func parseInt(_ b: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end && b[i] == 0x20 { i += 1 }
        var e = end
        while e > i && b[e - 1] == 0x20 { e -= 1 }
        guard i < e else { return nil }
        var negative = false
        if b[i] == 0x2D || b[i] == 0x2B {
            negative = b[i] == 0x2D
            i += 1
        }
        guard i < e else { return nil }
        var v = 0
        while i < e {
            let c = b[i]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(c - 0x30))
            guard !o1, !o2 else { return nil }
            v = a
            i += 1
        }
        return negative ? -v : v
    }
}
