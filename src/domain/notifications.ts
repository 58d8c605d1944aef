/**
 * Notifications (thông báo): the kinds, each person's choices, and the words of each message.
 * Pure: no I/O. The service writes them in the event's transaction and mails them afterwards.
 */

export const NOTIFICATION_KINDS = [
  'report_returned',
  'report_approved',
  'assignment',
  'report_due',
  'task_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a person can choose: every notification kind, plus the daily warnings digest (e-mail only). */
export const PREFERENCE_KINDS = [...NOTIFICATION_KINDS, 'digest'] as const;
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];

export interface Preference {
  inApp: boolean;
  email: boolean;
}

/**
 * Defaults: everything shows in the app; e-mail for what needs action (a returned report, a
 * deadline, a new assignment) and the digest, not for approvals (good news can wait for the app).
 */
export const DEFAULT_PREFERENCES: Record<PreferenceKind, Preference> = {
  report_returned: { inApp: true, email: true },
  report_approved: { inApp: true, email: false },
  assignment: { inApp: true, email: true },
  report_due: { inApp: true, email: true },
  task_due: { inApp: true, email: true },
  digest: { inApp: false, email: true },
};

/** A person's choices: stored rows over the defaults. */
export function preferencesOf(
  stored: Array<{ kind: string; inApp: boolean; email: boolean }>,
): Record<PreferenceKind, Preference> {
  const out = structuredClone(DEFAULT_PREFERENCES);
  for (const s of stored)
    if ((PREFERENCE_KINDS as readonly string[]).includes(s.kind))
      out[s.kind as PreferenceKind] = { inApp: s.inApp, email: s.email };
  // the digest has no in-app form
  out.digest.inApp = false;
  return out;
}

/** The facts a notification's words are made from (names, not codes, where a person reads them). */
export interface NotificationParams {
  form?: string;
  formName?: string;
  unit?: string;
  unitName?: string;
  period?: string;
  periodLabel?: string;
  reason?: string | null;
  by?: string;
  task?: number;
  title?: string;
  plan?: string;
  dueDate?: string;
  role?: 'lead' | 'cooperating';
  what?: 'task' | 'target';
  /** Days left to the due date (0 = today). */
  daysLeft?: number;
}

type Lang = 'vi' | 'en';

/** 2026-12-01 → 01/12/2026 (vi) or 1 Dec 2026 (en). */
export function formatDay(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    day: lang === 'vi' ? '2-digit' : 'numeric',
    month: lang === 'vi' ? '2-digit' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

function daysLeftText(n: number | undefined, lang: Lang): string {
  if (n === undefined) return '';
  if (lang === 'vi') return n <= 0 ? 'hôm nay' : `còn ${n} ngày`;
  return n <= 0 ? 'today' : n === 1 ? 'in 1 day' : `in ${n} days`;
}

/** The one-line message of a notification in the reader's language. */
export function notificationText(kind: NotificationKind, p: NotificationParams, lang: Lang): string {
  const unit = p.unitName || p.unit || '';
  const form = p.formName || p.form || '';
  const period = p.periodLabel || p.period || '';
  const due = p.dueDate ? formatDay(p.dueDate, lang) : '';
  switch (kind) {
    case 'report_returned':
      return lang === 'vi'
        ? `Báo cáo "${form}" kỳ ${period} của ${unit} bị trả lại${p.by ? ` bởi ${p.by}` : ''}${p.reason ? `: ${p.reason}` : ''}`
        : `Report "${form}" for ${period}, ${unit}, was returned${p.by ? ` by ${p.by}` : ''}${p.reason ? `: ${p.reason}` : ''}`;
    case 'report_approved':
      return lang === 'vi'
        ? `Báo cáo "${form}" kỳ ${period} của ${unit} đã được duyệt${p.by ? ` bởi ${p.by}` : ''}`
        : `Report "${form}" for ${period}, ${unit}, was approved${p.by ? ` by ${p.by}` : ''}`;
    case 'assignment': {
      const what = lang === 'vi' ? (p.what === 'target' ? 'mục tiêu' : 'nhiệm vụ') : (p.what ?? 'task');
      const role =
        lang === 'vi'
          ? p.role === 'cooperating'
            ? 'phối hợp'
            : 'chủ trì'
          : p.role === 'cooperating'
            ? 'cooperating unit'
            : 'lead unit';
      return lang === 'vi'
        ? `${unit} được giao ${role} ${what} "${p.title ?? ''}"${p.plan ? ` (kế hoạch ${p.plan})` : ''}${due ? `, hạn ${due}` : ''}`
        : `${unit} was assigned as ${role} of ${what} "${p.title ?? ''}"${p.plan ? ` (plan ${p.plan})` : ''}${due ? `, due ${due}` : ''}`;
    }
    case 'report_due':
      return lang === 'vi'
        ? `Sắp đến hạn nộp báo cáo "${form}" kỳ ${period} của ${unit}: hạn ${due} (${daysLeftText(p.daysLeft, lang)})`
        : `Report "${form}" for ${period}, ${unit}, is due ${due} (${daysLeftText(p.daysLeft, lang)})`;
    case 'task_due':
      return lang === 'vi'
        ? `Nhiệm vụ "${p.title ?? ''}" của ${unit} sắp đến hạn: ${due} (${daysLeftText(p.daysLeft, lang)})`
        : `Task "${p.title ?? ''}" of ${unit} is due ${due} (${daysLeftText(p.daysLeft, lang)})`;
  }
}

/** Task reminders go out 7, 3 and 1 days before the due date and on the day; one per step. */
export function taskReminderStep(dueDate: string, today: string): 7 | 3 | 1 | 0 | null {
  const days = Math.round((Date.parse(dueDate) - Date.parse(today)) / 86_400_000);
  if (days < 0 || days > 7) return null;
  return days === 0 ? 0 : days <= 1 ? 1 : days <= 3 ? 3 : 7;
}

/** Whole days from `today` to `dueDate` (negative when past). */
export function daysBetween(today: string, dueDate: string): number {
  return Math.round((Date.parse(dueDate) - Date.parse(today)) / 86_400_000);
}
