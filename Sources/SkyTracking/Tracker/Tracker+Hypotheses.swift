import SkyMath
import SkyModel

/// The tentative tracks that continue one root track with different plots: a small track-oriented multiple
/// hypothesis tree at initiation (Blackman & Popoli 1999, §6.3–6.4; Kurien 1990), kept only while the root is
/// tentative.
///
/// Each member is an ordinary tentative track in the table, with its own filter state and score; the family only
/// lists them (at most four), so that siblings die when one confirms and the tree is pruned to its best member
/// ``TrackerConfiguration/initiationPruningScans`` scans after it split.
struct InitiationFamily: Sendable {
    /// Live members' slots; the first `count` are valid.
    var slots = InlineArray<4, Int32>(repeating: -1)
    var count = 0
    /// Data time of the first split, UNIX seconds.
    var splitTime: Double

    init(splitTime: Double) { self.splitTime = splitTime }

    mutating func append(_ slot: Int32) {
        precondition(count < 4, "an initiation family holds at most four members")
        slots[count] = slot
        count += 1
    }

    mutating func remove(_ slot: Int32) {
        for i in 0..<count where slots[i] == slot {
            slots[i] = slots[count - 1]
            slots[count - 1] = -1
            count -= 1
            return
        }
    }
}

/// A branch started in the current cluster: the new slot and the gated pair whose plot it takes.
struct PendingBranch: Sendable {
    var slot: Int32
    var pair: Int32
}

extension Tracker {
    /// The most tentative hypotheses one root may have at once (``TrackerConfiguration/initiationHypotheses``,
    /// clamped to 1…4; 1 is today's single-hypothesis initiation).
    var initiationHypothesisCap: Int { Swift.min(Swift.max(configuration.initiationHypotheses, 1), 4) }

    /// Before the cluster's updates, the competing continuations of every tentative track of the cluster: a branch
    /// (a copy of the track before this batch) for each candidate plot other than the one the association gives it,
    /// best score increment first, and, when a single-plot track with a Mode S address takes its second plot, the
    /// track without it (two plots fit any velocity, so this pairing decides the track's velocity: an aircraft's
    /// reply paired with another object's echo is a fast ghost carrying the aircraft's identity). The
    /// branches are updated by ``updateBranches(_:plotRows:trackColumns:)`` after the tracks themselves, so that a
    /// track confirmed by its own plot first ends its new branches.
    ///
    /// Candidates are the track's gated plots that no confirmed track (confirmed tracks keep their association) and
    /// no other root's tentative track takes; a family holds at most ``initiationHypothesisCap`` live members.
    /// - Parameters:
    ///   - range: the cluster's gated pairs; `plotRows` / `trackColumns`: its local numbering; the associator's
    ///     weights are in `cluster`.
    ///   - branches: cleared, then filled with the branches started (`pair` −1: the track without its plot).
    /// - Complexity: O(pairs × (plots + tracks)) for the cluster.
    mutating func startBranches(
        pairs range: Range<Int>,
        plotRows: [Int32],
        trackColumns: [Int32],
        into branches: inout [PendingBranch]
    ) {
        branches.removeAll(keepingCapacity: true)
        let cap = initiationHypothesisCap
        guard cap > 1 else { return }
        let nt = trackColumns.count
        for (column, slot) in trackColumns.enumerated() {
            // Fields read one by one: a whole record (the IMM state) is large to copy per cluster column.
            let s = Int(slot)
            guard tracks[s].isAlive, tracks[s].status == .tentative else { continue }
            let hits = tracks[s].hits
            let hasAddress = tracks[s].hasAddress
            // A single plot with a Mode S address, or without any SSR data (a primary echo: a drone's may pair with
            // another object's echo inside the Mach-4 gate a scan later, and its own next echo then finds no
            // single-plot track to pair with), lives on without the second plot it takes.
            let keepsSinglePlot = hits == 1 && (hasAddress || (!tracks[s].isCoded))
            let family = tracks[s].family
            var candidates = 0
            var best = -1
            var bestWeight = 0.0
            for k in range where pairs[k].track == slot {
                candidates += 1
                let w = cluster.weights[plotRows.firstIndex(of: pairs[k].plot)! * nt + column]
                if w > bestWeight {
                    bestWeight = w
                    best = k
                }
            }
            // The plot the track itself takes (the hard update of solveCluster), if any.
            let taken = bestWeight >= 0.5 ? best : -1
            guard candidates > 1 || taken < 0 || keepsSinglePlot else { continue }
            var room = cap - (family == 0 ? 1 : families[family]?.count ?? 1)
            let first = branches.count
            while room > 0 {
                // Best remaining candidate by score increment (few candidates: a linear scan per branch).
                var next = -1
                for k in range where pairs[k].track == slot && k != taken {
                    if branches[first...].contains(where: { Int($0.pair) == k }) { continue }
                    let row = plotRows.firstIndex(of: pairs[k].plot)!
                    if rowTaken(row: row, columns: trackColumns, outsideFamilyOf: Int(slot)) { continue }
                    if next < 0 || pairs[k].scoreIncrement > pairs[next].scoreIncrement { next = k }
                }
                guard next >= 0 else { break }
                let position = pairs[next].measurement.position
                let branch = startBranch(
                    of: Int(slot),
                    at: batch[Int(pairs[next].plot)].time,
                    x: position[0],
                    y: position[1]
                )
                branches.append(PendingBranch(slot: Int32(branch), pair: Int32(next)))
                room -= 1
            }
            if taken >= 0 && keepsSinglePlot && room > 0 {
                let x = tracks[s].estimate.mean[0]
                let y = tracks[s].estimate.mean[1]
                let branch = startBranch(of: s, at: batch[Int(pairs[taken].plot)].time, x: x, y: y)
                branches.append(PendingBranch(slot: Int32(branch), pair: -1))
            }
        }
    }

