/// The items of one record as their octets: items of up to 8 octets inline (no allocation), longer ones in one
/// shared byte buffer. The typed records (`CAT048Report`, `CAT034Message`, …) are views over these slots that
/// convert to engineering units on access, so decode → encode reproduces the record octet for octet.
///
/// Supports categories whose UAP has at most 40 FRNs (all implemented except CAT021).
public struct ItemSlots: Sendable {
    /// Maximum FRN.
    public static let capacity = 40
    /// ASTERIX category.
    public let category: UInt8
    @usableFromInline var present: UInt64 = 0
    @usableFromInline var inline: InlineArray<40, UInt64>
    @usableFromInline var length: InlineArray<40, UInt8>
    @usableFromInline var bigStart: InlineArray<40, UInt16>
    @usableFromInline var bigLength: InlineArray<40, UInt16>
    @usableFromInline var big: [UInt8] = []

    /// An empty record of `category`.
    public init(category: UInt8) {
        self.category = category
        inline = InlineArray(repeating: 0)
        length = InlineArray(repeating: 0)
        bigStart = InlineArray(repeating: 0)
        bigLength = InlineArray(repeating: 0)
    }

    /// Whether item `frn` is present.
    @inlinable public func has(_ frn: Int) -> Bool { present & (1 &<< UInt64(frn - 1)) != 0 }

    /// The octets of a present item of at most 8 octets, right-aligned, and their count.
    @inlinable
    public func octets(_ frn: Int) -> (value: UInt64, count: Int)? {
        guard has(frn), length[frn - 1] > 0 else { return nil }
        return (inline[frn - 1], Int(length[frn - 1]))
    }

    /// The length in octets of item `frn` (0 when absent).
    @inlinable
    public func count(_ frn: Int) -> Int {
        guard has(frn) else { return 0 }
        let n = Int(length[frn - 1])
        return n > 0 ? n : Int(bigLength[frn - 1])
    }

    /// Octet `i` of present item `frn` (precondition: `i < count(frn)`), without allocating.
    @inlinable
    public func byte(_ frn: Int, _ i: Int) -> UInt8 {
        let n = Int(length[frn - 1])
        if n > 0 {
            precondition(i < n, "octet index out of range")
            return UInt8(truncatingIfNeeded: inline[frn - 1] >> UInt64(8 * (n - 1 - i)))
        }
        precondition(i < Int(bigLength[frn - 1]), "octet index out of range")
        return big[Int(bigStart[frn - 1]) + i]
    }

    /// The octets of a present item, whatever its length.
    public func bytes(_ frn: Int) -> [UInt8]? {
        guard has(frn) else { return nil }
        if let (v, n) = octets(frn) { return (0..<n).map { UInt8(truncatingIfNeeded: v >> UInt64(8 * (n - 1 - $0))) } }
        let s = Int(bigStart[frn - 1])
        return Array(big[s..<(s + Int(bigLength[frn - 1]))])
    }

    /// Sets item `frn` to `count` (1…8) octets given right-aligned in `value`.
    @inlinable
    public mutating func set(_ frn: Int, octets value: UInt64, count: Int) {
        precondition(count >= 1 && count <= 8 && frn >= 1 && frn <= Self.capacity, "bad slot")
        present |= 1 &<< UInt64(frn - 1)
        inline[frn - 1] = count == 8 ? value : value & ((1 &<< UInt64(8 * count)) &- 1)
        length[frn - 1] = UInt8(count)
    }

    /// Sets item `frn` to arbitrary octets (at most 65535).
    public mutating func set(_ frn: Int, bytes: some Collection<UInt8>) {
        precondition(frn >= 1 && frn <= Self.capacity && !bytes.isEmpty, "bad slot")
        if bytes.count <= 8 {
            var v: UInt64 = 0
            for b in bytes { v = v &<< 8 | UInt64(b) }
            set(frn, octets: v, count: bytes.count)
            return
        }
        if has(frn) { remove(frn) }
        present |= 1 &<< UInt64(frn - 1)
        length[frn - 1] = 0
        bigStart[frn - 1] = UInt16(big.count)
        bigLength[frn - 1] = UInt16(bytes.count)
        big.append(contentsOf: bytes)
    }

