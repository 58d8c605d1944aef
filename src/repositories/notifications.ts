/** Notifications and each person's choices about them: SQL only. */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';

type Target = Database | Tx;

export interface NotificationWrite {
  userId: number;
  kind: string;
  params: Record<string, unknown>;
  link: string | null;
  dedupeKey: string;
}

/** Adds notifications; one already there for the same person and event is left as it is. */
export async function insertNotifications(t: Target, rows: NotificationWrite[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await t.db
    .insertInto('notification')
    .values(
      rows.map((n) => ({
        user_id: n.userId,
        kind: n.kind,
        params: JSON.stringify(n.params),
        link: n.link,
        dedupe_key: n.dedupeKey,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export interface NotificationRow {
  id: number;
  kind: string;
  params: unknown;
  link: string | null;
  createdAt: Date | string;
  readAt: Date | string | null;
}

/** A person's notifications of the given kinds, newest first. */
export async function listForUser(
  t: Target,
  userId: number,
  q: { kinds: string[]; unreadOnly: boolean; limit: number; offset: number },
): Promise<{ items: NotificationRow[]; total: number; unread: number }> {
  if (q.kinds.length === 0) return { items: [], total: 0, unread: 0 };
  let base = t.db.selectFrom('notification').where('user_id', '=', userId).where('kind', 'in', q.kinds);
  const counts = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      sql<number>`count(*) FILTER (WHERE read_at IS NULL)`.as('unread'),
    ])
    .executeTakeFirstOrThrow();
  if (q.unreadOnly) base = base.where('read_at', 'is', null);
  const items = await base
    .select(['id', 'kind', 'params', 'link', 'created_at as createdAt', 'read_at as readAt'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return {
    items,
    total: Number(q.unreadOnly ? counts.unread : counts.total),
    unread: Number(counts.unread),
  };
}

/** Marks one of a person's notifications read; false when it is not theirs or not there. */
export async function markRead(t: Target, userId: number, id: number): Promise<boolean> {
  const r = await t.db
    .updateTable('notification')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markAllRead(t: Target, userId: number): Promise<number> {
  const r = await t.db
    .updateTable('notification')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function storedPreferences(t: Target, userId: number) {
  return t.db
    .selectFrom('notification_preference')
    .select(['kind', 'in_app as inApp', 'email'])
    .where('user_id', '=', userId)
    .execute();
}

/** Users' stored choices, for many users at once. */
export function storedPreferencesOf(t: Target, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.db
    .selectFrom('notification_preference')
    .select(['user_id as userId', 'kind', 'in_app as inApp', 'email'])
    .where('user_id', 'in', userIds)
    .execute();
}

export async function putPreferences(
  tx: Tx,
  userId: number,
  prefs: Array<{ kind: string; inApp: boolean; email: boolean }>,
) {
  if (prefs.length === 0) return;
  await tx.db
    .insertInto('notification_preference')
    .values(prefs.map((p) => ({ user_id: userId, kind: p.kind, in_app: p.inApp, email: p.email })))
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({
        in_app: eb.ref('excluded.in_app'),
        email: eb.ref('excluded.email'),
      })),
    )
    .execute();
}

/**
 * Active people with a role granted directly on one of the units (the unit's own reporters,
 * secretariat and leaders: the ones who act for it).
 */
export function peopleOnUnits(t: Target, unitIds: number[], roles: string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return t.db
    .selectFrom('user_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['g.user_id as userId', 'g.org_unit_id as unitId'])
    .where('g.org_unit_id', 'in', unitIds)
    .where('g.role', 'in', roles)
    .where('u.disabled', '=', false)
    .distinct()
    .execute();
}

/** Who last submitted a report (the person a return or an approval concerns), or null. */
export async function lastSubmitter(
  t: Target,
  key: { provinceId: number; formId: number; orgUnitId: number; periodId: number },
): Promise<number | null> {
  const r = await sql<{ user_id: number | null }>`
    SELECT user_id FROM report_submission_event
    WHERE province_id = ${key.provinceId} AND form_id = ${key.formId}
      AND org_unit_id = ${key.orgUnitId} AND period_id = ${key.periodId} AND action = 'submit'
    ORDER BY at DESC, id DESC LIMIT 1`.execute(t.db);
  return r.rows[0]?.user_id ?? null;
}

export interface UnsentRow {
  id: number;
  userId: number;
  email: string;
  displayName: string;
  kind: string;
  params: unknown;
  link: string | null;
}

/** Notifications not yet e-mailed, of people with an address, since a time (older ones are let go). */
export function unsent(t: Target, since: string, limit: number): Promise<UnsentRow[]> {
  return t.db
    .selectFrom('notification as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select([
      'n.id',
      'n.user_id as userId',
      sql<string>`u.email`.as('email'),
      'u.display_name as displayName',
      'n.kind',
      'n.params',
      'n.link',
    ])
    .where('n.emailed_at', 'is', null)
    .where('n.created_at', '>=', new Date(since))
    .where('u.email', 'is not', null)
    .where('u.email', '<>', '')
    .where('u.disabled', '=', false)
    .orderBy('n.user_id')
    .orderBy('n.id')
    .limit(limit)
    .execute();
}

/** Marks notifications as dealt with by the mailer (sent, or not wanted by e-mail). */
export async function markEmailed(t: Target, ids: number[]) {
  if (ids.length === 0) return;
  await t.db.updateTable('notification').set({ emailed_at: sql`now()` }).where('id', 'in', ids).execute();
}

export interface DueTask {
  id: number;
  title: string;
  plan: string;
  dueDate: string;
  leadUnitId: number;
  leadUnit: string;
  leadUnitName: string;
}

/** Tasks not done nor cancelled whose due date is from `today` to `days` days after it. */
export async function openTasksDueBy(t: Target, today: string, days: number): Promise<DueTask[]> {
  const r = await sql<DueTask>`
    SELECT k.id, k.title, p.code AS plan, to_char(k.due_date, 'YYYY-MM-DD') AS "dueDate",
           k.lead_unit_id AS "leadUnitId", u.code AS "leadUnit", u.name AS "leadUnitName"
    FROM task k
    JOIN plan p ON p.id = k.plan_id
    JOIN org_unit u ON u.id = k.lead_unit_id
    WHERE k.status NOT IN ('done', 'cancelled')
      AND k.due_date >= ${today}::date AND k.due_date <= ${today}::date + ${days}::int
    ORDER BY k.due_date, k.id`.execute(t.db);
  return r.rows;
}
