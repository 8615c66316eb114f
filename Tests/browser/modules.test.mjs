// Unit tests of the display's pure modules (projection.js, picture.js) under node's own test runner:
//   node --test Tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StereographicPlane, View } from '../../Sources/SkyServer/Display/js/projection.js';
import { Picture } from '../../Sources/SkyServer/Display/js/picture.js';

// PROJ 9 `+proj=sterea +lat_0=46.5 +lon_0=2.5 +k=1 +ellps=WGS84` (the same vectors as SkyGeodesy's
// StereographicPlaneTests): lat°, lon° -> x, y metres.
const PROJ = [
  [50.0, 7.0, 322819.8286, 398770.9366],
  [42.0, -3.0, -456218.2907, -484980.2053],
  [46.5, 8.0, 422006.9420, 14703.6799],
  [51.0, 2.5, 0.0, 500678.3365],
  [43.0, 6.0, 285615.6524, -382918.3219],
];

test('stereographic plane agrees with PROJ sterea to 0.1 mm', () => {
  const plane = new StereographicPlane(46.5, 2.5);
  for (const [lat, lon, x, y] of PROJ) {
    const [px, py] = plane.project(lat, lon);
    assert.ok(Math.abs(px - x) < 1e-4, `x at ${lat},${lon}: ${px} vs ${x}`);
    assert.ok(Math.abs(py - y) < 1e-4, `y at ${lat},${lon}: ${py} vs ${y}`);
  }
});

test('unproject inverts project to 1e-9 degrees', () => {
  const plane = new StereographicPlane(48.72, 2.38);
  for (const [lat, lon] of [[48.72, 2.38], [50.1, -1.3], [46.0, 6.9], [49.0, 2.55]]) {
    const [x, y] = plane.project(lat, lon);
    const [la, lo] = plane.unproject(x, y);
    assert.ok(Math.abs(la - lat) < 1e-9 && Math.abs(lo - lon) < 1e-9, `${lat},${lon} -> ${la},${lo}`);
  }
  assert.deepEqual(plane.project(48.72, 2.38).map((v) => Math.abs(v)), [0, 0]);
});

test('view maps plane to screen and zooms about a fixed point', () => {
  const v = new View();
  v.resize(1000, 800);
  v.scale = 1 / 100;
  assert.equal(v.sx(0), 500); assert.equal(v.sy(0), 400);
  assert.equal(v.sx(1000), 510); assert.equal(v.sy(1000), 390);   // north is up
  const x = v.px(700), y = v.py(100);
  v.zoomAt(2, 700, 100);
  assert.ok(Math.abs(v.sx(x) - 700) < 1e-9 && Math.abs(v.sy(y) - 100) < 1e-9);
});

function dto(number, lat, lon, time, extra = {}) {
  return Object.assign({ number, status: 'confirmed', time, lat, lon, altitude_ft: 10000, vertical_rate_fpm: 0,
    ground_speed_kt: 300, track_deg: 90, velocity_east_mps: 154.3, velocity_north_mps: 0, callsign: 'T' + number,
    address: null, mode_a: null, sources: ['ssr'], sensors: ['0/1'], kind: 'airliner', sigma_m: 50, age_s: 1,
    last_update: time, spi: false, emergency: false }, extra);
}

test('picture applies snapshot and deltas, keeps trails and detects cycle gaps', () => {
  const plane = new StereographicPlane(48.72, 2.38);
  const pic = new Picture(plane, 3, 1);   // 1 s between trail points
  pic.applySnapshot({ time: 10, cycle: 5, tracks: [dto(1, 48.7, 2.3, 10), dto(2, 48.8, 2.4, 10)],
    alerts: [{ id: 7, kind: 'emergency', phase: 'start', tracks: [2] }] });
  assert.equal(pic.tracks.size, 2);
  assert.equal(pic.alerts.size, 1);
  assert.equal(pic.alertedTracks().get(2), 'emergency');
  // Positions 1..4 of track 1: the trail holds the 3 previous ones, newest first.
  for (let k = 1; k <= 4; k++) {
    assert.equal(pic.applyDelta({ time: 10 + k, cycle: 5 + k, updated: [dto(1, 48.7, 2.3 + 0.01 * k, 10 + k)], deleted: [], alerts: [] }), true);
  }
  const r = pic.tracks.get(1);
  assert.equal(r.trailCount, 3);
  const lons = [];
  pic.forEachTrailPoint(r, (x, y) => lons.push(plane.unproject(x, y)[1]));
  assert.deepEqual(lons.map((l) => l.toFixed(4)), ['2.3300', '2.3200', '2.3100']);
  // The velocity is projected into the plane: 154.3 m/s east.
  assert.ok(Math.abs(r.vx - 154.3) < 0.5 && Math.abs(r.vy) < 0.5, `${r.vx}, ${r.vy}`);
  // Deletion and alert end.
  pic.applyDelta({ time: 15, cycle: 10, updated: [], deleted: [2], alerts: [{ id: 7, kind: 'emergency', phase: 'end', tracks: [2] }] });
  assert.equal(pic.tracks.size, 1);
  assert.equal(pic.alerts.size, 0);
  // A gap (cycle 12 after 10) is reported; an old frame (cycle 9) is ignored.
  assert.equal(pic.applyDelta({ time: 16, cycle: 12, updated: [], deleted: [], alerts: [] }), false);
  assert.equal(pic.applyDelta({ time: 9, cycle: 9, updated: [dto(3, 48, 2, 9)], deleted: [], alerts: [] }), true);
  assert.equal(pic.tracks.has(3), false);
  // A snapshot replaces the picture but keeps the trail of a surviving track.
  pic.applySnapshot({ time: 20, cycle: 20, tracks: [dto(1, 48.7, 2.4, 20)] });
  assert.equal(pic.tracks.get(1).trailCount, 3);
});

