import SkyEvaluation
import SkyTestSupport
import Testing

struct EvaluationInputTests {
    @Test("reading rules: off-epoch rows counted, half-to-even epochs, identifiers compared as text")
    func readingRules() {
        var input = EvaluationInput()
        input.appendTrack(time: 12.0, trackID: "7", latitudeDegrees: 48, longitudeDegrees: 2, altitudeMetres: nil)
        input.appendTrack(time: 12.009, trackID: "07", latitudeDegrees: 48, longitudeDegrees: 2, altitudeMetres: .nan)
        input.appendTrack(time: 12.5, trackID: "7", latitudeDegrees: 48, longitudeDegrees: 2, altitudeMetres: 1)
        input.appendTrack(time: 12.02, trackID: "7", latitudeDegrees: 48, longitudeDegrees: 2, altitudeMetres: 1)
        input.appendTrack(time: 12.991, trackID: "7", latitudeDegrees: 48, longitudeDegrees: 2, altitudeMetres: 1)
        #expect(input.rowsOffEpoch == 2)
        #expect(input.tracks.map(\.time) == [12, 12, 13])
        #expect(input.tracks.map(\.trackID) == [0, 1, 0])
        #expect(input.trackNames == ["7", "07"])
        #expect(input.tracks[1].altitudeMetres == nil)
    }

    @Test("an epoch with no truth and no track scores OSPA 0; a track alone scores c")
    func emptyEpochs() {
        let lone = TrackSample(time: 2, trackID: 0, latitudeDegrees: 48, longitudeDegrees: 2, altitudeMetres: nil)
        let r = TrackEvaluator().evaluate(truth: [], tracks: [lone])
        #expect(r.epochs == 3)
        #expect(r.ospaPerEpoch == [0, 0, 1000])
        // GOSPA with α = 2: √(c²/2 · 1 false track).
        #expect(r.gospaPerEpoch[2].isClose(to: (1000.0 * 1000 / 2).squareRoot(), relativeTolerance: 1e-15))
        #expect(r.falseTrackCount == 1 && r.falseTrackSeconds == 1)
        #expect(r.positionRMSMetres == nil && r.initiationDelayMedianSeconds == nil)
    }
}
