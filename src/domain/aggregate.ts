/**
 * The aggregation engine's rules, as pure functions. This is the specification: the SQL in
 * src/repositories/analytics implements the same rules for speed, and a test checks both agree.
 *
 * 1. Disaggregation: the options of one unit and period add up (values, numerators, denominators).
 * 2. Time: one unit's periods inside the asked period combine by the indicator's time rule —
 *    `sum` (flows), `last` (stocks: the unit's latest period that has a value), `average`.
 *    Ratios combine numerators and denominators the same way, never percentages.
 * 3. Units: units combine by the indicator's unit rule — `sum`, `average`, `min`, `max`,
 *    `ratio` (Σnumerator / Σdenominator × scale, never an average of percentages), or `none`.
 *    Each unit counts once; a unit with no value is missing (not zero) and the result says how
 *    many units reported out of how many were expected.
 */
import type { IndicatorRules } from './catalog.js';

export interface RawValue {
  unit: string;
  periodId: number;
  option?: number;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export interface UnitValue {
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface Aggregate {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reported: number;
  expected: number;
}

const isNum = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

export function ratioValue(
  numerator: number | null,
  denominator: number | null,
  scale: number,
): number | null {
  if (!isNum(numerator) || !isNum(denominator) || denominator === 0) return null;
  return (numerator / denominator) * scale;
}

/** Step 1 and 2: one value per unit for the asked period. */
export function perUnit(rules: IndicatorRules, values: RawValue[]): UnitValue[] {
  const isRatio = rules.valueType === 'ratio';
  // 1. options of one unit × period add up
  const cells = new Map<
    string,
    { unit: string; periodId: number; v: number | null; n: number | null; d: number | null }
  >();
  for (const r of values) {
    const key = `${r.unit}\u0000${r.periodId}`;
    let c = cells.get(key);
    if (!c) {
      c = { unit: r.unit, periodId: r.periodId, v: null, n: null, d: null };
      cells.set(key, c);
    }
    if (isNum(r.value)) c.v = (c.v ?? 0) + r.value;
    if (isNum(r.numerator)) c.n = (c.n ?? 0) + r.numerator;
    if (isNum(r.denominator)) c.d = (c.d ?? 0) + r.denominator;
  }
  // 2. periods of one unit combine by the time rule
  const byUnit = new Map<
    string,
    Array<{ periodId: number; v: number | null; n: number | null; d: number | null }>
  >();
  for (const c of cells.values()) {
    const present = isRatio ? isNum(c.n) && isNum(c.d) : isNum(c.v);
    if (!present) continue;
    const list = byUnit.get(c.unit) ?? [];
    list.push(c);
    byUnit.set(c.unit, list);
  }
  const out: UnitValue[] = [];
  for (const [unit, list] of byUnit) {
    let n: number | null = null;
    let d: number | null = null;
    let v: number | null = null;
    const pick = (f: (x: (typeof list)[number]) => number | null) => list.map(f).filter(isNum);
    switch (rules.timeAggregation) {
      case 'sum':
        n = sum(pick((x) => x.n));
        d = sum(pick((x) => x.d));
        v = sum(pick((x) => x.v));
        break;
      case 'average':
        n = mean(pick((x) => x.n));
        d = mean(pick((x) => x.d));
        v = mean(pick((x) => x.v));
        break;
      default: {
        const last = list.reduce((a, b) => (b.periodId > a.periodId ? b : a));
        n = last.n;
        d = last.d;
        v = last.v;
      }
    }
    if (isRatio) out.push({ unit, numerator: n, denominator: d, value: ratioValue(n, d, rules.ratioScale) });
    else out.push({ unit, numerator: null, denominator: null, value: v });
  }
  return out.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

/**
 * What a unit rule chooses from: statistics over the units that reported (a ratio unit reported
 * when it has both parts). The SQL (src/repositories/analytics) computes exactly these, all at
 * once; `unitStatistics` is their definition. Nulls are ignored, as SQL aggregates do.
 */
export interface UnitStatistics {
  /** units that reported */
  reported: number;
  /** Σ, mean, smallest and largest unit value (null when no unit value is a number) */
  sum: number | null;
  avg: number | null;
  min: number | null;
  max: number | null;
  /** the single unit's value when exactly one unit reported, else null */
  one: number | null;
  /** Σnumerator and Σdenominator (ratios) */
  num: number | null;
  den: number | null;
}

export function unitStatistics(rules: IndicatorRules, units: UnitValue[]): UnitStatistics {
  const reportedUnits = units.filter((u) =>
    rules.valueType === 'ratio' ? isNum(u.numerator) && isNum(u.denominator) : isNum(u.value),
  );
  const vals = reportedUnits.map((u) => u.value).filter(isNum);
  const nums = reportedUnits.map((u) => u.numerator).filter(isNum);
  const dens = reportedUnits.map((u) => u.denominator).filter(isNum);
  return {
    reported: reportedUnits.length,
    sum: vals.length ? sum(vals) : null,
    avg: mean(vals),
    min: vals.length ? extreme(vals, -1) : null,
    max: vals.length ? extreme(vals, 1) : null,
    one: reportedUnits.length === 1 && vals.length === 1 ? vals[0] : null,
    num: nums.length ? sum(nums) : null,
    den: dens.length ? sum(dens) : null,
  };
}

/**
 * Step 3, the unit rule: which statistic answers, by the indicator's rules. The one place this
 * choice is made — the spec (acrossUnits) and the engine (services/analytics over the SQL) both call it.
 */
export function selectAggregate(rules: IndicatorRules, s: UnitStatistics, expected: number): Aggregate {
  const base = { reported: s.reported, expected };
  const none = { value: null, numerator: null, denominator: null, ...base };
  if (s.reported === 0) return none;
  const plain = (value: number | null): Aggregate => ({ value, numerator: null, denominator: null, ...base });
  // Σnumerator / Σdenominator × scale, never an average of percentages
  const ratio = (): Aggregate => ({
    value: ratioValue(s.num, s.den, rules.ratioScale),
    numerator: s.num,
    denominator: s.den,
    ...base,
  });
  const isRatio = rules.valueType === 'ratio';
  switch (rules.aggregation) {
    case 'ratio': // a non-ratio indicator cannot be combined as a ratio: it falls back to the sum
    case 'sum': // summing percentages is meaningless: a ratio asked to "sum" adds its parts
      return isRatio ? ratio() : plain(s.sum);
    case 'average':
      return plain(s.avg);
    case 'min':
      return plain(s.min);
    case 'max':
      return plain(s.max);
    case 'none':
      // no combination across units: only a single unit's own value stands
      if (s.reported !== 1) return none;
      return isRatio ? ratio() : plain(s.one);
  }
}

/** Step 3: combine units by the unit rule. */
export function acrossUnits(rules: IndicatorRules, units: UnitValue[], expected: number): Aggregate {
  return selectAggregate(rules, unitStatistics(rules, units), expected);
}

/** The whole engine for one indicator, one unit's subtree and one asked period. */
export function aggregate(rules: IndicatorRules, values: RawValue[], expected: number): Aggregate {
  return acrossUnits(rules, perUnit(rules, values), expected);
}

function sum(xs: number[]): number {
  // Neumaier summation: exact enough for millions of values of mixed size
  let s = 0;
  let c = 0;
  for (const x of xs) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** Smallest (sign -1) or largest (sign 1) value; a loop, since Math.min(...xs) overflows the stack for ~100k units. */
function extreme(xs: number[], sign: 1 | -1): number {
  let best = xs[0];
  for (const x of xs) if ((x - best) * sign > 0) best = x;
  return best;
}

function mean(xs: number[]): number | null {
  return xs.length ? sum(xs) / xs.length : null;
}
