/**
 * Deterministic demo data values for the Bình Dương demo catalogue.
 *
 * For every non-derived indicator, at every demo unit of its reporting kinds, for every period of
 * its frequency from 2022 to mid-2025 (months 2022M01–2025M06, quarters 2022Q1–2025Q2, years
 * 2022–2024), one value — except a few deliberate gaps (units that did not report), so that
 * "missing is not zero" shows.
 *
 * How it works, per indicator:
 *  1. a province-level path is built through knots: the trend's `from` (first period), `to`
 *     (last default period), its extra knots, and the seed figures (SEED_FIGURES) as exact knots;
 *     stocks move monotonically between knots (random positive steps that land exactly on the next
 *     knot), flows follow the line between knots with noise and a Tết dip in February;
 *  2. the province figure is split over the reporting units with integer apportionment, so that
 *     aggregating the way the indicator's rules say gives back the province figure exactly:
 *     Σ over units for sums, Σnumerator/Σdenominator for ratios; stock splits are built from
 *     apportioned increments so that every unit's own series is monotone too.
 *
 * Randomness is a seeded PRNG (mulberry32) keyed by strings (indicator, unit, period index), so the
 * output does not depend on call order or on the requested range. No Math.random.
 *
 * After mid-2025 every path continues toward a horizon knot (2030M12) at half its 2022–2025 pace,
 * capped below 100% for percentages: those continued values of the OLD units are never stored
 * (the old units closed on 2025-06-30); currentValues.ts carries them into the new units.
 */
import { ratioValue } from '../domain/aggregate.js';
import type { IndicatorDefinition } from '../domain/catalog.js';
import { formatPeriod, type Period, type PeriodType, parsePeriod } from '../domain/period.js';
import {
  DEMO_CATEGORIES,
  DEMO_INDICATORS,
  DEMO_TRENDS,
  type DemoTrend,
  SEED_FIGURES,
  type SeedFigure,
} from './catalog.js';
import { DEMO_UNITS, type DemoUnit } from './units.js';

export interface DemoValue {
  indicator: string;
  orgUnit: string;
  /** Period code as formatPeriod gives it, e.g. 2024M03. */
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  categoryOption?: string;
}

export const DEMO_DEFAULT_FROM = '2022M01';
export const DEMO_DEFAULT_TO = '2025M06';

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit seeded PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const GLOBAL_SEED = 'chiso-demo-74';

/** A uniform number in [0, 1) determined by the key alone. */
export function u(key: string): number {
  return mulberry32(hash(`${GLOBAL_SEED}|${key}`))();
}

/** A uniform number in [-1, 1) determined by the key alone. */
function sym(key: string): number {
  return 2 * u(key) - 1;
}

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

/** Month index: year * 12 + month - 1. */
export function monthIndex(p: Period, end: boolean): number {
  // the demo's indicators are month-based (no weekly or daily ones)
  const months =
    ({ year: 12, nine_months: 9, half: 6, quarter: 3, month: 1 } as Record<string, number>)[p.type] ?? 1;
  const first =
    p.type === 'month'
      ? p.index
      : p.type === 'quarter'
        ? (p.index - 1) * 3 + 1
        : p.type === 'half'
          ? (p.index - 1) * 6 + 1
          : 1;
  return p.year * 12 + (end ? first + months - 2 : first - 1);
}

export function mustParse(code: string): Period {
  const p = parsePeriod(code);
  if (!p) throw new RangeError(`not a period: ${code}`);
  return p;
}

/** All periods of `type` lying wholly inside months [fromM, toM]. */
function periodsWithin(type: PeriodType, fromM: number, toM: number): Period[] {
  const out: Period[] = [];
  const firstYear = Math.floor(fromM / 12);
  const lastYear = Math.floor(toM / 12);
  const perYear = type === 'month' ? 12 : type === 'quarter' ? 4 : type === 'half' ? 2 : 1;
  for (let y = firstYear; y <= lastYear; y++) {
    for (let i = 1; i <= perYear; i++) {
      const p: Period = { type, year: y, index: i };
      if (monthIndex(p, false) >= fromM && monthIndex(p, true) <= toM) out.push(p);
    }
  }
  return out;
}

