/**
 * Report entry (nhập báo cáo): the entry grid, draft saving through importValues, and the state
 * changes — submit with validation rules, approve, return, unlock — each with a submission event
 * and an audit entry.
 */

import { policy } from '../../access/index.js';
import { reportingPolicy } from '../../access/reporting.js';
import type { Database, Tx } from '../../db/index.js';
import { transactionRetrying } from '../../db/retry.js';
import type { RowInput } from '../../domain/dataValueRow.js';
import {
  formatPeriod,
  labelPeriod,
  type Period,
  periodId,
  sameLastYear,
  shift,
} from '../../domain/period.js';
import {
  type CellValues,
  isEditable,
  isLocked,
  type PeriodSchedule,
  runRules,
  type SubmissionAction,
  type SubmissionStatus,
  timeliness,
  transition,
  type ValidationRule,
  vietnamDate,
} from '../../domain/reporting.js';
import { AppError, forbidden } from '../../errors.js';
import type { Lang } from '../../i18n/index.js';
import { appendAudit } from '../../repositories/audit.js';
import * as repo from '../../repositories/reporting.js';
import type { Actor } from '../auth.js';
import { type ImportResult, importValues } from '../dataValues.js';
import { notifyReportReviewed } from '../notifications.js';
import { iso, k, today } from './common.js';
import { formPeriod, holidays, loadForm, scheduleOf, unitOfForm } from './forms.js';

// ------------------------------------------------------------------------------------------------
// Entry grid
// ------------------------------------------------------------------------------------------------

/** The stored cells of `unit` the actor may see (policy.canSeeValue: drafts only for draft readers). */
export function visibleCells(
  actor: Actor,
  unit: { id: number; code: string; path: number[] },
  cells: repo.StoredCell[],
) {
  return cells.filter((c) => policy.canSeeValue(actor, unit, c.status));
}

function cellOf(c: repo.StoredCell | undefined) {
  return c
    ? {
        value: c.value,
        numerator: c.numerator,
        denominator: c.denominator,
        comment: c.comment,
        status: c.status,
      }
    : null;
}

export async function getEntry(
  database: Database,
  actor: Actor,
  code: string,
  unitCode: string,
  periodCode: string,
) {
  const { form, indicators: inds } = await loadForm(database, code);
  const p = formPeriod(form, periodCode);
  const unit = await unitOfForm(database, form, p, unitCode);
  if (!reportingPolicy.canRead(actor, unit)) throw forbidden(unit.code);
  const prev = shift(p, -1);
  const last = sameLastYear(p);
  const [pid, prevId, lastId] = [periodId(p), periodId(prev), periodId(last)];
  const cells = await repo.cells(
    database,
    inds.map((i) => i.id),
    [unit.id],
    [pid, prevId, lastId],
  );
  // drafts only for those who may see the unit's drafts (the one value-read rule); others see nothing
  const at = (ind: number, per: number) =>
    visibleCells(actor, unit, cells).find(
      (c) => c.indicatorId === ind && c.periodId === per && c.optionId === 0,
    );
  const sub = await repo.findSubmission(database, {
    provinceId: unit.provinceId,
    formId: form.id,
    periodId: pid,
    orgUnitId: unit.id,
  });
  const hs = await holidays(database);
  const sch = scheduleOf(form, p, hs);
  const now = today();
  const status = (sub?.status ?? null) as SubmissionStatus | null;
  const canEnter = reportingPolicy.canEnter(actor, unit);
  const ev = sub
    ? await repo.events(database, {
        provinceId: unit.provinceId,
        formId: form.id,
        periodId: pid,
        orgUnitId: unit.id,
      })
    : [];
  return {
    form: form.code,
    formName: form.name,
    orgUnit: unit.code,
    orgUnitName: unit.name,
    period: formatPeriod(p),
    periodLabel: labelPeriod(p),
    previousPeriod: formatPeriod(prev),
    lastYearPeriod: formatPeriod(last),
    schedule: sch,
    status: status ?? 'draft',
    submitted: !!sub?.firstSubmittedAt,
    timeliness: timeliness(
      sch.dueDate,
      sub?.firstSubmittedAt ? vietnamDate(new Date(sub.firstSubmittedAt)) : null,
      now,
    ),
    firstSubmittedAt: iso(sub?.firstSubmittedAt),
    submittedAt: iso(sub?.submittedAt),
    approvedAt: iso(sub?.approvedAt),
    returnedAt: iso(sub?.returnedAt),
    returnReason: sub?.returnReason ?? null,
    unlockReason: sub?.unlockReason ?? null,
    approvalLevels: form.approvalLevels,
    approvalsDone: sub?.approvalsDone ?? 0,
    editable:
      canEnter &&
      isEditable(status) &&
      (status === 'returned' || !isLocked(sch, now) || reportingPolicy.bypassLock(actor, unit)),
    canReview: reportingPolicy.canReview(actor, unit),
    rules: form.rules as ValidationRule[],
    events: ev.map((e) => ({ ...e, at: iso(e.at) })),
    items: inds.map((i) => ({
      indicator: i.code,
      name: i.name,
      nameEn: i.nameEn,
      unit: i.unit,
      valueType: i.valueType,
      current: cellOf(at(i.id, pid)),
      previous: cellOf(at(i.id, prevId)),
      lastYear: cellOf(at(i.id, lastId)),
    })),
  };
}

