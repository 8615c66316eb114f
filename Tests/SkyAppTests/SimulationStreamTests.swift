import Foundation
import SkyASTERIX
import SkyApp
import SkyIO
import SkyModeS
import SkySimulation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Live streams over loopback: what a client receives is exactly the file output of the same run.
struct SimulationStreamTests {
    /// Connects a blocking TCP client to 127.0.0.1:`port` and reads until the server closes, on a thread.
    final class Reader: @unchecked Sendable {  // `bytes` is written by the reader thread, read after `done`.
        var bytes: [UInt8] = []
        let done = DispatchSemaphore(value: 0)
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let r = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard r == 0 else { throw SimulationOutputError(message: "connect failed") }
            Thread.detachNewThread { [self] in
                var chunk = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65_536, 0) }
                    if n <= 0 { break }
                    bytes.append(contentsOf: chunk[..<n])
                }
                close(fd)
                done.signal()
            }
        }
    }

    @Test("TCP: a client receives the same ASTERIX and Beast bytes as radar.ast and adsb.beast")
    func tcpLoopback() async throws {
        let configuration = SimulationPreset.airport.configuration(seed: 21, durationSeconds: 40)
        let asterix = try await TCPBroadcastServer.start(host: "127.0.0.1", port: 0)
        let beast = try await TCPBroadcastServer.start(host: "127.0.0.1", port: 0)
        let a = try Reader(port: asterix.port)
        let b = try Reader(port: beast.port)
        while asterix.clientCount < 1 || beast.clientCount < 1 { await Task.yield() }
        let pacer = SimulationPacer(speed: nil)
        let sink = SimulationStreamSink(
            configuration: configuration,
            transport: .tcp(asterix: asterix, beast: beast),
            pacer: pacer
        )
        _ = try await SimulationRunner.run(configuration, sinks: [sink], pacer: pacer)
        a.done.wait()
        b.done.wait()
        let dir = SimulationOutputTests.temporaryDirectory("tcp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try await SimulationRun.run(configuration, output: .directory(dir), speed: nil)
        let fileAST = Array(try #require(FileManager.default.contents(atPath: dir + "/radar.ast")))
        let fileBeast = Array(try #require(FileManager.default.contents(atPath: dir + "/adsb.beast")))
        #expect(asterix.droppedWrites == 0 && beast.droppedWrites == 0)
        #expect(a.bytes == fileAST, "ASTERIX stream \(a.bytes.count) B vs file \(fileAST.count) B")
        #expect(b.bytes == fileBeast, "Beast stream \(b.bytes.count) B vs file \(fileBeast.count) B")
        #expect(fileAST.count > 10_000 && fileBeast.count > 50_000)
    }

    @Test("UDP: datagrams to a loopback listener decode as ASTERIX blocks and Beast frames")
    func udpLoopback() async throws {
        func listener() -> (Int32, Int) {
            let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            var size: Int32 = 8 << 20
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            // Receives block for at most 200 ms once the sender has finished (no sleeping in the test).
            var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            return (fd, Int(UInt16(bigEndian: address.sin_port)))
        }
        let (fa, pa) = listener()
        let (fb, pb) = listener()
        // Readers on their own threads, so the kernel buffers never overflow whatever their size on CI.
        let ra = DatagramReader(fd: fa)
        let rb = DatagramReader(fd: fb)
        // 10 s of the airport preset, unpaced.
        let configuration = SimulationPreset.airport.configuration(seed: 22, durationSeconds: 10)
        let pacer = SimulationPacer(speed: nil)
        let sink = SimulationStreamSink(
            configuration: configuration,
            transport: .udp(
                asterix: try await UDPSender.open(host: "127.0.0.1", port: pa),
                beast: try await UDPSender.open(host: "127.0.0.1", port: pb)
            ),
            pacer: pacer
        )
        let summary = try await SimulationRunner.run(configuration, sinks: [sink], pacer: pacer)
        let asterixDatagrams = ra.finish()
        let beastDatagrams = rb.finish()
        close(fa)
        close(fb)
        var records = 0
        for d in asterixDatagrams { records += try ASTERIXRecord.decodeBlocks(d).count }
        var frames = 0
        var errors = 0
        var parser = BeastParser()
        for d in beastDatagrams {
            d.withUnsafeBufferPointer {
                _ = parser.parse($0, isFinal: true, onFrame: { _ in frames += 1 }, onError: { _ in errors += 1 })
            }
        }
        #expect(asterixDatagrams.count == sink.asterixBlocksSent)
        #expect(records >= summary.plots)  // plus CAT034
        #expect(frames == summary.adsbMessages && errors == 0, "Beast frames \(frames) of \(summary.adsbMessages)")
        #expect(beastDatagrams.allSatisfy { $0.count <= 1_400 })
    }
}

/// Reads datagrams on a thread until `finish()` is called and the socket has been idle for one receive timeout.
final class DatagramReader: @unchecked Sendable {  // `datagrams` and `stop` are guarded by `lock`.
    let lock = NSLock()
    var datagrams: [[UInt8]] = []
    var stop = false
    let done = DispatchSemaphore(value: 0)

    init(fd: Int32) {
        Thread.detachNewThread { [self] in
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65_536, 0) }
                if n > 0 {
                    lock.withLock { datagrams.append(Array(chunk[..<n])) }
                } else if lock.withLock({ stop }) {
                    break
                }
            }
            done.signal()
        }
    }

    /// Stops after the socket drains (the 200 ms receive timeout), and returns every datagram in order.
    func finish() -> [[UInt8]] {
        lock.withLock { stop = true }
        done.wait()
        return lock.withLock { datagrams }
    }
}