export const DEFAULT_FROM_M = monthIndex(mustParse(DEMO_DEFAULT_FROM), false);
export const DEFAULT_TO_M = monthIndex(mustParse(DEMO_DEFAULT_TO), true);
/** The paths continue after mid-2025 toward a knot at the end of 2030 (see horizonKnot). */
const HORIZON_M = monthIndex(mustParse('2030M12'), true);

// ---------------------------------------------------------------------------------------------
// Integer apportionment
// ---------------------------------------------------------------------------------------------

/**
 * Splits the non-negative integer `total` into integers x[i] with Σx = total and 0 ≤ x[i] ≤ caps[i],
 * as close as possible to proportional to `ideal` (water-filling, then largest remainders).
 */
export function distributeCapped(total: number, ideal: number[], caps: number[]): number[] {
  const n = ideal.length;
  const x = new Array<number>(n).fill(0);
  if (n === 0 || total <= 0) {
    if (total > 0) throw new RangeError('nothing to distribute over');
    return x;
  }
  const capSum = caps.reduce((a, b) => a + b, 0);
  if (total > capSum) throw new RangeError(`cannot distribute ${total} under caps summing to ${capSum}`);
  let weights = ideal.map((w) => Math.max(0, w));
  const free = new Set<number>();
  for (let i = 0; i < n; i++) if (caps[i] > 0) free.add(i);
  if ([...free].every((i) => weights[i] === 0)) weights = caps.map((c) => (Number.isFinite(c) ? c : 1));
  let remaining = total;
  const y = new Array<number>(n).fill(0);
  while (free.size > 0) {
    let wsum = 0;
    for (const i of free) wsum += weights[i];
    if (wsum === 0) {
      for (const i of free) weights[i] = Number.isFinite(caps[i]) ? caps[i] : 1;
      continue;
    }
    const k = remaining / wsum;
    let fixed = false;
    for (const i of [...free]) {
      if (weights[i] * k >= caps[i]) {
        x[i] = caps[i];
        remaining -= caps[i];
        free.delete(i);
        fixed = true;
      }
    }
    if (!fixed) {
      for (const i of free) y[i] = weights[i] * k;
      break;
    }
  }
  let assigned = 0;
  const order: Array<[number, number]> = [];
  for (const i of free) {
    x[i] = Math.floor(y[i]);
    assigned += x[i];
    order.push([i, y[i] - x[i]]);
  }
  let rest = remaining - assigned;
  if (rest > 0 && order.length === 0) throw new Error('distributeCapped: remainder left over');
  order.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (let j = 0; rest > 0; j = (j + 1) % order.length) {
    const i = order[j][0];
    if (x[i] < caps[i]) {
      x[i] += 1;
      rest -= 1;
    }
  }
  return x;
}

export function apportion(total: number, weights: number[]): number[] {
  return distributeCapped(
    total,
    weights,
    weights.map(() => Number.POSITIVE_INFINITY),
  );
}

// ---------------------------------------------------------------------------------------------
// Paths through knots
// ---------------------------------------------------------------------------------------------

interface Knot {
  i: number;
  v: number;
}

function sortKnots(knots: Knot[]): Knot[] {
  const byIndex = new Map<number, number>();
  for (const k of knots) byIndex.set(k.i, k.v); // later knots (seed anchors) win
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([i, v]) => ({ i, v }));
}

/** Linear interpolation through knots; flat before the first and after the last. */
function lerpKnots(knots: Knot[], i: number): number {
  if (i <= knots[0].i) return knots[0].v;
  const last = knots[knots.length - 1];
  if (i >= last.i) return last.v;
  for (let j = 1; j < knots.length; j++) {
    const a = knots[j - 1];
    const b = knots[j];
    if (i <= b.i) return a.v + ((b.v - a.v) * (i - a.i)) / (b.i - a.i);
  }
  return last.v;
}

