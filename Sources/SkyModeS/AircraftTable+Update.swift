import RealModule
import SkyModel

extension AircraftTable {
    /// Applies one decoded message.
    ///
    /// DF11/17/18 messages create entries only with a valid CRC; address/parity replies (DF0/4/5/16/20/21),
    /// whose address is only as good as the CRC, update entries that already exist (as readsb does).
    /// - Parameters:
    ///   - message: the decoded message.
    ///   - time: reception time, seconds (any monotone base; UNIX seconds for `ADSBReport`s).
    /// - Returns: positions decoded from this frame and whether one was accepted.
    public mutating func update(_ message: ModeSMessage, time: Double) -> Update {
        var result = Update()
        let index: Int
        switch message.parity {
        case .valid, .corrected, .interrogator:
            // DF18 with CF 1 (ADS-B, non-ICAO address) or 5 (TIS-B, non-ICAO address): separate key space.
            let nonICAO = message.downlinkFormat == 18 && (message.capability == 1 || message.capability == 5)
            index = findOrInsert(message.address, nonICAO: nonICAO, time: time)
        case .addressParity:
            guard let i = self.index(of: message.address) else { return result }
            index = i
        case .invalid:
            return result
        }
        result.index = index
        let config = configuration
        // Mutate the entry in place (no copy of the ~400-byte state); the helpers are static so they do not
        // touch `self` while `entries` is borrowed.
        entries.withUnsafeMutableBufferPointer { buffer in
            AircraftTable.apply(message, time: time, config: config, to: &buffer[index], result: &result)
        }
        if result.positionAccepted {
            if result.acceptedLocally { localPositions &+= 1 } else { globalPositions &+= 1 }
        }
        if result.positionRejected { rejectedPositions &+= 1 }
        return result
    }

    private static func apply(
        _ m: ModeSMessage,
        time: Double,
        config: Configuration,
        to a: inout Aircraft,
        result: inout Update
    ) {
        a.lastSeen = time
        a.messageCount &+= 1
        if let alt = m.altitudeFeet {
            a.barometricAltitudeFeet = alt
            a.altitudeTime = time
        }
        if let id = m.identity { a.squawk = id }
        switch m.content {
        case .none, .acasResolutionAdvisory:
            break
        case .commB(let c):
            if case .identification(let cs) = c.register { a.callsign = cs }
        case .adsb(let adsb):
            a.adsbCount &+= 1
            applyADSB(adsb, time: time, config: config, to: &a, result: &result)
        }
    }

    private static func applyADSB(
        _ adsb: ADSBMessage,
        time: Double,
        config: Configuration,
        to a: inout Aircraft,
        result: inout Update
    ) {
        switch adsb {
        case .identification(let id):
            a.callsign = id.callsign
            a.categoryTypeCode = id.typeCode
            a.category = id.category
        case .airbornePosition(let p):
            if p.altitudeIsGNSS {
                a.gnssHeightMetres = p.gnssHeightMetres
            } else if let alt = p.altitudeFeet {
                a.barometricAltitudeFeet = alt
                a.altitudeTime = time
            }
            a.nicSupplementB = p.nicSupplementB
            position(p.cpr, surface: false, typeCode: p.typeCode, time: time, config: config, a: &a, result: &result)
        case .surfacePosition(let p):
            a.surfaceSpeedKnots = p.groundSpeedKnots
            if let t = p.trackDegrees { a.surfaceTrackDegrees = t }
            position(p.cpr, surface: true, typeCode: p.typeCode, time: time, config: config, a: &a, result: &result)
        case .velocity(let v):
            if let e = v.eastKnots, let n = v.northKnots {
                a.eastKnots = e
                a.northKnots = n
            }
            a.verticalRateFeetPerMinute = v.verticalRateFeetPerMinute
            a.nacV = v.nacV
            a.velocityTime = time
        case .aircraftStatus(let s):
            if let id = s.identity { a.squawk = id }
            if let e = s.emergencyState { a.emergencyState = e }
        case .targetState(let t):
            a.nacP = t.nacP
            a.sil = t.sil
        case .operationalStatus(let o):
            a.version = o.version
            a.nicSupplementA = o.nicSupplementA
            if let c = o.nicSupplementC { a.nicSupplementC = c }
            a.nacP = o.nacP
            a.sil = o.sil
        case .other:
            break
        }
    }

