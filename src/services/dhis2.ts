/**
 * DHIS2 exchange (data value sets, read with idScheme=CODE):
 * - dataElement = indicator code, orgUnit = org unit code, period in DHIS2 form (`2024`, `2024S1`,
 *   `2024Q1`, `202403`; ours `2024M03`, `2024N9` too), categoryOptionCombo = our category option code
 *   (absent, `default` or DHIS2's default combo id `HllvX50cXC0` mean no disaggregation);
 * - ratio indicators: send the parts as data elements `CODE.NUM` and `CODE.DEN` (same orgUnit, period
 *   and combo); a plain `CODE` value alongside them is checked against numerator ÷ denominator;
 *   a plain `CODE` alone is a conflict (the parts are what we store);
 * - every entry goes through importValues (validation, rights, the approved-report lock) in partial
 *   mode: good values are written, each bad one becomes a conflict `{object, value}` — never a 5xx.
 * Export returns the stored values in the same shape, ratios as `CODE` plus `CODE.NUM`/`CODE.DEN`.
 */

import type { Actor } from '../access/actor.js';
import type { Database } from '../db/index.js';
import type { RowInput } from '../domain/dataValueRow.js';
import { formatDhis2Period, parsePeriod } from '../domain/period.js';
import { translateRowErrors } from '../i18n/errors.js';
import type { Lang } from '../i18n/index.js';
import * as indicators from '../repositories/indicators.js';
import { importValues, listStoredValues } from './dataValues.js';
import { listErrors } from './errorList.js';

export interface Dhis2Summary {
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  description?: string;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  conflicts: Array<{ object: string; value: string }>;
  /** only when conflicts were left out: all of them, listed or not (the list holds the first 200) */
  conflictsTotal?: number;
  conflictsTruncated?: boolean;
}

function capConflicts(conflicts: Dhis2Summary['conflicts']) {
  const l = listErrors(conflicts);
  return 'errorsTotal' in l
    ? { conflicts: l.errors, conflictsTotal: l.errorsTotal, conflictsTruncated: true }
    : { conflicts: l.errors };
}

const DEFAULT_COMBOS = new Set(['', 'default', 'HllvX50cXC0']);

const str = (x: unknown): string =>
  typeof x === 'string' ? x.trim() : typeof x === 'number' && Number.isFinite(x) ? String(x) : '';

const MSG = {
  vi: {
    notObject: 'mục dữ liệu phải là một đối tượng JSON',
    missing: (f: string) => `thiếu ${f}`,
    period: 'kỳ không hợp lệ (ví dụ 2024, 2024S1, 2024Q1, 202403)',
    ratioPlain: (c: string) => `chỉ tiêu tỷ lệ: gửi tử số ${c}.NUM và mẫu số ${c}.DEN`,
    twice: 'trùng một mục khác (cùng phần tử dữ liệu, đơn vị, kỳ, phân tổ)',
    value: 'giá trị phải là số, chuỗi hoặc true/false',
  },
  en: {
    notObject: 'data value must be a JSON object',
    missing: (f: string) => `${f} is missing`,
    period: 'period is not valid (e.g. 2024, 2024S1, 2024Q1, 202403)',
    ratioPlain: (c: string) =>
      `ratio indicator: send the numerator as ${c}.NUM and the denominator as ${c}.DEN`,
    twice: 'duplicates another data value (same data element, org unit, period and combo)',
    value: 'value must be a number, string or true/false',
  },
};