    /// The value of fixed item `frn` when it is present with exactly `count` octets (a typed view's getter).
    @inlinable @inline(__always)
    public func fixed(_ frn: Int, count: Int) -> UInt64? {
        guard let (v, c) = octets(frn), c == count else { return nil }
        return v
    }

    /// Sets fixed item `frn` to `count` octets, or removes it for `nil` (a typed view's setter).
    @inlinable
    public mutating func setOrRemove(_ frn: Int, _ value: UInt64?, count: Int) {
        if let value { set(frn, octets: value, count: count) } else { remove(frn) }
    }

    /// Removes item `frn`.
    public mutating func remove(_ frn: Int) {
        present &= ~(1 &<< UInt64(frn - 1))
        length[frn - 1] = 0
    }

    /// Empties the record, keeping the buffer's capacity.
    public mutating func removeAll() {
        present = 0
        big.removeAll(keepingCapacity: true)
    }
}

extension ItemSlots: Hashable {
    public static func == (a: ItemSlots, b: ItemSlots) -> Bool {
        guard a.category == b.category, a.present == b.present else { return false }
        var m = a.present
        while m != 0 {
            let frn = m.trailingZeroBitCount + 1
            m &= m &- 1
            if a.bytes(frn) != b.bytes(frn) { return false }
        }
        return true
    }

    public func hash(into h: inout Hasher) {
        h.combine(category)
        h.combine(present)
    }
}

extension ItemSlots {
    /// Decodes one record at `start` into `slots` (which must be of the record's category), reusing its storage.
    /// For many records, keep a `TypedRecordDecoder` instead (it looks the tables up once).
    /// - Returns: the offset past the record.
    /// - Throws: `DecodeError` with offset and item.
    public static func decode(
        _ uap: UAP,
        _ base: UnsafeRawBufferPointer,
        start: Int,
        end: Int,
        into slots: inout ItemSlots
    ) throws(DecodeError) -> Int {
        precondition(uap.items.count <= capacity && slots.category == uap.category, "UAP does not fit the slots")
        if uap.category == 1 {
            // CAT001: the plot and track UAPs share the category; the record's I001/020 TYP must match.
            let track = uap.isCAT001Track
            guard UAP.cat001IsTrack(base, start: start, end: end) == track else {
                throw DecodeError(
                    .undefinedItem,
                    offset: start,
                    "CAT001 \(track ? "plot" : "track") report (I001/020 TYP) read with the \(track ? "track" : "plot") UAP"
                )
            }
            let table = track ? FramingTable.cat001Track : FramingTable.cat001
            return try decode(table, base, start: start, end: end, into: &slots)
        }
        let table = FramingTable.forCategory(uap.category) ?? FramingTable(uap)
        return try decode(table, base, start: start, end: end, into: &slots)
    }

    static func decode(
        _ table: FramingTable,
        _ base: UnsafeRawBufferPointer,
        start: Int,
        end: Int,
        into slots: inout ItemSlots
    ) throws(DecodeError) -> Int {
        slots.removeAll()
        // Framing from the flat table (no reference counting per item; same checks as `RecordWalker`), storing
        // each item's octets as it is found. On a throw the slots hold the items before the bad one.
        let recordEnd = try CompactFraming.walk(table, base, start: start, end: end, sink: &slots)
        return recordEnd
    }

