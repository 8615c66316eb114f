// render/renderer.js: owns the canvas and draws the whole picture once per animation frame, layer by layer
// (static basemap, tracks, labels, overlays). Knows the view but not the DOM panels.

import { BasemapLayer } from './basemap.js';
import { TrackLayer } from './tracks.js';
import { LabelLayer } from './labels.js';
import { OverlayLayer } from './overlays.js';

export class Renderer {
  constructor(canvas, plane, view, picture) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { alpha: false });
    this.view = view;
    this.picture = picture;
    this.dpr = 1;
    this.basemap = new BasemapLayer(plane);
    this.tracks = new TrackLayer();
    this.labels = new LabelLayer();
    this.overlays = new OverlayLayer(plane);
    this.opts = { filter: () => true, leaderMinutes: 1, trails: true, labels: true };
    this.selected = null;
    this.stale = false;
    this.resize();
  }

  /** Matches the backing store to the element's CSS size and the device pixel ratio. */
  resize() {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(rect.width)), h = Math.max(1, Math.round(rect.height));
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr) || dpr !== this.dpr) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
      this.dpr = dpr;
      this.view.resize(w, h);
    }
  }

  draw(nowMs) {
    const ctx = this.ctx, view = this.view;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.basemap.draw(ctx, view, this.dpr);
    ctx.globalAlpha = this.stale ? 0.45 : 1;
    this.tracks.dpr = this.dpr;
    this.tracks.draw(ctx, view, this.picture, this.opts);
    const alerted = this.picture.alertedTracks();
    const reserved = this.overlays.prepare(view, this.picture, this.labels.charW);
    this.labels.draw(ctx, view, this.tracks.drawn, alerted, this.selected, nowMs, this.opts, this.basemap.sites, reserved);
    this.overlays.draw(ctx, view, this.picture, this.selected, nowMs, this.tracks.drawn);
    ctx.globalAlpha = 1;
  }

  /** Track number under a CSS-pixel point of the canvas (symbol or label), or null. */
  hitTest(sx, sy) {
    const n = this.tracks.hitTest(sx, sy, 10);
    return n !== null ? n : this.labels.hitTest(sx, sy);
  }
}
