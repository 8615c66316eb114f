import Foundation
import Hummingbird
import HummingbirdWebSocket
import SkyModel

/// The history routes: past track states and past pictures, read from the recording (``HistoryProvider``).
extension SkywatchServer {
    /// Most track states one history response holds; a longer answer is cut and says `"truncated": true`.
    public static let historyLimit = 100_000

    static func addHistoryRoutes(to router: Router<Context>, history: (any HistoryProvider)?) {
        // GET /api/tracks/{number}/history?from=&to=: the recorded states of one track, oldest first.
        router.get("/api/tracks/{number}/history") { request, context in
            let history = try requireHistory(history)
            let number = try context.parameters.require("number", as: UInt32.self)
            let (from, to) = try range(request, required: false)
            let states = try await history.trackHistory(number: number, from: from, to: to, limit: historyLimit + 1)
            guard !states.isEmpty else {
                throw HTTPError(.notFound, message: "no recorded state of track \(number)\(describe(from, to))")
            }
            return json(
                "{\"number\":\(number),\"truncated\":\(states.count > historyLimit),\"history\":"
                    + TrackJSON.array(states.prefix(historyLimit)) + "}"
            )
        }
        // GET /api/history?time=T: the picture at T; ?from=&to=[&bbox=W,S,E,N]: every state of a time range.
        router.get("/api/history") { request, _ in
            let history = try requireHistory(history)
            let query = request.uri.queryParameters
            if let text = query["time"] {
                guard query["from"] == nil, query["to"] == nil, query["bbox"] == nil else {
                    throw HTTPError(.badRequest, message: "give either time= or from= and to= (with bbox=)")
                }
                let time = try seconds(text, name: "time")
                guard let picture = try await history.picture(at: time) else {
                    throw HTTPError(.notFound, message: "nothing recorded at or before \(time)")
                }
                return json(
                    "{\"time\":\(TrackJSON.fixed(picture.time, 3)),\"cycle\":\(picture.cycle),\"tracks\":"
                        + TrackJSON.array(picture.tracks) + "}"
                )
            }
            guard query["from"] != nil, query["to"] != nil else {
                throw HTTPError(.badRequest, message: "give time= (a picture) or from= and to= (a time range)")
            }
            let (from, to) = try range(request, required: true)
            var box: HistoryBox?
            if let text = query["bbox"] {
                guard let b = HistoryBox(parsing: text) else {
                    throw HTTPError(
                        .badRequest,
                        message: "bbox must be WEST,SOUTH,EAST,NORTH in degrees, not '\(text)'"
                    )
                }
                box = b
            }
            let states = try await history.history(from: from, to: to, box: box, limit: historyLimit + 1)
            return json(
                "{\"from\":\(TrackJSON.fixed(from, 3)),\"to\":\(TrackJSON.fixed(to, 3)),"
                    + "\"truncated\":\(states.count > historyLimit),\"tracks\":"
                    + TrackJSON.array(states.prefix(historyLimit)) + "}"
            )
        }
    }

    static func requireHistory(_ history: (any HistoryProvider)?) throws -> any HistoryProvider {
        guard let history else {
            throw HTTPError(.notFound, message: "no recording: history needs the service to record (--record FILE)")
        }
        return history
    }

    /// `from` and `to` of the query (UNIX seconds); open ends when not `required`.
    /// - Throws: 400 when a time is not a finite number or `from > to`.
    static func range(_ request: Request, required: Bool) throws -> (Double, Double) {
        let query = request.uri.queryParameters
        let from = try query["from"].map { try seconds($0, name: "from") } ?? -Double.greatestFiniteMagnitude
        let to = try query["to"].map { try seconds($0, name: "to") } ?? Double.greatestFiniteMagnitude
        guard from <= to else { throw HTTPError(.badRequest, message: "from (\(from)) is after to (\(to))") }
        return (from, to)
    }

    /// A data time in UNIX seconds. - Throws: 400 unless a finite number.
    static func seconds(_ text: Substring, name: String) throws -> Double {
        guard let t = Double(text), t.isFinite else {
            throw HTTPError(.badRequest, message: "\(name) must be UNIX seconds, not '\(text)'")
        }
        return t
    }

    static func describe(_ from: Double, _ to: Double) -> String {
        let open = Double.greatestFiniteMagnitude
        switch (from == -open, to == open) {
        case (true, true): return " in the recording"
        case (false, true): return " from \(from)"
        case (true, false): return " up to \(to)"
        case (false, false): return " in \(from)…\(to)"
        }
    }
}
