/** Colour scale for maps: red (lagging) → amber → green (leading), turned round for "lower is better". */
const STOPS: Array<[number, number, number]> = [
  [217, 86, 75],
  [242, 193, 78],
  [47, 143, 91],
];

export const SCALE_COLORS = STOPS.map(([r, g, b]) => `rgb(${r},${g},${b})`);

export function colorsFor(polarity: string | undefined): string[] {
  return polarity === 'lower' ? [...SCALE_COLORS].reverse() : SCALE_COLORS;
}

/** Colour of `value` between `min` and `max`. */
export function colorOf(value: number, min: number, max: number, polarity: string | undefined): string {
  const t0 = max > min ? (value - min) / (max - min) : 0.5;
  const t = polarity === 'lower' ? 1 - t0 : t0;
  const x = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [STOPS[i], STOPS[i + 1]];
  const c = a.map((v, k) => Math.round(v + (b[k] - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Black or white text on a background colour `rgb(r,g,b)`. */
export function textOn(color: string): string {
  const m = /rgb\((\d+),(\d+),(\d+)\)/.exec(color);
  if (!m) return '#17232d';
  const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#17232d' : '#ffffff';
}
