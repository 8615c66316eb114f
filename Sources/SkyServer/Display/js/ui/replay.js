// ui/replay.js: replay controls (play/pause, speed, seek), shown only when /api/status says mode "replay".
// Commands go to POST /api/replay; the state shown comes from the service's status.

import { postJSON } from '../api.js';
import { utc } from './format.js';

export class ReplayControls {
  constructor(root) {
    this.root = root;
    this.play = root.querySelector('#r-play');
    this.speed = root.querySelector('#r-speed');
    this.seek = root.querySelector('#r-seek');
    this.time = root.querySelector('#r-time');
    this.state = null;
    this.seeking = false;
    this.play.addEventListener('click', () => this.send({ action: this.state && this.state.playing ? 'pause' : 'play' }));
    this.speed.addEventListener('change', () => this.send({ action: 'speed', speed: Number(this.speed.value) }));
    this.seek.addEventListener('input', () => { this.seeking = true; this.time.textContent = utc(Number(this.seek.value), true); });
    this.seek.addEventListener('change', () => { this.seeking = false; this.send({ action: 'seek', time: Number(this.seek.value) }); });
  }

  async send(cmd) {
    try { this.update(await postJSON('/api/replay', cmd)); } catch (e) { console.warn(e.message); }
  }

  /** From a status object: shows the bar only in replay mode. */
  setStatus(status) {
    const on = status.mode === 'replay' && status.replay;
    this.root.hidden = !on;
    document.body.classList.toggle('replaying', !!on);
    if (on) this.update(status.replay);
  }

  update(r) {
    if (!r) return;
    this.state = r;
    this.play.textContent = r.playing ? '❚❚ Pause' : '▶ Play';
    if (document.activeElement !== this.speed) this.speed.value = String(r.speed);
    this.seek.min = r.from; this.seek.max = r.to; this.seek.step = 1;
    if (!this.seeking) { this.seek.value = r.time; this.time.textContent = utc(r.time, true); }
  }
}
