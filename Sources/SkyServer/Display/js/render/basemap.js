// render/basemap.js: the static layer (coastlines, borders, restricted areas, range rings, radar sites, scale bar),
// drawn into an offscreen canvas only when the view changes and copied once per frame.

import { COLOURS } from './symbols.js';

const NM = 1852;
const EARTH_R = 6371008.8;

/** Projects a list of [lon, lat] into a flat Float64Array of plane x, y. */
function projectLine(plane, coords) {
  const out = new Float64Array(coords.length * 2);
  const xy = [0, 0];
  for (let i = 0; i < coords.length; i++) {
    plane.project(coords[i][1], coords[i][0], xy);
    out[2 * i] = xy[0]; out[2 * i + 1] = xy[1];
  }
  return out;
}

/** Plane outline of the geodesic circle of `radiusM` about (lat, lon) (spherical destination formula). */
function circle(plane, lat, lon, radiusM, steps = 180) {
  const out = new Float64Array((steps + 1) * 2);
  const d = radiusM / EARTH_R, p1 = lat * Math.PI / 180, l1 = lon * Math.PI / 180;
  const xy = [0, 0];
  for (let i = 0; i <= steps; i++) {
    const b = 2 * Math.PI * i / steps;
    const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
    const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
    plane.project(p2 * 180 / Math.PI, l2 * 180 / Math.PI, xy);
    out[2 * i] = xy[0]; out[2 * i + 1] = xy[1];
  }
  return out;
}

/** Bounding box [minX, minY, maxX, maxY] of a flat line (for culling). */
function bbox(line) {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (let i = 0; i < line.length; i += 2) {
    const x = line[i], y = line[i + 1];
    if (x < a) a = x; if (x > c) c = x; if (y < b) b = y; if (y > d) d = y;
  }
  return [a, b, c, d];
}

export class BasemapLayer {
  constructor(plane) {
    this.plane = plane;
    this.coast = []; this.borders = []; this.areas = []; this.rings = []; this.sites = [];
    this.canvas = document.createElement('canvas');
    this.ctx = this.canvas.getContext('2d');
    this.drawnVersion = -1;
    this.version = 0;
  }

  setBasemap(json) {
    const prep = (lines) => lines.map((l) => { const p = projectLine(this.plane, l); return { p, box: bbox(p) }; });
    this.coast = prep(json.coastlines || []);
    this.borders = prep(json.borders || []);
    this.version++;
  }

  /** GeoJSON FeatureCollection of restricted areas (Polygon / MultiPolygon). */
  setAreas(fc) {
    const areas = [];
    for (const f of (fc && fc.features) || []) {
      const g = f.geometry || {};
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
      for (const poly of polys) {
        const ring = projectLine(this.plane, poly[0]);
        areas.push({ p: ring, box: bbox(ring), name: (f.properties && (f.properties.name || f.properties.id)) || '' });
      }
    }
    this.areas = areas;
    this.version++;
  }

  /** Radar sites and range rings from GET /api/sensors `sensors`. */
  setSensors(sensors) {
    const xy = [0, 0];
    this.sites = []; this.rings = [];
    const radars = sensors.filter((s) => s.kind !== 'adsbReceiver');
    let main = null;
    for (const s of radars) if (!main || (s.max_range_m || 0) > (main.max_range_m || 0)) main = s;
    for (const s of sensors) {
      this.plane.project(s.lat, s.lon, xy);
      this.sites.push({ x: xy[0], y: xy[1], name: s.name || s.id, radar: s.kind !== 'adsbReceiver' });
    }
    if (main) {
      const max = main.max_range_m || 250 * NM;
      for (let r = 50 * NM; r < max + 1; r += 50 * NM) {
        const p = circle(this.plane, main.lat, main.lon, r);
        this.rings.push({ p, label: `${Math.round(r / NM)}`, dashed: false, x: p[0], y: p[1] });
      }
    }
    for (const s of radars) {
      if (s === main || !s.max_range_m) continue;
      const p = circle(this.plane, s.lat, s.lon, s.max_range_m);
      this.rings.push({ p, label: '', dashed: true });
    }
    this.version++;
  }

