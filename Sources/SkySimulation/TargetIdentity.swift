public import SkyModel

/// What kind of object a simulated target is; sets its default dynamics, radar cross-section and equipage.
public enum TargetCategory: UInt8, Sendable, Hashable, CaseIterable {
    /// Transport aircraft (jet or turboprop) flying IFR routes.
    case airliner
    /// Light aircraft (VFR or IFR), slow, low.
    case generalAviation
    /// Rotorcraft: slow, low, tight turns, may hover.
    case helicopter
    /// Small unmanned aircraft: slow, very low, tiny cross-section, erratic, usually no transponder.
    case drone
    /// Supersonic object (Mach 2–4) at high altitude, straight or gently curving.
    case fastObject

    /// Lower-case name used in files and on the command line.
    public var name: String {
        switch self {
        case .airliner: "airliner"
        case .generalAviation: "general_aviation"
        case .helicopter: "helicopter"
        case .drone: "drone"
        case .fastObject: "fast_object"
        }
    }

    /// The category named `name` (as printed by `name`).
    public init?(name: String) {
        guard let c = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = c
    }
}

/// The secondary-radar transponder a target carries.
public enum TransponderEquipage: UInt8, Sendable, Hashable {
    /// No transponder: only a primary radar can see it.
    case none
    /// Mode A/C transponder: Mode 3/A code and Mode C altitude, no address.
    case modeAC
    /// Mode S transponder: adds the 24-bit address (and Mode A/C).
    case modeS
}

/// The codes and equipment of one target. Codes are `nil` where the target is not equipped.
public struct TargetIdentity: Sendable, Hashable {
    /// Truth identifier (≥ 1), the `truth_id` of the scenario files.
    public var truthID: Int
    /// Kind of object.
    public var category: TargetCategory
    /// Transponder fitted.
    public var transponder: TransponderEquipage
    /// Mode 3/A code (replied by Mode A/C and Mode S transponders).
    public var modeA: Mode3ACode?
    /// 24-bit ICAO address (Mode S transponders and ADS-B emitters).
    public var address: ICAOAddress?
    /// Aircraft identification (Mode S / ADS-B).
    public var callsign: Callsign?
    /// Mean radar cross-section, m² (the Swerling 1 mean; 10–100 m² airliner, 1–2 m² light aircraft,
    /// 3–10 m² helicopter, 0.01–0.1 m² small drone).
    public var radarCrossSectionSquareMetres: Double

    /// An identity; see each property.
    public init(
        truthID: Int,
        category: TargetCategory,
        transponder: TransponderEquipage,
        modeA: Mode3ACode? = nil,
        address: ICAOAddress? = nil,
        callsign: Callsign? = nil,
        radarCrossSectionSquareMetres: Double
    ) {
        precondition(truthID >= 1, "truth identifiers start at 1 (0 marks false plots)")
        self.truthID = truthID
        self.category = category
        self.transponder = transponder
        self.modeA = modeA
        self.address = address
        self.callsign = callsign
        self.radarCrossSectionSquareMetres = radarCrossSectionSquareMetres
    }
}
