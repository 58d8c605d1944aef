/**
 * The one write pipeline for data values. Every path that writes values — HTTP JSON and CSV, the
 * CLI, DHIS2, the Excel upload and the entry grid — comes here (importValues in dataValues.ts is
 * this pipeline with one chunk). Rows arrive in chunks; each chunk is
 * - resolved (indicator and unit codes, category options; cached across chunks),
 * - validated row by row (src/domain/dataValueRow.ts validateRow: period, kind, validity, ratio
 *   parts, numbers, options),
 * - checked against the actor's rights (policy.canWriteData), duplicates across the whole input,
 *   and the approved-report lock (services/reportingLock.ts);
 * then written (repositories/dataValues.ts mergeValues: COPY or merge, history) with an audit entry.
 *
 * - atomic (default): every chunk is validated first; only when the whole input is clean are all
 *   rows written, in ONE transaction (one merge), so a bad row anywhere leaves nothing behind.
 * - partial: each chunk's good rows are written in their own transaction as the chunk arrives.
 */

import type { Actor } from '../access/actor.js';
import { policy, type UnitRef } from '../access/index.js';
import type { Database, Tx } from '../db/index.js';
import { transactionRetrying } from '../db/retry.js';
import {
  CSV_FIELDS,
  type FieldNames,
  type IndicatorMeta,
  JSON_FIELDS,
  type RowInput,
  type RowProblem,
  type UnitMeta,
  type ValidRow,
  validateRow,
} from '../domain/dataValueRow.js';
import { codeFromId, parsePeriod, periodEnd, periodStart } from '../domain/period.js';
import {
  currentVersion,
  type DateWindow,
  nearestVersion,
  today,
  versionFor,
} from '../domain/unitVersions.js';
import { appendAudit } from '../repositories/audit.js';
import * as values from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';
import * as reports from '../repositories/reporting.js';
import { draftsOfOpenReports, lockedProblems } from './reportingLock.js';

export type ImportMode = 'atomic' | 'partial';

export interface ImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowProblem[];
  /** how many problems there were in all (`errors` keeps the first 10,000) */
  problemCount?: number;
  /** true when nothing was written because of errors (atomic mode). */
  refused: boolean;
  /** true when some refusals are rows outside the actor's rights. */
  outOfScope: boolean;
  /** strategy `delete`: stored values deleted */
  deleted?: number;
  /** strategies `create`/`update`/`delete`: valid rows left alone (key already stored / not stored) */
  skipped?: number;
  /** rows written (imported or updated) as drafts of their report, not submitted yet (reportingLock draftsOfOpenReports) */
  drafts?: number;
}

/**
 * What a write does with each valid row: `upsert` (default) inserts new keys and updates stored
 * ones; `create` only inserts (stored keys are skipped); `update` only updates (new keys are
 * skipped); `delete` deletes stored keys (history kept; keys not stored are skipped).
 */
export type WriteStrategy = 'upsert' | 'create' | 'update' | 'delete';

/** Thrown inside an atomic write's transaction when rows turned out locked there (a report submitted meanwhile). */
class LockedMeanwhile extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('locked meanwhile');
  }
}

/** Thrown inside a dry run's transaction to roll it back with the counts it would have had. */
class DryRunRollback extends Error {
  constructor(readonly counts: { imported: number; updated: number; deleted: number; skipped: number }) {
    super('dry run');
  }
}

export interface ValueImport {
  /**
   * Validates a chunk (and, in partial mode, writes its good rows). `preProblems` are problems the
   * reader already found (rows it could not read); they count as rejected rows of this input.
   */
  add(rows: RowInput[], preProblems?: RowProblem[]): Promise<void>;
  /** Ends the file: in atomic mode writes everything when no row was bad. */
  finish(): Promise<ImportResult>;
  /** Rows seen so far. */
  readonly rows: number;
  /** Rows with a problem so far. */
  readonly rejected: number;
}

