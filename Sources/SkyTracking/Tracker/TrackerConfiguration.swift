import RealModule

/// Every tunable parameter of the tracker, with units and defaults. Documented in the DocC article
/// "Configuring the tracker"; `skywatch track --config FILE` reads a JSON object with any subset of these keys.
///
/// Defaults come from the physics, not from one scenario: measurement noise is each radar's declared σ;
/// process noise from aircraft dynamics (cruise drift and rate-one turns); speeds from drones to Mach 4;
/// timeouts as multiples of the longest antenna rotation period, resolved by ``resolved(maximumRotationPeriod:)``.
public struct TrackerConfiguration: Sendable, Codable, Hashable {
    // MARK: Motion models (IMM)
    /// Acceleration noise intensity of the quiet IMM mode (and of the single-model KF), m²/s³.
    public var quietNoiseIntensity = 0.5
    /// Acceleration noise intensity of the manoeuvre IMM mode, m²/s³ (≈ rate-one turn at 250 m/s).
    public var manoeuvreNoiseIntensity = 60.0
    /// Lateral acceleration of the IMM's first pair of coordinated-turn modes (left and right), m/s²; the turn
    /// rate is this over the track's speed. 1.5 m/s² ≈ a 9° bank: the gentle heading changes of airliners in
    /// cruise and on vectors (0.37 °/s at 230 m/s), a rate-one turn at 29 m/s. When this and
    /// `secondTurnAcceleration` are both 0, `--filter imm` uses the fixed-rate modes `turnRate` /
    /// `secondTurnRate` instead.
    public var turnAcceleration = 1.5
    /// Lateral acceleration of the IMM's second pair of coordinated-turn modes, m/s²; 0 disables them.
    /// 4 m/s² ≈ a 22° bank: a rate-one turn at 76 m/s, 1.0 °/s at 230 m/s.
    public var secondTurnAcceleration = 4.0
    /// Turn rate of the first pair of fixed-rate coordinated-turn modes (left and right) of `--filter imm-ca`,
    /// and of `--filter imm` when both turn accelerations are 0, degrees per second; 0 disables them.
    /// 0.7 °/s: the gentle heading changes of airliners in cruise and on vectors.
    public var turnRate = 0.7
    /// Turn rate of the second pair of coordinated-turn modes, °/s; 0 disables them. 2 °/s: between a rate-½
    /// and a rate-one (3 °/s) turn; the IMM's mixing covers the rates in between.
    public var secondTurnRate = 2.0
    /// Acceleration noise intensity of the coordinated-turn modes, m²/s³ (covers the turn-rate mismatch).
    public var turnNoiseIntensity = 4.0
    /// Turn-rate noise intensity of the estimated-turn-rate mode (`--filter imm-ct`), rad²/s³.
    public var turnRateNoiseIntensity = 1e-5
    /// Jerk noise intensity of the constant-acceleration mode (`--filter imm-ca`), m²/s⁵.
    public var jerkNoiseIntensity = 1.0
    /// Standard deviation of each acceleration component at the onset of a manoeuvre (`--filter imm-ca`), m/s².
    public var onsetAccelerationSigma = 2.0
    /// Mean time between manoeuvres (IMM quiet → manoeuvre rate is its inverse), s.
    public var meanTimeBetweenManoeuvres = 120.0
    /// Mean manoeuvre duration (IMM manoeuvre → quiet rate is its inverse), s.
    public var meanManoeuvreDuration = 30.0
    /// Acceleration noise intensity of the vertical (Mode C) filter, m²/s³.
    public var verticalNoiseIntensity = 2.0
    /// Standard deviation of the vertical rate at initiation, m/s.
    public var initialVerticalRateSigma = 15.0

