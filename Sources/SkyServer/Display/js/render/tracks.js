// render/tracks.js: trails, speed vectors (leader lines) and symbols of every displayed track, batched by style so
// that 5,000 tracks cost a few dozen canvas path operations, with off-screen tracks culled. Writes each drawn
// track's screen position onto its record (r.sx, r.sy) and lists the drawn records in `this.drawn` (hit testing and
// labels use them).

import { SHAPES, STATUSES, STATUS, SHAPE, shapeOf, statusOf, colourOf, addShape, filled, COLOURS } from './symbols.js';

const MARGIN = 40; // px outside the canvas still drawn (leaders entering the view)

export class TrackLayer {
  constructor() {
    this.buckets = [];
    for (let i = 0; i < SHAPES * STATUSES; i++) this.buckets.push([]);
    this.drawn = [];        // records drawn this frame (on screen, passing the filter)
    this.displayed = 0;     // records passing the filter (on or off screen)
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

    // Trails: dots, fading in two steps; not for tentative tracks.
    if (opts.trails && picture.trailLength > 0) {
      const half = picture.trailLength >> 1;
      for (let pass = 0; pass < 2; pass++) {
        ctx.beginPath();
        for (let i = 0; i < drawn.length; i++) {
          const r = drawn[i];
          if (r.status === STATUS.TENTATIVE) continue;
          const n = r.trailCount, L = picture.trailLength;
          const k0 = pass === 0 ? 1 : half + 1, k1 = pass === 0 ? Math.min(n, half) : n;
          for (let k = k0; k <= k1; k++) {
            const j = ((r.trailHead - k + L) % L) * 2;
            const x = view.sx(r.trail[j]), y = view.sy(r.trail[j + 1]);
            ctx.rect(x - 1, y - 1, 2, 2);
          }
        }
        ctx.fillStyle = pass === 0 ? 'rgba(150, 190, 170, 0.55)' : 'rgba(150, 190, 170, 0.28)';
        ctx.fill();
      }
    }

    // Speed vectors (leader lines of `leaderMinutes`).
    if (lead > 0) {
      ctx.beginPath();
      for (let i = 0; i < drawn.length; i++) {
        const r = drawn[i];
        if (r.status === STATUS.TENTATIVE) continue;
        ctx.moveTo(r.sx, r.sy);
        ctx.lineTo(r.sx + r.vx * lead * view.scale, r.sy - r.vy * lead * view.scale);
      }
      ctx.strokeStyle = COLOURS.leader; ctx.lineWidth = 1; ctx.stroke();
    }

    // Symbols, one path per (shape, status).
    for (let shape = 0; shape < SHAPES; shape++) {
      for (let status = 0; status < STATUSES; status++) {
        const list = buckets[shape * STATUSES + status];
        if (list.length === 0) continue;
        const size = status === STATUS.TENTATIVE ? 3 : 4;
        ctx.beginPath();
        for (let i = 0; i < list.length; i++) {
          const r = list[i];
          let hx = 0, hy = -1;
          if (shape === SHAPE.FAST) {
            const v = Math.hypot(r.vx, r.vy) || 1;
            hx = r.vx / v; hy = -r.vy / v;
          }
          addShape(ctx, shape, r.sx, r.sy, size, hx, hy);
        }
        const colour = colourOf(shape, status);
        if (filled(shape)) { ctx.fillStyle = colour; ctx.fill(); }
        else {
          ctx.strokeStyle = colour;
          ctx.lineWidth = shape === SHAPE.DRONE ? 1.6 : 1.4;
          if (status === STATUS.COASTING) ctx.setLineDash([2, 2]);
          ctx.stroke();
          if (status === STATUS.COASTING) ctx.setLineDash([]);
        }
      }
    }
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
