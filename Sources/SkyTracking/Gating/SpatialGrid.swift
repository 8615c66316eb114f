/// A uniform-grid spatial index of track slots on the system plane, for gating in O(1) per plot.
///
/// Cells are squares of side `cellSize` metres, stored in an open-addressing hash table (linear probing) so that
/// only occupied cells cost memory: the area may be a continent. Each cell holds a singly linked list of slots
/// threaded through `next` (one `Int32` per track slot), so insertion never allocates once the table has grown.
///
/// The tracker rebuilds the grid once per second of data time from the tracks' predicted positions, and inserts
/// new tracks as they start. Between rebuilds a track moves at most `maximumSpeed × 1 s`, which the query
/// radius includes. With the number of tracks per cell bounded by the traffic density, a query costs the same
/// at 20 targets as at 20,000.
struct SpatialGrid: Sendable {
    private(set) var cellSize: Double
    private var keys: [Int64] = []
    private var heads: [Int32] = []
    private(set) var next: [Int32] = []
    private var mask = 0
    private var occupied = 0
    private static let empty = Int64.min

    init(cellSize: Double) { self.cellSize = cellSize }

    /// Bytes held by the table and the slot links.
    var approximateBytes: Int { keys.capacity * 8 + heads.capacity * 4 + next.capacity * 4 }

    /// Removes every slot and sizes the table for about `expectedSlots` slots and `slotCapacity` slot indices.
    mutating func reset(expectedSlots: Int, slotCapacity: Int) {
        var capacity = 64
        while capacity < 2 * expectedSlots { capacity <<= 1 }
        if keys.count != capacity {
            keys = Array(repeating: Self.empty, count: capacity)
            heads = Array(repeating: -1, count: capacity)
        } else {
            for i in 0..<capacity {
                keys[i] = Self.empty
                heads[i] = -1
            }
        }
        mask = capacity - 1
        occupied = 0
        if next.count < slotCapacity {
            next.append(contentsOf: repeatElement(-1, count: slotCapacity - next.count))
        }
    }

    @inline(__always)
    func cell(_ v: Double) -> Int32 {
        Int32(clamping: Int((v / cellSize).rounded(.down)))
    }

    @inline(__always)
    static func key(_ cx: Int32, _ cy: Int32) -> Int64 { Int64(cx) << 32 | Int64(UInt32(bitPattern: cy)) }

    @inline(__always)
    func bucket(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// Inserts `slot` at plane position (x, y), metres.
    mutating func insert(slot: Int32, x: Double, y: Double) {
        if next.count <= Int(slot) {
            next.append(contentsOf: repeatElement(-1, count: Int(slot) + 1 - next.count))
        }
        if 2 * (occupied + 1) > keys.count { grow() }
        let k = Self.key(cell(x), cell(y))
        var b = bucket(k)
        while keys[b] != Self.empty && keys[b] != k { b = (b + 1) & mask }
        if keys[b] == Self.empty {
            keys[b] = k
            occupied += 1
        }
        next[Int(slot)] = heads[b]
        heads[b] = slot
    }

    /// Doubles the table, rehashing the occupied cells (their lists move unchanged).
    private mutating func grow() {
        let oldKeys = keys
        let oldHeads = heads
        let capacity = keys.count * 2
        keys = Array(repeating: Self.empty, count: capacity)
        heads = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for i in 0..<oldKeys.count where oldKeys[i] != Self.empty {
            var b = bucket(oldKeys[i])
            while keys[b] != Self.empty { b = (b + 1) & mask }
            keys[b] = oldKeys[i]
            heads[b] = oldHeads[i]
        }
    }

    /// Appends every slot in the cells that overlap the square of half-side `radius` around (x, y).
    ///
    /// - Complexity: O(cells overlapped + slots found).
    func query(x: Double, y: Double, radius: Double, into out: inout [Int32]) {
        let x0 = cell(x - radius)
        let x1 = cell(x + radius)
        let y0 = cell(y - radius)
        let y1 = cell(y + radius)
        var cx = x0
        while cx <= x1 {
            var cy = y0
            while cy <= y1 {
                let k = Self.key(cx, cy)
                var b = bucket(k)
                while keys[b] != Self.empty {
                    if keys[b] == k {
                        var s = heads[b]
                        while s >= 0 {
                            out.append(s)
                            s = next[Int(s)]
                        }
                        break
                    }
                    b = (b + 1) & mask
                }
                cy += 1
            }
            cx += 1
        }
    }
}
