import SkyMath

extension BiasEstimator {
    /// Solves for all radars' biases from the observations in the window ending at `now`, then runs the jump
    /// test (see the type's documentation).
    /// - Parameter now: the current data time, UNIX seconds.
    /// - Complexity: O(iterations × observations + (4 × radars)³).
    public mutating func solve(now: Double) {
        lastSolveTime = now
        let c = configuration
        let start = now - c.windowSeconds
        observations.removeAll { o in
            o.time < start || o.time < resetTime[Int(o.radarA)] || (o.radarB >= 0 && o.time < resetTime[Int(o.radarB)])
        }
        // A reference radar is held at zero unless it has enough absolute data of its own.
        var absoluteCount = [Int](repeating: 0, count: radars.count)
        for o in observations where o.radarB < 0 { absoluteCount[Int(o.radarA)] += 1 }
        var column = [Int](repeating: -1, count: radars.count)
        var unknowns = 0
        for i in radars.indices {
            estimates[i].isPinned = estimates[i].isReference && absoluteCount[i] < c.minimumObservations
            if !estimates[i].isPinned {
                column[i] = unknowns
                unknowns += 4
            }
        }
        var b = estimates.map { $0.isPinned ? SIMD4<Double>.zero : $0.bias.vector }
        var variance = [Double](repeating: 0, count: unknowns)
        var blocks = [Matrix<4, 4>](repeating: .zero, count: unknowns / 4)
        var rejected = [Int](repeating: 0, count: radars.count)
        if unknowns > 0 {
            // Iteratively reweighted: `iterations` from the prior; once a solution exists, one per solve from it
            // (the previous solve's iterations carry over: the window changes little between two solves).
            let resumed = hasSolution
            for iteration in 0..<(resumed ? 1 : Swift.max(1, c.iterations)) {
                var system = SymmetricSystem(size: unknowns)
                for i in radars.indices where column[i] >= 0 {
                    for k in 0..<4 {
                        system[column[i] + k, column[i] + k] += 1 / (c.priorSigma[k] * c.priorSigma[k])
                    }
                }
                rejected = rejected.map { _ in 0 }
                for o in observations {
                    let ia = Int(o.radarA)
                    let ib = Int(o.radarB)
                    let ca = column[ia]
                    let cb = ib >= 0 ? column[ib] : -1
                    guard ca >= 0 || cb >= 0 else { continue }
                    let w = weight(o, b, gated: resumed || iteration > 0)
                    if w == 0 {
                        rejected[ia] += 1
                        if ib >= 0 { rejected[ib] += 1 }
                        continue
                    }
                    system.accumulate(o, columnA: ca, columnB: cb, weight: w)
                }
                guard let solution = system.solve() else { break }
                for i in radars.indices where column[i] >= 0 {
                    b[i] = SIMD4(
                        solution.x[column[i]],
                        solution.x[column[i] + 1],
                        solution.x[column[i] + 2],
                        solution.x[column[i] + 3]
                    )
                }
                variance = solution.variance
                blocks = solution.blocks
            }
        }
        // Later solves resume from this one once it rests on enough data (not from the prior's zero, which the
        // gate would hold against every biased observation).
        hasSolution = unknowns > 0 && observations.count - rejected.reduce(0, +) >= c.minimumObservations
        // The window's geometry per radar, in one pass over the observations.
        var geometry = [WindowGeometry](repeating: WindowGeometry(), count: radars.count)
        for o in observations {
            geometry[Int(o.radarA)].add(range: o.rangeA, azimuth: o.azimuthA, groundSpeed: o.groundSpeed)
            if o.radarB >= 0 {
                geometry[Int(o.radarB)].add(range: o.rangeB, azimuth: o.azimuthB, groundSpeed: o.groundSpeed)
            }
        }
        lastBiases = b
        lastColumns = column
        lastCovariance = radars.indices.map { column[$0] >= 0 ? blocks[column[$0] / 4] : .zero }
        for i in radars.indices {
            var sigma = SIMD4<Double>.zero
            if column[i] >= 0 {
                for k in 0..<4 { sigma[k] = Swift.max(variance[column[i] + k], 0).squareRoot() }
            }
            update(radar: i, bias: b[i], sigma: sigma, rejected: rejected[i], geometry: geometry[i], now: now)
        }
        detectJumps(biases: b, column: column, covariance: nil, now: now)
    }

    /// The robust weight of an observation at the biases `b`: Huber's `min(1, k / ‖r‖_W)`, and 0 outside the
    /// chi-square gate when `gated`.
    func weight(_ o: RegistrationObservation, _ b: [SIMD4<Double>], gated: Bool) -> Double {
        let bb = o.radarB >= 0 ? b[Int(o.radarB)] : .zero
        let m2 = o.mahalanobisSquared(o.residual(b[Int(o.radarA)], bb))
        if gated && m2 > configuration.gateThreshold { return 0 }
        let k = configuration.huberThreshold
        return m2 <= k * k ? 1 : k / m2.squareRoot()
    }

