/**
 * Report forms (biểu mẫu báo cáo) and their context: the form, its periods and units, the
 * holiday calendar and the Decree 09 schedule of each period.
 */

import { reportingPolicy } from '../../access/reporting.js';
import type { Database } from '../../db/index.js';
import {
  formatPeriod,
  isPeriodType,
  labelPeriod,
  type Period,
  parsePeriod,
  periodEnd,
  periodStart,
  shift,
} from '../../domain/period.js';
import {
  checkRule,
  DEFAULT_HOLIDAYS,
  type Holiday,
  type HolidaySet,
  holidaySet,
  isIsoDate,
  type PeriodSchedule,
  scheduleFor,
  type ValidationRule,
} from '../../domain/reporting.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { appendAudit } from '../../repositories/audit.js';
import * as indicators from '../../repositories/indicators.js';
import * as orgUnits from '../../repositories/orgUnits.js';
import * as repo from '../../repositories/reporting.js';
import type { Actor } from '../auth.js';
import { invalidForm, k } from './common.js';

export const formNotFound = (code: string) =>
  new AppError(404, 'not_found', k('reporting.form_not_found'), { code });

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

export async function unitOfForm(database: Database, form: repo.FormRow, p: Period, code: string) {
  const u = await orgUnits.findByCode(database, code, { from: periodStart(p), to: periodEnd(p) });
  if (!u) {
    // a unit that exists, but not in this period: say when it was valid
    const other = await orgUnits.findByCode(database, code);
    if (!other) throw notFound('word.org_unit', code);
    throw new AppError(400, 'unit_not_valid', 'rule.unit_validity', {
      unit: code,
      period: formatPeriod(p),
      validFrom: other.validFrom ?? '…',
      validTo: other.validTo ?? '…',
    });
  }
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
