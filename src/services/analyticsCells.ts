/**
 * The analytics engine: the cells of indicators × targets × periods, exact by the rules of
 * src/domain/aggregate.ts, computed from stored values at query time (new data shows at once). The
 * numbers come from the SQL (repositories/analytics, and its rollup for whole provinces and the
 * nation); which of them answers is the domain's choice (selectAggregate): no aggregation rule lives
 * here. The endpoints (GET /api/analytics, latest, trend) are in services/analytics.ts.
 */

import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import type { Database } from '../db/index.js';
import { type Aggregate, selectAggregate, type UnitStatistics } from '../domain/aggregate.js';
import type { IndicatorRules } from '../domain/catalog.js';
import { evaluateFormula, parseFormula } from '../domain/formula.js';
import { expectedSources, type GeoLink, geographyLinks, selectWeighted } from '../domain/geography.js';
import {
  type Period,
  type PeriodType,
  periodEnd,
  periodId,
  periodStart,
  subPeriods,
} from '../domain/period.js';
import { forbidden } from '../errors.js';
import * as repo from '../repositories/analytics.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';

export interface AnalyticsRow {
  indicator: string;
  orgUnit: string;
  orgUnitName: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reported: number;
  expected: number;
  /** geography=…: a partial weight went into the row (absent as recorded). */
  estimated?: boolean;
  /** Why value is null: `not_additive` (a partial weight cannot go into min, max, average or none), `not_valid` (the code names no unit in the period). */
  note?: CellNote;
}

type CellNote = 'not_additive' | 'not_valid';

export type Ind = indicators.IndicatorRow;
export type Unit = units.OrgUnitRow;

const round = (x: number | null) =>
  x === null || x === undefined ? null : Math.round(Number(x) * 1e6) / 1e6;
const rounded = <A extends Aggregate>(a: A): A => ({
  ...a,
  value: round(a.value),
  numerator: round(a.numerator),
  denominator: round(a.denominator),
});
/** The statistics of a target where no unit reported. */
const NO_UNITS: UnitStatistics = {
  reported: 0,
  sum: null,
  avg: null,
  min: null,
  max: null,
  one: null,
  num: null,
  den: null,
};

function rulesOf(i: Ind): IndicatorRules {
  return {
    valueType: i.valueType as IndicatorRules['valueType'],
    aggregation: i.aggregation as IndicatorRules['aggregation'],
    timeAggregation: i.timeAggregation as IndicatorRules['timeAggregation'],
    frequency: i.frequency as PeriodType,
    ratioScale: i.ratioScale,
  };
}

/** The stored periods (of the indicator's frequency) that make up an asked period; [] when it cannot. */
export function storedPeriodsFor(asked: Period, frequency: PeriodType): Period[] {
  if (asked.type === frequency) return [asked];
  return subPeriods(asked, frequency);
}

export type Cell = Aggregate & { estimated?: boolean; note?: CellNote };

/** The row of a named unit that has no version in the period (as recorded). */
export const NOT_VALID: Cell = {
  value: null,
  numerator: null,
  denominator: null,
  reported: 0,
  expected: 0,
  note: 'not_valid',
};

type GeoScope = Awaited<ReturnType<typeof geographyScope>>;

/** The weighted links that express every target (valid on `date`) in that date's units. */
export async function geographyScope(database: Database, date: string, targets: Unit[]) {
  const { versions, lineage } = await repo.geographyInputs(database, await provincesOf(database, targets));
  const links = geographyLinks(
    versions,
    lineage,
    date,
    targets.map((t) => t.id),
  );
  const byId = new Map(versions.map((v) => [v.id, v]));
  const byTarget = new Map<number, GeoLink[]>();
  for (const l of links) byTarget.set(l.targetId, [...(byTarget.get(l.targetId) ?? []), l]);
  return {
    links,
    byId,
    byTarget,
    // a source's province: the level-1 unit on its path (the national root heads every path)
    provinceIds: [
      ...new Set(
        links.map((l) => {
          const path = byId.get(l.sourceId)!.path;
          return path.find((id) => byId.get(id)?.level === 1) ?? path[0];
        }),
      ),
    ],
  };
}

