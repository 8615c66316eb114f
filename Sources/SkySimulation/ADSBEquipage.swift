public import SkyGeodesy
public import SkyModel

/// The ADS-B Out equipment of one aircraft (RTCA DO-260 / 260A / 260B, "version" 0 / 1 / 2).
public struct ADSBEquipage: Sendable, Hashable {
    /// ADS-B version number: 0 (DO-260), 1 (DO-260A), 2 (DO-260B).
    public var version: Int
    /// Navigation Accuracy Category for position, 0…11 (declared in the operational status message, v1+).
    public var nacp: Int
    /// Navigation Accuracy Category for velocity, 0…4.
    public var nacv: Int
    /// Navigation Integrity Category, 0…11; sets the airborne-position type code (see `positionTypeCode`).
    public var nic: Int
    /// Source Integrity Level, 0…3.
    public var sil: Int
    /// Emitter category set (type code 1…4: 4 = set A aircraft, 3 = set B, 2 = set C surface, 1 = set D).
    public var categorySet: UInt8
    /// Emitter category within the set (set A: 1 light, 3 large, 5 heavy, 7 rotorcraft; set B: 6 UAV).
    public var category: UInt8
    /// The actual 95 % horizontal position error as a fraction of the declared NACp bound (1 = at the bound;
    /// 0.5, the default, is an honest declaration with margin).
    public var accuracyFraction: Double
    /// Correlation time of the position error (first-order Gauss–Markov), seconds; 0 = white noise.
    public var errorCorrelationSeconds: Double

    /// An equipage; see each property.
    public init(
        version: Int = 2,
        nacp: Int = 9,
        nacv: Int = 1,
        nic: Int = 8,
        sil: Int = 3,
        categorySet: UInt8 = 4,
        category: UInt8 = 3,
        accuracyFraction: Double = 0.5,
        errorCorrelationSeconds: Double = 30
    ) {
        precondition((0...2).contains(version) && (0...11).contains(nacp) && (0...4).contains(nacv))
        precondition((0...11).contains(nic) && (0...3).contains(sil) && (1...4).contains(categorySet))
        self.version = version
        self.nacp = nacp
        self.nacv = nacv
        self.nic = nic
        self.sil = sil
        self.categorySet = categorySet
        self.category = category
        self.accuracyFraction = accuracyFraction
        self.errorCorrelationSeconds = errorCorrelationSeconds
    }

    /// The 95 % horizontal accuracy bound (EPU) of a NACp value, metres (DO-260B table 2-70). NACp 0
    /// ("unknown") is taken as 10 NM.
    public static func estimatedPositionUncertaintyMetres(nacp: Int) -> Double {
        let nm = 1852.0
        switch nacp {
        case 11: return 3
        case 10: return 10
        case 9: return 30
        case 8: return 0.05 * nm
        case 7: return 0.1 * nm
        case 6: return 0.3 * nm
        case 5: return 0.5 * nm
        case 4: return 1 * nm
        case 3: return 2 * nm
        case 2: return 4 * nm
        default: return 10 * nm
        }
    }

    /// The 95 % horizontal velocity accuracy bound of a NACv value, m/s (DO-260B table 2-22). NACv 0 → 15 m/s.
    public static func velocityUncertainty(nacv: Int) -> Double {
        switch nacv {
        case 4: 0.3
        case 3: 1
        case 2: 3
        case 1: 10
        default: 15
        }
    }

    /// The 1-σ per-axis position noise, metres: a circular Gaussian whose 95 % radius is
    /// `accuracyFraction × EPU(nacp)`:
    /// ```
    /// P(r ≤ R) = 1 − exp(−R²/2σ²)  ⇒  R95 = σ·√(2 ln 20) = 2.4477 σ
    /// ```
    public var positionSigmaMetres: Double {
        accuracyFraction * Self.estimatedPositionUncertaintyMetres(nacp: nacp) / Self.radius95PerSigma
    }

    /// The 1-σ per-axis velocity noise, m/s (same construction with the NACv bound).
    public var velocitySigma: Double { accuracyFraction * Self.velocityUncertainty(nacv: nacv) / Self.radius95PerSigma }

    /// √(2 ln 20): the 95 % radius of a 2-D circular Gaussian in units of its per-axis σ.
    public static let radius95PerSigma = 2.447_746_830_680_816

    /// The airborne-position type code with barometric altitude for this NIC (DO-260B table 2-14):
    /// NIC 11 → 9, 10 → 10, 8–9 → 11, 7 → 12, 6 → 13, 5 → 14, 4 → 15, 2–3 → 16, 1 → 17, 0 → 18.
    public var positionTypeCode: UInt8 {
        switch nic {
        case 11: 9
        case 10: 10
        case 8, 9: 11
        case 7: 12
        case 6: 13
        case 5: 14
        case 4: 15
        case 2, 3: 16
        case 1: 17
        default: 18
        }
    }
}

/// One ADS-B message the simulator makes an aircraft transmit (DF17 extended squitter content, as values).
///
/// SkyApp turns these into real 112-bit DF17 frames with the SkyModeS encoder; the simulator itself knows
/// nothing of bits.
public struct ADSBEmission: Sendable, Hashable {
    /// Transmission time, seconds since the scenario epoch.
    public var time: Double
    /// Truth identifier of the emitting target.
    public var truthID: Int
    /// The transmitter's 24-bit address.
    public var address: ICAOAddress
    /// The message.
    public var content: Content

    /// The message kinds of DO-260B §2.2.3.2.
    public enum Content: Sendable, Hashable {
        /// Airborne position (type codes 9–18): the *reported* position (truth plus the NACp-consistent error),
        /// the barometric altitude (feet), the CPR format (`odd` for F = 1) and the type code.
        case airbornePosition(reported: GeodeticPosition, barometricAltitudeFeet: Double, odd: Bool, typeCode: UInt8)
        /// Airborne velocity (type code 19): reported ground velocity east/north and vertical rate, m/s.
        case airborneVelocity(east: Double, north: Double, verticalRate: Double)
        /// Identification and category (type codes 1–4).
        case identification(callsign: Callsign, categorySet: UInt8, category: UInt8)
        /// Aircraft operational status (type code 31, airborne): version, NACp, NIC supplement A, SIL.
        case operationalStatus(version: Int, nacp: Int, nicSupplementA: Bool, sil: Int)
    }

    /// An emission; see each property.
    public init(time: Double, truthID: Int, address: ICAOAddress, content: Content) {
        self.time = time
        self.truthID = truthID
        self.address = address
        self.content = content
    }
}