export function startValueImport(
  database: Database,
  actor: Actor,
  opts: {
    mode: ImportMode;
    /** how fields are named in row errors: CSV columns (default) or JSON keys */
    fields?: 'json' | 'csv';
    source?: 'api' | 'import' | 'dhis2' | 'form' | 'demo';
    status?: string;
    ip?: string | null;
    /** Most problems kept for the report (the count is always exact). */
    maxErrors?: number;
    /**
     * Run inside each write transaction before any value is written (again when the transaction is
     * retried), given the rows about to be written: may lock and re-check what the write depends
     * on, and throw to write nothing.
     */
    beforeWrite?: (tx: Tx, rows: ValidRow[]) => Promise<void>;
    /** Run inside each write transaction after the values are written, given the rows written. */
    afterWrite?: (tx: Tx, rows: ValidRow[]) => Promise<void>;
    /** see WriteStrategy (default upsert) */
    strategy?: WriteStrategy;
    /** validate, write and count in a transaction that is then rolled back: nothing stays */
    dryRun?: boolean;
    /** a value sent again unchanged keeps its status (approved stays approved) */
    keepStatusWhenUnchanged?: boolean;
  },
): ValueImport {
  const strategy = opts.strategy ?? 'upsert';
  const f: FieldNames = opts.fields === 'json' ? JSON_FIELDS : CSV_FIELDS;
  const source = opts.source ?? 'import';
  const status = opts.status ?? 'submitted';
  const maxErrors = opts.maxErrors ?? 10_000;
  const indicatorCache = new Map<string, IndicatorMeta | null>();
  /** Every version of each unit code seen; a row's version is chosen by its period. */
  const unitCache = new Map<string, Array<UnitMeta & UnitRef>>();
  const periodWindows = new Map<string, DateWindow | null>();
  const indicatorCodes = new Map<number, string>();
  const unitCodes = new Map<number, string>();
  /** each unit version by id, for the rights the report lock asks about */
  const unitRefs = new Map<number, UnitRef>();
  let options: Map<string, Map<string, number>> | undefined;
  const keys = new Map<string, number>();
  const pending: ValidRow[] = [];
  const errors: RowProblem[] = [];
  const badRows = new Set<number>();
  let outOfScope = false;
  let seen = 0;
  let imported = 0;
  let updated = 0;
  let deleted = 0;
  let skipped = 0;
  let written = 0;

  /** A value sent again unchanged passes the report lock, by a write that keeps its status; never a delete. */
  const exemptUnchanged = opts.keepStatusWhenUnchanged === true && strategy !== 'delete';
  /** rows stored as drafts of their report (not yet submitted; draftsOfOpenReports) */
  const draftRows = new Set<number>();
  let draftsWritten = 0;
  let problemCount = 0;
  const problem = (p: RowProblem) => {
    badRows.add(p.row);
    problemCount++;
    if (errors.length < maxErrors) errors.push(p);
  };

  async function resolve(rows: RowInput[]) {
    const indCodes = [...new Set(rows.map((r) => r.indicator))].filter((c) => c && !indicatorCache.has(c));
    const uCodes = [...new Set(rows.map((r) => r.orgUnit))].filter((c) => c && !unitCache.has(c));
    const [inds, us] = await Promise.all([
      indCodes.length ? indicators.findByCodes(database, indCodes) : Promise.resolve([]),
      uCodes.length ? units.versionsByCodes(database, uCodes) : Promise.resolve([]),
    ]);
    for (const c of indCodes) indicatorCache.set(c, null);
    for (const c of uCodes) unitCache.set(c, []);
    for (const i of inds) {
      indicatorCache.set(i.code, i);
      indicatorCodes.set(i.id, i.code);
    }
    for (const u of us) {
      unitCache.get(u.code)?.push(u);
      unitCodes.set(u.id, u.code);
      unitRefs.set(u.id, u);
    }
    if (!options) {
      options = new Map();
      for (const o of await indicators.categoryOptions(database)) {
        const m = options.get(o.category) ?? new Map<string, number>();
        m.set(o.code, o.id);
        options.set(o.category, m);
      }
    }
  }

  /**
   * The version of the row's unit that its period speaks of; when none is valid in the period, the
   * nearest one, so that validation names the unit's dates (rule.unit_validity).
   */
  function unitVersionFor(r: RowInput): (UnitMeta & UnitRef) | undefined {
    const versions = unitCache.get(r.orgUnit);
    if (!versions || versions.length === 0) return undefined;
    if (versions.length === 1) return versions[0];
    let w = periodWindows.get(r.period);
    if (w === undefined) {
      const p = parsePeriod(r.period);
      w = p ? { from: periodStart(p), to: periodEnd(p) } : null;
      periodWindows.set(r.period, w);
    }
    if (!w) return currentVersion(versions, today());
    return versionFor(versions, w) ?? nearestVersion(versions, w);
  }

  async function write(allRows: ValidRow[], total: number, rejected: number) {
    let lateProblems: RowProblem[] = [];
    let rows = allRows;
    const c = await transactionRetrying(database, async (tx) => {
      // the form-periods the rows belong to, held until this commits (repositories/reporting.ts
      // lockReport): no submit, approval or return of their reports runs meanwhile; taken before the
      // caller's own report lock (the entry grid's), the one order everywhere
      await reports.lockFormPeriods(tx, allRows);
      if (opts.beforeWrite) await opts.beforeWrite(tx, allRows);
      // the report lock again, under those locks: a submit or an approval that landed since the rows
      // were checked holds them now
      rows = allRows;
      const late = await lockedProblems(tx, actor, allRows, (id) => unitRefs.get(id), f.value, {
        exemptUnchanged,
      });
      lateProblems = late.problems;
      if (late.locked.size > 0) {
        if (opts.mode === 'atomic') throw new LockedMeanwhile(late.problems);
        rows = allRows.filter((v) => !late.locked.has(v.row));
      }
      const counts = await writeRows(tx, rows);
      await appendAudit(tx, {
        userId: actor.id,
        username: actor.username,
        ip: opts.ip ?? null,
        action: strategy === 'delete' ? 'delete' : 'import',
        entity: 'data_value',
        key: null,
        after: {
          source,
          mode: opts.mode,
          rows: total,
          ...counts,
          rejected,
          sample: rows.slice(0, 20).map((v) => ({
            indicator: indicatorCodes.get(v.indicatorId),
            orgUnit: unitCodes.get(v.orgUnitId),
            period: codeFromId(v.periodId),
            value: v.value,
            numerator: v.numerator,
            denominator: v.denominator,
          })),
        },
      });
      if (opts.dryRun) throw new DryRunRollback(counts);
      return counts;
    }).catch((e) => {
      if (e instanceof DryRunRollback) return e.counts;
      throw e;
    });
    for (const p of lateProblems) problem(p);
    imported += c.imported;
    updated += c.updated;
    deleted += c.deleted;
    skipped += c.skipped;
    written += rows.length - c.skipped;
  }

  /** The write itself, by strategy (see WriteStrategy), inside the write transaction. */
  async function writeRows(tx: Tx, rows: ValidRow[]) {
    let target = rows;
    if (strategy !== 'upsert') {
      const stored = await values.storedKeys(tx, rows);
      target = rows.filter((v) => stored.has(values.valueKey(v)) === (strategy !== 'create'));
    }
    const meta = { userId: actor.id, status, source, keepStatusWhenUnchanged: opts.keepStatusWhenUnchanged };
    let counts: { imported: number; updated: number; deleted: number };
    if (strategy === 'delete')
      counts = { imported: 0, updated: 0, deleted: await values.deleteValues(tx, target, meta) };
    else {
      // values of a report not yet submitted are its drafts (services/reportingLock draftsOfOpenReports)
      const drafts = draftRows.size ? target.filter((v) => draftRows.has(v.row)) : [];
      const rest = drafts.length ? target.filter((v) => !draftRows.has(v.row)) : target;
      counts = { imported: 0, updated: 0, deleted: 0 };
      for (const [list, m] of [
        [rest, meta],
        [drafts, { ...meta, status: 'draft' }],
      ] as const)
        if (list.length > 0) {
          const c = await values.mergeValues(tx, list, m);
          counts.imported += c.imported;
          counts.updated += c.updated;
          if (m !== meta) draftsWritten += c.imported + c.updated;
        }
    }
    if (opts.afterWrite && strategy !== 'delete') await opts.afterWrite(tx, target);
    return { ...counts, skipped: rows.length - target.length };
  }

  return {
    get rows() {
      return seen;
    },
    get rejected() {
      return badRows.size;
    },
    async add(rows, preProblems = []) {
      for (const p of preProblems) problem(p);
      seen += rows.length + new Set(preProblems.map((p) => p.row)).size;
      if (rows.length === 0) return;
      await resolve(rows);
      const good: ValidRow[] = [];
      const before = badRows.size;
      let sinceYield = 0;
      for (const r of rows) {
        // a large request is validated in slices: other requests (health, dashboards) get their turn
        if (++sinceYield === 5000) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
        const ind = indicatorCache.get(r.indicator) ?? undefined;
        const unit = unitVersionFor(r);
        const res = validateRow(
          r,
          f,
          ind,
          unit,
          ind?.category ? options?.get(ind.category) : undefined,
          strategy !== 'delete',
        );
        if (!res.ok) {
          for (const p of res.problems) problem(p);
          continue;
        }
        if (!policy.canWriteData(actor, unit!)) {
          outOfScope = true;
          problem({ row: r.row, field: f.orgUnit, rule: 'rule.scope', params: { unit: r.orgUnit } });
          continue;
        }
        const v = res.value;
        const key = `${v.indicatorId}:${v.orgUnitId}:${v.periodId}:${v.optionId}`;
        const other = keys.get(key);
        if (other !== undefined) {
          problem({ row: r.row, field: f.period, rule: 'rule.duplicate', params: { other } });
          continue;
        }
        keys.set(key, r.row);
        good.push(v);
      }
      // values of an approved report are locked for every writer, of a submitted one for all but its
      // reviewers (services/reportingLock.ts); a value sent again unchanged, by a write that keeps its
      // status, changes nothing and passes. Checked here to list every problem, and again in the write.
      if (good.length > 0) {
        const lock = await lockedProblems(database, actor, good, (id) => unitRefs.get(id), f.value, {
          exemptUnchanged,
        });
        if (lock.locked.size > 0) {
          for (const p of lock.problems) problem(p);
          let kept = 0;
          for (const v of good) if (!lock.locked.has(v.row)) good[kept++] = v;
          good.length = kept;
        }
        // a write that is not a report's own (those write drafts) stores the values of a report not
        // yet submitted as its drafts, when the writer is not its reviewer
        if (status !== 'draft' && strategy !== 'delete' && good.length > 0)
          for (const row of await draftsOfOpenReports(database, actor, good, (id) => unitRefs.get(id)))
            draftRows.add(row);
      }
      if (opts.mode === 'partial') {
        if (good.length > 0) await write(good, rows.length, badRows.size - before);
      } else if (badRows.size === 0) {
        // keep rows only while the file is still clean: one bad row and nothing will be written
        for (const v of good) pending.push(v);
      } else pending.length = 0;
    },
    async finish() {
      errors.sort((a, b) => a.row - b.row);
      /** atomic and refused: nothing written */
      const refusedResult = (): ImportResult => ({
        imported: 0,
        updated: 0,
        unchanged: 0,
        rejected: badRows.size,
        errors,
        problemCount,
        refused: true,
        outOfScope,
      });
      if (opts.mode === 'atomic') {
        if (badRows.size > 0) return refusedResult();
        if (pending.length > 0) {
          try {
            await write(pending, seen, 0);
          } catch (e) {
            if (!(e instanceof LockedMeanwhile)) throw e;
            for (const p of e.problems) problem(p);
            errors.sort((a, b) => a.row - b.row);
            return refusedResult();
          }
        }
        pending.length = 0;
      }
      return {
        imported,
        updated,
        unchanged: written - imported - updated - deleted,
        rejected: badRows.size,
        errors,
        problemCount,
        refused: false,
        outOfScope,
        ...(strategy !== 'upsert' ? { deleted, skipped } : {}),
        ...(draftsWritten > 0 ? { drafts: draftsWritten } : {}),
      };
    },
  };
}
