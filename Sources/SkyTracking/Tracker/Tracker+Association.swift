import SkyMath
import SkyModel

extension Tracker {
    /// Splits the gated pairs into connected clusters (union–find over plots and tracks), runs the associator on
    /// each and applies the result.
    mutating func associateClusters() {
        let n = batch.count
        plotUsed.removeAll(keepingCapacity: true)
        plotUsed.append(contentsOf: repeatElement(false, count: n))
        guard !pairs.isEmpty else { return }
        if trackLocal.count < tracks.count {
            trackLocal.append(contentsOf: repeatElement(-1, count: tracks.count - trackLocal.count))
        }
        // Local numbering of the tracks involved: nodes 0..<n are plots, n..<n+k tracks.
        clusterTracks.removeAll(keepingCapacity: true)
        for pair in pairs where trackLocal[Int(pair.track)] < 0 {
            trackLocal[Int(pair.track)] = Int32(clusterTracks.count)
            clusterTracks.append(pair.track)
        }
        let nodes = n + clusterTracks.count
        clusterParent.removeAll(keepingCapacity: true)
        for k in 0..<nodes { clusterParent.append(Int32(k)) }
        for pair in pairs {
            union(Int(pair.plot), n + Int(trackLocal[Int(pair.track)]))
        }
        // Pairs grouped by cluster root; each cluster solved once.
        plotRoot.removeAll(keepingCapacity: true)
        for i in 0..<n { plotRoot.append(find(Int32(i))) }
        let roots = plotRoot
        pairs.sort { (roots[Int($0.plot)], $0.plot, $0.track) < (roots[Int($1.plot)], $1.plot, $1.track) }
        var start = 0
        while start < pairs.count {
            let root = roots[Int(pairs[start].plot)]
            var end = start + 1
            while end < pairs.count && roots[Int(pairs[end].plot)] == root { end += 1 }
            solveCluster(pairs: start..<end)
            start = end
        }
        for slot in clusterTracks { trackLocal[Int(slot)] = -1 }
    }

    private mutating func find(_ x: Int32) -> Int32 {
        var r = Int(x)
        while clusterParent[r] != Int32(r) { r = Int(clusterParent[r]) }
        var y = Int(x)
        while clusterParent[y] != Int32(r) {
            let next = Int(clusterParent[y])
            clusterParent[y] = Int32(r)
            y = next
        }
        return Int32(r)
    }

    private mutating func union(_ a: Int, _ b: Int) {
        let ra = find(Int32(a))
        let rb = find(Int32(b))
        if ra != rb { clusterParent[Int(Swift.max(ra, rb))] = Swift.min(ra, rb) }
    }

    /// Runs the associator on the cluster formed by `pairs[range]` and applies the weights.
    private mutating func solveCluster(pairs range: Range<Int>) {
        // Local row (plot) and column (track) indices; reuse `trackLocal` for columns.
        // Reused buffers: taken out of `self` for the duration of the call, so no allocation per cluster.
        var plotRows = clusterRows
        var trackColumns = clusterColumns
        plotRows.removeAll(keepingCapacity: true)
        trackColumns.removeAll(keepingCapacity: true)
        clusterRows = []
        clusterColumns = []
        defer {
            clusterRows = plotRows
            clusterColumns = trackColumns
        }
        for k in range {
            if !plotRows.contains(pairs[k].plot) { plotRows.append(pairs[k].plot) }
            if !trackColumns.contains(pairs[k].track) { trackColumns.append(pairs[k].track) }
        }
        let np = plotRows.count
        let nt = trackColumns.count
        statistics.clusters += 1
        statistics.largestClusterPlots = Swift.max(statistics.largestClusterPlots, np)
        statistics.largestClusterTracks = Swift.max(statistics.largestClusterTracks, nt)
        cluster.reset(plots: np, tracks: nt)
        cluster.unassignedCost = configuration.unassignedPlotCost
        cluster.detectionProbability = configuration.jpdaDetectionProbability
        for k in range {
            let row = plotRows.firstIndex(of: pairs[k].plot)!
            let column = trackColumns.firstIndex(of: pairs[k].track)!
            cluster.set(plot: row, track: column, cost: pairs[k].cost, likelihoodRatio: pairs[k].likelihoodRatio)
        }
        associator.associate(&cluster)

        for (row, plot) in plotRows.enumerated() {
            var total = 0.0
            for column in 0..<nt { total += cluster.weights[row * nt + column] }
            if total >= 0.5 { plotUsed[Int(plot)] = true }
        }
        // Multiple hypotheses at initiation: branches start from the tracks before their updates.
        var branches = branchScratch
        branchScratch = []
        defer { branchScratch = branches }
        startBranches(pairs: range, plotRows: plotRows, trackColumns: trackColumns, into: &branches)
        for (column, slot) in trackColumns.enumerated() {
            // A track may have ended in this loop: a branch of its family confirmed.
            guard tracks[Int(slot)].isAlive else { continue }
            var best = -1
            var bestWeight = 0.0
            var total = 0.0
            var count = 0
            for k in range where pairs[k].track == slot {
                let row = plotRows.firstIndex(of: pairs[k].plot)!
                let w = cluster.weights[row * nt + column]
                guard w > 0 else { continue }
                total += w
                count += 1
                if w > bestWeight {
                    bestWeight = w
                    best = k
                }
            }
            guard best >= 0 else { continue }
            if count == 1 && bestWeight >= 0.999 || !tracks[Int(slot)].isConfirmed {
                // Hard update (GNN, or a tentative track under JPDA: its most likely plot if likely enough).
                if bestWeight >= 0.5 {
                    update(slot: Int(slot), with: best)
                }
            } else {
                updatePDA(
                    slot: Int(slot),
                    column: column,
                    plotRows: plotRows,
                    range: range,
                    best: best,
                    total: total
                )
            }
        }
        if !branches.isEmpty { updateBranches(branches, plotRows: plotRows, trackColumns: trackColumns) }
    }