/**
 * A monotone path (between knots) of integers: each segment moves from knot to knot in random
 * steps of the same sign that land exactly on the next knot. Flat outside the knots.
 */
function monotoneIntPath(knots: Knot[], n: number, key: string): number[] {
  const out = new Array<number>(n);
  const first = knots[0];
  for (let i = 0; i <= Math.min(first.i, n - 1); i++) out[i] = first.v;
  for (let j = 1; j < knots.length; j++) {
    const a = knots[j - 1];
    const b = knots[j];
    const steps = b.i - a.i;
    const weights = Array.from({ length: steps }, (_, s) => 0.35 + u(`${key}|step|${a.i + s + 1}`));
    const diff = b.v - a.v;
    const inc = apportion(Math.abs(diff), weights).map((d) => Math.sign(diff) * d);
    let v = a.v;
    for (let s = 0; s < steps; s++) {
      v += inc[s];
      if (a.i + s + 1 < n) out[a.i + s + 1] = v;
    }
  }
  const last = knots[knots.length - 1];
  for (let i = last.i + 1; i < n; i++) out[i] = last.v;
  return out;
}

/** Tết dip and year-end peak of monthly flows. */
const SEASON = [0.97, 0.8, 1.0, 1.0, 1.02, 1.02, 1.0, 1.0, 1.01, 1.03, 1.03, 1.1];

/** A noisy path around the knot line; exact at knots. `relative`: multiplicative noise. */
function noisyPath(
  knots: Knot[],
  periods: Period[],
  key: string,
  noise: number,
  relative: boolean,
  seasonal: boolean,
): number[] {
  const at = new Set(knots.map((k) => k.i));
  return periods.map((p, i) => {
    const base = lerpKnots(knots, i);
    if (at.has(i)) return base;
    const season = seasonal && p.type === 'month' ? SEASON[p.index - 1] : 1;
    const e = sym(`${key}|noise|${i}`);
    return relative ? base * season * (1 + noise * e) : base * season + noise * e;
  });
}

// ---------------------------------------------------------------------------------------------
// Units and cells
// ---------------------------------------------------------------------------------------------

/** Rough relative size of the district-level units (population, thousands). */
const DISTRICT_SIZE: Record<string, number> = {
  '718': 340,
  '725': 620,
  '724': 480,
  '723': 390,
  '721': 350,
  '726': 70,
  '719': 110,
  '720': 120,
  '722': 95,
};

function unitSize(unit: DemoUnit): number {
  switch (unit.kind) {
    case 'district':
      return DISTRICT_SIZE[unit.code] ?? 100;
    case 'commune': {
      const typeFactor = unit.type === 'Phường' ? 3 : unit.type === 'Thị trấn' ? 1.6 : 1;
      return typeFactor * (0.7 + 0.6 * u(`size|${unit.code}`));
    }
    case 'community_team': {
      const commune = DEMO_UNITS.find((c) => c.code === unit.parentCode);
      return commune ? unitSize(commune) : 1;
    }
    case 'department':
      return 0.5 + 1.5 * u(`size|${unit.code}`);
    default:
      return 1;
  }
}

/** Digital head start of a unit in [-1, 1]: urban wards ahead, rural communes behind. */
function unitLead(unit: DemoUnit, key: string): number {
  const own = sym(`lead|${key}|${unit.code}`);
  const place = unit.kind === 'commune' || unit.kind === 'community_team' ? commune(unit) : null;
  const bias = place?.type === 'Phường' ? 0.25 : place?.type === 'Xã' ? -0.35 : 0;
  return Math.max(-1, Math.min(1, own + bias));
}

function commune(unit: DemoUnit): DemoUnit | undefined {
  return unit.kind === 'commune' ? unit : DEMO_UNITS.find((c) => c.code === unit.parentCode);
}

