/**
 * Rankings (xếp hạng) computed at query time from the stored values (exact aggregates of
 * services/analytics computeCells), change from the previous period, advice to reach the Top N.
 */

import { scorecardPolicy } from '../../access/scorecards.js';
import type { Database } from '../../db/index.js';
import {
  formatPeriod,
  type Period,
  parsePeriod,
  periodEnd,
  periodId,
  periodStart,
  shift,
} from '../../domain/period.js';
import {
  type Advice,
  advise,
  compareRankings,
  flatten,
  indicatorsOf,
  type Polarity,
  type RankedUnit,
  rankUnits,
  type ScorecardDef,
  type UnitInput,
} from '../../domain/scoring.js';
import { AppError, forbidden } from '../../errors.js';
import * as indicatorsRepo from '../../repositories/indicators.js';
import * as orgUnits from '../../repositories/orgUnits.js';
import * as repo from '../../repositories/scorecards.js';
import { computeCells } from '../analytics.js';
import type { Actor } from '../auth.js';
import { versionFor } from './definitions.js';
import { key, scorecardNotFound } from './messages.js';

// ---------------------------------------------------------------------------------------------
// Rankings
// ---------------------------------------------------------------------------------------------

export interface RankingQuery {
  period: string;
  orgUnit?: string;
  level?: number;
  kind?: string;
  /** Rank the units valid on this date (YYYY-MM-DD), their figures read through lineage. */
  geography?: string;
}

export type RankingItem = {
  orgUnit: string;
  name: string;
  kind: string;
  score: number;
  rank: number;
  components: Array<{
    code: string;
    name: string;
    score: number | null;
    rank: number | null;
    weight: number;
    parent: string | null;
    indicator?: string;
    value?: number | null;
    missing?: boolean;
    assessed?: boolean;
  }>;
  previousRank: number | null;
  previousScore: number | null;
  rankChange: number | null;
  scoreChange: number | null;
  flags: Array<{ component: string; indicator: string; rule: string }>;
  /** geography=…: a partial lineage share went into one of the unit's figures. */
  estimated?: boolean;
};

export type RankingResult = {
  scorecard: string;
  name: string;
  validFrom: number | null;
  period: string;
  previousPeriod: string;
  orgUnit: string | null;
  level: number;
  kind: string | null;
  /** The date whose units are ranked, when asked (otherwise the units valid in the period). */
  geography?: string;
  components: Array<{
    code: string;
    name: string;
    weight: number;
    parent: string | null;
    indicator?: string;
  }>;
  items: RankingItem[];
};

export function mustPeriod(code: string): Period {
  const p = parsePeriod(code);
  if (!p)
    throw new AppError(400, 'validation', key('scorecards.error.period'), { period: code }, [
      { field: 'period', message: `invalid period "${code}"` },
    ]);
  return p;
}

interface Ctx {
  sc: repo.ScorecardRow;
  versions: repo.VersionRow[];
}

export async function loadCtx(database: Database, code: string): Promise<Ctx> {
  const sc = await repo.findScorecard(database, code);
  if (!sc) throw scorecardNotFound(code);
  return { sc, versions: await repo.versions(database, sc.id) };
}

interface Core {
  def: ScorecardDef;
  version: repo.VersionRow;
  units: orgUnits.OrgUnitRow[];
  ranked: RankedUnit[];
  /** Codes of the units with an estimated figure (geography only). */
  estimated: Set<string>;
}

/** The units a scope ranks are those valid in the period, or on the `geography` date. */
export interface RankScope {
  rootId: number | null;
  level: number;
  kind?: string;
  geography?: string;
}

/** The dates a unit code is resolved at: the geography date, else the period's dates. */
export const unitDate = (period: Period, geography?: string) =>
  geography ?? { from: periodStart(period), to: periodEnd(period) };