    // MARK: Plausibility
    /// Largest plausible ground speed, m/s (Mach 4 at sea level ≈ 1,361 m/s: drones to fast jets are valid).
    public var maximumSpeed = 1_361.0
    /// Ground speed above which a track needs ``confirmHitsFast`` plots to confirm, m/s: faster than any
    /// airliner (≈ 300 m/s with a jet-stream tailwind), so that a pairing of two aircraft's plots is not believed
    /// from two plots alone.
    public var fastSpeed = 350.0
    /// Plots needed to confirm a track faster than ``fastSpeed`` (the third one checks the velocity).
    public var confirmHitsFast = 3
    /// Largest plausible vertical rate, m/s.
    public var maximumVerticalRate = 150.0
    /// Height assumed for plots without Mode C until a track supplies one, m above the ellipsoid.
    public var assumedHeight = 5_000.0
    /// Standard deviation of the assumed height, m.
    public var assumedHeightSigma = 4_000.0
    /// Ground speed (plus one σ) below which a track without Mode C is taken as a low flyer, m/s: drones,
    /// helicopters, balloons and light aircraft (≈ 155 kt), not airliners. Its plots are then converted at
    /// ``lowFlyerHeightAboveAntenna`` instead of ``assumedHeight``; 0 disables this.
    public var lowFlyerSpeed = 80.0
    /// Height assumed for the plots without Mode C of a low flyer, m above the antenna of the radar that made the
    /// plot (radars stand near the ground; drones fly below 120 m above it, helicopters a few hundred metres up; the
    /// ground itself may be hundreds of metres above the ellipsoid).
    public var lowFlyerHeightAboveAntenna = 30.0
    /// Standard deviation of that height, m.
    public var lowFlyerHeightSigma = 200.0
    /// Height assumed for the plots without Mode C of a fast flyer (a track surely faster than ``fastSpeed``), m
    /// above the ellipsoid. Sustained Mach 2–4 flight is stratospheric (Concorde cruised at 15–18 km, the MiG-25 and
    /// SR-71 at 20–25 km; drag and heating limit low-level supersonic flight to short dashes), so 16 km instead of
    /// ``assumedHeight``: converted at 5 km, a plot of an object 17 km up lies (17² − 5²)/(2ρ) too far out in
    /// ground range, 660 m at ρ = 200 km.
    public var fastFlyerHeight = 16_000.0
    /// Standard deviation of that height, m (8–24 km within 2 σ).
    public var fastFlyerHeightSigma = 4_000.0
    /// Highest elevation at which a radar sees targets (top of its cone of silence), degrees. Near a radar it bounds
    /// the height assumed for a plot without Mode C (a plot 2 km away is at most 1.3 km high).
    public var maximumElevation = 40.0

    // MARK: Gating and association
    /// Chi-square gate on the 2-D position innovation (2 degrees of freedom; 18.4 ↔ P_G = 0.9999).
    public var gateThreshold = 18.4
    /// The gate when the plot's Mode S address equals the track's (near-certain identity), chi-square.
    public var addressGateThreshold = 200.0
    /// The gate when the plot's discrete Mode 3/A code equals the track's, chi-square.
    public var discreteCodeGateThreshold = 50.0
    /// Gate on the normalised Mode C innovation (1 degree of freedom, squared), chi-square.
    public var heightGateThreshold = 25.0
    /// Cost of leaving a gated plot unassigned (it then starts a new track), in units of the squared Mahalanobis
    /// distance (−2 log likelihood ratio).
    public var unassignedPlotCost = 40.0
    /// Cost bonus of a matching Mode S address, −2 log LR.
    public var addressMatchBonus = 20.0
    /// Cost bonus of a matching discrete Mode 3/A code, −2 log LR.
    public var discreteCodeMatchBonus = 8.0
    /// Cost bonus of a matching conspicuity (non-discrete) Mode 3/A code, −2 log LR.
    public var conspicuityCodeMatchBonus = 1.0
    /// Cost penalty of a different Mode 3/A code (a code change is rare but legal), −2 log LR.
    public var codeMismatchPenalty = 12.0
    /// Longest time span of one association batch (consecutive plots of one radar), s.
    public var batchWindow = 0.5
    /// Side of a spatial-index cell, m.
    public var gridCellSize = 20_000.0
    /// Upper bound of any gate radius (a search radius), m.
    public var maximumGateRadius = 30_000.0
    /// JPDA: probability of detection used in the association probabilities.
    public var jpdaDetectionProbability = 0.93
    /// JPDA: spatial density of clutter and new objects, per m².
    public var jpdaClutterDensity = 1e-10