    /// The σ below which each component of radar `i` counts as converged `(m, ppm, rad, s)`: the larger of
    /// ``RegistrationConfiguration/convergedSigma`` (the accuracy asked of registration) and
    /// ``RegistrationConfiguration/convergedNoiseFraction`` of the radar's own plot noise expressed in that
    /// component (range σ; range σ at the observations' RMS range for the gain; azimuth σ; the smaller of the
    /// range σ and the cross-range σ at the RMS range, over the RMS ground speed, for the time offset). Below it
    /// a correction's own error adds at most that fraction squared (1/16) to the variance of a plot.
    func convergenceThreshold(radar i: Int, rmsRangeMetres: Double, rmsGroundSpeed: Double) -> SIMD4<Double> {
        let c = configuration
        let f = c.convergedNoiseFraction
        let rangeSigma = radars[i].rangeVariance.squareRoot()
        let azimuthSigma = radars[i].azimuthVariance.squareRoot()
        let crossRange = Swift.max(rmsRangeMetres, 1) * azimuthSigma
        let noise = SIMD4(
            f * rangeSigma,
            f * rangeSigma / (Swift.max(rmsRangeMetres, 1) * 1e-6),
            f * azimuthSigma,
            f * Swift.min(rangeSigma, crossRange) / Swift.max(rmsGroundSpeed, 1)
        )
        return SIMD4(
            Swift.max(c.convergedSigma[0], noise[0]),
            Swift.max(c.convergedSigma[1], noise[1]),
            Swift.max(c.convergedSigma[2], noise[2]),
            Swift.max(c.convergedSigma[3], noise[3])
        )
    }

    /// Stores a radar's new estimate with its observability, geometry and convergence.
    private mutating func update(
        radar i: Int,
        bias: SIMD4<Double>,
        sigma: SIMD4<Double>,
        rejected: Int,
        geometry g: WindowGeometry,
        now: Double
    ) {
        let c = configuration
        var e = estimates[i]
        let count = g.count
        let (sectors, minRange, maxRange, speed2, range2) = (g.sectors, g.minRange, g.maxRange, g.speed2, g.range2)
        e.observations = count
        e.rejected = rejected
        e.azimuthSectors = sectors.nonzeroBitCount
        e.rangeSpreadMetres = count > 0 ? maxRange - minRange : 0
        e.rmsGroundSpeed = count > 0 ? (speed2 / Double(count)).squareRoot() : 0
        if e.isPinned {
            e.bias = .zero
            e.sigma = .zero
            e.observable = [true, true, true, true]
            e.converged = true
            e.componentConverged = [true, true, true, true]
            e.convergedSince = e.convergedSince ?? now
            estimates[i] = e
            return
        }
        var observable = [Bool](repeating: false, count: 4)
        var value = SIMD4<Double>.zero
        for k in 0..<4 where sigma[k] < c.unobservableFraction * c.priorSigma[k] {
            observable[k] = true
            value[k] = bias[k]
        }
        e.observable = observable
        e.bias = RadarBias(vector: value)
        e.sigma = RadarBias(vector: sigma)
        let common = count >= c.minimumObservations && e.azimuthSectors >= c.minimumAzimuthSectors
        let geometry = [
            common, common && e.rangeSpreadMetres >= c.minimumRangeSpreadMetres, common,
            common && e.rmsGroundSpeed >= c.minimumRMSGroundSpeed,
        ]
        let threshold = convergenceThreshold(
            radar: i,
            rmsRangeMetres: count > 0 ? (range2 / Double(count)).squareRoot() : 0,
            rmsGroundSpeed: e.rmsGroundSpeed
        )
        convergenceThresholds[i] = threshold
        e.componentConverged = (0..<4).map { geometry[$0] && observable[$0] && sigma[$0] <= threshold[$0] }
        e.converged = e.componentConverged.allSatisfy { $0 }
        e.convergedSince = e.converged ? (e.convergedSince ?? now) : nil
        estimates[i] = e
    }
}

/// The geometry of one radar's observations in the window: occupied 30° azimuth sectors, slant range extremes and
/// mean square, mean square ground speed.
struct WindowGeometry {
    var sectors: UInt16 = 0
    var minRange = Double.infinity
    var maxRange = -Double.infinity
    var speed2 = 0.0
    var range2 = 0.0
    var count = 0

    @inline(__always)
    mutating func add(range: Double, azimuth: Double, groundSpeed: Double) {
        let sector = Swift.min(11, Swift.max(0, Int(Angle.wrapToTwoPi(azimuth) / (Double.pi / 6))))
        sectors |= 1 << UInt16(sector)
        minRange = Swift.min(minRange, range)
        maxRange = Swift.max(maxRange, range)
        speed2 += groundSpeed * groundSpeed
        range2 += range * range
        count += 1
    }
}
