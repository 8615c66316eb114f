import Foundation
public import SkyGeodesy
import SkyModeS
public import SkyModel

/// How receiver time stamps become UNIX seconds for fusion with radar data.
///
/// Beast and AVR-MLAT frames carry a 12 MHz counter; JSON lines a `timestamp` in seconds. Their origin depends on
/// the receiver: GPS-disciplined receivers and the Skywatch simulator (`adsb.beast`) count from UTC midnight, a
/// free-running dump1090/readsb counter from the receiver's start.
public enum ADSBTimeBase: Sendable, Equatable {
    /// Seconds since UTC midnight, on the day nearest the radar data's reference time; a stamp of 10⁹ s or more
    /// is taken as UNIX seconds already. The default, and what `skywatch simulate` writes.
    case utcMidnight
    /// UNIX seconds = receiver seconds + offset (for free-running counters: the offset is the UNIX time of
    /// counter zero).
    case offset(Double)

    /// The UNIX time of a receiver time stamp.
    /// - Parameters:
    ///   - seconds: the stamp, seconds (12 MHz ticks / 12·10⁶, or the JSON `timestamp`).
    ///   - reference: a UNIX time on the day of the data (the radar recording's middle).
    public func unixSeconds(receiverSeconds seconds: Double, reference: Double) -> Double {
        switch self {
        case .offset(let o): return seconds + o
        case .utcMidnight:
            if seconds >= 1e9 { return seconds }
            return ASTERIXTime.unixSeconds(timeOfDaySeconds: seconds, nearReference: reference)
        }
    }
}

/// A Mode S recording whose ADS-B position reports `skywatch track` fuses: decoded while the run reads it
/// (``ADSBReportStream``), so that memory does not grow with the recording.
public struct ADSBFileSpec: Sendable {
    /// The recording and its format.
    public var path: String
    public var format: ModeSInputFormat
    /// How its time stamps map to UNIX time.
    public var timeBase: ADSBTimeBase
    /// A UNIX time on the data's day (the radar data's middle), for ``ADSBTimeBase/utcMidnight``.
    public var referenceUnixSeconds: Double
    /// The receiver (or system reference) position, for local and surface CPR decoding.
    public var receiver: GeodeticPosition
    /// The radar data's span, UNIX s: reports mostly outside it mean a wrong time base (a warning).
    public var radarSpan: ClosedRange<Double>
}

/// The ADS-B position reports of a Mode S recording, decoded as the file is read and released in time order.
///
/// Frames → `ModeSDecoder` → `AircraftTable` (CPR pairing, readsb-style plausibility), in file order; every
/// accepted airborne or surface position becomes one `ADSBReport` with the entry's altitude, velocity, identity and
/// NACp. The file is read in chunks of ``chunkBytes``; the reports wait in a heap ordered by (time, arrival) until
/// the newest time read is ``horizonSeconds`` past them, so that they come out in the order a stable sort of the
/// whole recording gives, with memory bounded by the horizon's reports instead of the recording's. A report older
/// than one already released (a receiver's clock more than the horizon out of order) is released at once and
/// counted (``outOfOrder``). JSON lines are decoded whole (they are small test and reference files).
final class ADSBReportStream {
    /// Bytes read per chunk (by default).
    static let chunkBytes = 1 << 20
    /// How long a report waits for earlier ones, s of data time.
    static let horizonSeconds = 10.0

    let spec: ADSBFileSpec
    let chunkBytes: Int
    private var handle: FileHandle?
    private var ingest: ModeSIngest
    private var beast = BeastParser()
    private var avr = AVRParser()
    private var carry: [UInt8] = []
    private var endOfFile = false
    private var bytesRead = 0
    /// Waiting reports in two parts: those that came in time order (each no earlier than every report before it,
    /// the usual case: O(1) each), in a FIFO from `inOrderHead` on, and the others in a binary min-heap on
    /// (time, arrival number) of slots in `slab` (small entries: a heap of whole reports moved ~10× more bytes).
    private var inOrder: [(arrival: Int, report: ADSBReport)] = []
    private var inOrderHead = 0
    private var pending: [(time: Double, arrival: Int, slot: Int)] = []
    private var slab: [ADSBReport?] = []
    private var freeSlots: [Int] = []
    private var newestTime = -Double.infinity
    private var lastReleased = -Double.infinity

