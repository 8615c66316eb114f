import SkyAlerts
import Testing

struct AlertStateMachineTests {
    @Test("confirmation: raised only on the N-th consecutive hazard cycle; a gap restarts the count")
    func confirmation() {
        var m = AlertStateMachine(confirmationCycles: 3, clearCycles: 2)
        #expect(m.observe(hazard: true, time: 0) == .none)
        #expect(m.observe(hazard: true, time: 1) == .none)
        #expect(m.observe(hazard: false, time: 2) == .none)
        #expect(m.state == .idle)
        #expect(m.observe(hazard: true, time: 3) == .none)
        #expect(m.observe(hazard: true, time: 4) == .none)
        #expect(m.observe(hazard: true, time: 5) == .raise)
        #expect(m.isRaised)
    }

    @Test("mayRaise false holds a confirmed hazard pending, still counting; it is raised once allowed")
    func heldPending() {
        var m = AlertStateMachine(confirmationCycles: 2, confirmationSeconds: 2, clearCycles: 1)
        #expect(m.observe(hazard: true, time: 0, mayRaise: false) == .none)
        #expect(m.observe(hazard: true, time: 2, mayRaise: false) == .none)
        #expect(m.observe(hazard: true, time: 4, mayRaise: false) == .none)
        #expect(m.state == .pending(count: 3, since: 0))
        #expect(m.observe(hazard: true, time: 6) == .raise)
        #expect(m.observe(hazard: true, time: 8, mayRaise: false) == .none, "ignored once raised")
        #expect(m.isRaised)
    }

    @Test("hysteresis: a short gap does not end the alert (no flicker); N quiet cycles do")
    func hysteresis() {
        var m = AlertStateMachine(confirmationCycles: 1, clearCycles: 3, updateIntervalSeconds: 100)
        #expect(m.observe(hazard: true, time: 0) == .raise)
        #expect(m.observe(hazard: false, time: 1) == .none)
        #expect(m.observe(hazard: false, time: 2) == .none)
        #expect(m.observe(hazard: true, time: 3) == .none, "back within the hysteresis: no new start")
        #expect(m.observe(hazard: false, time: 4) == .none)
        #expect(m.observe(hazard: false, time: 5) == .none)
        #expect(m.observe(hazard: false, time: 6) == .clear)
        #expect(m.state == .idle)
    }

    @Test("updates at most every update interval; terminate clears a raised alert only")
    func updatesAndTermination() {
        var m = AlertStateMachine(confirmationCycles: 1, clearCycles: 1, updateIntervalSeconds: 10)
        #expect(m.observe(hazard: true, time: 0) == .raise)
        #expect(m.observe(hazard: true, time: 4) == .none)
        #expect(m.observe(hazard: true, time: 10) == .update)
        #expect(m.observe(hazard: true, time: 14) == .none)
        #expect(m.terminate() == .clear)
        var pending = AlertStateMachine(confirmationCycles: 2, clearCycles: 1)
        #expect(pending.observe(hazard: true, time: 0) == .none)
        #expect(pending.terminate() == .none)
    }
}
