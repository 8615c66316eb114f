import RealModule

extension GeodesicSolver {
    /// A starting azimuth for Newton's method (Karney 2013 §5): the great-circle solution on a sphere scaled to the
    /// mid-latitude for short lines (which already solves lines shorter than ~`etol2` radians), and for nearly
    /// antipodal points the solution of the astroid problem (eq. 55–57), where the sphere's guess is useless.
    /// - Returns: `sig12 ≥ 0` (with `salp2`, `calp2`, `dnm`) when the short-line solution is final, else −1.
    func inverseStart(
        _ sbet1: Double,
        _ cbet1: Double,
        _ dn1: Double,
        _ sbet2: Double,
        _ cbet2: Double,
        _ dn2: Double,
        _ lam12: Double,
        _ slam12: Double,
        _ clam12: Double
    ) -> (sig12: Double, salp1: Double, calp1: Double, salp2: Double, calp2: Double, dnm: Double) {
        var sig12 = -1.0
        var salp2 = 0.0
        var calp2 = 0.0
        var dnm = 0.0
        // sin and cos of β₂ − β₁ and sin of β₂ + β₁.
        let sbet12 = sbet2 * cbet1 - cbet2 * sbet1
        let cbet12 = cbet2 * cbet1 + sbet2 * sbet1
        let sbet12a = sbet2 * cbet1 + cbet2 * sbet1
        let shortLine = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5
        var somg12: Double
        var comg12: Double
        if shortLine {
            var sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2)
            // sin²β_m with β_m the mean reduced latitude, guarded against β₁ = −β₂.
            sbetm2 /= sbetm2 + (cbet1 + cbet2) * (cbet1 + cbet2)
            dnm = (1 + ep2 * sbetm2).squareRoot()
            let omg12 = lam12 / (f1 * dnm)
            somg12 = Double.sin(omg12)
            comg12 = Double.cos(omg12)
        } else {
            somg12 = slam12
            comg12 = clam12
        }
        var salp1 = cbet2 * somg12
        var calp1 =
            comg12 >= 0
            ? sbet12 + cbet2 * sbet1 * somg12 * somg12 / (1 + comg12)
            : sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12)
        let ssig12 = (salp1 * salp1 + calp1 * calp1).squareRoot()
        let csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12

        if shortLine && ssig12 < etol2 {
            // Really short: the sphere of radius b·dnm is exact to rounding.
            salp2 = cbet1 * somg12
            calp2 = sbet12 - cbet1 * sbet2 * (comg12 >= 0 ? somg12 * somg12 / (1 + comg12) : 1 - comg12)
            Self.normalise(&salp2, &calp2)
            sig12 = Double.atan2(y: ssig12, x: csig12)
        } else if abs(n) > 0.1 || csig12 >= 0 || ssig12 >= 6 * abs(n) * Double.pi * cbet1 * cbet1 {
            // Not nearly antipodal: the spherical azimuth is a good enough start.
        } else {
            // Nearly antipodal: scale to the astroid's coordinates (x, y) (Karney eqs. 53–54).
            let lam12x = Double.atan2(y: -slam12, x: -clam12)  // λ₁₂ − π
            let k2 = sbet1 * sbet1 * ep2
            let lamScale = f * cbet1 * GeodesicIntegrals(kSquared: k2, flattening: f).a3 * Double.pi
            let betScale = lamScale * cbet1
            let x = lam12x / lamScale
            let y = sbet12a / betScale
            if y > -Self.tol1 && x > -1 - Self.xthresh {
                // Points nearly on opposite sides of the equator: the geodesic runs close to a meridian.
                salp1 = Swift.min(1, -x)
                calp1 = -(1 - salp1 * salp1).squareRoot()
            } else {
                let k = Self.astroid(x, y)
                let omg12a = lamScale * (-x * k / (1 + k))
                somg12 = Double.sin(omg12a)
                comg12 = -Double.cos(omg12a)
                salp1 = cbet2 * somg12
                calp1 = sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12)
            }
        }
        if !(salp1 <= 0) {
            Self.normalise(&salp1, &calp1)
        } else {
            salp1 = 1
            calp1 = 0
        }
        return (sig12, salp1, calp1, salp2, calp2, dnm)
    }

    /// The positive root k of the astroid equation k⁴ + 2k³ − (x² + y² − 1)k² − 2y²k − y² = 0 (Karney 2013
    /// eq. 55), in closed form via the resolvent cubic, arranged to avoid cancellation.
    static func astroid(_ x: Double, _ y: Double) -> Double {
        let p = x * x
        let q = y * y
        let r = (p + q - 1) / 6
        guard !(q == 0 && r <= 0) else { return 0 }
        let s = p * q / 4
        let r2 = r * r
        let r3 = r * r2
        let disc = s * (s + 2 * r3)
        var u = r
        if disc >= 0 {
            var t3 = s + r3
            // Pick the sign of the square root that avoids cancellation.
            t3 += t3 < 0 ? -disc.squareRoot() : disc.squareRoot()
            let t = Double.root(t3, 3)  // real cube root, negative for t3 < 0
            u += t + (t != 0 ? r2 / t : 0)
        } else {
            let angle = Double.atan2(y: (-disc).squareRoot(), x: -(s + r3))
            u += 2 * r * Double.cos(angle / 3)
        }
        let v = (u * u + q).squareRoot()
        let uv = u < 0 ? q / (v - u) : u + v
        let w = (uv - q) / (2 * v)
        return uv / ((uv + w * w).squareRoot() + w)
    }
}
