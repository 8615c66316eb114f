// ui/format.js: small formatting helpers shared by the panels (times in UTC, units stated).

export function utc(t, withDate = false) {
  if (t === null || t === undefined || !isFinite(t)) return '--:--:--';
  const iso = new Date(t * 1000).toISOString();
  return withDate ? iso.slice(0, 10) + ' ' + iso.slice(11, 19) : iso.slice(11, 19);
}

export function fixed(v, digits = 0, unit = '') {
  if (v === null || v === undefined || !isFinite(v)) return '—';
  return v.toFixed(digits) + (unit ? ' ' + unit : '');
}

export function latlon(lat, lon) {
  const f = (v, p, n) => `${Math.abs(v).toFixed(4)}°${v >= 0 ? p : n}`;
  return `${f(lat, 'N', 'S')} ${f(lon, 'E', 'W')}`;
}

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function duration(s) {
  if (!isFinite(s)) return '—';
  if (s < 60) return `${s.toFixed(0)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
