/**
 * The hook the write pipeline calls (services/valueImport.ts): values that belong to a report
 * submission are held by its status, for every write path (file, CLI, DHIS2, JSON, entry grid):
 * - approved: locked for every writer until the secretariat unlocks the report (POST
 *   /api/forms/:code/unlock, which returns it to draft);
 * - submitted (waiting for review): locked for everyone but the report's reviewers
 *   (reportingPolicy.canReview), as in the entry grid; the reporter asks for it to be returned.
 * - a report not yet submitted (none yet, or a draft): its values are drafts until it is submitted,
 *   whichever path writes them. A file, DHIS2, the JSON API or the CLI, written by someone who is
 *   not its reviewer, stores them as drafts of the report too (`draftsOfOpenReports`): before, they
 *   were stored as submitted and counted at once, outside the report's checks, while the report was
 *   still a draft (outside probe, 2026-12-01). Its reviewers (the secretariat) write as before.
 * Also registers the reporting messages (vi + en), so every path that can meet the rule can translate it.
 */
import type { Actor } from '../access/actor.js';
import type { UnitRef } from '../access/index.js';
import { reportingPolicy } from '../access/reporting.js';
import type { Database, Tx } from '../db/index.js';
import type { RowProblem, ValidRow } from '../domain/dataValueRow.js';
import { type Period, periodEnd, periodFromId, periodStart } from '../domain/period.js';
import type { MessageKey } from '../i18n/index.js';
import {
  formsOfIndicators,
  lockedRows,
  reportingUnits,
  submittedReports,
} from '../repositories/reporting.js';
import './reportingMessages.js';

export async function lockedProblems(
  database: Database | Tx,
  actor: Actor,
  rows: ValidRow[],
  /** the unit of each row's orgUnitId, for the reviewer's right */
  unitOf: (orgUnitId: number) => UnitRef | undefined,
  field: string,
  opts: {
    /** The write keeps the status of unchanged values: a row equal to the stored one is not refused. */
    exemptUnchanged?: boolean;
  } = {},
): Promise<{ locked: Set<number>; problems: RowProblem[] }> {
  const held = await lockedRows(database, rows, opts.exemptUnchanged === true);
  const locked = new Set<number>();
  const problems: RowProblem[] = [];
  if (held.size === 0) return { locked, problems };
  const unitById = new Map(rows.map((r) => [r.row, r.orgUnitId]));
  for (const [row, { status, followupOnly }] of held) {
    if (status === 'submitted') {
      const unit = unitOf(unitById.get(row) ?? 0);
      if (unit && reportingPolicy.canReview(actor, unit)) continue;
    }
    locked.add(row);
    problems.push({
      row,
      // the value sent again unchanged, with another follow-up mark: the mark is what is refused
      field: followupOnly ? 'followup' : field,
      rule: (status === 'approved' ? 'reporting.rule_locked' : 'reporting.rule_pending') as MessageKey,
    });
  }
  return { locked, problems };
}

/**
 * The rows a report form expects of their unit for their period (the form holds the indicator, has
 * the period's type, and lists the unit among its reporting units then) whose report is not
 * submitted yet (no submission, or a draft), written by someone who is not the unit's reviewer:
 * they are stored as drafts of that report. (Submitted and approved reports hold their rows:
 * `lockedProblems`; a returned report's values stay counted, as its return keeps them.)
 */
export async function draftsOfOpenReports(
  database: Database | Tx,
  actor: Actor,
  rows: ValidRow[],
  unitOf: (orgUnitId: number) => UnitRef | undefined,
): Promise<Set<number>> {
  const out = new Set<number>();
  const candidates = rows.filter((r) => {
    const unit = unitOf(r.orgUnitId);
    return unit !== undefined && !reportingPolicy.canReview(actor, unit);
  });
  if (candidates.length === 0) return out;
  const forms = await formsOfIndicators(database, [...new Set(candidates.map((r) => r.indicatorId))]);
  if (forms.length === 0) return out;
  const formsOf = new Map<number, typeof forms>();
  for (const f of forms) formsOf.set(f.indicatorId, [...(formsOf.get(f.indicatorId) ?? []), f]);
  // the units each (form, period) expects, read once
  const expected = new Map<string, Promise<Set<number>>>();
  const periods = new Map<number, Period>();
  const periodOf = (id: number) => {
    let p = periods.get(id);
    if (!p) {
      p = periodFromId(id);
      periods.set(id, p);
    }
    return p;
  };
  const unitsOf = (form: (typeof forms)[number], periodId: number) => {
    const key = `${form.id}:${periodId}`;
    let set = expected.get(key);
    if (!set) {
      const p = periodOf(periodId);
      set = reportingUnits(database, form.unitSpec, { from: periodStart(p), to: periodEnd(p) }).then(
        (list) => new Set(list.map((u) => u.id)),
      );
      expected.set(key, set);
    }
    return set;
  };
  const covered: Array<{ row: number; formId: number; orgUnitId: number; periodId: number }> = [];
  for (const r of candidates) {
    const type = periodOf(r.periodId).type;
    for (const f of formsOf.get(r.indicatorId) ?? [])
      if (f.periodType === type && (await unitsOf(f, r.periodId)).has(r.orgUnitId))
        covered.push({ row: r.row, formId: f.id, orgUnitId: r.orgUnitId, periodId: r.periodId });
  }
  if (covered.length === 0) return out;
  // a row of several forms is a draft only when none of their reports is submitted, approved or returned
  const moved = await submittedReports(database, covered);
  for (const c of covered) if (!moved.has(c.row)) out.add(c.row);
  return out;
}
