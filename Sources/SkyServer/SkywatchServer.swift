import Foundation
public import Hummingbird
public import HummingbirdWebSocket
public import Logging
import NIOCore
import NIOWebSocket
public import SkyModel

/// The HTTP/WebSocket server of `skywatch serve`: the API of `docs/api.md`, the readsb-compatible
/// `aircraft.json`, Prometheus metrics and the browser display. Knows the picture (``PictureStore``) and the
/// service's status (``ServiceStatusProvider``), never the tracker.
public enum SkywatchServer {
    /// The request context of every route (HTTP and the WebSocket upgrade).
    public typealias Context = BasicWebSocketRequestContext

    /// The application, ready to run as a swift-service-lifecycle `Service`.
    /// - Parameters:
    ///   - configuration: bind address, port, token.
    ///   - store: the picture.
    ///   - status: status, sensors and metrics of the service.
    ///   - history: the recording behind the history routes (`nil`: not recording, they answer 404).
    /// - Throws: ``ServerConfigurationError`` when a non-loopback bind has no token.
    public static func makeApplication(
        configuration: ServerConfiguration,
        store: PictureStore,
        status: any ServiceStatusProvider,
        history: (any HistoryProvider)? = nil,
        logger: Logger = Logger(label: "skywatch.server"),
        onServerRunning: (@Sendable (Int) async -> Void)? = nil
    ) throws -> some ApplicationProtocol {
        if let refusal = configuration.refusal { throw ServerConfigurationError(message: refusal) }
        let router = buildRouter(configuration: configuration, store: store, status: status, history: history)
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname(configuration.bindAddress, port: configuration.port)),
            onServerRunning: { channel in await onServerRunning?(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// The routes (also used by the in-process tests with `app.test(.router)`).
    public static func buildRouter(
        configuration: ServerConfiguration,
        store: PictureStore,
        status: any ServiceStatusProvider,
        history: (any HistoryProvider)? = nil
    ) -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: RequestLimitMiddleware(maximumBodyBytes: configuration.maximumBodyBytes))
        router.add(middleware: BearerTokenMiddleware(token: configuration.token))
        router.get("/api/tracks") { _, _ in json(store.tracksResponse()) }
        router.get("/api/tracks/{number}") { _, context in
            let number = try context.parameters.require("number", as: UInt32.self)
            guard let body = store.trackResponse(number: number) else {
                throw HTTPError(.notFound, message: "no displayed track \(number)")
            }
            return json(body)
        }
        addHistoryRoutes(to: router, history: history)
        router.get("/api/sensors") { _, _ in json(status.sensorsJSON()) }
        router.get("/api/status") { _, _ in json(status.statusJSON()) }
        router.get("/api/alerts") { _, _ in json(store.alertsResponse()) }
        router.get("/api/areas") { _, _ in json(status.areasGeoJSON()) }
        router.get("/api/openapi.yaml") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml))
            )
        }
        router.get("/api/replay") { _, _ in
            guard let replay = status.replay else { throw HTTPError(.notFound, message: "not replaying a recording") }
            return json(replay.stateJSON())
        }
        router.post("/api/replay") { request, context in
            guard let replay = status.replay else { throw HTTPError(.notFound, message: "not replaying a recording") }
            struct Command: Decodable {
                var action: String
                var time: Double?
                var speed: Double?
            }
            let command = try await request.decode(as: Command.self, context: context)
            if let error = replay.apply(action: command.action, time: command.time, speed: command.speed) {
                throw HTTPError(.badRequest, message: error)
            }
            return json(replay.stateJSON())
        }
        router.get("/data/aircraft.json") { _, _ in json(ReadsbJSON.aircraft(store.picture)) }
        router.get("/data/receiver.json") { _, _ in json(ReadsbJSON.receiver(position: status.receiverPosition)) }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: status.metricsText()))
            )
        }
        router.ws("/ws") { request, _ in
            if let rate = request.uri.queryParameters["rate"],
                Double(String(rate)).map({ $0 > 0 && $0.isFinite }) != true
            {
                throw HTTPError(.badRequest, message: "rate must be a positive number of frames per second")
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            // ?rate=N: at most N frames per second, each merging the cycles since the previous one.
            let cyclesPerFrame =
                context.request.uri.queryParameters["rate"].flatMap { Double(String($0)) }
                .map { store.cyclesPerFrame(framesPerSecond: $0) } ?? 1
            let (id, frames) = store.subscribe(cyclesPerFrame: cyclesPerFrame)
            defer { store.broadcaster.unsubscribe(id) }
            let snapshot = store.snapshotFrame()
            try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: snapshot.data)))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Reading until the client closes (its messages are ignored).
                    for try await _ in inbound {}
                }
                group.addTask {
                    // Frames the snapshot already holds are skipped; after a reset, cycle numbers start again.
                    var newerThan = snapshot.cycle
                    for await frame in frames {
                        if frame.isReset {
                            newerThan = -1
                        } else if frame.cycle >= 0 && frame.cycle <= newerThan {
                            continue
                        }
                        // The frame's bytes are shared with every other client (no copy, no re-encoding).
                        try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: frame.data)))
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
        let folder = configuration.displayFolder ?? Bundle.module.resourcePath.map { $0 + "/Display" } ?? "Display"
        router.add(middleware: FileMiddleware(folder, searchForIndexHtml: true))
        return router
    }

    static func json(_ body: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }
}

/// A configuration the server refuses to start with.
public struct ServerConfigurationError: Error, CustomStringConvertible, Sendable {
    /// Why.
    public var message: String
    public var description: String { message }
}

/// Requires `Authorization: Bearer TOKEN` (or `?token=TOKEN`, for the WebSocket upgrade and the display's first
/// load) on the API, data, metrics and WebSocket paths; the display's static files are public (they hold no
/// data). The token is compared in constant time.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]?

    init(token: String?) { self.token = token.flatMap { $0.isEmpty ? nil : Array($0.utf8) } }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard let token else { return try await next(request, context) }
        let path = request.uri.path
        let protected = path.hasPrefix("/api/") || path.hasPrefix("/data/") || path == "/metrics" || path == "/ws"
        guard protected else { return try await next(request, context) }
        var presented: Substring?
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            presented = header.dropFirst(7)
        } else if let q = request.uri.queryParameters["token"] {
            presented = Substring(q)
        }
        guard let presented, Self.constantTimeEqual(Array(presented.utf8), token) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "a valid token is required")
        }
        return try await next(request, context)
    }

    /// Equal lengths and bytes, in time that depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0xFF)
        }
        return difference == 0
    }
}

/// Rejects request bodies larger than the limit (413) before reading them.
struct RequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maximumBodyBytes: Int

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBodyBytes {
            throw HTTPError(.contentTooLarge, message: "request body over \(maximumBodyBytes) bytes")
        }
        var request = request
        if request.method == .post || request.method == .put {
            // Bodies without a length are collected up to the limit (413 beyond).
            let buffer = try await request.body.collect(upTo: maximumBodyBytes)
            request.body = .init(buffer: buffer)
        }
        return try await next(request, context)
    }
}