// ------------------------------------------------------------------------------------------------
// State changes
// ------------------------------------------------------------------------------------------------

function refuse(
  r: { code: string; key: string },
  params: { unit: string; action: SubmissionAction; status: string; lockOn: string; lang?: Lang },
): AppError {
  const status = r.code === 'forbidden' ? 403 : r.code === 'reason_required' ? 400 : 409;
  return new AppError(status, r.code, k(r.key), {
    unit: params.unit,
    actionKey: `action.${params.action}`,
    statusKey: `status.${params.status}`,
    lockOn: params.lockOn,
  });
}

interface Ctx {
  form: repo.FormRow;
  inds: repo.FormIndicatorRow[];
  p: Period;
  unit: repo.ReportingUnit;
  sub: repo.SubmissionRow | undefined;
  sch: PeriodSchedule;
}

async function context(database: Database, code: string, unitCode: string, periodCode: string): Promise<Ctx> {
  const { form, indicators: inds } = await loadForm(database, code);
  const p = formPeriod(form, periodCode);
  const unit = await unitOfForm(database, form, p, unitCode);
  const sub = await repo.findSubmission(database, {
    provinceId: unit.provinceId,
    formId: form.id,
    periodId: periodId(p),
    orgUnitId: unit.id,
  });
  const sch = scheduleOf(form, p, await holidays(database));
  return { form, inds, p, unit, sub, sch };
}

/** The row rules of services/reportingLock.ts: a value held by a report's status. */
const REPORT_HELD = new Set(['reporting.rule_pending', 'reporting.rule_locked']);

function decide(actor: Actor, c: Ctx, action: SubmissionAction, reason?: string | null) {
  const from = (c.sub?.status ?? null) as SubmissionStatus | null;
  const r = transition(from, action, {
    canEnter: reportingPolicy.canEnter(actor, c.unit),
    canReview: reportingPolicy.canReview(actor, c.unit),
    bypassLock: reportingPolicy.bypassLock(actor, c.unit),
    locked: isLocked(c.sch, today()),
    reason,
    approvalLevels: c.form.approvalLevels,
    approvalsDone: c.sub?.approvalsDone ?? 0,
  });
  if (!r.ok) throw refuse(r, { unit: c.unit.code, action, status: from ?? 'draft', lockOn: c.sch.lockOn });
  return { from, ...r };
}

const VALUE_STATUS: Record<SubmissionStatus, string> = {
  draft: 'draft',
  submitted: 'submitted',
  approved: 'approved',
  returned: 'returned',
};

function keyOf(c: Ctx) {
  return {
    provinceId: c.unit.provinceId,
    formId: c.form.id,
    periodId: periodId(c.p),
    orgUnitId: c.unit.id,
  };
}

