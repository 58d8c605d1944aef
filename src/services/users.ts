/**
 * Accounts and roles on the org tree (admins): list, create, change, disable, reset passwords,
 * grant and withdraw roles; and a user's own password change. Every write is one transaction
 * with an audit entry (before/after — never the password hash). Disabling a user or setting a
 * new password ends their sessions and revokes their API tokens (re-enabling revives neither).
 */

import type { Actor } from '../access/actor.js';
import type { Database, Tx } from '../db/index.js';
import { AppError, notFound } from '../errors.js';
import { type MessageKey, registerMessages } from '../i18n/index.js';
import { appendAudit } from '../repositories/audit.js';
import * as units from '../repositories/orgUnits.js';
import * as repo from '../repositories/users.js';
import { hashPassword, passwordProblems, verifyPassword } from './auth.js';

export const ROLES = ['admin', 'leader', 'secretariat', 'reporter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

registerMessages(
  {
    'users.weak_password': 'Mật khẩu chưa đạt yêu cầu: {{problems}}.',
    'users.wrong_password': 'Mật khẩu hiện tại không đúng.',
    'users.self_lockout': 'Không thể tự vô hiệu hóa hoặc bỏ quyền quản trị của chính mình.',
    'users.last_admin': 'Phải còn ít nhất một quản trị viên đang hoạt động.',
    'users.unknown_unit': 'Không có đơn vị mã "{{unit}}".',
    'users.grant_not_found': 'Người dùng {{username}} không có phân quyền số {{id}}.',
    'users.session_only': 'Chỉ đổi mật khẩu được khi đăng nhập (không dùng mã truy cập).',
    'password.min_length_10': 'ít nhất 10 ký tự',
    'password.max_length_200': 'tối đa 200 ký tự',
    'password.letters_and_digits': 'có cả chữ và số (hoặc dài ít nhất 16 ký tự)',
    'password.too_common': 'quá phổ biến, dễ đoán',
    'password.contains_username': 'không được chứa tên đăng nhập',
  },
  {
    'users.weak_password': 'The password does not meet the policy: {{problems}}.',
    'users.wrong_password': 'The current password is wrong.',
    'users.self_lockout': 'You cannot disable yourself or remove your own administrator right.',
    'users.last_admin': 'At least one active administrator must remain.',
    'users.unknown_unit': 'No org unit with code "{{unit}}".',
    'users.grant_not_found': 'User {{username}} has no grant number {{id}}.',
    'users.session_only': 'Passwords can only be changed from a logged-in session (not with a token).',
    'password.min_length_10': 'at least 10 characters',
    'password.max_length_200': 'at most 200 characters',
    'password.letters_and_digits': 'both letters and digits (or at least 16 characters)',
    'password.too_common': 'too common, easy to guess',
    'password.contains_username': 'must not contain the username',
  },
);

/** A feature error: message and details are message keys, translated by the error handler. */
function featureError(
  status: number,
  code: string,
  key: string,
  params: Record<string, unknown> = {},
  details: Array<{ field: string; rule?: string; messageKey: string }> = [],
) {
  return new AppError(status, code, key as MessageKey, params, details);
}

/** Throws 400 weak_password naming every rule the password breaks (vi/en). */
export function checkPasswordPolicy(password: string, username: string) {
  const problems = passwordProblems(password, { username });
  if (problems.length === 0) return;
  const keys = problems.map((p) => `password.${p}`);
  throw featureError(
    400,
    'weak_password',
    'users.weak_password',
    { problemsKeys: keys },
    problems.map((p, i) => ({ field: 'password', rule: p, messageKey: keys[i] })),
  );
}

export interface UserView {
  username: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  disabled: boolean;
  homeUnit: string | null;
  locked: boolean;
  createdAt: string;
  passwordChangedAt: string;
  grants: Array<{ id: number; role: string; orgUnit: string; orgUnitName: string }>;
}

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserView>>>;

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : '');

function present(u: UserRow, grants: UserView['grants']): UserView {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    isAdmin: u.isAdmin,
    disabled: u.disabled,
    homeUnit: u.homeUnit,
    locked: !!u.lockedUntil && new Date(u.lockedUntil as unknown as string).getTime() > Date.now(),
    createdAt: iso(u.createdAt),
    passwordChangedAt: iso(u.passwordChangedAt),
    grants,
  };
}

