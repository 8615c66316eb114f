public import SkyModel

/// Bytes of ASTERIX data blocks → surveillance inputs, incrementally, in one framing pass: CAT048 plots (with
/// CAT034 scan timing), CAT034 north markers and sector crossings as scan events, CAT021 ADS-B reports, and from
/// legacy radars CAT001 plots with CAT002 scan timing. Recording files and live UDP
/// datagrams go through the same state.
///
/// Errors never stop the stream: a bad block is skipped, counted by its `DecodeError` code, and the first few
/// are kept with their offsets.
public struct ASTERIXIngest: Sendable {
    /// Scan timing and time-of-day resolution.
    public private(set) var assembler: RadarPlotAssembler
    /// Errors by code.
    public private(set) var errorsByCode: [String: Int] = [:]
    /// The first errors, with offsets (at most ``keptErrors``).
    public private(set) var errors: [DecodeError] = []
    /// Records of other categories (ignored).
    public private(set) var otherRecords = 0
    /// How many errors to keep with their details.
    public var keptErrors = 100
    private var report = CAT048Report()
    private var message = CAT034Message()
    private var legacyPlot = CAT001Report()
    private var legacyScan = CAT002Message()

    /// An ingest whose first ASTERIX times of day are resolved near `reference` (UNIX seconds).
    public init(reference: Double) { assembler = RadarPlotAssembler(reference: reference) }

    /// Decodes the data blocks in `bytes[start..<end]` (one datagram, or a whole raw file).
    /// - Parameters:
    ///   - captureTime: arrival time of the datagram, UNIX seconds, when known (resolves times of day).
    ///   - emit: called with each input, in the order of the records.
    /// - Returns: the number of errors met.
    @discardableResult
    public mutating func decode(
        _ bytes: [UInt8],
        start: Int = 0,
        end: Int? = nil,
        captureTime: Double? = nil,
        _ emit: (SurveillanceInput) -> Void
    ) -> Int {
        var sink = RecordRangeSink()
        let end = end ?? bytes.count
        _ = bytes.withUnsafeBytes { BlockDecoder.decode($0, start: start, end: end, into: &sink) }
        var failures = sink.errors.count
        for e in sink.errors { count(e) }
        for r in sink.ranges {
            do {
                switch r.category {
                case 48:
                    _ = try ItemSlots.decode(.cat048, bytes: bytes, start: r.start, end: r.end, into: &report.slots)
                    if let p = assembler.plot(report, captureTime: captureTime) { emit(.radar(p)) }
                case 21:
                    let (record, _) = try ASTERIXRecord.decode(category: 21, bytes: bytes, start: r.start, end: r.end)
                    let reference = captureTime ?? assembler.lastTime ?? assembler.reference
                    if let a = CAT021Converter.report(record, nearReference: reference) { emit(.adsb(a)) }
                case 34:
                    _ = try ItemSlots.decode(.cat034, bytes: bytes, start: r.start, end: r.end, into: &message.slots)
                    if let event = assembler.add(message, captureTime: captureTime) { emit(.scan(event)) }
                case 1:
                    // Legacy radars: CAT001 plots (track reports give no plot and are skipped).
                    _ = try legacyPlot.decode(bytes, start: r.start, end: r.end)
                    if let p = assembler.plot(legacyPlot, captureTime: captureTime) { emit(.radar(p)) }
                case 2:
                    _ = try ItemSlots.decode(.cat002, bytes: bytes, start: r.start, end: r.end, into: &legacyScan.slots)
                    if let event = assembler.add(legacyScan, captureTime: captureTime) { emit(.scan(event)) }
                default:
                    otherRecords += 1
                }
            } catch {
                failures += 1
                count(error)
            }
        }
        return failures
    }

    private mutating func count(_ e: DecodeError) {
        errorsByCode[e.code.description, default: 0] += 1
        if errors.count < keptErrors { errors.append(e) }
    }
}
