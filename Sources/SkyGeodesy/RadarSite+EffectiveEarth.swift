import RealModule

extension RadarSite {
    /// The effective-earth model for rays leaving this antenna in direction `azimuth`: Rₑ = k · R_α, with R_α the
    /// WGS-84 radius of curvature of the normal section in that azimuth at the site (Euler), so the sphere osculates
    /// the ellipsoid along the ray's vertical plane.
    /// - Parameters:
    ///   - azimuth: clockwise from true north, radians.
    ///   - kFactor: refraction factor k (4/3 for the standard atmosphere; 1 for straight rays).
    public func effectiveEarth(azimuth: Double, kFactor: Double = 4.0 / 3.0) -> EffectiveEarth {
        EffectiveEarth(
            kFactor: kFactor,
            earthRadiusMetres: WGS84.radiusOfCurvatureMetres(latitude: antenna.latitude, azimuth: azimuth)
        )
    }

    /// The geodetic position of a target from slant range, azimuth and height with the effective-earth model, as
    /// SSR plot processing does with Mode C: ground range from the model, then the point that far along the
    /// geodesic from the antenna's foot in that azimuth.
    ///
    /// Heights are taken above the ellipsoid (a Mode C altitude must first be turned into a height, e.g. with
    /// ``ISA``). An inconsistent input (range shorter than the height difference) gives the antenna's foot point.
    /// - Parameters:
    ///   - slantRangeMetres: measured slant range, metres.
    ///   - azimuth: measured azimuth, clockwise from true north at the antenna, radians.
    ///   - targetHeightMetres: target height above the ellipsoid, metres.
    ///   - kFactor: refraction factor k (default 4/3).
    /// - Returns: the target position at `targetHeightMetres`.
    public func geodeticEffectiveEarth(
        slantRangeMetres: Double,
        azimuth: Double,
        targetHeightMetres: Double,
        kFactor: Double = 4.0 / 3.0
    ) -> GeodeticPosition {
        let model = effectiveEarth(azimuth: azimuth, kFactor: kFactor)
        let ground = model.groundRangeMetres(
            slantRangeMetres: slantRangeMetres,
            antennaHeightMetres: antenna.heightMetres,
            targetHeightMetres: targetHeightMetres
        )
        var p = Geodesic.direct(from: antenna, azimuth: azimuth, distanceMetres: ground)
        p.heightMetres = targetHeightMetres
        return p
    }

    /// The slant range, azimuth and (refracted) elevation the effective-earth model predicts for a target: the
    /// inverse of ``geodeticEffectiveEarth(slantRangeMetres:azimuth:targetHeightMetres:kFactor:)``.
    /// - Parameters:
    ///   - target: target position (height above the ellipsoid).
    ///   - kFactor: refraction factor k (default 4/3).
    public func polarEffectiveEarth(of target: GeodeticPosition, kFactor: Double = 4.0 / 3.0) -> RadarPolar {
        let line = Geodesic.inverse(from: antenna, to: target)
        var azimuth = line.initialAzimuth
        if azimuth < 0 { azimuth += 2 * Double.pi }
        let model = effectiveEarth(azimuth: azimuth, kFactor: kFactor)
        let slant = model.slantRangeMetres(
            groundRangeMetres: line.distanceMetres,
            antennaHeightMetres: antenna.heightMetres,
            targetHeightMetres: target.heightMetres
        )
        let elevation = model.elevation(
            slantRangeMetres: slant,
            antennaHeightMetres: antenna.heightMetres,
            targetHeightMetres: target.heightMetres
        )
        return RadarPolar(slantRangeMetres: slant, azimuth: azimuth, elevation: elevation)
    }
}
