public import SkyIO
public import SkyModeS
public import SkyModel

extension ModeSReceiver {
    /// Handles a connection event of `BeastTCPClient`.
    public mutating func handle(
        _ event: BeastTCPClient.Event,
        timeOffset: Double = 0,
        arrivalTime: Double? = nil,
        report: (ADSBReport) -> Void = { _ in }
    ) {
        switch event {
        case .connected:
            connectionOpened()
        case .bytes(let b):
            consume(b, timeOffset: timeOffset, arrivalTime: arrivalTime, report: report)
        case .disconnected:
            connectionLost()
        case .backingOff:
            break
        }
    }
}