/**
 * Inside `tx`: takes the report lock (repo.lockReport: save, submit, approve, return and unlock of
 * one report run one at a time), re-reads the submission and decides `action` again on that fresh
 * state. What `c.sub` said before the lock is only a hint; this is the decision that counts.
 */
async function lockAndDecide(
  tx: Tx,
  actor: Actor,
  c: Ctx,
  action: SubmissionAction,
  reason?: string | null,
): Promise<{ fresh: Ctx; d: ReturnType<typeof decide> }> {
  const key = keyOf(c);
  await repo.lockReport(tx, key);
  const fresh = { ...c, sub: await repo.findSubmission(tx, key) };
  return { fresh, d: decide(actor, fresh, action, reason) };
}

/** Inside `tx` (report lock held): the submission row, its event, the values' status, the audit entry. */
async function recordTransition(
  tx: Tx,
  actor: Actor,
  c: Ctx,
  action: SubmissionAction,
  d: { from: SubmissionStatus | null; to: SubmissionStatus; approvalsDone: number },
  reason: string | null,
  ip: string | null,
  extra: Record<string, unknown> = {},
) {
  const key = keyOf(c);
  await repo.writeSubmission(tx, {
    ...key,
    status: d.to,
    approvalsDone: d.approvalsDone,
    action,
    reason,
    userId: actor.id,
  });
  const eventId = await repo.addEvent(tx, {
    ...key,
    action,
    from: d.from,
    to: d.to,
    reason,
    userId: actor.id,
  });
  if (action === 'return' || (action === 'approve' && d.to === 'approved'))
    await notifyReportReviewed(
      tx,
      { ...key, form: c.form, unit: c.unit, period: c.p },
      action,
      actor,
      reason,
      eventId,
    );
  if (action !== 'save')
    await repo.setValueStatus(
      tx,
      { ...key, indicatorIds: c.inds.map((i) => i.id), status: VALUE_STATUS[d.to] },
      actor.id,
    );
  await appendAudit(tx, {
    userId: actor.id,
    username: actor.username,
    ip,
    action,
    entity: 'report_submission',
    key: `${c.form.code}/${c.unit.code}/${formatPeriod(c.p)}`,
    before: c.sub ? { status: c.sub.status, approvalsDone: c.sub.approvalsDone } : null,
    after: { status: d.to, approvalsDone: d.approvalsDone, ...(reason ? { reason } : {}), ...extra },
  });
}

/**
 * One state change, all or nothing, in one transaction under the report lock: the state is decided
 * again there, `check` (submit: the form's checks over the values as they are now) runs there, and
 * the values' status changes there. A review action (approve, return, unlock) also fails when the
 * report changed since the reviewer saw it, rather than act on a state they did not see.
 */
async function applyTransition(
  database: Database,
  actor: Actor,
  c: Ctx,
  action: SubmissionAction,
  reason: string | null,
  ip: string | null,
  check?: (tx: Tx, fresh: Ctx) => Promise<Record<string, unknown>>,
) {
  await transactionRetrying(database, async (tx) => {
    const { fresh, d } = await lockAndDecide(tx, actor, c, action, reason);
    const now = fresh.sub;
    if (
      action !== 'submit' &&
      action !== 'save' &&
      ((now?.status ?? null) !== (c.sub?.status ?? null) ||
        (now?.approvalsDone ?? 0) !== (c.sub?.approvalsDone ?? 0))
    )
      throw refuse(
        { code: 'invalid_transition', key: 'reporting.invalid_transition' },
        { unit: c.unit.code, action, status: now?.status ?? 'draft', lockOn: c.sch.lockOn },
      );
    const extra = check ? await check(tx, fresh) : {};
    await recordTransition(tx, actor, fresh, action, d, reason, ip, extra);
  });
  return submissionState(database, c.form.code, c.unit.code, formatPeriod(c.p));
}

