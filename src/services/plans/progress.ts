/**
 * Targets' progress as of a date (src/domain/progress.ts) from the exact aggregates of
 * src/services/analytics.ts; the progress thresholds setting.
 */

import { policy } from '../../access/index.js';
import { planPolicy } from '../../access/plans.js';
import type { Database } from '../../db/index.js';
import {
  formatPeriod,
  lastEndedPeriod,
  type Period,
  type PeriodType,
  parsePeriod,
  periodEnd,
  periodId,
  periodRange,
  periodStart,
} from '../../domain/period.js';
import {
  type Comparator,
  computeProgress,
  DEFAULT_THRESHOLDS,
  dayNumber,
  type ProgressResult,
  type Thresholds,
  thresholdProblems,
} from '../../domain/progress.js';
import { forbidden, notFound } from '../../errors.js';
import type { Lang } from '../../i18n/index.js';
import { ptx } from '../../i18n/plans.js';
import { appendAudit } from '../../repositories/audit.js';
import * as indicators from '../../repositories/indicators.js';
import * as units from '../../repositories/orgUnits.js';
import * as repo from '../../repositories/plans.js';
import { computeCells } from '../analytics.js';
import type { Actor } from '../auth.js';
import {
  actorGrantUnits,
  auditOf,
  checkAsOf,
  fail,
  type Ind,
  maxP,
  minP,
  notFoundOf,
  planIdOf,
  scopeOf,
  storedPeriod,
  THRESHOLDS_KEY,
  type Unit,
  unitsById,
  within,
} from './common.js';
import { presentTargetDefinition } from './targets.js';
import { presentTaskBasic, readableTasks } from './tasks.js';

// ---------------------------------------------------------------------------------------------
// Targets: progress
// ---------------------------------------------------------------------------------------------

export async function getThresholds(database: Database): Promise<Thresholds> {
  const v = (await repo.getSetting(database, THRESHOLDS_KEY)) as Partial<Thresholds> | undefined;
  if (v && typeof v.onTrack === 'number' && typeof v.atRisk === 'number') {
    const t = { onTrack: v.onTrack, atRisk: v.atRisk };
    if (thresholdProblems(t).length === 0) return t;
  }
  return DEFAULT_THRESHOLDS;
}

export async function setThresholds(
  database: Database,
  actor: Actor,
  lang: Lang,
  t: Thresholds,
  ip: string | null,
): Promise<Thresholds> {
  if (!planPolicy.canSetThresholds(actor)) throw forbidden();
  const problems = thresholdProblems(t);
  if (problems.length)
    fail(
      lang,
      problems.map((reason) => ({ field: 'thresholds', rule: 'plans.thresholds', params: { reason } })),
    );
  const before = await getThresholds(database);
  await database.transaction(async (tx) => {
    await repo.putSetting(tx, THRESHOLDS_KEY, t);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'update',
      entity: 'setting',
      key: THRESHOLDS_KEY,
      before,
      after: t,
    });
  });
  return t;
}

/** One period's aggregate of an item. */
interface Reading {
  period: Period;
  value: number | null;
  reported: number;
  expected: number;
}

/** One (target, unit) pair: a level-wide target has one per unit. */
interface Item {
  target: repo.TargetRow;
  ind: Ind;
  unit: Unit;
  lead: Unit | null;
  /** Baseline and deadline as stored periods of the indicator's frequency. */
  p0: Period;
  p1: Period;
}

export interface EvaluatedItem {
  item: Item;
  progress: ProgressResult;
  baselineValue: number | null;
  /** Values from the baseline to the last period counted (for charts). */
  series: Array<{ period: string; value: number | null }>;
  /** Reporters at the latest ended period (not after the deadline): for "units without data". */
  latestPeriod: string | null;
  latestReported: number | null;
  latestExpected: number | null;
}

function validAt(u: Unit, from: string, to: string) {
  return (!u.validFrom || u.validFrom <= to) && (!u.validTo || u.validTo >= from);
}

