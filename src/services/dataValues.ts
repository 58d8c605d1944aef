/**
 * Data values in bulk (JSON or CSV), all-or-nothing by default. Flow: read → resolve codes →
 * validate each row (src/domain/dataValueRow.ts) → refuse duplicates and rows outside the
 * actor's part of the tree → one transaction: COPY into a staging table, one merge statement
 * that inserts, updates (keeping history) or leaves unchanged rows alone → audit entry.
 */

import type { Database } from '../db/index.js';
import { transactionRetrying } from '../db/retry.js';
import { decodeUtf8, isProblem, readCsv } from '../domain/csv.js';
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
import { codeFromId, parsePeriod, periodId } from '../domain/period.js';
import { appendAudit } from '../repositories/audit.js';
import * as values from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';
import { forbidden } from '../server/errors.js';
import { policy } from '../server/policies/index.js';
import type { Actor } from './auth.js';
import { csvProblemError } from './importErrors.js';
import { lockedProblems } from './reportingLock.js';

export const VALUE_CSV_REQUIRED = ['indicator', 'org_unit', 'period'];
export const VALUE_CSV_OPTIONAL = ['value', 'numerator', 'denominator', 'comment', 'category_option'];

export type ImportMode = 'atomic' | 'partial';

export interface ImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowProblem[];
  /** true when nothing was written because of errors (atomic mode). */
  refused: boolean;
  /** true when some refusals are rows outside the actor's rights. */
  outOfScope: boolean;
}

export function rowsFromCsv(body: Uint8Array): RowInput[] {
  const decoded = decodeUtf8(body);
  if (isProblem(decoded)) throw csvProblemError(decoded);
  const table = readCsv(decoded.text, VALUE_CSV_REQUIRED, VALUE_CSV_OPTIONAL);
  if (isProblem(table)) throw csvProblemError(table);
  return table.rows.map(({ row, cells }) => ({
    row,
    indicator: cells.indicator,
    orgUnit: cells.org_unit,
    period: cells.period,
    categoryOption: cells.category_option || undefined,
    value: cells.value ?? null,
    numerator: cells.numerator ?? null,
    denominator: cells.denominator ?? null,
    comment: cells.comment || null,
  }));
}

export interface JsonValue {
  indicator?: unknown;
  orgUnit?: unknown;
  period?: unknown;
  categoryOption?: unknown;
  value?: unknown;
  numerator?: unknown;
  denominator?: unknown;
  comment?: unknown;
}

const str = (x: unknown) => (typeof x === 'string' ? x.trim() : typeof x === 'number' ? String(x) : '');
const numish = (x: unknown): string | number | boolean | null =>
  typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean' ? x : null;

/** JSON rows: anything of the wrong type becomes a row error, not a 400 for the whole body. */
export function rowsFromJson(list: JsonValue[]): { rows: RowInput[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const rows = list.map((v, i): RowInput | null => {
    const row = i + 1;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problems.push({ row, field: 'values', rule: 'rule.invalid', params: { reason: 'not an object' } });
      return null;
    }
    for (const k of ['value', 'numerator', 'denominator'] as const) {
      const x = v[k];
      if (
        x !== undefined &&
        x !== null &&
        typeof x !== 'number' &&
        typeof x !== 'string' &&
        typeof x !== 'boolean'
      )
        problems.push({ row, field: k, rule: 'rule.number' });
    }
    for (const k of ['indicator', 'orgUnit', 'period'] as const) {
      const x = v[k];
      if (x !== undefined && x !== null && typeof x !== 'string' && typeof x !== 'number')
        problems.push({ row, field: k, rule: 'rule.invalid', params: { reason: 'must be a string' } });
    }
    if (v.comment !== undefined && v.comment !== null && typeof v.comment !== 'string')
      problems.push({ row, field: 'comment', rule: 'rule.invalid', params: { reason: 'must be a string' } });
    return {
      row,
      indicator: str(v.indicator),
      orgUnit: str(v.orgUnit),
      period: str(v.period),
      categoryOption: str(v.categoryOption) || undefined,
      value: numish(v.value),
      numerator: numish(v.numerator) as string | number | null,
      denominator: numish(v.denominator) as string | number | null,
      comment: typeof v.comment === 'string' ? v.comment : null,
    };
  });
  return {
    rows: rows.filter((r): r is RowInput => r !== null && !problems.some((p) => p.row === r.row)),
    problems,
  };
}