    /// CPR pairing, local decoding and plausibility for one position frame.
    private static func position(
        _ cpr: CPRFrame,
        surface: Bool,
        typeCode: UInt8,
        time: Double,
        config c: Configuration,
        a: inout Aircraft,
        result: inout Update
    ) {
        // Remember this frame, fetch the partner of the other format.
        let partner: CPRFrame?
        let partnerTime: Double
        switch (surface, cpr.isOdd) {
        case (false, false):
            (partner, partnerTime) = (a.airborneOdd, a.airborneOddTime)
            (a.airborneEven, a.airborneEvenTime) = (cpr, time)
        case (false, true):
            (partner, partnerTime) = (a.airborneEven, a.airborneEvenTime)
            (a.airborneOdd, a.airborneOddTime) = (cpr, time)
        case (true, false):
            (partner, partnerTime) = (a.surfaceOdd, a.surfaceOddTime)
            (a.surfaceEven, a.surfaceEvenTime) = (cpr, time)
        case (true, true):
            (partner, partnerTime) = (a.surfaceEven, a.surfaceEvenTime)
            (a.surfaceOdd, a.surfaceOddTime) = (cpr, time)
        }
        let ownReferenceFresh =
            a.latitude != nil && a.onGround == surface
            && (!c.checksPairTime || time - (a.positionTime ?? -.infinity) <= c.localReferenceMaxAgeSeconds)
        if let p = partner, !c.checksPairTime || (time - partnerTime >= 0 && time - partnerTime <= c.pairWindowSeconds)
        {
            let even = cpr.isOdd ? p : cpr
            let odd = cpr.isOdd ? cpr : p
            if surface {
                let refLat = c.referenceLatitude ?? (ownReferenceFresh ? a.latitude : nil)
                let refLon = c.referenceLongitude ?? (ownReferenceFresh ? a.longitude : nil)
                if let la = refLat, let lo = refLon {
                    result.global = CPR.surfaceGlobal(
                        even: even,
                        odd: odd,
                        newerIsOdd: cpr.isOdd,
                        referenceLatitude: la,
                        referenceLongitude: lo
                    )
                }
            } else {
                result.global = CPR.airborneGlobal(even: even, odd: odd, newerIsOdd: cpr.isOdd)
            }
        }
        if let la = c.referenceLatitude, let lo = c.referenceLongitude {
            result.localToReference = CPR.local(cpr, surface: surface, referenceLatitude: la, referenceLongitude: lo)
        }
        // Candidate for the state: global first, else local against the aircraft's own recent position,
        // else local against the receiver when the receiver range makes that unambiguous.
        var candidate = result.global
        var local = false
        if candidate == nil {
            let halfZone = surface ? 45 * 1852.0 : 180 * 1852.0
            if ownReferenceFresh, let la = a.latitude, let lo = a.longitude {
                let l = CPR.local(cpr, surface: surface, referenceLatitude: la, referenceLongitude: lo)
                if AircraftTable.flatDistanceMetres(la, a.cosLatitude, lo, l.latitude, l.longitude) < halfZone {
                    candidate = l
                    local = true
                }
            } else if let r = result.localToReference, let range = c.maximumRangeMetres, range < halfZone {
                candidate = r
                local = true
            }
        }
        guard let pos = candidate else { return }
        if plausible(pos, surface: surface, time: time, config: c, a: a) {
            a.latitude = pos.latitude
            a.longitude = pos.longitude
            a.cosLatitude = Double.cos(pos.latitude * (Double.pi / 180))
            a.positionTime = time
            a.onGround = surface
            a.positionCount &+= 1
            a.nic = ADSBMessage.nic(
                typeCode: typeCode,
                version: a.version,
                a: a.nicSupplementA,
                b: a.nicSupplementB,
                c: a.nicSupplementC
            )
            result.positionAccepted = true
            result.acceptedLocally = local
        } else {
            a.rejectedPositions &+= 1
            result.positionRejected = true
        }
    }

    /// readsb-style reachability: the new position must be within the receiver range and reachable from
    /// the previous one at the aircraft's speed (reported ground speed · 1.3 + 100 kt, else the configured
    /// maximum; 100 kt on the surface), plus a fixed slack.
    static func plausible(
        _ p: (latitude: Double, longitude: Double),
        surface: Bool,
        time: Double,
        config c: Configuration,
        a: Aircraft
    ) -> Bool {
        if let range = c.maximumRangeMetres, let la = c.referenceLatitude, let lo = c.referenceLongitude,
            AircraftTable.distanceMetres(la, lo, p.latitude, p.longitude) > range
        {
            return false
        }
        guard c.checksPairTime, let la = a.latitude, let lo = a.longitude, let t0 = a.positionTime else { return true }
        let elapsed = time - t0
        if elapsed < 0 || elapsed > c.localReferenceMaxAgeSeconds { return true }
        var knots = surface ? 100.0 : c.maximumSpeedKnots
        if !surface, let gs = a.groundSpeedKnots, a.velocityTime.map({ time - $0 < 30 }) == true {
            knots = min(knots, gs * 1.3 + 100)
        }
        let allowed = elapsed * knots * 1852 / 3600 + c.positionSlackMetres
        return AircraftTable.flatDistanceMetres(la, a.cosLatitude, lo, p.latitude, p.longitude) <= allowed
    }

    /// Equirectangular distance for short ranges (≤ a few hundred km), metres, with cos(lat₁) precomputed:
    /// ```
    /// d = R · sqrt(Δφ² + (cos φ₁ · Δλ)²)
    /// ```
    /// Relative error below 1 % within 200 km at mid latitudes: enough for plausibility gates.
    @inline(__always)
    static func flatDistanceMetres(
        _ lat1: Double,
        _ cosLat1: Double,
        _ lon1: Double,
        _ lat2: Double,
        _ lon2: Double
    )
        -> Double
    {
        let r = Double.pi / 180
        var dLon = lon2 - lon1
        if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
        let x = dLon * r * cosLat1
        let y = (lat2 - lat1) * r
        return 6_371_008.8 * (x * x + y * y).squareRoot()
    }

    /// Great-circle distance on a sphere of radius 6371.0088 km (IUGG mean radius), metres (haversine).
    static func distanceMetres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = Double.pi / 180
        let dLat = (lat2 - lat1) * r
        let dLon = (lon2 - lon1) * r
        let s1 = Double.sin(dLat / 2)
        let s2 = Double.sin(dLon / 2)
        let h = s1 * s1 + Double.cos(lat1 * r) * Double.cos(lat2 * r) * s2 * s2
        return 2 * 6_371_008.8 * Double.asin(min(1, h.squareRoot()))
    }
}
