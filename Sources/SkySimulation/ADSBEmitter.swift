import RealModule
import SkyGeodesy
import SkyModel

/// The transmitter side of one ADS-B equipped aircraft: message schedule and reported-position error.
///
/// Rates (DO-260B §2.2.3.3.1): airborne position and velocity each every 0.4–0.6 s (uniform), identification
/// every 4.8–5.2 s, operational status every 2.4–2.6 s. Position messages alternate even/odd CPR format. The
/// reported horizontal position carries a first-order Gauss–Markov error whose stationary per-axis σ is
/// `ADSBEquipage.positionSigmaMetres` (so the declared NACp bounds the 95 % error).
struct ADSBEmitter: Sendable {
    let equipage: ADSBEquipage
    let truthID: Int
    let address: ICAOAddress
    let callsign: Callsign
    var nextPosition: Double
    var nextVelocity: Double
    var nextIdentification: Double
    var nextStatus: Double
    var odd: Bool
    var errorEast: Double
    var errorNorth: Double
    var errorTime: Double

    init(
        equipage: ADSBEquipage,
        truthID: Int,
        address: ICAOAddress,
        callsign: Callsign?,
        start: Double,
        random: inout SimulationRandom
    ) {
        self.equipage = equipage
        self.truthID = truthID
        self.address = address
        self.callsign = callsign ?? Callsign("")
        nextPosition = start + random.uniform(0, 0.5)
        nextVelocity = start + random.uniform(0, 0.5)
        nextIdentification = start + random.uniform(0, 5)
        nextStatus = start + random.uniform(0, 2.5)
        odd = random.bernoulli(0.5)
        let sigma = equipage.positionSigmaMetres
        errorEast = sigma * random.gaussian()
        errorNorth = sigma * random.gaussian()
        errorTime = start
    }

    /// Appends every message due in [a.time, b.time) to `out`, interpolating the truth between the two states.
    mutating func emit(
        from a: TargetState,
        to b: TargetState,
        random: inout SimulationRandom,
        into out: inout [ADSBEmission]
    ) {
        while nextPosition < b.time {
            let t = nextPosition
            let s = RecordedTrajectory.hermite(a, b, at: t)
            updateError(to: t, random: &random)
            let p = s.position
            let m = WGS84.meridianRadiusMetres(latitude: p.latitude) + p.heightMetres
            let n = WGS84.primeVerticalRadiusMetres(latitude: p.latitude) + p.heightMetres
            let reported = GeodeticPosition(
                latitude: p.latitude + errorNorth / m,
                longitude: p.longitude + errorEast / (n * Double.cos(p.latitude)),
                heightMetres: p.heightMetres
            )
            out.append(
                ADSBEmission(
                    time: t,
                    truthID: truthID,
                    address: address,
                    content: .airbornePosition(
                        reported: reported,
                        barometricAltitudeFeet: p.heightMetres / 0.3048,
                        odd: odd,
                        typeCode: equipage.positionTypeCode
                    )
                )
            )
            odd.toggle()
            nextPosition += random.uniform(0.4, 0.6)
        }
        while nextVelocity < b.time {
            let t = nextVelocity
            let s = RecordedTrajectory.hermite(a, b, at: t)
            let sv = equipage.velocitySigma
            out.append(
                ADSBEmission(
                    time: t,
                    truthID: truthID,
                    address: address,
                    content: .airborneVelocity(
                        east: s.velocity.east + sv * random.gaussian(),
                        north: s.velocity.north + sv * random.gaussian(),
                        verticalRate: s.velocity.up
                    )
                )
            )
            nextVelocity += random.uniform(0.4, 0.6)
        }
        while nextIdentification < b.time {
            out.append(
                ADSBEmission(
                    time: nextIdentification,
                    truthID: truthID,
                    address: address,
                    content: .identification(
                        callsign: callsign,
                        categorySet: equipage.categorySet,
                        category: equipage.category
                    )
                )
            )
            nextIdentification += random.uniform(4.8, 5.2)
        }
        while nextStatus < b.time {
            // Version 0 transmitters (DO-260) have no operational status message with a version field.
            if equipage.version > 0 {
                out.append(
                    ADSBEmission(
                        time: nextStatus,
                        truthID: truthID,
                        address: address,
                        content: .operationalStatus(
                            version: equipage.version,
                            nacp: equipage.nacp,
                            nicSupplementA: equipage.nic == 9,
                            sil: equipage.sil
                        )
                    )
                )
            }
            nextStatus += random.uniform(2.4, 2.6)
        }
    }

    /// Advances the Gauss–Markov position error to `time`:
    /// ```
    /// e(t+Δ) = ρ e(t) + σ √(1 − ρ²) w,   ρ = exp(−Δ/τ),  w ~ N(0, 1)
    /// ```
    mutating func updateError(to time: Double, random: inout SimulationRandom) {
        let sigma = equipage.positionSigmaMetres
        let tau = equipage.errorCorrelationSeconds
        let rho = tau > 0 ? Double.exp(-(time - errorTime) / tau) : 0
        let q = sigma * (1 - rho * rho).squareRoot()
        errorEast = rho * errorEast + q * random.gaussian()
        errorNorth = rho * errorNorth + q * random.gaussian()
        errorTime = time
    }
}
