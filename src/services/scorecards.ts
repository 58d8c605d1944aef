/**
 * Scorecards (bộ chỉ số đánh giá): definitions versioned by year, rankings computed at query time
 * from the stored values (exact aggregates of services/analytics computeCells), change from the
 * previous period, advice to reach the Top N, and self-assessment / appraisal of leaves.
 */

import type { Actor } from '../access/actor.js';
import { scorecardPolicy } from '../access/scorecards.js';
import type { Database } from '../db/index.js';
import {
  formatPeriod,
  type Period,
  parsePeriod,
  periodEnd,
  periodId,
  periodStart,
  shift,
} from '../domain/period.js';
import {
  type Advice,
  advise,
  compareRankings,
  flatten,
  indicatorsOf,
  type Polarity,
  parseDefinition,
  type RankedUnit,
  rankUnits,
  type ScorecardDef,
  type UnitInput,
} from '../domain/scoring.js';
import { CODE_RE } from '../domain/validate.js';
import { AppError, forbidden } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import { registerMessages } from '../i18n/index.js';
import { appendAudit } from '../repositories/audit.js';
import * as indicatorsRepo from '../repositories/indicators.js';
import * as orgUnits from '../repositories/orgUnits.js';
import * as repo from '../repositories/scorecards.js';
import { computeCells } from './analytics.js';

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

const VI: Record<string, string> = {
  'scorecards.word.scorecard': 'bộ chỉ số',
  'scorecards.word.review': 'đợt sơ kết/tổng kết',
  'scorecards.error.invalid': 'Bộ chỉ số không hợp lệ: {{count}} lỗi.',
  'scorecards.error.no_version': 'Bộ chỉ số "{{code}}" chưa có định nghĩa áp dụng cho năm {{year}}.',
  'scorecards.error.period': 'Kỳ "{{period}}" không hợp lệ.',
  'scorecards.error.not_leaf': '"{{component}}" không phải là tiêu chí (lá) của bộ chỉ số.',
  'scorecards.error.not_ranked': 'Đơn vị "{{unit}}" không nằm trong danh sách được xếp hạng.',
  'scorecards.error.code': 'Mã bộ chỉ số "{{code}}" không hợp lệ (chữ, số, . _ -; tối đa 64 ký tự).',
  'scorecards.error.score': 'Điểm phải nằm trong khoảng 0–1.',
  'scorecards.rule.not_object': 'phải là một đối tượng JSON',
  'scorecards.rule.not_array': 'phải là một mảng',
  'scorecards.rule.name_required': 'cần có tên',
  'scorecards.rule.components_required': 'cần ít nhất một thành phần',
  'scorecards.rule.missing_rule': 'cách xử lý thiếu số liệu phải là một trong: {{allowed}}',
  'scorecards.rule.decimals': 'số chữ số thập phân phải là số nguyên 0–10',
  'scorecards.rule.cycle': 'thành phần lặp vòng (chứa chính nó)',
  'scorecards.rule.too_deep': 'cây quá sâu (tối đa {{max}} cấp)',
  'scorecards.rule.code': 'mã "{{code}}" không hợp lệ (chữ, số, . _ -; tối đa 64 ký tự)',
  'scorecards.rule.duplicate_code': 'mã "{{code}}" bị trùng (đã dùng ở {{other}})',
  'scorecards.rule.weight_number': 'trọng số của "{{code}}" phải là số',
  'scorecards.rule.weight_negative': 'trọng số của "{{code}}" không được âm',
  'scorecards.rule.weights_sum': 'tổng trọng số các thành phần cùng cấp phải bằng 1 (đang là {{sum}})',
  'scorecards.rule.indicator_on_branch': '"{{code}}" có thành phần con nên không gắn chỉ tiêu',
  'scorecards.rule.leaf_indicator': 'tiêu chí lá "{{code}}" phải gắn một chỉ tiêu',
  'scorecards.rule.unknown_indicator': 'chỉ tiêu "{{indicator}}" (của "{{code}}") không có trong danh mục',
  'scorecards.rule.scoring_required': 'cần cách chấm điểm (scoring)',
  'scorecards.rule.method': 'phương pháp chấm điểm phải là một trong: {{allowed}}',
  'scorecards.rule.polarity': 'chiều tốt phải là higher hoặc lower',
  'scorecards.rule.scale': 'hệ số chia phải là số dương',
  'scorecards.rule.target': 'cần giá trị mục tiêu (target) là số',
  'scorecards.rule.target_negative': 'giá trị mục tiêu không được âm',
  'scorecards.rule.direction': 'chiều ngưỡng phải là ascending hoặc descending',
  'scorecards.rule.tiers_required': 'cần danh sách ngưỡng (tiers)',
  'scorecards.rule.threshold': 'ngưỡng phải là số',
  'scorecards.rule.points': 'điểm của ngưỡng phải nằm trong 0–1',
  'scorecards.rule.tiers_duplicate': 'ngưỡng {{threshold}} bị trùng',
  'scorecards.flag.missing_zero': 'thiếu số liệu, tính 0 điểm',
  'scorecards.flag.missing_min': 'thiếu số liệu, tính điểm thấp nhất',
  'scorecards.flag.missing_excluded': 'thiếu số liệu, không tính tiêu chí này',
};