export async function submissionState(database: Database, form: string, unit: string, period: string) {
  const c = await context(database, form, unit, period);
  return {
    form,
    orgUnit: unit,
    period,
    status: c.sub?.status ?? 'draft',
    approvalsDone: c.sub?.approvalsDone ?? 0,
    approvalLevels: c.form.approvalLevels,
    dueDate: c.sch.dueDate,
    firstSubmittedAt: iso(c.sub?.firstSubmittedAt),
    submittedAt: iso(c.sub?.submittedAt),
    approvedAt: iso(c.sub?.approvedAt),
    returnedAt: iso(c.sub?.returnedAt),
    returnReason: c.sub?.returnReason ?? null,
    unlockReason: c.sub?.unlockReason ?? null,
    timeliness: timeliness(
      c.sch.dueDate,
      c.sub?.firstSubmittedAt ? vietnamDate(new Date(c.sub.firstSubmittedAt)) : null,
      today(),
    ),
  };
}

export interface EntryValue {
  indicator: string;
  value?: unknown;
  numerator?: unknown;
  denominator?: unknown;
  comment?: string | null;
}

/**
 * Saves draft values of a unit's report through importValues (status 'draft', source 'form'): all
 * or nothing. Values of indicators outside the form are row errors.
 */
export async function saveEntry(
  database: Database,
  actor: Actor,
  code: string,
  unitCode: string,
  periodCode: string,
  values: EntryValue[],
  ip: string | null,
): Promise<{ result: ImportResult; state?: Awaited<ReturnType<typeof submissionState>> }> {
  const c = await context(database, code, unitCode, periodCode);
  // a first answer before the work; the one that counts is taken again under the report lock
  decide(actor, c, 'save');
  const known = new Set(c.inds.map((i) => i.code));
  const pre: ImportResult['errors'] = [];
  const rows: RowInput[] = [];
  values.forEach((v, i) => {
    const row = i + 1;
    if (!known.has(v.indicator)) {
      pre.push({ row, field: 'indicator', rule: 'rule.unknown_indicator', params: { value: v.indicator } });
      return;
    }
    const scalar = (x: unknown) =>
      typeof x === 'number' || typeof x === 'string' ? x : typeof x === 'boolean' ? x : null;
    rows.push({
      row,
      indicator: v.indicator,
      orgUnit: c.unit.code,
      period: formatPeriod(c.p),
      value: scalar(v.value),
      numerator: scalar(v.numerator) as string | number | null,
      denominator: scalar(v.denominator) as string | number | null,
      comment: v.comment ?? null,
    });
  });
  // Under the report lock, in the transaction that writes the values: the report is still editable
  // (else 409 and nothing written), and a first save creates its submission (draft) there too.
  let guarded = false;
  const guard = async (tx: Tx) => {
    guarded = true;
    const { fresh, d } = await lockAndDecide(tx, actor, c, 'save');
    if (!fresh.sub) await recordTransition(tx, actor, fresh, 'save', d, null, ip, { values: rows.length });
  };
  const result = await importValues(
    database,
    actor,
    {
      rows,
      preProblems: pre,
      fields: 'json',
      mode: 'atomic',
      source: 'form',
      status: 'draft',
      beforeWrite: guard,
    },
    ip,
  );
  if (result.refused) {
    // held by a report's status (services/reportingLock.ts): when it is this report, submitted or approved
    // since the grid was opened, say so as the guard does (409 with its status), not as row problems
    if (result.errors.length > 0 && result.errors.every((e) => REPORT_HELD.has(String(e.rule))))
      await transactionRetrying(database, async (tx) => {
        await lockAndDecide(tx, actor, c, 'save');
      });
    return { result };
  }
  // nothing to write (no values): the check and the first save's submission still happen
  if (!guarded) await transactionRetrying(database, guard);
  return { result, state: await submissionState(database, code, unitCode, periodCode) };
}

export function cellValuesOf(inds: repo.FormIndicatorRow[], cells: repo.StoredCell[], pid: number) {
  const values: CellValues = new Map();
  const commented = new Set<string>();
  for (const i of inds) {
    const c = cells.find((x) => x.indicatorId === i.id && x.periodId === pid && x.optionId === 0);
    values.set(i.code, c?.value ?? null);
    if (i.valueType === 'ratio') {
      values.set(`${i.code}.NUM`, c?.numerator ?? null);
      values.set(`${i.code}.DEN`, c?.denominator ?? null);
    }
    if (c?.comment?.trim()) commented.add(i.code);
  }
  return { values, commented };
}

