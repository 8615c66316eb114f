import SkyModel
public import SkySimulation

/// A consumer of simulation frames (files, live streams). Frames arrive in time order, once each.
public protocol SimulationSink: AnyObject {
    /// Consumes one simulated second.
    func consume(_ frame: SimulationFrame) async throws
    /// Called once after the last frame: flush and close.
    func finish() async throws
}

/// Re-orders plots across frames so that the output is sorted by reported time then radar, even when radar
/// time biases move a plot into the next second's window.
///
/// A frame at whole second t holds plots whose *true* crossing is in (t − 1, t]; every later frame's plots are
/// reported after t + min(bias). Plots up to that bound are therefore final and are released.
struct PlotReorderBuffer {
    let minimumTimeBias: Double
    var pending: [SimulatedPlot] = []

    init(radars: [RadarConfiguration]) {
        minimumTimeBias = radars.map(\.timeBiasSeconds).min() ?? 0
    }

    /// Adds a frame's plots; returns the plots now final, sorted.
    mutating func push(_ plots: [SimulatedPlot], frameTime: Int) -> [SimulatedPlot] {
        pending.append(contentsOf: plots)
        pending.sort(by: Self.order)
        let bound = Double(frameTime) + minimumTimeBias
        // Released plots must also precede, in written order, anything later: stop 1 ms short of the bound.
        let split = pending.firstIndex { $0.time > bound - 0.001 } ?? pending.count
        let ready = Array(pending[..<split])
        pending.removeFirst(split)
        return ready
    }

    /// The remaining plots, sorted.
    mutating func drain() -> [SimulatedPlot] {
        defer { pending.removeAll() }
        return pending.sorted(by: Self.order)
    }

    /// Order of `plots.csv`: time as written (milliseconds), then radar, then the exact time and truth.
    static func order(_ a: SimulatedPlot, _ b: SimulatedPlot) -> Bool {
        let ma = (a.time * 1_000).rounded()
        let mb = (b.time * 1_000).rounded()
        return (ma, a.plot.sensor.sic, a.time, a.truthID) < (mb, b.plot.sensor.sic, b.time, b.truthID)
    }
}
