import RealModule

/// A (truth, track) pair closer than the cut-off at one epoch; indices are local to the epoch's rows.
struct CandidatePair: Sendable {
    /// Index of the truth row within the epoch (file order).
    var truth: Int
    /// Index of the track row within the epoch (file order).
    var track: Int
    /// Horizontal great-circle distance, metres (< c).
    var distance: Double
}

/// The rows of one epoch in a form the matching loops can sweep without recomputing trigonometry.
struct EpochPoints {
    /// Latitudes, radians.
    var latitude: [Double] = []
    /// cos(latitude).
    var cosLatitude: [Double] = []
    /// Longitudes, radians.
    var longitude: [Double] = []

    var count: Int { latitude.count }

    mutating func reset() {
        latitude.removeAll(keepingCapacity: true)
        cosLatitude.removeAll(keepingCapacity: true)
        longitude.removeAll(keepingCapacity: true)
    }

    mutating func append(latitudeDegrees: Double, longitudeDegrees: Double) {
        let p = MeanSphere.radians(latitudeDegrees)
        latitude.append(p)
        cosLatitude.append(Double.cos(p))
        longitude.append(MeanSphere.radians(longitudeDegrees))
    }

    /// Haversine distance between row `i` of `self` and row `j` of `other`, metres.
    @inline(__always)
    func distance(_ i: Int, to other: EpochPoints, _ j: Int) -> Double {
        MeanSphere.haversine(
            p1: latitude[i],
            cosP1: cosLatitude[i],
            p2: other.latitude[j],
            cosP2: other.cosLatitude[j],
            deltaLongitude: other.longitude[j] - longitude[i]
        )
    }
}

/// Per-epoch candidate search and optimal matching, as `candidate_pairs` and `optimal_match` in `evaluate.py`.
struct EpochMatcher {
    let cutoff: Double
    let configuration: EvaluationConfiguration
    // Scratch buffers reused between epochs.
    private var trackOrder: [Int] = []
    private var parent: [Int] = []
    private var rowOfTruth: [Int] = []
    private var colOfTrack: [Int] = []

    init(configuration: EvaluationConfiguration) {
        self.configuration = configuration
        self.cutoff = configuration.cutoffMetres
    }

    /// All pairs with distance < c, grouped by truth row, tracks ascending within a truth.
    ///
    /// The reference computes the full distance matrix (or a k-d tree on large epochs); both give exactly the
    /// pairs with haversine distance < c. Here tracks are sorted by latitude and each truth scans only the band
    /// |Δφ| ≤ c/R₁, which is exact because the haversine distance is at least R₁·|Δφ|.
    /// - Complexity: O(k log k + n·b) for n truths, k tracks, b tracks per latitude band.
    mutating func candidatePairs(truth: EpochPoints, tracks: EpochPoints, into pairs: inout [CandidatePair]) {
        pairs.removeAll(keepingCapacity: true)
        let nk = tracks.count
        if truth.count == 0 || nk == 0 { return }
        trackOrder.removeAll(keepingCapacity: true)
        trackOrder.append(contentsOf: 0..<nk)
        trackOrder.sort { tracks.latitude[$0] < tracks.latitude[$1] }
        // Small margin so that rounding in the band test never drops a pair the distance test would keep.
        let band = cutoff / MeanSphere.radiusMetres * (1 + 1e-9) + 1e-12
        for i in 0..<truth.count {
            let lo = truth.latitude[i] - band
            let hi = truth.latitude[i] + band
            // First track with latitude >= lo (binary search on the sorted order).
            var a = 0
            var b = nk
            while a < b {
                let m = (a + b) / 2
                if tracks.latitude[trackOrder[m]] < lo { a = m + 1 } else { b = m }
            }
            let start = pairs.count
            var k = a
            while k < nk, tracks.latitude[trackOrder[k]] <= hi {
                let j = trackOrder[k]
                let d = truth.distance(i, to: tracks, j)
                if d < cutoff { pairs.append(CandidatePair(truth: i, track: j, distance: d)) }
                k += 1
            }
            pairs[start...].sort { $0.track < $1.track }
        }
    }

