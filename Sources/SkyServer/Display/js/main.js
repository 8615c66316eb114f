// main.js: wires the display together. Data flows one way: WebSocket (connection.js) -> picture (picture.js) ->
// renderer (render/), drawn once per animation frame when something changed; panels (ui/) read the picture and
// send commands over HTTP. Also exposes window.skywatch for the browser tests.

import { getJSON, getOptional } from './api.js';
import { StereographicPlane, View } from './projection.js';
import { Picture } from './picture.js';
import { Connection } from './connection.js';
import { Renderer } from './render/renderer.js';
import { StatusBar } from './ui/statusbar.js';
import { DetailsPanel } from './ui/details.js';
import { Search } from './ui/search.js';
import { Filters } from './ui/filters.js';
import { AlertList } from './ui/alerts.js';
import { SensorPanel } from './ui/sensors.js';
import { ReplayControls } from './ui/replay.js';
import { buildHelp, installKeys } from './ui/keyboard.js';

const FRAME_SAMPLES = 1200;
const params = new URLSearchParams(location.search);

async function start() {
  const status = await getJSON('/api/status');
  const ref = status.reference || { lat: 48.72, lon: 2.38 };
  const plane = new StereographicPlane(ref.lat, ref.lon);
  const view = new View();
  const picture = new Picture(plane);
  const canvas = document.getElementById('scope');
  const renderer = new Renderer(canvas, plane, view, picture);
  view.scale = Math.min(view.width, view.height) / (2 * 200000);   // ~160 km radius in view
  view.version++;
  const home = { cx: 0, cy: 0, scale: view.scale };

  let dirty = true;
  let userMovedView = false;   // set by any pan or zoom of the user (then the first picture keeps the view)
  let continuous = params.get('animate') === '1';
  const frameTimes = new Float64Array(FRAME_SAMPLES);
  let frameCount = 0;
  const markDirty = () => { dirty = true; };

  // Panels.
  let selected = null;
  const select = (n, centre = false) => {
    selected = n;
    renderer.selected = n;
    details.show(n);
    if (n === null) renderer.overlays.history = null;
    if (centre && n !== null) { const r = picture.tracks.get(n); if (r) { view.centreOn(r.x, r.y); userMovedView = true; } }
    dirty = true;
  };
  const details = new DetailsPanel(document.getElementById('details'), picture, {
    onClose: () => select(null),
    onHistory: (n, h) => { renderer.overlays.setHistory(n, h); dirty = true; },
  });
  const filters = new Filters(document.getElementById('filters'), markDirty);
  renderer.opts.filter = filters.predicate;
  const search = new Search(document.getElementById('search'), document.getElementById('results'), picture, (n) => select(n, true));
  new AlertList(document.getElementById('alerts'), picture, (n) => select(n, true));
  const replay = new ReplayControls(document.getElementById('replay'));
  const onStatus = (s) => { bar.setStatus(s); replay.setStatus(s); };
  const connection = new Connection(picture, { onStatus, onState: markDirty });
  const bar = new StatusBar(document.getElementById('topbar'), connection, picture,
    () => ({ displayed: renderer.tracks.displayed, total: picture.tracks.size }));
  onStatus(status);
  new SensorPanel(document.getElementById('sensors'), {
    onSensors: (s) => { renderer.basemap.setSensors(s.sensors || []); dirty = true; },
  });
  buildHelp(document.getElementById('help'));

  // The first picture sets the home view: centred on the tracks and zoomed to show them all (an airport scene
  // spans 50 km, an area control picture 400 km), unless the user has moved the view already.
  let viewFitted = false;
  const fitToPicture = () => {
    viewFitted = true;
    if (userMovedView) return;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const r of picture.tracks.values()) {
      if (r.x < minX) minX = r.x; if (r.x > maxX) maxX = r.x;
      if (r.y < minY) minY = r.y; if (r.y > maxY) maxY = r.y;
    }
    view.fit(minX, minY, maxX, maxY);
    home.cx = view.cx; home.cy = view.cy; home.scale = view.scale;
  };

  picture.onChange(() => {
    dirty = true;
    if (!viewFitted && picture.tracks.size > 0) fitToPicture();
    if (!document.body.dataset.ready && picture.tracks.size > 0) {
      // Set after the first picture has been drawn (next frame).
      requestAnimationFrame(() => requestAnimationFrame(() => { document.body.dataset.ready = '1'; }));
    }
  });

  // Static data: basemap and areas (optional; the display works without them).
  getOptional('data/basemap.json').then((b) => { if (b) { renderer.basemap.setBasemap(b); dirty = true; } });
  getOptional('/api/areas').then((a) => { if (a) { renderer.basemap.setAreas(a); dirty = true; } });

  // Pointer: click selects, drag pans, wheel zooms.
  let drag = null;
  canvas.addEventListener('pointerdown', (e) => { drag = { x: e.offsetX, y: e.offsetY, moved: false }; canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.offsetX - drag.x, dy = e.offsetY - drag.y;
    if (drag.moved || Math.abs(dx) + Math.abs(dy) > 4) {
      drag.moved = true; userMovedView = true; view.panBy(dx, dy); drag.x = e.offsetX; drag.y = e.offsetY; dirty = true;
      canvas.classList.add('dragging');
    }
  });
  canvas.addEventListener('pointerup', (e) => {
    if (drag && !drag.moved) select(renderer.hitTest(e.offsetX, e.offsetY));
    drag = null; canvas.classList.remove('dragging');
  });
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    view.zoomAt(Math.exp(-e.deltaY * 0.0015), e.offsetX, e.offsetY); userMovedView = true; dirty = true;
  }, { passive: false });

  const help = document.getElementById('help');
  const vectors = [0, 1, 2, 5];
  installKeys({
    zoom: (f) => { view.zoomAt(f); userMovedView = true; dirty = true; },
    pan: (dx, dy) => { view.panBy(dx, dy); userMovedView = true; dirty = true; },
    search: () => search.focus(),
    escape: () => { if (!help.hidden) help.hidden = true; else if (selected !== null) select(null); else search.clear(); },
    help: () => { help.hidden = !help.hidden; },
    toggle: (k) => { renderer.opts[k] = !renderer.opts[k]; dirty = true; },
    vectors: () => {
      renderer.opts.leaderMinutes = vectors[(vectors.indexOf(renderer.opts.leaderMinutes) + 1) % vectors.length];
      document.getElementById('vector').value = String(renderer.opts.leaderMinutes); dirty = true;
    },
    centre: () => { const r = selected !== null && picture.tracks.get(selected); if (r) { view.centreOn(r.x, r.y); userMovedView = true; dirty = true; } },
    reset: () => { view.cx = home.cx; view.cy = home.cy; view.scale = home.scale; view.version++; dirty = true; },
  });
  document.getElementById('help-button').addEventListener('click', () => { help.hidden = !help.hidden; });
  help.addEventListener('click', (e) => { if (e.target === help || e.target.closest('.close')) help.hidden = true; });
  document.getElementById('vector').addEventListener('change', (e) => { renderer.opts.leaderMinutes = Number(e.target.value); dirty = true; });
  for (const id of ['labels', 'trails']) {
    document.getElementById('opt-' + id).addEventListener('change', (e) => { renderer.opts[id] = e.target.checked; dirty = true; });
  }
  window.addEventListener('resize', () => { renderer.resize(); dirty = true; });
  new ResizeObserver(() => { renderer.resize(); dirty = true; }).observe(canvas);

  // Blinking emergencies and the stale tint need a redraw now and then even without data.
  setInterval(() => {
    const stale = connection.stale;
    if (stale !== renderer.stale) renderer.stale = stale;
    dirty = true;
  }, 250);

  const loop = (now) => {
    requestAnimationFrame(loop);
    if (!dirty && !continuous) return;
    dirty = false;
    const t0 = performance.now();
    renderer.draw(now);
    frameTimes[frameCount % FRAME_SAMPLES] = performance.now() - t0;
    frameCount++;
  };
  requestAnimationFrame(loop);
  connection.start();

  // Test and debugging hooks.
  window.skywatch = {
    trackCount: () => renderer.tracks.displayed,
    trackPositions: () => {
      const out = [];
      for (const r of picture.tracks.values()) if (!Number.isNaN(r.sx) && r.sx !== undefined) out.push({ number: r.number, lat: r.dto.lat, lon: r.dto.lon });
      return out;
    },
    selectTrack: (n) => select(n === null ? null : Number(n)),
    selectedTrack: () => selected,
    screenPositionOf: (n) => {
      const r = picture.tracks.get(Number(n));
      return r ? { x: view.sx(r.x), y: view.sy(r.y) } : null;
    },
    frameTimes: () => {
      const n = Math.min(frameCount, FRAME_SAMPLES), out = [];
      for (let i = frameCount - n; i < frameCount; i++) out.push(frameTimes[i % FRAME_SAMPLES]);
      return out;
    },
    frameCount: () => frameCount,
    setContinuous: (on) => { continuous = !!on; },
    centreOn: (n) => { const r = picture.tracks.get(Number(n)); if (r) { view.centreOn(r.x, r.y); userMovedView = true; dirty = true; } },
    zoom: (f) => { view.zoomAt(f); userMovedView = true; dirty = true; },
    connection, picture, view, renderer,
  };
}

start().catch((e) => {
  console.error('Skywatch display failed to start:', e);
  const s = document.getElementById('stale');
  s.hidden = false; s.textContent = 'Cannot reach the Skywatch service: ' + e.message;
});
