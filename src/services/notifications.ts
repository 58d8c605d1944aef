/**
 * Notifications that reach people (thông báo): written in the transaction of the event that causes
 * them (a report returned or approved, a task or target assigned), or by the daily reminder job
 * (reports and tasks due soon); shown in the app and sent by e-mail according to each person's
 * choices. E-mail goes out from the stored rows after commit (an outbox), so nothing acknowledged
 * is lost and a re-run sends nothing twice.
 */
import nodemailer from 'nodemailer';
import type { Database, Tx } from '../db/index.js';
import {
  daysBetween,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationParams,
  notificationText,
  PREFERENCE_KINDS,
  type Preference,
  type PreferenceKind,
  preferencesOf,
  taskReminderStep,
} from '../domain/notifications.js';
import {
  formatPeriod,
  labelPeriod,
  lastEndedPeriod,
  type Period,
  type PeriodType,
  periodEnd,
  periodId,
  periodStart,
  shift,
} from '../domain/period.js';
import { needsReminder } from '../domain/reporting.js';
import type { Lang } from '../i18n/index.js';
import * as repo from '../repositories/notifications.js';
import * as reporting from '../repositories/reporting.js';
import { getSetting, putSetting } from '../repositories/settings.js';
import { holidays, scheduleOf } from './reporting/forms.js';

/** Roles that act for a unit and hear about its work. */
const ACTING_ROLES = ['leader', 'secretariat', 'reporter'];
/** Roles that fill in a unit's reports. */
const REPORTING_ROLES = ['secretariat', 'reporter'];

// ------------------------------------------------------------------------------------------------
// Writing notifications, inside the event's transaction
// ------------------------------------------------------------------------------------------------

interface ReportRef {
  provinceId: number;
  formId: number;
  orgUnitId: number;
  periodId: number;
  form: { code: string; name: string };
  unit: { code: string; name: string };
  period: Period;
}

const reportLink = (r: ReportRef) =>
  `/reports/entry?form=${encodeURIComponent(r.form.code)}&unit=${encodeURIComponent(r.unit.code)}&period=${encodeURIComponent(formatPeriod(r.period))}`;

const reportParams = (r: ReportRef): NotificationParams => ({
  form: r.form.code,
  formName: r.form.name,
  unit: r.unit.code,
  unitName: r.unit.name,
  period: formatPeriod(r.period),
  periodLabel: labelPeriod(r.period, 'vi'),
});

/**
 * A report returned or approved: the person who submitted it hears (not the reviewer themself).
 * `eventId` tells events apart (a report can be returned twice).
 */
export async function notifyReportReviewed(
  tx: Tx,
  r: ReportRef,
  action: 'return' | 'approve',
  by: { id: number; displayName: string; username: string },
  reason: string | null,
  eventId: string,
) {
  const submitter = await repo.lastSubmitter(tx, r);
  if (submitter === null || submitter === by.id) return;
  await repo.insertNotifications(tx, [
    {
      userId: submitter,
      kind: action === 'return' ? 'report_returned' : 'report_approved',
      params: { ...reportParams(r), by: by.displayName || by.username, reason },
      link: reportLink(r),
      dedupeKey: `${action}:${r.form.code}/${r.unit.code}/${formatPeriod(r.period)}:${eventId}`,
    },
  ]);
}

/** A task or target given to units: the people acting for each newly named unit hear. */
export async function notifyAssignment(
  tx: Tx,
  a: {
    what: 'task' | 'target';
    id: number;
    title: string;
    plan: string;
    dueDate?: string;
    link: string;
    units: Array<{ id: number; code: string; name: string; role: 'lead' | 'cooperating' }>;
    by: number;
  },
) {
  if (a.units.length === 0) return;
  const people = await repo.peopleOnUnits(
    tx,
    a.units.map((u) => u.id),
    ACTING_ROLES,
  );
  const unitOf = new Map(a.units.map((u) => [u.id, u]));
  await repo.insertNotifications(
    tx,
    people
      .filter((p) => p.userId !== a.by)
      .map((p) => {
        const u = unitOf.get(p.unitId);
        return {
          userId: p.userId,
          kind: 'assignment',
          params: {
            what: a.what,
            task: a.id,
            title: a.title,
            plan: a.plan,
            dueDate: a.dueDate,
            unit: u?.code,
            unitName: u?.name,
            role: u?.role,
          },
          link: a.link,
          dedupeKey: `assign:${a.what}:${a.id}:${u?.code}:${u?.role}`,
        };
      }),
  );
}

// ------------------------------------------------------------------------------------------------
// Reading and choosing
// ------------------------------------------------------------------------------------------------

export async function preferences(database: Database, userId: number) {
  return preferencesOf(await repo.storedPreferences(database, userId));
}

