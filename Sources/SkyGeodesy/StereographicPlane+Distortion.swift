public import RealModule

extension StereographicPlane {
    /// The point scale factor k at a position: plane length / ellipsoid length for an infinitesimal segment
    /// (the same in every direction, the projection being conformal).
    ///
    /// ```
    /// k = (2 k₀ / B) · (R n cos χ) / (ν cos φ)
    /// ```
    /// the first factor being the sphere stereographic's scale and the second the Gauss conformal map's
    /// (ν = prime-vertical radius of curvature).
    /// - Parameter p: the position; its height is ignored.
    /// - Returns: k, dimensionless; k₀ at the reference, ≈ k₀(1 + d²/4R²) at distance d.
    @inlinable
    public func pointScaleFactor(at p: GeodeticPosition) -> Double {
        let (sinChi, cosChi, dLambda) = conformal(p)
        let b = 1 + sinChi * sinChi0 + cosChi * cosChi0 * Double.cos(dLambda)
        let sinPhi = Double.sin(p.latitude)
        let cosPhi = Double.cos(p.latitude)
        // The Gauss map's scale cos χ / cos φ is 0/0 at a pole; its limit is finite but the plane is not used there.
        let nu = semiMajorAxis / (1 - eccentricitySquared * sinPhi * sinPhi).squareRoot()
        return twoRk0 / b * n * cosChi / (nu * cosPhi)
    }

    /// The grid convergence at a position: the grid bearing of true north, radians, positive clockwise from grid
    /// north (the +y axis).
    ///
    /// The Gauss conformal map sends meridians to meridians, so this is the sphere stereographic's convergence:
    /// ```
    /// γ = −atan2(sin ΔΛ (sin χ₀ + sin χ), cos χ₀ cos χ + (1 + sin χ₀ sin χ) cos ΔΛ)
    /// ```
    /// It is zero on the reference meridian and, in the northern hemisphere, negative east of it (meridians
    /// converge towards the pole's image on the +y axis). A direction with true azimuth α (clockwise from true
    /// north) has grid bearing `α + γ`.
    /// - Parameter p: the position; its height is ignored.
    @inlinable
    public func gridConvergence(at p: GeodeticPosition) -> Double {
        let (sinChi, cosChi, dLambda) = conformal(p)
        return -Double.atan2(
            y: Double.sin(dLambda) * (sinChi0 + sinChi),
            x: cosChi0 * cosChi + (1 + sinChi0 * sinChi) * Double.cos(dLambda)
        )
    }

    /// The grid bearing (clockwise from grid north, radians) of a direction whose true azimuth (clockwise from
    /// true north) at `p` is `azimuth`: `azimuth + γ(p)`, not wrapped.
    @inlinable
    public func gridBearing(trueAzimuth azimuth: Double, at p: GeodeticPosition) -> Double {
        azimuth + gridConvergence(at: p)
    }

    /// The point scale factor and the grid convergence together, from one conformal-latitude evaluation.
    /// - Parameter p: the position; its height is ignored.
    /// - Returns: k (as ``pointScaleFactor(at:)``) and γ (as ``gridConvergence(at:)``, radians).
    @inlinable
    public func gridDistortion(at p: GeodeticPosition) -> (scaleFactor: Double, convergence: Double) {
        let (k, cosGamma, sinGamma) = jacobianTerms(at: p)
        return (k, Double.atan2(y: sinGamma, x: cosGamma))
    }

