/** Users, grants, sessions and API tokens: SQL only. */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';

export interface GrantRow {
  role: string;
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  path: number[];
  /** The unit has no parent: a province, or the national root (which heads provinces' paths). */
  atRoot: boolean;
  validFrom: string | null;
  validTo: string | null;
  /** Inherited through lineage from a grant on this unit's successor. */
  via?: string;
}

export function findUserByUsername(database: Database | Tx, username: string) {
  return database.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(database: Database, id: number) {
  return database.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A user's grants, and the grants they inherit through restructurings: a grant on a unit version
 * reaches the versions it was formed from (org_unit_lineage, transitively) — with the same role
 * where the old unit went in whole, as a viewer where only part of it did. `via` names the granted
 * unit an inherited grant comes through.
 */
export async function grantsOf(database: Database, userId: number): Promise<GrantRow[]> {
  const r = await sql<{
    role: string;
    id: number;
    code: string;
    name: string;
    path: number[];
    atRoot: boolean;
    via: string | null;
    validFrom: string | null;
    validTo: string | null;
  }>`
    WITH RECURSIVE g(role, unit_id, via) AS (
      SELECT g.role, g.org_unit_id, NULL::text FROM user_grant g WHERE g.user_id = ${userId}
      UNION
      SELECT CASE WHEN l.kind = 'full' THEN g.role ELSE 'viewer' END, l.old_unit_id, COALESCE(g.via, n.code)
      FROM g JOIN org_unit_lineage l ON l.new_unit_id = g.unit_id AND l.old_unit_id <> l.new_unit_id
      JOIN org_unit n ON n.id = g.unit_id)
    SELECT g.role, u.id, u.code, u.name, u.path, u.parent_id IS NULL AS "atRoot", min(g.via) AS via,
      to_char(u.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(u.valid_to, 'YYYY-MM-DD') AS "validTo"
    FROM g JOIN org_unit u ON u.id = g.unit_id
    GROUP BY g.role, u.id, u.code, u.name, u.path, u.parent_id, u.valid_from, u.valid_to
    ORDER BY min(g.via) NULLS FIRST, u.path`.execute(database.db);
  return r.rows.map((r) => ({
    role: r.role,
    orgUnitId: r.id,
    orgUnitCode: r.code,
    orgUnitName: r.name,
    path: r.path,
    atRoot: r.atRoot,
    validFrom: r.validFrom,
    validTo: r.validTo,
    ...(r.via ? { via: r.via } : {}),
  }));
}

export async function createUser(
  database: Database | Tx,
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

export async function addGrant(database: Database | Tx, userId: number, role: string, orgUnitId: number) {
  await database.db
    .insertInto('user_grant')
    .values({ user_id: userId, role, org_unit_id: orgUnitId })
    .onConflict((oc) => oc.doNothing())
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
    .select([
      'id',
      'name',
      'prefix',
      'scope',
      'created_at as createdAt',
      'expires_at as expiresAt',
      'last_used_at as lastUsedAt',
      'revoked_at as revokedAt',
    ])
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

/** Revokes every live token of a user (password reset, account disabled); returns how many. */
export async function revokeTokensOf(target: Database | Tx, userId: number) {
  const r = await target.db
    .updateTable('api_token')
    .set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function countUsers(database: Database): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM app_user`.execute(database.db);
  return r.rows[0]?.n ?? 0;
}

/** Active users with an e-mail address (recipients of the daily digest), by id. */
export function activeUsersWithEmail(database: Database) {
  return database.db
    .selectFrom('app_user')
    .select(['id', 'username', 'email', 'display_name'])
    .where('disabled', '=', false)
    .where('email', 'is not', null)
    .orderBy('id')
    .execute();
}

/** The fields of a user on the admin screens (never the password hash): listUsers and findUserView. */
const userViewColumns = [
  'u.id',
  'u.username',
  'u.display_name as displayName',
  'u.email',
  'u.is_admin as isAdmin',
  'u.disabled',
  'o.code as homeUnit',
  'u.locked_until as lockedUntil',
  'u.created_at as createdAt',
  'u.password_changed_at as passwordChangedAt',
] as const;

/** Users as the admin screens list them (never the password hash). */
export async function listUsers(database: Database, q: { q?: string; limit: number; offset: number }) {
  let query = database.db.selectFrom('app_user as u').leftJoin('org_unit as o', 'o.id', 'u.org_unit_id');
  if (q.q) {
    const pattern = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(u.username)`, 'like', pattern),
        eb(sql`lower(u.display_name)`, 'like', pattern),
        eb(sql`lower(coalesce(u.email, ''))`, 'like', pattern),
      ]),
    );
  }
  const [total, items] = await Promise.all([
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    query.select(userViewColumns).orderBy('u.username').limit(q.limit).offset(q.offset).execute(),
  ]);
  return { total: total.n, items };
}