/**
 * The province_id values of the targets' data: each unit's province (itself for a province); for
 * the national root, every province's (all versions) and its own (values stored on the root itself).
 */
async function provincesOf(database: Database, targets: Unit[]): Promise<number[]> {
  const ids = new Set(targets.filter((t) => t.level > 0).map((t) => t.provinceId ?? t.id));
  const roots = targets.filter((t) => t.level === 0);
  if (roots.length)
    for (const id of [...roots.map((t) => t.id), ...(await units.provinceIds(database))]) ids.add(id);
  return [...ids];
}

/** Aggregates the rollup answers exactly (repositories/analytics rollupValues): sum and ratio rules, one row per unit. */
const rollsUp = (i: Ind) => i.category === null && (i.aggregation === 'sum' || i.aggregation === 'ratio');
/** A target whose subtree is whole provinces: a province (its province_id rows) or the national root. */
export const wholeProvinces = (t: Unit) => t.level === 0 || (t.level === 1 && t.provinceId === t.id);

/** Every version feeding a target through lineage must be readable by the caller, or the target is refused. */
export function assertSourcesReadable(actor: Actor, geo: GeoScope, targets: Unit[]) {
  const codeOf = new Map(targets.map((t) => [t.id, t.code]));
  for (const l of geo.links) {
    const src = geo.byId.get(l.sourceId);
    if (src && !policy.canRead(actor, { id: src.id, code: '', path: src.path }))
      throw forbidden(codeOf.get(l.targetId));
  }
}

/**
 * The core: aggregates for every (indicator, asked period, target unit). Derived indicators are
 * evaluated from their operands' aggregates.
 */
