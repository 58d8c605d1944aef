/**
 * A restructuring: a unit list imported with an effective date D is the complete administrative tree
 * from D on (POST /api/org-units/import?effective=D, `chiso import units FILE --effective D`). The plan
 * is the domain's (domain/restructuring.ts); this applies it in one transaction: close, rename, open
 * new versions, link parents, rebuild the closure. History never moves: values stay on the versions
 * they were reported for, and a value that would fall after its unit's closing refuses the whole import.
 */
import type { Actor } from '../access/actor.js';
import type { Database } from '../db/index.js';
import { codeFromId, periodEnd, periodFromId, periodStart } from '../domain/period.js';
import { planRestructuring } from '../domain/restructuring.js';
import { dayBefore, mayReport } from '../domain/unitVersions.js';
import { AppError } from '../errors.js';
import { appendAudit } from '../repositories/audit.js';
import { insertLineage } from '../repositories/orgUnitLineage.js';
import * as repo from '../repositories/orgUnits.js';
import type { ParsedUnit, UnitImportResult } from './orgUnits.js';

export async function restructureUnits(
  database: Database,
  actor: Actor,
  file: ParsedUnit[],
  effective: string,
  ip: string | null,
): Promise<UnitImportResult> {
  const prev = dayBefore(effective);
  return database.transaction(async (tx) => {
    await repo.lockUnitTree(tx);
    const codes = file.map((u) => u.code);
    const later = await repo.codesWithVersionsAfter(tx, codes, effective);
    if (later.length > 0) {
      const rowOf = new Map(file.map((u) => [u.code, u.row]));
      return {
        created: 0,
        updated: 0,
        rejected: true,
        errors: later.map((code) => ({
          row: rowOf.get(code) ?? 0,
          field: 'code',
          rule: 'rule.later_version' as const,
          params: { value: code, effective },
        })),
      };
    }
    const before = await repo.versionsValidOn(tx, prev);
    const plan = planRestructuring(file, before, await repo.versionsStartingOn(tx, codes, effective));
    // versions that already end the day before (the same restructuring imported again) stay as they are
    const endedAlready = new Set(before.filter((v) => v.validTo === prev).map((v) => v.id));
    plan.closed = plan.closed.filter((id) => !endedAlready.has(id));
    if (plan.errors.length > 0) return { created: 0, updated: 0, rejected: true, errors: plan.errors };

    await repo.closeVersions(tx, plan.closed, prev);
    await repo.renameVersions(tx, plan.renamed);
    const ids = await repo.insertVersions(tx, plan.created, effective);
    await repo.setParents(
      tx,
      plan.created.map((c, i) => ({
        id: ids[i],
        parentId: c.parent === null ? null : 'stored' in c.parent ? c.parent.stored : ids[c.parent.created],
      })),
    );
    await repo.rebuildTree(tx);
    // a non-territorial unit that followed its parent is the same body: its lineage is whole
    await insertLineage(
      tx,
      plan.created.flatMap((c, i) =>
        c.follower && c.replaces !== null
          ? [
              {
                effective,
                newUnitId: ids[i],
                oldUnitId: c.replaces,
                kind: 'full' as const,
                share: 1,
                shareMethod: 'given' as const,
              },
            ]
          : [],
      ),
    );
    // values already stored for a closed version for a period that starts after its closing:
    // refuse rather than orphan them (every period, whatever its type or year)
    const closing = { validFrom: null, validTo: prev };
    const late = (await repo.periodsWithValues(tx, plan.closed)).filter((id) => {
      const p = periodFromId(id);
      return !mayReport(closing, periodStart(p), periodEnd(p));
    });
    const after = await repo.valuesIn(tx, plan.closed, late);
    if (after.length > 0)
      throw new AppError(
        409,
        'values_after_closing',
        'error.values_after_closing',
        {
          count: after.length,
          effective,
          units: [...new Set(after.map((a) => a.code))].slice(0, 10).join(', '),
        },
        after.map((a) => ({ orgUnit: a.code, period: codeFromId(a.periodId) })),
      );
    const result = {
      created: plan.created.length,
      updated: plan.renamed.length,
      closed: plan.closed.length,
      unchanged: plan.carried.length,
    };
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'restructure',
      entity: 'org_unit',
      key: effective,
      after: { rows: file.length, ...result },
    });
    return { ...result, errors: [], rejected: false };
  });
}