const EN: Record<string, string> = {
  'scorecards.word.scorecard': 'scorecard',
  'scorecards.word.review': 'review',
  'scorecards.error.invalid': 'Invalid scorecard: {{count}} problem(s).',
  'scorecards.error.no_version': 'Scorecard "{{code}}" has no definition in force for {{year}}.',
  'scorecards.error.period': 'Invalid period "{{period}}".',
  'scorecards.error.not_leaf': '"{{component}}" is not a leaf criterion of the scorecard.',
  'scorecards.error.not_ranked': 'Unit "{{unit}}" is not among the units ranked.',
  'scorecards.error.code': 'Invalid scorecard code "{{code}}" (letters, digits, . _ -; at most 64).',
  'scorecards.error.score': 'A score must lie between 0 and 1.',
  'scorecards.rule.not_object': 'must be a JSON object',
  'scorecards.rule.not_array': 'must be an array',
  'scorecards.rule.name_required': 'a name is required',
  'scorecards.rule.components_required': 'at least one component is required',
  'scorecards.rule.missing_rule': 'the missing-data rule must be one of: {{allowed}}',
  'scorecards.rule.decimals': 'decimals must be an integer 0–10',
  'scorecards.rule.cycle': 'the component contains itself (cycle)',
  'scorecards.rule.too_deep': 'the tree is too deep (at most {{max}} levels)',
  'scorecards.rule.code': 'code "{{code}}" is invalid (letters, digits, . _ -; at most 64)',
  'scorecards.rule.duplicate_code': 'code "{{code}}" is used twice (also at {{other}})',
  'scorecards.rule.weight_number': 'the weight of "{{code}}" must be a number',
  'scorecards.rule.weight_negative': 'the weight of "{{code}}" must not be negative',
  'scorecards.rule.weights_sum': 'sibling weights must sum to 1 (they sum to {{sum}})',
  'scorecards.rule.indicator_on_branch': '"{{code}}" has components, so it takes no indicator',
  'scorecards.rule.leaf_indicator': 'leaf "{{code}}" needs an indicator',
  'scorecards.rule.unknown_indicator': 'indicator "{{indicator}}" (of "{{code}}") is not in the catalogue',
  'scorecards.rule.scoring_required': 'a scoring method is required',
  'scorecards.rule.method': 'the scoring method must be one of: {{allowed}}',
  'scorecards.rule.polarity': 'polarity must be higher or lower',
  'scorecards.rule.scale': 'scale must be a positive number',
  'scorecards.rule.target': 'a numeric target is required',
  'scorecards.rule.target_negative': 'the target must not be negative',
  'scorecards.rule.direction': 'direction must be ascending or descending',
  'scorecards.rule.tiers_required': 'a list of tiers is required',
  'scorecards.rule.threshold': 'a threshold must be a number',
  'scorecards.rule.points': 'tier points must lie in 0–1',
  'scorecards.rule.tiers_duplicate': 'threshold {{threshold}} appears twice',
  'scorecards.flag.missing_zero': 'no data, scored 0',
  'scorecards.flag.missing_min': 'no data, scored the lowest score',
  'scorecards.flag.missing_excluded': 'no data, criterion left out',
};

registerMessages(VI, EN);

const key = (k: string) => k as MessageKey;

export const scorecardNotFound = (code: string) =>
  new AppError(404, 'not_found', 'error.not_found', { whatKey: 'scorecards.word.scorecard', key: code });

// ---------------------------------------------------------------------------------------------
// Definitions
// ---------------------------------------------------------------------------------------------

export interface ScorecardInput {
  name?: unknown;
  components?: unknown;
  validFrom?: number;
  missing?: unknown;
  weightsSumToOne?: unknown;
  decimals?: unknown;
}

