/**
 * Analytics: indicator × unit subtree × period aggregates, exact by the rules of
 * src/domain/aggregate.ts, computed from stored values at query time (new data shows at once).
 * The numbers come from the SQL (repositories/analytics); which of them answers is the domain's
 * choice (selectAggregate): no aggregation rule lives here.
 */

import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import type { Database } from '../db/index.js';
import { type Aggregate, selectAggregate, type UnitStatistics } from '../domain/aggregate.js';
import type { IndicatorRules } from '../domain/catalog.js';
import { evaluateFormula, parseFormula } from '../domain/formula.js';
import { expectedSources, type GeoLink, geographyLinks, selectWeighted } from '../domain/geography.js';
import {
  formatPeriod,
  type Period,
  type PeriodType,
  parsePeriod,
  periodEnd,
  periodFromId,
  periodId,
  periodRange,
  periodStart,
  shift,
  subPeriods,
} from '../domain/period.js';
import { currentVersion, overlaps, today, validOn, versionFor } from '../domain/unitVersions.js';
import { AppError, forbidden, notFound } from '../errors.js';
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

type Ind = indicators.IndicatorRow;
type Unit = units.OrgUnitRow;

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

type Cell = Aggregate & { estimated?: boolean; note?: CellNote };

/** The row of a named unit that has no version in the period (as recorded). */
const NOT_VALID: Cell = {
  value: null,
  numerator: null,
  denominator: null,
  reported: 0,
  expected: 0,
  note: 'not_valid',
};

type GeoScope = Awaited<ReturnType<typeof geographyScope>>;

