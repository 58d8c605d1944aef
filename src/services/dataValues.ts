/**
 * Data values in bulk: the readers (CSV, JSON) and the stored-values listing. Writing goes through
 * the one pipeline in services/valueImport.ts (resolve → validate → rights, duplicates, approved-report
 * lock → one transaction: COPY or merge with history → audit entry), all-or-nothing by default.
 */

import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import type { Database, Tx } from '../db/index.js';
import { decodeUtf8, isProblem, readCsv } from '../domain/csv.js';
import type { RowInput, RowProblem, ValidRow } from '../domain/dataValueRow.js';
import { codeFromId, parsePeriod, periodId } from '../domain/period.js';
import { plainCell } from '../domain/spreadsheetCell.js';
import { AppError, forbidden } from '../errors.js';
import { type MessageKey, registerMessages } from '../i18n/index.js';
import * as values from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';
import { csvProblemError } from './importErrors.js';
import { type ImportMode, type ImportResult, startValueImport } from './valueImport.js';

export const VALUE_CSV_REQUIRED = ['indicator', 'org_unit', 'period'];
export const VALUE_CSV_IMPORTED = ['value', 'numerator', 'denominator', 'comment', 'category_option'];
/**
 * Columns an export adds for the person reading it (services/valueFiles.ts): an import accepts
 * them and ignores them, so every exported file imports back as it is.
 */
export const VALUE_EXPORT_ONLY = [
  'status',
  'updated_at',
  'indicator_name',
  'org_unit_name',
  'category_option_name',
];
export const VALUE_CSV_OPTIONAL = [...VALUE_CSV_IMPORTED, ...VALUE_EXPORT_ONLY];

export type { ImportMode, ImportResult } from './valueImport.js';

registerMessages(
  {
    'import.too_many_rows':
      'Một yêu cầu nhận tối đa {{max}} dòng (tệp có {{rows}} dòng): hãy chia tệp, hoặc dùng lệnh `npx chiso import values`.',
  },
  {
    'import.too_many_rows':
      'One request takes at most {{max}} rows (this one has {{rows}}): split the file, or use `npx chiso import values`.',
  },
);

/** Most rows one HTTP request may carry (CHISO_MAX_REQUEST_ROWS); the CLI streams files of any size. */
export function maxRequestRows(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CHISO_MAX_REQUEST_ROWS);
  return Number.isInteger(n) && n > 0 ? n : 500_000;
}

/** Refuses (413) a request of more rows than one request may carry, before anything is parsed. */
export function checkRequestRows(rows: number, max = maxRequestRows()) {
  if (rows > max)
    throw new AppError(413, 'too_many_rows', 'import.too_many_rows' as MessageKey, { max, rows });
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

export function rowsFromCsv(body: Uint8Array): RowInput[] {
  // data rows ≈ lines − header; counted on the bytes, so a huge file is refused before it is parsed
  checkRequestRows(countLines(body) - 1);
  const decoded = decodeUtf8(body);
  if (isProblem(decoded)) throw csvProblemError(decoded);
  const table = readCsv(decoded.text, VALUE_CSV_REQUIRED, VALUE_CSV_OPTIONAL);
  if (isProblem(table)) throw csvProblemError(table);
  return table.rows.map(({ row, cells }) => rowOfCells(row, cells));
}

/**
 * One value row of the file format (cells by column name, from CSV or .xlsx) as an import row; text
 * cells lose the apostrophe the formula guard put in front (domain/spreadsheetCell.ts), and
 * export-only columns are ignored.
 */
export function rowOfCells(row: number, cells: Record<string, string | number | boolean | null>): RowInput {
  const text = (x: string | number | boolean | null | undefined) =>
    x === null || x === undefined ? '' : typeof x === 'string' ? plainCell(x) : String(x);
  const figure = (x: string | number | boolean | null | undefined) =>
    x === undefined ? null : typeof x === 'string' ? plainCell(x) : x;
  const figureOnly = (x: string | number | boolean | null | undefined) => {
    const f = figure(x);
    return typeof f === 'boolean' ? String(f) : f;
  };
  return {
    row,
    indicator: text(cells.indicator),
    orgUnit: text(cells.org_unit),
    period: text(cells.period),
    categoryOption: text(cells.category_option) || undefined,
    value: figure(cells.value),
    numerator: figureOnly(cells.numerator),
    denominator: figureOnly(cells.denominator),
    comment: text(cells.comment) || null,
  };
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
  checkRequestRows(list.length);
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

/** Values of one request, through the one write pipeline (services/valueImport.ts) as a single chunk. */
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
    /** see startValueImport: runs inside the write transaction, before any value is written */
    beforeWrite?: (tx: Tx, rows: ValidRow[]) => Promise<void>;
    /** a value sent again unchanged keeps its status (an exported file imports back unchanged) */
    keepStatusWhenUnchanged?: boolean;
    /** validate, write and count in a transaction that is rolled back: nothing stays */
    dryRun?: boolean;
  },
  ip: string | null,
): Promise<ImportResult> {
  const pipeline = startValueImport(database, actor, {
    mode: input.mode,
    fields: input.fields,
    source: input.source,
    status: input.status,
    ip,
    beforeWrite: input.beforeWrite,
    keepStatusWhenUnchanged: input.keepStatusWhenUnchanged,
    dryRun: input.dryRun,
  });
  await pipeline.add(input.rows, input.preProblems);
  return pipeline.finish();
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
  // every version of a named code: values are read as recorded, whichever version they belong to
  const us = unitCodes ? await units.versionsByCodes(database, unitCodes) : undefined;
  // a unit named outright that the actor may not read is refused, not silently left out
  for (const u of us ?? []) if (!policy.canRead(actor, u)) throw forbidden(u.code);
  const periodIds = periodCodes
    ?.map((p) => parsePeriod(p))
    .filter((p) => p !== null)
    .map(periodId);
  if ((indCodes && !inds?.length) || (unitCodes && !us?.length) || (periodCodes && !periodIds?.length))
    return { items: [], total: 0 };
  const roots = policy.readRoots(actor);
  const draftRoots = policy.draftRoots(actor);
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
      indicatorName: v.indicatorName,
      orgUnitName: v.orgUnitName,
      categoryOptionName: v.categoryOptionName,
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
