/** `chiso token create`, `chiso user create`, `chiso user password`. */
import type { Database } from '../db/index.js';
import { appendAudit } from '../repositories/audit.js';
import * as units from '../repositories/orgUnits.js';
import * as users from '../repositories/users.js';
import {
  type Actor,
  createApiToken,
  generatePassword,
  hashPassword,
  passwordProblems,
} from '../services/auth.js';

export const ROLES = ['admin', 'leader', 'secretariat', 'reporter', 'viewer'] as const;

export async function createToken(
  database: Database,
  actor: Actor,
  opts: { name: string; scope: 'read' | 'write'; expiresAt: string | null },
) {
  const created = await createApiToken(database, actor.id, opts);
  await appendAudit(database, {
    userId: actor.id,
    username: actor.username,
    ip: 'cli',
    action: 'create',
    entity: 'api_token',
    key: created.prefix,
    after: { name: opts.name, scope: opts.scope, expiresAt: opts.expiresAt, via: 'cli' },
  });
  return created;
}

export type UserProblem = 'exists' | 'weak' | 'unknown_unit';

export async function createUser(
  database: Database,
  actor: Actor | null,
  u: {
    username: string;
    displayName?: string;
    password?: string;
    isAdmin?: boolean;
    role?: (typeof ROLES)[number];
    orgUnit?: string;
  },
): Promise<{ ok: true; password?: string } | { ok: false; problem: UserProblem }> {
  if (await users.findUserByUsername(database, u.username)) return { ok: false, problem: 'exists' };
  if (u.password && passwordProblems(u.password).length) return { ok: false, problem: 'weak' };
  let unitId: number | null = null;
  if (u.orgUnit) {
    const unit = await units.findByCode(database, u.orgUnit);
    if (!unit) return { ok: false, problem: 'unknown_unit' };
    unitId = unit.id;
  }
  const password = u.password ?? generatePassword();
  const created = await users.createUser(database, {
    username: u.username,
    displayName: u.displayName ?? u.username,
    passwordHash: await hashPassword(password),
    isAdmin: u.isAdmin ?? false,
    orgUnitId: unitId,
  });
  if (u.role && unitId !== null) await users.addGrant(database, created.id, u.role, unitId);
  await appendAudit(database, {
    userId: actor?.id ?? null,
    username: actor?.username ?? 'cli',
    ip: 'cli',
    action: 'create',
    entity: 'user',
    key: u.username,
    after: { isAdmin: u.isAdmin ?? false, role: u.role ?? null, orgUnit: u.orgUnit ?? null, via: 'cli' },
  });
  return { ok: true, password: u.password ? undefined : password };
}

export async function setPassword(
  database: Database,
  actor: Actor,
  username: string,
  password?: string,
): Promise<{ ok: true; password?: string } | { ok: false; problem: 'weak' | 'no_user' }> {
  const user = await users.findUserByUsername(database, username);
  if (!user) return { ok: false, problem: 'no_user' };
  if (password && passwordProblems(password).length) return { ok: false, problem: 'weak' };
  const clear = password ?? generatePassword();
  const hash = await hashPassword(clear);
  await database.transaction((tx) => users.setPasswordHash(tx, user.id, hash));
  await users.deleteSessionsOf(database, user.id);
  await users.revokeTokensOf(database, user.id);
  await appendAudit(database, {
    userId: actor.id,
    username: actor.username,
    ip: 'cli',
    action: 'password',
    entity: 'user',
    key: username,
  });
  return { ok: true, password: password ? undefined : clear };
}
