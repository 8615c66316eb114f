// ui/registration.js: a radar's sensor registration estimate (the `registration` object of GET /api/sensors,
// docs/registration.md) as the sensor panel shows it: each bias with its σ, and what the tracker does with it.

import { fixed, esc } from './format.js';

// The four components: JSON key, label, digits, display unit and the factor from the JSON's unit to it.
const COMPONENTS = [
  ['range_offset_m', 'Δr', 1, 'm', 1],
  ['azimuth_offset_deg', 'Δθ', 4, '°', 1],
  ['range_gain_ppm', 'gain', 0, 'ppm', 1],
  ['time_offset_s', 'Δt', 0, 'ms', 1000],
];

// One component as "Δr 181.2 ± 3.1 m"; "Δr —" when it is not observable (null).
function component(r, [key, label, digits, unit, factor]) {
  const v = r[key];
  if (v === null || v === undefined || !isFinite(v)) return `${label} —`;
  const s = r[key + '_sigma'];
  const sigma = s === null || s === undefined || !isFinite(s) ? '' : ` ± ${fixed(s * factor, digits)}`;
  const space = unit === '°' ? '' : ' ';
  return `${label} ${fixed(v * factor, digits)}${sigma}${space}${unit}`;
}

// The estimate as HTML (text escaped): the values with their σ, then the state — reference, converging,
// converged, and in `correct` mode which components are applied to the radar's plots.
export function registrationHTML(r) {
  if (!r) return 'no bias estimate';
  // Each component unbroken (the line wraps between components only).
  const values = COMPONENTS.map((c) => `<span class="bias">${esc(component(r, c))}</span>`).join(' · ');
  const state = [];
  if (r.reference) state.push('reference radar');
  state.push(r.converged ? 'converged' : 'converging');
  if (r.mode === 'estimate') state.push('estimated only');
  if (r.mode === 'correct') {
    const a = r.applied;
    const applied = a ? COMPONENTS.filter(([key]) => a[key] !== null && a[key] !== undefined && a[key] !== 0) : [];
    state.push(applied.length ? `applied: ${applied.map(([, label]) => label).join(', ')}` : 'not applied');
  }
  if (Number.isFinite(r.observations)) state.push(`${r.observations} obs`);
  if (r.jumps) state.push(`${r.jumps} jump${r.jumps === 1 ? '' : 's'}`);
  return `${values}<div class="muted">${esc(state.join(' · '))}</div>`;
}
