// render/tracks.js: trails, speed vectors (leader lines) and symbols of every displayed track, batched by style so
// that 5,000 tracks cost a few dozen canvas path operations, with off-screen tracks culled. Writes each drawn
// track's screen position onto its record (r.sx, r.sy) and lists the drawn records in `this.drawn` (hit testing and
// labels use them).

import { SHAPES, STATUSES, STATUS, SHAPE, shapeOf, statusOf, colourOf, addShape, COLOURS } from './symbols.js';

const MARGIN = 40;          // px outside the canvas still drawn (leaders entering the view)
const DOT_TRAILS_MAX = 800;  // above this many tracks on screen, trails are drawn as lines
const SPRITE = 16, SPRITE_HALF = 8;

export class TrackLayer {
  constructor() {
    this.buckets = [];
    for (let i = 0; i < SHAPES * STATUSES; i++) this.buckets.push([]);
    this.drawn = [];        // records drawn this frame (on screen, passing the filter)
    this.displayed = 0;     // records passing the filter (on or off screen)
    this.sprites = [];
    this.dpr = 1;
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

    // Trails: dots when few tracks are drawn, thin polylines when many (cheaper, and less clutter); not for
    // tentative tracks.
    if (opts.trails && picture.trailLength > 0) {
      const L = picture.trailLength;
      if (drawn.length <= DOT_TRAILS_MAX) {
        ctx.beginPath();
        for (let i = 0; i < drawn.length; i++) {
          const r = drawn[i];
          if (r.status === STATUS.TENTATIVE) continue;
          for (let k = 1; k <= r.trailCount; k++) {
            const j = ((r.trailHead - k + L) % L) * 2;
            ctx.rect(Math.round(view.sx(r.trail[j])) - 1, Math.round(view.sy(r.trail[j + 1])) - 1, 2, 2);
          }
        }
        ctx.fillStyle = 'rgba(170, 210, 190, 0.6)';
        ctx.fill();
      } else {
        ctx.beginPath();
        for (let i = 0; i < drawn.length; i++) {
          const r = drawn[i];
          if (r.status === STATUS.TENTATIVE || r.trailCount === 0) continue;
          ctx.moveTo(r.sx, r.sy);
          for (let k = 1; k <= r.trailCount; k++) {
            const j = ((r.trailHead - k + L) % L) * 2;
            ctx.lineTo(view.sx(r.trail[j]), view.sy(r.trail[j + 1]));
          }
        }
        ctx.strokeStyle = 'rgba(150, 190, 170, 0.35)'; ctx.lineWidth = 1; ctx.stroke();
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

    // Symbols: pre-rendered sprites blitted at whole pixels (much cheaper than stroking thousands of paths); the
    // fast-object arrow points along the track, so it is drawn as a path (there are few).
    const dpr = this.dpr;
    for (let shape = 0; shape < SHAPES; shape++) {
      for (let status = 0; status < STATUSES; status++) {
        const list = buckets[shape * STATUSES + status];
        if (list.length === 0) continue;
        const size = status === STATUS.TENTATIVE ? 3 : 4;
        if (shape === SHAPE.FAST) {
          ctx.beginPath();
          for (let i = 0; i < list.length; i++) {
            const r = list[i];
            const v = Math.hypot(r.vx, r.vy) || 1;
            addShape(ctx, shape, r.sx, r.sy, size, r.vx / v, -r.vy / v);
          }
          ctx.fillStyle = colourOf(shape, status); ctx.fill();
          continue;
        }
        const sprite = this.sprite(shape, status, size, dpr);
        for (let i = 0; i < list.length; i++) {
          const r = list[i];
          ctx.drawImage(sprite, Math.round(r.sx) - SPRITE_HALF, Math.round(r.sy) - SPRITE_HALF, SPRITE, SPRITE);
        }
      }
    }
  }

  /** The pre-rendered symbol of (shape, status), at the device pixel ratio. */
  sprite(shape, status, size, dpr) {
    const key = shape * STATUSES + status;
    let c = this.sprites[key];
    if (c && c.dpr === dpr) return c;
    c = document.createElement('canvas');
    c.width = c.height = Math.ceil(SPRITE * dpr);
    c.dpr = dpr;
    const g = c.getContext('2d');
    g.scale(dpr, dpr);
    g.beginPath();
    addShape(g, shape, SPRITE_HALF, SPRITE_HALF, size, 0, -1);
    g.strokeStyle = colourOf(shape, status);
    g.lineWidth = shape === SHAPE.DRONE ? 1.6 : 1.4;
    if (status === STATUS.COASTING) g.setLineDash([2, 2]);
    g.stroke();
    this.sprites[key] = c;
    return c;
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
