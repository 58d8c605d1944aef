/**
 * Login throttling, as pure rules (the repository keeps the counters, the auth service applies them).
 *
 * Two counters, both keyed by the *typed* username (folded), so a username that does not exist is
 * throttled exactly like one that does and the answers never tell them apart:
 * - per account and client address: after four free failures each further failure doubles a waiting
 *   time (30 s, 1 min, 2 min … up to 15 min) for that address only — a guesser slows down, nobody else does;
 * - per account, across all addresses: past a limit within a window the account is "under attack" and
 *   accepts logins only from a device that has logged in to it before (an HttpOnly device cookie set at
 *   each successful login). A stranger can therefore never lock the real user out: the user's own
 *   browser, with the right password, still passes.
 */

export interface ThrottleSettings {
  /** consecutive failures per (account, address) that cost nothing (typing mistakes) */
  failuresBeforeDelay: number;
  /** the wait after the first failure past those, doubled on each further one */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** failures per account across all addresses, within the window, before only known devices pass */
  accountLimit: number;
  accountWindowMinutes: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  failuresBeforeDelay: 4,
  baseDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  accountLimit: 20,
  accountWindowMinutes: 60,
};

/** The username as counters key it: trimmed, case-folded, NFC (so "Admin" and "admin " are one). */
export function throttleKey(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

/** Seconds an address must wait after its n-th consecutive failure on one account (0: none). */
export function delayAfterFailures(failures: number, s: ThrottleSettings = DEFAULT_THROTTLE): number {
  if (failures <= s.failuresBeforeDelay) return 0;
  const exp = failures - s.failuresBeforeDelay - 1;
  if (exp >= 30) return s.maxDelaySeconds;
  return Math.min(s.baseDelaySeconds * 2 ** exp, s.maxDelaySeconds);
}

export interface ThrottleState {
  /** consecutive failures of this (account, address) and until when it must wait */
  pairFailures: number;
  pairBlockedUntil: Date | null;
  /** failures of the account from any address within the current window */
  accountFailures: number;
  accountWindowStart: Date | null;
}

export type ThrottleDecision =
  | { verdict: 'try' }
  | { verdict: 'wait'; retryAfterSeconds: number; reason: 'address' | 'account' };

/**
 * Before checking a password: may this attempt go ahead? A known device (it logged in to this
 * account before) always may — its password is still checked, and its failures still count.
 */
export function decideAttempt(
  state: ThrottleState,
  ctx: { now: Date; knownDevice: boolean },
  s: ThrottleSettings = DEFAULT_THROTTLE,
): ThrottleDecision {
  if (ctx.knownDevice) return { verdict: 'try' };
  const now = ctx.now.getTime();
  if (state.pairBlockedUntil && state.pairBlockedUntil.getTime() > now)
    return {
      verdict: 'wait',
      retryAfterSeconds: Math.max(1, Math.ceil((state.pairBlockedUntil.getTime() - now) / 1000)),
      reason: 'address',
    };
  if (underAttack(state, ctx.now, s)) {
    const windowEnd = (state.accountWindowStart as Date).getTime() + s.accountWindowMinutes * 60_000;
    return {
      verdict: 'wait',
      retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)),
      reason: 'account',
    };
  }
  return { verdict: 'try' };
}

/** Whether the account's failures from everywhere within the window reached the limit. */
export function underAttack(
  state: ThrottleState,
  now: Date,
  s: ThrottleSettings = DEFAULT_THROTTLE,
): boolean {
  if (!state.accountWindowStart) return false;
  const windowEnd = state.accountWindowStart.getTime() + s.accountWindowMinutes * 60_000;
  return windowEnd > now.getTime() && state.accountFailures >= s.accountLimit;
}

/** The counters after one more failure at `now`. */
export function afterFailure(
  state: ThrottleState,
  now: Date,
  s: ThrottleSettings = DEFAULT_THROTTLE,
): ThrottleState {
  const pairFailures = state.pairFailures + 1;
  const delay = delayAfterFailures(pairFailures, s);
  const windowOpen =
    state.accountWindowStart &&
    state.accountWindowStart.getTime() + s.accountWindowMinutes * 60_000 > now.getTime();
  return {
    pairFailures,
    pairBlockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : null,
    accountFailures: windowOpen ? state.accountFailures + 1 : 1,
    accountWindowStart: windowOpen ? state.accountWindowStart : now,
  };
}