    /// Appends the record (FSPEC, then items in FRN order) to `out`.
    public func encode(into out: inout [UInt8]) {
        precondition(present != 0, "a record needs at least one item")
        let highest = 64 - present.leadingZeroBitCount
        let fspecOctets = (highest + 6) / 7
        for o in 0..<fspecOctets {
            var b: UInt8 = o < fspecOctets - 1 ? 1 : 0
            for bit in 0..<7 where has(o * 7 + bit + 1) { b |= 0x80 >> UInt8(bit) }
            out.append(b)
        }
        var m = present
        while m != 0 {
            let frn = m.trailingZeroBitCount + 1
            m &= m &- 1
            if let (v, n) = octets(frn) {
                for k in (0..<n).reversed() { out.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * k))) }
            } else {
                let s = Int(bigStart[frn - 1])
                out.append(contentsOf: big[s..<(s + Int(bigLength[frn - 1]))])
            }
        }
    }

    /// A data block holding `records` (all of one category).
    public static func block(_ records: [ItemSlots]) -> [UInt8] {
        precondition(!records.isEmpty, "a data block holds at least one record")
        var out: [UInt8] = [records[0].category, 0, 0]
        for r in records {
            precondition(r.category == records[0].category, "one category per data block")
            r.encode(into: &out)
        }
        precondition(out.count <= 65_535, "data block longer than 65535 octets")
        out[1] = UInt8(out.count >> 8)
        out[2] = UInt8(out.count & 0xFF)
        return out
    }
}

extension ItemSlots {
    /// Decodes one record of `bytes` at `start` (see `decode(_:_:start:end:into:)`).
    public static func decode(
        _ uap: UAP,
        bytes: [UInt8],
        start: Int,
        end: Int,
        into slots: inout ItemSlots
    ) throws(DecodeError) -> Int {
        let r: Result<Int, DecodeError> = bytes.withUnsafeBytes { base in
            do throws(DecodeError) {
                return .success(try decode(uap, base, start: start, end: end, into: &slots))
            } catch {
                return .failure(error)
            }
        }
        return try r.get()
    }
}

extension ASTERIXRecord {
    /// Decodes one record of `bytes` at `start` (see `decode(category:_:start:end:)`).
    public static func decode(
        category: UInt8,
        bytes: [UInt8],
        start: Int,
        end: Int
    ) throws(DecodeError) -> (
        ASTERIXRecord, Int
    ) {
        let r: Result<(ASTERIXRecord, Int), DecodeError> = bytes.withUnsafeBytes { base in
            do throws(DecodeError) {
                return .success(try decode(category: category, base, start: start, end: end))
            } catch {
                return .failure(error)
            }
        }
        return try r.get()
    }
}

/// Decodes records of one category into `ItemSlots` (and so into the typed records), reusing its tables and
/// scratch space: the fast path for bulk decoding.
public struct TypedRecordDecoder: Sendable {
    let table: FramingTable

    /// A decoder for `category`, or `nil` if it is not implemented or has more than `ItemSlots.capacity` FRNs.
    public init?(category: UInt8) {
        guard let uap = UAP.forCategory(category), uap.items.count <= ItemSlots.capacity,
            let t = FramingTable.forCategory(category)
        else { return nil }
        table = t
    }

    /// Decodes the record at `start` (its FSPEC), ending no later than `end`, into `slots`.
    /// - Returns: the offset past the record.
    /// - Throws: `DecodeError` with the absolute offset and item name.
    public mutating func decode(
        _ base: UnsafeRawBufferPointer,
        start: Int,
        end: Int,
        into slots: inout ItemSlots
    ) throws(DecodeError) -> Int {
        precondition(slots.category == table.category, "slots of another category")
        if table.category == 1 && UAP.cat001IsTrack(base, start: start, end: end) {
            // A CAT001 track report frames with the track UAP; its slots are then by track-UAP FRN (FRN 1 and 2,
            // I001/010 and I001/020, are the same in both, so `CAT001Report.descriptor?.isTrack` tells them apart).
            return try ItemSlots.decode(FramingTable.cat001Track, base, start: start, end: end, into: &slots)
        }
        return try ItemSlots.decode(table, base, start: start, end: end, into: &slots)
    }
}
