// ui/sensors.js: each input's state, message rate, counts and errors, and each sensor's registration bias, with
// its σ and whether it is applied, when the service has one (GET /api/sensors, polled every 2 s).

import { getOptional } from '../api.js';
import { fixed, esc } from './format.js';
import { registrationHTML } from './registration.js';

export class SensorPanel {
  constructor(root, { onSensors }) {
    this.root = root; this.onSensors = onSensors;
    this.body = root.querySelector('.body');
    this.first = true;
    this.poll();
    setInterval(() => this.poll(), 2000);
  }

  async poll() {
    const s = await getOptional('/api/sensors');
    if (!s) return;
    if (this.first) { this.first = false; this.onSensors(s); }
    this.render(s);
  }

  render(s) {
    const inputs = (s.inputs || []).map((i) => {
      const errs = Object.entries(i.errors || {}).map(([k, v]) => `${esc(k)} ${v}`).join(', ');
      return `<tr><td><span class="dot state-${esc(i.state)}"></span>${esc(i.name)}<div class="muted">${esc(i.kind)} · ${esc(i.state)}</div></td>
        <td class="num">${fixed(i.messages_per_second, 1)}/s<div class="muted">${i.messages ?? '—'} msgs</div></td>
        <td class="${errs || i.dropped || i.late ? 'warn' : 'muted'}">${errs || '0 err'}${i.late ? ` · late ${i.late}` : ''}${i.dropped ? ` · drop ${i.dropped}` : ''}</td></tr>`;
    }).join('');
    const sensors = (s.sensors || []).map((x) => {
      const bias = registrationHTML(x.registration ?? x.bias);
      return `<tr><td>${esc(x.id)}</td><td>${esc(x.name)}<div class="muted">${esc(x.kind)}${x.rotation_period_s ? ` · ${x.rotation_period_s} s` : ''}${x.max_range_m ? ` · ${Math.round(x.max_range_m / 1852)} NM` : ''}</div></td><td colspan="2">${bias}</td></tr>`;
    }).join('');
    this.body.innerHTML = `<table class="sensors"><tr><th>Input</th><th>Rate</th><th>Errors</th></tr>${inputs}</table>
      <table class="sensors"><tr><th>Id</th><th>Sensor</th><th colspan="2">Registration bias</th></tr>${sensors}</table>`;
  }
}