export async function importValues(
  database: Database,
  actor: Actor,
  input: {
    rows: RowInput[];
    preProblems?: RowProblem[];
    fields: 'json' | 'csv';
    mode: ImportMode;
    source: 'api' | 'import' | 'dhis2' | 'form' | 'demo';
    status?: string;
  },
  ip: string | null,
): Promise<ImportResult> {
  const f: FieldNames = input.fields === 'csv' ? CSV_FIELDS : JSON_FIELDS;
  const problems: RowProblem[] = [...(input.preProblems ?? [])];
  const ctx = await resolve(database, input.rows);
  const valid: ValidRow[] = [];
  const keys = new Map<string, number>();
  let outOfScope = false;
  for (const r of input.rows) {
    const ind = ctx.indicators.get(r.indicator);
    const unit = ctx.units.get(r.orgUnit);
    const res = validateRow(r, f, ind, unit, ind?.category ? ctx.options.get(ind.category) : undefined);
    if (!res.ok) {
      problems.push(...res.problems);
      continue;
    }
    const u = ctx.unitRefs.get(r.orgUnit)!;
    if (!policy.canWriteData(actor, u)) {
      outOfScope = true;
      problems.push({ row: r.row, field: f.orgUnit, rule: 'rule.scope', params: { unit: r.orgUnit } });
      continue;
    }
    const key = `${res.value.indicatorId}:${res.value.orgUnitId}:${res.value.periodId}:${res.value.optionId}`;
    const other = keys.get(key);
    if (other !== undefined) {
      problems.push({ row: r.row, field: f.period, rule: 'rule.duplicate', params: { other } });
      continue;
    }
    keys.set(key, r.row);
    valid.push(res.value);
  }
  // Hook (periodic reporting, services/reportingLock.ts): values of an approved report are locked.
  if (valid.length > 0) {
    const lock = await lockedProblems(database, valid, f.value);
    if (lock.locked.size > 0) {
      problems.push(...lock.problems);
      let kept = 0;
      for (const v of valid) if (!lock.locked.has(v.row)) valid[kept++] = v;
      valid.length = kept;
    }
  }
  problems.sort((a, b) => a.row - b.row);
  const rejectedRows = new Set(problems.map((p) => p.row)).size;
  const total = input.rows.length + new Set((input.preProblems ?? []).map((p) => p.row)).size;
  if (problems.length > 0 && input.mode === 'atomic') {
    return {
      imported: 0,
      updated: 0,
      unchanged: 0,
      rejected: rejectedRows,
      errors: problems,
      refused: true,
      outOfScope,
    };
  }
  let counts = { imported: 0, updated: 0 };
  if (valid.length > 0) {
    // a deadlock with another kind of writer (status changes) is run again, not reported as a failure
    counts = await transactionRetrying(database, async (tx) => {
      const c = await values.mergeValues(tx, valid, {
        userId: actor.id,
        status: input.status ?? 'submitted',
        source: input.source,
      });
      await appendAudit(tx, {
        userId: actor.id,
        username: actor.username,
        ip,
        action: 'import',
        entity: 'data_value',
        key: null,
        after: {
          source: input.source,
          mode: input.mode,
          rows: total,
          ...c,
          rejected: rejectedRows,
          sample: valid.slice(0, 20).map((v) => ({
            indicator: ctx.indicatorCodes.get(v.indicatorId),
            orgUnit: ctx.unitCodes.get(v.orgUnitId),
            period: codeFromId(v.periodId),
            value: v.value,
            numerator: v.numerator,
            denominator: v.denominator,
          })),
        },
      });
      return c;
    });
  }
  return {
    imported: counts.imported,
    updated: counts.updated,
    unchanged: valid.length - counts.imported - counts.updated,
    rejected: rejectedRows,
    errors: problems,
    refused: false,
    outOfScope,
  };
}

async function resolve(database: Database, rows: RowInput[]) {
  const indCodes = [...new Set(rows.map((r) => r.indicator).filter(Boolean))];
  const unitCodes = [...new Set(rows.map((r) => r.orgUnit).filter(Boolean))];
  const [inds, us, opts] = await Promise.all([
    indicators.findByCodes(database, indCodes),
    units.findByCodes(database, unitCodes),
    indicators.categoryOptions(database),
  ]);
  const indicatorMap = new Map<string, IndicatorMeta>(inds.map((i) => [i.code, i]));
  const unitMap = new Map<string, UnitMeta>(us.map((u) => [u.code, u]));
  const options = new Map<string, Map<string, number>>();
  for (const o of opts) {
    const m = options.get(o.category) ?? new Map<string, number>();
    m.set(o.code, o.id);
    options.set(o.category, m);
  }
  return {
    indicators: indicatorMap,
    units: unitMap,
    unitRefs: new Map(us.map((u) => [u.code, { id: u.id, code: u.code, path: u.path }])),
    options,
    indicatorCodes: new Map(inds.map((i) => [i.id, i.code])),
    unitCodes: new Map(us.map((u) => [u.id, u.code])),
  };
}

/** Stored values as entered, within what the actor may read; drafts only where they may write. */
export async function listStoredValues(
  database: Database,
  actor: Actor,
  q: { indicator?: string; orgUnit?: string; period?: string; limit: number; offset: number },
) {
  const split = (s?: string) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  const indCodes = split(q.indicator);
  const unitCodes = split(q.orgUnit);
  const periodCodes = split(q.period);
  const inds = indCodes ? await indicators.findByCodes(database, indCodes) : undefined;
  const us = unitCodes ? await units.findByCodes(database, unitCodes) : undefined;
  // a unit named outright that the actor may not read is refused, not silently left out
  for (const u of us ?? []) if (!policy.canRead(actor, u)) throw forbidden(u.code);
  const periodIds = periodCodes
    ?.map((p) => parsePeriod(p))
    .filter((p) => p !== null)
    .map(periodId);
  if ((indCodes && !inds?.length) || (unitCodes && !us?.length) || (periodCodes && !periodIds?.length))
    return { items: [], total: 0 };
  const roots = policy.readRoots(actor);
  const draftRoots = actor.isAdmin
    ? null
    : actor.grants.filter((g) => g.role === 'secretariat' || g.role === 'reporter').map((g) => g.orgUnitId);
  const r = await values.listValues(database, {
    indicatorIds: inds?.map((i) => i.id),
    orgUnitIds: us?.map((u) => u.id),
    periodIds,
    roots,
    draftRoots,
    limit: q.limit,
    offset: q.offset,
  });
  return {
    total: r.total,
    items: r.items.map((v) => ({
      indicator: v.indicator,
      orgUnit: v.orgUnit,
      period: codeFromId(v.periodId),
      ...(v.categoryOption ? { categoryOption: v.categoryOption } : {}),
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      comment: v.comment,
      status: v.status,
      source: v.source,
      updatedAt: v.updatedAt,
    })),
  };
}
