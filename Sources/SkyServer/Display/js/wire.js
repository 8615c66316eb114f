// wire.js: decodes the compact track rows of /ws delta frames (docs/api.md, "WebSocket /ws") into the TrackDTO
// objects the rest of the display reads. Pure: no DOM, no state (the caller passes the track's previous DTO).
//
// Row: [number, time_ms, lat_e5, lon_e5, altitude_ft|null, vertical_rate_fpm, velocity_east_cm_s,
//       velocity_north_cm_s, turn_rate_cdeg_s, sigma_dm, last_update_ms, {identity fields that changed}?]
// Times are milliseconds relative to the frame's time; the identity object uses TrackDTO keys plus "created"
// (UNIX s, for age_s). Ground speed and course are derived from the velocity, as the server derives them.

const KT = 0.514444;   // m/s per knot

const round = (x, decimals) => { const s = 10 ** decimals; return Math.round(x * s) / s; };

/** Identity fields a new track starts from when its row does not say (never the case from a conforming server). */
const NO_IDENTITY = { status: 'confirmed', callsign: null, address: null, mode_a: null, emergency: false,
  sources: [], sensors: [], kind: 'unknown', spi: false, created: null };

/**
 * The TrackDTO of a compact row, or the row itself when it already is a TrackDTO object (older servers, the mock).
 * @param {Array|Object} row
 * @param {number} frameTime the frame's "time", UNIX s
 * @param {Object|undefined} previous the track's previous DTO (its identity fields carry over)
 * @returns {Object|null} null when the row is for an unknown track and carries no identity (the caller resyncs)
 */
export function decodeTrackRow(row, frameTime, previous) {
  if (!Array.isArray(row)) return row;
  const identity = row.length > 11 ? row[11] : null;
  if (!previous && !identity) return null;
  const base = previous || NO_IDENTITY;
  const ve = row[6] / 100, vn = row[7] / 100;
  let course = Math.atan2(ve, vn) * 180 / Math.PI;
  if (course < 0) course += 360;
  const time = round(frameTime + row[1] / 1000, 3);
  const created = identity && identity.created !== undefined ? identity.created :
    (base.created !== undefined && base.created !== null ? base.created : time - (base.age_s || 0));
  const dto = {
    number: row[0],
    status: base.status, time, lat: row[2] / 1e5, lon: row[3] / 1e5,
    altitude_ft: row[4], vertical_rate_fpm: row[5],
    ground_speed_kt: round(Math.hypot(ve, vn) / KT, 1), track_deg: round(course, 1),
    velocity_east_mps: ve, velocity_north_mps: vn, turn_rate_deg_s: row[8] / 100,
    callsign: base.callsign, address: base.address, mode_a: base.mode_a,
    sources: base.sources, sensors: base.sensors, kind: base.kind,
    sigma_m: row[9] / 10, age_s: round(time - created, 1), last_update: round(frameTime + row[10] / 1000, 3),
    spi: base.spi, emergency: base.emergency, created,
  };
  if (identity) for (const k in identity) dto[k] = identity[k];
  return dto;
}
