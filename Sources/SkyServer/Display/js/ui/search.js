// ui/search.js: the search box. Matches callsign (prefix or substring), ICAO address (hex) or Mode 3/A code; lists up
// to 12 results; Enter selects the first.

import { esc } from './format.js';

const MAX_RESULTS = 12;

export function matches(dto, q) {
  if (!q) return false;
  if (dto.callsign && dto.callsign.toUpperCase().includes(q)) return true;
  if (dto.address && dto.address.toUpperCase() === q) return true;
  if (dto.mode_a && dto.mode_a === q) return true;
  return String(dto.number) === q;
}

export class Search {
  constructor(input, list, picture, onPick) {
    this.input = input; this.list = list; this.picture = picture; this.onPick = onPick;
    this.results = [];
    input.addEventListener('input', () => this.run());
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); this.run(); if (this.results.length) this.pick(this.results[0]); }
      else if (e.key === 'Escape') { this.clear(); input.blur(); }
      e.stopPropagation();
    });
    list.addEventListener('click', (e) => {
      const li = e.target.closest('li[data-number]');
      if (li) this.pick(Number(li.dataset.number));
    });
  }

  run() {
    const q = this.input.value.trim().toUpperCase();
    const out = [];
    if (q) {
      // Exact callsign matches first, then the rest.
      for (const r of this.picture.tracks.values()) {
        if (matches(r.dto, q)) {
          if (r.dto.callsign && r.dto.callsign.toUpperCase() === q) out.unshift(r.number); else out.push(r.number);
          if (out.length >= 200) break;
        }
      }
    }
    this.results = out.slice(0, MAX_RESULTS);
    this.list.hidden = !q;
    this.list.innerHTML = this.results.length
      ? this.results.map((n) => {
          const d = this.picture.tracks.get(n).dto;
          return `<li data-number="${n}"><b>${esc(d.callsign || '—')}</b> <span>${esc(d.mode_a || '')}</span> <span>${esc(d.address || '')}</span> <span class="muted">#${n}</span></li>`;
        }).join('')
      : (q ? '<li class="muted">no match</li>' : '');
  }

  pick(n) { this.onPick(n); this.list.hidden = true; }
  clear() { this.input.value = ''; this.run(); }
  focus() { this.input.focus(); this.input.select(); }
}