    // MARK: Initiation (track score or M-of-N)
    /// Standard deviation of each velocity component at single-plot initiation, m/s.
    public var initialVelocitySigma = 450.0
    /// Plots needed to confirm when the plots carry the same Mode S address.
    public var confirmHitsAddress = 2
    /// Plots needed to confirm when they carry the same discrete Mode 3/A code.
    public var confirmHitsDiscreteCode = 2
    /// Plots needed to confirm with SSR replies that give no discrete identity (conspicuity code, Mode C only).
    public var confirmHitsSSR = 3
    /// Plots needed to confirm a primary-only track.
    public var confirmHitsPrimary = 5
    /// Largest velocity standard deviation (RMS over both axes) at confirmation, m/s: a track is displayed only
    /// once its velocity is known well enough to extrapolate between plots.
    public var confirmVelocitySigma = 60.0
    /// How a tentative track is confirmed: `score` (default: the sequential probability ratio test on the track
    /// score, Blackman & Popoli 1999 §6.2, with identity evidence; see the `score…` keys) or `mOfN` (the plot counts
    /// `confirmHitsAddress`, `confirmHitsDiscreteCode`, `confirmHitsSSR`, `confirmHitsPrimary`). Both keep the
    /// plausibility checks (`maximumSpeed`, `fastSpeed`, `confirmVelocitySigma`, `maximumVerticalRate`).
    public var confirmationLogic = ConfirmationLogic.score
    /// SPRT: probability that a false tentative track (clutter, a wrong pairing) is confirmed, α. With the ≈ 7,600
    /// tentative tracks that dev's 7,571 false plots start in 20 min, 1e-5 expects 0.08 false confirmations a run.
    /// The confirmation threshold is `ln((1 − β) / α)` = 11.5 nats.
    public var scoreFalseConfirmationProbability = 1e-5
    /// SPRT: probability that a true tentative track is deleted, β; the deletion threshold is `ln(β / (1 − α))` =
    /// −4.6 nats.
    public var scoreTrueDeletionProbability = 0.01
    /// Detection probability in the kinematic likelihood ratio (dev's radars: measured 0.90–0.97 of the truth's
    /// sweeps; declared 0.90–0.97).
    public var scoreDetectionProbability = 0.93
    /// Spatial density of false plots and new objects per radar scan, per m² (β_FT). dev: 7,571 false plots in
    /// 1,200 s from three radars of 15, 10 and 20 false plots per scan over 200, 100 and 250 NM: 3.5e-11, 9.3e-11
    /// and 3.0e-11 per m² per scan; 1e-10 covers the densest.
    public var scoreFalseTargetDensity = 1e-10
    /// Largest kinematic log-likelihood ratio one plot without SSR reply adds, nats. Persistent unwanted echoes
    /// (birds, road vehicles, weather, wind farms) move as consistently as an aircraft, so against them the
    /// kinematic evidence saturates: 3 nats (LR 20) per plot, so that a primary-only track needs five plots
    /// (4 × 3 ≥ 11.5 > 3 × 3).
    public var scorePrimaryPlotCap = 3.0
    /// Largest kinematic log-likelihood ratio one plot without SSR reply adds to a fast tentative track from its
    /// third plot on (its velocity above ``fastSpeed`` by two standard deviations), nats. No persistent unwanted
    /// echo moves that fast, so the saturation of ``scorePrimaryPlotCap`` (against birds, vehicles, weather) does not
    /// apply; what remains is false plots falling on a straight fast line, and a fast pairing hypothesis exists for
    /// many more plot pairs than a slow one. 4 nats (LR 55): a fast primary track still needs five plots
    /// (0 + ≤ 3 + 3 × 4 ≥ 11.5), but plots away from the gate centre no longer leave it short. Four plots would need
    /// ≥ 4.4 nats: measured (600 s, seeds 7, 11, 23), 4.5 nats and more confirmed one clutter-only fast track on the
    /// airport preset (seed 7: false plots of two radars on a 1,200 m/s line).
    public var scoreFastPlotCap = 4.0
    /// Largest kinematic log-likelihood ratio one plot without SSR reply adds to a slow tentative track (a drone, a
    /// helicopter or a light aircraft without transponder: no Mode C, no code, ground speed below
    /// ``lowFlyerSpeed``), from its second plot on, nats. A slow path's gates are a hundred times smaller than an
    /// aircraft's (its second plot falls within `lowFlyerSpeed × Δt` of the first, not within the 450 m/s prior's
    /// kilometres), so its plots are strong evidence against false plots; 6 nats (LR 400): a slow primary track
    /// confirms on three plots on one path (0 + 6 + 6 ≥ 11.5) instead of five. Persistent unwanted echoes (birds,
    /// road vehicles) move as slowly and as consistently as a drone, and a plot count does not tell them apart
    /// either (they persist: five plots confirm them as surely as three); where they are common and drones are not
    /// of interest, set this to `scorePrimaryPlotCap` (five plots). Measured in Results.md ("Drones in three plots").
    public var scoreSlowPlotCap = 6.0
    /// Largest kinematic log-likelihood ratio one SSR plot adds, nats: against a reflection or a wrong pairing of
    /// two aircraft's replies the kinematics saturate too; 6 nats (LR 400) keeps two conspicuity-code plots from
    /// confirming (6 + `scoreHeightEvidence` < 11.5) however close in time they are.
    public var scoreSSRPlotCap = 6.0
    /// Identity evidence of a Mode S address that repeats (the plot's address equals the tentative track's), nats:
    /// the address association bonus (`addressMatchBonus` = 20, −2 ln LR) as a log-likelihood ratio. Two plots of
    /// one address confirm (10 + any kinematics consistent with an aircraft ≥ 11.5 − `scoreHeightEvidence`).
    public var scoreAddressEvidence = 10.0
    /// Identity evidence of a Mode S address new to the track (its first plot's included), nats: the address is
    /// protected by the reply's 24-bit parity, so it says "a transponder", never clutter; seen once it does not yet
    /// say that the track's other plots are the same aircraft, hence less than a repeat (as much as a repeated
    /// discrete code). A Mode S plot and another SSR plot with Mode C in its gate confirm (4 + kinematics + 3.5).
    public var scoreNewAddressEvidence = 4.0
    /// Identity evidence of a discrete Mode 3/A code that repeats, nats (`discreteCodeMatchBonus` / 2). Conspicuity
    /// and emergency codes (0000, 1000, 1200, 2000, 7000, 7500, 7600, 7700) are shared by many aircraft: 0.
    public var scoreDiscreteCodeEvidence = 4.0
    /// Identity evidence of a Mode C height inside the track's height gate, nats: ln of the chance that another
    /// aircraft's reply falls in the ±≈ 180 m gate among heights spread over ≈ 12 km (ln 33 = 3.5).
    public var scoreHeightEvidence = 3.5
    /// Evidence against a tentative track of a plot whose Mode 3/A code differs from the track's, nats
    /// (`codeMismatchPenalty` / 2).
    public var scoreCodeMismatchPenalty = 6.0
    /// Window N of the M-of-N logic as a time: a tentative track not confirmed within this many rotation
    /// periods of the slowest radar is deleted. 7: a primary-only target seen by a single radar confirms its five
    /// plots even with two sweeps missed.
    public var tentativeWindowPeriods = 7.0
    /// Multiple hypotheses at initiation: the most tentative tracks that one root may split into (itself
    /// included), 1…4. A tentative track with more than one plot in its gate keeps a branch per candidate plot (its
    /// own filter and score; best score increment first) instead of only the plot the association gives it, and a
    /// single-plot Mode S track that takes a second plot also lives on without it. A plot taken by a confirmed track
    /// or by another root's track is never a candidate; the siblings end when one confirms. 1 turns this off (one
    /// hypothesis per tentative track). Confirmed tracks keep the association of ``Associator``. 2, from the
    /// `stress` preset (20,000 targets, 60 s, seed 1): 3 and 4 kept more wrong pairings alive (more ghosts and ID
    /// switches than 2) and cost more.
    public var initiationHypotheses = 2
    /// N-scan pruning of the initiation hypotheses: this many rotation periods (slowest radar) after a root split,
    /// only its branch of highest score lives on. 2: 1 pruned true branches too early on `stress`; 3 changed
    /// nothing but the cost.
    public var initiationPruningScans = 2.0

