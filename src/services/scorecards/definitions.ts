/**
 * Scorecard definitions (bộ chỉ số đánh giá), versioned by year: check, store, present.
 */

import { scorecardPolicy } from '../../access/scorecards.js';
import type { Database } from '../../db/index.js';
import { parseDefinition, type ScorecardDef } from '../../domain/scoring.js';
import { CODE_RE } from '../../domain/validate.js';
import { AppError, forbidden } from '../../errors.js';
import { appendAudit } from '../../repositories/audit.js';
import * as indicatorsRepo from '../../repositories/indicators.js';
import * as repo from '../../repositories/scorecards.js';
import type { Actor } from '../auth.js';
import { key, scorecardNotFound } from './messages.js';

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