    /// Mode S frames read, frames without a usable time stamp (AVR `*…;` lines), input errors.
    private(set) var frames = 0, untimedFrames = 0, inputErrors = 0
    /// Reports decoded; released before an earlier-stamped one arrived.
    private(set) var reports = 0, outOfOrder = 0
    /// Aircraft seen at most at once in the table.
    private(set) var aircraft = 0
    /// The first input errors, with byte offsets.
    private(set) var firstErrors: [String] = []
    /// Reports inside the radar span (± 60 s), and the first and last report times.
    private var insideSpan = 0
    private var firstTime: Double?, lastTime: Double?

    /// Opens the recording (an unreadable file becomes an input error in ``lines``).
    init(_ spec: ADSBFileSpec, chunkBytes: Int = ADSBReportStream.chunkBytes) {
        self.spec = spec
        self.chunkBytes = chunkBytes
        var config = AircraftTable.Configuration(
            referenceLatitude: spec.receiver.latitudeDegrees,
            referenceLongitude: spec.receiver.longitudeDegrees
        )
        config.checksPairTime = true
        ingest = ModeSIngest(configuration: config, expiryCheckSeconds: 60)
        if spec.format == .jsonl {
            if let data = FileManager.default.contents(atPath: spec.path) {
                ModeSRecording.forEachFrame(
                    in: data,
                    format: .jsonl,
                    onFrame: { r, seconds in
                        if case .modeS(let f) = r.content { self.handle(f, seconds: seconds) }
                    },
                    onError: onError
                )
            } else {
                note("cannot read file")
            }
            endOfFile = true
        } else {
            handle = FileHandle(forReadingAtPath: spec.path)
            if handle == nil {
                note("cannot read file")
                endOfFile = true
            }
        }
    }

    /// The time of the next report, reading on as needed; `nil` at the end.
    func peekTime() -> Double? {
        fill()
        return earliest?.time
    }

    /// The earliest waiting report's time and whether it is the FIFO's head (else the heap's top).
    private var earliest: (time: Double, fromInOrder: Bool)? {
        let fifo = inOrderHead < inOrder.count ? inOrder[inOrderHead] : nil
        guard let top = pending.first else { return fifo.map { ($0.report.time, true) } }
        guard let fifo else { return (top.time, false) }
        return (fifo.report.time, fifo.arrival) < (top.time, top.arrival) ? (fifo.report.time, true) : (top.time, false)
    }

    /// The next report in time order; `nil` at the end.
    func next() -> ADSBReport? {
        fill()
        guard let e = earliest, e.time <= releasableTime else { return nil }
        lastReleased = Swift.max(lastReleased, e.time)
        if e.fromInOrder {
            let r = inOrder[inOrderHead].report
            inOrderHead += 1
            if inOrderHead >= 4096 && inOrderHead * 2 >= inOrder.count {
                inOrder.removeFirst(inOrderHead)
                inOrderHead = 0
            }
            return r
        }
        let top = pending[0]
        let last = pending.removeLast()
        if !pending.isEmpty {
            pending[0] = last
            siftDown(0)
        }
        let report = slab[top.slot]
        slab[top.slot] = nil
        freeSlots.append(top.slot)
        return report
    }

    /// Reports up to this time may leave the buffer.
    private var releasableTime: Double { endOfFile ? .infinity : newestTime - Self.horizonSeconds }

    /// Reads chunks until the first waiting report may leave, or to the end of the file.
    private func fill() {
        while !endOfFile && !((earliest?.time ?? .infinity) <= releasableTime) {
            readChunk()
        }
    }

    private func readChunk() {
        guard let handle else {
            endOfFile = true
            return
        }
        let chunk: Data
        do {
            chunk = try handle.read(upToCount: chunkBytes) ?? Data()
        } catch {
            note("read error after \(bytesRead) bytes: \(error)")
            chunk = Data()
        }
        let isFinal = chunk.isEmpty
        bytesRead += chunk.count
        let onFrame = { (r: ReceivedFrame) in
            if case .modeS(let f) = r.content { self.handle(f, seconds: r.timestampSeconds) }
        }
        carry.append(contentsOf: chunk)
        let used = carry.withUnsafeBufferPointer { bytes in
            switch spec.format {
            case .beast: beast.parse(bytes, isFinal: isFinal, onFrame: onFrame, onError: onError)
            case .avr: avr.parse(bytes, isFinal: isFinal, onFrame: onFrame, onError: onError)
            case .jsonl: bytes.count
            }
        }
        carry.removeFirst(isFinal ? carry.count : used)
        if isFinal {
            endOfFile = true
            try? handle.close()
            self.handle = nil
        }
    }