    // MARK: Deletion, coasting, merging
    /// A tentative track is deleted after this many rotation periods (slowest radar) without a plot. 2.2: one
    /// missed sweep of a single covering radar does not end it.
    public var tentativeTimeoutPeriods = 2.2
    /// A confirmed track is shown as coasting after this many periods without a plot.
    public var coastAfterPeriods = 1.2
    /// A confirmed track is deleted after this many periods without a plot.
    public var deleteAfterPeriods = 2.2
    /// A confirmed track is deleted after this many expected detections missed in a row (a covering radar's
    /// beam swept it without a plot): with P_D ≥ 0.9, four misses in a row happen by chance < 0.01 % of the time.
    public var deleteAfterMisses = 4
    /// How long a primary-only track that every covering radar sees inside its MTI blind band (radial speed below
    /// the blind speed: a hovering drone, a helicopter moving across the beam) may coast without plots, s.
    public var blindCoastSeconds = 60.0
    /// Time constant of the velocity of a coasting low flyer without SSR (a drone), s: past the coasting threshold
    /// its displayed position follows a velocity decaying as e^(−t/τ) instead of a straight line, so a hovering
    /// drone's coast stops near where it was last seen (small multirotors stop and turn within seconds; the
    /// simulated drones change course every 10–40 s). 0 keeps the straight line.
    public var lowFlyerCoastVelocityTime = 10.0
    /// A track whose position standard deviation (√ of the largest eigenvalue) exceeds this is deleted, m.
    public var maximumPositionSigma = 5_000.0
    /// Two confirmed tracks closer than this (chi-square on position and velocity, 4 dof) are duplicates.
    public var mergeThreshold = 9.0
    /// Two confirmed tracks without any SSR data (no Mode S address, Mode 3/A code or Mode C: drones, primary-only
    /// objects) found duplicate (``mergeThreshold``) are merged only once they have stayed duplicate for this many
    /// rotation periods (of the slower of the two radars that last updated them), not at the first maintenance:
    /// nothing but kinematics tells two such objects apart, and two drones crossing or flying past each other fit
    /// one object for a moment. 0 merges at once.
    public var mergeUncodedPersistencePeriods = 2.0
    /// Height difference under which two tracks may be duplicates, m.
    public var mergeHeightDifference = 200.0

