/**
 * Periodic reporting (chế độ báo cáo định kỳ): report forms, the entry grid, draft saving through
 * importValues, submit with validation rules, approve / return / unlock, timeliness and late units.
 * Rules live in domain/reporting.ts, SQL in repositories/reporting.ts, rights in
 * access/reporting.ts. Every state change writes a submission event and an audit entry.
 */

import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import { reportingPolicy } from '../access/reporting.js';
import type { Database } from '../db/index.js';
import type { RowInput } from '../domain/dataValueRow.js';
import {
  formatPeriod,
  isPeriodType,
  labelPeriod,
  type Period,
  parsePeriod,
  periodEnd,
  periodId,
  periodStart,
  sameLastYear,
  shift,
} from '../domain/period.js';
import {
  type CellValues,
  checkRule,
  DEFAULT_HOLIDAYS,
  type Holiday,
  type HolidaySet,
  holidaySet,
  isEditable,
  isIsoDate,
  isLocked,
  type PeriodSchedule,
  runRules,
  type SubmissionAction,
  type SubmissionStatus,
  scheduleFor,
  summarise,
  type Timeliness,
  timeliness,
  transition,
  type ValidationRule,
  vietnamDate,
} from '../domain/reporting.js';
import { AppError, forbidden, notFound } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import { appendAudit } from '../repositories/audit.js';
import * as indicators from '../repositories/indicators.js';
import * as orgUnits from '../repositories/orgUnits.js';
import * as repo from '../repositories/reporting.js';
import { type ImportResult, importValues } from './dataValues.js';
import './reportingMessages.js';

const k = (key: string) => key as never;

export const formNotFound = (code: string) =>
  new AppError(404, 'not_found', k('reporting.form_not_found'), { code });
const invalidForm = (reason: string) =>
  new AppError(400, 'bad_request', k('reporting.form_invalid'), { reason }, [{ message: reason }]);

// ------------------------------------------------------------------------------------------------
// Forms
// ------------------------------------------------------------------------------------------------

export interface FormInput {
  code: string;
  name: string;
  nameEn?: string;
  periodType: string;
  indicators: string[];
  units?: string[];
  unitsWithin?: { orgUnit: string; level?: number; kind?: string };
  dueWorkingDays?: number;
  reminderDays?: number;
  lockDays?: number;
  approvalLevels?: number;
  rules?: ValidationRule[];
}

export function presentForm(f: repo.FormRow) {
  return {
    code: f.code,
    name: f.name,
    nameEn: f.nameEn,
    periodType: f.periodType,
    indicators: f.indicators,
    ...(f.unitSpec.units
      ? { units: f.unitSpec.units }
      : {
          unitsWithin: {
            orgUnit: f.unitSpec.within ?? '',
            ...(f.unitSpec.level !== undefined ? { level: f.unitSpec.level } : {}),
            ...(f.unitSpec.kind ? { kind: f.unitSpec.kind } : {}),
          },
        }),
    dueWorkingDays: f.dueWorkingDays,
    reminderDays: f.reminderDays,
    lockDays: f.lockDays,
    approvalLevels: f.approvalLevels,
    rules: f.rules as ValidationRule[],
  };
}

export async function listForms(database: Database) {
  return { items: (await repo.listForms(database)).map(presentForm) };
}