export interface Cell {
  unit: DemoUnit;
  option?: string;
  weight: number;
  /** Relative standing for ratios/averages in [-1, 1], or a rate multiplier for category cells. */
  lead: number;
  rate?: number;
}

function cellsOf(ind: IndicatorDefinition, trend: DemoTrend): Cell[] {
  const kinds = ind.reportingKinds?.length ? ind.reportingKinds : ['province'];
  const units = DEMO_UNITS.filter((x) => kinds.includes(x.kind));
  const options = ind.category ? (DEMO_CATEGORIES.find((c) => c.code === ind.category)?.options ?? []) : [];
  const cells: Cell[] = [];
  for (const unit of units) {
    const weight = unitSize(unit) * (0.8 + 0.4 * u(`w|${ind.code}|${unit.code}`));
    const lead = unitLead(unit, ind.code);
    if (options.length === 0) {
      cells.push({ unit, weight, lead });
      continue;
    }
    for (const o of options) {
      const spec = trend.cells?.[o.code];
      cells.push({
        unit,
        option: o.code,
        weight: weight * (spec?.weight ?? 1),
        lead: 0,
        rate: spec?.rate ?? 1,
      });
    }
  }
  return cells;
}

/** Per-period jittered weights (so shares between units move a little). */
function jittered(cells: Cell[], key: string, i: number, amount = 0.15): number[] {
  return cells.map((c, j) => c.weight * (1 + amount * sym(`${key}|jit|${i}|${j}`)));
}

/** Splits a monotone-ish integer series over cells so each cell's series moves the same way. */
function splitStock(totals: number[], cells: Cell[], key: string): number[][] {
  const series = cells.map(() => new Array<number>(totals.length).fill(0));
  let current = apportion(
    totals[0],
    cells.map((c) => c.weight),
  );
  for (let i = 0; i < totals.length; i++) {
    if (i > 0) {
      const delta = totals[i] - totals[i - 1];
      if (delta >= 0) {
        const add = apportion(delta, jittered(cells, key, i, 0.5));
        current = current.map((v, j) => v + add[j]);
      } else {
        const sub = distributeCapped(-delta, current, current);
        current = current.map((v, j) => v - sub[j]);
      }
    }
    for (let j = 0; j < cells.length; j++) series[j][i] = current[j];
  }
  return series;
}

function splitFlow(totals: number[], cells: Cell[], key: string): number[][] {
  const series = cells.map(() => new Array<number>(totals.length).fill(0));
  totals.forEach((t, i) => {
    const parts = apportion(t, jittered(cells, key, i, 0.2));
    parts.forEach((v, j) => {
      series[j][i] = v;
    });
  });
  return series;
}

// ---------------------------------------------------------------------------------------------
// Gaps (units that did not report)
// ---------------------------------------------------------------------------------------------

/** Named gaps: unit → periods it did not report (any indicator of that frequency it reports). */
export const DEMO_GAPS: ReadonlyArray<{ unit: string; periods: string[]; why: string }> = [
  { unit: '25981', periods: ['2024M11'], why: 'Xã An Sơn chưa gửi báo cáo tháng 11/2024' },
  { unit: '25828', periods: ['2025M05', '2025M06'], why: 'Xã Long Nguyên chậm báo cáo hai tháng gần nhất' },
  { unit: '25908', periods: ['2023M02', '2023M03'], why: 'Xã Hiếu Liêm gián đoạn báo cáo sau Tết' },
  { unit: '25810', periods: ['2024Q3'], why: 'Xã Thanh Tuyền chưa gửi báo cáo quý III/2024' },
  { unit: '25819', periods: ['2022Q4'], why: 'Xã Cây Trường II chưa gửi báo cáo quý IV/2022' },
  { unit: '25828-TCN', periods: ['2025Q2', '2025M04'], why: 'Tổ CNSCĐ xã Long Nguyên chưa báo cáo' },
  { unit: '722', periods: ['2023Q3'], why: 'Huyện Phú Giáo chưa gửi báo cáo quý III/2023' },
];

