import RealModule

/// The ICAO Standard Atmosphere (ICAO Doc 7488/3, identical to ISO 2533:1975 and the U.S. Standard
/// Atmosphere 1976 below 32 km): pressure altitude (Mode C, flight level) ⇄ geometric height.
///
/// **This is an approximation of the real atmosphere.** A Mode C / Mode S altitude is a *pressure altitude*: the
/// altitude at which the ISA has the static pressure the aircraft measures, referred to 1013.25 hPa. The geometric
/// height of that pressure surface differs from the ISA value by the day's sea-level pressure (≈ 8.3 m per hPa, up to
/// ±300 m) and by the air temperature (≈ 0.4 % of the altitude per kelvin of deviation, ±400 m at FL350 on a cold
/// or hot day). Both corrections are available here (`qnhPascals`, `temperatureDeviationKelvin`), but a surveillance
/// system without meteorological input uses the standard values and must treat the result as accurate to a few
/// hundred metres. Heights are above mean sea level (the geoid), not the ellipsoid; the geoid separation (up to
/// ±100 m) is not modelled.
///
/// Layers (geopotential altitude H, metres): troposphere 0–11 km (lapse rate −6.5 K/km), tropopause and lower
/// stratosphere 11–20 km (isothermal 216.65 K), stratosphere 20–32 km (+1 K/km). Above 32 km and below −5 km
/// the last layer's law is extrapolated (outside the standard; no aircraft operates there).
public enum ISA {
    /// Standard sea-level pressure p₀ = 101 325 Pa.
    public static let seaLevelPressurePascals = 101_325.0
    /// Standard sea-level temperature T₀ = 288.15 K.
    public static let seaLevelTemperatureKelvin = 288.15
    /// Standard gravity g₀ = 9.806 65 m/s².
    public static let standardGravity = 9.806_65
    /// Specific gas constant of dry air R = 287.052 87 J/(kg·K) (ICAO Doc 7488/3).
    public static let gasConstant = 287.052_87
    /// Earth radius r = 6 356 766 m used by the standard to relate geopotential and geometric height.
    public static let earthRadiusMetres = 6_356_766.0
    /// One foot in metres (exact, international foot).
    public static let metresPerFoot = 0.3048

    /// Layer bases (geopotential m), base temperatures (K), lapse rates (K/m) and base pressures (Pa).
    static let layerBase: (Double, Double, Double) = (0, 11_000, 20_000)
    static let lapseRate: (Double, Double, Double) = (-0.0065, 0, 0.001)
    static let baseTemperature: (Double, Double, Double) = (288.15, 216.65, 216.65)
    static let basePressure: (Double, Double, Double) = {
        let p11 = seaLevelPressurePascals * pressureRatio(dH: 11_000, baseTemperature: 288.15, lapseRate: -0.0065)
        let p20 = p11 * pressureRatio(dH: 9_000, baseTemperature: 216.65, lapseRate: 0)
        return (seaLevelPressurePascals, p11, p20)
    }()

    /// p/p_base after rising `dH` within a layer: (T/T_b)^(−g₀/(R L)) or exp(−g₀ dH/(R T_b)) when L = 0.
    static func pressureRatio(dH: Double, baseTemperature tb: Double, lapseRate l: Double) -> Double {
        if l == 0 { return Double.exp(-standardGravity * dH / (gasConstant * tb)) }
        return Double.pow((tb + l * dH) / tb, -standardGravity / (gasConstant * l))
    }

    /// The layer (base, base temperature, lapse rate, base pressure) containing geopotential altitude `h`.
    static func layer(geopotential h: Double) -> (base: Double, temperature: Double, lapse: Double, pressure: Double) {
        if h < layerBase.1 { return (layerBase.0, baseTemperature.0, lapseRate.0, basePressure.0) }
        if h < layerBase.2 { return (layerBase.1, baseTemperature.1, lapseRate.1, basePressure.1) }
        return (layerBase.2, baseTemperature.2, lapseRate.2, basePressure.2)
    }

    /// Standard temperature at a geopotential altitude, kelvin.
    public static func temperatureKelvin(geopotentialAltitudeMetres h: Double) -> Double {
        let l = layer(geopotential: h)
        return l.temperature + l.lapse * (h - l.base)
    }

    /// Standard static pressure at a geopotential altitude (= pressure altitude), pascals.
    public static func pressurePascals(geopotentialAltitudeMetres h: Double) -> Double {
        let l = layer(geopotential: h)
        return l.pressure * pressureRatio(dH: h - l.base, baseTemperature: l.temperature, lapseRate: l.lapse)
    }

    /// Pressure altitude (the ISA geopotential altitude with this static pressure), metres.
    /// - Parameter p: static pressure, pascals (> 0).
    public static func pressureAltitudeMetres(pressurePascals p: Double) -> Double {
        precondition(p > 0, "pressure must be positive")
        let l: (base: Double, temperature: Double, lapse: Double, pressure: Double) =
            p > basePressure.1
            ? (layerBase.0, baseTemperature.0, lapseRate.0, basePressure.0)
            : p > basePressure.2
                ? (layerBase.1, baseTemperature.1, lapseRate.1, basePressure.1)
                : (layerBase.2, baseTemperature.2, lapseRate.2, basePressure.2)
        let ratio = p / l.pressure
        if l.lapse == 0 { return l.base - gasConstant * l.temperature / standardGravity * Double.log(ratio) }
        let exponent = -gasConstant * l.lapse / standardGravity
        return l.base + l.temperature / l.lapse * (Double.pow(ratio, exponent) - 1)
    }