export async function createForm(database: Database, actor: Actor, input: FormInput, ip: string | null) {
  if (!reportingPolicy.canManageSomeForms(actor)) throw forbidden();
  if (!isPeriodType(input.periodType)) throw invalidForm(`periodType ${input.periodType}`);
  if (await repo.findForm(database, input.code))
    throw new AppError(409, 'conflict', k('reporting.form_exists'), { code: input.code });
  if (input.indicators.length === 0) throw invalidForm('at least one indicator');
  if (new Set(input.indicators).size !== input.indicators.length) throw invalidForm('indicator listed twice');
  const inds = await indicators.findByCodes(database, input.indicators);
  const byCode = new Map(inds.map((i) => [i.code, i]));
  for (const c of input.indicators) {
    const i = byCode.get(c);
    if (!i) throw invalidForm(`unknown indicator ${c}`);
    if (i.frequency !== input.periodType)
      throw invalidForm(`indicator ${c} is reported by ${i.frequency}, the form by ${input.periodType}`);
    if (i.formula) throw invalidForm(`indicator ${c} is derived (formula); it cannot be entered`);
    if (i.category)
      throw invalidForm(`indicator ${c} is disaggregated; forms take undisaggregated indicators`);
  }
  let unitSpec: repo.UnitSpec;
  let scopeUnits: orgUnits.OrgUnitRow[] = [];
  if (input.units && input.units.length > 0) {
    if (input.unitsWithin) throw invalidForm('give units or unitsWithin, not both');
    const found = await orgUnits.findByCodes(database, input.units);
    const missing = input.units.filter((c) => !found.some((u) => u.code === c));
    if (missing.length) throw invalidForm(`unknown org unit ${missing.join(', ')}`);
    scopeUnits = found;
    unitSpec = { units: [...new Set(input.units)] };
  } else if (input.unitsWithin) {
    const within = await orgUnits.findByCode(database, input.unitsWithin.orgUnit);
    if (!within) throw invalidForm(`unknown org unit ${input.unitsWithin.orgUnit}`);
    scopeUnits = [within];
    if (input.unitsWithin.level === undefined && !input.unitsWithin.kind)
      throw invalidForm('unitsWithin needs a level or a kind');
    unitSpec = {
      within: input.unitsWithin.orgUnit,
      ...(input.unitsWithin.level !== undefined ? { level: input.unitsWithin.level } : {}),
      ...(input.unitsWithin.kind ? { kind: input.unitsWithin.kind } : {}),
    };
  } else throw invalidForm('reporting units (units or unitsWithin) are required');
  // every reporting unit must lie in a subtree the actor manages (decision 0005)
  const outside = reportingPolicy.outsideFormScope(actor, scopeUnits);
  if (outside) throw forbidden(outside.code);
  const cellsKnown = new Set<string>();
  for (const i of inds) {
    cellsKnown.add(i.code);
    if (i.valueType === 'ratio') {
      cellsKnown.add(`${i.code}.NUM`);
      cellsKnown.add(`${i.code}.DEN`);
    }
  }
  const rules = input.rules ?? [];
  const ruleCodes = new Set<string>();
  for (const r of rules) {
    const bad = checkRule(r, cellsKnown);
    if (bad) throw invalidForm(`rule ${r.code ?? '?'}: ${bad}`);
    if (ruleCodes.has(r.code)) throw invalidForm(`rule ${r.code} listed twice`);
    ruleCodes.add(r.code);
  }
  const row = {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn ?? '',
    periodType: input.periodType,
    unitSpec,
    dueWorkingDays: input.dueWorkingDays ?? 5,
    reminderDays: input.reminderDays ?? 3,
    lockDays: input.lockDays ?? 30,
    approvalLevels: input.approvalLevels ?? 1,
    rules,
  };
  await database.transaction(async (tx) => {
    await repo.insertForm(tx, {
      ...row,
      indicatorIds: input.indicators.map((c) => byCode.get(c)!.id),
      createdBy: actor.id,
    });
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'create',
      entity: 'report_form',
      key: input.code,
      before: null,
      after: { ...row, indicators: input.indicators },
    });
  });
  return presentForm((await repo.findForm(database, input.code))!);
}

// ------------------------------------------------------------------------------------------------
// Context: form, period, unit, calendar
// ------------------------------------------------------------------------------------------------

export async function loadForm(database: Database, code: string) {
  const form = await repo.findForm(database, code);
  if (!form) throw formNotFound(code);
  const inds = await repo.formIndicators(database, form.id);
  return { form, indicators: inds };
}

export function formPeriod(form: repo.FormRow, code: string): Period {
  const p = parsePeriod(code);
  if (!p || p.type !== form.periodType)
    throw new AppError(400, 'bad_request', k('reporting.period_invalid'), {
      period: code,
      type: form.periodType,
    });
  return p;
}

export async function holidayList(database: Database): Promise<Holiday[]> {
  return (await repo.getSetting<Holiday[]>(database, repo.holidaysKey)) ?? DEFAULT_HOLIDAYS;
}

export async function holidays(database: Database): Promise<HolidaySet> {
  return holidaySet(await holidayList(database));
}