  /** Copies the layer onto ctx (CSS-pixel transform), re-rendering it when the view or content changed. */
  draw(ctx, view, dpr) {
    const key = view.version * 1000 + this.version;
    if (this.drawnVersion !== key) { this.render(view, dpr); this.drawnVersion = key; }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.canvas, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  render(view, dpr) {
    const c = this.canvas, ctx = this.ctx;
    const w = Math.round(view.width * dpr), h = Math.round(view.height * dpr);
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = COLOURS.background;
    ctx.fillRect(0, 0, view.width, view.height);
    const vis = [view.px(0), view.py(view.height), view.px(view.width), view.py(0)];
    const visible = (b) => !(b[2] < vis[0] || b[0] > vis[2] || b[3] < vis[1] || b[1] > vis[3]);
    const path = (line) => {
      const p = line.p;
      ctx.moveTo(view.sx(p[0]), view.sy(p[1]));
      for (let i = 2; i < p.length; i += 2) ctx.lineTo(view.sx(p[i]), view.sy(p[i + 1]));
    };

    // Restricted areas.
    for (const a of this.areas) {
      if (!visible(a.box)) continue;
      ctx.beginPath(); path(a); ctx.closePath();
      ctx.fillStyle = 'rgba(192, 80, 80, 0.10)'; ctx.fill();
      ctx.setLineDash([6, 4]); ctx.strokeStyle = COLOURS.area; ctx.lineWidth = 1; ctx.stroke(); ctx.setLineDash([]);
      ctx.fillStyle = COLOURS.area; ctx.font = '10px ui-monospace, "DejaVu Sans Mono", monospace';
      ctx.fillText(a.name, view.sx(a.box[0]) + 3, view.sy(a.box[3]) - 4);
    }

    // Coastlines and borders.
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const l of this.borders) if (visible(l.box)) path(l);
    ctx.setLineDash([4, 3]); ctx.strokeStyle = COLOURS.border; ctx.stroke(); ctx.setLineDash([]);
    ctx.beginPath();
    for (const l of this.coast) if (visible(l.box)) path(l);
    ctx.lineWidth = 1.2; ctx.strokeStyle = COLOURS.coast; ctx.stroke();

    // Range rings with their labels (NM), max-range circles of the other radars dashed.
    ctx.lineWidth = 1;
    ctx.font = '10px ui-monospace, "DejaVu Sans Mono", monospace';
    for (const r of this.rings) {
      ctx.beginPath(); path(r);
      ctx.strokeStyle = COLOURS.ring;
      if (r.dashed) ctx.setLineDash([2, 4]);
      ctx.stroke(); ctx.setLineDash([]);
      if (r.label) {
        // Label on the ring due north of the radar (first point of the circle).
        ctx.fillStyle = COLOURS.ringLabel;
        ctx.fillText(r.label, view.sx(r.p[0]) + 3, view.sy(r.p[1]) - 3);
      }
    }

    // Radar sites.
    for (const s of this.sites) {
      const x = view.sx(s.x), y = view.sy(s.y);
      if (x < -50 || y < -50 || x > view.width + 50 || y > view.height + 50) continue;
      ctx.strokeStyle = COLOURS.site; ctx.fillStyle = COLOURS.site; ctx.lineWidth = 1.2;
      ctx.beginPath();
      if (s.radar) { ctx.moveTo(x, y - 6); ctx.lineTo(x + 5, y + 4); ctx.lineTo(x - 5, y + 4); ctx.closePath(); }
      else { ctx.rect(x - 3.5, y - 3.5, 7, 7); }
      ctx.stroke();
      ctx.fillText(s.name, x + 8, y + 12);
    }

    // Scale bar (bottom left).
    const target = view.width / 6 / view.scale;   // metres
    const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500];
    let nm = steps[0];
    for (const s of steps) if (s * NM <= target) nm = s;
    const len = nm * NM * view.scale;
    const x0 = 16, y0 = view.height - 18;
    ctx.strokeStyle = COLOURS.ringLabel; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(x0, y0 - 4); ctx.lineTo(x0, y0); ctx.lineTo(x0 + len, y0); ctx.lineTo(x0 + len, y0 - 4); ctx.stroke();
    ctx.fillStyle = COLOURS.ringLabel;
    ctx.fillText(`${nm} NM`, x0 + len / 2 - 14, y0 - 6);
  }
}