export async function computeCells(
  database: Database,
  inds: Ind[],
  periods: Period[],
  targets: Unit[],
  /** Restrict to some (indicator, period index) pairs (with the operands of derived ones); default: every combination. */
  onlyPairs?: (indicatorCode: string, req: number) => boolean,
  /** `geography`: read every period in the units valid on that date (targets must be valid on it). */
  opts: {
    geography?: string;
    scope?: GeoScope;
    actor?: Actor;
    /** Only this category option's values (a breakdown; repositories/analytics.ts `optionId`). */
    optionId?: number;
    /** The statuses that count (default: every one but draft). */
    statuses?: readonly string[];
    /**
     * Only these cells are answered: indicator code → target id → the asked period indices, as
     * inclusive [first, last] ranges (with the operands a wanted derived cell needs). Only they are
     * read — except for an indicator without declared reporting kinds, whose every target is read
     * (its expected count is over "the levels that reported" anywhere); no other cell is built.
     */
    cells?: Map<string, Map<number, Array<[number, number]>>>;
    /**
     * The caller reads only each cell's `value` (and `estimated`), as a ranking does: whole
     * provinces and the nation over a time roll-up are then summed from the rollup (a dozen rows per
     * province for a year of months, not every unit's rows), and those cells' `reported` and
     * `expected` count unit-periods, not units — they must not be shown.
     */
    valuesOnly?: boolean;
  } = {},
): Promise<Map<string, Cell>> {
  const out = new Map<string, Cell>();
  if (inds.length === 0 || periods.length === 0 || targets.length === 0) return out;
  // operands of derived indicators are computed too
  const byCode = new Map(inds.map((i) => [i.code, i]));
  const formulas = new Map<string, ReturnType<typeof parseFormula>>();
  for (const i of inds) {
    if (!i.formula) continue;
    const f = parseFormula(i.formula);
    formulas.set(i.code, f);
    if (f.ok) {
      const missing = f.refs.filter((c) => !byCode.has(c));
      for (const r of await indicators.findByCodes(database, missing)) byCode.set(r.code, r);
    }
  }
  const base = [...byCode.values()].filter((i) => !i.formula);
  const only = withOperands(inds, formulas, onlyPairs && ((code, req) => onlyPairs(code, req)));
  const wanted = opts.cells && wantedCells(opts.cells, formulas, periods.length);
  const map: repo.AggregateQuery['map'] = [];
  let single = true;
  for (const i of base) {
    const anyTarget = wanted?.get(i.code)?.any;
    periods.forEach((p, req) => {
      if (only && !only(i.code, req, 0)) return;
      if (wanted && !anyTarget?.[req]) return;
      const stored = storedPeriodsFor(p, i.frequency as PeriodType);
      if (stored.length !== 1) single = false;
      for (const s of stored) map.push({ indicatorId: i.id, req, periodId: periodId(s) });
    });
  }
  const windows = periods.map((p) => ({ from: periodStart(p), to: periodEnd(p) }));
  // a state (time rule last or average) is expected of the units valid on the period's last day
  const lastDays = windows.map((w) => ({ from: w.to, to: w.to }));
  const geo =
    opts.scope ?? (opts.geography ? await geographyScope(database, opts.geography, targets) : undefined);
  // read in another geography, a target's figures come from other versions: each must be readable
  if (geo && opts.actor) assertSourcesReadable(opts.actor, geo, targets);
  // with a cell filter, the SQL reads only the (indicator, target) pairs it wants — except for an
  // indicator without declared reporting kinds, whose expected count needs every target's levels
  let pairs: repo.AggregateQuery['pairs'];
  if (wanted && !geo) {
    pairs = { indicatorIds: [], targetIds: [] };
    for (const i of base) {
      const byTarget = wanted.get(i.code)?.byTarget;
      for (const t of targets)
        if (i.reportingKinds.length === 0 || byTarget?.has(t.id)) {
          pairs.indicatorIds.push(i.id);
          pairs.targetIds.push(t.id);
        }
    }
  }
  /** The targets whose cells of an indicator are built, each with the periods asked (all: undefined). */
  const targetsOf = (code: string): Array<[Unit, boolean[] | undefined]> => {
    if (!wanted) return targets.map((t) => [t, undefined]);
    const byTarget = wanted.get(code)?.byTarget;
    if (!byTarget) return [];
    return targets.flatMap((t): Array<[Unit, boolean[]]> => {
      const mask = byTarget.get(t.id);
      return mask ? [[t, mask]] : [];
    });
  };
  // whole provinces and the nation, for stored periods, read the rollup where it is exact; the
  // rest (units below a province, time roll-ups, disaggregated or other rules, geography) per unit
  // (the rollup holds every non-draft row of every option: not for open data's statuses or one option)
  // (over a time roll-up, e.g. a year of months, each province's rows are summed straight, where the
  // time rule is sum too: repositories/analytics wholeProvinceValues)
  const whole =
    !geo && opts.statuses === undefined && opts.optionId === undefined ? targets.filter(wholeProvinces) : [];
  const perUnit = whole.length ? targets.filter((t) => !wholeProvinces(t)) : targets;
  const rolled = new Set(
    whole.length
      ? base.filter((i) => rollsUp(i) && (single || i.timeAggregation === 'sum')).map((i) => i.id)
      : [],
  );
  const rolledMap = map.filter((m) => rolled.has(m.indicatorId));
  const wholeValues = async () => {
    if (rolledMap.length === 0) return [];
    if (single || opts.valuesOnly)
      return repo.rollupValues(database, {
        map: rolledMap,
        provinceTargets: whole.filter((t) => t.level > 0),
        nationTargets: whole.filter((t) => t.level === 0),
      });
    const all = await provincesOf(
      database,
      whole.filter((t) => t.level === 0),
    );
    return repo.wholeProvinceValues(database, {
      map: rolledMap,
      targets: whole.map((t) => ({ id: t.id, level: t.level, provinceIds: t.level === 0 ? all : [t.id] })),
    });
  };
  const aggregate = async (ts: Unit[], m: repo.AggregateQuery['map']) =>
    ts.length === 0 || m.length === 0
      ? []
      : repo.aggregateValues(database, {
          map: m,
          targetIds: ts.map((t) => t.id),
          provinceIds: geo?.provinceIds ?? (await provincesOf(database, ts)),
          single,
          ends: windows.map((w) => w.to),
          hasOptions: base.some((i) => i.category !== null),
          optionId: opts.optionId,
          statuses: opts.statuses,
          pairs,
          links: geo && {
            targetIds: geo.links.map((l) => l.targetId),
            sourceIds: geo.links.map((l) => l.sourceId),
            weights: geo.links.map((l) => l.weight),
            depths: geo.links.map((l) => l.depth),
          },
        });
  const values = async () =>
    (
      await Promise.all([
        aggregate(perUnit, map),
        aggregate(
          whole,
          map.filter((m) => !rolled.has(m.indicatorId)),
        ),
        wholeValues(),
      ])
    ).flat();
  // the values and the expected counts are independent: ask for both at once
  const [rows, unitCounts] = await Promise.all([
    values(),
    geo
      ? []
      : units.descendantGroups(
          database,
          targets.map((t) => t.id),
        ),
  ]);
  const rowKey = (indId: number, req: number, targetId: number) => `${indId}:${req}:${targetId}`;
  const found = new Map(rows.map((r) => [rowKey(r.indicatorId, r.req, r.targetId), r]));

  // expected reporters: units of the reporting kinds (or, undeclared, of the levels that reported)
  // valid at some time in the window; each cell counts only its own target's descendants
  const groupsOf = new Map<number, units.DescendantGroup[]>();
  for (const g of unitCounts) {
    const list = groupsOf.get(g.ancestorId);
    if (list) list.push(g);
    else groupsOf.set(g.ancestorId, [g]);
  }
  const expectedUnits = (
    w: { from: string; to: string },
    targetId: number,
    reports: (kind: string, level: number) => boolean,
  ) => {
    let n = 0;
    for (const g of groupsOf.get(targetId) ?? []) {
      if ((g.validFrom !== null && g.validFrom > w.to) || (g.validTo !== null && g.validTo < w.from))
        continue;
      if (reports(g.kind, g.level)) n += g.n;
    }
    return n;
  };
  // undeclared reporting kinds: the levels that reported, over every target, per (indicator, period)
  const levelOf = new Map(targets.map((t) => [t.id, t.level]));
  const reportedLevels = new Map<string, Set<number>>();
  for (const r of rows) {
    const key = `${r.indicatorId}:${r.req}`;
    const set = reportedLevels.get(key) ?? new Set<number>();
    reportedLevels.set(key, set);
    const level = levelOf.get(r.targetId);
    if (level !== undefined) for (const d of r.depths ?? []) set.add(level + d);
  }
  for (const i of base) {
    const rules = rulesOf(i);
    const asked = targetsOf(i.code);
    if (asked.length === 0) continue;
    for (let req = 0; req < periods.length; req++) {
      const levels = reportedLevels.get(`${i.id}:${req}`) ?? new Set<number>();
      const reports = (kind: string, level: number) =>
        i.reportingKinds.length ? i.reportingKinds.includes(kind) : levels.has(level);
      for (const [t, mask] of asked) {
        if (mask && !mask[req]) continue;
        const r = found.get(rowKey(i.id, req, t.id));
        if (geo) {
          // expected: the source units of the reporting kinds that map into the target, valid in the period
          const w = i.timeAggregation === 'sum' ? windows[req] : lastDays[req];
          const expected = expectedSources(geo.byTarget.get(t.id) ?? [], geo.byId, w, (v) =>
            reports(v.kind, v.level),
          );
          const stats = { ...(r ?? NO_UNITS), estimated: r?.estimated ?? false };
          out.set(`${i.code}|${req}|${t.id}`, rounded(selectWeighted(rules, stats, expected)));
          continue;
        }
        const w = i.timeAggregation === 'sum' ? windows[req] : lastDays[req];
        const expected = expectedUnits(w, t.id, reports);
        out.set(`${i.code}|${req}|${t.id}`, rounded(selectAggregate(rules, r ?? NO_UNITS, expected)));
      }
    }
  }
  for (const i of inds) {
    const f = formulas.get(i.code);
    if (!f) continue;
    const asked = targetsOf(i.code);
    for (let req = 0; req < periods.length; req++) {
      for (const [t, mask] of asked) {
        if (mask && !mask[req]) continue;
        if (!f.ok) {
          out.set(`${i.code}|${req}|${t.id}`, {
            value: null,
            numerator: null,
            denominator: null,
            reported: 0,
            expected: 0,
            ...(geo ? { estimated: false } : {}),
          });
          continue;
        }
        const ops = f.refs.map((c) => out.get(`${c}|${req}|${t.id}`));
        out.set(`${i.code}|${req}|${t.id}`, {
          value: evaluateFormula(
            f.ast,
            ops.map((o) => o?.value ?? null),
          ),
          numerator: null,
          denominator: null,
          reported: Math.min(...ops.map((o) => o?.reported ?? 0)),
          expected: Math.max(...ops.map((o) => o?.expected ?? 0)),
          ...(geo ? { estimated: ops.some((o) => o?.estimated) } : {}),
          ...(ops.some((o) => o?.note === 'not_additive') ? { note: 'not_additive' as const } : {}),
        });
      }
    }
  }
  return out;
}

