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

    private var cellRanges: [(x0: Int, x1: Int, y0: Int, y1: Int)] = []
    private var entryCell: [Int] = []  // bucket-sorted: packed cell key
    private var entryTrack: [Int32] = []  // bucket-sorted: track index
    private var scratchCell: [Int] = []
    private var scratchTrack: [Int32] = []
    private var bucketStart: [Int32] = []

    /// Calls `body(i, j)` once for every pair of boxes that overlap (i < j not guaranteed; each pair once).
    /// - Complexity: O(n + cells covered + pairs sharing a cell).
    mutating func forEachOverlappingPair(
        boxes: [Box], cellMetres: Double, _ body: (Int, Int) -> Void
    ) {
        let n = boxes.count
        guard n > 1 else { return }
        cellRanges.removeAll(keepingCapacity: true)
        scratchCell.removeAll(keepingCapacity: true)
        scratchTrack.removeAll(keepingCapacity: true)
        let inv = 1 / cellMetres
        for (i, b) in boxes.enumerated() {
            let r = (
                x0: Int((b.minX * inv).rounded(.down)), x1: Int((b.maxX * inv).rounded(.down)),
                y0: Int((b.minY * inv).rounded(.down)), y1: Int((b.maxY * inv).rounded(.down))
            )
            cellRanges.append(r)
            for cy in r.y0...r.y1 {
                for cx in r.x0...r.x1 {
                    scratchCell.append(Self.pack(cx, cy))
                    scratchTrack.append(Int32(i))
                }
            }
        }
        // Counting sort of the entries by bucket.
        var buckets = 1
        while buckets < 2 * scratchCell.count { buckets <<= 1 }
        let mask = buckets - 1
        bucketStart.removeAll(keepingCapacity: true)
        bucketStart.append(contentsOf: repeatElement(0, count: buckets + 1))
        for key in scratchCell { bucketStart[Self.hash(key) & mask + 1] += 1 }
        for k in 0..<buckets { bucketStart[k + 1] += bucketStart[k] }
        entryCell.removeAll(keepingCapacity: true)
        entryCell.append(contentsOf: repeatElement(0, count: scratchCell.count))
        entryTrack.removeAll(keepingCapacity: true)
        entryTrack.append(contentsOf: repeatElement(0, count: scratchCell.count))
        var fill = Array(bucketStart.dropLast())
        for e in scratchCell.indices {
            let b = Self.hash(scratchCell[e]) & mask
            let slot = Int(fill[b])
            fill[b] += 1
            entryCell[slot] = scratchCell[e]
            entryTrack[slot] = scratchTrack[e]
        }
        for b in 0..<buckets {
            let lo = Int(bucketStart[b]), hi = Int(bucketStart[b + 1])
            guard hi - lo > 1 else { continue }
            for p in lo..<(hi - 1) {
                let cell = entryCell[p]
                let i = Int(entryTrack[p])
                let ri = cellRanges[i]
                for q in (p + 1)..<hi where entryCell[q] == cell {
                    let j = Int(entryTrack[q])
                    let rj = cellRanges[j]
                    // Report the pair only from the lowest shared cell.
                    guard Self.pack(max(ri.x0, rj.x0), max(ri.y0, rj.y0)) == cell else { continue }
                    if boxes[i].overlaps(boxes[j]) { body(i, j) }
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
