/**
 * GET /api/dataValueSets: stored values in DHIS2's shape, filtered as DHIS2 filters
 * (dhis2-core DataExportParams): a data set (a report form code) or data elements, periods or a
 * start/end date range or `lastUpdated`, and org units (with `children=true` their subtrees).
 * Like DHIS2, a request missing any of the three is refused (409, E2001/E2002/E2006), so there is
 * no unbounded dump; pages of at most 10,000 values (`page`, `pageSize`).
 *
 * Periods come out in DHIS2 form (`202403`, `2024W1`, `20240115`). chiso's nine-month period
 * (`2024N9`) has no DHIS2 period type: such values are left out and counted in `notes`, never
 * given an invented id.
 */
import type { Actor } from '../../access/actor.js';
import { policy } from '../../access/index.js';
import type { Database } from '../../db/index.js';
import {
  formatDhis2Period,
  isPeriodType,
  type Period,
  type PeriodType,
  parsePeriod,
  periodEnd,
  periodFromId,
  periodId,
  periodOfDate,
  periodStart,
  shift,
} from '../../domain/period.js';
import { AppError, forbidden } from '../../errors.js';
import { registerMessages } from '../../i18n/index.js';
import * as values from '../../repositories/dataValues.js';
import * as indicators from '../../repositories/indicators.js';
import * as units from '../../repositories/orgUnits.js';
import * as reporting from '../../repositories/reporting.js';

export const MAX_PAGE_SIZE = 10_000;

registerMessages(
  {
    'dhis2.E2001': 'Cần ít nhất một bộ dữ liệu (dataSet) hoặc phần tử dữ liệu (dataElement)',
    'dhis2.E2002': 'Cần ít nhất một kỳ (period), khoảng startDate/endDate hoặc lastUpdated',
    'dhis2.E2004': 'startDate phải trước endDate',
    'dhis2.E2005': 'Khoảng ngày quá dài: {{n}} kỳ (tối đa {{max}})',
    'dhis2.E2006': 'Cần ít nhất một đơn vị (orgUnit)',
    'dhis2.E2013': 'Không có bộ dữ liệu (biểu mẫu) {{code}}',
  },
  {
    'dhis2.E2001': 'At least one data element, data set or data element group must be specified',
    'dhis2.E2002':
      'At least one period, start/end dates, last updated or last updated duration must be specified',
    'dhis2.E2004': 'Start date must be before end date',
    'dhis2.E2005': 'The date range holds too many periods: {{n}} (at most {{max}})',
    'dhis2.E2006': 'At least one organisation unit or organisation unit group must be specified',
    'dhis2.E2013': 'No data set (report form) {{code}}',
  },
);

/** A refused export query: answered 409 with DHIS2's error code (the route presents it). */
const illegal = (code: string, params: Record<string, unknown> = {}) =>
  new AppError(409, code, `dhis2.${code}` as never, params);

export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo?: string;
  value: string;
  storedBy?: string;
  created: string;
  lastUpdated: string;
  comment?: string;
  followup: boolean;
}

export interface ExportQuery {
  dataSet?: string;
  dataElement?: string;
  orgUnit?: string;
  period?: string;
  startDate?: string;
  endDate?: string;
  lastUpdated?: string;
  children?: boolean;
  page?: number;
  pageSize?: number;
}

const split = (s?: string) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The periods of `type` lying wholly within [start, end]. */
function periodsWithin(type: PeriodType, start: string, end: string, max: number): Period[] {
  const out: Period[] = [];
  let p = periodOfDate(start, type);
  if (periodStart(p) < start) p = shift(p, 1);
  for (; periodEnd(p) <= end; p = shift(p, 1)) {
    out.push(p);
    if (out.length > max) throw illegal('E2005', { n: `> ${max}`, max });
  }
  return out;
}