/**
 * The asked cells as masks over the period indices: per indicator, each target's and any target's;
 * a derived indicator's cells ask for the same cells of its operands.
 */
function wantedCells(
  cells: Map<string, Map<number, Array<[number, number]>>>,
  formulas: Map<string, ReturnType<typeof parseFormula>>,
  nPeriods: number,
) {
  const out = new Map<string, { any: boolean[]; byTarget: Map<number, boolean[]> }>();
  const add = (code: string, targetId: number, lo: number, hi: number) => {
    let entry = out.get(code);
    for (let req = Math.max(lo, 0); req <= Math.min(hi, nPeriods - 1); req++) {
      if (!entry) {
        entry = { any: new Array<boolean>(nPeriods).fill(false), byTarget: new Map() };
        out.set(code, entry);
      }
      let mask = entry.byTarget.get(targetId);
      if (!mask) {
        mask = new Array<boolean>(nPeriods).fill(false);
        entry.byTarget.set(targetId, mask);
      }
      mask[req] = true;
      entry.any[req] = true;
    }
  };
  for (const [code, byTarget] of cells)
    for (const [targetId, ranges] of byTarget)
      for (const [lo, hi] of ranges) {
        add(code, targetId, lo, hi);
        const f = formulas.get(code);
        if (f?.ok) for (const r of f.refs) add(r, targetId, lo, hi);
      }
  return out;
}

/** A filter that also lets through the operands of the derived indicators it lets through. */
function withOperands(
  inds: Ind[],
  formulas: Map<string, ReturnType<typeof parseFormula>>,
  wanted: ((indicatorCode: string, req: number, targetId: number) => boolean) | undefined,
) {
  if (!wanted) return undefined;
  const usedBy = new Map<string, string[]>();
  for (const i of inds) {
    const f = formulas.get(i.code);
    if (f?.ok) for (const r of f.refs) usedBy.set(r, [...(usedBy.get(r) ?? []), i.code]);
  }
  return (code: string, req: number, targetId: number) => {
    if (wanted(code, req, targetId)) return true;
    const derived = usedBy.get(code);
    return derived?.some((d) => wanted(d, req, targetId)) ?? false;
  };
}
