// connection.js: the WebSocket to /ws. Applies frames to the picture (no drawing here), reconnects with exponential
// back-off, flags the picture stale when no frame arrived for STALE_S, and resynchronises from GET /api/tracks when
// a gap in cycle numbers shows that frames were lost.

import { getJSON, wsURL } from './api.js';

export const STALE_S = 3;

export class Connection {
  constructor(picture, { onStatus, onState } = {}) {
    this.picture = picture;
    this.onStatus = onStatus || (() => {});
    this.onState = onState || (() => {});
    this.ws = null;
    this.backoffMs = 500;
    this.lastFrameWall = 0;     // performance.now() of the last frame
    this.state = 'connecting';  // connecting | open | closed
    this.frames = 0;
    this.resyncs = 0;
    this.reconnects = 0;
    this.resyncing = false;
    this.timer = null;
  }

  start() { this._connect(); }

  /** Seconds since the last frame (Infinity before the first). */
  silenceSeconds(now = performance.now()) {
    return this.lastFrameWall ? (now - this.lastFrameWall) / 1000 : Infinity;
  }

  get stale() { return this.silenceSeconds() > STALE_S; }

  _setState(s) { this.state = s; this.onState(s); }

  _connect() {
    this._setState('connecting');
    let ws;
    try { ws = new WebSocket(wsURL()); } catch (e) { this._retry(); return; }
    this.ws = ws;
    ws.onopen = () => { this.backoffMs = 500; this._setState('open'); };
    ws.onmessage = (ev) => this._message(ev.data);
    ws.onclose = () => { if (this.ws === ws) { this.ws = null; this._setState('closed'); this._retry(); } };
    ws.onerror = () => { /* onclose follows */ };
  }

  _retry() {
    clearTimeout(this.timer);
    const delay = this.backoffMs * (0.8 + 0.4 * Math.random());
    this.backoffMs = Math.min(this.backoffMs * 2, 15000);
    this.reconnects++;
    this.timer = setTimeout(() => this._connect(), delay);
  }

  _message(text) {
    let frame;
    try { frame = JSON.parse(text); } catch { return; }
    this.lastFrameWall = performance.now();
    this.frames++;
    switch (frame.type) {
      case 'snapshot': this.picture.applySnapshot(frame); break;
      case 'delta':
        if (!this.picture.applyDelta(frame)) this.resync();
        break;
      case 'status': this.onStatus(frame); break;
    }
  }

  /** Re-fetches the whole picture (after a cycle gap). */
  async resync() {
    if (this.resyncing) return;
    this.resyncing = true;
    this.resyncs++;
    try {
      const [tracks, alerts] = await Promise.all([getJSON('/api/tracks'), getJSON('/api/alerts').catch(() => null)]);
      if (alerts) tracks.alerts = alerts.alerts;
      // Deltas kept arriving during the fetch: never step the cycle back (that would look like another gap).
      const cycle = this.picture.cycle;
      this.picture.applySnapshot(tracks);
      if (cycle > this.picture.cycle) this.picture.cycle = cycle;
    } catch (e) {
      console.warn('resync failed', e.message);
    } finally { this.resyncing = false; }
  }
}