/** Scores the units of a scope on the version in force for the period; null when none is. */
export async function rankCore(
  database: Database,
  ctx: Ctx,
  period: Period,
  scope: RankScope,
  /** `actor`: under `geography`, every version feeding a ranked unit must be readable by them. */
  opts: { overrides?: boolean; actor?: Actor } = {},
): Promise<Core | null> {
  const version = versionFor(ctx.versions, period.year);
  if (!version) return null;
  const def = version.definition as ScorecardDef;
  const rows = await repo.unitsToRank(database, {
    rootId: scope.rootId,
    level: scope.level,
    kinds: scope.kind ? [scope.kind] : undefined,
    from: scope.geography ?? periodStart(period),
    to: scope.geography ?? periodEnd(period),
  });
  const units = await orgUnits.findByIds(
    database,
    rows.map((r) => r.id),
  );
  units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const codes = indicatorsOf(def);
  const inds = await indicatorsRepo.findByCodes(database, codes);
  // a ranking reads each unit's value only (a whole province's year from the rollup)
  const cells = await computeCells(database, inds, [period], units, undefined, {
    geography: scope.geography,
    actor: opts.actor,
    valuesOnly: true,
  });
  const estimated = new Set(
    units.filter((u) => inds.some((i) => cells.get(`${i.code}|0|${u.id}`)?.estimated)).map((u) => u.code),
  );
  const overrides = new Map<number, Record<string, number>>();
  if (opts.overrides !== false) {
    const leafCodes = new Set(
      flatten(def)
        .filter((n) => n.isLeaf)
        .map((n) => n.node.code),
    );
    for (const a of await repo.assessments(database, {
      scorecardId: ctx.sc.id,
      periodId: periodId(period),
      unitIds: units.map((u) => u.id),
    })) {
      if (a.finalScore === null || !leafCodes.has(a.componentCode)) continue;
      const m = overrides.get(a.orgUnitId) ?? {};
      m[a.componentCode] = a.finalScore;
      overrides.set(a.orgUnitId, m);
    }
  }
  const inputs: UnitInput[] = units.map((u) => {
    const values: Record<string, number | null> = {};
    for (const i of inds) values[i.code] = cells.get(`${i.code}|0|${u.id}`)?.value ?? null;
    const o = overrides.get(u.id);
    return { key: u.code, name: u.name, values, ...(o ? { overrides: o } : {}) };
  });
  const polarity = new Map(inds.map((i) => [i.code, i.polarity as Polarity]));
  const ranking = rankUnits(def, inputs, (c) => polarity.get(c));
  return { def, version, units, ranked: ranking.items, estimated };
}

async function resolveScope(database: Database, q: { orgUnit?: string }, at: orgUnits.UnitDate) {
  if (!q.orgUnit) return null;
  const [u] = await orgUnits.findByCodes(database, [q.orgUnit], at);
  if (!u)
    throw new AppError(404, 'not_found', 'error.not_found', { whatKey: 'word.org_unit', key: q.orgUnit });
  return u;
}

