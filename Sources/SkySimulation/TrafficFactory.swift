import RealModule
public import SkyGeodesy
public import SkyModel

/// Seeded construction of plausible targets: identities, equipage and routes by category.
///
/// All draws come from one `SimulationRandom`, so a preset is a pure function of its seed.
public struct TrafficFactory: Sendable {
    /// The generator state.
    public var random: SimulationRandom
    /// Next truth identifier to hand out.
    public private(set) var nextTruthID = 1
    /// Base of the 24-bit addresses handed out (address = base + truth id, unique per run).
    public var addressBase: UInt32

    /// A factory drawing from `seed`.
    public init(seed: UInt64, addressBase: UInt32 = 0x3C_0000) {
        random = SimulationRandom(seed: seed, stream: 0x7472_6166)
        self.addressBase = addressBase
    }

    /// A point at `distance` metres and `bearing` radians from `centre`, at height `height` (via the exact
    /// local ENU frame of `centre`; a chord on the tangent plane, so use it for distances of up to a few
    /// hundred kilometres).
    public static func point(
        from centre: GeodeticPosition,
        bearing: Double,
        distance: Double,
        height: Double
    )
        -> GeodeticPosition
    {
        let frame = LocalTangentPlane(origin: GeodeticPosition(latitude: centre.latitude, longitude: centre.longitude))
        var p = frame.geodetic(
            of: ENUVector(east: distance * Double.sin(bearing), north: distance * Double.cos(bearing), up: 0)
        )
        p.heightMetres = height
        return p
    }

    /// The initial great-circle course from `a` to `b`, radians clockwise from north.
    public static func bearing(from a: GeodeticPosition, to b: GeodeticPosition) -> Double {
        EllipsoidKinematics.bearingAndDistance(from: a, to: b).bearing
    }

    /// A point uniform in area within `radius` metres of `centre`.
    public mutating func point(within radius: Double, of centre: GeodeticPosition, height: Double) -> GeodeticPosition {
        Self.point(
            from: centre,
            bearing: random.uniform(0, 2 * .pi),
            distance: radius * random.unit().squareRoot(),
            height: height
        )
    }

    /// A random Mode 3/A code: 20 % the shared conspicuity code 1000, else four random octal digits.
    public mutating func modeA() -> Mode3ACode {
        if random.bernoulli(0.2) { return Mode3ACode(0o1000) }
        return Mode3ACode(UInt16(random.index(below: 0o10000)))
    }

    /// A callsign: three-letter operator designator and 1–4 digits (airliners) or a registration-like mark.
    public mutating func callsign(category: TargetCategory) -> Callsign {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        func letter(_ r: inout SimulationRandom) -> Character { Character(UnicodeScalar(letters[r.index(below: 26)])) }
        switch category {
        case .airliner:
            let operators = ["AFR", "BAW", "DLH", "KLM", "EZY", "RYR", "SWR", "IBE", "AZA", "TAP", "SAS", "THY"]
            return Callsign(operators[random.index(below: operators.count)] + String(1 + random.index(below: 9_999)))
        default:
            var s = "F"
            for _ in 0..<4 { s.append(letter(&random)) }
            return Callsign(s)
        }
    }

    /// Hands out the next truth identifier (for targets built outside the factory, e.g. replays).
    public mutating func takeTruthID() -> Int {
        defer { nextTruthID += 1 }
        return nextTruthID
    }

    /// An identity with category-typical transponder, codes and cross-section.
    public mutating func identity(category: TargetCategory) -> TargetIdentity {
        let id = takeTruthID()
        let transponder: TransponderEquipage
        let rcs: Double
        switch category {
        case .airliner:
            transponder = .modeS
            rcs = logUniform(10, 100)
        case .generalAviation:
            let u = random.unit()
            transponder = u < 0.7 ? .modeS : u < 0.95 ? .modeAC : .none
            rcs = logUniform(1, 3)
        case .helicopter:
            transponder = random.bernoulli(0.8) ? .modeS : .modeAC
            rcs = logUniform(3, 10)
        case .drone:
            transponder = .none
            rcs = logUniform(0.01, 0.1)
        case .fastObject:
            transponder = .none
            rcs = logUniform(0.5, 5)
        }
        let address = transponder == .modeS ? ICAOAddress(addressBase &+ UInt32(id)) : nil
        return TargetIdentity(
            truthID: id,
            category: category,
            transponder: transponder,
            modeA: transponder == .none ? nil : modeA(),
            address: address,
            callsign: transponder == .modeS ? callsign(category: category) : nil,
            radarCrossSectionSquareMetres: rcs
        )
    }

    /// ADS-B Out equipage by category (airliners 95 % equipped, mostly version 2; light aircraft and helicopters
    /// about half; drones and fast objects none). Only Mode S transponders carry ADS-B here.
    public mutating func adsb(for identity: TargetIdentity) -> ADSBEquipage? {
        guard identity.transponder == .modeS else { return nil }
        let p: Double
        let category: UInt8
        switch identity.category {
        case .airliner: (p, category) = (0.95, random.bernoulli(0.3) ? 5 : 3)
        case .generalAviation: (p, category) = (0.5, 1)
        case .helicopter: (p, category) = (0.6, 7)
        case .drone, .fastObject: return nil
        }
        guard random.bernoulli(p) else { return nil }
        let u = random.unit()
        let version = u < 0.8 ? 2 : u < 0.95 ? 1 : 0
        let nacp = [8, 9, 9, 10, 10, 11][random.index(below: 6)]
        return ADSBEquipage(
            version: version,
            nacp: nacp,
            nacv: random.bernoulli(0.7) ? 1 : 2,
            nic: 8,
            category: category
        )
    }

    /// exp(U(ln a, ln b)).
    public mutating func logUniform(_ a: Double, _ b: Double) -> Double {
        Double.exp(random.uniform(Double.log(a), Double.log(b)))
    }

    /// A full target: identity, equipage and motion.
    public mutating func target(
        category: TargetCategory,
        start: Int = 0,
        position: GeodeticPosition,
        heading: Double,
        speed: Double,
        motion: MotionPlan
    ) -> TargetSpecification {
        let id = identity(category: category)
        return TargetSpecification(
            identity: id,
            adsb: adsb(for: id),
            startTime: start,
            initialPosition: position,
            initialHeading: heading,
            initialSpeed: speed,
            motion: motion
        )
    }
}