/** What the audit trail keeps of a user: never the password hash. */
function auditView(v: UserView) {
  const { locked: _l, createdAt: _c, passwordChangedAt: _p, ...rest } = v;
  return rest;
}

export async function listUsers(database: Database, q: { q?: string; limit: number; offset: number }) {
  const r = await repo.listUsers(database, q);
  const items = await Promise.all(
    r.items.map(async (u) => present(u, await repo.grantsWithIds(database, u.id))),
  );
  return { items, total: r.total };
}

async function load(database: Database | Tx, username: string) {
  const u = await repo.findUserView(database, username);
  if (!u) throw notFound('word.user', username);
  return { row: u, view: present(u, await repo.grantsWithIds(database, u.id)) };
}

export async function getUser(database: Database, username: string): Promise<UserView> {
  return (await load(database, username)).view;
}

async function unitId(database: Database | Tx, code: string | null | undefined) {
  if (code === undefined) return undefined;
  if (code === null || code === '') return null;
  const u = await units.findByCode(database, code);
  if (!u) throw featureError(400, 'validation', 'users.unknown_unit', { unit: code });
  return u.id;
}

export interface NewUser {
  username: string;
  displayName?: string;
  email?: string | null;
  password: string;
  isAdmin?: boolean;
  disabled?: boolean;
  homeUnit?: string | null;
  grants?: Array<{ role: Role; orgUnit: string }>;
}

export async function createUser(database: Database, actor: Actor, input: NewUser, ip: string | null) {
  checkPasswordPolicy(input.password, input.username);
  const homeId = await unitId(database, input.homeUnit);
  const grantUnits = new Map<string, number>();
  for (const g of input.grants ?? []) {
    const id = await unitId(database, g.orgUnit);
    if (id) grantUnits.set(g.orgUnit, id);
  }
  const passwordHash = await hashPassword(input.password);
  return database.transaction(async (tx) => {
    const created = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName ?? input.username,
      email: input.email ?? null,
      passwordHash,
      isAdmin: input.isAdmin ?? false,
      orgUnitId: homeId ?? null,
      disabled: input.disabled ?? false,
    });
    if (!created)
      throw new AppError(409, 'conflict', 'error.conflict', { whatKey: 'word.user', key: input.username });
    for (const g of input.grants ?? [])
      await repo.insertGrant(tx, created.id, g.role, grantUnits.get(g.orgUnit)!);
    const { view } = await load(tx, input.username);
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'create',
      entity: 'user',
      key: input.username,
      after: auditView(view),
    });
    return view;
  });
}

export interface UserPatch {
  displayName?: string;
  email?: string | null;
  disabled?: boolean;
  isAdmin?: boolean;
  homeUnit?: string | null;
}

