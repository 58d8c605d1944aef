/**
 * Timeliness (tính kịp thời) of periodic reports and the units late or missing.
 */

import { reportingPolicy } from '../../access/reporting.js';
import type { Database } from '../../db/index.js';
import { formatPeriod, parsePeriod, periodEnd, periodId, periodStart } from '../../domain/period.js';
import { summarise, type Timeliness, timeliness, vietnamDate } from '../../domain/reporting.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import * as orgUnits from '../../repositories/orgUnits.js';
import * as repo from '../../repositories/reporting.js';
import type { Actor } from '../auth.js';
import { k, today } from './common.js';
import { formPeriod, holidays, loadForm, scheduleOf } from './forms.js';

// ------------------------------------------------------------------------------------------------
// Timeliness
// ------------------------------------------------------------------------------------------------

export interface TimelinessItem {
  orgUnit: string;
  name: string;
  status: Timeliness;
  dueDate: string;
  submittedAt: string | null;
  submissionStatus: string;
}

export async function timelinessReport(
  database: Database,
  actor: Actor,
  q: { form: string; period: string; orgUnit?: string; asOf?: string },
) {
  const { form } = await loadForm(database, q.form);
  const p = formPeriod(form, q.period);
  let rootId: number | undefined;
  if (q.orgUnit) {
    const root = await orgUnits.findByCode(database, q.orgUnit, { from: periodStart(p), to: periodEnd(p) });
    if (!root) throw notFound('word.org_unit', q.orgUnit);
    if (!reportingPolicy.canRead(actor, root)) throw forbidden(root.code);
    rootId = root.id;
  }
  const units = (
    await repo.reportingUnits(database, form.unitSpec, { from: periodStart(p), to: periodEnd(p) }, rootId)
  ).filter((u) => reportingPolicy.canRead(actor, u));
  const subs = await repo.submissionsOf(
    database,
    form.id,
    [periodId(p)],
    units.map((u) => u.id),
  );
  const byUnit = new Map(subs.map((s) => [s.orgUnitId, s]));
  const sch = scheduleOf(form, p, await holidays(database));
  const now = q.asOf ?? today();
  const items: TimelinessItem[] = units.map((u) => {
    const s = byUnit.get(u.id);
    const first = s?.firstSubmittedAt ? new Date(s.firstSubmittedAt) : null;
    // a submission dated after asOf had not arrived yet then
    const arrived = first && vietnamDate(first) <= now ? first : null;
    return {
      orgUnit: u.code,
      name: u.name,
      status: timeliness(sch.dueDate, arrived ? vietnamDate(arrived) : null, now),
      dueDate: sch.dueDate,
      submittedAt: arrived ? arrived.toISOString() : null,
      submissionStatus: arrived ? (s?.status ?? 'draft') : s ? 'draft' : 'none',
    };
  });
  const sum = summarise(items.map((i) => i.status));
  return {
    form: form.code,
    period: formatPeriod(p),
    dueDate: sch.dueDate,
    expected: sum.expected,
    submitted: sum.submitted,
    onTime: sum.onTime,
    late: sum.late,
    overdue: sum.overdue,
    pending: sum.pending,
    completeness: sum.completeness,
    items,
  };
}

/** Units late or overdue for a period: one form, or every form of the period's type. */
export async function lateUnits(
  database: Database,
  actor: Actor,
  q: { period: string; form?: string; orgUnit?: string; asOf?: string },
) {
  const p = parsePeriod(q.period);
  if (!p)
    throw new AppError(400, 'bad_request', k('reporting.period_invalid'), { period: q.period, type: '' });
  const forms = q.form
    ? [(await loadForm(database, q.form)).form]
    : (await repo.listForms(database)).filter((f) => f.periodType === p.type);
  const items = [];
  for (const f of forms) {
    const t = await timelinessReport(database, actor, {
      form: f.code,
      period: q.period,
      orgUnit: q.orgUnit,
      asOf: q.asOf,
    });
    const now = q.asOf ?? today();
    for (const i of t.items.filter((x) => x.status === 'late' || x.status === 'overdue')) {
      const end = i.submittedAt ? vietnamDate(new Date(i.submittedAt)) : now;
      items.push({
        form: f.code,
        formName: f.name,
        ...i,
        daysLate: Math.round((Date.parse(end) - Date.parse(i.dueDate)) / 86_400_000),
      });
    }
  }
  return { period: formatPeriod(p), items };
}