function collectIndicators(x: unknown, out: Set<string>) {
  if (Array.isArray(x)) for (const c of x) collectIndicators(c, out);
  else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.indicator === 'string') out.add(o.indicator.trim());
    if (Array.isArray(o.components)) collectIndicators(o.components, out);
  }
}

/** Parses and checks a definition against the catalogue; 400 with every problem (path + rule). */
export async function checkDefinition(database: Database, input: unknown): Promise<ScorecardDef> {
  const refs = new Set<string>();
  if (input && typeof input === 'object') collectIndicators((input as ScorecardInput).components, refs);
  const found = await indicatorsRepo.findByCodes(database, [...refs]);
  const r = parseDefinition(input, { knownIndicators: new Set(found.map((i) => i.code)) });
  if (!r.ok)
    throw new AppError(
      400,
      'validation',
      key('scorecards.error.invalid'),
      { count: r.errors.length },
      r.errors.map((e) => ({
        field: e.path,
        rule: e.rule,
        messageKey: `scorecards.rule.${e.rule}`,
        params: e.params ?? {},
      })),
    );
  return r.def;
}

function presentDefinition(def: ScorecardDef) {
  return {
    name: def.name,
    ...(def.missing ? { missing: def.missing } : {}),
    ...(def.weightsSumToOne ? { weightsSumToOne: true } : {}),
    ...(def.decimals !== undefined ? { decimals: def.decimals } : {}),
    components: def.components,
  };
}

/** The version in force for a year: the one with the largest validFrom ≤ year. */
export function versionFor<T extends { validFrom: number }>(versions: T[], year: number): T | undefined {
  let best: T | undefined;
  for (const v of versions) if (v.validFrom <= year && (!best || v.validFrom > best.validFrom)) best = v;
  return best;
}

function presentScorecard(sc: repo.ScorecardRow, versions: repo.VersionRow[], v: repo.VersionRow) {
  const def = v.definition as ScorecardDef;
  return {
    code: sc.code,
    ...presentDefinition(def),
    name: v.name,
    validFrom: v.validFrom === 0 ? null : v.validFrom,
    updatedAt: v.updatedAt,
    versions: versions.map((x) => ({
      validFrom: x.validFrom === 0 ? null : x.validFrom,
      name: x.name,
      updatedAt: x.updatedAt,
    })),
  };
}

export async function putScorecard(
  database: Database,
  actor: Actor,
  code: string,
  input: ScorecardInput,
  ip: string | null,
) {
  if (!scorecardPolicy.canDefine(actor)) throw forbidden();
  if (!CODE_RE.test(code)) throw new AppError(400, 'validation', key('scorecards.error.code'), { code });
  const { validFrom: vf, ...body } = input;
  const def = await checkDefinition(database, body);
  const existing = await repo.findScorecard(database, code);
  const before = existing ? await repo.versions(database, existing.id) : [];
  const validFrom = vf ?? (before.length ? before[before.length - 1].validFrom : 0);
  const prior = before.find((v) => v.validFrom === validFrom);
  await database.transaction(async (tx) => {
    const id = await repo.upsertScorecard(tx, code, def.name);
    await repo.upsertVersion(tx, {
      scorecardId: id,
      validFrom,
      name: def.name,
      definition: def,
      userId: actor.id,
    });
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: prior ? 'update' : 'create',
      entity: 'scorecard',
      key: `${code}@${validFrom || '*'}`,
      before: prior ? { validFrom: prior.validFrom || null, ...(prior.definition as object) } : undefined,
      after: { validFrom: validFrom || null, ...presentDefinition(def) },
    });
  });
  return getScorecard(database, code, { validFrom });
}

export async function getScorecard(
  database: Database,
  code: string,
  q: { year?: number; validFrom?: number } = {},
) {
  const sc = await repo.findScorecard(database, code);
  if (!sc) throw scorecardNotFound(code);
  const versions = await repo.versions(database, sc.id);
  let v: repo.VersionRow | undefined;
  if (q.validFrom !== undefined) v = versions.find((x) => x.validFrom === q.validFrom);
  else if (q.year !== undefined) {
    v = versionFor(versions, q.year);
    if (!v) throw new AppError(404, 'not_found', key('scorecards.error.no_version'), { code, year: q.year });
  } else v = versions[versions.length - 1];
  if (!v) throw scorecardNotFound(code);
  return presentScorecard(sc, versions, v);
}

