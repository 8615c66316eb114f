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
    // Latency: the service's own figure when it reports one, else wall clock minus data time.
    const lat = this.status && this.status.mode === 'replay' ? this.status.latency_s : (t ? now - t : NaN);
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
