/**
 * Self-assessment (tự đánh giá) and appraisal (thẩm định) of scorecard leaves.
 */

import { scorecardPolicy } from '../../access/scorecards.js';
import type { Database } from '../../db/index.js';
import { formatPeriod, periodEnd, periodId, periodStart } from '../../domain/period.js';
import { flatten, type ScorecardDef } from '../../domain/scoring.js';
import { AppError, forbidden } from '../../errors.js';
import { appendAudit } from '../../repositories/audit.js';
import * as orgUnits from '../../repositories/orgUnits.js';
import * as repo from '../../repositories/scorecards.js';
import type { Actor } from '../auth.js';
import { versionFor } from './definitions.js';
import { key } from './messages.js';
import { loadCtx, mustPeriod, peerScope, rankCore } from './ranking.js';

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
  const [unit] = await orgUnits.findByCodes(database, [q.orgUnit], {
    from: periodStart(period),
    to: periodEnd(period),
  });
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
  const [unit] = await orgUnits.findByCodes(database, [q.orgUnit], {
    from: periodStart(period),
    to: periodEnd(period),
  });
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
