// ui/statusbar.js: UTC clock, data time, latency, connection state and track counts in the top bar (updated a few
// times a second from a timer, never from the draw loop).

import { utc, fixed } from './format.js';

export class StatusBar {
  constructor(root, connection, picture, getCounts) {
    this.el = {
      clock: root.querySelector('#clock'), data: root.querySelector('#datatime'), latency: root.querySelector('#latency'),
      conn: root.querySelector('#conn'), counts: root.querySelector('#counts'), mode: root.querySelector('#mode'),
      stale: document.querySelector('#stale'),
    };
    this.connection = connection;
    this.picture = picture;
    this.getCounts = getCounts;
    this.status = null;
    setInterval(() => this.update(), 250);
  }

  setStatus(s) {
    this.status = s;
    this.el.mode.textContent = (s.mode || 'live').toUpperCase();
    this.el.mode.dataset.mode = s.mode || 'live';
  }

  update() {
    const now = Date.now() / 1000;
    this.el.clock.textContent = utc(now) + ' UTC';
    const t = this.picture.time;
    this.el.data.textContent = t ? utc(t) : '--:--:--';
    // Latency: the service's own figure when it reports one (a number, or {p50, p99, max}), else wall clock minus
    // data time (meaningless for a replay or a simulation running on its own clock).
    const reported = serviceLatency(this.status);
    const lat = reported !== null ? reported : (t ? now - t : NaN);
    this.el.latency.textContent = fixed(lat, 1, 's');
    const silence = this.connection.silenceSeconds();
    const stale = this.connection.stale;
    const state = this.connection.state;
    this.el.conn.textContent = state === 'open' ? (stale ? 'STALE' : 'LIVE') : state === 'connecting' ? 'CONNECTING' : 'LOST';
    this.el.conn.dataset.state = stale || state !== 'open' ? 'bad' : 'ok';
    if (stale && isFinite(silence)) {
      this.el.stale.hidden = false;
      this.el.stale.textContent = `NO DATA FOR ${Math.floor(silence)} s — picture frozen${state !== 'open' ? ', reconnecting…' : ''}`;
    } else if (stale) {
      this.el.stale.hidden = false;
      this.el.stale.textContent = 'WAITING FOR DATA…';
    } else this.el.stale.hidden = true;
    const c = this.getCounts();
    this.el.counts.textContent = `${c.displayed} / ${c.total} tracks`;
  }
}

/** The latency of a status object, seconds: `latency_s` as a number or its `p50`; null when absent. */
export function serviceLatency(status) {
  const l = status && status.latency_s;
  if (typeof l === 'number' && isFinite(l)) return l;
  if (l && typeof l.p50 === 'number' && isFinite(l.p50)) return l.p50;
  return null;
}
