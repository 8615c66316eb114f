// render/symbols.js: the symbol vocabulary. A track's symbol shape comes from its sources and kind, its colour and
// line style from its status; emergencies and alerts add halos (render/overlays.js). The legend in the help panel is
// drawn from this table, so the two cannot disagree.

export const SHAPE = { FUSED: 0, RADAR: 1, PRIMARY: 2, ADSB: 3, DRONE: 4, FAST: 5 };
export const STATUS = { CONFIRMED: 0, COASTING: 1, TENTATIVE: 2 };
export const SHAPES = 6, STATUSES = 3;

export const COLOURS = {
  background: '#0a0f14',
  land: '#0e161d',
  coast: '#4a7890',
  border: '#3a5566',
  ring: '#223848',
  ringLabel: '#56788a',
  site: '#9fb6c4',
  area: '#c05050',
  fused: '#9fe870',      // radar and ADS-B agree
  radar: '#7fd1a0',      // SSR / Mode S radar only
  primary: '#e4e4a0',    // primary radar only
  adsb: '#5cc8ff',       // ADS-B only (not confirmed by radar)
  drone: '#f07cff',
  fast: '#ff8a2a',
  coasting: '#c9a65a',
  tentative: '#66757e',
  emergency: '#ff3030',
  alert: '#ffb000',
  selected: '#ffffff',
  label: '#cfe3d6',
  leader: 'rgba(200, 225, 210, 0.55)',
};

const EMPTY = [];

/** Symbol shape of a TrackDTO. */
export function shapeOf(dto) {
  if (dto.kind === 'drone') return SHAPE.DRONE;
  if (dto.kind === 'fast') return SHAPE.FAST;
  const s = dto.sources || EMPTY;
  let adsb = false, radar = false, secondary = false;
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    if (v === 'adsb') adsb = true;
    else { radar = true; if (v !== 'primary') secondary = true; }
  }
  if (adsb && radar) return SHAPE.FUSED;
  if (adsb) return SHAPE.ADSB;
  if (secondary) return SHAPE.RADAR;
  return SHAPE.PRIMARY;
}

export function statusOf(dto) {
  return dto.status === 'coasting' ? STATUS.COASTING : dto.status === 'tentative' ? STATUS.TENTATIVE : STATUS.CONFIRMED;
}

const SHAPE_COLOUR = [COLOURS.fused, COLOURS.radar, COLOURS.primary, COLOURS.adsb, COLOURS.drone, COLOURS.fast];

export function colourOf(shape, status) {
  if (status === STATUS.TENTATIVE) return COLOURS.tentative;
  if (status === STATUS.COASTING && shape !== SHAPE.DRONE && shape !== SHAPE.FAST) return COLOURS.coasting;
  return SHAPE_COLOUR[shape];
}

/** Adds the symbol's outline to the current path, centred on (x, y); r is the half size in px. `hx, hy` is the
 *  unit heading on screen (used by the fast-object arrow). */
export function addShape(ctx, shape, x, y, r, hx, hy) {
  switch (shape) {
    case SHAPE.FUSED:
      ctx.rect(x - r, y - r, 2 * r, 2 * r); break;
    case SHAPE.RADAR:
      ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); break;
    case SHAPE.PRIMARY:
      ctx.moveTo(x - r, y); ctx.lineTo(x + r, y); ctx.moveTo(x, y - r); ctx.lineTo(x, y + r); break;
    case SHAPE.ADSB:
      ctx.moveTo(x, y - r - 1); ctx.lineTo(x + r + 1, y); ctx.lineTo(x, y + r + 1); ctx.lineTo(x - r - 1, y); ctx.closePath(); break;
    case SHAPE.DRONE: {
      const s = r + 1;
      ctx.moveTo(x, y + s); ctx.lineTo(x + s, y - s * 0.8); ctx.lineTo(x - s, y - s * 0.8); ctx.closePath();
      ctx.moveTo(x + 1.2, y); ctx.arc(x, y, 1.2, 0, 2 * Math.PI);
      break;
    }
    case SHAPE.FAST: {
      const s = r + 3;  // arrowhead along the heading
      const px = -hy, py = hx;
      ctx.moveTo(x + hx * s, y + hy * s);
      ctx.lineTo(x - hx * s * 0.7 + px * s * 0.75, y - hy * s * 0.7 + py * s * 0.75);
      ctx.lineTo(x - hx * s * 0.3, y - hy * s * 0.3);
      ctx.lineTo(x - hx * s * 0.7 - px * s * 0.75, y - hy * s * 0.7 - py * s * 0.75);
      ctx.closePath();
      break;
    }
  }
}

/** Whether the shape is filled (the others are stroked). */
export function filled(shape) { return shape === SHAPE.FAST; }

export const LEGEND = [
  { shape: SHAPE.FUSED, status: STATUS.CONFIRMED, text: 'Fused: radar and ADS-B' },
  { shape: SHAPE.RADAR, status: STATUS.CONFIRMED, text: 'Radar with SSR / Mode S' },
  { shape: SHAPE.PRIMARY, status: STATUS.CONFIRMED, text: 'Primary radar only' },
  { shape: SHAPE.ADSB, status: STATUS.CONFIRMED, text: 'ADS-B only' },
  { shape: SHAPE.DRONE, status: STATUS.CONFIRMED, text: 'Drone' },
  { shape: SHAPE.FAST, status: STATUS.CONFIRMED, text: 'Fast object' },
  { shape: SHAPE.FUSED, status: STATUS.COASTING, text: 'Coasting (no update)' },
  { shape: SHAPE.FUSED, status: STATUS.TENTATIVE, text: 'Tentative' },
];
