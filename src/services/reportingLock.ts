/**
 * The hook importValues calls (services/dataValues.ts): values that belong to an approved report
 * submission are locked; a write to them is refused as a row problem until the secretariat unlocks
 * the report (POST /api/forms/:code/unlock, which returns it to draft). Also registers the
 * reporting messages (vi + en), so every path that can meet the rule can translate it.
 */
import type { Database } from '../db/index.js';
import type { RowProblem, ValidRow } from '../domain/dataValueRow.js';
import type { MessageKey } from '../i18n/index.js';
import { lockedRows } from '../repositories/reporting.js';
import './reportingMessages.js';

export async function lockedProblems(
  database: Database,
  rows: ValidRow[],
  field: string,
  /** The write keeps the status of unchanged values: a row equal to the stored one is not refused. */
  exemptUnchanged = false,
): Promise<{ locked: Set<number>; problems: RowProblem[] }> {
  const locked = await lockedRows(database, rows, exemptUnchanged);
  return {
    locked,
    problems: [...locked].map((row) => ({ row, field, rule: 'reporting.rule_locked' as MessageKey })),
  };
}