/** One user with the same fields as listUsers (no password hash). */
export function findUserView(database: Database | Tx, username: string) {
  return database.db
    .selectFrom('app_user as u')
    .leftJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .select(userViewColumns)
    .where('u.username', '=', username)
    .executeTakeFirst();
}

/** Grants of a user with their ids (for the admin screens). */
export function grantsWithIds(database: Database | Tx, userId: number) {
  return database.db
    .selectFrom('user_grant as g')
    .innerJoin('org_unit as u', 'u.id', 'g.org_unit_id')
    .select(['g.id', 'g.role', 'u.code as orgUnit', 'u.name as orgUnitName'])
    .where('g.user_id', '=', userId)
    .orderBy('g.id')
    .execute();
}

export async function insertUser(
  tx: Tx,
  u: {
    username: string;
    displayName: string;
    email: string | null;
    passwordHash: string;
    isAdmin: boolean;
    orgUnitId: number | null;
    disabled: boolean;
  },
) {
  return tx.db
    .insertInto('app_user')
    .values({
      username: u.username,
      display_name: u.displayName,
      email: u.email,
      password_hash: u.passwordHash,
      is_admin: u.isAdmin,
      org_unit_id: u.orgUnitId,
      disabled: u.disabled,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

export async function updateUser(
  tx: Tx,
  id: number,
  patch: {
    displayName?: string;
    email?: string | null;
    disabled?: boolean;
    isAdmin?: boolean;
    orgUnitId?: number | null;
  },
) {
  const set: Record<string, unknown> = {};
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  if (patch.isAdmin !== undefined) set.is_admin = patch.isAdmin;
  if (patch.orgUnitId !== undefined) set.org_unit_id = patch.orgUnitId;
  if (Object.keys(set).length === 0) return;
  await tx.db.updateTable('app_user').set(set).where('id', '=', id).execute();
}

/** Sets a new password hash; clears the lockout and the account's login-failure counters. */
export async function setPasswordHash(tx: Tx, id: number, passwordHash: string) {
  await sql`DELETE FROM login_throttle WHERE account_key = (SELECT lower(username) FROM app_user WHERE id = ${id})`.execute(
    tx.db,
  );
  await tx.db
    .updateTable('app_user')
    .set({
      password_hash: passwordHash,
      password_changed_at: sql`now()`,
      failed_logins: 0,
      locked_until: null,
    })
    .where('id', '=', id)
    .execute();
}

export function countActiveAdmins(database: Database | Tx) {
  return database.db
    .selectFrom('app_user')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('is_admin', '=', true)
    .where('disabled', '=', false)
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

/** Adds a grant; returns its id (the existing one when the same grant is there). */
export async function insertGrant(tx: Tx, userId: number, role: string, orgUnitId: number) {
  const created = await tx.db
    .insertInto('user_grant')
    .values({ user_id: userId, role, org_unit_id: orgUnitId })
    .onConflict((oc) => oc.doNothing())
    .returning(['id'])
    .executeTakeFirst();
  if (created) return { id: created.id, created: true };
  const existing = await tx.db
    .selectFrom('user_grant')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function deleteGrant(tx: Tx, userId: number, grantId: number) {
  return tx.db
    .deleteFrom('user_grant as g')
    .where('g.id', '=', grantId)
    .where('g.user_id', '=', userId)
    .returning(['g.id', 'g.role', 'g.org_unit_id as orgUnitId'])
    .executeTakeFirst();
}

export async function deleteSessionsOfExcept(target: Database | Tx, userId: number, keepHash: string | null) {
  let q = target.db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepHash) q = q.where('id_hash', '<>', keepHash);
  await q.execute();
}

export async function countSessions(database: Database, userId: number) {
  const r = await database.db
    .selectFrom('user_session')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return r.n;
}