export async function listScorecards(database: Database) {
  const rows = await repo.listScorecards(database);
  return {
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      updatedAt: r.updatedAt,
      versions: r.validFrom.map((y) => (y === 0 ? null : y)),
    })),
    total: rows.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Rankings
// ---------------------------------------------------------------------------------------------

export interface RankingQuery {
  period: string;
  orgUnit?: string;
  level?: number;
  kind?: string;
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

async function loadCtx(database: Database, code: string): Promise<Ctx> {
  const sc = await repo.findScorecard(database, code);
  if (!sc) throw scorecardNotFound(code);
  return { sc, versions: await repo.versions(database, sc.id) };
}

interface Core {
  def: ScorecardDef;
  version: repo.VersionRow;
  units: orgUnits.OrgUnitRow[];
  ranked: RankedUnit[];
}

/** Scores the units of a scope on the version in force for the period; null when none is. */
async function rankCore(
  database: Database,
  ctx: Ctx,
  period: Period,
  scope: { rootId: number | null; level: number; kind?: string },
  opts: { overrides?: boolean } = {},
): Promise<Core | null> {
  const version = versionFor(ctx.versions, period.year);
  if (!version) return null;
  const def = version.definition as ScorecardDef;
  const rows = await repo.unitsToRank(database, {
    rootId: scope.rootId,
    level: scope.level,
    kinds: scope.kind ? [scope.kind] : undefined,
    from: periodStart(period),
    to: periodEnd(period),
  });
  const units = await orgUnits.findByIds(
    database,
    rows.map((r) => r.id),
  );
  units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const codes = indicatorsOf(def);
  const inds = await indicatorsRepo.findByCodes(database, codes);
  const cells = await computeCells(database, inds, [period], units);
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
  return { def, version, units, ranked: ranking.items };
}

async function resolveScope(database: Database, q: { orgUnit?: string }) {
  if (!q.orgUnit) return null;
  const [u] = await orgUnits.findByCodes(database, [q.orgUnit]);
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
  const scopeUnit = await resolveScope(database, q);
  const level = q.level ?? 1;
  const scope = { rootId: scopeUnit?.id ?? null, level, kind: q.kind };
  const cur = await rankCore(database, ctx, period, scope);
  if (!cur)
    throw new AppError(422, 'no_version', key('scorecards.error.no_version'), { code, year: period.year });
  if (!scorecardPolicy.canReadRanking(actor, scopeUnit ?? null, cur.units)) throw forbidden(scopeUnit?.code);
  const prevPeriod = shift(period, -1);
  const prev = await rankCore(database, ctx, prevPeriod, scope);
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
      };
    }),
  };
}