test('trail points are spaced by the trail interval whatever the update rate', () => {
  const plane = new StereographicPlane(48.72, 2.38);
  const pic = new Picture(plane, 10, 4);
  pic.applySnapshot({ time: 100, cycle: 1, tracks: [dto(1, 48.7, 2.3, 100)] });
  // Updates every 0.5 s for 20 s (an ADS-B track updated every cycle).
  for (let k = 1; k <= 40; k++) {
    const t = 100 + 0.5 * k;
    pic.applyDelta({ time: t, cycle: 1 + k, updated: [dto(1, 48.7, 2.3 + 0.001 * k, t)], deleted: [], alerts: [] });
  }
  const r = pic.tracks.get(1);
  // Trail points are previous positions at t = 100, 104, 108, 112, 116 (k = 0, 8, 16, 24, 32), newest first.
  assert.equal(r.trailCount, 5);
  const lons = [];
  pic.forEachTrailPoint(r, (x, y) => lons.push(plane.unproject(x, y)[1]));
  assert.deepEqual(lons.map((l) => l.toFixed(4)), ['2.3320', '2.3240', '2.3160', '2.3080', '2.3000']);
});

test('view fit: centred on the box, zoomed to fill it, bounded for a lone track', () => {
  const v = new View();
  v.resize(1000, 800);
  v.fit(-20000, -10000, 60000, 30000);          // 80 km x 40 km: the width limits
  assert.equal(v.cx, 20000); assert.equal(v.cy, 10000);
  assert.ok(Math.abs(v.scale - 1000 * 0.85 / 80000) < 1e-12, String(v.scale));
  assert.ok(Math.abs(v.sx(-20000) - 75) < 1e-9 && Math.abs(v.sx(60000) - 925) < 1e-9);
  v.fit(5000, 5000, 5000, 5000);                // one track: at least 15 km each side
  assert.ok(Math.abs(v.scale - 800 * 0.85 / 30000) < 1e-12, String(v.scale));
  v.fit(-1e6, -1e6, 1e6, 1e6);                  // a far outlier: at most 250 km each side
  assert.ok(Math.abs(v.scale - 800 * 0.85 / 500000) < 1e-12, String(v.scale));
});

test('status latency: a number or the p50 of {p50, p99, max}; null when absent', async () => {
  const { serviceLatency } = await import('../../Sources/SkyServer/Display/js/ui/statusbar.js');
  assert.equal(serviceLatency({ latency_s: 0.3 }), 0.3);
  assert.equal(serviceLatency({ latency_s: { p50: 0.17, p99: 0.36, max: 0.4 } }), 0.17);
  assert.equal(serviceLatency({ mode: 'demo' }), null);
  assert.equal(serviceLatency(null), null);
});

test('label occupancy grid: boxes partly or wholly off the grid mark only what is on it', async () => {
  const { LabelLayer } = await import('../../Sources/SkyServer/Display/js/render/labels.js');
  const L = new LabelLayer();
  L.gw = 10; L.gh = 5; L.grid = new Uint8Array(50);
  L._mark(-30, 0, 8, 8);            // wholly left of the grid, on row 0 (once filled the whole grid)
  L._mark(100, 100, 8, 8);          // wholly right/below
  assert.equal(L.grid.reduce((a, b) => a + b, 0), 0);
  assert.equal(L._free(0, 0, 20, 20), true);
  L._mark(-4, -4, 8, 8);            // overlaps the top-left corner: cells (0..0, 0..0) only
  assert.equal(L.grid[0], 1);
  assert.equal(L.grid.reduce((a, b) => a + b, 0), 1);
  assert.equal(L._free(0, 0, 5, 5), false);
  assert.equal(L._free(12, 12, 5, 5), true);
  assert.equal(L._free(-1, 0, 5, 5), false);   // a label must lie inside the canvas
});

