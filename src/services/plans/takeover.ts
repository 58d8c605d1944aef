/**
 * A merged unit's plan taken over by its successor (issue: units over time, plans across the break).
 * POST /api/plans/:code/take-over {orgUnit}: the plan's scope moves to a unit its scope became
 * (org_unit_lineage, transitively); each target follows when it can be carried honestly:
 * - a target on the plan's scope moves to the new scope; one on another unit moves to that unit's
 *   one successor valid now, and stays where it was otherwise (said in the answer);
 * - a level-wide target keeps its kinds: "every commune" of the old tree (level 3) is every
 *   commune of the new one (level 2);
 * - a baseline read from the data is recomputed in the new geography (analytics `geography`, the
 *   day the new unit took effect) and stored, marked estimated when partial lineage went in;
 * - a lead unit that closed moves to its one successor, else stays (said in the answer).
 * Everything in one transaction, audited.
 */
import type { Actor } from '../../access/actor.js';
import { planPolicy } from '../../access/plans.js';
import type { Database } from '../../db/index.js';
import { parsePeriod, periodEnd } from '../../domain/period.js';
import { today, validOn } from '../../domain/unitVersions.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { appendAudit } from '../../repositories/audit.js';
import { successorsOf } from '../../repositories/orgUnitLineage.js';
import * as units from '../../repositories/orgUnits.js';
import * as repo from '../../repositories/plans.js';
import { analytics } from '../analytics.js';
import { actorGrantUnits, auditOf, notFoundOf } from './common.js';

export interface TakenOverTarget {
  id: number;
  indicator: string;
  moved: boolean;
  orgUnit: string;
  level: number | null;
  leadUnit: string | null;
  baseline: { value: number | null; period: string; estimated: boolean; recomputed: boolean };
  /** Why a part did not move, or what was estimated. */
  notes: string[];
}

export async function takeOverPlan(
  database: Database,
  actor: Actor,
  code: string,
  input: { orgUnit: string },
  ip: string | null,
) {
  const plan = await repo.findPlan(database, code);
  if (!plan) throw notFoundOf('plan', code);
  const oldScope = { id: plan.scopeUnitId, code: plan.scopeUnit, path: plan.scopePath };
  if (!planPolicy.canRead(actor, oldScope, await actorGrantUnits(database, actor))) throw forbidden();
  const now = today();
  const scope = await units.findByCode(database, input.orgUnit, now);
  if (!scope) throw notFound('word.org_unit', input.orgUnit);
  if (!planPolicy.canTakeOver(actor, scope)) throw forbidden(scope.code);
  const link = (await successorsOf(database, plan.scopeUnitId)).find((s) => s.id === scope.id);
  if (!link)
    throw new AppError(409, 'not_a_successor', 'error.not_a_successor', {
      plan: code,
      from: plan.scopeUnit,
      to: scope.code,
    });
  const geography = link.effective;
  const provinceId = scope.provinceId ?? scope.id;

  const targets = await repo.listTargets(database, { planId: plan.id });
  const byId = new Map(
    (
      await units.findByIds(
        database,
        targets.flatMap((t) => [t.scopeUnitId, t.leadUnitId ?? 0]),
      )
    ).map((u) => [u.id, u]),
  );
  /** The one successor of a unit valid now (the unit itself when it is still valid). */
  const nowVersion = async (id: number) => {
    const u = byId.get(id);
    if (u && validOn(u, now)) return { id, code: u.code };
    const valid = (await successorsOf(database, id)).filter((s) => validOn(s, now));
    return valid.length === 1 ? { id: valid[0].id, code: valid[0].code } : null;
  };

  const planned: Array<{
    row: repo.TargetRow;
    out: TakenOverTarget;
    write: Parameters<typeof repo.takeOverTarget>[2] | null;
  }> = [];
  for (const t of targets) {
    const notes: string[] = [];
    const out: TakenOverTarget = {
      id: t.id,
      indicator: t.indicator,
      moved: false,
      orgUnit: t.scopeUnit,
      level: t.scopeLevel,
      leadUnit: t.leadUnit,
      baseline: {
        value: t.baselineValue,
        period: t.baselinePeriod,
        estimated: t.baselineEstimated,
        recomputed: false,
      },
      notes,
    };
    const target =
      t.scopeUnitId === plan.scopeUnitId
        ? { id: scope.id, code: scope.code }
        : await nowVersion(t.scopeUnitId);
    if (!target) {
      notes.push('no_single_successor');
      planned.push({ row: t, out, write: null });
      continue;
    }
    let level = t.scopeLevel;
    if (level !== null) {
      const kinds = t.scopeKind ? [t.scopeKind] : await units.kindsAtLevel(database, t.scopeUnitId, level);
      const levels = await units.levelsOfKinds(database, target.id, kinds);
      if (levels.length === 1) level = levels[0];
      else notes.push('level_not_found');
    }
    let lead: number | null = t.leadUnitId;
    if (t.leadUnitId !== null) {
      const l = await nowVersion(t.leadUnitId);
      if (l) {
        lead = l.id;
        out.leadUnit = l.code;
      } else notes.push('lead_unit_closed');
    }
    // a baseline read from the data, before the break: recomputed in the new geography
    let baseline = t.baselineValue;
    let estimated = t.baselineEstimated;
    const bp = parsePeriod(t.baselinePeriod);
    if (t.baselineValue === null && bp && periodEnd(bp) < geography && t.scopeLevel === null) {
      const [row] = await analytics(database, actor, {
        indicator: t.indicator,
        orgUnit: target.code,
        period: t.baselinePeriod,
        geography,
      });
      baseline = row?.value ?? null;
      estimated = row?.estimated === true;
      out.baseline = { value: baseline, period: t.baselinePeriod, estimated, recomputed: true };
      if (estimated) notes.push('baseline_estimated');
      if (baseline === null) notes.push('baseline_not_computable');
    }
    out.moved = true;
    out.orgUnit = target.code;
    out.level = level;
    planned.push({
      row: t,
      out,
      write: {
        provinceId,
        scopeUnitId: target.id,
        scopeLevel: level,
        leadUnitId: lead,
        baselineValue: baseline,
        baselineEstimated: estimated,
        fromUnitId: t.scopeUnitId,
      },
    });
  }

  await database.transaction(async (tx) => {
    await repo.takeOverPlan(tx, plan.id, { provinceId, scopeUnitId: scope.id, fromUnitId: plan.scopeUnitId });
    await repo.moveTasksProvince(tx, plan.id, provinceId);
    for (const p of planned) if (p.write) await repo.takeOverTarget(tx, p.row.id, p.write);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'take_over',
      entity: 'plan',
      key: code,
      before: { scopeUnit: plan.scopeUnit },
      after: { scopeUnit: scope.code, geography, targets: planned.map((p) => p.out) },
    });
  });
  return {
    plan: code,
    from: plan.scopeUnit,
    orgUnit: scope.code,
    geography,
    targets: planned.map((p) => p.out),
  };
}