/**
 * Runs the form's checks on the values the actor may see (policy.canSeeValue): missing cells and the
 * validation rules. A value the actor may not read counts as missing, so neither `missing` nor a
 * rule message reveals it.
 */
export async function checkEntry(database: Database | Tx, actor: Actor, c: Ctx) {
  const pid = periodId(c.p);
  const prevId = periodId(shift(c.p, -1));
  const stored = await repo.cells(
    database,
    c.inds.map((i) => i.id),
    [c.unit.id],
    [pid, prevId],
  );
  const cells = visibleCells(actor, c.unit, stored);
  const cur = cellValuesOf(c.inds, cells, pid);
  const prev = cellValuesOf(c.inds, cells, prevId);
  const missing = c.inds.filter((i) => cur.values.get(i.code) === null).map((i) => i.code);
  const violations = runRules(c.form.rules as ValidationRule[], {
    current: cur.values,
    previous: prev.values,
    commented: cur.commented,
    indicators: c.inds.map((i) => i.code),
    names: new Map(c.inds.map((i) => [i.code, i.name])),
  });
  return { missing, violations };
}

/** Runs the checks without submitting: for callers who may read the unit, over what they may read. */
export async function validateEntry(
  database: Database,
  actor: Actor,
  code: string,
  unitCode: string,
  periodCode: string,
  lang: Lang,
) {
  const c = await context(database, code, unitCode, periodCode);
  if (!reportingPolicy.canRead(actor, c.unit)) throw forbidden(c.unit.code);
  const r = await checkEntry(database, actor, c);
  return {
    missing: r.missing,
    violations: r.violations.map((v) => ({
      rule: v.rule,
      importance: v.importance,
      cells: v.cells,
      message: v.message[lang],
    })),
  };
}

export async function submitEntry(
  database: Database,
  actor: Actor,
  code: string,
  unitCode: string,
  periodCode: string,
  opts: { confirmWarnings?: boolean },
  lang: Lang,
  ip: string | null,
) {
  const c = await context(database, code, unitCode, periodCode);
  decide(actor, c, 'submit');
  // the checks run under the report lock over the values as they are then: a save cannot slip in
  return applyTransition(database, actor, c, 'submit', null, ip, async (tx, fresh) => {
    const { missing, violations } = await checkEntry(tx, actor, fresh);
    if (missing.length > 0)
      throw new AppError(
        422,
        'missing_values',
        k('reporting.missing_values'),
        { count: missing.length, cells: missing.join(', ') },
        missing.map((cell) => ({ cell, rule: 'required' })),
      );
    const details = (list: typeof violations) =>
      list.map((v) => ({ rule: v.rule, importance: v.importance, cells: v.cells, message: v.message[lang] }));
    const errors = violations.filter((v) => v.importance === 'error');
    if (errors.length > 0)
      throw new AppError(
        422,
        'validation_failed',
        k('reporting.validation_failed'),
        { count: errors.length },
        details(violations),
      );
    const warnings = violations.filter((v) => v.importance === 'warning');
    if (warnings.length > 0 && !opts.confirmWarnings)
      throw new AppError(
        422,
        'warnings_unconfirmed',
        k('reporting.warnings_unconfirmed'),
        { count: warnings.length },
        details(warnings),
      );
    return warnings.length ? { confirmedWarnings: warnings.map((w) => w.rule) } : {};
  });
}

export async function reviewEntry(
  database: Database,
  actor: Actor,
  action: 'approve' | 'return' | 'unlock',
  code: string,
  unitCode: string,
  periodCode: string,
  reason: string | null,
  ip: string | null,
) {
  const c = await context(database, code, unitCode, periodCode);
  decide(actor, c, action, reason);
  return applyTransition(database, actor, c, action, action === 'approve' ? (reason ?? null) : reason, ip);
}
