// render/labels.js: track labels (callsign or Mode 3/A; flight level with climb/descent arrow and ground speed),
// de-cluttered on an occupancy grid: each label tries four positions around its symbol and is left out when all
// four overlap a symbol or another label. Selected, emergency and alerted tracks are placed first and always drawn.

import { STATUS, SHAPE, COLOURS } from './symbols.js';

const CELL = 6;              // px per occupancy cell
const FONT_PX = 11;
const LINE_H = 13;
const MAX_LABELS = 600;      // cost cap per frame

function pad3(n) { return n < 10 ? '00' + n : n < 100 ? '0' + n : '' + n; }

/** The label lines of a TrackDTO (cached on the record by DTO identity). */
export function labelLines(r) {
  if (r.labelDto === r.dto) return;
  const d = r.dto;
  let l1 = d.callsign || (d.mode_a ? 'A' + d.mode_a : '#' + d.number);
  if (d.kind === 'drone') l1 = 'DRONE ' + (d.callsign || d.number);
  else if (d.kind === 'fast') l1 = 'FAST ' + (d.callsign || d.number);
  let fl = '---';
  if (d.altitude_ft !== null && d.altitude_ft !== undefined) fl = pad3(Math.max(0, Math.round(d.altitude_ft / 100)));
  const vr = d.vertical_rate_fpm || 0;
  const arrow = vr > 400 ? '↑' : vr < -400 ? '↓' : ' ';
  const gs = Math.round(d.ground_speed_kt || 0);
  r.l1 = l1;
  r.l2 = fl + arrow + ' ' + gs;
  r.l0 = d.emergency && d.mode_a ? d.mode_a + (d.mode_a === '7500' ? ' HIJACK' : d.mode_a === '7600' ? ' RADIO' : ' EMERG') : null;
  r.labelDto = r.dto;
}

export class LabelLayer {
  constructor() {
    this.grid = new Uint8Array(0);
    this.gw = 0; this.gh = 0;
    this.charW = 6.6;
    this.measured = false;
    this.boxes = [];  // {number, x, y, w, h} of drawn labels (hit testing); reused objects
    this.boxCount = 0;
    this.priority = [];
  }

  _mark(x, y, w, h) {
    if (!(Number.isFinite(x) && Number.isFinite(y) && w >= 0 && h >= 0)) return;
    const gw = this.gw, gh = this.gh;
    const c0 = Math.max(0, (x / CELL) | 0), c1 = Math.min(gw - 1, ((x + w) / CELL) | 0);
    const r0 = Math.max(0, (y / CELL) | 0), r1 = Math.min(gh - 1, ((y + h) / CELL) | 0);
    // (Off-grid boxes: a negative end index would make fill() count from the end of the array.)
    if (c1 < c0 || r1 < r0) return;
    for (let r = r0; r <= r1; r++) this.grid.fill(1, r * gw + c0, r * gw + c1 + 1);
  }

  _free(x, y, w, h) {
    if (x < 0 || y < 0 || x + w > this.gw * CELL || y + h > this.gh * CELL) return false;
    const gw = this.gw;
    const c0 = (x / CELL) | 0, c1 = ((x + w) / CELL) | 0;
    const r0 = (y / CELL) | 0, r1 = ((y + h) / CELL) | 0;
    for (let r = r0; r <= r1; r++) {
      const base = r * gw;
      for (let c = c0; c <= c1; c++) if (this.grid[base + c]) return false;
    }
    return true;
  }

