/// The coarse filter of STCA: a uniform grid over which each track's swept box (its positions over the
/// look-ahead, grown by its threshold) is rasterised, so that only tracks sharing a cell are compared.
///
/// Cells are hashed into a power-of-two bucket table and the entries counting-sorted by bucket, so one cycle
/// allocates nothing once the buffers have grown. A pair is reported once, from the lowest cell the two boxes
/// share (the lower corner of their cell-range intersection), with no set of visited pairs.
struct SpatialGrid: Sendable {
    /// Axis-aligned swept box of one track: grid metres and metres of altitude.
    struct Box: Sendable {
        var minX: Double, maxX: Double, minY: Double, maxY: Double, minZ: Double, maxZ: Double
        @inline(__always) func overlaps(_ o: Box) -> Bool {
            minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY && minZ <= o.maxZ && o.minZ <= maxZ
        }
    }

    /// One rasterised cell of a box, with everything the pair loop reads, so that loop walks memory in order.
    private struct Entry {
        var cell: Int
        var track: Int32
        /// Lower corner of the track's cell range (to find the lowest shared cell).
        var x0: Int32, y0: Int32
        var box: Box
    }

    private var scratch: [Entry] = []
    private var entries: [Entry] = []
    private var bucketStart: [Int32] = []
    private var fill: [Int32] = []

    /// Calls `body(i, j)` once for every pair of boxes that overlap (each unordered pair once).
    /// - Complexity: O(n + cells covered + pairs sharing a cell).
    mutating func forEachOverlappingPair(
        boxes: [Box],
        cellMetres: Double,
        _ body: (Int, Int) -> Void
    ) {
        guard boxes.count > 1 else { return }
        scratch.removeAll(keepingCapacity: true)
        let inv = 1 / cellMetres
        for (i, b) in boxes.enumerated() {
            let x0 = Int((b.minX * inv).rounded(.down))
            let x1 = Int((b.maxX * inv).rounded(.down))
            let y0 = Int((b.minY * inv).rounded(.down))
            let y1 = Int((b.maxY * inv).rounded(.down))
            for cy in y0...y1 {
                for cx in x0...x1 {
                    scratch.append(
                        Entry(cell: Self.pack(cx, cy), track: Int32(i), x0: Int32(x0), y0: Int32(y0), box: b)
                    )
                }
            }
        }
        // Counting sort of the entries by bucket.
        var buckets = 1
        while buckets < 2 * scratch.count { buckets <<= 1 }
        let mask = buckets - 1
        bucketStart.removeAll(keepingCapacity: true)
        bucketStart.append(contentsOf: repeatElement(0, count: buckets + 1))
        for e in scratch { bucketStart[Self.hash(e.cell) & mask + 1] += 1 }
        for k in 0..<buckets { bucketStart[k + 1] += bucketStart[k] }
        fill.removeAll(keepingCapacity: true)
        fill.append(contentsOf: bucketStart.dropLast())
        entries.removeAll(keepingCapacity: true)
        entries.append(contentsOf: scratch)  // same size; every slot is overwritten below
        for e in scratch {
            let b = Self.hash(e.cell) & mask
            entries[Int(fill[b])] = e
            fill[b] += 1
        }
        entries.withUnsafeBufferPointer { entries in
            for b in 0..<buckets {
                let lo = Int(bucketStart[b])
                let hi = Int(bucketStart[b + 1])
                guard hi - lo > 1 else { continue }
                for p in lo..<(hi - 1) {
                    let ep = entries[p]
                    for q in (p + 1)..<hi {
                        let eq = entries[q]
                        guard eq.cell == ep.cell, ep.box.overlaps(eq.box) else { continue }
                        // Report the pair only from the lowest shared cell.
                        guard Self.pack(Int(max(ep.x0, eq.x0)), Int(max(ep.y0, eq.y0))) == ep.cell else { continue }
                        body(Int(ep.track), Int(eq.track))
                    }
                }
            }
        }
    }

    @inline(__always) private static func pack(_ x: Int, _ y: Int) -> Int {
        (x & 0xFFFF_FFFF) | (y << 32)
    }

    @inline(__always) private static func hash(_ key: Int) -> Int {
        var h = UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }
}