    /// Whether a track of the cluster other than `slot` and its family's tentative members takes the plot of local
    /// row `row`: a branch takes no plot that another confirmed track, or another root's hypothesis, holds (the
    /// plots of one global hypothesis are distinct; within a family the members are alternatives anyway).
    func rowTaken(row: Int, columns trackColumns: [Int32], outsideFamilyOf slot: Int) -> Bool {
        let nt = trackColumns.count
        let family = tracks[slot].family
        var total = 0.0
        for (column, other) in trackColumns.enumerated() where Int(other) != slot {
            let o = Int(other)
            guard tracks[o].isAlive else { continue }
            if tracks[o].isConfirmed || family == 0 || tracks[o].family != family {
                total += cluster.weights[row * nt + column]
            }
        }
        return total >= 0.5
    }

    /// Whether a confirmed (or coasting) live track of the cluster takes the plot of local row `row`.
    func rowTakenByConfirmed(row: Int, columns trackColumns: [Int32]) -> Bool {
        let nt = trackColumns.count
        var total = 0.0
        for (column, slot) in trackColumns.enumerated() {
            if tracks[Int(slot)].isAlive && tracks[Int(slot)].isConfirmed {
                total += cluster.weights[row * nt + column]
            }
        }
        return total >= 0.5
    }

    /// A copy of tentative track `parent` in a new slot, in the parent's family (made when the parent has none,
    /// split at `time`), entered in the spatial index at plane position (`x`, `y`), m.
    /// - Returns: the new slot.
    private mutating func startBranch(of parent: Int, at time: Double, x: Double, y: Double) -> Int {
        var family = tracks[parent].family
        if family == 0 {
            family = tracks[parent].number
            var f = InitiationFamily(splitTime: time)
            f.append(Int32(parent))
            families[family] = f
            tracks[parent].family = family
        }
        var record = tracks[parent]
        record.number = nextNumber
        nextNumber &+= 1
        statistics.initiationBranches += 1
        let slot = store(record, states[parent])
        families[family]?.append(Int32(slot))
        grid.insert(slot: Int32(slot), x: x, y: y)
        return slot
    }

    /// Called when the tentative track in `slot` confirms: its siblings end (unpublished: tentative tracks are
    /// not displayed) and the family dissolves.
    mutating func endSiblings(of slot: Int) {
        let family = tracks[slot].family
        guard family != 0, let f = families[family] else { return }
        families[family] = nil
        tracks[slot].family = 0
        for i in 0..<f.count where Int(f.slots[i]) != slot {
            let sibling = Int(f.slots[i])
            tracks[sibling].family = 0
            statistics.initiationBranchesPruned += 1
            delete(slot: sibling)
        }
    }

    /// Removes a deleted track from its family; a family left with one member dissolves (that member is an
    /// ordinary tentative track again, and may split anew).
    mutating func leaveFamily(slot: Int) {
        let family = tracks[slot].family
        guard family != 0 else { return }
        tracks[slot].family = 0
        guard var f = families[family] else { return }
        f.remove(Int32(slot))
        if f.count <= 1 {
            if f.count == 1 { tracks[Int(f.slots[0])].family = 0 }
            families[family] = nil
        } else {
            families[family] = f
        }
    }

    /// N-scan pruning, once per second: a family that split more than `initiationPruningScans` rotation periods
    /// (slowest radar) ago keeps only its member of highest score.
    mutating func pruneFamilies(at time: Double) {
        guard !families.isEmpty else { return }
        let horizon = configuration.initiationPruningScans * rotationPeriodForTimeouts
        familyScratch.removeAll(keepingCapacity: true)
        for (id, f) in families where time - f.splitTime > horizon { familyScratch.append(id) }
        // The dictionary's order is seeded per process: sorted, the deletions (and so the slots reused) are
        // deterministic.
        familyScratch.sort()
        for id in familyScratch {
            guard let f = families[id] else { continue }
            var best = Int(f.slots[0])
            for i in 1..<f.count where tracks[Int(f.slots[i])].score > tracks[best].score { best = Int(f.slots[i]) }
            families[id] = nil
            for i in 0..<f.count {
                let s = Int(f.slots[i])
                tracks[s].family = 0
                if s != best {
                    statistics.initiationBranchesPruned += 1
                    delete(slot: s, at: time)
                }
            }
        }
    }
}
