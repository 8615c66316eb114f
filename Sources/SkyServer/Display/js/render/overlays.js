// render/overlays.js: what sits above the tracks: alert halos (emergency blinking red, others amber), lines joining
// the tracks of a conflict alert, the selected track's ring and its history from GET /api/tracks/{n}.

import { COLOURS } from './symbols.js';

export class OverlayLayer {
  constructor(plane) {
    this.plane = plane;
    this.history = null;   // { number, p: Float64Array } plane coords of the selected track's history
  }

  setHistory(number, history) {
    const p = new Float64Array(history.length * 2);
    const xy = [0, 0];
    for (let i = 0; i < history.length; i++) {
      this.plane.project(history[i][1], history[i][2], xy);
      p[2 * i] = xy[0]; p[2 * i + 1] = xy[1];
    }
    this.history = { number, p };
  }

  draw(ctx, view, picture, selected, nowMs) {
    const blink = ((nowMs / 500) | 0) % 2 === 0;
    // History of the selected track.
    const sel = selected != null ? picture.tracks.get(selected) : null;
    if (sel && this.history && this.history.number === selected && this.history.p.length >= 4) {
      const p = this.history.p;
      ctx.beginPath();
      ctx.moveTo(view.sx(p[0]), view.sy(p[1]));
      for (let i = 2; i < p.length; i += 2) ctx.lineTo(view.sx(p[i]), view.sy(p[i + 1]));
      ctx.lineTo(view.sx(sel.x), view.sy(sel.y));
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.45)'; ctx.lineWidth = 1.2; ctx.stroke();
    }
    // Alerts.
    for (const a of picture.alerts.values()) {
      const emergency = a.kind === 'emergency';
      const colour = emergency ? COLOURS.emergency : COLOURS.alert;
      let prev = null;
      for (const n of a.tracks) {
        const r = picture.tracks.get(n);
        if (!r || Number.isNaN(r.sx) || r.sx === undefined) continue;
        if (!emergency || blink) {
          ctx.beginPath(); ctx.arc(r.sx, r.sy, emergency ? 13 : 11, 0, 2 * Math.PI);
          ctx.strokeStyle = colour; ctx.lineWidth = 2; ctx.stroke();
        }
        if (prev && a.tracks.length > 1) {
          ctx.beginPath(); ctx.moveTo(prev.sx, prev.sy); ctx.lineTo(r.sx, r.sy);
          ctx.setLineDash([5, 4]); ctx.strokeStyle = colour; ctx.lineWidth = 1.5; ctx.stroke(); ctx.setLineDash([]);
          if (a.cpa) {
            ctx.fillStyle = colour;
            ctx.font = '11px ui-monospace, "DejaVu Sans Mono", monospace';
            ctx.textBaseline = 'top';
            const mx = (prev.sx + r.sx) / 2, my = (prev.sy + r.sy) / 2;
            const t = Math.max(0, Math.round(a.cpa.time - picture.time));
            ctx.fillText(`${a.kind.toUpperCase()} ${(a.cpa.horizontal_m / 1852).toFixed(1)}NM ${Math.round(a.cpa.vertical_m * 3.28084)}ft ${t}s`, mx + 4, my + 4);
          }
        }
        prev = r;
      }
    }
    // Selection ring.
    if (sel && sel.sx !== undefined && !Number.isNaN(sel.sx)) {
      const s = 9;
      ctx.strokeStyle = COLOURS.selected; ctx.lineWidth = 1.5;
      ctx.beginPath();
      // Corner brackets.
      for (const [dx, dy] of CORNERS) {
        ctx.moveTo(sel.sx + dx * s, sel.sy + dy * (s - 4));
        ctx.lineTo(sel.sx + dx * s, sel.sy + dy * s);
        ctx.lineTo(sel.sx + dx * (s - 4), sel.sy + dy * s);
      }
      ctx.stroke();
    }
  }
}

const CORNERS = [[1, 1], [1, -1], [-1, 1], [-1, -1]];
