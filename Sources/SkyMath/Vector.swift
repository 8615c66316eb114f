/// A fixed-size column vector of `Double`, stored inline.
@frozen
public struct Vector<let Count: Int> {
    /// The elements, index 0 first.
    public var elements: InlineArray<Count, Double>

    /// A vector with every element equal to `value`.
    @inlinable
    public init(repeating value: Double) { elements = InlineArray(repeating: value) }

    /// The zero vector.
    @inlinable public static var zero: Self { Self(repeating: 0) }

    /// A vector from an array literal-like list.
    ///
    /// - Precondition: `values.count == Count`.
    @inlinable
    public init(_ values: [Double]) {
        precondition(values.count == Count, "Vector(_:): expected \(Count) values, got \(values.count)")
        self.init(repeating: 0)
        for i in 0..<Count { elements[i] = values[i] }
    }

    /// A vector whose element `i` is `element(i)`.
    @inlinable
    public init(_ element: (Int) -> Double) {
        self.init(repeating: 0)
        for i in 0..<Count { elements[i] = element(i) }
    }

    /// The number of elements.
    @inlinable public static var count: Int { Count }

    /// The element at `index`.
    @inlinable
    public subscript(index: Int) -> Double {
        get { elements[index] }
        _modify { yield &elements[index] }
    }

    /// Element-wise sum.
    @inlinable
    public static func + (lhs: Self, rhs: Self) -> Self {
        var out = lhs
        for i in 0..<Count { out.elements[i] += rhs.elements[i] }
        return out
    }

    /// Element-wise difference.
    @inlinable
    public static func - (lhs: Self, rhs: Self) -> Self {
        var out = lhs
        for i in 0..<Count { out.elements[i] -= rhs.elements[i] }
        return out
    }

    /// In-place sum.
    @inlinable
    public static func += (lhs: inout Self, rhs: Self) {
        for i in 0..<Count { lhs.elements[i] += rhs.elements[i] }
    }

    /// In-place difference.
    @inlinable
    public static func -= (lhs: inout Self, rhs: Self) {
        for i in 0..<Count { lhs.elements[i] -= rhs.elements[i] }
    }

    /// Scalar multiple.
    @inlinable
    public static func * (lhs: Double, rhs: Self) -> Self {
        var out = rhs
        for i in 0..<Count { out.elements[i] *= lhs }
        return out
    }

    /// The dot product `xᵀy`.
    @inlinable
    public func dot(_ other: Self) -> Double {
        var s = 0.0
        for i in 0..<Count { s += elements[i] * other.elements[i] }
        return s
    }

    /// The Euclidean norm `√(xᵀx)`.
    @inlinable
    public var norm: Double { dot(self).squareRoot() }

    /// The outer product `x·yᵀ`.
    @inlinable
    public func outer<let M: Int>(_ other: Vector<M>) -> Matrix<Count, M> {
        var out = Matrix<Count, M>(repeating: 0)
        for c in 0..<M {
            for r in 0..<Count { out.columns[c][r] = elements[r] * other.elements[c] }
        }
        return out
    }

    /// The vector as an `Array` (for printing and tests; allocates).
    public var array: [Double] {
        var out: [Double] = []
        out.reserveCapacity(Count)
        for i in 0..<Count { out.append(elements[i]) }
        return out
    }
}

extension Vector: Sendable {}

extension Vector: Equatable {
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        for i in 0..<Count where lhs.elements[i] != rhs.elements[i] { return false }
        return true
    }
}

extension Vector: CustomStringConvertible {
    public var description: String { "Vector<\(Count)>(\(array))" }
}
