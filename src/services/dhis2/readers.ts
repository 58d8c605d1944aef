/**
 * DHIS2 data value sets as they arrive: JSON (`{"dataValues":[…]}` with optional set-level
 * `period`, `orgUnit`, `attributeOptionCombo`) or DHIS2 CSV (`application/csv`, `text/csv`) through
 * the project's one CSV reader (domain/csv.ts). The CSV columns are DHIS2's, in DHIS2's order:
 *   dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,
 *   comment,followup,deleted
 * The header is optional: a first record starting with `dataelement` is a header (its column names
 * then decide, in any order, case ignored; `timestamp` is DHIS2's older name of `lastupdated`);
 * without one the columns are taken in that order.
 */
import { isProblem, readCsvGrid } from '../../domain/csv.js';
import { badRequest } from '../../errors.js';
import { checkRequestRows } from '../dataValues.js';
import { csvProblemError } from '../importErrors.js';

/** One DHIS2 data value as read; every field as sent (strings, numbers, booleans or absent). */
export interface Dhis2Value {
  dataElement?: unknown;
  period?: unknown;
  orgUnit?: unknown;
  categoryOptionCombo?: unknown;
  attributeOptionCombo?: unknown;
  value?: unknown;
  storedBy?: unknown;
  created?: unknown;
  lastUpdated?: unknown;
  comment?: unknown;
  followup?: unknown;
  deleted?: unknown;
}

export interface Dhis2Set {
  /** set-level defaults (DHIS2 lets the set carry them for every value) */
  period?: unknown;
  orgUnit?: unknown;
  attributeOptionCombo?: unknown;
  /** each entry as sent: an object, or anything else (then a conflict) */
  dataValues: unknown[];
}

export const CSV_COLUMNS = [
  'dataelement',
  'period',
  'orgunit',
  'categoryoptioncombo',
  'attributeoptioncombo',
  'value',
  'storedby',
  'lastupdated',
  'comment',
  'followup',
  'deleted',
] as const;

const FIELD: Record<string, keyof Dhis2Value> = {
  dataelement: 'dataElement',
  period: 'period',
  orgunit: 'orgUnit',
  categoryoptioncombo: 'categoryOptionCombo',
  attributeoptioncombo: 'attributeOptionCombo',
  value: 'value',
  storedby: 'storedBy',
  lastupdated: 'lastUpdated',
  timestamp: 'lastUpdated',
  created: 'created',
  comment: 'comment',
  followup: 'followup',
  deleted: 'deleted',
};

export function setFromJson(body: unknown): Dhis2Set {
  const b = body as Record<string, unknown> | null;
  if (
    !b ||
    typeof b !== 'object' ||
    Array.isArray(b) ||
    (b.dataValues !== undefined && !Array.isArray(b.dataValues))
  )
    throw badRequest('error.validation', { count: 1 }, [
      { field: 'dataValues', message: 'expected {"dataValues": [...]}' },
    ]);
  const dataValues = (b.dataValues as unknown[] | undefined) ?? [];
  checkRequestRows(dataValues.length);
  return { period: b.period, orgUnit: b.orgUnit, attributeOptionCombo: b.attributeOptionCombo, dataValues };
}

export function setFromCsv(bytes: Uint8Array, opts: { firstRowIsHeader?: boolean } = {}): Dhis2Set {
  const grid = readCsvGrid(bytes);
  if (isProblem(grid)) throw csvProblemError(grid);
  const records = grid.filter((r) => !(r.length === 1 && r[0].trim() === ''));
  let columns: Array<keyof Dhis2Value | null> = CSV_COLUMNS.map((c) => FIELD[c]);
  const first = records[0]?.[0]?.trim().toLowerCase();
  if (records.length > 0 && opts.firstRowIsHeader !== false && first === 'dataelement') {
    const header = records.shift()!.map((h) => h.trim().toLowerCase());
    const unknown = header.filter((h) => !(h in FIELD));
    if (unknown.length > 0 || new Set(header).size !== header.length)
      throw csvProblemError({ kind: 'header', expected: [...CSV_COLUMNS], got: header });
    columns = header.map((h) => FIELD[h]);
  }
  checkRequestRows(records.length);
  return {
    dataValues: records.map((r) => {
      const v: Record<string, string> = {};
      r.forEach((cell, i) => {
        const f = columns[i];
        if (f && cell.trim() !== '') v[f] = cell.trim();
      });
      return v;
    }),
  };
}