export async function setHolidays(database: Database, actor: Actor, list: Holiday[], ip: string | null) {
  if (!reportingPolicy.canManageCalendar(actor)) throw forbidden();
  for (const h of list)
    if (!isIsoDate(h.date))
      throw new AppError(400, 'bad_request', k('reporting.holidays_invalid'), { reason: `date ${h.date}` });
  const before = await holidayList(database);
  const sorted = [...new Map(list.map((h) => [h.date, h])).values()].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  await database.transaction(async (tx) => {
    await repo.putSetting(tx, repo.holidaysKey, sorted);
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'update',
      entity: 'setting',
      key: repo.holidaysKey,
      before,
      after: sorted,
    });
  });
  return { holidays: sorted };
}

export function scheduleOf(form: repo.FormRow, p: Period, hs: HolidaySet): PeriodSchedule {
  return scheduleFor(p, form, hs);
}

export async function formSchedule(database: Database, code: string, year: number) {
  const { form } = await loadForm(database, code);
  const hs = await holidays(database);
  const first = formPeriod(form, formatPeriod({ type: form.periodType as Period['type'], year, index: 1 }));
  const out = [];
  for (let p = first; p.year === year; p = shift(p, 1)) {
    const s = scheduleOf(form, p, hs);
    out.push({ period: formatPeriod(p), label: labelPeriod(p), ...s });
    if (p.type === 'year' || p.type === 'nine_months') break;
  }
  return { form: form.code, items: out };
}

async function unitOfForm(database: Database, form: repo.FormRow, p: Period, code: string) {
  const u = await orgUnits.findByCode(database, code);
  if (!u) throw notFound('word.org_unit', code);
  const units = await repo.reportingUnits(
    database,
    form.unitSpec,
    { from: periodStart(p), to: periodEnd(p) },
    u.id,
  );
  const unit = units.find((x) => x.id === u.id);
  if (!unit)
    throw new AppError(400, 'bad_request', k('reporting.unit_not_in_form'), {
      unit: code,
      form: form.code,
      period: formatPeriod(p),
    });
  return unit;
}

const today = () => vietnamDate(new Date());
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

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

async function applyTransition(
  database: Database,
  actor: Actor,
  c: Ctx,
  action: SubmissionAction,
  d: { from: SubmissionStatus | null; to: SubmissionStatus; approvalsDone: number },
  reason: string | null,
  ip: string | null,
  extra: Record<string, unknown> = {},
) {
  const key = {
    provinceId: c.unit.provinceId,
    formId: c.form.id,
    periodId: periodId(c.p),
    orgUnitId: c.unit.id,
  };
  await database.transaction(async (tx) => {
    // the row is re-read under lock: a concurrent change makes this one fail rather than overwrite it
    const now = await repo.findSubmission(tx, key, true);
    if (
      (now?.status ?? null) !== (c.sub?.status ?? null) ||
      (now?.approvalsDone ?? 0) !== (c.sub?.approvalsDone ?? 0)
    )
      throw refuse(
        { code: 'invalid_transition', key: 'reporting.invalid_transition' },
        { unit: c.unit.code, action, status: now?.status ?? 'draft', lockOn: c.sch.lockOn },
      );
    await repo.writeSubmission(tx, {
      ...key,
      status: d.to,
      approvalsDone: d.approvalsDone,
      action,
      reason,
      userId: actor.id,
    });
    await repo.addEvent(tx, { ...key, action, from: d.from, to: d.to, reason, userId: actor.id });
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
  const d = decide(actor, c, 'save');
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
  const result = await importValues(
    database,
    actor,
    { rows, preProblems: pre, fields: 'json', mode: 'atomic', source: 'form', status: 'draft' },
    ip,
  );
  if (result.refused) return { result };
  if (!c.sub) {
    const state = await applyTransition(database, actor, c, 'save', d, null, ip, { values: rows.length });
    return { result, state };
  }
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
export async function checkEntry(database: Database, actor: Actor, c: Ctx) {
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
  const d = decide(actor, c, 'submit');
  const { missing, violations } = await checkEntry(database, actor, c);
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
  return applyTransition(database, actor, c, 'submit', d, null, ip, {
    ...(warnings.length ? { confirmedWarnings: warnings.map((w) => w.rule) } : {}),
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
  const d = decide(actor, c, action, reason);
  return applyTransition(database, actor, c, action, d, action === 'approve' ? (reason ?? null) : reason, ip);
}

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
    const root = await orgUnits.findByCode(database, q.orgUnit);
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