export async function importDataValueSet(
  database: Database,
  actor: Actor,
  body: { dataValues?: unknown[]; period?: unknown; orgUnit?: unknown; attributeOptionCombo?: unknown },
  lang: Lang,
  ip: string | null,
): Promise<Dhis2Summary> {
  const m = MSG[lang];
  const conflicts: Dhis2Summary['conflicts'] = [];
  const list = Array.isArray(body.dataValues) ? body.dataValues : [];
  const defPeriod = str(body.period);
  const defUnit = str(body.orgUnit);
  let ignored = 0;

  // base codes → value types (to tell a plain ratio value from a number)
  const codes = new Set<string>();
  for (const dv of list) {
    if (dv && typeof dv === 'object')
      codes.add(str((dv as Record<string, unknown>).dataElement).replace(/\.(NUM|DEN)$/i, ''));
  }
  const types = new Map(
    (await indicators.findByCodes(database, [...codes].filter(Boolean))).map((i) => [i.code, i.valueType]),
  );

  interface Group {
    input: RowInput;
    parts: Set<string>;
    objects: { indicator: string; orgUnit: string; period: string; value: string };
  }
  const groups = new Map<string, Group>();
  list.forEach((raw) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      conflicts.push({ object: String(raw), value: m.notObject });
      ignored++;
      return;
    }
    const dv = raw as Record<string, unknown>;
    const de = str(dv.dataElement);
    const orgUnit = str(dv.orgUnit) || defUnit;
    const periodText = str(dv.period) || defPeriod;
    const combo = str(dv.categoryOptionCombo);
    const v = dv.value;
    const missing = !de ? 'dataElement' : !orgUnit ? 'orgUnit' : !periodText ? 'period' : null;
    if (missing) {
      conflicts.push({ object: de || missing, value: m.missing(missing) });
      ignored++;
      return;
    }
    const period = parsePeriod(periodText);
    if (!period) {
      conflicts.push({ object: periodText, value: m.period });
      ignored++;
      return;
    }
    if (
      v !== undefined &&
      v !== null &&
      typeof v !== 'string' &&
      typeof v !== 'number' &&
      typeof v !== 'boolean'
    ) {
      conflicts.push({ object: de, value: m.value });
      ignored++;
      return;
    }
    const part = /\.NUM$/i.test(de) ? 'numerator' : /\.DEN$/i.test(de) ? 'denominator' : 'value';
    const code = de.replace(/\.(NUM|DEN)$/i, '');
    const key = `${code}|${orgUnit}|${periodText}|${DEFAULT_COMBOS.has(combo) ? '' : combo}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        input: {
          row: groups.size + 1,
          indicator: code,
          orgUnit,
          period: periodText,
          categoryOption: DEFAULT_COMBOS.has(combo) ? undefined : combo,
          value: null,
          numerator: null,
          denominator: null,
          comment: null,
        },
        parts: new Set(),
        objects: { indicator: de, orgUnit, period: periodText, value: str(v) },
      };
      groups.set(key, g);
    }
    if (g.parts.has(part)) {
      conflicts.push({ object: de, value: m.twice });
      ignored++;
      return;
    }
    g.parts.add(part);
    const scalar = typeof v === 'boolean' ? v : v === undefined ? null : (v as string | number | null);
    if (part === 'value') g.input.value = scalar;
    else (g.input as unknown as Record<string, unknown>)[part] = typeof scalar === 'boolean' ? null : scalar;
    if (typeof dv.comment === 'string' && dv.comment.trim()) g.input.comment = dv.comment;
  });

  const rows: RowInput[] = [];
  const byRow = new Map<number, Group>();
  for (const g of groups.values()) {
    if (
      types.get(g.input.indicator) === 'ratio' &&
      !g.parts.has('numerator') &&
      !g.parts.has('denominator')
    ) {
      conflicts.push({ object: g.input.indicator, value: m.ratioPlain(g.input.indicator) });
      ignored++;
      continue;
    }
    rows.push(g.input);
    byRow.set(g.input.row, g);
  }

  let imported = 0;
  let updated = 0;
  if (rows.length > 0) {
    const r = await importValues(
      database,
      actor,
      { rows, fields: 'json', mode: 'partial', source: 'dhis2' },
      ip,
    );
    imported = r.imported;
    updated = r.updated;
    ignored += r.unchanged + r.rejected;
    const translated = translateRowErrors(lang, r.errors);
    r.errors.forEach((e, i) => {
      const g = byRow.get(e.row);
      const object =
        e.field === 'orgUnit'
          ? (g?.objects.orgUnit ?? '')
          : e.field === 'period'
            ? (g?.objects.period ?? '')
            : e.field === 'numerator'
              ? `${g?.input.indicator}.NUM`
              : e.field === 'denominator'
                ? `${g?.input.indicator}.DEN`
                : e.field === 'categoryOption'
                  ? String(g?.input.categoryOption ?? '')
                  : (g?.input.indicator ?? '');
      conflicts.push({ object, value: translated[i].message });
    });
  }
  const status: Dhis2Summary['status'] =
    conflicts.length === 0 ? 'SUCCESS' : imported + updated > 0 ? 'WARNING' : 'ERROR';
  return {
    status,
    description:
      status === 'SUCCESS'
        ? 'Import process completed successfully'
        : `Import process completed with ${conflicts.length} conflict(s)`,
    importCount: { imported, updated, ignored, deleted: 0 },
    ...capConflicts(conflicts),
  };
}

export async function exportDataValueSet(
  database: Database,
  actor: Actor,
  q: { dataElement?: string; orgUnit?: string; period?: string },
) {
  const indicatorCodes = q.dataElement
    ? [
        ...new Set(
          q.dataElement
            .split(',')
            .map((c) => c.trim().replace(/\.(NUM|DEN)$/i, ''))
            .filter(Boolean),
        ),
      ].join(',')
    : undefined;
  const dataValues: Array<Record<string, string>> = [];
  for (let offset = 0; offset < 1_000_000; offset += 10000) {
    const page = await listStoredValues(database, actor, {
      indicator: indicatorCodes,
      orgUnit: q.orgUnit,
      period: q.period,
      limit: 10000,
      offset,
    });
    for (const v of page.items) {
      const p = parsePeriod(v.period)!;
      const base = {
        period: formatDhis2Period(p),
        orgUnit: v.orgUnit,
        ...(v.categoryOption ? { categoryOptionCombo: v.categoryOption } : {}),
        lastUpdated: v.updatedAt,
        ...(v.comment ? { comment: v.comment } : {}),
      };
      if (v.value !== null) dataValues.push({ dataElement: v.indicator, ...base, value: String(v.value) });
      if (v.numerator !== null)
        dataValues.push({ dataElement: `${v.indicator}.NUM`, ...base, value: String(v.numerator) });
      if (v.denominator !== null)
        dataValues.push({ dataElement: `${v.indicator}.DEN`, ...base, value: String(v.denominator) });
    }
    if (page.items.length < 10000) break;
  }
  return { dataValues };
}