    /// Updates the branches started by ``startBranches(pairs:plotRows:trackColumns:into:)`` with their plots, after
    /// the cluster's tracks: a branch whose family confirmed meanwhile has ended, and one whose plot a track
    /// confirmed in this update took ends too.
    private mutating func updateBranches(_ branches: [PendingBranch], plotRows: [Int32], trackColumns: [Int32]) {
        for b in branches where b.pair >= 0 && tracks[Int(b.slot)].isAlive {
            let row = plotRows.firstIndex(of: pairs[Int(b.pair)].plot)!
            if rowTakenByConfirmed(row: row, columns: trackColumns) {
                statistics.initiationBranchesPruned += 1
                delete(slot: Int(b.slot))
            } else {
                update(slot: Int(b.slot), with: Int(b.pair), counting: false)
            }
        }
    }

    /// The hard update of track `slot` with the plot of `pairs[k]`.
    /// - Parameter counting: whether the plot counts as associated in the statistics (not for an initiation
    ///   branch: the plot also stays free to start a track of its own).
    private mutating func update(slot: Int, with k: Int, counting: Bool = true) {
        let pair = pairs[k]
        // A primary-only plot that gives a single-plot tentative track its second plot pairs two skin echoes with
        // no identity to confirm it; it also starts a tentative track of its own, so that a wrong pairing (two
        // drones, or a drone and clutter, within the Mach-4 first gate) does not lose the other object.
        // (A branch's plot is free already, or its taker decides.)
        if counting && tracks[slot].hits == 1 && !tracks[slot].isConfirmed && !batch[Int(pair.plot)].isSSR {
            plotUsed[Int(pair.plot)] = false
        }
        let predicted = pairPredicted[Int(pair.stateIndex)]
        guard let posterior = filter.update(predicted, with: pair.measurement) else {
            statistics.numericalFailures += 1
            delete(slot: slot)
            return
        }
        if counting { statistics.plotsAssociated += 1 }
        if tracks[slot].isConfirmed, let nis = filter.estimate(predicted).innovation(of: pair.measurement) {
            statistics.innovationChiSquareSum += nis.d2
            statistics.innovationCount += 1
        }
        if !tracks[slot].isConfirmed { tracks[slot].score += pair.scoreIncrement }
        commit(slot: slot, state: posterior, plot: batch[Int(pair.plot)], hit: true)
    }

    /// The PDA update of track `slot` with all its gated plots of the cluster, weighted.
    private mutating func updatePDA(
        slot: Int,
        column: Int,
        plotRows: [Int32],
        range: Range<Int>,
        best: Int,
        total: Double
    ) {
        let reference = pairs[best]
        let referenceTime = batch[Int(reference.plot)].time
        let nt = cluster.trackCount
        let predicted = pairPredicted[Int(reference.stateIndex)]
        let estimate = filter.estimate(predicted)
        pdaMeasurements.removeAll(keepingCapacity: true)
        pdaWeights.removeAll(keepingCapacity: true)
        for k in range where pairs[k].track == Int32(slot) {
            let row = plotRows.firstIndex(of: pairs[k].plot)!
            let w = cluster.weights[row * nt + column]
            guard w > 0 else { continue }
            // Plots of one batch differ in time by at most the batch window: move each to the reference time
            // along the predicted velocity.
            var m = pairs[k].measurement
            let shift = batch[Int(pairs[k].plot)].time - referenceTime
            m.position[0] -= shift * estimate.mean[2]
            m.position[1] -= shift * estimate.mean[3]
            pdaMeasurements.append(m)
            pdaWeights.append(w)
        }
        let missWeight = Swift.max(0, 1 - total)
        let posterior = pdaMeasurements.withUnsafeBufferPointer { ms in
            pdaWeights.withUnsafeBufferPointer { ws in
                filter.update(predicted, with: ms, weights: ws, missWeight: missWeight)
            }
        }
        guard let posterior else {
            statistics.numericalFailures += 1
            delete(slot: slot)
            return
        }
        if total >= 0.5 { statistics.plotsAssociated += 1 }
        commit(slot: slot, state: posterior, plot: batch[Int(reference.plot)], hit: total >= 0.5)
    }
}
