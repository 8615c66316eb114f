// api.js: HTTP access to the service; the bearer token comes from the page's own URL (?token=…).

export const token = new URLSearchParams(location.search).get('token');

function headers(extra) {
  const h = Object.assign({}, extra || {});
  if (token) h.Authorization = 'Bearer ' + token;
  return h;
}

/** GET a JSON resource; rejects on HTTP errors. */
export async function getJSON(path) {
  const r = await fetch(path, { headers: headers(), cache: 'no-store' });
  if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status}`);
  return r.json();
}

/** GET that resolves to null on 404 (and on any error), for optional resources. */
export async function getOptional(path) {
  try {
    const r = await fetch(path, { headers: headers(), cache: 'no-store' });
    return r.ok ? r.json() : null;
  } catch { return null; }
}

export async function postJSON(path, body) {
  const r = await fetch(path, { method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`POST ${path}: HTTP ${r.status}`);
  return r.json();
}

/** The WebSocket URL of /ws on this page's host, carrying the token. */
export function wsURL() {
  const u = new URL('/ws', location.href);
  u.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) u.searchParams.set('token', token);
  return u.toString();
}