    // MARK: Sensor registration
    /// Sensor registration: `off` (default: the tracker is unchanged), `estimate` (estimate each radar's range,
    /// gain, azimuth and time biases against ADS-B-fused tracks and report them) or `correct` (also correct the
    /// plots once an estimate has converged and is significant). See ``BiasEstimator``.
    public var registration = RegistrationMode.off
    /// Radars that fix the absolute frame of registration when there is no ADS-B ("SAC/SIC"): their biases are
    /// held at zero while they have no ADS-B references of their own; common targets register the others to them.
    public var registrationReferences: [String] = []

    /// The defaults.
    public init() {}

    /// The JSON keys: one per parameter (a configuration file may give any subset; others are errors).
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case quietNoiseIntensity, manoeuvreNoiseIntensity, turnAcceleration, secondTurnAcceleration, turnRate
        case turnNoiseIntensity, secondTurnRate, turnRateNoiseIntensity, jerkNoiseIntensity, onsetAccelerationSigma
        case meanTimeBetweenManoeuvres, meanManoeuvreDuration, verticalNoiseIntensity, initialVerticalRateSigma
        case maximumSpeed, fastSpeed, confirmHitsFast, maximumVerticalRate, assumedHeight, assumedHeightSigma
        case maximumElevation, lowFlyerSpeed, lowFlyerHeightAboveAntenna, lowFlyerHeightSigma, fastFlyerHeight
        case fastFlyerHeightSigma, gateThreshold, addressGateThreshold, discreteCodeGateThreshold, heightGateThreshold
        case unassignedPlotCost, addressMatchBonus, discreteCodeMatchBonus, conspicuityCodeMatchBonus
        case codeMismatchPenalty, batchWindow, gridCellSize, maximumGateRadius, jpdaDetectionProbability
        case jpdaClutterDensity, initialVelocitySigma, confirmHitsAddress, confirmHitsDiscreteCode, confirmHitsSSR
        case confirmHitsPrimary, confirmVelocitySigma, confirmationLogic, scoreFalseConfirmationProbability
        case scoreTrueDeletionProbability, scoreDetectionProbability, scoreFalseTargetDensity, scorePrimaryPlotCap
        case scoreFastPlotCap, scoreSlowPlotCap, scoreSSRPlotCap, scoreAddressEvidence, scoreNewAddressEvidence,
            scoreDiscreteCodeEvidence
        case scoreHeightEvidence, scoreCodeMismatchPenalty, tentativeWindowPeriods, tentativeTimeoutPeriods
        case coastAfterPeriods, deleteAfterPeriods, deleteAfterMisses, blindCoastSeconds, lowFlyerCoastVelocityTime
        case maximumPositionSigma, mergeThreshold, mergeUncodedPersistencePeriods, mergeHeightDifference, registration,
            registrationReferences
        case initiationHypotheses, initiationPruningScans
    }

    /// Every key a configuration file may give.
    public static let configurationKeys = Set(CodingKeys.allCases.map(\.rawValue))

    /// A configuration from JSON-decoded keys: every key is optional and falls back to its default.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.decodeIfPresent(into: &quietNoiseIntensity, forKey: .quietNoiseIntensity)
        try c.decodeIfPresent(into: &manoeuvreNoiseIntensity, forKey: .manoeuvreNoiseIntensity)
        try c.decodeIfPresent(into: &turnAcceleration, forKey: .turnAcceleration)
        try c.decodeIfPresent(into: &secondTurnAcceleration, forKey: .secondTurnAcceleration)
        try c.decodeIfPresent(into: &turnRate, forKey: .turnRate)
        try c.decodeIfPresent(into: &turnNoiseIntensity, forKey: .turnNoiseIntensity)
        try c.decodeIfPresent(into: &secondTurnRate, forKey: .secondTurnRate)
        try c.decodeIfPresent(into: &turnRateNoiseIntensity, forKey: .turnRateNoiseIntensity)
        try c.decodeIfPresent(into: &jerkNoiseIntensity, forKey: .jerkNoiseIntensity)
        try c.decodeIfPresent(into: &onsetAccelerationSigma, forKey: .onsetAccelerationSigma)
        try c.decodeIfPresent(into: &meanTimeBetweenManoeuvres, forKey: .meanTimeBetweenManoeuvres)
        try c.decodeIfPresent(into: &meanManoeuvreDuration, forKey: .meanManoeuvreDuration)
        try c.decodeIfPresent(into: &verticalNoiseIntensity, forKey: .verticalNoiseIntensity)
        try c.decodeIfPresent(into: &initialVerticalRateSigma, forKey: .initialVerticalRateSigma)
        try c.decodeIfPresent(into: &maximumSpeed, forKey: .maximumSpeed)
        try c.decodeIfPresent(into: &fastSpeed, forKey: .fastSpeed)
        try c.decodeIfPresent(into: &confirmHitsFast, forKey: .confirmHitsFast)
        try c.decodeIfPresent(into: &maximumVerticalRate, forKey: .maximumVerticalRate)
        try c.decodeIfPresent(into: &assumedHeight, forKey: .assumedHeight)
        try c.decodeIfPresent(into: &assumedHeightSigma, forKey: .assumedHeightSigma)
        try c.decodeIfPresent(into: &maximumElevation, forKey: .maximumElevation)
        try c.decodeIfPresent(into: &lowFlyerSpeed, forKey: .lowFlyerSpeed)
        try c.decodeIfPresent(into: &lowFlyerHeightAboveAntenna, forKey: .lowFlyerHeightAboveAntenna)
        try c.decodeIfPresent(into: &lowFlyerHeightSigma, forKey: .lowFlyerHeightSigma)
        try c.decodeIfPresent(into: &fastFlyerHeight, forKey: .fastFlyerHeight)
        try c.decodeIfPresent(into: &fastFlyerHeightSigma, forKey: .fastFlyerHeightSigma)
        try c.decodeIfPresent(into: &gateThreshold, forKey: .gateThreshold)
        try c.decodeIfPresent(into: &addressGateThreshold, forKey: .addressGateThreshold)
        try c.decodeIfPresent(into: &discreteCodeGateThreshold, forKey: .discreteCodeGateThreshold)
        try c.decodeIfPresent(into: &heightGateThreshold, forKey: .heightGateThreshold)
        try c.decodeIfPresent(into: &unassignedPlotCost, forKey: .unassignedPlotCost)
        try c.decodeIfPresent(into: &addressMatchBonus, forKey: .addressMatchBonus)
        try c.decodeIfPresent(into: &discreteCodeMatchBonus, forKey: .discreteCodeMatchBonus)
        try c.decodeIfPresent(into: &conspicuityCodeMatchBonus, forKey: .conspicuityCodeMatchBonus)
        try c.decodeIfPresent(into: &codeMismatchPenalty, forKey: .codeMismatchPenalty)
        try c.decodeIfPresent(into: &batchWindow, forKey: .batchWindow)
        try c.decodeIfPresent(into: &gridCellSize, forKey: .gridCellSize)
        try c.decodeIfPresent(into: &maximumGateRadius, forKey: .maximumGateRadius)
        try c.decodeIfPresent(into: &jpdaDetectionProbability, forKey: .jpdaDetectionProbability)
        try c.decodeIfPresent(into: &jpdaClutterDensity, forKey: .jpdaClutterDensity)
        try c.decodeIfPresent(into: &initialVelocitySigma, forKey: .initialVelocitySigma)
        try c.decodeIfPresent(into: &confirmHitsAddress, forKey: .confirmHitsAddress)
        try c.decodeIfPresent(into: &confirmHitsDiscreteCode, forKey: .confirmHitsDiscreteCode)
        try c.decodeIfPresent(into: &confirmHitsSSR, forKey: .confirmHitsSSR)
        try c.decodeIfPresent(into: &confirmHitsPrimary, forKey: .confirmHitsPrimary)
        try c.decodeIfPresent(into: &confirmVelocitySigma, forKey: .confirmVelocitySigma)
        try c.decodeIfPresent(into: &confirmationLogic, forKey: .confirmationLogic)
        try c.decodeIfPresent(into: &scoreFalseConfirmationProbability, forKey: .scoreFalseConfirmationProbability)
        try c.decodeIfPresent(into: &scoreTrueDeletionProbability, forKey: .scoreTrueDeletionProbability)
        try c.decodeIfPresent(into: &scoreDetectionProbability, forKey: .scoreDetectionProbability)
        try c.decodeIfPresent(into: &scoreFalseTargetDensity, forKey: .scoreFalseTargetDensity)
        try c.decodeIfPresent(into: &scorePrimaryPlotCap, forKey: .scorePrimaryPlotCap)
        try c.decodeIfPresent(into: &scoreFastPlotCap, forKey: .scoreFastPlotCap)
        try c.decodeIfPresent(into: &scoreSlowPlotCap, forKey: .scoreSlowPlotCap)
        try c.decodeIfPresent(into: &scoreSSRPlotCap, forKey: .scoreSSRPlotCap)
        try c.decodeIfPresent(into: &scoreAddressEvidence, forKey: .scoreAddressEvidence)
        try c.decodeIfPresent(into: &scoreNewAddressEvidence, forKey: .scoreNewAddressEvidence)
        try c.decodeIfPresent(into: &scoreDiscreteCodeEvidence, forKey: .scoreDiscreteCodeEvidence)
        try c.decodeIfPresent(into: &scoreHeightEvidence, forKey: .scoreHeightEvidence)
        try c.decodeIfPresent(into: &scoreCodeMismatchPenalty, forKey: .scoreCodeMismatchPenalty)
        try c.decodeIfPresent(into: &tentativeWindowPeriods, forKey: .tentativeWindowPeriods)
        try c.decodeIfPresent(into: &initiationHypotheses, forKey: .initiationHypotheses)
        try c.decodeIfPresent(into: &initiationPruningScans, forKey: .initiationPruningScans)
        try c.decodeIfPresent(into: &tentativeTimeoutPeriods, forKey: .tentativeTimeoutPeriods)
        try c.decodeIfPresent(into: &coastAfterPeriods, forKey: .coastAfterPeriods)
        try c.decodeIfPresent(into: &deleteAfterPeriods, forKey: .deleteAfterPeriods)
        try c.decodeIfPresent(into: &deleteAfterMisses, forKey: .deleteAfterMisses)
        try c.decodeIfPresent(into: &blindCoastSeconds, forKey: .blindCoastSeconds)
        try c.decodeIfPresent(into: &lowFlyerCoastVelocityTime, forKey: .lowFlyerCoastVelocityTime)
        try c.decodeIfPresent(into: &maximumPositionSigma, forKey: .maximumPositionSigma)
        try c.decodeIfPresent(into: &mergeThreshold, forKey: .mergeThreshold)
        try c.decodeIfPresent(into: &mergeUncodedPersistencePeriods, forKey: .mergeUncodedPersistencePeriods)
        try c.decodeIfPresent(into: &mergeHeightDifference, forKey: .mergeHeightDifference)
        try c.decodeIfPresent(into: &registration, forKey: .registration)
        try c.decodeIfPresent(into: &registrationReferences, forKey: .registrationReferences)
    }
}