/** The peers a unit is ranked against by default: same level and kind, inside its province. */
async function peerScope(
  database: Database,
  unit: orgUnits.OrgUnitRow,
  q: { scope?: string; level?: number },
) {
  let rootId: number | null = unit.level > 1 ? (unit.provinceId ?? null) : null;
  if (q.scope) {
    const [s] = await orgUnits.findByCodes(database, [q.scope]);
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
  const [unit] = await orgUnits.findByCodes(database, [q.orgUnit]);
  if (!unit)
    throw new AppError(404, 'not_found', 'error.not_found', { whatKey: 'word.org_unit', key: q.orgUnit });
  const scopeDef = await peerScope(database, unit, q);
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

// ---------------------------------------------------------------------------------------------
// Self-assessment and appraisal
// ---------------------------------------------------------------------------------------------

const scorePart = (
  score: number | null,
  extra: Record<string, unknown>,
  by: string | null,
  at: string | null,
) => ({
  score,
  ...extra,
  by,
  at,
});

/** GET /api/scorecards/CODE/assessments: computed, self, appraised and final score of each leaf. */
export async function getAssessments(
  database: Database,
  actor: Actor,
  code: string,
  q: { orgUnit: string; period: string },
) {
  const ctx = await loadCtx(database, code);
  const period = mustPeriod(q.period);
  const [unit] = await orgUnits.findByCodes(database, [q.orgUnit]);
  if (!unit)
    throw new AppError(404, 'not_found', 'error.not_found', { whatKey: 'word.org_unit', key: q.orgUnit });
  if (!scorecardPolicy.canReadRanking(actor, unit, [unit])) throw forbidden(unit.code);
  const scope = await peerScope(database, unit, {});
  const core = await rankCore(database, ctx, period, scope, { overrides: false });
  if (!core)
    throw new AppError(422, 'no_version', key('scorecards.error.no_version'), { code, year: period.year });
  const mine = core.ranked.find((r) => r.key === unit.code);
  const rows = await repo.assessments(database, {
    scorecardId: ctx.sc.id,
    periodId: periodId(period),
    unitIds: [unit.id],
  });
  const byCode = new Map(rows.map((r) => [r.componentCode, r]));
  const items = flatten(core.def)
    .filter((f) => f.isLeaf)
    .map((f) => {
      const c = mine?.components.find((x) => x.code === f.node.code);
      const a = byCode.get(f.node.code);
      const computed = c?.score ?? null;
      const final = a?.finalScore ?? null;
      return {
        component: f.node.code,
        name: f.node.name,
        path: f.path,
        weight: f.node.weight,
        effectiveWeight: f.effectiveWeight,
        indicator: f.node.indicator ?? null,
        value: c?.value ?? null,
        computed,
        self: scorePart(
          a?.selfScore ?? null,
          { evidence: a?.selfEvidence ?? null, url: a?.selfUrl ?? null },
          a?.selfBy ?? null,
          a?.selfAt ?? null,
        ),
        appraised: scorePart(
          a?.appraisedScore ?? null,
          { note: a?.appraisedNote ?? null },
          a?.appraisedBy ?? null,
          a?.appraisedAt ?? null,
        ),
        final: scorePart(final, { note: a?.finalNote ?? null }, a?.finalBy ?? null, a?.finalAt ?? null),
        /** The score the ranking uses: the final score when set, else the computed one. */
        used: final ?? computed,
      };
    });
  return {
    scorecard: ctx.sc.code,
    orgUnit: unit.code,
    name: unit.name,
    period: formatPeriod(period),
    validFrom: core.version.validFrom || null,
    items,
  };
}

export interface AssessmentInput {
  items: Array<{
    component: string;
    self?: { score: number | null; evidence?: string | null; url?: string | null };
    appraised?: { score: number | null; note?: string | null };
    final?: { score: number | null; note?: string | null };
  }>;
}

/** PUT /api/scorecards/CODE/assessments: the unit self-scores; the council appraises and sets final scores. */
export async function putAssessments(
  database: Database,
  actor: Actor,
  code: string,
  q: { orgUnit: string; period: string },
  input: AssessmentInput,
  ip: string | null,
) {
  const ctx = await loadCtx(database, code);
  const period = mustPeriod(q.period);
  const [unit] = await orgUnits.findByCodes(database, [q.orgUnit]);
  if (!unit)
    throw new AppError(404, 'not_found', 'error.not_found', { whatKey: 'word.org_unit', key: q.orgUnit });
  const version = versionFor(ctx.versions, period.year);
  if (!version)
    throw new AppError(422, 'no_version', key('scorecards.error.no_version'), { code, year: period.year });
  const leafCodes = new Set(
    flatten(version.definition as ScorecardDef)
      .filter((f) => f.isLeaf)
      .map((f) => f.node.code),
  );
  for (const it of input.items) {
    if (!leafCodes.has(it.component))
      throw new AppError(400, 'validation', key('scorecards.error.not_leaf'), { component: it.component });
    if (it.self && !scorecardPolicy.canSelfAssess(actor, unit)) throw forbidden(unit.code);
    if ((it.appraised || it.final) && !scorecardPolicy.canAppraise(actor)) throw forbidden();
  }
  const before = await repo.assessments(database, {
    scorecardId: ctx.sc.id,
    periodId: periodId(period),
    unitIds: [unit.id],
  });
  await database.transaction(async (tx) => {
    for (const it of input.items) {
      await repo.upsertAssessment(tx, {
        provinceId: unit.provinceId ?? unit.id,
        scorecardId: ctx.sc.id,
        periodId: periodId(period),
        orgUnitId: unit.id,
        componentCode: it.component,
        userId: actor.id,
        ...(it.self
          ? { self: { score: it.self.score, evidence: it.self.evidence ?? null, url: it.self.url ?? null } }
          : {}),
        ...(it.appraised
          ? { appraised: { score: it.appraised.score, note: it.appraised.note ?? null } }
          : {}),
        ...(it.final ? { final: { score: it.final.score, note: it.final.note ?? null } } : {}),
      });
    }
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'assess',
      entity: 'scorecard_assessment',
      key: `${code}/${unit.code}/${formatPeriod(period)}`,
      before: before.filter((b) => input.items.some((i) => i.component === b.componentCode)),
      after: input.items,
    });
  });
  return getAssessments(database, actor, code, q);
}
