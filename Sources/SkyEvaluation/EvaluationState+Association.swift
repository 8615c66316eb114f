extension EvaluationState {
    /// CLEAR-MOT style association of one epoch and the track-quality tallies that follow from it.
    ///
    /// Step 1 keeps each truth's previous track while it is still within c (truths in row order, a track kept
    /// once). Step 2 matches the remaining truths and tracks optimally. Then, for each visible truth: a match
    /// counts a matched second, its error, an ID switch when the track differs from the last one matched while
    /// visible, and a track break when the truth had lost its track while visible.
    mutating func associate(_ e: Epoch, time t: Int) {
        let nt = e.truth.count
        let nk = e.tracks.count
        let c = configuration.cutoffMetres
        for track in e.tracks { trackSeconds[track.trackID] += 1 }
        // Local index of each track identifier; the last row wins for a duplicated identifier (a dict in Python).
        for (j, track) in e.tracks.enumerated() { localOfTrack[track.trackID] = j }
        defer { for track in e.tracks { localOfTrack[track.trackID] = -1 } }

        var matches: [CandidatePair] = []
        var usedTruth = [Bool](repeating: false, count: nt)
        var usedTrack = [Bool](repeating: false, count: nk)
        for i in 0..<nt {
            let previous = previousTrackOfTruth[e.truth[i].truthID]
            guard previous >= 0 else { continue }
            let j = localOfTrack[previous]
            guard j >= 0, !usedTrack[j] else { continue }
            // Same function and inputs as the candidate search, so "< c" here is "is a candidate pair" there.
            let d = e.truthPoints.distance(i, to: e.trackPoints, j)
            guard d < c else { continue }
            matches.append(CandidatePair(truth: i, track: j, distance: d))
            usedTruth[i] = true
            usedTrack[j] = true
        }
        let free = e.pairs.filter { !usedTruth[$0.truth] && !usedTrack[$0.track] }
        matches += matcher.optimalMatch(truthCount: nt, trackCount: nk, pairs: free)

        for id in previousSet { previousTrackOfTruth[id] = -1 }
        previousSet.removeAll(keepingCapacity: true)
        var matchOfTruth = [Int](repeating: -1, count: nt)  // index into `matches`
        var trackIsMatched = [Bool](repeating: false, count: nk)
        for (n, m) in matches.enumerated() {
            let truthID = e.truth[m.truth].truthID
            let trackID = e.tracks[m.track].trackID
            previousTrackOfTruth[truthID] = trackID
            previousSet.append(truthID)
            matchOfTruth[m.truth] = n
            trackIsMatched[m.track] = true
            trackMatched[trackID] = true
            if firstTruthOfTrack[trackID] == nil { firstTruthOfTrack[trackID] = truthID }
        }
        for i in 0..<nt where e.isVisible(i) {
            let truthID = e.truth[i].truthID
            visibleSeconds += 1
            tallies[truthID].visibleSeconds += 1
            if firstVisible[truthID] < 0 { firstVisible[truthID] = t }
            guard matchOfTruth[i] >= 0 else {
                if lastMatchOfTruth[truthID] >= 0 { pendingBreak[truthID] = true }
                continue
            }
            let m = matches[matchOfTruth[i]]
            let trackID = e.tracks[m.track].trackID
            matchedSeconds += 1
            tallies[truthID].matchedSeconds += 1
            tallies[truthID].squaredErrorSumSquareMetres += m.distance * m.distance
            if firstMatch[truthID] < 0 { firstMatch[truthID] = t }
            errors.append(m.distance)
            if let a = e.tracks[m.track].altitudeMetres, let b = e.truth[i].altitudeMetres, a.isFinite, b.isFinite {
                altitudeErrors.append(a - b)
            }
            if lastMatchOfTruth[truthID] >= 0 && lastMatchOfTruth[truthID] != trackID {
                idSwitches += 1
                tallies[truthID].idSwitches += 1
                events.append(event(.idSwitch, e, row: i, time: t, track: trackID, previous: lastMatchOfTruth[truthID]))
            }
            if pendingBreak[truthID] {
                pendingBreak[truthID] = false
                breaks += 1
                events.append(event(.trackBreak, e, row: i, time: t, track: trackID, previous: nil))
            }
            lastMatchOfTruth[truthID] = trackID
            tracksOfTruth[truthID].insert(trackID)
        }
        unmatchedTrackSeconds += trackIsMatched.reduce(0) { $0 + ($1 ? 0 : 1) }
        countDuplicates(e, time: t, matches: matches, matchOfTruth: matchOfTruth, trackIsMatched: trackIsMatched)
    }

    private func event(
        _ kind: EvaluationEvent.Kind,
        _ e: Epoch,
        row i: Int,
        time t: Int,
        track: Int,
        previous: Int?
    )
        -> EvaluationEvent
    {
        EvaluationEvent(
            kind: kind,
            time: t,
            truthID: e.truth[i].truthID,
            trackID: track,
            previousTrackID: previous,
            latitudeDegrees: e.truth[i].latitudeDegrees,
            longitudeDegrees: e.truth[i].longitudeDegrees
        )
    }

    /// Counts tracks that sit on an object another track already carries (not in the reference).
    ///
    /// A duplicate is a track left unmatched by the association while closer than c to a visible truth that is
    /// matched to another track: the object is then displayed twice. Each such truth-second counts once.
    private mutating func countDuplicates(
        _ e: Epoch,
        time t: Int,
        matches: [CandidatePair],
        matchOfTruth: [Int],
        trackIsMatched: [Bool]
    ) {
        var duplicateTrack = [Bool](repeating: false, count: e.tracks.count)
        var carried = [Bool](repeating: false, count: e.truth.count)
        var current: Set<Pair> = []
        for p in e.pairs where !trackIsMatched[p.track] && e.isVisible(p.truth) && matchOfTruth[p.truth] >= 0 {
            duplicateTrack[p.track] = true
            carried[p.truth] = true
            let pair = Pair(track: e.tracks[p.track].trackID, truth: e.truth[p.truth].truthID)
            current.insert(pair)
            if !previousDuplicates.contains(pair) {
                let carrier = e.tracks[matches[matchOfTruth[p.truth]].track].trackID
                events.append(event(.duplicate, e, row: p.truth, time: t, track: pair.track, previous: carrier))
            }
        }
        previousDuplicates = current
        duplicateTrackSeconds += duplicateTrack.reduce(0) { $0 + ($1 ? 1 : 0) }
        for (i, isCarried) in carried.enumerated() where isCarried {
            truthSecondsCarriedByTwo += 1
            carriedByTwo[e.truth[i].truthID] = true
        }
    }

    /// The summary after the last epoch.
    func report(epochs: Int, rowsOffEpoch: Int) -> EvaluationReport {
        let seenTracks = trackSeconds.indices.filter { trackSeconds[$0] > 0 }
        let falseTracks = seenTracks.filter { !trackMatched[$0] }
        let visibleTruths = firstVisible.indices.filter { firstVisible[$0] >= 0 }
        let delays = visibleTruths.filter { firstMatch[$0] >= 0 }.map { Double(firstMatch[$0] - firstVisible[$0]) }
            .sorted()
        let sortedErrors = errors.sorted()
        let e = Double(epochs)
        return EvaluationReport(
            epochs: epochs,
            configuration: configuration,
            ospaPerEpoch: ospa,
            gospaPerEpoch: gospa,
            ospaMeanMetres: Statistics.mean(ospa),
            gospaMeanMetres: Statistics.mean(gospa),
            gospaLocalisationRMSMetres: errors.isEmpty
                ? nil : (gospaLocalisation / Double(Swift.max(1, errors.count))).squareRoot(),
            gospaMissedPerEpoch: Double(gospaMissed) / e,
            gospaFalsePerEpoch: Double(gospaFalse) / e,
            truthCount: visibleTruths.count,
            truthSecondsVisible: visibleSeconds,
            completeness: Double(matchedSeconds) / Double(Swift.max(1, visibleSeconds)),
            positionRMSMetres: errors.isEmpty ? nil : Statistics.rms(errors),
            positionMedianMetres: errors.isEmpty ? nil : Statistics.median(sorted: sortedErrors),
            positionP95Metres: errors.isEmpty ? nil : Statistics.percentile(sorted: sortedErrors, 95),
            altitudeRMSMetres: altitudeErrors.isEmpty ? nil : Statistics.rms(altitudeErrors),
            altitudeCoverage: Double(altitudeErrors.count) / Double(Swift.max(1, errors.count)),
            trackCount: seenTracks.count,
            matchedTrackCount: seenTracks.count - falseTracks.count,
            falseTrackCount: falseTracks.count,
            falseTrackSeconds: falseTracks.reduce(0) { $0 + trackSeconds[$1] },
            unmatchedTrackSeconds: unmatchedTrackSeconds,
            meanTracksPerEpoch: Double(tracksPerEpoch) / e,
            meanVisibleTruthPerEpoch: Double(visibleTruthPerEpoch) / e,
            idSwitches: idSwitches,
            trackBreaks: breaks,
            tracksPerTruth: visibleTruths.isEmpty
                ? 0 : Double(visibleTruths.reduce(0) { $0 + tracksOfTruth[$1].count }) / Double(visibleTruths.count),
            truthNeverTrackedCount: visibleTruths.count - delays.count,
            initiationDelayMedianSeconds: delays.isEmpty ? nil : Statistics.median(sorted: delays),
            initiationDelayP90Seconds: delays.isEmpty ? nil : Statistics.percentile(sorted: delays, 90),
            rowsOffEpoch: rowsOffEpoch,
            duplicateTrackSeconds: duplicateTrackSeconds,
            truthSecondsCarriedByTwoTracks: truthSecondsCarriedByTwo,
            truthsCarriedByTwoTracks: carriedByTwo.reduce(0) { $0 + ($1 ? 1 : 0) },
            firstTruthOfTrack: firstTruthOfTrack,
            events: events,
            truthTallies: tallies.indices.map { id in
                var tally = tallies[id]
                tally.firstVisibleTime = firstVisible[id] >= 0 ? firstVisible[id] : nil
                tally.firstMatchTime = firstMatch[id] >= 0 ? firstMatch[id] : nil
                return tally
            }
        )
    }
}
