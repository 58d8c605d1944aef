/**
 * Open data (no login): the indicators an administrator published, their aggregates for every unit
 * and period with public data, broken down by the indicator's category, and the files people and
 * machines read — CSV for Excel (UTF-8 with a BOM), JSON, Open SDG's CSV and SDMX-CSV 2.0.
 *
 * Public means: the indicator is published, and only values whose status is public count —
 * submitted (the final status of values imported outside a report form) and approved. Drafts and
 * returned values (a reviewer sent them back) never count, in any file or total.
 */
import type { Database } from '../db/index.js';
import { parseFormula } from '../domain/formula.js';
import {
  completeYears,
  displayDecimals,
  roundForDisplay,
  sdmxFrequency,
  sdmxId,
  sdmxPeriod,
} from '../domain/openData.js';
import {
  formatPeriod,
  labelPeriod,
  type Period,
  type PeriodType,
  parsePeriod,
  periodEnd,
  periodFromId,
  periodId,
} from '../domain/period.js';
import { today } from '../domain/unitVersions.js';
import { notFound } from '../errors.js';
import { periodsAndUnitsWithData } from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';
import { computeCells } from './analytics.js';
import { type FileDownload, tableFile } from './exports.js';

/** The statuses of values the public sees. */
export const PUBLIC_STATUSES = ['submitted', 'approved'] as const;

type Ind = indicators.IndicatorRow;
type Unit = units.OrgUnitRow;

export async function publishedIndicators(database: Database) {
  const r = await indicators.list(database, { published: true, limit: 10000, offset: 0 });
  return r.items.map((i) => ({
    code: i.code,
    name: i.name,
    nameEn: i.nameEn,
    unit: i.unit,
    pillar: i.pillar,
    field: i.field,
    frequency: i.frequency,
    valueType: i.valueType,
    decimals: displayDecimals(i),
    definition: i.definition,
    source: i.source,
  }));
}

/** A published indicator, or 404 (an unpublished one is not told apart from a missing one). */
async function published(database: Database, code: string): Promise<Ind> {
  const ind = await indicators.findByCode(database, code);
  if (!ind?.published) throw notFound('word.indicator', code);
  return ind;
}

/** The options of the indicator's category, in their order (none for a derived indicator). */
async function breakdownOf(database: Database, ind: Ind) {
  if (!ind.category || ind.formula) return null;
  const [category] = (await indicators.categories(database)).filter((c) => c.code === ind.category);
  if (!category) return null;
  const options = (await indicators.categoryOptions(database)).filter((o) => o.category === ind.category);
  return { ...category, options };
}

/** What the public page shows of an indicator: its definition, unit, source, frequency, owner body, breakdown. */
export async function openIndicator(database: Database, code: string) {
  const ind = await published(database, code);
  const breakdown = await breakdownOf(database, ind);
  return {
    code: ind.code,
    name: ind.name,
    nameEn: ind.nameEn,
    definition: ind.definition,
    definitionEn: ind.definitionEn,
    unit: ind.unit,
    pillar: ind.pillar,
    field: ind.field,
    frequency: ind.frequency,
    valueType: ind.valueType,
    decimals: displayDecimals(ind),
    source: ind.source,
    owner: ind.owner ? { code: ind.owner, name: ind.ownerName ?? ind.owner } : null,
    derived: ind.formula !== null,
    category: breakdown && {
      code: breakdown.code,
      name: breakdown.name,
      nameEn: breakdown.nameEn,
      options: breakdown.options.map((o) => ({ code: o.code, name: o.name, nameEn: o.nameEn })),
    },
  };
}

/** One published figure: a unit, a period, the total (no option) or one option of the breakdown. */
export interface OpenRow {
  indicator: string;
  orgUnit: string;
  orgUnitName: string;
  /** machine period id, e.g. 2025Q1 */
  period: string;
  /** the period as people read it, e.g. "Quý I/2025" */
  periodName: string;
  /** null: the total */
  categoryOption: string | null;
  categoryOptionName: string | null;
  value: number;
}

interface Figure {
  unit: Unit;
  period: Period;
  option: { code: string; name: string } | null;
  value: number;
}

/** The indicators whose stored values make the indicator's (itself, or a derived one's operands). */
async function sourceIds(database: Database, ind: Ind): Promise<number[]> {
  if (!ind.formula) return [ind.id];
  const f = parseFormula(ind.formula);
  if (!f.ok) return [];
  return (await indicators.findByCodes(database, f.refs)).map((i) => i.id);
}

