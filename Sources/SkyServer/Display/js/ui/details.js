// ui/details.js: the side panel with the selected track's details (identities, sources, sensors, position,
// velocity, accuracy, age) and its history (GET /api/tracks/{n}, refreshed every few seconds while open).

import { getOptional } from '../api.js';
import { utc, fixed, latlon, esc, duration } from './format.js';

export class DetailsPanel {
  constructor(root, picture, { onClose, onHistory }) {
    this.root = root;
    this.picture = picture;
    this.onClose = onClose;
    this.onHistory = onHistory;
    this.number = null;
    this.history = null;
    this.body = root.querySelector('.body');
    root.querySelector('.close').addEventListener('click', () => this.onClose());
    setInterval(() => this.render(), 500);
    setInterval(() => this.fetchHistory(), 4000);
  }

  show(number) {
    this.number = number;
    this.history = null;
    this.root.hidden = number === null;
    this.render();
    if (number !== null) this.fetchHistory();
  }

  async fetchHistory() {
    const n = this.number;
    if (n === null || !this.picture.tracks.has(n)) return;   // a dropped track's history is gone (404)
    const d = await getOptional(`/api/tracks/${n}`);
    if (n !== this.number || !d) return;
    this.history = d.history || [];
    this.onHistory(n, this.history);
    this.render();
  }

  render() {
    if (this.number === null) return;
    const r = this.picture.tracks.get(this.number);
    if (!r) {
      this.body.innerHTML = `<p class="muted">Track ${this.number} is no longer in the picture.</p>`;
      return;
    }
    const d = r.dto;
    const fl = d.altitude_ft == null ? '—' : `FL${String(Math.round(d.altitude_ft / 100)).padStart(3, '0')} (${d.altitude_ft} ft)`;
    const rows = [
      ['Track', `${d.number} <span class="tag status-${esc(d.status)}">${esc(d.status)}</span> <span class="tag">${esc(d.kind)}</span>`],
      ['Callsign', esc(d.callsign || '—')],
      ['Mode 3/A', d.mode_a ? `<span class="${d.emergency ? 'emerg' : ''}">${esc(d.mode_a)}</span>` : '—'],
      ['Address', esc(d.address ? d.address.toUpperCase() : '—')],
      ['Sources', (d.sources || []).map((s) => `<span class="tag">${esc(s)}</span>`).join(' ') || '—'],
      ['Sensors', esc((d.sensors || []).join(', ') || '—')],
      ['Position', latlon(d.lat, d.lon)],
      ['Altitude', fl],
      ['Vertical rate', fixed(d.vertical_rate_fpm, 0, 'ft/min')],
      ['Ground speed', `${fixed(d.ground_speed_kt, 0, 'kt')} · track ${fixed(d.track_deg, 0)}°`],
      ['Velocity E/N', `${fixed(d.velocity_east_mps, 1)} / ${fixed(d.velocity_north_mps, 1)} m/s`],
      ['Turn rate', fixed(d.turn_rate_deg_s, 2, '°/s')],
      ['Accuracy (1σ)', fixed(d.sigma_m, 0, 'm')],
      ['Track age', duration(d.age_s)],
      ['Last update', `${utc(d.last_update)} (${fixed(Math.max(0, this.picture.time - d.last_update), 1, 's')} ago)`],
      ['SPI · emergency', `${d.spi ? 'SPI' : '—'} · ${d.emergency ? '<span class="emerg">EMERGENCY</span>' : 'no'}`],
    ];
    let html = '<table>' + rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('') + '</table>';
    if (this.history && this.history.length) {
      const last = this.history.slice(-8).reverse();
      html += `<h4>History (${this.history.length} points, last 8)</h4><table class="hist"><tr><th>UTC</th><th>Lat</th><th>Lon</th><th>FL</th></tr>` +
        last.map(([t, la, lo, alt]) => `<tr><td>${utc(t)}</td><td>${la.toFixed(3)}</td><td>${lo.toFixed(3)}</td><td>${alt == null ? '—' : Math.round(alt / 100)}</td></tr>`).join('') +
        '</table>';
    } else html += '<p class="muted">History loading…</p>';
    this.body.innerHTML = html;
    this.root.querySelector('.title').textContent = d.callsign || (d.mode_a ? 'A' + d.mode_a : `Track ${d.number}`);
  }
}
