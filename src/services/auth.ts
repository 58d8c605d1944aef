/** Passwords (argon2id), sessions and API tokens. */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Actor, Grant } from '../access/actor.js';
import type { Database } from '../db/index.js';
import {
  afterFailure,
  DEFAULT_THROTTLE,
  decideAttempt,
  throttleKey,
  underAttack,
} from '../domain/loginThrottle.js';
import * as throttle from '../repositories/loginThrottle.js';
import * as orgUnits from '../repositories/orgUnits.js';
import { getSetting } from '../repositories/settings.js';
import * as users from '../repositories/users.js';

/** Moved to src/access/actor.ts; re-exported here for a while. Import from there. */
export type { Actor, Grant } from '../access/actor.js';

const ARGON = { algorithm: 2 /* argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Passwords too common to allow whatever their length (a short list of the worst offenders). */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '12345678910',
  'password123',
  'password1234',
  'matkhau123',
  'matkhau1234',
  'qwerty12345',
  'abc1234567',
  'admin12345',
  'admin123456',
  'vietnam123',
  'iloveyou123',
  '123456789a',
  'a123456789',
  '1234567890a',
  '1qaz2wsx3edc',
]);

/**
 * Password policy: 10–200 characters with letters and digits, or at least 16 of anything;
 * not one of the most common passwords; not containing the username. Returns rule names
 * (`min_length_10`, `letters_and_digits`, `max_length_200`, `too_common`, `contains_username`),
 * translated as `password.<rule>` in src/services/users.ts.
 */
export function passwordProblems(password: string, ctx: { username?: string } = {}): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('min_length_10');
  if (password.length > 200) problems.push('max_length_200');
  if (password.length < 16 && !(/[A-Za-zÀ-ỹ]/.test(password) && /\d/.test(password)))
    problems.push('letters_and_digits');
  if (COMMON_PASSWORDS.has(password.toLowerCase())) problems.push('too_common');
  const u = ctx.username?.trim().toLowerCase();
  if (u && u.length >= 3 && password.toLowerCase().includes(u)) problems.push('contains_username');
  return problems;
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A readable generated password (printed once when none was configured). */
export function generatePassword(): string {
  return `${randomBytes(12).toString('base64url')}7a`;
}

export async function loadActor(
  database: Database,
  userId: number,
  via: Actor['via'],
  extra: Partial<Actor> = {},
): Promise<Actor | null> {
  const user = await users.findUserById(database, userId);
  if (!user || user.disabled) return null;
  const grants = (await users.grantsOf(database, userId)).map((g) => ({
    ...g,
    role: g.role as Grant['role'],
  }));
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    isAdmin: user.is_admin,
    // a grant on a parentless unit (a province; the national root heads their paths) is at a root
    grants: grants.map(({ path: _path, ...g }) => g),
    via,
    ...extra,
  };
}

export type LoginResult =
  | { ok: true; userId: number; deviceToken: string }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'wait'; retryAfterSeconds: number };

// a hash to verify against when the user does not exist, so timing does not tell
let dummyHash: Promise<string> | undefined;

/**
 * Checks a login, throttled by account and address (domain/loginThrottle.ts). The answers for an
 * unknown, a disabled and a real account are the same at every step: the counters are keyed by the
 * typed name. `deviceToken` is the browser's device cookie, if any; a successful login returns the
 * token to (re)set, which lets that browser through while the account is attacked from elsewhere.
 */
export async function checkLogin(
  database: Database,
  username: string,
  password: string,
  ctx: {
    address: string;
    deviceToken?: string | undefined;
    /** false for HTTP Basic (a machine client on every request): no device is remembered */
    rememberDevice?: boolean;
  } = { address: '' },
): Promise<LoginResult> {
  const key = throttleKey(username);
  const address = ctx.address || '-';
  const user = await users.findUserByUsername(database, username);
  const live = user && !user.disabled ? user : undefined;
  const knownDevice =
    !!live && !!ctx.deviceToken && (await throttle.isKnownDevice(database, live.id, sha256(ctx.deviceToken)));
  const decision = decideAttempt(await throttle.readState(database, key, address), {
    now: new Date(),
    knownDevice,
  });
  if (decision.verdict === 'wait')
    return { ok: false, reason: 'wait', retryAfterSeconds: decision.retryAfterSeconds };

  let passwordOk: boolean;
  if (live) passwordOk = await verifyPassword(live.password_hash, password);
  else {
    dummyHash ??= hashPassword('not-a-real-password-0');
    await verifyPassword(await dummyHash, password);
    passwordOk = false;
  }
  if (!passwordOk || !live) {
    const state = await throttle.recordFailure(database, key, address, (s, now) => afterFailure(s, now));
    if (underAttack(state, new Date()) && state.accountWindowStart)
      await throttle.markAccountLocked(
        database,
        key,
        new Date(state.accountWindowStart.getTime() + DEFAULT_THROTTLE.accountWindowMinutes * 60_000),
      );
    return { ok: false, reason: 'wrong' };
  }
  await throttle.clearAddress(database, key, address);
  const deviceToken = knownDevice && ctx.deviceToken ? ctx.deviceToken : newSecret();
  if (ctx.rememberDevice !== false) await throttle.rememberDevice(database, live.id, sha256(deviceToken));
  return { ok: true, userId: live.id, deviceToken };
}

export async function startSession(
  database: Database,
  userId: number,
  meta: { ip: string; userAgent: string; hours: number },
): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = newSecret();
  const csrfToken = newSecret(18);
  await users.createSession(database, { idHash: sha256(cookie), userId, csrfToken, ...meta });
  return { cookie, csrfToken };
}

/** Creates an API token; the clear token is returned once and only its hash is kept. */
export async function createApiToken(
  database: Database,
  userId: number,
  opts: { name: string; scope: 'read' | 'write'; expiresAt: string | null },
) {
  const token = `chiso_${newSecret(30)}`;
  const row = await users.createToken(database, {
    userId,
    name: opts.name,
    tokenHash: sha256(token),
    prefix: token.slice(0, 12),
    scope: opts.scope,
    expiresAt: opts.expiresAt,
  });
  return { id: row.id, token, prefix: token.slice(0, 12) };
}

/** The unit the app opens on: the actor's first grant, else the `home_unit` setting, else the first province. */
export async function homeUnitOf(database: Database, actor: Actor): Promise<string | null> {
  if (actor.grants[0]) return actor.grants[0].orgUnitCode;
  return (
    (await getSetting<string>(database, 'home_unit')) ?? (await orgUnits.firstProvinceCode(database)) ?? null
  );
}
