/// Joint probabilistic data association (Fortmann, Bar-Shalom & Scheffe 1983): the association weights are
/// the marginal probabilities over all feasible joint events of the cluster.
///
/// A joint event assigns each plot to at most one track and each track at most one plot. Its weight is
/// ```
/// P(θ) ∝ Π_{(i,j) ∈ θ} LRᵢⱼ · Π_{j unassigned} (1 − P_D)
/// ```
/// with `LRᵢⱼ = P_D N(νᵢⱼ; 0, Sᵢⱼ) / λ` (including identity evidence). Events are enumerated exactly by
/// depth-first search; clusters whose event count would exceed ``maximumEvents`` fall back to the GNN
/// assignment (hard weights), which is counted.
public struct JPDAAssociator: Associator {
    /// The largest number of joint events enumerated per cluster.
    public var maximumEvents = 20_000
    /// Clusters that fell back to GNN.
    public private(set) var fallbacks = 0
    private var gnn = GNNAssociator()
    private var used: [Bool] = []
    private var choice: [Int] = []

    /// A JPDA associator.
    public init() {}

    public mutating func associate(_ cluster: inout AssociationCluster) {
        let p = cluster.plotCount
        let t = cluster.trackCount
        // Count events (bounded) before enumerating.
        var estimate = 1.0
        for i in 0..<p {
            var gated = 1
            for j in 0..<t where cluster.likelihoodRatio[i * t + j] > 0 { gated += 1 }
            estimate *= Double(gated)
        }
        if estimate > Double(maximumEvents) {
            fallbacks += 1
            gnn.associate(&cluster)
            return
        }
        used.removeAll(keepingCapacity: true)
        used.append(contentsOf: repeatElement(false, count: t))
        choice.removeAll(keepingCapacity: true)
        choice.append(contentsOf: repeatElement(-1, count: p))
        let miss = 1 - cluster.detectionProbability
        var total = 0.0
        // Depth-first over plots: each plot takes no track or one unused gated track.
        func visit(_ i: Int, _ weight: Double) {
            if i == p {
                var w = weight
                for j in 0..<t where !used[j] { w *= miss }
                total += w
                for r in 0..<p where choice[r] >= 0 { cluster.weights[r * t + choice[r]] += w }
                return
            }
            choice[i] = -1
            visit(i + 1, weight)
            for j in 0..<t where !used[j] {
                let lr = cluster.likelihoodRatio[i * t + j]
                guard lr > 0 else { continue }
                used[j] = true
                choice[i] = j
                visit(i + 1, weight * lr)
                used[j] = false
                choice[i] = -1
            }
        }
        visit(0, 1)
        guard total > 0, total.isFinite else {
            for k in 0..<(p * t) { cluster.weights[k] = 0 }
            fallbacks += 1
            gnn.associate(&cluster)
            return
        }
        for k in 0..<(p * t) { cluster.weights[k] /= total }
    }
}
