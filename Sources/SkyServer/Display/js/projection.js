// projection.js: the system plane (EPSG 9809 oblique stereographic about the system reference point, the same
// projection as SkyGeodesy's StereographicPlane) and the view (zoom and pan) that maps plane metres to canvas pixels.
// Pure module: no DOM.

const A = 6378137.0;                 // WGS-84 semi-major axis, metres
const F = 1 / 298.257223563;         // WGS-84 flattening
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const DEG = Math.PI / 180;

/** Oblique stereographic plane tangent at (lat0Deg, lon0Deg); x east, y north, metres. */
export class StereographicPlane {
  constructor(lat0Deg, lon0Deg) {
    this.lat0 = lat0Deg;
    this.lon0 = lon0Deg;
    const phi0 = lat0Deg * DEG;
    const s0 = Math.sin(phi0), c0 = Math.cos(phi0);
    const w = 1 - E2 * s0 * s0;
    const rho0 = A * (1 - E2) / (w * Math.sqrt(w));
    const nu0 = A / Math.sqrt(w);
    this.R = Math.sqrt(rho0 * nu0);
    this.n = Math.sqrt(1 + E2 * c0 * c0 * c0 * c0 / (1 - E2));
    const psi0 = isometric(s0);
    const sinChi00 = Math.tanh(this.n * psi0);
    const c = (this.n + s0) * (1 - sinChi00) / ((this.n - s0) * (1 + sinChi00));
    this.halfLogC = 0.5 * Math.log(c);
    const psiChi0 = this.n * psi0 + this.halfLogC;
    this.sinChi0 = Math.tanh(psiChi0);
    this.cosChi0 = 1 / Math.cosh(psiChi0);
    this.twoR = 2 * this.R;
    this.lon0Rad = lon0Deg * DEG;
  }

  /** Projects degrees into `out` ([x, y] metres); returns out. Allocation-free when out is given. */
  project(latDeg, lonDeg, out = [0, 0]) {
    const psiChi = this.n * isometric(Math.sin(latDeg * DEG)) + this.halfLogC;
    const sinChi = Math.tanh(psiChi), cosChi = 1 / Math.cosh(psiChi);
    let dLon = lonDeg * DEG - this.lon0Rad;
    if (dLon > Math.PI) dLon -= 2 * Math.PI; else if (dLon < -Math.PI) dLon += 2 * Math.PI;
    const dL = this.n * dLon;
    const cosDL = Math.cos(dL);
    const b = 1 + sinChi * this.sinChi0 + cosChi * this.cosChi0 * cosDL;
    const k = this.twoR / b;
    out[0] = k * cosChi * Math.sin(dL);
    out[1] = k * (sinChi * this.cosChi0 - cosChi * this.sinChi0 * cosDL);
    return out;
  }

  /** Plane metres to [latDeg, lonDeg]. */
  unproject(x, y, out = [0, 0]) {
    const rho = Math.hypot(x, y);
    if (rho === 0) { out[0] = this.lat0; out[1] = this.lon0; return out; }
    const t = rho / this.twoR;
    const sinC = 2 * t / (1 + t * t), cosC = (1 - t * t) / (1 + t * t);
    const sinChi = cosC * this.sinChi0 + y * sinC * this.cosChi0 / rho;
    const dL = Math.atan2(x * sinC, rho * this.cosChi0 * cosC - y * this.sinChi0 * sinC);
    let lon = this.lon0Rad + dL / this.n;
    if (lon > Math.PI) lon -= 2 * Math.PI; else if (lon < -Math.PI) lon += 2 * Math.PI;
    const psi = (Math.atanh(Math.min(1, Math.max(-1, sinChi))) - this.halfLogC) / this.n;
    let s = Math.tanh(psi);
    for (let i = 0; i < 6; i++) {
      const step = (isometric(s) - psi) * (1 - s * s) * (1 - E2 * s * s) / (1 - E2);
      s -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    out[0] = Math.asin(Math.min(1, Math.max(-1, s))) / DEG;
    out[1] = lon / DEG;
    return out;
  }
}

function isometric(sinPhi) {
  return Math.atanh(sinPhi) - E * Math.atanh(E * sinPhi);
}

/** The view: plane point (cx, cy) metres at the canvas centre, `scale` CSS pixels per metre. */
export class View {
  constructor() {
    this.cx = 0; this.cy = 0;
    this.scale = 1 / 800;            // ~800 m per pixel
    this.width = 1; this.height = 1; // CSS pixels
    this.version = 0;                // bumps on every change (layers cache on it)
  }
  resize(w, h) { this.width = w; this.height = h; this.version++; }
  /** Screen x (CSS px) of plane x. */
  sx(x) { return this.width * 0.5 + (x - this.cx) * this.scale; }
  sy(y) { return this.height * 0.5 - (y - this.cy) * this.scale; }
  /** Plane metres of a screen point. */
  px(sx) { return this.cx + (sx - this.width * 0.5) / this.scale; }
  py(sy) { return this.cy - (sy - this.height * 0.5) / this.scale; }
  /** Zoom by `factor` keeping the screen point (sx, sy) fixed. */
  zoomAt(factor, sx = this.width / 2, sy = this.height / 2) {
    const x = this.px(sx), y = this.py(sy);
    this.scale = Math.min(1 / 5, Math.max(1 / 20000, this.scale * factor));
    this.cx = x - (sx - this.width * 0.5) / this.scale;
    this.cy = y + (sy - this.height * 0.5) / this.scale;
    this.version++;
  }
  panBy(dxPx, dyPx) { this.cx -= dxPx / this.scale; this.cy += dyPx / this.scale; this.version++; }
  centreOn(x, y) { this.cx = x; this.cy = y; this.version++; }
  /** Centres on the box (plane metres) and zooms so that it fills `fill` of the smaller screen side, with a
   *  half-extent of at least `minHalfMetres` and at most `maxHalfMetres` (a single track, or a far outlier). */
  fit(minX, minY, maxX, maxY, { fill = 0.85, minHalfMetres = 15000, maxHalfMetres = 250000 } = {}) {
    const halfW = Math.max((maxX - minX) / 2, minHalfMetres), halfH = Math.max((maxY - minY) / 2, minHalfMetres);
    let scale = Math.min(this.width * fill / (2 * halfW), this.height * fill / (2 * halfH));
    scale = Math.max(scale, Math.min(this.width, this.height) * fill / (2 * maxHalfMetres));
    this.scale = Math.min(1 / 5, Math.max(1 / 20000, scale));
    this.cx = (minX + maxX) / 2; this.cy = (minY + maxY) / 2;
    this.version++;
  }
  /** Metres per CSS pixel. */
  get metresPerPixel() { return 1 / this.scale; }
}