    private func handle(_ frame: ModeSFrame, seconds: Double?) {
        frames += 1
        guard let seconds else {
            untimedFrames += 1
            return
        }
        let time = spec.timeBase.unixSeconds(receiverSeconds: seconds, reference: spec.referenceUnixSeconds)
        if let r = ingest.ingest(frame, time: time) { add(r) }
        aircraft = Swift.max(aircraft, ingest.table.count)
    }

    private func add(_ r: ADSBReport) {
        reports += 1
        if firstTime == nil { firstTime = r.time }
        lastTime = r.time
        if r.time >= spec.radarSpan.lowerBound - 60 && r.time <= spec.radarSpan.upperBound + 60 { insideSpan += 1 }
        defer { newestTime = Swift.max(newestTime, r.time) }
        if r.time >= newestTime {
            inOrder.append((reports, r))
            return
        }
        if r.time < lastReleased {
            // Older than a report already released: the horizon did not cover this receiver's disorder.
            outOfOrder += 1
        }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slab[slot] = r
        } else {
            slot = slab.count
            slab.append(r)
        }
        pending.append((r.time, reports, slot))
        siftUp(pending.count - 1)
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        (pending[a].time, pending[a].arrival) < (pending[b].time, pending[b].arrival)
    }

    private func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard precedes(i, parent) else { return }
            pending.swapAt(i, parent)
            i = parent
        }
    }

    private func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1
            guard l < pending.count else { return }
            var m = l
            if l + 1 < pending.count && precedes(l + 1, l) { m = l + 1 }
            guard precedes(m, i) else { return }
            pending.swapAt(i, m)
            i = m
        }
    }

    private func onError(_ e: ModeSInputError) {
        inputErrors += 1
        if firstErrors.count < 5 { firstErrors.append("\(spec.path): \(e)") }
    }

    private func note(_ message: String) {
        inputErrors += 1
        if firstErrors.count < 5 { firstErrors.append("\(spec.path): \(message)") }
    }

    /// Summary lines (after the run): counts, errors, and a warning when most reports fall outside the radar
    /// data's span (a wrong receiver time base).
    var lines: [String] {
        let path = spec.path
        var l = [
            "adsb \(path): \(frames) Mode S frames, \(reports) position reports of \(aircraft) aircraft, "
                + "\(ingest.rejectedPositions) implausible positions, \(inputErrors) input errors"
        ]
        if untimedFrames > 0 {
            l.append("adsb \(path): \(untimedFrames) frames without time stamp skipped (AVR '*…;' lines carry none)")
        }
        if outOfOrder > 0 {
            l.append(
                "adsb \(path): \(outOfOrder) reports more than \(Int(Self.horizonSeconds)) s older than earlier ones "
                    + "in the file, fused late"
            )
        }
        l += firstErrors
        if let first = firstTime, let last = lastTime, insideSpan < reports / 2 {
            l.append(
                "warning: adsb \(path): only \(insideSpan) of \(reports) reports fall within the radar data's "
                    + "time span (reports \(Int(first))…\(Int(last)), radar \(Int(spec.radarSpan.lowerBound))…"
                    + "\(Int(spec.radarSpan.upperBound)) UNIX s): check the receiver time base (--adsb-time-offset)"
            )
        }
        return l
    }
}

extension TrackInput {
    /// Adds the ADS-B reports of a Mode S recording, on the time base `timeBase`, decoded with the system
    /// reference point as the receiver position. The file is decoded while the run reads it
    /// (``ADSBReportStream``); its counts and errors join the summary's notes at the end.
    /// - Throws: when the file cannot be read.
    public mutating func addADSB(
        path: String,
        format: ModeSInputFormat,
        timeBase: ADSBTimeBase = .utcMidnight
    )
        throws
    {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ConfigError("\(path): cannot read file")
        }
        adsbFiles.append(
            ADSBFileSpec(
                path: path,
                format: format,
                timeBase: timeBase,
                referenceUnixSeconds: epochUnixSeconds + durationSeconds / 2,
                receiver: reference,
                radarSpan: epochUnixSeconds...(epochUnixSeconds + durationSeconds)
            )
        )
    }
}
