import SkyASTERIX
import SkyGeodesy
import SkyModeS
import SkyModel
import SkySimulation

/// How the simulator writes its radar output (`skywatch simulate --radar-format`).
public enum SimulationRadarFormat: String, Sendable, CaseIterable {
    /// ASTERIX CAT048 1.31 target reports with CAT034 1.27 north markers and sector crossings (Mode S radars).
    case cat048
    /// The legacy radars' ASTERIX CAT001 1.4 plot reports with CAT002 1.2 north markers and sector crossings.
    /// CAT001 has no Mode S address (Mode S plots go out as SSR plots without it), its range LSB is 1/128 NM
    /// (CAT048: 1/256 NM) and its time of day is truncated to 512 s (I001/141); azimuth (360/2¹⁶ °), Mode 3/A,
    /// Mode C (¼ FL) and time (1/128 s) are as in CAT048.
    case cat001
}

/// How the simulator writes its ADS-B output (`skywatch simulate --adsb-format`).
public enum SimulationADSBFormat: String, Sendable, CaseIterable {
    /// Beast binary of the DF17 frames as received (12 MHz time stamps): `adsb.beast`, or the Beast channel of
    /// a stream.
    case beast
    /// ASTERIX CAT021 2.6 ADS-B target reports of a ground station that decodes those frames: in `radar.ast`
    /// with the radar data blocks (one ASTERIX feed, as on an SDPS network), or on the ASTERIX channel of a
    /// stream.
    case cat021
}

/// An ADS-B ground station as the simulator models it for CAT021 output: the run's DF17 frames are decoded as a
/// Beast recording would be by `skywatch track --adsb` (`ModeSDecoder` → `AircraftTable` with CPR pairing and the
/// same plausibility checks, the scenario reference as the receiver position), and every accepted position
/// becomes one CAT021 report stamped with the frame's reception time.
///
/// So the ADS-B reports the tracker gets are the same either way, except for CAT021's resolution: time of
/// reception 1/128 s (I021/073; Beast: 1/12 µs), position 180/2³⁰ ° (I021/131, ≈ 2 cm), flight level ¼ FL,
/// geometric height 6.25 ft, ground speed 2⁻¹⁴ NM/s (≈ 0.11 m/s), track angle 360/2¹⁶ °, vertical rate
/// 6.25 ft/min.
struct SimulationCAT021Station {
    /// SAC/SIC of the simulated ground station network (I021/010).
    static let sensor = SensorID(sac: 0, sic: 100)

    let epoch: Double
    var ingest: ModeSIngest

    init(configuration: SimulationConfiguration) {
        epoch = Double(configuration.epochUnixSeconds)
        var c = AircraftTable.Configuration(
            referenceLatitude: configuration.reference.latitudeDegrees,
            referenceLongitude: configuration.reference.longitudeDegrees
        )
        c.checksPairTime = true
        ingest = ModeSIngest(configuration: c, sensor: Self.sensor, expiryCheckSeconds: 60)
    }

    /// The CAT021 data blocks (≤ 1400 octets each) of one frame's emissions, with their send time (seconds since
    /// the epoch): the reports of each 100 ms slot go out together at the slot's last reception.
    mutating func encode(_ emissions: [ADSBEmission], into out: inout [(time: Double, block: [UInt8])]) {
        var reports: [ADSBReport] = []
        var slot = -Double.infinity
        var slotTime = 0.0
        func release() {
            for block in CAT021Encoder.blocks(for: reports) { out.append((slotTime, block)) }
            reports.removeAll(keepingCapacity: true)
        }
        for e in emissions {
            let s = (e.time * 10).rounded(.down)
            if s != slot {
                release()
                slot = s
            }
            let time = epoch + e.time
            // As ADSBFileDecoding (the same ingest; aircraft silent for the table's expiry dropped once a minute).
            if let r = ingest.ingest(SimulationWire.frame(for: e), time: time) {
                reports.append(r)
                slotTime = e.time
            }
        }
        release()
    }
}