/** The weighted links that express every target (valid on `date`) in that date's units. */
async function geographyScope(database: Database, date: string, targets: Unit[]) {
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
const wholeProvinces = (t: Unit) => t.level === 0 || (t.level === 1 && t.provinceId === t.id);

/** Every version feeding a target through lineage must be readable by the caller, or the target is refused. */
function assertSourcesReadable(actor: Actor, geo: GeoScope, targets: Unit[]) {
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
  const whole =
    single && !geo && opts.statuses === undefined && opts.optionId === undefined
      ? targets.filter(wholeProvinces)
      : [];
  const perUnit = whole.length ? targets.filter((t) => !wholeProvinces(t)) : targets;
  const rolled = new Set(whole.length ? base.filter(rollsUp).map((i) => i.id) : []);
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
        repo.rollupValues(database, {
          map: map.filter((m) => rolled.has(m.indicatorId)),
          provinceTargets: whole.filter((t) => t.level > 0),
          nationTargets: whole.filter((t) => t.level === 0),
        }),
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

/** The versions the codes name at `at` (default: today, else the latest); 404 for a code naming none, 403 unreadable. */
async function readableUnits(
  database: Database,
  actor: Actor,
  codes: string[],
  at?: units.UnitDate,
): Promise<Unit[]> {
  const found = await units.findByCodes(database, codes, at);
  for (const c of codes) {
    const u = found.find((x) => x.code === c);
    if (!u) throw notFound('word.org_unit', c);
    if (!policy.canRead(actor, u)) throw forbidden(c);
  }
  return codes.map((c) => found.find((x) => x.code === c)!);
}

/** A row of the answer: a code, and the version it names in each asked period (none: `not_valid`). */
interface Slot {
  code: string;
  name: string;
  versionIn: Array<Unit | undefined>;
}

/**
 * As recorded: each period read in the units valid in it. A named code answers in every period
 * with the version valid in it (none: a `not_valid` row); with `level`, the units of that level
 * inside the named unit's version of the period, valid in the period (a unit answers only in the
 * periods it is valid in).
 */
async function slotsAsRecorded(
  database: Database,
  actor: Actor,
  codes: string[],
  periods: Period[],
  level?: number,
): Promise<Slot[]> {
  const versions = await units.versionsByCodes(database, codes);
  const windows = periods.map((p) => ({ from: periodStart(p), to: periodEnd(p) }));
  const roots = codes.map((code) => {
    const mine = versions.filter((v) => v.code === code);
    const versionIn = windows.map((w) => versionFor(mine, w));
    // the versions read must be readable; when none is valid in the asked periods, the code's current one
    const used = versionIn.filter((v) => v !== undefined);
    const shown = used.at(-1) ?? currentVersion(mine, today());
    if (!shown) throw notFound('word.org_unit', code);
    for (const v of used.length ? used : [shown]) if (!policy.canRead(actor, v)) throw forbidden(code);
    return { code, name: shown.name, versionIn };
  });
  if (level === undefined) return roots;
  const below = new Map<number, Unit[]>();
  for (const r of roots)
    for (const v of r.versionIn)
      if (v && !below.has(v.id)) below.set(v.id, await units.unitsAtLevel(database, v.id, level));
  const slots = new Map<number, Slot>();
  for (const r of roots)
    r.versionIn.forEach((root, req) => {
      for (const u of root ? below.get(root.id)! : []) {
        if (!overlaps(u, windows[req])) continue;
        const slot = slots.get(u.id) ?? {
          code: u.code,
          name: u.name,
          versionIn: periods.map(() => undefined),
        };
        slot.versionIn[req] = u;
        slots.set(u.id, slot);
      }
    });
  return [...slots.values()];
}

/** geography=G: the codes (and, with `level`, the units of that level inside them) valid on G, in every period. */
async function slotsInGeography(
  database: Database,
  actor: Actor,
  codes: string[],
  periods: Period[],
  geography: string,
  level?: number,
): Promise<Slot[]> {
  let targets = await readableUnits(database, actor, codes, geography);
  if (level !== undefined) {
    const all: Unit[] = [];
    for (const r of targets)
      all.push(...(await units.unitsAtLevel(database, r.id, level)).filter((u) => validOn(u, geography)));
    targets = all;
  }
  return targets.map((t) => ({ code: t.code, name: t.name, versionIn: periods.map(() => t) }));
}

/** The cells of every slot in every period it answers in, as rows. */
async function slotCells(
  database: Database,
  inds: Ind[],
  periods: Period[],
  slots: Slot[],
  geography: string | undefined,
  actor: Actor,
) {
  const targets = [
    ...new Map(
      slots.flatMap((s) => s.versionIn.filter((v) => v !== undefined)).map((v) => [v.id, v]),
    ).values(),
  ];
  const cells = await computeCells(database, inds, periods, targets, undefined, { geography, actor });
  return (i: Ind, slot: Slot, req: number): Cell | undefined => {
    const v = slot.versionIn[req];
    return v ? cells.get(`${i.code}|${req}|${v.id}`) : undefined;
  };
}

async function knownIndicators(database: Database, codes: string[]): Promise<Ind[]> {
  const found = await indicators.findByCodes(database, codes);
  for (const c of codes) if (!found.some((x) => x.code === c)) throw notFound('word.indicator', c);
  return codes.map((c) => found.find((x) => x.code === c)!);
}

function parsePeriods(codes: string[]): Period[] {
  return codes.map((c) => {
    const p = parsePeriod(c);
    if (!p)
      throw new AppError(400, 'validation', 'error.validation', { count: 1 }, [
        { field: 'period', message: `invalid period "${c}"` },
      ]);
    return p;
  });
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** GET /api/analytics */
export async function analytics(
  database: Database,
  actor: Actor,
  q: { indicator: string; orgUnit: string; period: string; level?: number; geography?: string },
): Promise<AnalyticsRow[]> {
  const inds = await knownIndicators(database, list(q.indicator));
  const periods = parsePeriods(list(q.period));
  const codes = list(q.orgUnit);
  const slots = q.geography
    ? await slotsInGeography(database, actor, codes, periods, q.geography, q.level)
    : await slotsAsRecorded(database, actor, codes, periods, q.level);
  const cellOf = await slotCells(database, inds, periods, slots, q.geography, actor);
  const rows: AnalyticsRow[] = [];
  for (const i of inds)
    for (const slot of slots)
      periods.forEach((p, req) => {
        const c = cellOf(i, slot, req) ?? (q.level === undefined ? NOT_VALID : undefined);
        if (c)
          rows.push({
            indicator: i.code,
            orgUnit: slot.code,
            orgUnitName: slot.name,
            period: formatPeriod(p),
            ...c,
          });
      });
  return rows;
}

/** The last period id that has ended on or before a date (periods sort by end date). */
export function maxPeriodIdAsOf(asOf: string): number {
  const [y, m, d] = asOf.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const [yy, mm] = d >= lastDay ? [y, m] : m === 1 ? [y - 1, 12] : [y, m - 1];
  return (yy * 100 + mm) * 10 + 9;
}

/** GET /api/analytics/latest: each indicator's latest period with data in the unit's subtree, and the one before. */
export async function latest(
  database: Database,
  actor: Actor,
  q: { orgUnit: string; pillar?: string; asOf?: string; geography?: string },
) {
  const [unit] = await readableUnits(database, actor, [q.orgUnit], q.geography);
  const all = (await indicators.all(database)).filter(
    (i) => !i.formula && (!q.pillar || i.pillar === q.pillar),
  );
  const maxId = maxPeriodIdAsOf(q.asOf ?? new Date().toISOString().slice(0, 10));
  const scope = q.geography ? await geographyScope(database, q.geography, [unit]) : undefined;
  if (scope) assertSourcesReadable(actor, scope, [unit]);
  const lp = scope
    ? await repo.latestPeriodsOfUnits(database, {
        indicatorIds: all.map((i) => i.id),
        provinceIds: scope.provinceIds,
        unitIds: scope.links.map((l) => l.sourceId),
        maxPeriodId: maxId,
      })
    : await repo.latestPeriods(database, {
        indicatorIds: all.map((i) => i.id),
        provinceId: unit.provinceId ?? unit.id,
        unitId: unit.id,
        whole: unit.level === 0 ? 'nation' : wholeProvinces(unit) ? 'province' : null,
        maxPeriodId: maxId,
      });
  const latestOf = new Map(
    lp.filter((r) => r.periodId !== null).map((r) => [r.indicatorId, r.periodId as number]),
  );
  // every indicator's latest period and the one before, in one aggregate query
  const withData = all.filter((i) => latestOf.has(i.id));
  const periodIds = [
    ...new Set(
      withData.flatMap((i) => {
        const p = periodFromId(latestOf.get(i.id)!);
        return [periodId(p), periodId(shift(p, -1))];
      }),
    ),
  ];
  const periods = periodIds.map(periodFromId);
  const index = new Map(periodIds.map((id, k) => [id, k]));
  const wanted = new Map(
    withData.map((i) => {
      const p = periodFromId(latestOf.get(i.id)!);
      return [i.code, [index.get(periodId(p))!, index.get(periodId(shift(p, -1)))!]];
    }),
  );
  const cells = await computeCells(
    database,
    withData,
    periods,
    [unit],
    (code, req) => wanted.get(code)?.includes(req) ?? false,
    { scope },
  );
  const items = [];
  for (const i of withData) {
    const [cur, prev] = wanted.get(i.code)!;
    const now = cells.get(`${i.code}|${cur}|${unit.id}`)!;
    const before = cells.get(`${i.code}|${prev}|${unit.id}`)!;
    items.push({
      indicator: i.code,
      name: i.name,
      nameEn: i.nameEn,
      unit: i.unit,
      pillar: i.pillar,
      field: i.field,
      polarity: i.polarity,
      valueType: i.valueType,
      frequency: i.frequency,
      period: formatPeriod(periods[cur]),
      value: now.value,
      numerator: now.numerator,
      denominator: now.denominator,
      reported: now.reported,
      expected: now.expected,
      ...(scope ? { estimated: now.estimated ?? false } : {}),
      ...(now.note ? { note: now.note } : {}),
      previousPeriod: formatPeriod(periods[prev]),
      previousValue: before?.value ?? null,
    });
  }
  items.sort((a, b) => (a.indicator < b.indicator ? -1 : 1));
  return { orgUnit: unit.code, items };
}

/** GET /api/analytics/trend: one indicator over a run of periods of its frequency. */
export async function trend(
  database: Database,
  actor: Actor,
  q: { indicator: string; orgUnit: string; from: string; to: string; geography?: string },
) {
  const [ind] = await knownIndicators(database, [q.indicator]);
  const [from, to] = parsePeriods([q.from, q.to]);
  const type = ind.frequency as PeriodType;
  const f = storedPeriodsFor(from, type)[0] ?? from;
  const tt = storedPeriodsFor(to, type);
  const t = tt[tt.length - 1] ?? to;
  const periods = f.type === type && t.type === type ? periodRange(f, t).slice(0, 600) : [];
  const [unit] = q.geography
    ? await slotsInGeography(database, actor, [q.orgUnit], periods, q.geography)
    : await slotsAsRecorded(database, actor, [q.orgUnit], periods);
  if (periods.length === 0) return { rows: [] };
  const cellOf = await slotCells(database, [ind], periods, [unit], q.geography, actor);
  return {
    rows: periods.map((p, req) => ({ period: formatPeriod(p), ...(cellOf(ind, unit, req) ?? NOT_VALID) })),
  };
}