export async function setPreferences(
  database: Database,
  userId: number,
  prefs: Partial<Record<PreferenceKind, Partial<Preference>>>,
) {
  const current = await preferences(database, userId);
  const rows = Object.entries(prefs)
    .filter(([kind]) => (PREFERENCE_KINDS as readonly string[]).includes(kind))
    .map(([kind, p]) => ({
      kind,
      inApp: kind === 'digest' ? false : (p?.inApp ?? current[kind as PreferenceKind].inApp),
      email: p?.email ?? current[kind as PreferenceKind].email,
    }));
  await database.transaction((tx) => repo.putPreferences(tx, userId, rows));
  return preferences(database, userId);
}

export async function listNotifications(
  database: Database,
  userId: number,
  lang: Lang,
  q: { unreadOnly: boolean; limit: number; offset: number },
) {
  const prefs = await preferences(database, userId);
  const kinds = NOTIFICATION_KINDS.filter((k) => prefs[k].inApp);
  const r = await repo.listForUser(database, userId, { kinds: [...kinds], ...q });
  return {
    total: r.total,
    unread: r.unread,
    items: r.items.map((n) => ({
      id: n.id,
      kind: n.kind as NotificationKind,
      message: notificationText(n.kind as NotificationKind, n.params as NotificationParams, lang),
      link: n.link,
      createdAt: new Date(n.createdAt).toISOString(),
      readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
    })),
  };
}

export const markRead = (database: Database, userId: number, id: number) =>
  repo.markRead(database, userId, id);
export const markAllRead = (database: Database, userId: number) => repo.markAllRead(database, userId);

// ------------------------------------------------------------------------------------------------
// The reminder job: reports and tasks due soon
// ------------------------------------------------------------------------------------------------

/**
 * Reminders for `today`: every report not yet submitted whose reminder window (from the reminder
 * date to the due date, `needsReminder`) holds today, to the people who fill it in; every task not
 * done 7, 3, 1 and 0 days before its due date, to the people acting for its lead unit.
 * Idempotent: a second run the same day adds nothing.
 */
export async function remindDue(
  database: Database,
  today: string,
): Promise<{ reports: number; tasks: number }> {
  let reports = 0;
  const hol = await holidays(database);
  for (const form of await reporting.listForms(database)) {
    // the periods whose reminder window can hold today: Decree 09 windows close mid-period, so the
    // current period's report can be due before the period ends, and a long due time reaches back
    const last = lastEndedPeriod(today, form.periodType as PeriodType);
    const candidates = new Map([shift(last, 1), last, shift(last, -1)].map((p) => [formatPeriod(p), p]));
    for (const p of candidates.values()) {
      const sch = scheduleOf(form, p, hol);
      if (!needsReminder(sch, today, false)) continue;
      const units = await reporting.reportingUnits(database, form.unitSpec, {
        from: periodStart(p),
        to: periodEnd(p),
      });
      if (units.length === 0) continue;
      const subs = await reporting.submissionsOf(
        database,
        form.id,
        [periodId(p)],
        units.map((u) => u.id),
      );
      const done = new Set(
        subs.filter((s) => s.status === 'submitted' || s.status === 'approved').map((s) => s.orgUnitId),
      );
      const open = units.filter((u) => !done.has(u.id));
      const people = await repo.peopleOnUnits(
        database,
        open.map((u) => u.id),
        REPORTING_ROLES,
      );
      const unitOf = new Map(open.map((u) => [u.id, u]));
      const rows = people.map((person) => {
        const u = unitOf.get(person.unitId);
        const ref: ReportRef = {
          provinceId: u?.provinceId ?? 0,
          formId: form.id,
          orgUnitId: person.unitId,
          periodId: periodId(p),
          form: { code: form.code, name: form.name },
          unit: { code: u?.code ?? '', name: u?.name ?? '' },
          period: p,
        };
        return {
          userId: person.userId,
          kind: 'report_due',
          params: { ...reportParams(ref), dueDate: sch.dueDate, daysLeft: daysBetween(today, sch.dueDate) },
          link: reportLink(ref),
          dedupeKey: `due:${form.code}/${ref.unit.code}/${formatPeriod(p)}:${today}`,
        };
      });
      reports += await database.transaction((tx) => repo.insertNotifications(tx, rows));
    }
  }
  let tasks = 0;
  const due = await repo.openTasksDueBy(database, today, 7);
  const people = await repo.peopleOnUnits(database, [...new Set(due.map((t) => t.leadUnitId))], ACTING_ROLES);
  const rows = due.flatMap((t) => {
    const step = taskReminderStep(t.dueDate, today);
    if (step === null) return [];
    return people
      .filter((p) => p.unitId === t.leadUnitId)
      .map((p) => ({
        userId: p.userId,
        kind: 'task_due',
        params: {
          task: t.id,
          title: t.title,
          plan: t.plan,
          unit: t.leadUnit,
          unitName: t.leadUnitName,
          dueDate: t.dueDate,
          daysLeft: daysBetween(today, t.dueDate),
        },
        link: `/my-work?task=${t.id}`,
        dedupeKey: `task_due:${t.id}:${t.dueDate}:${step}`,
      }));
  });
  tasks += await database.transaction((tx) => repo.insertNotifications(tx, rows));
  return { reports, tasks };
}

