// picture.js: the track store. Applies snapshot and delta frames, keeps the last N positions of every track as a
// trail and the active alerts. Knows nothing of drawing; positions are also kept in system-plane metres (computed
// once per update with the injected projection) so that the renderer only scales and shifts. Delta rows arrive
// compact (wire.js decodes them into TrackDTOs).

import { decodeTrackRow } from './wire.js';

export const TRAIL_LENGTH = 10;
/** Data-time spacing of trail points, seconds: one a radar scan, whatever the update rate (ADS-B updates a track
 *  every cycle, which would make a trail of 10 points only a couple of seconds long and invisible). */
export const TRAIL_INTERVAL_S = 4;

export class Picture {
  /** @param {{project(lat:number, lon:number, out:number[]):number[]}} plane */
  constructor(plane, trailLength = TRAIL_LENGTH, trailIntervalSeconds = TRAIL_INTERVAL_S) {
    this.plane = plane;
    this.trailLength = trailLength;
    this.trailIntervalSeconds = trailIntervalSeconds;
    this.tracks = new Map();    // number -> record
    this.alerts = new Map();    // id -> AlertDTO
    this.time = 0;              // data time of the last frame, UNIX s
    this.cycle = -1;
    this.version = 0;           // bumps on every change
    this.listeners = [];
    this._xy = [0, 0];
  }

  onChange(fn) { this.listeners.push(fn); }
  _changed(kind) { this.version++; for (const fn of this.listeners) fn(kind); }

  /** Replaces the whole picture (snapshot frame or GET /api/tracks); keeps trails of surviving tracks. */
  applySnapshot(frame) {
    const seen = new Set();
    for (const dto of frame.tracks) { this._upsert(dto); seen.add(dto.number); }
    for (const n of this.tracks.keys()) if (!seen.has(n)) this.tracks.delete(n);
    if (frame.alerts) { this.alerts.clear(); for (const a of frame.alerts) this._alert(a); }
    this.time = frame.time; this.cycle = frame.cycle;
    this._changed('snapshot');
  }

  /** Applies a delta frame. Returns false when a frame was lost (the delta's base cycle is newer than the
   *  picture's) or a row could not be decoded: the caller should resynchronise. */
  applyDelta(frame) {
    if (this.cycle >= 0 && frame.cycle <= this.cycle) return true;   // older than a resynchronised picture
    const base = frame.base !== undefined ? frame.base : frame.cycle - 1;
    let gap = this.cycle >= 0 && base > this.cycle;
    for (const row of frame.updated) {
      const r = this.tracks.get(Array.isArray(row) ? row[0] : row.number);
      const dto = decodeTrackRow(row, frame.time, r && r.dto);
      if (dto) this._upsert(dto); else gap = true;
    }
    for (const n of frame.deleted) this.tracks.delete(n);
    if (frame.alerts) for (const a of frame.alerts) this._alert(a);
    this.time = frame.time; this.cycle = frame.cycle;
    this._changed('delta');
    return !gap;
  }

  setAlerts(list) { this.alerts.clear(); for (const a of list) this._alert(a); this._changed('alerts'); }

  _alert(a) {
    if (a.phase === 'end') this.alerts.delete(a.id); else this.alerts.set(a.id, a);
  }

  _upsert(dto) {
    let r = this.tracks.get(dto.number);
    const xy = this.plane.project(dto.lat, dto.lon, this._xy);
    if (!r) {
      r = {
        number: dto.number, dto, x: xy[0], y: xy[1], vx: 0, vy: 0,
        trail: new Float64Array(this.trailLength * 2), trailHead: 0, trailCount: 0, lastTrailTime: -1,
      };
      this.tracks.set(dto.number, r);
    } else if (dto.time !== r.dto.time && (r.x !== xy[0] || r.y !== xy[1]) &&
               (r.lastTrailTime < 0 || r.dto.time - r.lastTrailTime >= this.trailIntervalSeconds * 0.95)) {
      // The previous position becomes the newest trail point (at most one per trail interval; 5 % slack for
      // scan-to-scan jitter).
      const i = r.trailHead * 2;
      r.trail[i] = r.x; r.trail[i + 1] = r.y;
      r.trailHead = (r.trailHead + 1) % this.trailLength;
      if (r.trailCount < this.trailLength) r.trailCount++;
      r.lastTrailTime = r.dto.time;
    }
    r.dto = dto;
    r.x = xy[0]; r.y = xy[1];
    // Plane velocity: project a point 60 s ahead (accounts for grid convergence and scale).
    const ve = dto.velocity_east_mps || 0, vn = dto.velocity_north_mps || 0;
    const lat2 = dto.lat + vn * 60 / 111195;
    const lon2 = dto.lon + ve * 60 / (111195 * Math.cos(dto.lat * Math.PI / 180));
    const xy2 = this.plane.project(lat2, lon2, this._xy);
    r.vx = (xy2[0] - r.x) / 60; r.vy = (xy2[1] - r.y) / 60;
  }

  /** Calls fn(x, y) for each trail point of record r, newest first. */
  forEachTrailPoint(r, fn) {
    for (let k = 1; k <= r.trailCount; k++) {
      const i = ((r.trailHead - k + this.trailLength) % this.trailLength) * 2;
      fn(r.trail[i], r.trail[i + 1], k);
    }
  }

  /** Track numbers referenced by active alerts -> the most relevant alert kind. */
  alertedTracks() {
    if (this._alertedVersion === this.version) return this._alerted;
    const m = new Map();
    this._alerted = m; this._alertedVersion = this.version;
    for (const a of this.alerts.values()) for (const n of (a.tracks || [])) if (!m.has(n) || a.kind === 'emergency') m.set(n, a.kind);
    return m;
  }
}
