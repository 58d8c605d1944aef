import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  DEFAULT_THROTTLE,
  decideAttempt,
  delayAfterFailures,
  type ThrottleState,
  throttleKey,
  underAttack,
} from './loginThrottle.js';

const fresh: ThrottleState = {
  pairFailures: 0,
  pairBlockedUntil: null,
  accountFailures: 0,
  accountWindowStart: null,
};
const t0 = new Date('2026-12-01T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('login throttle rules', () => {
  it('keys a typed username by its folded form', () => {
    expect(throttleKey(' Admin ')).toBe('admin');
    expect(throttleKey('Nguyễn')).toBe(throttleKey('Nguye\u0302\u0303n'.normalize('NFD')));
  });

  it('lets the first failures go free, then doubles the wait up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => delayAfterFailures(n))).toEqual([0, 0, 0, 0, 30, 60, 120]);
    expect(delayAfterFailures(100)).toBe(DEFAULT_THROTTLE.maxDelaySeconds);
    expect(delayAfterFailures(1e9)).toBe(DEFAULT_THROTTLE.maxDelaySeconds);
  });

  it('makes an address wait after its failures, and only until the delay has passed', () => {
    let s = fresh;
    for (let i = 0; i < 4; i++) s = afterFailure(s, t0);
    expect(decideAttempt(s, { now: t0, knownDevice: false })).toEqual({ verdict: 'try' });
    for (let i = 0; i < 2; i++) s = afterFailure(s, t0);
    expect(s.pairFailures).toBe(6);
    expect(decideAttempt(s, { now: t0, knownDevice: false })).toEqual({
      verdict: 'wait',
      retryAfterSeconds: 60,
      reason: 'address',
    });
    expect(decideAttempt(s, { now: at(60), knownDevice: false })).toEqual({ verdict: 'try' });
  });

  it('puts an account under attack after the limit from many addresses, for the window only', () => {
    let s = fresh;
    for (let i = 0; i < DEFAULT_THROTTLE.accountLimit; i++) {
      // each attempt from a new address: the pair counter starts again, the account one does not
      s = afterFailure({ ...s, pairFailures: 0, pairBlockedUntil: null }, at(i));
    }
    expect(underAttack(s, at(30))).toBe(true);
    const d = decideAttempt(
      { ...s, pairFailures: 0, pairBlockedUntil: null },
      { now: at(30), knownDevice: false },
    );
    expect(d.verdict).toBe('wait');
    expect(d).toMatchObject({ reason: 'account' });
    // the user's own browser still passes
    expect(decideAttempt(s, { now: at(30), knownDevice: true })).toEqual({ verdict: 'try' });
    // the window ends
    expect(underAttack(s, at(DEFAULT_THROTTLE.accountWindowMinutes * 60 + 1))).toBe(false);
  });

  it('starts a new window when the old one has run out', () => {
    const s = afterFailure(
      { ...fresh, accountFailures: 19, accountWindowStart: t0 },
      at(DEFAULT_THROTTLE.accountWindowMinutes * 60 + 5),
    );
    expect(s.accountFailures).toBe(1);
    expect(s.accountWindowStart).toEqual(at(DEFAULT_THROTTLE.accountWindowMinutes * 60 + 5));
  });
});
