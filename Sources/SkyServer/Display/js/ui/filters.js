// ui/filters.js: display filters by altitude band (flight levels), source and kind. Produces the predicate the
// track layer calls for every track in every frame, so it only compares precomputed values.

const SOURCE_CLASSES = ['fused', 'radar', 'adsb', 'primary'];
const KINDS = ['airliner', 'light', 'helicopter', 'drone', 'fast', 'unknown'];

/** Source class of a DTO: fused (radar and ADS-B), radar (with SSR/Mode S), adsb (only), primary (only). */
export function sourceClass(dto) {
  const s = dto.sources || [];
  let adsb = false, radar = false, secondary = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === 'adsb') adsb = true; else { radar = true; if (s[i] !== 'primary') secondary = true; }
  }
  return adsb && radar ? 'fused' : adsb ? 'adsb' : secondary ? 'radar' : 'primary';
}

export class Filters {
  constructor(root, onChange) {
    this.root = root;
    this.onChange = onChange;
    this.minFL = 0; this.maxFL = 999; this.noAltitude = true; this.tentative = true;
    this.sources = new Set(SOURCE_CLASSES);
    this.kinds = new Set(KINDS);
    const box = (name, value, label) =>
      `<label><input type="checkbox" data-${name}="${value}" checked> ${label}</label>`;
    root.querySelector('.body').innerHTML = `
      <div class="row"><span>FL</span><input id="f-min" type="number" min="0" max="999" step="10" value="0">
        <span>to</span><input id="f-max" type="number" min="0" max="999" step="10" value="999"></div>
      <div class="row"><label><input type="checkbox" id="f-noalt" checked> without altitude</label>
        <label><input type="checkbox" id="f-tent" checked> tentative</label></div>
      <div class="row wrap"><span>Source</span>${SOURCE_CLASSES.map((s) => box('source', s, s === 'adsb' ? 'ADS-B only' : s === 'primary' ? 'primary only' : s)).join('')}</div>
      <div class="row wrap"><span>Kind</span>${KINDS.map((k) => box('kind', k, k)).join('')}</div>`;
    root.addEventListener('change', () => this.read());
    root.addEventListener('keydown', (e) => e.stopPropagation());
    this.predicate = (dto) => this.accept(dto);
  }

  read() {
    const num = (id, d) => { const v = Number(this.root.querySelector(id).value); return isFinite(v) ? v : d; };
    this.minFL = num('#f-min', 0); this.maxFL = num('#f-max', 999);
    this.noAltitude = this.root.querySelector('#f-noalt').checked;
    this.tentative = this.root.querySelector('#f-tent').checked;
    this.sources = new Set([...this.root.querySelectorAll('[data-source]')].filter((e) => e.checked).map((e) => e.dataset.source));
    this.kinds = new Set([...this.root.querySelectorAll('[data-kind]')].filter((e) => e.checked).map((e) => e.dataset.kind));
    this.active = this.minFL > 0 || this.maxFL < 999 || !this.noAltitude || !this.tentative ||
      this.sources.size < SOURCE_CLASSES.length || this.kinds.size < KINDS.length;
    this.root.classList.toggle('active', this.active);
    this.onChange();
  }

  accept(dto) {
    if (!this.active) return true;
    if (!this.tentative && dto.status === 'tentative') return false;
    if (!this.kinds.has(dto.kind)) return false;
    if (dto.altitude_ft == null) { if (!this.noAltitude) return false; }
    else { const fl = dto.altitude_ft / 100; if (fl < this.minFL || fl > this.maxFL) return false; }
    return this.sources.has(sourceClass(dto));
  }
}
