/**
 * Demo values in today's units (Hồ Chí Minh City's tree from 2025-07-01), GENERATED relative to
 * a given `today`: every month, quarter and year that has ended after 2025-06 up to the last
 * complete one. They are the Bình Dương part of HCMC continuing its paths: values.ts continues
 * each old unit's series after mid-2025, and this module carries those continued figures into the
 * new units by the demo's lineage (lineage.ts):
 *  - sums: each old figure is split over its successors by share (integer apportionment), so a
 *    total over the new units equals the old units' continued total — a chart across 2025-07-01
 *    is continuous;
 *  - ratios: numerators and denominators are split the same way (Σnum/Σden is kept);
 *  - averages, minima, maxima, single figures: the successors take the share-weighted mean (max,
 *    min) of the figures that went into them; booleans: whether any did.
 * A successor of a kind the indicator does not take from (a district's figures for a ward when
 * communes may not report it) gets nothing: district-only indicators end with the districts.
 * Only the wards formed from the demo's communes report; HCMC's other wards have no demo data.
 */
import { ratioValue } from '../domain/aggregate.js';
import type { IndicatorDefinition } from '../domain/catalog.js';
import { formatPeriod } from '../domain/period.js';
import { DEMO_INDICATORS } from './catalog.js';
import { HCMC_UNITS } from './hcmcUnits.js';
import { successors } from './lineage.js';
import {
  apportion,
  DEFAULT_FROM_M,
  DEFAULT_TO_M,
  type DemoValue,
  distributeCapped,
  type IndicatorSeries,
  indicatorSeries,
  monthIndex,
  mustParse,
  oldValues,
  u,
} from './values.js';

/** Month index (year × 12 + month − 1) of the first month in the new units. */
export const BREAK_M = monthIndex(mustParse('2025M07'), false);

/** Month index of the last month that ended before `today` (YYYY-MM-DD). */
export function lastCompleteMonth(today: string): number {
  return Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 2;
}

/** The named gap of today's demo: a ward that has not reported its latest month or quarter. */
export const CURRENT_GAP = { unit: '25840', why: 'Phường Long Nguyên chưa gửi báo cáo kỳ gần nhất' };

const KIND = new Map(HCMC_UNITS.map((x) => [x.code, x.kind]));
const SUCCESSORS = successors();

function isGap(ind: IndicatorDefinition, code: string, period: string, last: boolean): boolean {
  if (ind.frequency === 'year') return false;
  if (last && code === CURRENT_GAP.unit) return true;
  const kind = KIND.get(code);
  if (kind !== 'commune' && kind !== 'community_team') return false;
  return u(`gap|${ind.code}|${code}|${period}`) < 0.003;
}

interface Acc {
  code: string;
  option?: string;
  total: number;
  num: number;
  den: number;
  /** Figures that went in, with their shares (non-additive rules). */
  parts: Array<{ v: number; share: number }>;
}

function combine(ind: IndicatorDefinition, parts: Acc['parts']): number {
  const vs = parts.map((p) => p.v);
  if (ind.valueType === 'boolean' || ind.aggregation === 'max') return Math.max(...vs);
  if (ind.aggregation === 'min') return Math.min(...vs);
  const w = parts.reduce((a, p) => a + p.share, 0);
  return Math.round(parts.reduce((a, p) => a + p.v * p.share, 0) / w);
}

/** The new units' values of one series for the periods ending after 2025-06, up to month `toM`. */
export function* currentValues(s: IndicatorSeries, toM: number): Generator<DemoValue> {
  const { ind, series } = s;
  const kinds: string[] = ind.reportingKinds?.length ? ind.reportingKinds : ['province'];
  const additive = ind.valueType !== 'boolean' && ind.aggregation === 'sum';
  const targets = s.cells.map((c) =>
    (SUCCESSORS.get(c.unit.code) ?? []).filter((t) => kinds.includes(KIND.get(t.code) ?? '')),
  );
  const lastIndex = s.periods.findLastIndex((p) => monthIndex(p, true) <= toM);
  for (let i = 0; i <= lastIndex; i++) {
    const p = s.periods[i];
    if (monthIndex(p, true) < BREAK_M) continue;
    const acc = new Map<string, Acc>();
    s.cells.forEach((cell, j) => {
      const to = targets[j];
      if (to.length === 0) return;
      const shares = to.map((t) => t.share);
      const get = (k: number) => {
        const key = `${to[k].code}|${cell.option ?? ''}`;
        let a = acc.get(key);
        if (!a) {
          a = { code: to[k].code, option: cell.option, total: 0, num: 0, den: 0, parts: [] };
          acc.set(key, a);
        }
        return a;
      };
      if (series.nums && series.dens) {
        const dens = apportion(series.dens[j][i], shares);
        const nums = distributeCapped(series.nums[j][i], dens, dens);
        to.forEach((_, k) => {
          get(k).num += nums[k];
          get(k).den += dens[k];
        });
        return;
      }
      const v = series.values[j][i] ?? 0;
      const split = additive ? apportion(v, shares) : null;
      to.forEach((t, k) => {
        if (split) get(k).total += split[k];
        else get(k).parts.push({ v, share: t.share });
      });
    });
    const period = formatPeriod(p);
    for (const a of acc.values()) {
      if (isGap(ind, a.code, period, i === lastIndex)) continue;
      const out: DemoValue = {
        indicator: ind.code,
        orgUnit: a.code,
        period,
        value: null,
        numerator: null,
        denominator: null,
      };
      if (a.option) out.categoryOption = a.option;
      if (series.nums) {
        out.numerator = a.num;
        out.denominator = a.den;
        out.value = a.den > 0 ? ratioValue(a.num, a.den, ind.ratioScale) : null;
      } else {
        const scaled = additive ? a.total : combine(ind, a.parts);
        out.value = Math.round((scaled / series.scale) * 1e6) / 1e6;
      }
      yield out;
    }
  }
}

/** Today's demo values only (the new units), up to the last month that ended before `today`. */
export function* generateCurrentValues(today: string): Generator<DemoValue> {
  const toM = lastCompleteMonth(today);
  for (const ind of DEMO_INDICATORS) if (!ind.formula) yield* currentValues(indicatorSeries(ind, toM), toM);
}

/**
 * Everything the demo stores, each series built once: the old units' history 2022M01–2025M06
 * (exactly generateDemoValues()) and today's values in the new units.
 */
export function* generateAllDemoValues(today: string): Generator<DemoValue> {
  const toM = lastCompleteMonth(today);
  for (const ind of DEMO_INDICATORS) {
    if (ind.formula) continue;
    const s = indicatorSeries(ind, toM);
    yield* oldValues(s, DEFAULT_FROM_M, DEFAULT_TO_M);
    yield* currentValues(s, toM);
  }
}