// ------------------------------------------------------------------------------------------------
// E-mail
// ------------------------------------------------------------------------------------------------

export interface MailConfig {
  smtpUrl: string;
  from: string;
  appUrl: string;
  lang?: Lang;
}

/**
 * Sends by e-mail the notifications of the last two days not yet sent, one mail per person with
 * all of theirs, to people who chose e-mail for that kind. Rows are marked once their mail is
 * accepted by the SMTP server (or when the person does not want them by e-mail).
 */
export async function sendNotificationEmails(
  database: Database,
  cfg: MailConfig,
  now = new Date(),
): Promise<{ sent: number; mails: number; skipped: number }> {
  const since = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  const rows = await repo.unsent(database, since, 5000);
  if (rows.length === 0) return { sent: 0, mails: 0, skipped: 0 };
  const lang = cfg.lang ?? 'vi';
  const stored = await repo.storedPreferencesOf(database, [...new Set(rows.map((r) => r.userId))]);
  const byUser = new Map<number, typeof rows>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  const transport = nodemailer.createTransport(cfg.smtpUrl);
  const out = { sent: 0, mails: 0, skipped: 0 };
  try {
    for (const [userId, list] of byUser) {
      const prefs = preferencesOf(stored.filter((s) => s.userId === userId));
      const wanted = list.filter((n) => prefs[n.kind as NotificationKind]?.email);
      const unwanted = list.filter((n) => !prefs[n.kind as NotificationKind]?.email);
      await repo.markEmailed(
        database,
        unwanted.map((n) => n.id),
      );
      out.skipped += unwanted.length;
      if (wanted.length === 0) continue;
      const lines = wanted.map((n) => {
        const text = notificationText(n.kind as NotificationKind, n.params as NotificationParams, lang);
        return n.link ? `• ${text}\n  ${new URL(n.link, cfg.appUrl).toString()}` : `• ${text}`;
      });
      const subject =
        lang === 'en'
          ? `chiso — ${wanted.length} new notification(s)`
          : `chiso — ${wanted.length} thông báo mới`;
      const greeting = lang === 'en' ? `Dear ${list[0].displayName},` : `Kính gửi ${list[0].displayName},`;
      const footer =
        lang === 'en'
          ? `\n\nChange what you receive in chiso: ${new URL('/notifications', cfg.appUrl)}`
          : `\n\nThay đổi loại thông báo nhận qua e-mail trong chiso: ${new URL('/notifications', cfg.appUrl)}`;
      await transport.sendMail({
        from: cfg.from,
        to: list[0].email,
        subject,
        text: `${greeting}\n\n${lines.join('\n')}${footer}`,
      });
      await repo.markEmailed(
        database,
        wanted.map((n) => n.id),
      );
      out.sent += wanted.length;
      out.mails++;
    }
  } finally {
    transport.close();
  }
  return out;
}

/** Did the person choose to receive the daily digest by e-mail? */
export async function wantsDigest(database: Database, userId: number): Promise<boolean> {
  return (await preferences(database, userId)).digest.email;
}

/**
 * The reminder job once a day after `hour` (Vietnam time; remembered in the setting table so a
 * restart does not remind twice) and the mailer every few minutes when SMTP is configured.
 * Returns a stop function.
 */
export function scheduleNotifications(
  database: Database,
  cfg: MailConfig | null,
  log: (m: string) => void,
  opts: { hour?: number; everyMs?: number } = {},
): () => void {
  const hour = opts.hour ?? 7;
  const tick = async () => {
    const now = new Date(Date.now() + 7 * 3600_000); // UTC+7
    const today = now.toISOString().slice(0, 10);
    if (now.getUTCHours() >= hour && (await getSetting(database, 'reminders_last_run')) !== today) {
      await putSetting(database, 'reminders_last_run', today);
      const r = await remindDue(database, today);
      log(`Reminders ${today}: ${r.reports} report, ${r.tasks} task notification(s).`);
    }
    if (cfg) {
      const m = await sendNotificationEmails(database, cfg);
      if (m.mails) log(`Notification e-mail: ${m.sent} notification(s) in ${m.mails} mail(s).`);
    }
  };
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    void tick()
      .catch((e) => log(`Notifications failed: ${(e as Error).message}`))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(run, opts.everyMs ?? 5 * 60_000);
  timer.unref?.();
  run();
  return () => clearInterval(timer);
}