test('compact delta row decodes to the TrackDTO (the row DeltaStreamTests pins on the server side)', async () => {
  const { decodeTrackRow } = await import('../../Sources/SkyServer/Display/js/wire.js');
  const row = JSON.parse('[7,0,4890000,240000,10000,1000,20000,0,0,300,0,{"status":"confirmed","callsign":"AFR123",' +
    '"address":"3c6586","mode_a":"1234","emergency":false,"sources":["ssr","adsb"],"sensors":["0/1"],' +
    '"kind":"airliner","spi":false,"created":1699999900.000}]');
  const d = decodeTrackRow(row, 1700000000, undefined);
  assert.equal(d.number, 7); assert.equal(d.time, 1700000000); assert.equal(d.lat, 48.9); assert.equal(d.lon, 2.4);
  assert.equal(d.altitude_ft, 10000); assert.equal(d.vertical_rate_fpm, 1000);
  assert.equal(d.velocity_east_mps, 200); assert.equal(d.velocity_north_mps, 0);
  assert.equal(d.ground_speed_kt, 388.8);   // 200 / 0.514444 = 388.77 kt
  assert.equal(d.track_deg, 90); assert.equal(d.sigma_m, 30); assert.equal(d.age_s, 100);
  assert.equal(d.callsign, 'AFR123'); assert.equal(d.mode_a, '1234'); assert.deepEqual(d.sources, ['ssr', 'adsb']);
  // The next row carries no identity: it comes from the previous DTO; a status change alone travels alone.
  const d2 = decodeTrackRow([7, -250, 4890010, 240020, 10100, 0, -100, 20000, -150, 255, -500, { status: 'coasting' }],
    1700000001, d);
  assert.equal(d2.time, 1700000000.75); assert.equal(d2.last_update, 1700000000.5);
  assert.equal(d2.lat, 48.9001); assert.equal(d2.lon, 2.4002); assert.equal(d2.track_deg, 359.7);
  assert.equal(d2.turn_rate_deg_s, -1.5); assert.equal(d2.age_s, 100.8);
  assert.equal(d2.status, 'coasting'); assert.equal(d2.callsign, 'AFR123'); assert.equal(d2.kind, 'airliner');
  // An unknown track without identity cannot be decoded (the picture resynchronises).
  assert.equal(decodeTrackRow([8, 0, 0, 0, null, 0, 0, 0, 0, 0, 0], 1, undefined), null);
});

test('merged deltas: a gap is a base newer than the picture, not a cycle jump', () => {
  const plane = new StereographicPlane(48.72, 2.38);
  const pic = new Picture(plane, 3, 1);
  pic.applySnapshot({ time: 10, cycle: 6, tracks: [dto(1, 48.7, 2.3, 10)] });
  const row = [1, 0, 4870000, 231000, 10000, 0, 15430, 0, 0, 500, 0];
  // A rate-limited client's frame of cycle 8 merges 5..8: its base (4) is older than the snapshot: no gap.
  assert.equal(pic.applyDelta({ time: 11, cycle: 8, base: 4, updated: [row], deleted: [], alerts: [] }), true);
  assert.equal(pic.tracks.get(1).dto.lon, 2.31);
  assert.equal(pic.tracks.get(1).dto.callsign, 'T1');
  // The next frame's base is 12: the frame of cycle 12 was lost.
  assert.equal(pic.applyDelta({ time: 12, cycle: 16, base: 12, updated: [], deleted: [], alerts: [] }), false);
  // A row for a track the picture does not hold, without identity: resynchronise.
  assert.equal(pic.applyDelta({ time: 13, cycle: 17, base: 16, updated: [[9, 0, 0, 0, null, 0, 0, 0, 0, 0, 0]],
    deleted: [], alerts: [] }), false);
});

// The sensor panel's registration cell (ui/registration.js) from the `registration` object of /api/sensors.
import { registrationHTML } from '../../Sources/SkyServer/Display/js/ui/registration.js';

test('registration: each bias with its σ in display units, and the components applied', () => {
  const r = {
    range_offset_m: 181.24, range_offset_m_sigma: 3.06, range_gain_ppm: null, range_gain_ppm_sigma: null,
    azimuth_offset_deg: 0.1204, azimuth_offset_deg_sigma: 0.0021, time_offset_s: 0.2987, time_offset_s_sigma: 0.0052,
    converged: true, reference: false, observations: 1234, jumps: 0, mode: 'correct',
    applied: { range_offset_m: 181.24, range_gain_ppm: 0, azimuth_offset_deg: 0.1204, time_offset_s: 0.2987 },
  };
  assert.equal(registrationHTML(r),
    '<span class="bias">Δr 181.2 ± 3.1 m</span> · <span class="bias">Δθ 0.1204 ± 0.0021°</span> · '
    + '<span class="bias">gain —</span> · <span class="bias">Δt 299 ± 5 ms</span>'
    + '<div class="muted">converged · applied: Δr, Δθ, Δt · 1234 obs</div>');
  // estimate mode, converging, a jump seen, nothing applied.
  const e = { ...r, converged: false, mode: 'estimate', applied: null, jumps: 1 };
  assert.equal(registrationHTML(e).split('<div class="muted">')[1], 'converging · estimated only · 1234 obs · 1 jump</div>');
  // correct mode before anything is significant; a reference radar.
  const n = { ...r, mode: 'correct', applied: null, reference: true };
  assert.equal(registrationHTML(n).split('<div class="muted">')[1], 'reference radar · converged · not applied · 1234 obs</div>');
  assert.equal(registrationHTML(null), 'no bias estimate');
});