    /// Geometric height of a geopotential altitude: `z = r H / (r − H)` (ICAO Doc 7488, r = 6 356 766 m).
    public static func geometricHeightMetres(geopotentialAltitudeMetres h: Double) -> Double {
        earthRadiusMetres * h / (earthRadiusMetres - h)
    }

    /// Geopotential altitude of a geometric height: `H = r z / (r + z)`.
    public static func geopotentialAltitudeMetres(geometricHeightMetres z: Double) -> Double {
        earthRadiusMetres * z / (earthRadiusMetres + z)
    }

    /// ∫₀ᴴ dh / T_std(h), in m/K: the integral that scales the thickness of a non-standard-temperature column.
    static func inverseTemperatureIntegral(_ h: Double) -> Double {
        // Each layer: ∫ dh/(T_b + L(h − h_b)) = ln(T/T_b)/L, or Δh/T_b when isothermal.
        func part(_ from: Double, _ to: Double, _ tb: Double, _ lapse: Double) -> Double {
            lapse == 0 ? (to - from) / tb : Double.log((tb + lapse * (to - from)) / tb) / lapse
        }
        let t = baseTemperature
        let b = layerBase
        let l = lapseRate
        if h < b.1 { return part(0, h, t.0, l.0) }
        let first = part(0, b.1, t.0, l.0)
        if h < b.2 { return first + part(b.1, h, t.1, l.1) }
        return first + part(b.1, b.2, t.1, l.1) + part(b.2, h, t.2, l.2)
    }

    /// Geometric height above mean sea level of an aircraft reporting a pressure altitude.
    ///
    /// With the defaults this is the pure ISA conversion (pressure altitude is the ISA geopotential altitude,
    /// converted to geometric height). With a QNH and a temperature deviation ΔT (the column is the standard
    /// profile shifted by ΔT), the geopotential height of the pressure surface above sea level is
    /// ```
    /// Z = F(H) − F(H_QNH),   F(H) = H + ΔT ∫₀ᴴ dh / T_std(h)
    /// ```
    /// (hypsometric equation), where H_QNH is the pressure altitude of the QNH pressure.
    /// - Parameters:
    ///   - feet: pressure altitude in feet (Mode C / Mode S altitude; flight level × 100).
    ///   - qnhPascals: sea-level pressure, pascals (default standard, 101 325 Pa).
    ///   - temperatureDeviationKelvin: ISA deviation ΔT of the air column, kelvin (default 0).
    /// - Returns: geometric height above mean sea level, metres (an approximation: see the type's discussion).
    public static func geometricHeightMetres(
        pressureAltitudeFeet feet: Double,
        qnhPascals: Double = 101_325,
        temperatureDeviationKelvin: Double = 0
    ) -> Double {
        let h = feet * metresPerFoot
        let hQNH = qnhPascals == seaLevelPressurePascals ? 0 : pressureAltitudeMetres(pressurePascals: qnhPascals)
        let f = { (x: Double) in x + temperatureDeviationKelvin * inverseTemperatureIntegral(x) }
        return geometricHeightMetres(geopotentialAltitudeMetres: f(h) - f(hQNH))
    }

    /// The pressure altitude, in feet, an altimeter set to 1013.25 hPa would show at a geometric height: the
    /// inverse of ``geometricHeightMetres(pressureAltitudeFeet:qnhPascals:temperatureDeviationKelvin:)``.
    ///
    /// Closed form for the standard atmosphere; with a temperature deviation, Newton's method on F (F′ = 1 + ΔT/T_std
    /// > 0, converging in 2–3 steps to 1e-9 m).
    public static func pressureAltitudeFeet(
        geometricHeightMetres z: Double,
        qnhPascals: Double = 101_325,
        temperatureDeviationKelvin: Double = 0
    ) -> Double {
        let target = geopotentialAltitudeMetres(geometricHeightMetres: z)
        let hQNH = qnhPascals == seaLevelPressurePascals ? 0 : pressureAltitudeMetres(pressurePascals: qnhPascals)
        let dT = temperatureDeviationKelvin
        if dT == 0 { return (target + hQNH) / metresPerFoot }
        let f = { (x: Double) in x + dT * inverseTemperatureIntegral(x) }
        let goal = target + f(hQNH)
        var h = goal  // F(h) ≈ h (1 + dT/250)
        for _ in 0..<8 {
            let step = (f(h) - goal) / (1 + dT / temperatureKelvin(geopotentialAltitudeMetres: h))
            h -= step
            if abs(step) < 1e-9 { break }
        }
        return h / metresPerFoot
    }

    /// Geometric height above mean sea level of a flight level under the ISA (FL × 100 ft pressure altitude).
    public static func geometricHeightMetres(flightLevel: Double) -> Double {
        geometricHeightMetres(pressureAltitudeFeet: flightLevel * 100)
    }
}
