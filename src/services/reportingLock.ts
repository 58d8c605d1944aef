/**
 * The hook the write pipeline calls (services/valueImport.ts): values that belong to a report
 * submission are held by its status, for every write path (file, CLI, DHIS2, JSON, entry grid):
 * - approved: locked for every writer until the secretariat unlocks the report (POST
 *   /api/forms/:code/unlock, which returns it to draft);
 * - submitted (waiting for review): locked for everyone but the report's reviewers
 *   (reportingPolicy.canReview), as in the entry grid; the reporter asks for it to be returned.
 * Also registers the reporting messages (vi + en), so every path that can meet the rule can translate it.
 */
import type { Actor } from '../access/actor.js';
import type { UnitRef } from '../access/index.js';
import { reportingPolicy } from '../access/reporting.js';
import type { Database, Tx } from '../db/index.js';
import type { RowProblem, ValidRow } from '../domain/dataValueRow.js';
import type { MessageKey } from '../i18n/index.js';
import { lockedRows } from '../repositories/reporting.js';
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
