/** Users, grants, sessions and API tokens: SQL only. */
import { sql } from 'kysely';
import type { Database } from '../db/index.js';

export interface GrantRow {
  role: string;
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  path: number[];
}

export function findUserByUsername(database: Database, username: string) {
  return database.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(database: Database, id: number) {
  return database.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function grantsOf(database: Database, userId: number): Promise<GrantRow[]> {
  const rows = await database.db
    .selectFrom('user_grant as g')
    .innerJoin('org_unit as u', 'u.id', 'g.org_unit_id')
    .select(['g.role', 'u.id', 'u.code', 'u.name', 'u.path'])
    .where('g.user_id', '=', userId)
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({
    role: r.role,
    orgUnitId: r.id,
    orgUnitCode: r.code,
    orgUnitName: r.name,
    path: r.path,
  }));
}

export async function createUser(
  database: Database,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    isAdmin?: boolean;
    orgUnitId?: number | null;
  },
) {
  return database.db
    .insertInto('app_user')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      is_admin: u.isAdmin ?? false,
      org_unit_id: u.orgUnitId ?? null,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function addGrant(database: Database, userId: number, role: string, orgUnitId: number) {
  await database.db
    .insertInto('user_grant')
    .values({ user_id: userId, role, org_unit_id: orgUnitId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function recordLoginFailure(
  database: Database,
  userId: number,
  lockAfter: number,
  lockMinutes: number,
) {
  await sql`UPDATE app_user SET failed_logins = failed_logins + 1,
      locked_until = CASE WHEN failed_logins + 1 >= ${lockAfter} THEN now() + make_interval(mins => ${lockMinutes}) ELSE locked_until END
    WHERE id = ${userId}`.execute(database.db);
}

export async function recordLoginSuccess(database: Database, userId: number) {
  await database.db
    .updateTable('app_user')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function createSession(
  database: Database,
  s: { idHash: string; userId: number; csrfToken: string; ip: string; userAgent: string; hours: number },
) {
  await sql`INSERT INTO user_session (id_hash, user_id, csrf_token, ip, user_agent, expires_at)
    VALUES (${s.idHash}, ${s.userId}, ${s.csrfToken}, ${s.ip}, ${s.userAgent}, now() + make_interval(hours => ${s.hours}))`.execute(
    database.db,
  );
}

export function findSession(database: Database, idHash: string) {
  return database.db
    .selectFrom('user_session')
    .selectAll()
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export async function touchSession(database: Database, idHash: string) {
  await database.db
    .updateTable('user_session')
    .set({ last_seen_at: sql`now()` })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(database: Database, idHash: string) {
  await database.db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOf(database: Database, userId: number) {
  await database.db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export async function createToken(
  database: Database,
  t: {
    userId: number;
    name: string;
    tokenHash: string;
    prefix: string;
    scope: string;
    expiresAt: string | null;
  },
) {
  return database.db
    .insertInto('api_token')
    .values({
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      scope: t.scope,
      expires_at: t.expiresAt,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

export function findActiveToken(database: Database, tokenHash: string) {
  return database.db
    .selectFrom('api_token')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
}

export async function touchToken(database: Database, id: number) {
  await database.db.updateTable('api_token').set({ last_used_at: sql`now()` }).where('id', '=', id).execute();
}

export function listTokens(database: Database, userId: number) {
  return database.db
    .selectFrom('api_token')
    .select(['id', 'name', 'prefix', 'scope', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

export async function revokeToken(database: Database, userId: number, id: number) {
  const r = await database.db
    .updateTable('api_token')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countUsers(database: Database): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM app_user`.execute(database.db);
  return r.rows[0]?.n ?? 0;
}