export async function exportDataValueSet(database: Database, actor: Actor, q: ExportQuery) {
  const elementCodes = split(q.dataElement).map((c) => c.replace(/\.(NUM|DEN)$/i, ''));
  const formCodes = split(q.dataSet);
  const unitCodes = split(q.orgUnit);
  const periodCodes = split(q.period);
  if (elementCodes.length === 0 && formCodes.length === 0) throw illegal('E2001');
  if (periodCodes.length === 0 && !(q.startDate && q.endDate) && !q.lastUpdated) throw illegal('E2002');
  if (q.startDate && q.endDate && q.startDate > q.endDate) throw illegal('E2004');
  if (unitCodes.length === 0) throw illegal('E2006');

  const indicatorIds = new Set<number>();
  const frequencies = new Set<PeriodType>();
  for (const code of formCodes) {
    const form = await reporting.findForm(database, code);
    if (!form) throw illegal('E2013', { code });
    for (const i of await reporting.formIndicators(database, form.id)) {
      indicatorIds.add(i.id);
      if (isPeriodType(i.frequency)) frequencies.add(i.frequency);
    }
  }
  for (const i of await indicators.findByCodes(database, [...new Set(elementCodes)])) {
    indicatorIds.add(i.id);
    if (isPeriodType(i.frequency)) frequencies.add(i.frequency);
  }
  const us = await units.findByCodes(database, unitCodes);
  // a unit named outright that the actor may not read is refused, not silently left out
  for (const u of us) if (!policy.canRead(actor, u)) throw forbidden(u.code);

  let periodIds: number[] | undefined;
  if (periodCodes.length > 0 || (q.startDate && q.endDate)) {
    const ids = new Set<number>();
    for (const c of periodCodes) {
      const p = parsePeriod(c);
      if (p) ids.add(periodId(p));
    }
    if (q.startDate && q.endDate)
      for (const f of frequencies)
        for (const p of periodsWithin(f, q.startDate, q.endDate, 50_000)) ids.add(periodId(p));
    periodIds = [...ids];
  }
  const pageSize = Math.min(Math.max(1, q.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
  const page = Math.max(1, q.page ?? 1);
  const empty = indicatorIds.size === 0 || us.length === 0 || (periodIds && periodIds.length === 0);
  const r = empty
    ? { total: 0, items: [] }
    : await values.listValues(database, {
        indicatorIds: [...indicatorIds],
        ...(q.children ? { within: us.map((u) => u.id) } : { orgUnitIds: us.map((u) => u.id) }),
        periodIds,
        updatedSince: q.lastUpdated,
        roots: policy.readRoots(actor),
        draftRoots: policy.draftRoots(actor),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });

  const booleans = new Set(
    (await indicators.findByCodes(database, [...new Set(r.items.map((v) => v.indicator))]))
      .filter((i) => i.valueType === 'boolean')
      .map((i) => i.code),
  );
  let nineMonths = 0;
  const dataValues: Dhis2DataValue[] = [];
  for (const v of r.items) {
    const p = periodFromId(v.periodId);
    if (p.type === 'nine_months') {
      nineMonths++;
      continue;
    }
    const base = {
      period: formatDhis2Period(p),
      orgUnit: v.orgUnit,
      ...(v.categoryOption ? { categoryOptionCombo: v.categoryOptionDhis2 ?? v.categoryOption } : {}),
      ...(v.updatedBy ? { storedBy: v.updatedBy } : {}),
      created: v.createdAt,
      lastUpdated: v.updatedAt,
      ...(v.comment ? { comment: v.comment } : {}),
      followup: v.followup,
    };
    const text = (x: number) => (booleans.has(v.indicator) ? String(x === 1) : String(x));
    if (v.value !== null) dataValues.push({ dataElement: v.indicator, ...base, value: text(v.value) });
    if (v.numerator !== null)
      dataValues.push({ dataElement: `${v.indicator}.NUM`, ...base, value: String(v.numerator) });
    if (v.denominator !== null)
      dataValues.push({ dataElement: `${v.indicator}.DEN`, ...base, value: String(v.denominator) });
  }
  return {
    dataValues,
    pager: { page, pageSize, total: r.total, pageCount: Math.ceil(r.total / pageSize) },
    ...(nineMonths > 0
      ? {
          notes: [
            `${nineMonths} value(s) of nine-month periods (e.g. 2024N9) left out: DHIS2 has no nine-month period type`,
          ],
        }
      : {}),
  };
}
