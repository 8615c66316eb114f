// render/tracks.js: trails, speed vectors (leader lines) and symbols of every displayed track, with off-screen tracks
// culled. Writes each drawn track's screen position onto its record (r.sx, r.sy) and lists the drawn records in
// `this.drawn` (hit testing and labels use them).
//
// Cost: with thousands of tracks, one canvas call per symbol (drawImage or a path) costs microseconds each in
// Chromium. So trails and symbols are written as pixels into one reused ImageData (each symbol is a pre-rasterised
// list of pixel offsets and colours), put on an offscreen canvas and composited with a single drawImage. Leaders are
// one batched path; the few fast-object arrows (which point along the track) are paths.

import { SHAPES, STATUSES, STATUS, SHAPE, shapeOf, statusOf, colourOf, addShape, COLOURS } from './symbols.js';

const MARGIN = 40;           // px outside the canvas still considered (leaders entering the view)
const SPRITE = 16, SPRITE_HALF = 8;
const TRAIL_NEW = 0x99bed2aa, TRAIL_OLD = 0x55bed2aa;   // ABGR (little-endian RGBA): #aad2be at 60 % / 33 %
const LEADER = 0x8cd2e1c8;                               // #c8e1d2 at 55 %

/** A 1-pixel line from (x0, y0) to (x1, y1) (device px) into `buf` (W x H), clipped to the buffer. */
function line(buf, W, H, x0, y0, x1, y1, colour) {
  const dx = x1 - x0, dy = y1 - y0;
  const n = Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
  if (n === 0 || n > 4000) return;
  const sx = dx / n, sy = dy / n;
  let x = x0 + 0.5, y = y0 + 0.5;
  for (let i = 0; i <= n; i++, x += sx, y += sy) {
    const xi = x | 0, yi = y | 0;
    if (xi >= 0 && yi >= 0 && xi < W && yi < H) buf[yi * W + xi] = colour;
  }
}

export class TrackLayer {
  constructor() {
    this.buckets = [];
    for (let i = 0; i < SHAPES * STATUSES; i++) this.buckets.push([]);
    this.drawn = [];        // records drawn this frame (on screen, passing the filter)
    this.displayed = 0;     // records passing the filter (on or off screen)
    this.masks = [];        // per (shape, status): { dx: Int16Array, dy: Int16Array, px: Uint32Array }
    this.maskDpr = 0;
    this.dpr = 1;
    this.layer = document.createElement('canvas');
    this.layerCtx = this.layer.getContext('2d');
    this.image = null; this.pixels = null;
    this.littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  }

  /** Updates the cached style of a record when its DTO changed. */
  static style(r) {
    if (r.styleDto !== r.dto) {
      r.shape = shapeOf(r.dto);
      r.status = statusOf(r.dto);
      r.styleDto = r.dto;
    }
  }

