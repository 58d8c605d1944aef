/** Counters of failed logins and the known devices of each account (rules: domain/loginThrottle.ts). */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';
import type { ThrottleState } from '../domain/loginThrottle.js';

const ACCOUNT_ROW = '';

/** The counters of one (account, address), read without locking (the check before a password). */
export async function readState(
  database: Database | Tx,
  accountKey: string,
  address: string,
): Promise<ThrottleState> {
  const rows = await database.db
    .selectFrom('login_throttle')
    .select(['address', 'failures', 'blocked_until', 'window_start'])
    .where('account_key', '=', accountKey)
    .where('address', 'in', [address, ACCOUNT_ROW])
    .execute();
  return toState(rows, address);
}

function toState(
  rows: { address: string; failures: number; blocked_until: Date | null; window_start: Date | null }[],
  address: string,
): ThrottleState {
  const pair = rows.find((r) => r.address === address);
  const account = rows.find((r) => r.address === ACCOUNT_ROW);
  const date = (d: Date | string | null | undefined) => (d ? new Date(d) : null);
  return {
    pairFailures: pair?.failures ?? 0,
    pairBlockedUntil: date(pair?.blocked_until),
    accountFailures: account?.failures ?? 0,
    accountWindowStart: date(account?.window_start),
  };
}

/** Records one failure: locks both rows, lets `next` compute the new counters, writes them back. */
export async function recordFailure(
  database: Database,
  accountKey: string,
  address: string,
  next: (state: ThrottleState, now: Date) => ThrottleState,
): Promise<ThrottleState> {
  return database.transaction(async (tx) => {
    await tx.db
      .insertInto('login_throttle')
      .values([
        { account_key: accountKey, address: ACCOUNT_ROW },
        { account_key: accountKey, address },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
    const rows = await tx.db
      .selectFrom('login_throttle')
      .select(['address', 'failures', 'blocked_until', 'window_start'])
      .where('account_key', '=', accountKey)
      .where('address', 'in', [address, ACCOUNT_ROW])
      .orderBy('address')
      .forUpdate()
      .execute();
    const { rows: clock } = await sql<{ now: Date }>`SELECT now() AS now`.execute(tx.db);
    const now = new Date(clock[0]?.now ?? Date.now());
    const state = next(toState(rows, address), now);
    await tx.db
      .updateTable('login_throttle')
      .set({ failures: state.pairFailures, blocked_until: state.pairBlockedUntil, updated_at: now })
      .where('account_key', '=', accountKey)
      .where('address', '=', address)
      .execute();
    await tx.db
      .updateTable('login_throttle')
      .set({ failures: state.accountFailures, window_start: state.accountWindowStart, updated_at: now })
      .where('account_key', '=', accountKey)
      .where('address', '=', ACCOUNT_ROW)
      .execute();
    // counters a day old have done their work
    await tx.db
      .deleteFrom('login_throttle')
      .where('updated_at', '<', sql<Date>`now() - interval '1 day'`)
      .execute();
    return state;
  });
}

/** A success from this address forgets its failures (the account-wide window runs on). */
export async function clearAddress(database: Database, accountKey: string, address: string) {
  await database.db
    .deleteFrom('login_throttle')
    .where('account_key', '=', accountKey)
    .where('address', '=', address)
    .execute();
}

/** Forgets every counter of an account (a password reset by an administrator). */
export async function clearAccount(database: Database | Tx, accountKey: string) {
  await database.db.deleteFrom('login_throttle').where('account_key', '=', accountKey).execute();
}

export async function isKnownDevice(
  database: Database,
  userId: number,
  deviceHash: string,
): Promise<boolean> {
  const row = await database.db
    .selectFrom('known_device')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('device_hash', '=', deviceHash)
    .executeTakeFirst();
  return !!row;
}

/** Whether a device cookie belongs to any account (a browser that logged in before). */
export async function isDeviceOfSomeone(database: Database, deviceHash: string): Promise<boolean> {
  const row = await database.db
    .selectFrom('known_device')
    .select('user_id')
    .where('device_hash', '=', deviceHash)
    .executeTakeFirst();
  return !!row;
}

/** Remembers a device (or refreshes it); keeps the 20 most recent per account. */
export async function rememberDevice(database: Database, userId: number, deviceHash: string) {
  await database.db
    .insertInto('known_device')
    .values({ user_id: userId, device_hash: deviceHash })
    .onConflict((oc) => oc.columns(['user_id', 'device_hash']).doUpdateSet({ last_seen_at: sql`now()` }))
    .execute();
  await sql`DELETE FROM known_device WHERE user_id = ${userId} AND device_hash NOT IN (
      SELECT device_hash FROM known_device WHERE user_id = ${userId} ORDER BY last_seen_at DESC LIMIT 20)`.execute(
    database.db,
  );
}

/** Mirrors "under attack" on the account so the users screen can show it (and an admin reset it). */
export async function markAccountLocked(database: Database, accountKey: string, until: Date | null) {
  await database.db
    .updateTable('app_user')
    .set({ locked_until: until })
    .where(sql<string>`lower(username)`, '=', accountKey)
    .execute();
}
