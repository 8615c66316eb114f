import SkyMath

extension BiasEstimator {
    /// The generalized likelihood ratio of a bias jump of each radar over the recent window (see the type's
    /// documentation); on a detection the radar's older observations are discarded and the biases re-solved.
    ///
    /// Only a radar with data older than the window can jump (otherwise the whole estimate is recent). Its
    /// score and information over the recent window, with the other radars' biases held at their estimates, are
    /// ```
    /// s = Σ w H_rᵀ W r,   N = Σ w H_rᵀ W H_r,   λ = sᵀ (N + P₀⁻¹)⁻¹ s
    /// ```
    /// (`r` the residual at the current estimate, `w` Huber's weight without the gate, so that a jump's residuals
    /// count). Without a change λ is χ²(4)-distributed (fewer degrees of freedom when a component is not
    /// observable in the window, which only lowers λ).
    ///
    /// Between two solutions (``RegistrationConfiguration/settledSolveIntervalSeconds``) the biases tested are the
    /// last solution's, fitted to data before the recent window; their own error `e ~ N(0, P)` then adds `N e`
    /// to the score, and the test divides by its whole covariance:
    /// ```
    /// λ = sᵀ (N + N P N + P₀⁻¹)⁻¹ s
    /// ```
    /// (`P` the radar's 4×4 block of the last solution's covariance; the other radars' errors in the relative
    /// observations are left out.) Right after a solution, whose fit includes the recent data, `covariance` is
    /// `nil` and the test is as above.
    /// - Returns: whether a radar jumped (its biases were then re-solved).
    @discardableResult
    mutating func detectJumps(
        biases b: [SIMD4<Double>],
        column: [Int],
        covariance: [Matrix<4, 4>]?,
        now: Double
    ) -> Bool {
        let c = configuration
        lastJumpTestTime = now
        let recent = now - c.jumpWindowSeconds
        var score = [Vector<4>](repeating: .zero, count: radars.count)
        var information = [Matrix<4, 4>](repeating: .zero, count: radars.count)
        var oldest = [Double](repeating: .infinity, count: radars.count)
        for o in observations {
            let ia = Int(o.radarA)
            let ib = Int(o.radarB)
            oldest[ia] = Swift.min(oldest[ia], o.time)
            if ib >= 0 { oldest[ib] = Swift.min(oldest[ib], o.time) }
            guard o.time >= recent else { continue }
            let r = o.residual(b[ia], ib >= 0 ? b[ib] : .zero)
            let w = weight(o, b, gated: false)
            let wr = SIMD2(
                o.information[0] * r[0] + o.information[1] * r[1],
                o.information[1] * r[0] + o.information[2] * r[1]
            )
            @inline(__always) func add(_ radar: Int, _ h: SIMD8<Double>) {
                guard radar >= 0, column[radar] >= 0 else { return }
                for k in 0..<4 {
                    let hk = SIMD2(h[k], h[4 + k])
                    score[radar][k] += w * (hk * wr).sum()
                    let whk = SIMD2(
                        o.information[0] * hk.x + o.information[1] * hk.y,
                        o.information[1] * hk.x + o.information[2] * hk.y
                    )
                    for l in 0..<4 { information[radar][k, l] += w * (whk * SIMD2(h[l], h[4 + l])).sum() }
                }
            }
            add(ia, o.jacobianA)
            add(ib, o.jacobianB)
        }
        var jumped = false
        for i in radars.indices where column[i] >= 0 && oldest[i] < recent - c.jumpWindowSeconds {
            var n = information[i]
            if let covariance { n += information[i] * covariance[i] * information[i] }
            for k in 0..<4 { n[k, k] += 1 / (c.priorSigma[k] * c.priorSigma[k]) }
            guard let factor = n.cholesky() else { continue }
            let lambda = factor.mahalanobisSquared(score[i])
            if lambda > c.jumpThreshold {
                // The jump happened inside the recent window, at most a window ago: everything of this radar
                // before now is suspect. Dropping it loses at most one window of good data.
                resetTime[i] = now
                estimates[i].jumps += 1
                estimates[i].lastJumpTime = now
                estimates[i].convergedSince = nil
                estimates[i].bias = .zero
                jumped = true
            }
        }
        if jumped {
            hasSolution = false  // the jumped radar restarts from zero: reweight from scratch, ungated first
            solve(now: now)
        }
        return jumped
    }
}