async function expandItems(database: Database, targets: repo.TargetRow[], asOf: string): Promise<Item[]> {
  const inds = new Map(
    (await indicators.findByCodes(database, [...new Set(targets.map((t) => t.indicator))])).map((i) => [
      i.id,
      i,
    ]),
  );
  const unitIds = targets.flatMap((t) => [t.scopeUnitId, ...(t.leadUnitId ? [t.leadUnitId] : [])]);
  const byId = await unitsById(database, unitIds);
  const levelCache = new Map<string, Unit[]>();
  const items: Item[] = [];
  for (const t of targets) {
    const ind = inds.get(t.indicatorId);
    const scope = byId.get(t.scopeUnitId);
    const b = parsePeriod(t.baselinePeriod);
    const d = parsePeriod(t.deadlinePeriod);
    if (!ind || !scope || !b || !d) continue;
    const freq = ind.frequency as PeriodType;
    const p0 = storedPeriod(b, freq);
    const p1 = storedPeriod(d, freq);
    if (!p0 || !p1) continue;
    let list: Unit[] = [scope];
    if (t.scopeLevel !== null) {
      const key = `${scope.id}:${t.scopeLevel}`;
      if (!levelCache.has(key))
        levelCache.set(key, await units.unitsAtLevel(database, scope.id, t.scopeLevel));
      list = (levelCache.get(key) ?? []).filter(
        (u) =>
          (!t.scopeKind || u.kind === t.scopeKind) &&
          validAt(u, periodStart(p0), asOf < periodEnd(p1) ? asOf : periodEnd(p1)),
      );
    }
    const lead = t.leadUnitId ? (byId.get(t.leadUnitId) ?? null) : null;
    for (const unit of list) items.push({ target: t, ind, unit, lead, p0, p1 });
  }
  return items;
}

async function evaluateItems(
  database: Database,
  items: Item[],
  asOf: string,
  thresholds: Thresholds,
): Promise<EvaluatedItem[]> {
  // values per item: key `${itemIndex}` → Map(periodCode → {period, value, reported, expected})
  const values = new Map<number, Map<string, Reading>>();
  // the last period each item reads
  const lastOf = (it: Item) => {
    const freq = it.ind.frequency as PeriodType;
    const le = lastEndedPeriod(asOf, freq);
    return periodId(le) < periodId(it.p0) ? it.p0 : minP(le, it.p1);
  };
  // 1. whole-indicator items, grouped by frequency: one computeCells per group
  const groups = new Map<string, number[]>();
  items.forEach((it, i) => {
    if (it.target.categoryOptionId !== null) return;
    const group = groups.get(it.ind.frequency);
    if (group) group.push(i);
    else groups.set(it.ind.frequency, [i]);
  });
  for (const [, idx] of groups) {
    let from = items[idx[0]].p0;
    let to = lastOf(items[idx[0]]);
    for (const i of idx) {
      from = minP(from, items[i].p0);
      to = maxP(to, lastOf(items[i]));
    }
    const periods = periodRange(from, to);
    const inds = [...new Map(idx.map((i) => [items[i].ind.id, items[i].ind])).values()];
    const us = [...new Map(idx.map((i) => [items[i].unit.id, items[i].unit])).values()];
    // only the cells the items read: each item's indicator and unit over its own periods
    const reqOf = new Map(periods.map((p, req) => [periodId(p), req]));
    // indicator → unit → the [first, last] period indices its items read
    const ranges = new Map<string, Map<number, Array<[number, number]>>>();
    for (const i of idx) {
      const it = items[i];
      const lo = reqOf.get(periodId(it.p0)) ?? 0;
      const hi = reqOf.get(periodId(lastOf(it))) ?? periods.length - 1;
      const byUnit = ranges.get(it.ind.code) ?? new Map<number, Array<[number, number]>>();
      ranges.set(it.ind.code, byUnit);
      byUnit.set(it.unit.id, [...(byUnit.get(it.unit.id) ?? []), [lo, hi]]);
    }
    const cells = await computeCells(database, inds, periods, us, undefined, { cells: ranges });
    for (const i of idx) {
      const it = items[i];
      const m = new Map<string, Reading>();
      const lo = periodId(it.p0);
      const hi = periodId(lastOf(it));
      periods.forEach((p, req) => {
        const pid = periodId(p);
        if (pid < lo || pid > hi) return;
        const c = cells.get(`${it.ind.code}|${req}|${it.unit.id}`);
        m.set(formatPeriod(p), {
          period: p,
          value: c?.value ?? null,
          reported: c?.reported ?? 0,
          expected: c?.expected ?? 0,
        });
      });
      values.set(i, m);
    }
  }
  // 2. one category option of a disaggregated indicator
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.target.categoryOptionId === null) continue;
    const periods = periodRange(it.p0, lastOf(it));
    const rows = await repo.optionAggregates(database, {
      indicatorId: it.ind.id,
      optionId: it.target.categoryOptionId,
      periodIds: periods.map(periodId),
      unitIds: [it.unit.id],
      provinceIds: [it.unit.provinceId ?? it.unit.id],
    });
    const byPid = new Map(rows.map((r) => [r.periodId, r]));
    const m = new Map<string, Reading>();
    for (const p of periods) {
      const r = byPid.get(periodId(p));
      m.set(formatPeriod(p), {
        period: p,
        value: r?.value === null || r?.value === undefined ? null : Math.round(r.value * 1e6) / 1e6,
        reported: r?.reported ?? 0,
        expected: r ? r.reported : 1,
      });
    }
    values.set(i, m);
  }
  // 3. progress
  return items.map((it, i) => {
    const m = values.get(i) ?? new Map();
    const p0c = formatPeriod(it.p0);
    const b = it.target.baselineValue ?? m.get(p0c)?.value ?? null;
    const series = [...m.entries()].map(([period, v]) => ({ period, value: v.value }));
    // the periods as parsed already (not their codes again)
    const history = [...m.entries()].flatMap(([period, v]) =>
      period === p0c ? [] : [{ period: v.period, value: v.value }],
    );
    const progress = computeProgress({
      baseline: { value: b, period: it.p0 },
      target: { value: it.target.targetValue, period: it.p1, comparator: it.target.comparator as Comparator },
      history,
      asOf,
      thresholds,
    });
    const le = lastEndedPeriod(asOf, it.ind.frequency as PeriodType);
    const latest =
      periodId(le) > periodId(it.p0) && periodId(le) <= periodId(it.p1) ? formatPeriod(le) : null;
    const lv = latest ? m.get(latest) : undefined;
    return {
      item: it,
      progress,
      baselineValue: b,
      series,
      latestPeriod: latest,
      latestReported: lv ? lv.reported : null,
      latestExpected: lv ? lv.expected : null,
    };
  });
}