    /// The geodetic position of plane coordinates (as ``unproject(_:)``) with the point scale factor k and the
    /// cosine and sine of the grid convergence γ there (as ``scaleAndConvergence(at:)``), from the inversion's own
    /// terms: sin χ and the conformal longitude's direction come out of the sphere inversion, sin φ out of the
    /// Newton iteration, so no trigonometric call is added to the inversion's. Agrees with the two calls to
    /// rounding (`StereographicPlaneTests`). What a tracker's display needs per track.
    /// - Parameter xy: (x east, y north) in metres.
    @inlinable
    public func unprojectWithDistortion(
        _ xy: SIMD2<Double>
    ) -> (position: GeodeticPosition, scaleFactor: Double, cosConvergence: Double, sinConvergence: Double) {
        let x = xy.x - falseEasting
        let y = xy.y - falseNorthing
        let rho = (x * x + y * y).squareRoot()
        if rho == 0 {
            let (k, c, s) = jacobianTerms(at: reference)
            return (GeodeticPosition(latitude: reference.latitude, longitude: reference.longitude), k, c, s)
        }
        let t = rho / twoRk0
        let sinC = 2 * t / (1 + t * t)
        let cosC = (1 - t * t) / (1 + t * t)
        let sinChi = Swift.min(1, Swift.max(-1, cosC * sinChi0 + y * sinC * cosChi0 / rho))
        let dy = x * sinC
        let dx = rho * cosChi0 * cosC - y * sinChi0 * sinC
        let dLambda = Double.atan2(y: dy, x: dx)
        var lon = reference.longitude + dLambda / n
        if lon > Double.pi { lon -= 2 * Double.pi } else if lon < -Double.pi { lon += 2 * Double.pi }
        let psi = (Double.atanh(sinChi) - halfLogC) / n
        let sinPhi = Swift.min(1, Swift.max(-1, sineOfLatitude(isometric: psi)))
        // The terms of `jacobianTerms(at:)` at this point.
        let h = (dx * dx + dy * dy).squareRoot()
        let sinDL = dy / h
        let cosDL = dx / h
        let cosChi = (1 - sinChi * sinChi).squareRoot()
        let cosPhi = (1 - sinPhi * sinPhi).squareRoot()
        let b = 1 + sinChi * sinChi0 + cosChi * cosChi0 * cosDL
        let nu = semiMajorAxis / (1 - eccentricitySquared * sinPhi * sinPhi).squareRoot()
        let k = twoRk0 / b * n * cosChi / (nu * cosPhi)
        let gx = cosChi0 * cosChi + (1 + sinChi0 * sinChi) * cosDL
        let gy = sinDL * (sinChi0 + sinChi)
        let r = (gx * gx + gy * gy).squareRoot()
        return (GeodeticPosition(latitude: Double.asin(sinPhi), longitude: lon), k, gx / r, -gy / r)
    }

    /// The point scale factor k and the cosine and sine of the grid convergence γ at `p` (what
    /// ``gridDistortion(at:)`` gives, without the angle): a caller converting several vectors and a covariance at
    /// one point computes them once.
    @inlinable
    public func scaleAndConvergence(
        at p: GeodeticPosition
    ) -> (scaleFactor: Double, cosConvergence: Double, sinConvergence: Double) {
        let (k, c, s) = jacobianTerms(at: p)
        return (k, c, s)
    }

    /// k, cos γ and sin γ, with no trigonometric call beyond the conformal latitude's (the convergence's
    /// direction vector is normalised instead of taking its angle).
    @inlinable
    func jacobianTerms(at p: GeodeticPosition) -> (k: Double, cosGamma: Double, sinGamma: Double) {
        let (sinChi, cosChi, dLambda) = conformal(p)
        let sinDL = Double.sin(dLambda)
        let cosDL = Double.cos(dLambda)
        let b = 1 + sinChi * sinChi0 + cosChi * cosChi0 * cosDL
        let sinPhi = Double.sin(p.latitude)
        let cosPhi = Double.cos(p.latitude)
        let nu = semiMajorAxis / (1 - eccentricitySquared * sinPhi * sinPhi).squareRoot()
        let k = twoRk0 / b * n * cosChi / (nu * cosPhi)
        // γ = −atan2(Y, X): cos γ = X/|(X, Y)|, sin γ = −Y/|(X, Y)|.
        let x = cosChi0 * cosChi + (1 + sinChi0 * sinChi) * cosDL
        let y = sinDL * (sinChi0 + sinChi)
        let r = (x * x + y * y).squareRoot()
        return (k, x / r, -y / r)
    }

    /// The plane vector of a small horizontal east/north vector at `p` (a displacement in metres or a velocity
    /// in m/s): the projection's Jacobian, a rotation by the convergence times the point scale factor.
    ///
    /// ```
    /// [x]       [ cos γ   sin γ] [east ]
    /// [y] = k · [−sin γ   cos γ] [north]
    /// ```
    /// - Parameters:
    ///   - eastNorth: (east, north) components in the local horizontal plane at `p`.
    ///   - p: where the vector applies; its height is ignored.
    /// - Returns: (x, y) plane components, same unit as the input.
    @inlinable
    public func gridVector(eastNorth: SIMD2<Double>, at p: GeodeticPosition) -> SIMD2<Double> {
        let v = eastNorth
        let (k, c, s) = jacobianTerms(at: p)
        return SIMD2(k * (c * v.x + s * v.y), k * (-s * v.x + c * v.y))
    }

    /// The local (east, north) vector of a plane vector at `p`: the inverse of ``gridVector(eastNorth:at:)``.
    @inlinable
    public func eastNorthVector(grid v: SIMD2<Double>, at p: GeodeticPosition) -> SIMD2<Double> {
        let (k, c, s) = jacobianTerms(at: p)
        return SIMD2(c * v.x - s * v.y, s * v.x + c * v.y) / k
    }
}