  /** @param sites radar sites ({x, y, name} plane metres) whose names labels must not cover.
   *  @param reserved boxes ({x, y, w, h} CSS px, `count` of them) kept free for the overlays' texts. */
  /** Occupied cells under a box (a box leaving the canvas costs 1,000). */
  _cost(x, y, w, h) {
    if (x < 0 || y < 0 || x + w > this.gw * CELL || y + h > this.gh * CELL) return 1000;
    const gw = this.gw;
    let n = 0;
    const c0 = (x / CELL) | 0, c1 = ((x + w) / CELL) | 0, r0 = (y / CELL) | 0, r1 = ((y + h) / CELL) | 0;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) n += this.grid[r * gw + c];
    return n;
  }

  draw(ctx, view, drawn, alerted, selected, nowMs, opts, sites = [], reserved = null) {
    const gw = Math.ceil(view.width / CELL) + 1, gh = Math.ceil(view.height / CELL) + 1;
    if (gw * gh !== this.grid.length) this.grid = new Uint8Array(gw * gh);
    else this.grid.fill(0);
    this.gw = gw; this.gh = gh;
    ctx.font = `${FONT_PX}px ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace`;
    if (!this.measured) { this.charW = ctx.measureText('MMMMMMMMMM').width / 10; this.measured = true; }
    ctx.textBaseline = 'top';
    this.boxCount = 0;

    if (reserved) for (let i = 0; i < reserved.count; i++) { const b = reserved.boxes[i]; this._mark(b.x, b.y, b.w, b.h); }
    // Site names and symbols occupy their cells first.
    for (let i = 0; i < sites.length; i++) {
      const s = sites[i];
      this._mark(view.sx(s.x) - 6, view.sy(s.y) - 7, 10 + s.name.length * this.charW, 22);
    }
    for (let i = 0; i < drawn.length; i++) { const r = drawn[i]; this._mark(r.sx - 4, r.sy - 4, 8, 8); }

    const priority = this.priority; priority.length = 0;
    for (let i = 0; i < drawn.length; i++) {
      const r = drawn[i];
      if (r.number === selected || r.dto.emergency || alerted.has(r.number)) priority.push(r);
    }
    let count = 0;
    ctx.lineWidth = 1;
    for (let i = 0; i < priority.length; i++) { this._place(ctx, priority[i], alerted, selected, nowMs, true); count++; }
    if (!opts.labels) return;
    for (let i = 0; i < drawn.length && count < MAX_LABELS; i++) {
      const r = drawn[i];
      if (r.number === selected || r.dto.emergency || alerted.has(r.number)) continue;
      if (r.status === STATUS.TENTATIVE) continue;
      if (r.sx < 0 || r.sy < 0 || r.sx > view.width || r.sy > view.height) continue;
      if (this._place(ctx, r, alerted, selected, nowMs, false)) count++;
    }
  }

  _place(ctx, r, alerted, selected, nowMs, force) {
    labelLines(r);
    const lines = r.l0 ? 3 : 2;
    const chars = Math.max(r.l1.length, r.l2.length, r.l0 ? r.l0.length : 0);
    const w = Math.ceil(chars * this.charW) + 4, h = lines * LINE_H + 2;
    const x0 = r.sx, y0 = r.sy;
    // Candidate positions: NE, SE, NW, SW of the symbol; labels that must be shown also try further out and, when
    // every place is taken, go where they cover the fewest occupied cells.
    let lx = 0, ly = 0, ok = false, bestCost = Infinity, bx = x0 + 10, by = y0 - 10 - h, bk = 0;
    const tries = force ? 12 : 4;
    // The place the label had last frame is tried first, so labels do not hop about as tracks move.
    const last = (r.labelK | 0) < tries ? r.labelK | 0 : 0;
    let chosen = 0;
    for (let i = 0; i < tries && !ok; i++) {
      const k = i === 0 ? last : i <= last ? i - 1 : i;
      chosen = k;
      const d = k < 4 ? 10 : k < 8 ? 28 : 46;
      const q = k & 3;
      lx = q < 2 ? x0 + d : x0 - d - w;
      ly = (q & 1) === 0 ? y0 - d - h : y0 + d;
      ok = this._free(lx, ly, w, h);
      if (!ok && force) {
        const c = this._cost(lx, ly, w, h) + k;   // + k: prefer the nearer places on ties
        if (c < bestCost) { bestCost = c; bx = lx; by = ly; bk = k; }
      }
    }
    if (!ok) {
      if (!force) return false;
      lx = bx; ly = by; chosen = bk;
    }
    r.labelK = chosen;
    this._mark(lx, ly, w, h);
    // Leader from the symbol to the nearest label corner.
    const cx = lx > x0 ? lx : lx + w, cy = ly > y0 ? ly : ly + h;
    const emergency = r.dto.emergency;
    const alert = alerted.get(r.number);
    let colour = r.status === STATUS.COASTING ? COLOURS.coasting : COLOURS.label;
    if (r.shape === SHAPE.DRONE) colour = COLOURS.drone;
    else if (r.shape === SHAPE.FAST) colour = COLOURS.fast;
    else if (r.shape === SHAPE.ADSB) colour = COLOURS.adsb;
    if (alert) colour = COLOURS.alert;
    if (emergency) colour = COLOURS.emergency;
    if (r.number === selected) {
      ctx.fillStyle = 'rgba(255, 255, 255, 0.12)';
      ctx.fillRect(lx - 1, ly - 1, w + 2, h + 2);
      colour = COLOURS.selected;
    }
    const ga = ctx.globalAlpha;
    ctx.strokeStyle = colour; ctx.globalAlpha = ga * 0.6;
    ctx.beginPath(); ctx.moveTo(x0 + (cx > x0 ? 4 : -4), y0 + (cy > y0 ? 4 : -4)); ctx.lineTo(cx, cy); ctx.stroke();
    ctx.globalAlpha = ga;
    let y = ly + 1;
    if (r.l0) {
      const on = ((nowMs / 500) | 0) % 2 === 0;
      ctx.fillStyle = on ? COLOURS.emergency : '#7a1010';
      ctx.fillRect(lx, y - 1, Math.ceil(r.l0.length * this.charW) + 4, LINE_H);
      ctx.fillStyle = '#ffffff';
      ctx.fillText(r.l0, lx + 2, y);
      y += LINE_H;
    }
    ctx.fillStyle = colour;
    ctx.fillText(r.l1, lx + 2, y);
    ctx.fillText(r.l2, lx + 2, y + LINE_H);
    if (this.boxCount < 2000) {
      let b = this.boxes[this.boxCount];
      if (!b) { b = { number: 0, x: 0, y: 0, w: 0, h: 0 }; this.boxes.push(b); }
      b.number = r.number; b.x = lx; b.y = ly; b.w = w; b.h = h;
      this.boxCount++;
    }
    return true;
  }

  hitTest(sx, sy) {
    for (let i = this.boxCount - 1; i >= 0; i--) {
      const b = this.boxes[i];
      if (sx >= b.x && sx <= b.x + b.w && sy >= b.y && sy <= b.y + b.h) return b.number;
    }
    return null;
  }
}