const GAP_SET = new Set(DEMO_GAPS.flatMap((g) => g.periods.map((p) => `${g.unit}|${p}`)));

/** Share of commune/team rows dropped at random (deterministically), on top of the named gaps. */
const RANDOM_GAP_RATE = 0.003;

function isGap(ind: IndicatorDefinition, unit: DemoUnit, period: string, anchors: Set<string>): boolean {
  if (anchors.has(period)) return false;
  if (ind.frequency === 'year') return false;
  if (GAP_SET.has(`${unit.code}|${period}`)) return true;
  if (unit.kind !== 'commune' && unit.kind !== 'community_team') return false;
  return u(`gap|${ind.code}|${unit.code}|${period}`) < RANDOM_GAP_RATE;
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

export interface Series {
  /** Per cell, per period index: value (scaled integer for sums), or [num, den] for ratios. */
  values: Array<Array<number | null>>;
  nums?: number[][];
  dens?: number[][];
  scale: number;
}

function seedAnchors(code: string): SeedFigure[] {
  return SEED_FIGURES.filter((s) => s.indicator === code);
}

function indexOfPeriod(periods: Period[], code: string): number {
  const p = mustParse(code);
  return periods.findIndex((q) => q.type === p.type && q.year === p.year && q.index === p.index);
}

/**
 * Where a path heads after mid-2025: on at half its 2022–2025 pace until the end of 2030; a
 * percentage closes at most 60% of its remaining gap to 100, a falling path at most halves,
 * a share of units (booleans) stays within [0, 1].
 */
function horizonValue(ind: IndicatorDefinition, from: number, to: number, lastDefault: number, h: number) {
  let v = to + ((to - from) * (h - lastDefault) * 0.5) / Math.max(1, lastDefault);
  if (v < to) v = Math.max(v, to * 0.5);
  const percent = ind.valueType === 'ratio' || ind.unit === '%';
  if (percent && v > to) v = Math.min(v, to + (100 - to) * 0.6);
  if (ind.valueType === 'boolean') v = Math.min(1, Math.max(0, v));
  return Math.max(0, v);
}

function horizonIndex(type: PeriodType): number {
  return periodsWithin(type, DEFAULT_FROM_M, HORIZON_M).length - 1;
}

function buildSeries(
  ind: IndicatorDefinition,
  trend: DemoTrend,
  periods: Period[],
  lastDefault: number,
  cells: Cell[],
): Series {
  const key = ind.code;
  const n = periods.length;
  const h = horizonIndex(ind.frequency);
  const baseKnots: Knot[] = [
    { i: 0, v: trend.from },
    { i: lastDefault, v: trend.to },
    { i: h, v: horizonValue(ind, trend.from, trend.to, lastDefault, h) },
    ...(trend.knots ?? [])
      .map(([code, v]) => ({ i: indexOfPeriod(periods, code), v }))
      .filter((k) => k.i >= 0),
  ];
  const anchors = seedAnchors(ind.code)
    .map((s) => ({ s, i: indexOfPeriod(periods, s.period) }))
    .filter((a) => a.i >= 0);
  const stock = ind.timeAggregation !== 'sum';

  if (ind.valueType === 'ratio') {
    // Denominator path.
    const [d0, d1] = trend.den ?? [1000, 1000];
    const denKnots: Knot[] = [
      { i: 0, v: d0 },
      { i: lastDefault, v: d1 },
      {
        i: h,
        v: Math.max(1, horizonValue({ ...ind, valueType: 'count', unit: '' }, d0, d1, lastDefault, h)),
      },
    ];
    const exactNum = new Map<number, number>();
    const pctKnots = [...baseKnots];
    for (const { s, i } of anchors) {
      let num = s.numerator;
      let den = s.denominator;
      if (num === undefined || den === undefined) {
        if (s.value === undefined) throw new Error(`seed ${s.indicator} ${s.period}: no value`);
        den = Math.max(100, Math.round(lerpKnots(denKnots, i) / 100) * 100);
        num = (den / 100) * s.value;
        if (!Number.isInteger(num)) throw new Error(`seed ${s.indicator} ${s.period}: ${s.value}% not exact`);
      }
      denKnots.push({ i, v: den });
      pctKnots.push({ i, v: (num / den) * 100 });
      exactNum.set(i, num);
    }
    const dk = sortKnots(denKnots.map((k) => ({ i: k.i, v: Math.round(k.v) })));
    const pk = sortKnots(pctKnots);
    const dens = stock
      ? monotoneIntPath(dk, n, `${key}|den`)
      : noisyPath(dk, periods, `${key}|den`, 0.05, true, true).map((v) => Math.max(1, Math.round(v)));
    const pctScale = 1000; // monotone percentage path in thousandths of a point
    const pct = stock
      ? monotoneIntPath(
          pk.map((k) => ({ i: k.i, v: Math.round(k.v * pctScale) })),
          n,
          `${key}|pct`,
        ).map((v) => v / pctScale)
      : noisyPath(pk, periods, `${key}|pct`, trend.noise ?? 1, false, false);
    const nums = dens.map(
      (d, i) => exactNum.get(i) ?? Math.max(0, Math.min(d, Math.round((pct[i] * d) / 100))),
    );
    // Split denominators, then numerators under the denominators as caps.
    const denCells = stock ? splitStock(dens, cells, `${key}|den`) : splitFlow(dens, cells, `${key}|den`);
    const spread = trend.spread ?? 0.2;
    const numCells = cells.map(() => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) {
      const p = Math.max(0, Math.min(1, nums[i] / Math.max(1, dens[i])));
      const caps = cells.map((_, j) => denCells[j][i]);
      const ideal = cells.map((c, j) => {
        const wobble = 0.15 * sym(`${key}|wob|${i}|${j}`);
        const r = c.rate !== undefined ? p * c.rate : p + spread * (c.lead + wobble) * Math.min(p, 1 - p);
        return caps[j] * Math.max(0.001, Math.min(1, r));
      });
      const parts = distributeCapped(nums[i], ideal, caps);
      parts.forEach((v, j) => {
        numCells[j][i] = v;
      });
    }
    return { values: [], nums: numCells, dens: denCells, scale: 1 };
  }

  if (ind.valueType === 'boolean') {
    const knots = sortKnots([...baseKnots, ...anchors.map(({ s, i }) => ({ i, v: s.value ?? 0 }))]);
    const values = cells.map((c) => {
      const rank = 0.01 + 0.98 * u(`${key}|rank|${c.unit.code}`);
      return periods.map((_, i) => (lerpKnots(knots, i) >= rank ? 1 : 0));
    });
    return { values, scale: 1 };
  }

  // Counts and numbers.
  const decimals = ind.valueType === 'count' ? 0 : (ind.decimals ?? 0);
  const scale = 10 ** decimals;
  const knots = sortKnots([
    ...baseKnots.map((k) => ({ i: k.i, v: Math.round(k.v * scale) })),
    ...anchors.map(({ s, i }) => ({ i, v: Math.round((s.value ?? 0) * scale) })),
  ]);
  const summed = ind.aggregation === 'sum';
  const total = stock
    ? monotoneIntPath(knots, n, `${key}|tot`)
    : noisyPath(knots, periods, `${key}|tot`, trend.noise ?? 0.06, true, true).map((v) =>
        Math.max(0, Math.round(v)),
      );
  if (summed) {
    const values = stock ? splitStock(total, cells, key) : splitFlow(total, cells, key);
    return { values, scale };
  }
  // average / min / max / none: each unit near the path; a single unit gets the path itself.
  const spread = trend.spread ?? 0.2;
  const noise = trend.noise ?? 0.03;
  const values = cells.map((c, j) =>
    total.map((t, i) => {
      if (cells.length === 1) return t;
      const factor = (1 + spread * c.lead * 0.5) * (1 + noise * sym(`${key}|un|${i}|${j}`));
      return Math.max(0, Math.round(t * factor));
    }),
  );
  return { values, scale };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** One indicator's demo series: its periods from 2022, its cells (old units), the values per cell. */
export interface IndicatorSeries {
  ind: IndicatorDefinition;
  periods: Period[];
  cells: Cell[];
  series: Series;
  /** Seed-figure periods (never a gap). */
  anchors: Set<string>;
}

/** Builds an indicator's series for its periods from 2022M01 up to month index `toM` (at least mid-2025). */
export function indicatorSeries(ind: IndicatorDefinition, toM: number): IndicatorSeries {
  const trend = DEMO_TRENDS.get(ind.code);
  if (!trend) throw new Error(`no demo trend for ${ind.code}`);
  const periods = periodsWithin(ind.frequency, DEFAULT_FROM_M, Math.max(toM, DEFAULT_TO_M));
  const lastDefault = periodsWithin(ind.frequency, DEFAULT_FROM_M, DEFAULT_TO_M).length - 1;
  const cells = cellsOf(ind, trend);
  const series = buildSeries(ind, trend, periods, lastDefault, cells);
  const anchors = new Set(seedAnchors(ind.code).map((s) => formatPeriod(mustParse(s.period))));
  return { ind, periods, cells, series, anchors };
}

/** The value (or numerator/denominator) of cell j at period i, as stored. */
export function cellValue(
  s: IndicatorSeries,
  j: number,
  i: number,
): Pick<DemoValue, 'value' | 'numerator' | 'denominator'> {
  if (s.series.nums && s.series.dens) {
    const num = s.series.nums[j][i];
    const den = s.series.dens[j][i];
    return {
      // derived as every write path derives it (domain/aggregate.ts), so a round trip changes nothing
      value: den > 0 ? ratioValue(num, den, s.ind.ratioScale) : null,
      numerator: num,
      denominator: den,
    };
  }
  const v = s.series.values[j][i];
  return { value: v === null ? null : round(v / s.series.scale, 6), numerator: null, denominator: null };
}

/** The old (Bình Dương) values of one series for the periods within months [fromM, toM]. */
export function* oldValues(s: IndicatorSeries, fromM: number, toM: number): Generator<DemoValue> {
  for (let i = 0; i < s.periods.length; i++) {
    const p = s.periods[i];
    if (monthIndex(p, false) < fromM || monthIndex(p, true) > toM) continue;
    const code = formatPeriod(p);
    for (let j = 0; j < s.cells.length; j++) {
      const cell = s.cells[j];
      if (isGap(s.ind, cell.unit, code, s.anchors)) continue;
      const v: DemoValue = {
        indicator: s.ind.code,
        orgUnit: cell.unit.code,
        period: code,
        ...cellValue(s, j, i),
      };
      if (cell.option) v.categoryOption = cell.option;
      yield v;
    }
  }
}

/**
 * Generates the demo values of the old Bình Dương units, deterministically. `from`/`to` are period
 * codes of any type (default 2022M01..2025M06, which is also the bound: the old units closed on
 * 2025-06-30); a period is included when it lies wholly inside [from, to].
 */
export function* generateDemoValues(opts: { from?: string; to?: string } = {}): Generator<DemoValue> {
  const fromM = Math.max(DEFAULT_FROM_M, monthIndex(mustParse(opts.from ?? DEMO_DEFAULT_FROM), false));
  const toM = Math.min(DEFAULT_TO_M, monthIndex(mustParse(opts.to ?? DEMO_DEFAULT_TO), true));
  for (const ind of DEMO_INDICATORS) {
    if (ind.formula) continue;
    yield* oldValues(indicatorSeries(ind, toM), fromM, toM);
  }
}
