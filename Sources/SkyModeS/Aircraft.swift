public import SkyModel

/// The latest known state of one aircraft, built from all of its Mode S replies (a trivially copyable
/// value: no strings, arrays or classes, so the table holds them contiguously).
public struct Aircraft: Sendable {
    /// Mode S address.
    public var address: ICAOAddress
    /// `true` for an anonymous / non-ICAO address (DF18 CF = 1 or 5); such an entry never merges with the
    /// ICAO-addressed aircraft of the same 24 bits.
    public var isNonICAOAddress = false
    /// Time of the first and the latest message, seconds (the ingest's time base).
    public var firstSeen: Double, lastSeen: Double
    /// Messages by kind: all, DF17/18 with valid CRC, accepted positions, rejected positions.
    public var messageCount = 0, adsbCount = 0, positionCount = 0, rejectedPositions = 0

    /// Latest accepted position, degrees, with its time and whether it was decoded globally.
    public var latitude: Double?, longitude: Double?
    /// cos(latitude) of the latest position, for fast distance gates.
    var cosLatitude = 1.0
    /// Time of the latest accepted position.
    public var positionTime: Double?
    /// `true` when the latest position is a surface position.
    public var onGround = false
    /// Barometric altitude, feet, and when it was received.
    public var barometricAltitudeFeet: Int?, altitudeTime: Double?
    /// GNSS height (HAE) from TC20–22, metres.
    public var gnssHeightMetres: Double?
    /// Ground velocity east/north, knots, vertical rate ft/min, and when they were received.
    public var eastKnots: Int?, northKnots: Int?, verticalRateFeetPerMinute: Int?, velocityTime: Double?
    /// Surface ground speed (knots) and track (degrees) from TC5–8.
    public var surfaceSpeedKnots: Double?, surfaceTrackDegrees: Double?
    /// Identification.
    public var callsign: Callsign?
    /// Emitter category as (type code, category): e.g. (4, 3) = set A, medium 2.
    public var categoryTypeCode: UInt8 = 0, category: UInt8 = 0
    /// Mode 3/A code from DF5/21 or TC28.
    public var squawk: Mode3ACode?
    /// ADS-B version from TC31 (0 until one is received, as DO-260B §2.2.3.2.7.2.5 prescribes).
    public var version: UInt8 = 0
    /// NIC supplements A (TC31), B (latest airborne position), C (TC31 surface).
    public var nicSupplementA: UInt8 = 0, nicSupplementB: UInt8 = 0, nicSupplementC: UInt8 = 0
    /// Latest NIC (from the position type code and supplements), NACp, NACv, SIL.
    public var nic: UInt8?, nacP: UInt8?, nacV: UInt8?, sil: UInt8?
    /// Latest emergency state (TC28), 0 = none.
    public var emergencyState: UInt8 = 0

    // CPR memory: latest even/odd airborne and surface frames with their times.
    var airborneEven: CPRFrame?, airborneEvenTime = 0.0
    var airborneOdd: CPRFrame?, airborneOddTime = 0.0
    var surfaceEven: CPRFrame?, surfaceEvenTime = 0.0
    var surfaceOdd: CPRFrame?, surfaceOddTime = 0.0

    /// A new entry.
    public init(address: ICAOAddress, time: Double) {
        self.address = address
        firstSeen = time
        lastSeen = time
    }

    /// Ground speed, knots: from TC19 in the air, from the movement field on the ground.
    public var groundSpeedKnots: Double? {
        if onGround { return surfaceSpeedKnots }
        guard let e = eastKnots, let n = northKnots else { return nil }
        return Double(e * e + n * n).squareRoot()
    }
}
