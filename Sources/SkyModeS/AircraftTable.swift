public import SkyModel

/// Per-address aircraft state built from decoded Mode S messages, with readsb-style position plausibility.
///
/// - CPR global decoding pairs a position frame with the latest frame of the other format and the same kind
///   (airborne or surface) of the same address, if it is at most `pairWindowSeconds` older.
/// - Local decoding uses the aircraft's own last position (if younger than `localReferenceMaxAgeSeconds`)
///   and is only used within its unambiguous range (180 NM airborne, 45 NM surface).
/// - A new position is accepted only if it is reachable from the previous one at a plausible speed.
/// - Entries not heard for `expirySeconds` are removed by `expire(now:)`.
///
/// Lookup is an open-addressing hash table on the 24-bit address, so the hot path does not hash through
/// `Dictionary` and the entries stay contiguous.
public struct AircraftTable: Sendable {
    /// Tuning and reference position.
    public struct Configuration: Sendable {
        /// Receiver (or airport) position, degrees: the reference for surface decoding and for local decoding
        /// of an aircraft without a position yet.
        public var referenceLatitude: Double?, referenceLongitude: Double?
        /// Maximum time between the two frames of a global CPR pair, seconds (DO-260B: 10 s airborne).
        public var pairWindowSeconds = 10.0
        /// Whether to check the pair window at all (off for inputs without time stamps).
        public var checksPairTime = true
        /// Maximum age of the aircraft's own position used as a local-decoding reference, seconds.
        public var localReferenceMaxAgeSeconds = 60.0
        /// Maximum plausible speed without a reported velocity, knots (airborne; surface uses 100 kt).
        public var maximumSpeedKnots = 1000.0
        /// Slack added to every reachability check, metres (CPR quantisation, jitter, time stamp noise).
        public var positionSlackMetres = 926.0
        /// Receiver range: positions farther from the reference are rejected (metres), if set.
        public var maximumRangeMetres: Double?
        /// Entries silent for longer are removed by `expire(now:)`, seconds.
        public var expirySeconds = 300.0
        /// Defaults: no reference.
        public init(referenceLatitude: Double? = nil, referenceLongitude: Double? = nil) {
            self.referenceLatitude = referenceLatitude
            self.referenceLongitude = referenceLongitude
        }
    }

    /// What one message did to the table.
    public struct Update: Sendable {
        /// Global CPR position from the pair this frame completed (degrees), before plausibility checks.
        public var global: (latitude: Double, longitude: Double)?
        /// Local CPR position against the configured reference point (degrees), if a reference is set.
        public var localToReference: (latitude: Double, longitude: Double)?
        /// `true` when a position from this frame was accepted into the aircraft state.
        public var positionAccepted = false
        /// `true` when the accepted position came from local decoding against the aircraft's own position.
        public var acceptedLocally = false
        /// `true` when a decoded position failed the plausibility checks.
        public var positionRejected = false
        /// Index of the aircraft entry that was updated (for `table[index]`), or `nil` when the message was
        /// not attributable (bad CRC).
        public var index: Int?
        /// An empty update.
        public init() {}
    }

    /// Configuration.
    public var configuration: Configuration
    /// Entries, in order of first appearance (indices are stable until `expire`).
    public internal(set) var entries: ContiguousArray<Aircraft> = []
    /// Counters: global and local positions decoded and accepted, positions rejected.
    public internal(set) var globalPositions = 0, localPositions = 0, rejectedPositions = 0
    /// Entries removed by expiry.
    public private(set) var expiredCount = 0

    // Open addressing: each slot is `address << 32 | (entry index + 1)`, 0 = empty, so a probe is one load.
    private var slots: [UInt64]
    private var mask: Int

    /// An empty table.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        mask = 1023
        slots = Array(repeating: 0, count: 1024)
    }

    /// Number of aircraft.
    public var count: Int { entries.count }

    /// The entry at an index from `Update.index` or `index(of:)`.
    public subscript(index: Int) -> Aircraft { entries[index] }

    /// The entry index of an address, if present.
    /// - Parameters:
    ///   - address: the 24-bit address.
    ///   - nonICAO: `true` to look up an anonymous / non-ICAO address (DF18 CF = 1 or 5), which lives in a key
    ///     space of its own so it cannot merge with the aircraft that owns the same 24 bits as an ICAO address.
    public func index(of address: ICAOAddress, nonICAO: Bool = false) -> Int? {
        let key32 = AircraftTable.key(address, nonICAO: nonICAO)
        let key = UInt64(key32)
        return slots.withUnsafeBufferPointer { t in
            var s = AircraftTable.hash(key32) & mask
            while true {
                let v = t[s]
                if v == 0 { return nil }
                if v >> 32 == key { return Int(truncatingIfNeeded: v & 0xFFFF_FFFF) - 1 }
                s = (s + 1) & mask
            }
        }
    }

    /// The state of an address, if present.
    public func aircraft(_ address: ICAOAddress) -> Aircraft? { index(of: address).map { entries[$0] } }

    @inline(__always) static func key(_ address: ICAOAddress, nonICAO: Bool) -> UInt32 {
        address.rawValue | (nonICAO ? 1 << 24 : 0)
    }

    @inline(__always) static func hash(_ key: UInt32) -> Int {
        Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }

    /// The entry index for an address, inserting a new entry when absent.
    mutating func findOrInsert(_ address: ICAOAddress, nonICAO: Bool, time: Double) -> Int {
        let key32 = AircraftTable.key(address, nonICAO: nonICAO)
        let key = UInt64(key32)
        var s = AircraftTable.hash(key32) & mask
        while true {
            let v = slots[s]
            if v == 0 { break }
            if v >> 32 == key { return Int(truncatingIfNeeded: v & 0xFFFF_FFFF) - 1 }
            s = (s + 1) & mask
        }
        var entry = Aircraft(address: address, time: time)
        entry.isNonICAOAddress = nonICAO
        entries.append(entry)
        slots[s] = key << 32 | UInt64(entries.count)
        if entries.count * 2 > mask { rebuild(capacity: (mask + 1) * 2) }
        return entries.count - 1
    }

    private mutating func rebuild(capacity: Int) {
        mask = capacity - 1
        slots = Array(repeating: 0, count: capacity)
        for (i, a) in entries.enumerated() {
            let key = AircraftTable.key(a.address, nonICAO: a.isNonICAOAddress)
            var s = AircraftTable.hash(key) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = UInt64(key) << 32 | UInt64(i + 1)
        }
    }

    /// Removes entries not heard since `now − expirySeconds`.
    /// - Returns: the number removed.
    /// - Complexity: O(n).
    @discardableResult
    public mutating func expire(now: Double) -> Int {
        let before = entries.count
        let cutoff = now - configuration.expirySeconds
        entries.removeAll { $0.lastSeen < cutoff }
        let removed = before - entries.count
        if removed > 0 {
            expiredCount += removed
            rebuild(capacity: mask + 1)
        }
        return removed
    }
}
