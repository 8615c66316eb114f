import RealModule
import SkyGeodesy
import SkyMath
import SkyModel

extension RadarSimulator {
    /// Detection and measurement of target `i` at its beam-crossing time `t`.
    ///
    /// Order of the random draws is fixed (primary, secondary, codes, noise) so that a seed reproduces the run.
    mutating func detect(
        _ a: TrafficSnapshot,
        _ b: TrafficSnapshot,
        target i: Int,
        at t: Double,
        identity: TargetIdentity,
        plots: inout [SimulatedPlot]
    ) {
        let c = configuration
        let ecef = TrafficSnapshot.interpolate(a, b, target: i, at: t)
        let enu = frame.enu(of: ECEFPosition(ecef))
        // Height and horizontal position for the horizon test: linear between the two whole seconds (the
        // horizon distance changes by metres within a second; slant range and angles come from `enu`, exact).
        let s = (t - a.time) / (b.time - a.time)
        let pa = a.states[i].position
        let pb = b.states[i].position
        var dLon = pb.longitude - pa.longitude
        if dLon > .pi { dLon -= 2 * .pi } else if dLon < -.pi { dLon += 2 * .pi }
        let position = GeodeticPosition(
            latitude: pa.latitude + s * (pb.latitude - pa.latitude),
            longitude: pa.longitude + s * dLon,
            heightMetres: pa.heightMetres + s * (pb.heightMetres - pa.heightMetres)
        )
        guard coverage.covers(enu: enu, position: position) else { return }
        let range = enu.length
        let primaryHit =
            c.hasPrimary
            && passesMTI(a, b, target: i, at: t, enu: enu, range: range)
            && c.primary.detect(
                snr: c.primary.snr(
                    rangeMetres: range,
                    crossSectionSquareMetres: identity.radarCrossSectionSquareMetres
                ),
                random: &random
            )
        let equipped = identity.transponder != .none && c.hasSecondary
        let secondaryHit = equipped && random.bernoulli(c.secondaryReplyProbability)
        guard primaryHit || secondaryHit else { return }
        var modeA: Mode3ACode? = nil
        var modeC: Double? = nil
        var address: ICAOAddress? = nil
        if secondaryHit {
            let hasA = random.bernoulli(c.modeAProbability)
            let hasC = random.bernoulli(c.modeCProbability)
            let hasS = random.bernoulli(c.addressProbability)
            if hasA { modeA = identity.modeA }
            if hasC {
                let q = c.modeCQuantumFeet
                modeC = (position.heightMetres / 0.3048 / q).rounded() * q
            }
            if hasS && c.kind == .modeS && identity.transponder == .modeS { address = identity.address }
        }
        let kind: PlotKind =
            switch (primaryHit, secondaryHit) {
            case (true, false): .primary
            case (_, true) where c.kind == .modeS && identity.transponder == .modeS: .modeS
            case (true, true): .combined
            default: .secondary
            }
        let measuredRange =
            range * (1 + c.rangeGainPPM * 1e-6) + c.rangeSigmaMetres * random.gaussian() + c.rangeBiasMetres
        let trueAzimuth = Double.atan2(y: enu.east, x: enu.north)
        let measuredAzimuth = Angle.wrapToTwoPi(trueAzimuth + c.azimuthSigma * random.gaussian() + c.azimuthBias)
        let reported = t + c.timeBiasSeconds
        let scanNumber = scan(t)
        let plot = RadarPlot(
            time: epochUnixSeconds + reported,
            sensor: c.sensorID,
            slantRangeMetres: measuredRange,
            azimuth: measuredAzimuth,
            modeCFeet: modeC,
            modeA: modeA,
            address: address,
            kind: kind,
            scan: Int32(truncatingIfNeeded: scanNumber)
        )
        plots.append(
            SimulatedPlot(radarIndex: index, truthID: identity.truthID, time: reported, scan: scanNumber, plot: plot)
        )
    }

    /// Whether the echo survives the MTI filter: |radial speed| ≥ the blind speed. The velocity is linear in time
    /// between the two whole-second states (ECEF), projected on the line of sight.
    func passesMTI(
        _ a: TrafficSnapshot,
        _ b: TrafficSnapshot,
        target i: Int,
        at t: Double,
        enu: ENUVector,
        range: Double
    )
        -> Bool
    {
        let blind = configuration.mtiBlindSpeed
        guard blind > 0 else { return true }
        let s = (t - a.time) / (b.time - a.time)
        let v = frame.enuDirection(ofECEF: a.ecefVelocity[i] + s * (b.ecefVelocity[i] - a.ecefVelocity[i]))
        let radial = (v.vector * enu.vector).sum() / Swift.max(range, 1)
        return abs(radial) >= blind
    }

    /// False plots over the sector swept in (t0, t1]: the count is Poisson with mean λ·Δβ/2π (so a full scan
    /// has Poisson(λ) in total, being a sum of independent Poisson counts), azimuth uniform in the sector (each
    /// one timed by the beam), range uniform in area over [min, max]: r = √(r²min + U·(r²max − r²min)).
    mutating func falsePlots(from t0: Double, to t1: Double, plots: inout [SimulatedPlot]) {
        let c = configuration
        guard c.falsePlotsPerScan > 0 else { return }
        let count = random.poisson(mean: c.falsePlotsPerScan * (t1 - t0) / c.rotationPeriodSeconds)
        let r2min = c.minRangeMetres * c.minRangeMetres
        let r2max = c.maxRangeMetres * c.maxRangeMetres
        var batch: [(Double, Double)] = []
        batch.reserveCapacity(count)
        for _ in 0..<count {
            let t = t0 + (t1 - t0) * (1 - random.unit())  // (t0, t1]
            let range = (r2min + random.unit() * (r2max - r2min)).squareRoot()
            batch.append((t, range))
        }
        for (t, range) in batch {
            let reported = t + c.timeBiasSeconds
            let scanNumber = scan(t)
            let plot = RadarPlot(
                time: epochUnixSeconds + reported,
                sensor: c.sensorID,
                slantRangeMetres: range,
                azimuth: Angle.wrapToTwoPi(beam(t)),
                kind: c.hasPrimary ? .primary : .secondary,
                scan: Int32(truncatingIfNeeded: scanNumber)
            )
            plots.append(SimulatedPlot(radarIndex: index, truthID: 0, time: reported, scan: scanNumber, plot: plot))
        }
    }

    /// North and sector crossings of the beam in (t0, t1]: boundaries at β = 2π·k/S.
    func sectorCrossings(from t0: Double, to t1: Double, markers: inout [RadarMarker]) {
        let sectors = Double(configuration.sectorCount)
        let width = 2 * Double.pi / sectors
        var k = (beam(t0) / width).rounded(.down) + 1
        while k * width <= beam(t1) {
            let t = (k * width - configuration.azimuthAtEpoch) / omega
            let sector = Int(k.truncatingRemainder(dividingBy: sectors))
            markers.append(
                RadarMarker(
                    radarIndex: index,
                    time: t + configuration.timeBiasSeconds,
                    sector: sector,
                    azimuth: Double(sector) * width,
                    scan: Int((k / sectors).rounded(.down))
                )
            )
            k += 1
        }
    }
}