export function presentItem(e: EvaluatedItem, lang: Lang = 'vi') {
  const { item: it, progress: pr } = e;
  const t = it.target;
  return {
    id: t.id,
    plan: t.plan,
    indicator: t.indicator,
    indicatorName: lang === 'en' ? it.ind.nameEn : it.ind.name,
    measure: it.ind.unit,
    pillar: it.ind.pillar,
    field: it.ind.field,
    frequency: it.ind.frequency,
    valueType: it.ind.valueType,
    categoryOption: t.categoryOption,
    orgUnit: it.unit.code,
    orgUnitName: it.unit.name,
    orgUnitLevel: it.unit.level,
    scope: { orgUnit: t.scopeUnit, level: t.scopeLevel, kind: t.scopeKind },
    baseline: { value: e.baselineValue, period: t.baselinePeriod },
    target: { value: t.targetValue, period: t.deadlinePeriod, comparator: t.comparator },
    deadline: periodEnd(it.p1),
    current: { value: pr.current?.value ?? null, period: pr.current?.period ?? null },
    done: pr.done,
    elapsed: pr.elapsed,
    pace: pr.pace,
    status: pr.status,
    statusLabel: ptx(lang, `plans.status.${pr.status}`),
    anticipated: { value: pr.anticipated?.value ?? null, meets: pr.anticipated?.meets ?? null },
    leadUnit: t.leadUnit,
    leadUnitName: t.leadUnitName,
    responsiblePerson: t.responsiblePerson,
    latestPeriod: e.latestPeriod,
    reported: e.latestReported,
    expected: e.latestExpected,
  };
}

export interface TargetQuery {
  plan?: string;
  orgUnit?: string;
  status?: string;
  asOf?: string;
  leadUnit?: string;
  indicator?: string;
}

