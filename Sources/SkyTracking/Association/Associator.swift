/// One cluster of plots and tracks linked by gates, handed to an ``Associator``.
///
/// Rows are plots, columns tracks; `cost` and `likelihoodRatio` are row-major `plotCount × trackCount`, with
/// `+∞` cost (and 0 likelihood ratio) for pairs outside the gate. The associator fills `weights` with the
/// probability that plot i is track j's (0 or 1 for a hard associator), and the tracker does the rest.
public struct AssociationCluster: Sendable {
    /// Number of plots (rows).
    public internal(set) var plotCount = 0
    /// Number of tracks (columns).
    public internal(set) var trackCount = 0
    /// −2 log likelihood ratio of each pair (squared Mahalanobis distance plus identity terms), or `+∞`.
    public internal(set) var cost: [Double] = []
    /// Likelihood ratio `P_D · N(ν; 0, S) · LR_codes / λ` of each pair against clutter, or 0 outside the gate.
    public internal(set) var likelihoodRatio: [Double] = []
    /// Cost of leaving a plot unassigned (same units as `cost`).
    public internal(set) var unassignedCost = 0.0
    /// Probability of detection for probabilistic associators.
    public internal(set) var detectionProbability = 0.9
    /// Output: association weights, row-major `plotCount × trackCount`.
    public var weights: [Double] = []

    /// Sizes the buffers for a new cluster (keeps capacity).
    mutating func reset(plots: Int, tracks: Int) {
        plotCount = plots
        trackCount = tracks
        let n = plots * tracks
        cost.removeAll(keepingCapacity: true)
        cost.append(contentsOf: repeatElement(.infinity, count: n))
        likelihoodRatio.removeAll(keepingCapacity: true)
        likelihoodRatio.append(contentsOf: repeatElement(0, count: n))
        weights.removeAll(keepingCapacity: true)
        weights.append(contentsOf: repeatElement(0, count: n))
    }

    /// Sets one gated pair.
    mutating func set(plot: Int, track: Int, cost c: Double, likelihoodRatio l: Double) {
        cost[plot * trackCount + track] = c
        likelihoodRatio[plot * trackCount + track] = l
    }
}

/// Decides which plots belong to which tracks within a cluster (Stone Soup's *DataAssociator*).
public protocol Associator: Sendable {
    /// Fills `cluster.weights`.
    mutating func associate(_ cluster: inout AssociationCluster)
}

/// Global nearest neighbour: the assignment of plots to tracks (or to "new/clutter") with the least total cost,
/// solved exactly by ``LinearAssignmentSolver`` on each cluster.
///
/// The cost matrix is `plots × (tracks + plots)`: column `tracks + i` is "plot i unassigned" with cost
/// `unassignedCost`, so every plot has a feasible choice and the solution maximises the joint likelihood ratio.
public struct GNNAssociator: Associator {
    private var solver = LinearAssignmentSolver()
    private var matrix: [Double] = []

    /// A GNN associator.
    public init() {}

    public mutating func associate(_ cluster: inout AssociationCluster) {
        let p = cluster.plotCount
        let t = cluster.trackCount
        if p == 1 && t == 1 {
            if cluster.cost[0] < cluster.unassignedCost { cluster.weights[0] = 1 }
            return
        }
        let columns = t + p
        matrix.removeAll(keepingCapacity: true)
        matrix.append(contentsOf: repeatElement(.infinity, count: p * columns))
        for i in 0..<p {
            for j in 0..<t { matrix[i * columns + j] = cluster.cost[i * t + j] }
            matrix[i * columns + t + i] = cluster.unassignedCost
        }
        let solved = matrix.withUnsafeBufferPointer { solver.solve(costs: $0, rows: p, columns: columns) }
        guard solved != nil else { return }
        for i in 0..<p {
            let j = solver.columnForRow[i]
            if j >= 0 && j < t { cluster.weights[i * t + j] = 1 }
        }
    }
}
