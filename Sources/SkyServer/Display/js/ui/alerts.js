// ui/alerts.js: the list of active alerts (emergencies first, then by start time); clicking one selects its first
// track. The map highlights alerted tracks (render/overlays.js).

import { utc, esc } from './format.js';

/** Alerts listed at most (emergencies first); the count shows them all. A picture with hundreds of conflicts
 *  would otherwise rebuild thousands of DOM nodes every second. */
export const MAX_LISTED = 100;

const ORDER = { emergency: 0, stca: 1, area: 2, adsb_inconsistency: 3, adsb_implausible: 4, adsb_only: 5 };
const NAMES = { emergency: 'EMERGENCY', stca: 'STCA', area: 'AREA', adsb_inconsistency: 'ADS-B INCONSISTENT',
  adsb_implausible: 'ADS-B IMPLAUSIBLE', adsb_only: 'ADS-B ONLY' };

export class AlertList {
  constructor(root, picture, onPick) {
    this.root = root; this.picture = picture; this.onPick = onPick;
    this.list = root.querySelector('ul');
    this.count = root.querySelector('.count');
    this.lastVersion = -1;
    this.list.addEventListener('click', (e) => {
      const li = e.target.closest('li[data-track]');
      if (li) this.onPick(Number(li.dataset.track));
    });
    setInterval(() => this.render(), 1000);
  }

  render() {
    const alerts = [...this.picture.alerts.values()].sort((a, b) =>
      (ORDER[a.kind] ?? 9) - (ORDER[b.kind] ?? 9) || a.start - b.start);
    this.count.textContent = alerts.length ? String(alerts.length) : '';
    this.root.classList.toggle('has-emergency', alerts.some((a) => a.kind === 'emergency'));
    const key = alerts.length + '|' + alerts.slice(0, MAX_LISTED).map((a) => a.id + ':' + (a.tracks || []).join(',') + ':' + a.phase).join(';');
    if (key === this.key) return;
    this.key = key;
    const more = alerts.length - MAX_LISTED;
    this.list.innerHTML = alerts.length ? alerts.slice(0, MAX_LISTED).map((a) => {
      const names = (a.tracks || []).map((n) => { const r = this.picture.tracks.get(n); return r ? (r.dto.callsign || (r.dto.mode_a ? 'A' + r.dto.mode_a : '#' + n)) : '#' + n; });
      return `<li class="alert-${esc(a.kind)}" data-track="${(a.tracks || [])[0] ?? ''}">
        <span class="kind">${esc(NAMES[a.kind] || a.kind)}${a.code ? ' ' + esc(a.code) : ''}</span>
        <span class="tracks">${esc(names.join(' / '))}</span>
        <span class="time">${utc(a.start)}</span>
        <div class="msg">${esc(a.message || '')}${a.area ? ' · ' + esc(a.area) : ''}</div></li>`;
    }).join('') + (more > 0 ? `<li class="muted">… and ${more} more</li>` : '') : '<li class="muted">No active alerts</li>';
  }
}