  /**
   * @param opts {{ filter:(dto)=>boolean, leaderMinutes:number, trails:boolean }}
   */
  draw(ctx, view, picture, opts) {
    const drawn = this.drawn; drawn.length = 0;
    const buckets = this.buckets;
    for (let i = 0; i < buckets.length; i++) buckets[i].length = 0;
    const w = view.width, h = view.height;
    const lead = opts.leaderMinutes * 60;
    let displayed = 0;

    // Pass 1: filter, cull and bucket; screen coordinates onto the record.
    for (const r of picture.tracks.values()) {
      if (!opts.filter(r.dto)) { r.sx = NaN; continue; }
      displayed++;
      const sx = view.sx(r.x), sy = view.sy(r.y);
      r.sx = sx; r.sy = sy;
      if (sx < -MARGIN || sy < -MARGIN || sx > w + MARGIN || sy > h + MARGIN) {
        // A long leader may still cross the view; cheap test on its end point.
        if (lead > 0) {
          const ex = sx + r.vx * lead * view.scale, ey = sy - r.vy * lead * view.scale;
          if (ex < -MARGIN || ey < -MARGIN || ex > w + MARGIN || ey > h + MARGIN) continue;
        } else continue;
      }
      TrackLayer.style(r);
      drawn.push(r);
      buckets[r.shape * STATUSES + r.status].push(r);
    }
    this.displayed = displayed;

    const dpr = this.dpr;
    const W = Math.round(w * dpr), H = Math.round(h * dpr);
    if (!this.image || this.image.width !== W || this.image.height !== H) {
      this.layer.width = W; this.layer.height = H;
      this.image = this.layerCtx.createImageData(W, H);
      this.pixels = new Uint32Array(this.image.data.buffer);
    }
    if (this.maskDpr !== dpr) this.makeMasks(dpr);
    const buf = this.pixels;
    buf.fill(0);

    // Speed vectors (leader lines of `leaderMinutes`), under trails and symbols: 1-device-pixel DDA lines.
    if (lead > 0 && this.littleEndian) {
      const k = lead * view.scale * dpr;
      for (let i = 0; i < drawn.length; i++) {
        const r = drawn[i];
        if (r.status === STATUS.TENTATIVE) continue;
        const x0 = r.sx * dpr, y0 = r.sy * dpr;
        line(buf, W, H, x0, y0, x0 + r.vx * k, y0 - r.vy * k, LEADER);
      }
    }

    // Trails: 2x2 device-pixel dots, the older half fainter; not for tentative tracks.
    if (opts.trails && picture.trailLength > 0 && this.littleEndian) {
      const L = picture.trailLength, half = L >> 1;
      const sc = view.scale * dpr, ox = W * 0.5 - view.cx * sc, oy = H * 0.5 + view.cy * sc;
      for (let i = 0; i < drawn.length; i++) {
        const r = drawn[i];
        if (r.status === STATUS.TENTATIVE) continue;
        for (let k = 1; k <= r.trailCount; k++) {
          const j = ((r.trailHead - k + L) % L) * 2;
          const x = (ox + r.trail[j] * sc) | 0, y = (oy - r.trail[j + 1] * sc) | 0;
          if (x < 0 || y < 0 || x >= W - 1 || y >= H - 1) continue;
          const o = y * W + x, c = k <= half ? TRAIL_NEW : TRAIL_OLD;
          buf[o] = c; buf[o + 1] = c; buf[o + W] = c; buf[o + W + 1] = c;
        }
      }
    }

    // Symbols: blit each pre-rasterised mask (fast objects excepted, see below).
    for (let shape = 0; shape < SHAPES; shape++) {
      if (shape === SHAPE.FAST) continue;
      for (let status = 0; status < STATUSES; status++) {
        const list = buckets[shape * STATUSES + status];
        if (list.length === 0) continue;
        const m = this.masks[shape * STATUSES + status];
        const mdx = m.dx, mdy = m.dy, mpx = m.px, n = mpx.length, half = m.half;
        for (let i = 0; i < list.length; i++) {
          const r = list[i];
          const x0 = Math.round(r.sx * dpr) - half, y0 = Math.round(r.sy * dpr) - half;
          if (x0 >= 0 && y0 >= 0 && x0 + m.size <= W && y0 + m.size <= H) {
            const base = y0 * W + x0;
            for (let k = 0; k < n; k++) buf[base + mdy[k] * W + mdx[k]] = mpx[k];
          } else {
            for (let k = 0; k < n; k++) {
              const x = x0 + mdx[k], y = y0 + mdy[k];
              if (x >= 0 && y >= 0 && x < W && y < H) buf[y * W + x] = mpx[k];
            }
          }
        }
      }
    }
    this.layerCtx.putImageData(this.image, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.layer, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);

    // Fast objects: arrowheads along the track (few of them, so paths).
    for (let status = 0; status < STATUSES; status++) {
      const list = buckets[SHAPE.FAST * STATUSES + status];
      if (list.length === 0) continue;
      ctx.beginPath();
      for (let i = 0; i < list.length; i++) {
        const r = list[i];
        const v = Math.hypot(r.vx, r.vy) || 1;
        addShape(ctx, SHAPE.FAST, r.sx, r.sy, status === STATUS.TENTATIVE ? 3 : 4, r.vx / v, -r.vy / v);
      }
      ctx.fillStyle = colourOf(SHAPE.FAST, status); ctx.fill();
    }
  }

  /** Rasterises every (shape, status) symbol once at the device pixel ratio into a list of pixel offsets. */
  makeMasks(dpr) {
    const size = Math.ceil(SPRITE * dpr);
    const c = document.createElement('canvas');
    c.width = c.height = size;
    const g = c.getContext('2d', { willReadFrequently: true });
    this.masks = [];
    for (let shape = 0; shape < SHAPES; shape++) {
      for (let status = 0; status < STATUSES; status++) {
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, size, size);
        g.setTransform(dpr, 0, 0, dpr, 0, 0);
        g.beginPath();
        addShape(g, shape, SPRITE_HALF, SPRITE_HALF, status === STATUS.TENTATIVE ? 3 : 4, 0, -1);
        g.strokeStyle = colourOf(shape, status);
        g.lineWidth = shape === SHAPE.DRONE ? 1.6 : 1.4;
        g.setLineDash(status === STATUS.COASTING ? [2, 2] : []);
        g.stroke();
        const data = new Uint32Array(g.getImageData(0, 0, size, size).data.buffer);
        const dx = [], dy = [], px = [];
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            const v = data[y * size + x];
            if ((v >>> 24) > 24) { dx.push(x); dy.push(y); px.push(v); }
          }
        }
        this.masks.push({ dx: Int16Array.from(dx), dy: Int16Array.from(dy), px: Uint32Array.from(px), size, half: Math.round(SPRITE_HALF * dpr) });
      }
    }
    this.maskDpr = dpr;
  }

  /** Number of the drawn track nearest to (sx, sy) within `radius` px, or null. */
  hitTest(sx, sy, radius = 10) {
    let best = null, bestD = radius * radius;
    for (let i = 0; i < this.drawn.length; i++) {
      const r = this.drawn[i];
      const dx = r.sx - sx, dy = r.sy - sy, d = dx * dx + dy * dy;
      if (d <= bestD) { bestD = d; best = r.number; }
    }
    return best;
  }
}