    /// Marks each truth row that has at least one track closer than `radius` (any track, matched or not).
    ///
    /// Uses the latitude order of the tracks that `candidatePairs` sorted for this epoch, and the same band
    /// argument (haversine distance ≥ R₁·|Δφ|), so it is exact.
    /// - Precondition: `candidatePairs(truth:tracks:into:)` was called last with the same points.
    /// - Complexity: O(n·(log k + b)) for n truths, k tracks and b tracks per band.
    func coveredTruths(truth: EpochPoints, tracks: EpochPoints, radius: Double, into covered: inout [Bool]) {
        covered.removeAll(keepingCapacity: true)
        covered.append(contentsOf: repeatElement(false, count: truth.count))
        let nk = tracks.count
        if truth.count == 0 || nk == 0 { return }
        precondition(trackOrder.count == nk, "coveredTruths needs the track order of candidatePairs")
        let band = radius / MeanSphere.radiusMetres * (1 + 1e-9) + 1e-12
        for i in 0..<truth.count {
            let lo = truth.latitude[i] - band
            let hi = truth.latitude[i] + band
            var a = 0
            var b = nk
            while a < b {
                let m = (a + b) / 2
                if tracks.latitude[trackOrder[m]] < lo { a = m + 1 } else { b = m }
            }
            var k = a
            while k < nk, tracks.latitude[trackOrder[k]] <= hi {
                if truth.distance(i, to: tracks, trackOrder[k]) < radius {
                    covered[i] = true
                    break
                }
                k += 1
            }
        }
    }

    /// Minimum Σ (dᵖ − cᵖ) matching over the given candidate pairs (`optimal_match` in `evaluate.py`).
    ///
    /// Connected components of the bipartite candidate graph are solved separately. A lone pair is matched
    /// directly; otherwise the component's rows (truths, ascending) and columns (tracks, ascending) form a dense
    /// matrix whose non-candidate cells cost 0 ("never better than leaving both unmatched"), solved by
    /// `RectangularAssignment`; assigned non-candidate cells are dropped.
    /// - Returns: matched pairs, components in order of their first truth row.
    mutating func optimalMatch(truthCount nt: Int, trackCount nk: Int, pairs: [CandidatePair]) -> [CandidatePair] {
        if pairs.isEmpty { return [] }
        // Union–find over nodes 0..<nt (truths) and nt..<nt+nk (tracks).
        parent.removeAll(keepingCapacity: true)
        parent.append(contentsOf: 0..<(nt + nk))
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for p in pairs {
            let a = find(p.truth)
            let b = find(nt + p.track)
            if a != b { parent[Swift.max(a, b)] = Swift.min(a, b) }  // root = smallest node = first truth
        }
        var order = Array(pairs.indices)
        let root = pairs.map { find($0.truth) }
        order.sort { root[$0] != root[$1] ? root[$0] < root[$1] : $0 < $1 }

        if rowOfTruth.count < nt { rowOfTruth = [Int](repeating: -1, count: nt) }
        if colOfTrack.count < nk { colOfTrack = [Int](repeating: -1, count: nk) }
        var out: [CandidatePair] = []
        out.reserveCapacity(Swift.min(nt, nk))
        let cp = configuration.power(cutoff)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, root[order[end]] == root[order[start]] { end += 1 }
            if end - start == 1 {
                out.append(pairs[order[start]])
                start = end
                continue
            }
            let group = order[start..<end].map { pairs[$0] }
            let rows = Array(Set(group.map(\.truth))).sorted()
            let cols = Array(Set(group.map(\.track))).sorted()
            for (r, t) in rows.enumerated() { rowOfTruth[t] = r }
            for (c, k) in cols.enumerated() { colOfTrack[k] = c }
            var cost = [Double](repeating: 0, count: rows.count * cols.count)
            var dist = [Double](repeating: .infinity, count: rows.count * cols.count)
            for p in group {
                let cell = rowOfTruth[p.truth] * cols.count + colOfTrack[p.track]
                cost[cell] = configuration.power(p.distance) - cp
                dist[cell] = p.distance
            }
            for a in RectangularAssignment.solve(rows: rows.count, cols: cols.count, cost: cost) {
                let d = dist[a.row * cols.count + a.col]
                if d.isFinite { out.append(CandidatePair(truth: rows[a.row], track: cols[a.col], distance: d)) }
            }
            for t in rows { rowOfTruth[t] = -1 }
            for k in cols { colOfTrack[k] = -1 }
            start = end
        }
        return out
    }
}
