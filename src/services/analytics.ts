/**
 * Analytics: indicator × unit subtree × period aggregates, exact by the rules of
 * src/domain/aggregate.ts, computed from stored values at query time (new data shows at once).
 * The endpoints (GET /api/analytics, latest, trend); the cells themselves are computed by
 * services/analyticsCells.ts (computeCells), re-exported here for the services that use them.
 */

import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import type { Database } from '../db/index.js';
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
} from '../domain/period.js';
import { currentVersion, overlaps, today, validOn, versionFor } from '../domain/unitVersions.js';
import { AppError, forbidden, notFound } from '../errors.js';
import * as repo from '../repositories/analytics.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';

export * from './analyticsCells.js';

import {
  type AnalyticsRow,
  assertSourcesReadable,
  type Cell,
  computeCells,
  geographyScope,
  type Ind,
  NOT_VALID,
  storedPeriodsFor,
  type Unit,
  wholeProvinces,
} from './analyticsCells.js';

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
