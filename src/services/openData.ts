/** Open data: published indicators and their aggregates for every unit and period, without login. */
import type { Database } from '../db/index.js';
import { formatPeriod, periodFromId } from '../domain/period.js';
import { notFound } from '../errors.js';
import { periodsAndUnitsWithData } from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';
import { computeCells } from './analytics.js';

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
    definition: i.definition,
    source: i.source,
  }));
}

/** Aggregates of a published indicator for each unit that has data in its subtree, for each period with data. */
export async function openSeries(database: Database, code: string, orgUnit?: string) {
  const ind = await indicators.findByCode(database, code);
  if (!ind?.published) throw notFound('word.indicator', code);
  const keys = await periodsAndUnitsWithData(database, ind.id);
  const periodIds = [...new Set(keys.map((k) => k.periodId))].sort((a, b) => a - b);
  let unitIds = [...new Set(keys.map((k) => k.unitId))];
  if (orgUnit) {
    const u = await units.findByCode(database, orgUnit);
    if (!u) throw notFound('word.org_unit', orgUnit);
    unitIds = unitIds.filter((id) => id === u.id);
  }
  const us = await units.findByIds(database, unitIds);
  us.sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
  const periods = periodIds.map(periodFromId);
  const cells = await computeCells(database, [ind], periods, us);
  const rows: Array<{
    indicator: string;
    orgUnit: string;
    orgUnitName: string;
    period: string;
    value: number | null;
  }> = [];
  for (const u of us)
    periods.forEach((p, req) => {
      const c = cells.get(`${ind.code}|${req}|${u.id}`);
      if (c && c.value !== null)
        rows.push({
          indicator: ind.code,
          orgUnit: u.code,
          orgUnitName: u.name,
          period: formatPeriod(p),
          value: c.value,
        });
    });
  return rows;
}
