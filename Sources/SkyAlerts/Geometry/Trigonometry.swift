import RealModule

// Elementary functions from swift-numerics (the standard library has none).
@inline(__always) func sinRadians(_ x: Double) -> Double { Double.sin(x) }
@inline(__always) func cosRadians(_ x: Double) -> Double { Double.cos(x) }
@inline(__always) func cosDegrees(_ x: Double) -> Double { Double.cos(x * (Double.pi / 180)) }
@inline(__always) func atan2Radians(y: Double, x: Double) -> Double { Double.atan2(y: y, x: x) }

/// Wraps an angle to (−π, π], radians.
@inline(__always) func wrapPi(_ a: Double) -> Double {
    var r = a.truncatingRemainder(dividingBy: 2 * Double.pi)
    if r > Double.pi { r -= 2 * Double.pi } else if r <= -Double.pi { r += 2 * Double.pi }
    return r
}