/** The visible, filtered, evaluated items of the targets. */
export async function visibleItems(
  database: Database,
  actor: Actor,
  lang: Lang,
  q: TargetQuery,
  targetId?: number,
) {
  const asOf = checkAsOf(lang, q.asOf);
  const planId = await planIdOf(database, q.plan);
  let targets =
    targetId !== undefined
      ? await repo.findTargetsByIds(database, [targetId])
      : await repo.listTargets(database, { planId });
  if (q.indicator) targets = targets.filter((t) => t.indicator === q.indicator);
  if (q.leadUnit) targets = targets.filter((t) => t.leadUnit === q.leadUnit);
  let filterUnit: Unit | undefined;
  if (q.orgUnit) {
    // the version valid on asOf, else (a closed unit) its latest, as every endpoint resolves a code
    filterUnit =
      (q.asOf ? await units.findByCode(database, q.orgUnit, asOf) : undefined) ??
      (await units.findByCode(database, q.orgUnit));
    if (!filterUnit) throw notFound('word.org_unit', q.orgUnit);
    // a unit named outright that the actor may not read is refused (as analytics does), not answered empty
    if (!policy.canRead(actor, filterUnit)) throw forbidden(q.orgUnit);
  }
  let items = await expandItems(database, targets, asOf);
  items = items.filter((it) => planPolicy.canReadItem(actor, it.unit, it.lead));
  if (filterUnit) {
    const f = filterUnit;
    items = items.filter((it) => within(it.unit, f) || (it.lead !== null && within(it.lead, f)));
  }
  const thresholds = await getThresholds(database);
  let evaluated = await evaluateItems(database, items, asOf, thresholds);
  if (q.status) {
    const wanted = new Set(q.status.split(',').map((s) => s.trim()));
    evaluated = evaluated.filter((e) => wanted.has(e.progress.status));
  }
  return { asOf, thresholds, evaluated };
}

/** GET /api/targets */
export async function listTargetProgress(database: Database, actor: Actor, lang: Lang, q: TargetQuery) {
  const { asOf, thresholds, evaluated } = await visibleItems(database, actor, lang, q);
  return { asOf, thresholds, items: evaluated.map((e) => presentItem(e, lang)) };
}

/** GET /api/targets/:id — the definition, its items, and one unit's series for the chart. */
export async function getTarget(
  database: Database,
  actor: Actor,
  lang: Lang,
  id: number,
  q: { asOf?: string; orgUnit?: string },
) {
  const t = await repo.findTarget(database, id);
  if (!t) throw notFoundOf('target', id);
  const { asOf, thresholds, evaluated } = await visibleItems(database, actor, lang, { asOf: q.asOf }, id);
  const [plan] = await repo.findPlansByIds(database, [t.planId]);
  const byId = await unitsById(database, [t.scopeUnitId, ...(t.leadUnitId ? [t.leadUnitId] : [])]);
  const unit = byId.get(t.scopeUnitId);
  const lead = t.leadUnitId ? (byId.get(t.leadUnitId) ?? null) : null;
  if (!unit || !planPolicy.canReadTarget(actor, scopeOf(plan), unit, lead, evaluated.length)) {
    // a plan the caller may not see hides its targets; within a visible plan the refusal is plain
    if (!planPolicy.canRead(actor, scopeOf(plan), await actorGrantUnits(database, actor)))
      throw notFoundOf('target', id);
    throw forbidden(t.scopeUnit);
  }
  const chosen = evaluated.find((e) => e.item.unit.code === q.orgUnit) ?? evaluated[0];
  let chart = null;
  if (chosen) {
    const it = chosen.item;
    const b = chosen.baselineValue;
    const d0 = dayNumber(periodEnd(it.p0));
    const d1 = dayNumber(periodEnd(it.p1));
    // the expected path: straight from the baseline to the target; and the trend to the deadline
    const freq = it.ind.frequency as PeriodType;
    const all = periodRange(it.p0, maxP(it.p1, it.p0));
    const expected = all.map((p) => ({
      period: formatPeriod(p),
      value:
        b === null
          ? null
          : Math.round((b + ((t.targetValue - b) * (dayNumber(periodEnd(p)) - d0)) / (d1 - d0)) * 1e6) / 1e6,
    }));
    chart = {
      orgUnit: it.unit.code,
      orgUnitName: it.unit.name,
      frequency: freq,
      periods: all.map(formatPeriod),
      series: chosen.series,
      expected,
      target: { value: t.targetValue, period: formatPeriod(it.p1) },
      anticipated: chosen.progress.anticipated
        ? { value: chosen.progress.anticipated.value, period: formatPeriod(it.p1) }
        : null,
    };
  }
  const { rows: tasks } = await readableTasks(
    database,
    actor,
    (await repo.listTasks(database, { planId: t.planId })).filter((k) => k.targetIds.includes(id)),
  );
  return {
    definition: await presentTargetDefinition(database, t),
    asOf,
    thresholds,
    items: evaluated.map((e) => presentItem(e, lang)),
    chart,
    tasks: tasks.map(presentTaskBasic),
  };
}