/// How tentative tracks are confirmed (``TrackerConfiguration/confirmationLogic``).
public enum ConfirmationLogic: String, Sendable, Codable, Hashable {
    /// Sequential probability ratio test on the track score (kinematic and identity log-likelihood ratios).
    case score
    /// Plot counts per kind of identity evidence.
    case mOfN
}

extension TrackerConfiguration {
    /// The SPRT confirmation threshold on the track score, nats: `ln((1 − β) / α)` (Wald; Blackman & Popoli 1999,
    /// eq. 6.19).
    public var scoreConfirmationThreshold: Double {
        Double.log((1 - scoreTrueDeletionProbability) / scoreFalseConfirmationProbability)
    }

    /// The SPRT deletion threshold on the track score, nats: `ln(β / (1 − α))`.
    public var scoreDeletionThreshold: Double {
        Double.log(scoreTrueDeletionProbability / (1 - scoreFalseConfirmationProbability))
    }
}

extension TrackerConfiguration {
    /// The height assumed for a plot without Mode C: the prior `N(assumedHeight, assumedHeightSigma²)` truncated to
    /// the heights the radar can see at this slant range, from the ground (0 m) to the top of its cone of silence
    /// (`antennaHeight + ρ sin maximumElevation`).
    ///
    /// Far from the radar (the cone's top more than 3 σ above the prior's mean) the prior is returned unchanged.
    /// Close to it the bound bites: a primary-only plot 2 km away cannot be 5 km high (the height difference would
    /// exceed the slant range and the conversion would put the plot on the antenna); the truncated normal's mean and
    /// variance place it at a plausible low elevation with an honest spread.
    /// - Parameters:
    ///   - antennaHeight: the radar antenna's height above the ellipsoid, m.
    ///   - slantRangeMetres: the plot's slant range, m.
    /// - Returns: height above the ellipsoid, m, and its variance, m².
    public func assumedHeight(antennaHeight: Double, slantRangeMetres: Double) -> (height: Double, variance: Double) {
        truncatedHeight(
            mean: assumedHeight,
            sigma: assumedHeightSigma,
            antennaHeight: antennaHeight,
            slantRangeMetres: slantRangeMetres
        )
    }

