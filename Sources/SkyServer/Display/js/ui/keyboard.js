// ui/keyboard.js: keyboard shortcuts and the help overlay (which also shows the symbol legend, drawn from
// render/symbols.js).

import { LEGEND, addShape, colourOf, filled, STATUS } from '../render/symbols.js';

export const SHORTCUTS = [
  ['+ / −', 'zoom in / out'],
  ['← ↑ → ↓', 'pan'],
  ['/', 'search by callsign, address or Mode 3/A'],
  ['Esc', 'close help, details or search'],
  ['?', 'this help'],
  ['L', 'labels on / off'],
  ['T', 'trails on / off'],
  ['V', 'speed vector length (0, 1, 2, 5 min)'],
  ['C', 'centre on the selected track'],
  ['0', 'reset the view'],
  ['click / drag / wheel', 'select a track / pan / zoom'],
];

export function buildHelp(root) {
  const legend = root.querySelector('.legend');
  for (const item of LEGEND) {
    const row = document.createElement('div');
    const c = document.createElement('canvas');
    c.width = 28; c.height = 20;
    const ctx = c.getContext('2d');
    ctx.beginPath();
    addShape(ctx, item.shape, 14, 10, item.status === STATUS.TENTATIVE ? 3 : 4, 1, 0);
    const colour = colourOf(item.shape, item.status);
    if (filled(item.shape)) { ctx.fillStyle = colour; ctx.fill(); }
    else { ctx.strokeStyle = colour; ctx.lineWidth = 1.4; if (item.status === STATUS.COASTING) ctx.setLineDash([2, 2]); ctx.stroke(); }
    row.appendChild(c);
    row.appendChild(document.createTextNode(item.text));
    legend.appendChild(row);
  }
  const extra = [['#ff3030', 'Emergency squawk (7500/7600/7700): blinking red ring and label'], ['#ffb000', 'Alert (STCA, area, ADS-B): amber ring; conflict pairs joined']];
  for (const [colour, text] of extra) {
    const row = document.createElement('div');
    const c = document.createElement('canvas'); c.width = 28; c.height = 20;
    const ctx = c.getContext('2d'); ctx.strokeStyle = colour; ctx.lineWidth = 2; ctx.beginPath(); ctx.arc(14, 10, 8, 0, 2 * Math.PI); ctx.stroke();
    row.appendChild(c); row.appendChild(document.createTextNode(text)); legend.appendChild(row);
  }
  root.querySelector('.keys').innerHTML = SHORTCUTS.map(([k, v]) => `<tr><th><kbd>${k}</kbd></th><td>${v}</td></tr>`).join('');
}

/** Installs the global key handler; `actions` maps names to functions. */
export function installKeys(actions) {
  window.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target && e.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    const step = 80;
    switch (e.key) {
      case '+': case '=': actions.zoom(1.4); break;
      case '-': case '_': actions.zoom(1 / 1.4); break;
      case 'ArrowLeft': actions.pan(step, 0); break;
      case 'ArrowRight': actions.pan(-step, 0); break;
      case 'ArrowUp': actions.pan(0, step); break;
      case 'ArrowDown': actions.pan(0, -step); break;
      case '/': actions.search(); break;
      case 'Escape': actions.escape(); break;
      case '?': actions.help(); break;
      case 'l': case 'L': actions.toggle('labels'); break;
      case 't': case 'T': actions.toggle('trails'); break;
      case 'v': case 'V': actions.vectors(); break;
      case 'c': case 'C': actions.centre(); break;
      case '0': actions.reset(); break;
      default: return;
    }
    e.preventDefault();
  });
}
