import RealModule

extension GeodesicSolver {
    /// The state of one evaluation of λ₁₂(α₁) (Karney 2013 §4, eq. 42 and the derivative eq. 46).
    struct LambdaResult {
        /// λ₁₂(α₁) − λ₁₂ (the residual Newton drives to zero).
        var residual: Double
        var salp2: Double, calp2: Double
        var sig12: Double
        var ssig1: Double, csig1: Double, ssig2: Double, csig2: Double
        var integrals: GeodesicIntegrals
        /// dλ₁₂/dα₁.
        var derivative: Double
    }

    /// λ₁₂ for a trial azimuth α₁ at point 1, with β₁ ≤ 0 and |β₂| ≤ |β₁| (the normalised configuration).
    func lambda12(
        _ sbet1: Double,
        _ cbet1: Double,
        _ dn1: Double,
        _ sbet2: Double,
        _ cbet2: Double,
        _ dn2: Double,
        _ salp1: Double,
        _ calp1In: Double,
        _ slam12: Double,
        _ clam12: Double
    ) -> LambdaResult {
        // Break the degeneracy of an equatorial start going due north/south.
        let calp1 = (sbet1 == 0 && calp1In == 0) ? -Self.tiny : calp1In
        let salp0 = salp1 * cbet1
        let calp0 = (calp1 * calp1 + (salp1 * sbet1) * (salp1 * sbet1)).squareRoot()
        var ssig1 = sbet1
        var csig1 = calp1 * cbet1
        let somg1 = salp0 * sbet1
        let comg1 = calp1 * cbet1
        Self.normalise(&ssig1, &csig1)
        // Clairaut: sin α₂ cos β₂ = sin α₀; cos α₂ from the equation of the geodesic, written to avoid cancellation.
        let salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1
        let calp2: Double
        if cbet2 != cbet1 || abs(sbet2) != -sbet1 {
            let t =
                cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2)
            calp2 = ((calp1 * cbet1) * (calp1 * cbet1) + t).squareRoot() / cbet2
        } else {
            calp2 = abs(calp1)
        }
        var ssig2 = sbet2
        var csig2 = calp2 * cbet2
        let somg2 = salp0 * sbet2
        let comg2 = calp2 * cbet2
        Self.normalise(&ssig2, &csig2)
        let sig12 = Double.atan2(
            y: Swift.max(0, csig1 * ssig2 - ssig1 * csig2),
            x: csig1 * csig2 + ssig1 * ssig2
        )
        let somg12 = Swift.max(0, comg1 * somg2 - somg1 * comg2)
        let comg12 = comg1 * comg2 + somg1 * somg2
        // η = ω₁₂ − λ₁₂ (target), computed as one angle.
        let eta = Double.atan2(y: somg12 * clam12 - comg12 * slam12, x: comg12 * clam12 + somg12 * slam12)
        let k2 = calp0 * calp0 * ep2
        let integrals = GeodesicIntegrals(kSquared: k2, flattening: f)
        let domg12 = -f * salp0 * integrals.longitudeIntegral(sigma12: sig12, ssig1, csig1, ssig2, csig2)
        let derivative: Double
        if calp2 == 0 {
            derivative = -2 * f1 * dn1 / sbet1
        } else {
            let m12b = reducedLength(integrals, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2)
            derivative = m12b * f1 / (calp2 * cbet2)
        }
        return LambdaResult(
            residual: eta + domg12,
            salp2: salp2,
            calp2: calp2,
            sig12: sig12,
            ssig1: ssig1,
            csig1: csig1,
            ssig2: ssig2,
            csig2: csig2,
            integrals: integrals,
            derivative: derivative
        )
    }

    /// The reduced length m₁₂ / b (Karney 2013 eq. 38).
    func reducedLength(
        _ integrals: GeodesicIntegrals,
        _ sig12: Double,
        _ ssig1: Double,
        _ csig1: Double,
        _ dn1: Double,
        _ ssig2: Double,
        _ csig2: Double,
        _ dn2: Double
    ) -> Double {
        let j12 = integrals.reducedLengthIntegral(sigma12: sig12, ssig1, csig1, ssig2, csig2)
        return dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * j12
    }

    /// The inverse problem (Karney 2013 §4). Angles in radians.
    func inverse(
        _ lat1In: Double,
        _ lon1: Double,
        _ lat2In: Double,
        _ lon2: Double
    )
        -> (distanceMetres: Double, initialAzimuth: Double, finalAzimuth: Double)
    {
        // Normalise: λ₁₂ ≥ 0, |φ₁| ≥ |φ₂|, φ₁ ≤ 0 (Karney §4 symmetries), undone at the end.
        var lon12 = Self.wrap(lon2 - lon1)
        var lonSign = 1.0
        if lon12 < 0 || (lon12 == 0 && lon12.sign == .minus) {
            lonSign = -1
            lon12 = -lon12
        }
        var lat1 = Swift.min(Double.pi / 2, Swift.max(-Double.pi / 2, lat1In))
        var lat2 = Swift.min(Double.pi / 2, Swift.max(-Double.pi / 2, lat2In))
        let swapped = abs(lat1) < abs(lat2)
        if swapped {
            lonSign = -lonSign
            swap(&lat1, &lat2)
        }
        let latSign: Double = lat1 < 0 ? 1 : -1
        lat1 *= latSign
        lat2 *= latSign
        let (slam12, clam12) = Self.sinCos(lon12)
        let (sbet1, cbet1) = reducedLatitude(lat1)
        var (sbet2, cbet2) = reducedLatitude(lat2)
        // Make the configurations with β₁ = −β₂ or at the pole exactly symmetric (Karney's adjustment).
        if cbet1 < -sbet1 {
            if cbet2 == cbet1 { sbet2 = sbet2 < 0 ? sbet1 : -sbet1 }
        } else if abs(sbet2) == -sbet1 {
            cbet2 = cbet1
        }
        let dn1 = (1 + ep2 * sbet1 * sbet1).squareRoot()
        let dn2 = (1 + ep2 * sbet2 * sbet2).squareRoot()

        var salp1 = 0.0
        var calp1 = 0.0
        var salp2 = 0.0
        var calp2 = 0.0
        var s12 = 0.0
        var solved = false

        // Meridional geodesic (λ₁₂ = 0 or π, or a pole): α₁ = λ₁₂, shortest unless past the conjugate point.
        if lat1 == -Double.pi / 2 || slam12 == 0 {
            calp1 = clam12
            salp1 = slam12
            calp2 = 1
            salp2 = 0
            let ssig1 = sbet1
            let csig1 = calp1 * cbet1
            let ssig2 = sbet2
            let csig2 = calp2 * cbet2
            let sig12 = Double.atan2(
                y: Swift.max(0, csig1 * ssig2 - ssig1 * csig2),
                x: csig1 * csig2 + ssig1 * ssig2
            )
            let integrals = GeodesicIntegrals(kSquared: ep2, flattening: f)
            let m12b = reducedLength(integrals, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2)
            if sig12 < 1 || m12b >= 0 {
                s12 = sig12 < 3 * Self.tiny ? 0 : b * integrals.distance(sigma12: sig12, ssig1, csig1, ssig2, csig2)
                solved = true
            }
        }
        // Equatorial geodesic, shortest for λ₁₂ ≤ (1 − f)π.
        if !solved && sbet1 == 0 && (f <= 0 || Double.pi - lon12 >= f * Double.pi) {
            calp1 = 0
            calp2 = 0
            salp1 = 1
            salp2 = 1
            s12 = a * lon12
            solved = true
        }
        if !solved {
            let start = inverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lon12, slam12, clam12)
            salp1 = start.salp1
            calp1 = start.calp1
            if start.sig12 >= 0 {
                // Short line solved by the start itself.
                s12 = start.sig12 * b * start.dnm
                salp2 = start.salp2
                calp2 = start.calp2
            } else {
                let r = newton(sbet1, cbet1, dn1, sbet2, cbet2, dn2, slam12, clam12, &salp1, &calp1)
                s12 = b * r.integrals.distance(sigma12: r.sig12, r.ssig1, r.csig1, r.ssig2, r.csig2)
                salp2 = r.salp2
                calp2 = r.calp2
            }
        }
        if swapped {
            swap(&salp1, &salp2)
            swap(&calp1, &calp2)
        }
        let swapSign = swapped ? -1.0 : 1.0
        salp1 *= swapSign * lonSign
        calp1 *= swapSign * latSign
        salp2 *= swapSign * lonSign
        calp2 *= swapSign * latSign
        return (s12, Double.atan2(y: salp1, x: calp1), Double.atan2(y: salp2, x: calp2))
    }

    /// Newton's method on α₁ with a bisection bracket (Karney 2013 §4, after eq. 46).
    func newton(
        _ sbet1: Double,
        _ cbet1: Double,
        _ dn1: Double,
        _ sbet2: Double,
        _ cbet2: Double,
        _ dn2: Double,
        _ slam12: Double,
        _ clam12: Double,
        _ salp1: inout Double,
        _ calp1: inout Double
    ) -> LambdaResult {
        var salp1a = Self.tiny
        var calp1a = 1.0
        var salp1b = Self.tiny
        var calp1b = -1.0
        var tripn = false
        var tripb = false
        var result = lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12)
        for iteration in 0..<Self.maxit2 {
            if iteration > 0 {
                result = lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12)
            }
            let v = result.residual
            if tripb || !(abs(v) >= (tripn ? 8 : 1) * Self.tol0) { break }
            // Keep the bracket [α₁a, α₁b] with v(α₁a) < 0 < v(α₁b).
            if v > 0 && (iteration > Self.maxit1 || calp1 / salp1 > calp1b / salp1b) {
                salp1b = salp1
                calp1b = calp1
            } else if v < 0 && (iteration > Self.maxit1 || calp1 / salp1 < calp1a / salp1a) {
                salp1a = salp1
                calp1a = calp1
            }
            if iteration < Self.maxit1 && result.derivative > 0 {
                let dalp1 = -v / result.derivative
                if abs(dalp1) < Double.pi {
                    let sd = Double.sin(dalp1)
                    let cd = Double.cos(dalp1)
                    let nsalp1 = salp1 * cd + calp1 * sd
                    if nsalp1 > 0 {
                        calp1 = calp1 * cd - salp1 * sd
                        salp1 = nsalp1
                        Self.normalise(&salp1, &calp1)
                        tripn = abs(v) <= 16 * Self.tol0
                        continue
                    }
                }
            }
            // Newton left the bracket or stalled: bisect.
            salp1 = (salp1a + salp1b) / 2
            calp1 = (calp1a + calp1b) / 2
            Self.normalise(&salp1, &calp1)
            tripn = false
            tripb =
                abs(salp1a - salp1) + (calp1a - calp1) < Self.tolb
                || abs(salp1 - salp1b) + (calp1 - calp1b) < Self.tolb
        }
        return result
    }
}
