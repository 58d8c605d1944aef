/**
 * Warnings (cảnh báo): targets behind, tasks overdue or due soon, units without data.
 */
import type { Database } from '../../db/index.js';
import { labelPeriod, parsePeriod } from '../../domain/period.js';
import type { ProgressStatus } from '../../domain/progress.js';
import type { Lang } from '../../i18n/index.js';
import { ptx } from '../../i18n/plans.js';
import type { Actor } from '../auth.js';
import { visibleItems } from './progress.js';
import { listTasks } from './tasks.js';

// ---------------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------------

export type WarningType =
  | 'target_at_risk'
  | 'target_off_track'
  | 'target_overdue'
  | 'task_overdue'
  | 'task_due_soon'
  | 'missing_data';

export interface Warning {
  type: WarningType;
  severity: 'high' | 'medium' | 'low';
  message: string;
  plan: string;
  target: number | null;
  task: number | null;
  indicator: string | null;
  orgUnit: string;
  orgUnitName: string;
  leadUnit: string | null;
  status: ProgressStatus | null;
  pace: number | null;
  period: string | null;
  dueDate: string | null;
  daysLeft: number | null;
  /** Task reminders: 7, 3 or 1 days before the due date. */
  remindAt: 7 | 3 | 1 | null;
  reported: number | null;
  expected: number | null;
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 };

/** GET /api/warnings: targets at risk/off track/overdue, tasks overdue or due in 7/3/1 days, units without data. */
export async function warnings(
  database: Database,
  actor: Actor,
  lang: Lang,
  q: { asOf?: string; plan?: string },
) {
  const { asOf, evaluated } = await visibleItems(database, actor, lang, { asOf: q.asOf, plan: q.plan });
  const out: Warning[] = [];
  const base = {
    task: null,
    dueDate: null,
    daysLeft: null,
    remindAt: null,
    reported: null,
    expected: null,
    period: null,
  } as const;
  // every number, period and date in a message the locale's way: "1.039", "50%", "Tháng 6/2025", "30/06/2025"
  const locale = lang === 'en' ? 'en-US' : 'vi-VN';
  const num = (x: number | null | undefined) =>
    x === null || x === undefined ? '—' : x.toLocaleString(locale, { maximumFractionDigits: 2 });
  const pct = (x: number | null) =>
    x === null ? '—' : x.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });
  const period = (code: string) => {
    const p = parsePeriod(code);
    return p ? labelPeriod(p, lang) : code;
  };
  const day = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');
  for (const e of evaluated) {
    const it = e.item;
    const s = e.progress.status;
    const names = { indicator: lang === 'en' ? it.ind.nameEn : it.ind.name, unit: it.unit.name };
    /** What a target warning is about (the same fields, in the same order, for every target warning). */
    const about = {
      plan: it.target.plan,
      target: it.target.id,
      indicator: it.ind.code,
      orgUnit: it.unit.code,
      orgUnitName: it.unit.name,
      leadUnit: it.target.leadUnit,
      status: s,
      pace: e.progress.pace,
    };
    if (s === 'at_risk' || s === 'off_track' || s === 'overdue') {
      out.push({
        ...base,
        type: s === 'at_risk' ? 'target_at_risk' : s === 'off_track' ? 'target_off_track' : 'target_overdue',
        severity: s === 'at_risk' ? 'medium' : 'high',
        message: ptx(lang, 'plans.warning.target', {
          ...names,
          status: ptx(lang, `plans.status.${s}`),
          pace: pct(e.progress.pace),
        }),
        ...about,
        period: e.progress.current?.period ?? null,
      });
    }
    if (
      e.latestPeriod &&
      s !== 'achieved' &&
      e.latestReported !== null &&
      (e.latestReported === 0 || (e.latestExpected ?? 0) > e.latestReported)
    ) {
      out.push({
        ...base,
        type: 'missing_data',
        severity: 'low',
        message: ptx(lang, 'plans.warning.missing_data', {
          ...names,
          period: period(e.latestPeriod),
          reported: num(e.latestReported),
          expected: num(e.latestExpected),
        }),
        ...about,
        period: e.latestPeriod,
        reported: e.latestReported,
        expected: e.latestExpected,
      });
    }
  }
  const tasks = await listTasks(database, actor, lang, { plan: q.plan, asOf });
  for (const k of tasks.items) {
    if (k.status === 'done' || k.status === 'cancelled') continue;
    const d = k.daysLeft;
    if (d > 7) continue;
    const overdue = d < 0;
    out.push({
      ...base,
      type: overdue ? 'task_overdue' : 'task_due_soon',
      severity: overdue ? 'high' : d <= 1 ? 'high' : d <= 3 ? 'medium' : 'low',
      message: overdue
        ? ptx(lang, 'plans.warning.task_overdue', { title: k.title, unit: k.leadUnitName, days: -d })
        : ptx(lang, 'plans.warning.task_due', {
            title: k.title,
            unit: k.leadUnitName,
            days: d,
            due: day(k.dueDate),
          }),
      plan: k.plan,
      target: null,
      task: k.id,
      indicator: null,
      orgUnit: k.leadUnit,
      orgUnitName: k.leadUnitName,
      leadUnit: k.leadUnit,
      status: null,
      pace: null,
      dueDate: k.dueDate,
      daysLeft: d,
      remindAt: overdue ? null : d <= 1 ? 1 : d <= 3 ? 3 : 7,
    });
  }
  out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.type.localeCompare(b.type));
  const counts: Record<string, number> = {};
  for (const w of out) counts[w.type] = (counts[w.type] ?? 0) + 1;
  return { asOf, counts, items: out };
}