    /// The height assumed for a plot without Mode C of a slow track (a low flyer): the prior
    /// `N(antennaHeight + lowFlyerHeightAboveAntenna, lowFlyerHeightSigma²)` truncated like
    /// ``assumedHeight(antennaHeight:slantRangeMetres:)``.
    public func lowFlyerHeight(antennaHeight: Double, slantRangeMetres: Double) -> (height: Double, variance: Double) {
        truncatedHeight(
            mean: antennaHeight + lowFlyerHeightAboveAntenna,
            sigma: lowFlyerHeightSigma,
            antennaHeight: antennaHeight,
            slantRangeMetres: slantRangeMetres
        )
    }

    /// The height assumed for a plot without Mode C of a fast track: `N(fastFlyerHeight, fastFlyerHeightSigma²)`
    /// truncated like ``assumedHeight(antennaHeight:slantRangeMetres:)``.
    public func fastFlyerHeight(antennaHeight: Double, slantRangeMetres: Double) -> (height: Double, variance: Double) {
        truncatedHeight(
            mean: fastFlyerHeight,
            sigma: fastFlyerHeightSigma,
            antennaHeight: antennaHeight,
            slantRangeMetres: slantRangeMetres
        )
    }

    /// A height prior truncated to [0, antenna + ρ sin ε_max]: its mean and variance.
    func truncatedHeight(
        mean: Double,
        sigma: Double,
        antennaHeight: Double,
        slantRangeMetres: Double
    ) -> (height: Double, variance: Double) {
        let upper = Swift.max(antennaHeight + slantRangeMetres * Double.sin(maximumElevation * Double.pi / 180), 1)
        guard upper < mean + 3 * sigma else { return (mean, sigma * sigma) }
        let lower = 0.0
        let alpha = (lower - mean) / sigma
        let beta = (upper - mean) / sigma
        func density(_ x: Double) -> Double { Double.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }
        func cumulative(_ x: Double) -> Double { 0.5 * Double.erfc(-x / 2.0.squareRoot()) }
        let mass = cumulative(beta) - cumulative(alpha)
        guard mass > 1e-9 else {
            // The prior's mass lies outside the visible band: uniform over the band.
            let width = upper - lower
            return (lower + width / 2, width * width / 12)
        }
        let ratio = (density(alpha) - density(beta)) / mass
        let variance = sigma * sigma * (1 + (alpha * density(alpha) - beta * density(beta)) / mass - ratio * ratio)
        return (mean + sigma * ratio, Swift.max(variance, 1))
    }
}
