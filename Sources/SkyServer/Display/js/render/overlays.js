// render/overlays.js: what sits above the tracks: alert halos (emergency blinking red, others amber), lines joining
// the tracks of a conflict alert, the selected track's ring and its history from GET /api/tracks/{n}.

import { COLOURS } from './symbols.js';

/** At most this many conflict texts per frame, and a text is stacked below at most this many others: a picture
 *  with hundreds of simultaneous conflicts (a synthetic scene) would otherwise cost a quadratic-to-cubic layout
 *  every frame. The alert list still shows every alert. */
export const MAX_CONFLICT_TEXTS = 60;
export const MAX_STACK = 8;

export class OverlayLayer {
  constructor(plane) {
    this.plane = plane;
    this.history = null;   // { number, p: Float64Array } plane coords of the selected track's history
    this.texts = { boxes: [], count: 0 };   // conflict texts placed this frame (labels keep clear of them)
  }

  /** Places the conflict texts (CPA distance, height, time) before the labels are laid out. */
  prepare(view, picture, charW) {
    const t = this.texts;
    t.count = 0;
    for (const a of picture.alerts.values()) {
      if (t.count >= MAX_CONFLICT_TEXTS) break;
      const tracks = a.tracks || [];
      if (!a.cpa || tracks.length < 2) continue;
      const p = picture.tracks.get(tracks[0]), q = picture.tracks.get(tracks[1]);
      if (!p || !q) continue;
      const ax = view.sx(p.x), ay = view.sy(p.y), bx = view.sx(q.x), by = view.sy(q.y);
      const secs = Math.max(0, Math.round(a.cpa.time - picture.time));
      const text = `${a.kind.toUpperCase()} ${(a.cpa.horizontal_m / 1852).toFixed(1)}NM ${Math.round(a.cpa.vertical_m * 3.28084)}ft ${secs}s`;
      let b = t.boxes[t.count];
      if (!b) { b = {}; t.boxes.push(b); }
      b.w = text.length * charW + 4; b.h = 14; b.text = text;
      b.x = (ax + bx) / 2 - b.w / 2; b.y = Math.max(ay, by) + 16;
      // The pair's midpoint, where a displaced text's leader points.
      b.mx = (ax + bx) / 2; b.my = (ay + by) / 2; b.stacked = false;
      // Nearby pairs (a track in two conflicts, two conflicts side by side) would put their texts on top of each
      // other: stack each text below the ones already placed that it overlaps.
      for (let guard = 0; guard < Math.min(t.count, MAX_STACK); guard++) {
        const hit = overlapping(t.boxes, t.count, b);
        if (!hit) break;
        b.y = hit.y + hit.h + 2; b.stacked = true;
      }
      t.count++;
    }
    return t;
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

  draw(ctx, view, picture, selected, nowMs, drawn) {
    const blink = ((nowMs / 500) | 0) % 2 === 0;
    // Emergency squawks are conspicuous whether or not the service raised an alert for them.
    if (blink) {
      ctx.beginPath();
      for (let i = 0; i < drawn.length; i++) {
        const r = drawn[i];
        if (!r.dto.emergency) continue;
        ctx.moveTo(r.sx + 16, r.sy); ctx.arc(r.sx, r.sy, 16, 0, 2 * Math.PI);
      }
      ctx.strokeStyle = COLOURS.emergency; ctx.lineWidth = 2.5; ctx.stroke();
    }
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
      const tracks = a.tracks || [];
      for (const n of tracks) {
        const r = picture.tracks.get(n);
        if (!r || Number.isNaN(r.sx) || r.sx === undefined) continue;
        if (!emergency || blink) {
          ctx.beginPath(); ctx.arc(r.sx, r.sy, emergency ? 13 : 11, 0, 2 * Math.PI);
          ctx.strokeStyle = colour; ctx.lineWidth = 2; ctx.stroke();
        }
        if (prev && tracks.length > 1) {
          ctx.beginPath(); ctx.moveTo(prev.sx, prev.sy); ctx.lineTo(r.sx, r.sy);
          ctx.setLineDash([5, 4]); ctx.strokeStyle = colour; ctx.lineWidth = 1.5; ctx.stroke(); ctx.setLineDash([]);
        }
        prev = r;
      }
    }
    // Conflict texts, placed by prepare().
    ctx.font = '11px ui-monospace, "DejaVu Sans Mono", monospace';
    ctx.textBaseline = 'top';
    for (let i = 0; i < this.texts.count; i++) {
      const b = this.texts.boxes[i];
      if (b.stacked) {   // moved away from its pair: a faint leader to the pair's midpoint
        ctx.beginPath(); ctx.moveTo(b.x + b.w / 2, b.y); ctx.lineTo(b.mx, b.my);
        ctx.strokeStyle = 'rgba(255, 176, 0, 0.35)'; ctx.lineWidth = 1; ctx.stroke();
      }
      ctx.fillStyle = 'rgba(10, 15, 20, 0.8)'; ctx.fillRect(b.x, b.y, b.w, b.h);
      ctx.fillStyle = COLOURS.alert; ctx.fillText(b.text, b.x + 2, b.y + 1);
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

/** The first of boxes[0..<count] that overlaps b (2 px apart counts as overlapping), or null. */
function overlapping(boxes, count, b) {
  for (let i = 0; i < count; i++) {
    const o = boxes[i];
    if (b.x < o.x + o.w + 2 && o.x < b.x + b.w + 2 && b.y < o.y + o.h + 2 && o.y < b.y + b.h + 2) return o;
  }
  return null;
}
