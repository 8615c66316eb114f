import SkyEvaluation
import SkyTestSupport
import Testing

struct ClassScoreTests {
    /// Metres per degree of latitude on the scorer's mean sphere (R₁ · π/180).
    static let metresPerDegree = MeanSphere.radiusMetres * Double.pi / 180

    static func truth(_ id: Int, _ t: Int, latitude: Double) -> TruthSample {
        TruthSample(
            time: t,
            truthID: id,
            latitudeDegrees: latitude,
            longitudeDegrees: 2,
            altitudeMetres: nil,
            coverageCount: 1
        )
    }

    static func track(_ id: Int, _ t: Int, latitude: Double, northMetres: Double) -> TrackSample {
        TrackSample(
            time: t,
            trackID: id,
            latitudeDegrees: latitude + northMetres / metresPerDegree,
            longitudeDegrees: 2,
            altitudeMetres: nil
        )
    }

    /// Truth 0 (airliner) at 48° N and truth 1 (fast object) at 48.5° N, both visible 0…9 s. Track 0 follows
    /// truth 0 from 2 s, 100 m off; track 1 trails truth 1 by 1.5 km from 4 s (outside c, inside 2 km); track 2
    /// sits 300 m from truth 1 from 6 s.
    static func scene() -> EvaluationReport {
        var truth: [TruthSample] = []
        var tracks: [TrackSample] = []
        for t in 0..<10 {
            truth.append(Self.truth(0, t, latitude: 48))
            truth.append(Self.truth(1, t, latitude: 48.5))
            if t >= 2 { tracks.append(track(0, t, latitude: 48, northMetres: 100)) }
            if t >= 4 { tracks.append(track(1, t, latitude: 48.5, northMetres: -1500)) }
            if t >= 6 { tracks.append(track(2, t, latitude: 48.5, northMetres: 300)) }
        }
        return TrackEvaluator().evaluate(truth: truth, tracks: tracks)
    }

    @Test("scores by class: completeness, coverage within 2 km, RMS and initiation delay in seconds and scans")
    func byClass() throws {
        let report = Self.scene()
        let scores = report.classScores(classOfTruth: ["airliner", "fast_object"], scanPeriodSeconds: 2)
        try #require(scores.count == 2)
        let airliner = scores[0]
        let fast = scores[1]
        #expect(airliner.className == "airliner" && fast.className == "fast_object")
        #expect(airliner.truthCount == 1 && airliner.truthSecondsVisible == 10)
        #expect(airliner.completeness == 0.8 && airliner.coverage == 0.8)
        // 100 m north on the same sphere: the haversine gives it back to rounding.
        #expect(try #require(airliner.positionRMSMetres).isClose(to: 100, relativeTolerance: 1e-9))
        #expect(airliner.initiationDelayMedianSeconds == 2 && airliner.initiationDelayMedianScans == 1)
        // The trailing track covers the fast object from 4 s but only the 300 m track matches it, from 6 s.
        #expect(fast.completeness == 0.4 && fast.coverage == 0.6)
        #expect(try #require(fast.positionRMSMetres).isClose(to: 300, relativeTolerance: 1e-9))
        #expect(fast.initiationDelayMedianSeconds == 6 && fast.initiationDelayMaxScans == 3)
        #expect(fast.truthNeverTrackedCount == 0 && fast.idSwitches == 0)
        // The classes together give the overall figures back.
        #expect(report.completeness == 0.6)
    }

    @Test("truths without a class are left out, and no class means no scores")
    func unclassified() {
        let report = Self.scene()
        #expect(report.classScores(classOfTruth: [nil, nil]).isEmpty)
        let one = report.classScores(classOfTruth: ["drone", nil])
        #expect(one.map(\.className) == ["drone"])
        #expect(one[0].initiationDelayMedianScans == nil)
    }
}
