/** The append-only audit trail: SQL only. */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';

export interface AuditEntry {
  userId: number | null;
  username: string | null;
  ip: string | null;
  action: string;
  entity: string;
  key: string | null;
  before?: unknown;
  after?: unknown;
}

export async function appendAudit(target: Database | Tx, e: AuditEntry) {
  await target.db
    .insertInto('audit_log')
    .values({
      user_id: e.userId,
      username: e.username,
      ip: e.ip,
      action: e.action,
      entity: e.entity,
      key: e.key,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

export interface AuditQuery {
  user?: string;
  entity?: string;
  key?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function searchAudit(database: Database, q: AuditQuery) {
  let query = database.db.selectFrom('audit_log');
  if (q.user) query = query.where('username', '=', q.user);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.key) query = query.where('key', '=', q.key);
  if (q.from) query = query.where('at', '>=', sql<Date>`${q.from}::timestamptz`);
  if (q.to) query = query.where('at', '<', sql<Date>`(${q.to}::date + 1)`);
  const [items, total] = await Promise.all([
    query
      .select(['id', 'at', 'username', 'ip', 'action', 'entity', 'key', 'before', 'after'])
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}
