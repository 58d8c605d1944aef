/** The story of one number: its stored value now and every change before it (who, when, before, after). */

import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import type { Database } from '../db/index.js';
import { parsePeriod, periodEnd, periodId, periodStart } from '../domain/period.js';
import { AppError, forbidden, notFound } from '../errors.js';
import * as values from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

export async function valueHistory(
  database: Database,
  actor: Actor,
  q: { indicator: string; orgUnit: string; period: string; categoryOption?: string },
) {
  const p = parsePeriod(q.period);
  if (!p)
    throw new AppError(400, 'validation', 'error.validation', { count: 1 }, [
      { field: 'period', message: `invalid period "${q.period}"` },
    ]);
  // the version of the unit that the period speaks of
  const unit = await units.findByCode(database, q.orgUnit, { from: periodStart(p), to: periodEnd(p) });
  if (!unit) throw notFound('word.org_unit', q.orgUnit);
  if (!policy.canRead(actor, unit)) throw forbidden(unit.code);
  const ind = await indicators.findByCode(database, q.indicator);
  if (!ind) throw notFound('word.indicator', q.indicator);
  const key = {
    provinceId: unit.provinceId ?? unit.id,
    indicatorId: ind.id,
    orgUnitId: unit.id,
    periodId: periodId(p),
  };
  let optionId: number | undefined;
  if (q.categoryOption) {
    const opt = (await indicators.categoryOptions(database)).find(
      (o) => o.category === ind.category && o.code === q.categoryOption,
    );
    optionId = opt?.id ?? -1;
  }
  const hide = (status: string | null) => !policy.canSeeValue(actor, unit, status);
  const [rows, current] = await Promise.all([
    values.history(database, key),
    values.currentValue(database, key),
  ]);
  const cur = current.filter((c) => optionId === undefined || c.optionId === optionId);
  return {
    indicator: ind.code,
    orgUnit: unit.code,
    period: q.period,
    current: cur
      .filter((c) => !hide(c.status))
      .map((c) => ({
        categoryOption: c.categoryOption,
        value: c.value,
        numerator: c.numerator,
        denominator: c.denominator,
        status: c.status,
        source: c.source,
        comment: c.comment,
        createdBy: c.createdBy,
        createdAt: iso(c.createdAt),
        updatedBy: c.updatedBy,
        updatedAt: iso(c.updatedAt),
      })),
    items: rows
      .filter((h) => optionId === undefined || h.optionId === optionId)
      .map((h) => ({
        change: h.change,
        at: iso(h.changedAt),
        user: h.changedBy,
        source: h.source,
        before: hide(h.oldStatus)
          ? null
          : {
              value: h.oldValue,
              numerator: h.oldNumerator,
              denominator: h.oldDenominator,
              status: h.oldStatus,
              by: h.oldBy,
              at: iso(h.oldAt),
            },
        after:
          h.change === 'delete' || hide(h.newStatus)
            ? null
            : {
                value: h.newValue,
                numerator: h.newNumerator,
                denominator: h.newDenominator,
                status: h.newStatus,
              },
      })),
  };
}
