import RealModule
import SkyGeodesy
import SkyMath
public import SkyModel

extension Tracker {
    /// Takes the life-cycle events that happened since the previous call, in order.
    public mutating func takeLifecycleEvents() -> [TrackLifecycleEvent] {
        defer { lifecycleEvents.removeAll(keepingCapacity: true) }
        return lifecycleEvents
    }

    /// The picture at `time` (UNIX seconds): associates pending plots, runs maintenance, and returns every
    /// displayed track extrapolated to `time` as a ``SkyModel/SystemTrack``, with the life-cycle events since the
    /// previous picture.
    /// - Complexity: O(track slots).
    @_specialize(where Filter == IMMFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == IMMFilter, Assoc == JPDAAssociator)
    @_specialize(where Filter == TurnRateIMMFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == TurnRateIMMFilter, Assoc == JPDAAssociator)
    @_specialize(where Filter == AccelerationIMMFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == AccelerationIMMFilter, Assoc == JPDAAssociator)
    @_specialize(where Filter == KalmanFilter, Assoc == GNNAssociator)
    @_specialize(where Filter == KalmanFilter, Assoc == JPDAAssociator)
    public mutating func picture(at time: Double, cycle: Int) -> TrackPicture {
        advance(to: time)
        var tracks: [SystemTrack] = []
        tracks.reserveCapacity(liveTrackCount)
        forEachDisplayedSystemTrack(at: time) { tracks.append($0) }
        return TrackPicture(cycle: cycle, time: time, tracks: tracks, events: takeLifecycleEvents())
    }

    /// Calls `body` with every displayed track at `time` as a ``SkyModel/SystemTrack``, in the tracker's table order.
    ///
    /// Position: the plane estimate unprojected (``SkyGeodesy/StereographicPlane/unprojectWithDistortion(_:)``), height the tracker's height estimate (the barometric altitude
    /// taken as height, as the scenario geometry does; `hasHeight` is `false` because no geometric height is
    /// measured). Velocity and the 4×4 covariance [east, north, v east, v north] are the plane's, taken to the
    /// local east/north axes at the track: `C = T·P·Tᵀ` with `T = blockdiag(J⁻¹, J⁻¹)`, `J⁻¹ = Rot(γ)/k` (point
    /// scale factor k, grid convergence γ; see `StereographicPlane.eastNorthVector`).
    public func forEachDisplayedSystemTrack(at time: Double, _ body: (SystemTrack) -> Void) {
        let plane = converter.plane
        // The contributing-sensor lists of this picture by sensor bits: a few distinct sets, each array made once
        // and shared (not one allocation per track).
        var sensorLists: [UInt64: [SensorID]] = [:]
        for slot in tracks.indices where tracks[slot].isAlive && tracks[slot].isConfirmed {
            // (Checked in place: binding every record, dead slots included, copied each one — the IMM state is
            // large.)
            let t = tracks[slot]
            let e = displayedEstimate(t, at: time)
            var height: Double? = nil
            var rate = 0.0
            if t.vertical.isValid {
                let v = t.vertical.predicted(by: time - t.verticalTime, noiseIntensity: 0)
                height = v.height
                rate = v.rate
            }
            var (position, k, cosGamma, sinGamma) = plane.unprojectWithDistortion(SIMD2(e.mean[0], e.mean[1]))
            position.heightMetres = height ?? 0
            let c = cosGamma / k
            let s = sinGamma / k
            var transform = Matrix<4, 4>.zero
            transform[0, 0] = c
            transform[0, 1] = -s
            transform[1, 0] = s
            transform[1, 1] = c
            transform[2, 2] = c
            transform[2, 3] = -s
            transform[3, 2] = s
            transform[3, 3] = c
            let covariance = transform * e.covariance * transform.transposed
            // J⁻¹ applied to the grid velocity (as `eastNorthVector(grid:at:)`, with the terms computed once).
            let en = SIMD2(c * e.mean[2] - s * e.mean[3], s * e.mean[2] + c * e.mean[3])
            let sensorBits =
                t.sensorBits | (time - t.contributionStart <= 2 * contributionWindow ? t.previousSensorBits : 0)
            let sensors: [SensorID]
            if let known = sensorLists[sensorBits] {
                sensors = known
            } else {
                var list: [SensorID] = []
                var bits = sensorBits
                while bits != 0 {
                    let i = bits.trailingZeroBitCount
                    bits &= bits - 1
                    if i < converter.sensors.count { list.append(converter.sensors[i].id) }
                }
                sensorLists[sensorBits] = list
                sensors = list
            }
            body(
                SystemTrack(
                    number: t.number,
                    time: time,
                    position: position,
                    hasHeight: false,
                    velocity: ENUVector(east: en.x, north: en.y, up: rate),
                    covariance: covariance,
                    status: t.status,
                    modeA: t.hasModeA ? Mode3ACode(t.modeA) : nil,
                    address: t.hasAddress ? ICAOAddress(t.address) : nil,
                    callsign: t.hasAddress ? callsigns[t.address] : nil,
                    barometricAltitudeFeet: height.map { $0 / 0.3048 },
                    contributingSensors: sensors,
                    lastUpdateTime: t.time,
                    updateCount: Int(t.hits),
                    createdTime: t.createdTime,
                    sources: TrackSources(
                        rawValue: t.sourceBits
                            | (time - t.contributionStart <= 2 * contributionWindow ? t.previousSourceBits : 0)
                    )
                )
            )
        }
    }
}
