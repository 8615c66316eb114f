/// The OpenAPI 3.1 document of the service, served at `GET /api/openapi.yaml`; the same text as `docs/openapi.yaml`
/// (a test keeps the two equal).
public enum OpenAPIDocument {
    /// The YAML text.
    public static let yaml = #"""
        openapi: 3.1.0
        info:
          title: Skywatch service API
          version: "1"
          description: >-
            The live recognised air picture of `skywatch serve` / `skywatch demo`. Times are UNIX seconds (UTC),
            positions WGS-84 degrees. When the service runs with a token, every path below except the display's static
            files needs `Authorization: Bearer TOKEN` (or `?token=TOKEN`, which the WebSocket upgrade uses).
            See docs/api.md.
        servers:
          - url: http://127.0.0.1:8080
        security:
          - bearer: []
        paths:
          /api/tracks:
            get:
              summary: The current picture (displayed tracks at the last cycle).
              responses:
                "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/Picture"}}}}
                "401": {description: Missing or wrong token}
          /api/tracks/{number}:
            get:
              summary: One displayed track with its recent history (from memory).
              parameters:
                - {name: number, in: path, required: true, schema: {type: integer, minimum: 0}}
              responses:
                "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/TrackWithHistory"}}}}
                "404": {description: No displayed track with that number}
          /api/tracks/{number}/history:
            get:
              summary: The recorded states of one track over a time range, oldest first (from the recording).
              description: >-
                Read from the recording the service writes (`--record`, on by default in the demo) or replays, without
                blocking the recorder. A range is closed (from <= t <= to); an absent end is open. At most 100,000
                states; `truncated` says when more were recorded.
              parameters:
                - {name: number, in: path, required: true, schema: {type: integer, minimum: 0}}
                - {name: from, in: query, required: false, schema: {type: number}, description: "data time, UNIX s"}
                - {name: to, in: query, required: false, schema: {type: number}, description: "data time, UNIX s"}
              responses:
                "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/TrackHistory"}}}}
                "400": {description: A time that is not a number, or from after to}
                "404": {description: No recorded state of that track in the range, or the service does not record}
          /api/history:
            get:
              summary: The recorded picture at a past time (time=), or every recorded track state of a time range (from=, to=).
              description: >-
                `time=T` gives the picture of the last recorded cycle at or before T. `from=T0&to=T1` gives every
                recorded track state of the cycles in T0..T1, in time then track number order, optionally only those
                inside `bbox=WEST,SOUTH,EAST,NORTH` (degrees); at most 100,000 states, `truncated` says when more matched.
              parameters:
                - {name: time, in: query, required: false, schema: {type: number}, description: "data time, UNIX s"}
                - {name: from, in: query, required: false, schema: {type: number}, description: "data time, UNIX s"}
                - {name: to, in: query, required: false, schema: {type: number}, description: "data time, UNIX s"}
                - {name: bbox, in: query, required: false, schema: {type: string}, description: "WEST,SOUTH,EAST,NORTH degrees"}
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - {$ref: "#/components/schemas/Picture"}
                          - {$ref: "#/components/schemas/HistoryRange"}
                "400": {description: Neither time nor from and to, a time that is not a number, from after to, a bad bbox}
                "404": {description: Nothing recorded at or before time, or the service does not record}
          /api/sensors:
            get:
              summary: Per input its kind, state, rates and errors by code; per sensor its site and rotation period.
              responses:
                "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/Sensors"}}}}
          /api/status:
            get:
              summary: Version, uptime, cycle time, counters.
              responses:
                "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/Status"}}}}
          /api/alerts:
            get:
              summary: Active safety-net alerts.
              responses:
                "200":
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties: {alerts: {type: array, items: {$ref: "#/components/schemas/Alert"}}}
          /api/areas:
            get:
              summary: Configured restricted areas (GeoJSON FeatureCollection).
              responses:
                "200": {description: OK, content: {application/json: {schema: {type: object}}}}
          /api/replay:
            get:
              summary: Replay state (only when replaying a recording).
              responses:
                "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/Replay"}}}}
                "404": {description: Not replaying}
            post:
              summary: Play, pause, seek or change speed of a replay.
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [action]
                      properties:
                        action: {type: string, enum: [play, pause, seek, speed]}
                        time: {type: number, description: "seek target, UNIX s"}
                        speed: {type: number, exclusiveMinimum: 0}
              responses:
                "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/Replay"}}}}
                "400": {description: Bad action}
                "404": {description: Not replaying}
                "413": {description: Body too large}
          /api/openapi.yaml:
            get:
              summary: This document.
              responses:
                "200": {description: OK, content: {application/yaml: {}}}
          /data/aircraft.json:
            get:
              summary: The picture in readsb's aircraft.json format (readsb README-json.md).
              responses:
                "200": {description: OK, content: {application/json: {schema: {type: object}}}}
          /data/receiver.json:
            get:
              summary: readsb's receiver.json (version, refresh, receiver position).
              responses:
                "200": {description: OK, content: {application/json: {schema: {type: object}}}}
          /metrics:
            get:
              summary: Prometheus metrics (text format 0.0.4).
              responses:
                "200": {description: OK, content: {text/plain: {}}}
          /ws:
            get:
              summary: >-
                WebSocket. Server to client JSON text frames: first a SnapshotFrame (the whole picture as Track objects),
                then DeltaFrame objects (compact track rows; one per cycle, or one per 1/rate seconds merging the cycles
                in between with ?rate=N), and every few seconds {"type":"status", ...Status}. A client that cannot keep up
                loses whole frames: a delta whose base is newer than the client's last cycle; it should re-read /api/tracks.
              parameters:
                - name: rate
                  in: query
                  required: false
                  description: >-
                    Frames per second wanted (default and maximum, one per cycle). The server merges the cycles between
                    two frames: each changed track's latest row, every deleted track, each alert's latest event.
                  schema: {type: number, exclusiveMinimum: 0}
              responses:
                "101":
                  description: Switching protocols; frames as SnapshotFrame and DeltaFrame
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - {$ref: "#/components/schemas/SnapshotFrame"}
                          - {$ref: "#/components/schemas/DeltaFrame"}
                "400": {description: rate is not a positive number}
                "401": {description: Missing or wrong token}
        components:
          securitySchemes:
            bearer: {type: http, scheme: bearer}
          schemas:
            Track:
              type: object
              required: [number, status, time, lat, lon, sources, sensors, kind]
              properties:
                number: {type: integer}
                status: {type: string, enum: [confirmed, coasting, tentative]}
                time: {type: number}
                lat: {type: number}
                lon: {type: number}
                altitude_ft: {type: [number, "null"], description: barometric altitude}
                vertical_rate_fpm: {type: number}
                ground_speed_kt: {type: number}
                track_deg: {type: number, description: course over ground, clockwise from true north}
                velocity_east_mps: {type: number}
                velocity_north_mps: {type: number}
                turn_rate_deg_s: {type: number}
                callsign: {type: [string, "null"]}
                address: {type: [string, "null"], description: Mode S address, 6 hex digits}
                mode_a: {type: [string, "null"], description: Mode 3/A code, 4 octal digits}
                sources: {type: array, items: {type: string, enum: [primary, ssr, modes, adsb]}}
                sensors: {type: array, items: {type: string, description: SAC/SIC}}
                kind: {type: string, enum: [airliner, light, helicopter, drone, fast, unknown]}
                sigma_m: {type: number, description: horizontal position 1-sigma (larger axis), metres}
                age_s: {type: number}
                last_update: {type: number}
                spi: {type: boolean}
                emergency: {type: boolean}
            SnapshotFrame:
              type: object
              description: the first frame on /ws, and the empty picture of cycle -1 after a replay seeks back
              properties:
                type: {const: snapshot}
                time: {type: number}
                cycle: {type: integer}
                tracks: {type: array, items: {$ref: "#/components/schemas/Track"}}
                alerts: {type: array, items: {$ref: "#/components/schemas/Alert"}}
            DeltaFrame:
              type: object
              description: >-
                The header fields come first, in this order (a client may read them without parsing the rows).
                updated holds the tracks that are new, were measured or changed a TrackIdentity field since the
                stream's previous frame; the others keep the row last sent.
              required: [type, time, cycle, base, updated, deleted, alerts]
              properties:
                type: {const: delta}
                time: {type: number, description: data time of the cycle, UNIX s; row times are relative to it}
                cycle: {type: integer}
                base: {type: integer, description: "the cycle of the stream's previous frame (cycle - 1 at the full rate); a client whose last cycle is older has lost a frame"}
                wall: {type: number, description: publication time, UNIX s}
                input_latency_s: {type: number, description: longest wait from an input batch's arrival to wall, among the batches this frame is the first to carry}
                updated: {type: array, items: {$ref: "#/components/schemas/TrackRow"}}
                deleted: {type: array, items: {type: integer}}
                alerts: {type: array, items: {$ref: "#/components/schemas/Alert"}}
            TrackRow:
              type: array
              description: >-
                [number, time_ms, lat_e5, lon_e5, altitude_ft|null, vertical_rate_fpm, velocity_east_cm_s,
                velocity_north_cm_s, turn_rate_cdeg_s, sigma_dm, last_update_ms, TrackIdentity?]. Integers at the
                values' real precision: degrees × 1e5, feet, ft/min, cm/s, 0.01 °/s, decimetres; time_ms and
                last_update_ms are milliseconds relative to the frame's time. ground_speed_kt and track_deg of the
                Track follow from the velocity; age_s is time - created. The TrackIdentity object is present when one
                of its fields changed (all of them for a track new to the stream).
              prefixItems:
                - {type: integer, description: number}
                - {type: integer, description: time_ms}
                - {type: integer, description: lat_e5}
                - {type: integer, description: lon_e5}
                - {type: [integer, "null"], description: altitude_ft}
                - {type: integer, description: vertical_rate_fpm}
                - {type: integer, description: velocity_east_cm_s}
                - {type: integer, description: velocity_north_cm_s}
                - {type: integer, description: turn_rate_cdeg_s}
                - {type: integer, description: sigma_dm}
                - {type: integer, description: last_update_ms}
                - {$ref: "#/components/schemas/TrackIdentity"}
              minItems: 11
              maxItems: 12
            TrackIdentity:
              type: object
              description: the Track fields that change rarely; in a row, only those that changed
              properties:
                status: {type: string, enum: [confirmed, coasting, tentative]}
                callsign: {type: [string, "null"]}
                address: {type: [string, "null"]}
                mode_a: {type: [string, "null"]}
                emergency: {type: boolean}
                sources: {type: array, items: {type: string, enum: [primary, ssr, modes, adsb]}}
                sensors: {type: array, items: {type: string}}
                kind: {type: string, enum: [airliner, light, helicopter, drone, fast, unknown]}
                spi: {type: boolean}
                created: {type: number, description: track creation time, UNIX s}
            TrackWithHistory:
              allOf:
                - $ref: "#/components/schemas/Track"
                - type: object
                  properties:
                    history:
                      type: array
                      items: {type: array, description: "[time, lat, lon, altitude_ft|null]"}
            TrackHistory:
              type: object
              properties:
                number: {type: integer}
                truncated: {type: boolean}
                history: {type: array, items: {$ref: "#/components/schemas/Track"}}
            HistoryRange:
              type: object
              properties:
                from: {type: number}
                to: {type: number}
                truncated: {type: boolean}
                tracks: {type: array, items: {$ref: "#/components/schemas/Track"}}
            Picture:
              type: object
              properties:
                time: {type: number}
                cycle: {type: integer}
                tracks: {type: array, items: {$ref: "#/components/schemas/Track"}}
            Alert:
              type: object
              properties:
                id: {type: integer}
                kind: {type: string, enum: [stca, area, emergency, adsb_inconsistency, adsb_only, adsb_implausible]}
                phase: {type: string, enum: [start, update, end]}
                start: {type: number}
                time: {type: number}
                tracks: {type: array, items: {type: integer}}
                area: {type: [string, "null"]}
                code: {type: [string, "null"]}
                cpa:
                  type: [object, "null"]
                  properties: {time: {type: number}, horizontal_m: {type: number}, vertical_m: {type: number}}
                message: {type: string}
            Sensors:
              type: object
              properties:
                inputs:
                  type: array
                  items:
                    type: object
                    properties:
                      name: {type: string}
                      kind: {type: string, enum: [asterix-udp, beast-tcp, avr-tcp, simulator, file, replay]}
                      state: {type: string, enum: [connected, silent, disconnected, ended]}
                      peer: {type: [string, "null"]}
                      last_message: {type: [number, "null"]}
                      messages_per_second: {type: number}
                      messages: {type: integer}
                      bytes: {type: integer}
                      inputs: {type: integer, description: plots, reports and scan events produced}
                      errors: {type: object, additionalProperties: {type: integer}}
                      dropped: {type: integer}
                      outages: {type: integer}
                      rotation_period_s: {type: [number, "null"]}
                sensors:
                  type: array
                  items:
                    type: object
                    properties:
                      id: {type: string}
                      name: {type: string}
                      kind: {type: [string, "null"], description: null for a radar estimated but not described}
                      lat: {type: [number, "null"]}
                      lon: {type: [number, "null"]}
                      rotation_period_s: {type: [number, "null"]}
                      max_range_m: {type: [number, "null"]}
                      reference: {type: boolean, description: registration reference radar}
                      registration:
                        oneOf:
                          - {type: "null"}
                          - {$ref: "#/components/schemas/Registration"}
                      bias:
                        description: the same object as registration (kept for the display)
                        oneOf:
                          - {type: "null"}
                          - {$ref: "#/components/schemas/Registration"}
            Registration:
              type: object
              description: >-
                A radar's sensor registration estimate (tracker registration estimate or correct; docs/registration.md):
                each bias in m, ppm, degrees and s with its sigma, null when unobservable; the keys of skywatch track
                --registration FILE.json.
              properties:
                range_offset_m: {type: [number, "null"]}
                range_offset_m_sigma: {type: [number, "null"]}
                range_gain_ppm: {type: [number, "null"]}
                range_gain_ppm_sigma: {type: [number, "null"]}
                azimuth_offset_deg: {type: [number, "null"]}
                azimuth_offset_deg_sigma: {type: [number, "null"]}
                time_offset_s: {type: [number, "null"]}
                time_offset_s_sigma: {type: [number, "null"]}
                converged: {type: boolean}
                converged_since_unix_s: {type: [number, "null"]}
                reference: {type: boolean}
                observations: {type: integer}
                jumps: {type: integer}
                mode: {type: string, enum: [estimate, correct]}
                applied:
                  description: the correction in force in correct mode (null in estimate mode)
                  oneOf:
                    - {type: "null"}
                    - type: object
                      properties:
                        range_offset_m: {type: number}
                        range_gain_ppm: {type: number}
                        azimuth_offset_deg: {type: number}
                        time_offset_s: {type: number}
            Status:
              type: object
              properties:
                version: {type: string}
                mode: {type: string, enum: [live, replay, demo]}
                uptime_s: {type: number}
                cycle: {type: integer}
                cycle_period_s: {type: number}
                reorder_window_s: {type: number}
                cycle_time_ms: {type: object, properties: {last: {type: number}, p50: {type: number}, p99: {type: number}}}
                latency_s: {type: object, properties: {p50: {type: number}, p99: {type: number}, max: {type: number}}}
                stage_seconds:
                  type: object
                  description: the tracker task's wall time per stage since start, seconds
                  properties: {tracker: {type: number}, alerts: {type: number}, publish: {type: number}, sinks: {type: number}}
                data_time: {type: number}
                wall_time: {type: number}
                tracks: {type: object, properties: {confirmed: {type: integer}, coasting: {type: integer}}}
                inputs_late: {type: integer}
                inputs_late_max_s: {type: number, description: "the largest lateness of a late input so far, seconds of data time"}
                inputs_dropped: {type: integer}
                websocket: {type: object, properties: {clients: {type: integer}, dropped_frames: {type: integer}}}
                reference: {type: object, properties: {lat: {type: number}, lon: {type: number}}}
                replay: {oneOf: [{type: "null"}, {$ref: "#/components/schemas/Replay"}]}
            Replay:
              type: object
              properties:
                playing: {type: boolean}
                speed: {type: number}
                time: {type: number}
                from: {type: number}
                to: {type: number}

        """#
}
