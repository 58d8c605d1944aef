/**
 * `chiso import indicators FILE.csv`: every row validated by the API's own rules (the zod
 * `indicatorInput`, then createIndicator's catalogue checks), all in ONE transaction: one bad row
 * and no indicator is written.
 */
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { type Database, databaseOnTx } from '../db/index.js';
import { decodeUtf8, isProblem, readCsv } from '../domain/csv.js';
import { AppError } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import { csvProblemError } from '../services/importErrors.js';
import { createIndicator, type IndicatorInput, indicatorInput } from '../services/indicators.js';
import type { RowErrorLike } from './messages.js';

export const INDICATOR_CSV_REQUIRED = ['code', 'name', 'value_type', 'pillar'];
export const INDICATOR_CSV_OPTIONAL = [
  'name_en',
  'unit',
  'aggregation',
  'time_aggregation',
  'field',
  'frequency',
  'polarity',
  'owner',
  'source',
  'reporting_kinds',
  'definition',
  'definition_en',
  'ratio_scale',
  'decimals',
  'category',
  'formula',
];

const CAMEL: Record<string, string> = {
  name_en: 'nameEn',
  value_type: 'valueType',
  time_aggregation: 'timeAggregation',
  reporting_kinds: 'reportingKinds',
  definition_en: 'definitionEn',
  ratio_scale: 'ratioScale',
};
const SNAKE = Object.fromEntries(Object.entries(CAMEL).map(([k, v]) => [v, k]));

class Rollback extends Error {}

function zodProblems(row: number, error: z.ZodError): RowErrorLike[] {
  return error.issues.map((i) => {
    const key = String(i.path[0] ?? '');
    const field = SNAKE[key] ?? key;
    const issue = i as unknown as {
      code: string;
      values?: unknown[];
      maximum?: number | bigint;
      minimum?: number | bigint;
      format?: string;
      input?: unknown;
    };
    let rule: MessageKey = 'rule.invalid';
    let params: Record<string, unknown> = { reason: i.message };
    if (issue.code === 'invalid_value' && issue.values) {
      rule = 'rule.one_of';
      params = { values: issue.values.join(', ') };
    } else if (issue.code === 'too_big' && typeof i.path[0] === 'string') {
      rule = 'rule.too_long';
      params = { max: Number(issue.maximum) };
    } else if ((issue.code === 'too_small' && Number(issue.minimum) <= 1) || issue.input === undefined) {
      rule = 'rule.required';
      params = {};
    } else if (issue.code === 'invalid_format' && key === 'code') {
      rule = 'rule.code';
      params = {};
    }
    return { row, field, rule, params };
  });
}

export function indicatorRowsFromCsv(body: Uint8Array) {
  const decoded = decodeUtf8(body);
  if (isProblem(decoded)) throw csvProblemError(decoded);
  const table = readCsv(decoded.text, INDICATOR_CSV_REQUIRED, INDICATOR_CSV_OPTIONAL);
  if (isProblem(table)) throw csvProblemError(table);
  const problems: RowErrorLike[] = [];
  const inputs: Array<{ row: number; input: IndicatorInput }> = [];
  for (const { row, cells } of table.rows) {
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(cells)) {
      if (v === '') continue;
      const key = CAMEL[k] ?? k;
      if (k === 'reporting_kinds')
        raw[key] = v
          .split(/[;,|\s]+/)
          .map((s) => s.trim())
          .filter(Boolean);
      else if (k === 'ratio_scale' || k === 'decimals') raw[key] = Number(v.replace(',', '.'));
      else raw[key] = v;
    }
    const parsed = indicatorInput.safeParse(raw);
    if (!parsed.success) problems.push(...zodProblems(row, parsed.error));
    else inputs.push({ row, input: parsed.data });
  }
  return { inputs, problems };
}

/** Creates every indicator or none. */
export async function importIndicators(
  database: Database,
  actor: Actor,
  rows: Array<{ row: number; input: IndicatorInput }>,
  preProblems: RowErrorLike[] = [],
): Promise<{ created: number; errors: RowErrorLike[] }> {
  const errors: RowErrorLike[] = [...preProblems];
  let created = 0;
  try {
    await database.transaction(async (tx) => {
      const inTx = databaseOnTx(database, tx);
      for (const { row, input } of rows) {
        try {
          await createIndicator(inTx, actor, input, null);
          created++;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          const details = e.details as Array<{ field?: string; message?: string }>;
          if (e.code === 'conflict')
            errors.push({ row, field: 'code', rule: e.messageKey, params: e.params });
          else if (details.length)
            for (const d of details) errors.push({ row, field: d.field ?? '', message: d.message ?? '' });
          else errors.push({ row, field: '', rule: e.messageKey, params: e.params });
        }
      }
      if (errors.length > 0) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  errors.sort((a, b) => a.row - b.row);
  return errors.length ? { created: 0, errors } : { created, errors };
}
