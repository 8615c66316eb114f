/// Angle helpers. Angles are radians inside Skywatch; degrees only at the edges (files, CLI, display).
public enum Angle {
    /// π.
    public static let pi = Double.pi
    /// 2π.
    public static let twoPi = 2 * Double.pi
    /// Radians per degree.
    public static let radiansPerDegree = Double.pi / 180
    /// Degrees per radian.
    public static let degreesPerRadian = 180 / Double.pi

    /// `angle` wrapped to the half-open interval [−π, π).
    @inlinable
    public static func wrapToPi(_ angle: Double) -> Double {
        if angle >= -Double.pi && angle < Double.pi { return angle }
        var a = (angle + Double.pi).truncatingRemainder(dividingBy: 2 * Double.pi)
        if a < 0 { a += 2 * Double.pi }
        return a - Double.pi
    }

    /// `angle` wrapped to [0, 2π), e.g. a bearing clockwise from north.
    @inlinable
    public static func wrapToTwoPi(_ angle: Double) -> Double {
        if angle >= 0 && angle < 2 * Double.pi { return angle }
        var a = angle.truncatingRemainder(dividingBy: 2 * Double.pi)
        if a < 0 { a += 2 * Double.pi }
        // -tiny % 2π + 2π can round to exactly 2π.
        return a >= 2 * Double.pi ? 0 : a
    }

    /// The signed difference `a − b` of two bearings, wrapped to [−π, π): the shortest rotation from `b` to `a`.
    @inlinable
    public static func difference(_ a: Double, _ b: Double) -> Double { wrapToPi(a - b) }

    /// Degrees to radians.
    @inlinable
    public static func radians(fromDegrees degrees: Double) -> Double { degrees * (Double.pi / 180) }

    /// Radians to degrees.
    @inlinable
    public static func degrees(fromRadians radians: Double) -> Double { radians * (180 / Double.pi) }
}