/** Public aggregates of `periods` × `targets`: the total and, where the indicator has a category, each option. */
async function figures(
  database: Database,
  ind: Ind,
  periods: Period[],
  targets: Unit[],
  only?: (unitId: number, req: number) => boolean,
): Promise<Figure[]> {
  const breakdown = await breakdownOf(database, ind);
  const decimals = displayDecimals(ind);
  const slices = [null, ...(breakdown?.options ?? [])];
  const out: Figure[] = [];
  for (const option of slices) {
    const cells = await computeCells(database, [ind], periods, targets, undefined, {
      statuses: PUBLIC_STATUSES,
      optionId: option?.id,
    });
    for (const unit of targets)
      periods.forEach((period, req) => {
        if (only && !only(unit.id, req)) return;
        const c = cells.get(`${ind.code}|${req}|${unit.id}`);
        if (c && c.value !== null && Number.isFinite(c.value))
          out.push({
            unit,
            period,
            option: option && { code: option.code, name: option.name },
            value: roundForDisplay(c.value, decimals),
          });
      });
  }
  return out;
}

/** Units with public data, the periods they have it in (stored periods of the indicator's frequency). */
async function withData(database: Database, ind: Ind, orgUnit?: string) {
  const keys = await periodsAndUnitsWithData(database, await sourceIds(database, ind), PUBLIC_STATUSES);
  const frequency = ind.frequency as PeriodType;
  const periodIds = [...new Set(keys.map((k) => k.periodId))]
    .sort((a, b) => a - b)
    .filter((id) => periodFromId(id).type === frequency)
    // only periods that have ended: a month still running is not a figure yet
    .filter((id) => periodEnd(periodFromId(id)) < today());
  // the national root (VN) publishes no figure of its own: open data stays per reporting unit and province
  let us = (await units.findByIds(database, [...new Set(keys.map((k) => k.unitId))])).filter(
    (u) => u.level > 0,
  );
  if (orgUnit) {
    us = us.filter((u) => u.code === orgUnit);
    if (us.length === 0 && !(await units.findByCode(database, orgUnit)))
      throw notFound('word.org_unit', orgUnit);
  }
  us.sort((a, b) => a.level - b.level || a.code.localeCompare(b.code) || a.id - b.id);
  const has = new Set(keys.map((k) => `${k.unitId}|${k.periodId}`));
  return { keys, periodIds, units: us, has };
}

/** The total first, then the options in their category's order. */
const optionOrder = (breakdown: { options: Array<{ code: string }> } | null) =>
  new Map<string | null, number>([
    [null, -1],
    ...(breakdown?.options ?? []).map((o, i) => [o.code, i] as const),
  ]);

const byUnitPeriodOption = (a: Figure, b: Figure, order: Map<string | null, number>) =>
  a.unit.level - b.unit.level ||
  a.unit.code.localeCompare(b.unit.code) ||
  a.unit.id - b.unit.id ||
  periodId(a.period) - periodId(b.period) ||
  (order.get(a.option?.code ?? null) ?? 0) - (order.get(b.option?.code ?? null) ?? 0);

/** Every public figure of a published indicator, by unit, period and breakdown (rounded as displayed). */
export async function openRows(database: Database, code: string, orgUnit?: string): Promise<OpenRow[]> {
  const ind = await published(database, code);
  const { periodIds, units: us, has } = await withData(database, ind, orgUnit);
  const periods = periodIds.map(periodFromId);
  const found = await figures(database, ind, periods, us, (unitId, req) =>
    has.has(`${unitId}|${periodIds[req]}`),
  );
  const order = optionOrder(await breakdownOf(database, ind));
  return found
    .sort((a, b) => byUnitPeriodOption(a, b, order))
    .map((f) => ({
      indicator: ind.code,
      orgUnit: f.unit.code,
      orgUnitName: f.unit.name,
      period: formatPeriod(f.period),
      periodName: labelPeriod(f.period, 'vi'),
      categoryOption: f.option?.code ?? null,
      categoryOptionName: f.option?.name ?? null,
      value: f.value,
    }));
}

/** The kept columns first (api-contract: indicator,org_unit,org_unit_name,period,value), then what people read. */
export const OPEN_CSV_HEADER = [
  'indicator',
  'org_unit',
  'org_unit_name',
  'period',
  'value',
  'period_name',
  'category_option',
  'category_option_name',
  'unit',
];

/** The tidy CSV for people: UTF-8 with a BOM (Excel reads the Vietnamese), breakdown blank = total. */
export async function openCsv(database: Database, code: string): Promise<FileDownload> {
  const ind = await published(database, code);
  const rows = await openRows(database, code);
  return tableFile(
    ind.code,
    'csv',
    OPEN_CSV_HEADER,
    rows.map((r) => [
      r.indicator,
      r.orgUnit,
      r.orgUnitName,
      r.period,
      r.value,
      r.periodName,
      r.categoryOption ?? '',
      r.categoryOptionName ?? '',
      ind.unit,
    ]),
  );
}