export async function updateUser(
  database: Database,
  actor: Actor,
  username: string,
  patch: UserPatch,
  ip: string | null,
) {
  const homeId = await unitId(database, patch.homeUnit);
  return database.transaction(async (tx) => {
    const { row, view: before } = await load(tx, username);
    if (row.id === actor.id && (patch.disabled === true || patch.isAdmin === false))
      throw featureError(409, 'self_lockout', 'users.self_lockout');
    if (
      row.isAdmin &&
      !row.disabled &&
      (patch.disabled === true || patch.isAdmin === false) &&
      (await repo.countActiveAdmins(tx)) <= 1
    )
      throw featureError(409, 'last_admin', 'users.last_admin');
    await repo.updateUser(tx, row.id, {
      displayName: patch.displayName,
      email: patch.email,
      disabled: patch.disabled,
      isAdmin: patch.isAdmin,
      orgUnitId: homeId,
    });
    // a disabled user's sessions end now and their tokens are revoked (re-enabling revives neither)
    if (patch.disabled === true && !row.disabled) {
      await repo.deleteSessionsOfExcept(tx, row.id, null);
      await repo.revokeTokensOf(tx, row.id);
    }
    const { view: after } = await load(tx, username);
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'update',
      entity: 'user',
      key: username,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** A user's new password hash: their sessions but `keepSession` ended, their tokens revoked, audited. */
async function replacePassword(
  tx: Tx,
  actor: Actor,
  ip: string | null,
  p: {
    userId: number;
    key: string;
    passwordHash: string;
    keepSession: string | null;
    action: 'reset_password' | 'change_password';
    before: { passwordChangedAt: string | null };
    ended: { sessionsEnded: true } | { otherSessionsEnded: true };
  },
) {
  await repo.setPasswordHash(tx, p.userId, p.passwordHash);
  await repo.deleteSessionsOfExcept(tx, p.userId, p.keepSession);
  const tokensRevoked = await repo.revokeTokensOf(tx, p.userId);
  await appendAudit(tx, {
    userId: actor.id,
    username: actor.username,
    ip,
    action: p.action,
    entity: 'user',
    key: p.key,
    before: p.before,
    after: { passwordChanged: true, ...p.ended, tokensRevoked },
  });
}

/** Admin reset: a new password, every session of the user ended, the lockout cleared. */
export async function resetPassword(
  database: Database,
  actor: Actor,
  username: string,
  password: string,
  ip: string | null,
) {
  checkPasswordPolicy(password, username);
  const passwordHash = await hashPassword(password);
  await database.transaction(async (tx) => {
    const { row } = await load(tx, username);
    await replacePassword(tx, actor, ip, {
      userId: row.id,
      key: username,
      passwordHash,
      keepSession: row.id === actor.id ? (actor.sessionHash ?? null) : null,
      action: 'reset_password',
      before: { passwordChangedAt: iso(row.passwordChangedAt) },
      ended: { sessionsEnded: true },
    });
  });
  return { ok: true };
}

/** Oneself, with the current password: the other sessions end, this one stays. */
export async function changeOwnPassword(
  database: Database,
  actor: Actor,
  current: string,
  next: string,
  ip: string | null,
) {
  if (actor.via !== 'session') throw featureError(403, 'forbidden', 'users.session_only');
  const user = await repo.findUserById(database, actor.id);
  if (!user || !(await verifyPassword(user.password_hash, current)))
    throw featureError(400, 'wrong_password', 'users.wrong_password', {}, [
      { field: 'currentPassword', messageKey: 'users.wrong_password' },
    ]);
  checkPasswordPolicy(next, actor.username);
  const passwordHash = await hashPassword(next);
  await database.transaction(async (tx) => {
    await replacePassword(tx, actor, ip, {
      userId: actor.id,
      key: actor.username,
      passwordHash,
      keepSession: actor.sessionHash ?? null,
      action: 'change_password',
      before: { passwordChangedAt: iso(user.password_changed_at) },
      ended: { otherSessionsEnded: true },
    });
  });
  return { ok: true };
}

export async function addGrant(
  database: Database,
  actor: Actor,
  username: string,
  g: { role: Role; orgUnit: string },
  ip: string | null,
) {
  const orgUnitId = (await unitId(database, g.orgUnit)) as number;
  return database.transaction(async (tx) => {
    const { row, view: before } = await load(tx, username);
    const r = await repo.insertGrant(tx, row.id, g.role, orgUnitId);
    const { view: after } = await load(tx, username);
    if (r.created)
      await appendAudit(tx, {
        userId: actor.id,
        username: actor.username,
        ip,
        action: 'grant',
        entity: 'user',
        key: username,
        before: { grants: before.grants },
        after: { grants: after.grants },
      });
    return { id: r.id, role: g.role, orgUnit: g.orgUnit, created: r.created, grants: after.grants };
  });
}

export async function removeGrant(
  database: Database,
  actor: Actor,
  username: string,
  grantId: number,
  ip: string | null,
) {
  return database.transaction(async (tx) => {
    const { row, view: before } = await load(tx, username);
    const removed = await repo.deleteGrant(tx, row.id, grantId);
    if (!removed) throw featureError(404, 'not_found', 'users.grant_not_found', { username, id: grantId });
    const { view: after } = await load(tx, username);
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'revoke_grant',
      entity: 'user',
      key: username,
      before: { grants: before.grants },
      after: { grants: after.grants },
    });
    return { ok: true, grants: after.grants };
  });
}