/** GET /api/scorecards/CODE/ranking */
export async function ranking(
  database: Database,
  actor: Actor,
  code: string,
  q: RankingQuery,
): Promise<RankingResult> {
  const ctx = await loadCtx(database, code);
  const period = mustPeriod(q.period);
  const scopeUnit = await resolveScope(database, q, unitDate(period, q.geography));
  const level = q.level ?? 1;
  const scope = { rootId: scopeUnit?.id ?? null, level, kind: q.kind, geography: q.geography };
  const cur = await rankCore(database, ctx, period, scope, { actor });
  if (!cur)
    throw new AppError(422, 'no_version', key('scorecards.error.no_version'), { code, year: period.year });
  if (!scorecardPolicy.canReadRanking(actor, scopeUnit ?? null, cur.units)) throw forbidden(scopeUnit?.code);
  const prevPeriod = shift(period, -1);
  const prev = await rankCore(database, ctx, prevPeriod, scope, { actor });
  const changes = compareRankings(cur.ranked, prev?.ranked ?? [], cur.def.decimals ?? 4);
  const kindOf = new Map(cur.units.map((u) => [u.code, u.kind]));
  const flat = flatten(cur.def);
  return {
    scorecard: ctx.sc.code,
    name: cur.version.name,
    validFrom: cur.version.validFrom || null,
    period: formatPeriod(period),
    previousPeriod: formatPeriod(prevPeriod),
    orgUnit: scopeUnit?.code ?? null,
    level,
    kind: q.kind ?? null,
    ...(q.geography ? { geography: q.geography } : {}),
    components: flat.map((f) => ({
      code: f.node.code,
      name: f.node.name,
      weight: f.node.weight,
      parent: f.parent,
      ...(f.isLeaf ? { indicator: f.node.indicator } : {}),
    })),
    items: cur.ranked.map((r) => {
      const ch = changes.get(r.key)!;
      return {
        orgUnit: r.key,
        name: r.name,
        kind: kindOf.get(r.key) ?? '',
        score: r.score,
        rank: r.rank,
        components: r.components.map((c) => ({
          code: c.code,
          name: c.name,
          score: c.score,
          rank: c.rank,
          weight: c.weight,
          parent: c.parent,
          ...(c.indicator !== undefined ? { indicator: c.indicator, value: c.value ?? null } : {}),
          ...(c.missing ? { missing: true } : {}),
          ...(c.assessed ? { assessed: true } : {}),
        })),
        previousRank: ch.previousRank,
        previousScore: ch.previousScore,
        rankChange: ch.rankChange,
        scoreChange: ch.scoreChange,
        flags: r.flags,
        ...(q.geography ? { estimated: cur.estimated.has(r.key) } : {}),
      };
    }),
  };
}

/** The peers a unit is ranked against by default: same level and kind, inside its province. */
export async function peerScope(
  database: Database,
  unit: orgUnits.OrgUnitRow,
  q: { scope?: string; level?: number },
  at?: orgUnits.UnitDate,
) {
  let rootId: number | null = unit.level > 1 ? (unit.provinceId ?? null) : null;
  if (q.scope) {
    const [s] = await orgUnits.findByCodes(database, [q.scope], at);
    if (!s)
      throw new AppError(404, 'not_found', 'error.not_found', { whatKey: 'word.org_unit', key: q.scope });
    rootId = s.id;
  }
  return { rootId, level: q.level ?? unit.level, kind: q.level === undefined ? unit.kind : undefined };
}

/** GET /api/scorecards/CODE/advice */
export async function advice(
  database: Database,
  actor: Actor,
  code: string,
  q: { orgUnit: string; period: string; top: number; scope?: string; level?: number },
): Promise<Advice & { scorecard: string; period: string; indicators: Record<string, string> }> {
  const ctx = await loadCtx(database, code);
  const period = mustPeriod(q.period);
  const [unit] = await orgUnits.findByCodes(database, [q.orgUnit], unitDate(period));
  if (!unit)
    throw new AppError(404, 'not_found', 'error.not_found', { whatKey: 'word.org_unit', key: q.orgUnit });
  const scopeDef = await peerScope(database, unit, q, unitDate(period));
  const cur = await rankCore(database, ctx, period, scopeDef);
  if (!cur)
    throw new AppError(422, 'no_version', key('scorecards.error.no_version'), { code, year: period.year });
  const scopeUnit = scopeDef.rootId ? (await orgUnits.findByIds(database, [scopeDef.rootId]))[0] : null;
  if (!scorecardPolicy.canReadRanking(actor, scopeUnit, cur.units)) throw forbidden(unit.code);
  const a = advise({ items: cur.ranked }, unit.code, q.top);
  if (!a) throw new AppError(404, 'not_ranked', key('scorecards.error.not_ranked'), { unit: unit.code });
  const inds = await indicatorsRepo.findByCodes(database, indicatorsOf(cur.def));
  return {
    scorecard: ctx.sc.code,
    period: formatPeriod(period),
    ...a,
    indicators: Object.fromEntries(inds.map((i) => [i.code, i.name])),
  };
}