/** The JSON download: the indicator's metadata and its rows. */
export async function openJson(database: Database, code: string) {
  return { indicator: await openIndicator(database, code), rows: await openRows(database, code) };
}

/** Open SDG's column naming the unit of a row that is not the headline. */
export const OPEN_SDG_UNIT_COLUMN = 'Đơn vị hành chính';

/**
 * Open SDG's indicator CSV (open-sdg data-starter): `Year`, the breakdown columns, `Units`,
 * `GeoCode`, `Value`. Open SDG charts years: a sub-annual indicator's years are aggregated by its
 * time rule, for the years a unit reported to their end (domain/openData.ts completeYears). The
 * headline (every breakdown column blank) is, each year, the one widest unit with data; other units
 * are named in the unit column, and an option of the category in the category's column.
 */
export async function openSdgCsv(database: Database, code: string): Promise<FileDownload> {
  const ind = await published(database, code);
  const breakdown = await breakdownOf(database, ind);
  const { keys, units: us } = await withData(database, ind);
  const periodsOf = new Map<number, Period[]>();
  for (const k of keys)
    periodsOf.set(k.unitId, [...(periodsOf.get(k.unitId) ?? []), periodFromId(k.periodId)]);
  const yearsOf = new Map(us.map((u) => [u.id, new Set(completeYears(periodsOf.get(u.id) ?? []))]));
  const years = [...new Set([...yearsOf.values()].flatMap((s) => [...s]))].sort((a, b) => a - b);
  const periods: Period[] = years.map((year) => ({ type: 'year', year, index: 1 }));
  const found = await figures(database, ind, periods, us, (unitId, req) =>
    Boolean(yearsOf.get(unitId)?.has(years[req])),
  );
  // the headline of a year: the only unit of the smallest level with a figure that year
  const headline = new Map<number, number>();
  for (const year of years) {
    const inYear = found.filter((f) => f.period.year === year && f.option === null).map((f) => f.unit);
    const top = Math.min(...inYear.map((u) => u.level));
    const widest = inYear.filter((u) => u.level === top);
    if (widest.length === 1) headline.set(year, widest[0].id);
  }
  const order = optionOrder(breakdown);
  const header = [
    'Year',
    ...(breakdown ? [breakdown.name] : []),
    OPEN_SDG_UNIT_COLUMN,
    'Units',
    'GeoCode',
    'Value',
  ];
  const rows = found
    .sort(
      (a, b) =>
        Number(headline.get(b.period.year) === b.unit.id) -
          Number(headline.get(a.period.year) === a.unit.id) || byUnitPeriodOption(a, b, order),
    )
    .map((f) => [
      f.period.year,
      ...(breakdown ? [f.option?.name ?? ''] : []),
      headline.get(f.period.year) === f.unit.id ? '' : f.unit.name,
      ind.unit,
      f.unit.code,
      f.value,
    ]);
  return tableFile(`${ind.code}-open-sdg`, 'csv', header, rows, 'data', { bom: false });
}

/** The agency that maintains the dataflows of the SDMX-CSV files. */
export const SDMX_AGENCY = 'CHISO';

/**
 * SDMX-CSV 2.0 for statisticians: `STRUCTURE,STRUCTURE_ID,ACTION`, the dimensions `FREQ`,
 * `REF_AREA`, `INDICATOR`, the category's (the total coded `_T`, as SDMX does), `TIME_PERIOD`, then
 * `OBS_VALUE` and the attributes `UNIT_MEASURE`, `DECIMALS`. No BOM: it is read by programs.
 */
export async function sdmxCsv(database: Database, code: string): Promise<FileDownload> {
  const ind = await published(database, code);
  const breakdown = await breakdownOf(database, ind);
  const rows = await openRows(database, code);
  const header = [
    'STRUCTURE',
    'STRUCTURE_ID',
    'ACTION',
    'FREQ',
    'REF_AREA',
    'INDICATOR',
    ...(breakdown ? [sdmxId(breakdown.code)] : []),
    'TIME_PERIOD',
    'OBS_VALUE',
    'UNIT_MEASURE',
    'DECIMALS',
  ];
  const structureId = `${SDMX_AGENCY}:DF_${sdmxId(ind.code)}(1.0)`;
  const decimals = displayDecimals(ind);
  const file = await tableFile(
    `${ind.code}-sdmx`,
    'csv',
    header,
    rows.map((r) => {
      const p = parsePeriod(r.period)!;
      return [
        'dataflow',
        structureId,
        'I',
        sdmxFrequency(p.type),
        r.orgUnit,
        ind.code,
        ...(breakdown ? [r.categoryOption ? sdmxId(r.categoryOption) : '_T'] : []),
        sdmxPeriod(p),
        r.value,
        ind.unit,
        decimals,
      ];
    }),
    'data',
    { bom: false },
  );
  return { ...file, contentType: 'application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8' };
}
